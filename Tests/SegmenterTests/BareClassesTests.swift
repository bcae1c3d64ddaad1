import Testing
import Segmenter

/// The second names round of the twelfth session (`Worker+Bare.swift`): a name opening a clause
/// before a function character, rarer surnames, a country's abbreviation + 军/方, 代/别 before a
/// transliteration beginning with 尔, a county of one character with no place before it. Examples written for these tests (none from a measuring set).
@Suite struct BareClasses {
    @Test(arguments: [
        ("会后，郑玉娟也谈了自己的体会。", "郑玉娟"),
        ("侯振林曾在乡里当过十年会计。", "侯振林"),
    ])
    func aNameOpeningAClauseBeforeAFunctionCharacter(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func noNameInsideAClauseOrBeforeAWord() {
        // The bare-name rule does not join inside a clause (no title before it) nor before a word that
        // is no function character; since names19b, the name model (`Worker+NameModel.swift`) joins
        // these two, which are names with no cue, from its statistics.
        #expect(whole("我们把郑玉娟也请来了。", "郑玉娟"), "\(Shared.segmenter.cut("我们把郑玉娟也请来了。"))")
        #expect(whole("郑玉娟种植的桃树结果了。", "郑玉娟"), "\(Shared.segmenter.cut("郑玉娟种植的桃树结果了。"))")
    }

    @Test(arguments: [
        ("以军当天发表声明。", "以军"),
        ("中方愿同越方加强合作。", "越方"),
        ("据报道，叙军已收复该镇。", "叙军"),
    ])
    func aCountrysAbbreviationAndJunOrFang(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func noCountrySideWhereTheCharacterMakesAWord() {
        // 军歌 after 以 ("with the army song").
        let song = Shared.segmenter.cut("晚会以军歌大合唱开场。")
        #expect(!song.contains("以军|"), "\(song)")
    }

    @Test func aCountyOfOneCharacterOpeningAClause() {
        #expect(whole("滦县今年新修了三条公路。", "滦县"), "\(Shared.segmenter.cut("滦县今年新修了三条公路。"))")
        #expect(whole("记者来到滦县采访。", "滦县"), "\(Shared.segmenter.cut("记者来到滦县采访。"))")
        // A determiner is no county's name.
        #expect(!Shared.segmenter.cut("各县今年新修了三条公路。").contains("各县"))
    }

    @Test(arguments: [
        ("市政协副主席阚立新出席会议。", "阚立新"),
        ("县委书记谌明华主持会议。", "谌明华"),
    ])
    func aNameWithARarerSurname(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test(arguments: [
        ("部队进入代尔哈马尔村。", "代尔哈马尔"),
        ("哈萨克斯坦总统别尔杰诺夫出席。", "别尔杰诺夫"),
    ])
    func daiOrBieBeforeATransliterationBeginningWithEr(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test(arguments: [
        ("会议在南非德班举行。", "德班"),
        ("他在印尼亚齐采访灾民。", "亚齐"),
    ])
    func aCityOfTwoCharactersAfterACountryBeforeAWord(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }
}
