import Testing
import Segmenter

/// The names pass's place rules (`Worker+Names.swift`): autonomous counties, prefectures and
/// banners in full, a place's body of three single characters, and a place joined once being
/// known for the rest of the text. Examples written for these tests (none from a measuring set).
@Suite struct PlaceRules {
    @Test(arguments: [
        // A body, one or more ethnic names (with 族, or a longer name without it) and
        // 自治县/州/旗, whatever pieces ICU left them in.
        ("广西大化瑶族自治县是", "广西|大化瑶族自治县|是"),
        ("新疆巴里坤哈萨克自治县", "新疆|巴里坤哈萨克自治县"),
        ("桂林龙胜各族自治县", "桂林|龙胜各族自治县"),
        ("湖南省靖州苗族侗族自治县", "湖南省|靖州苗族侗族自治县"),
        // A verb of motion or a conjunction before the body is not part of it.
        ("县委书记到大化瑶族自治县调研", "县委书记|到|大化瑶族自治县|调研"),
        ("大化瑶族自治县与富川瑶族自治县", "大化瑶族自治县|与|富川瑶族自治县"),
    ])
    func autonomousPlacesInFull(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
    }

    @Test func autonomousPlacesNeedABodyAndAPeople() {
        // A title and a conjunction are no body (…负责同志|和|藏族|自治州…).
        #expect(!Shared.segmenter.cut("青海省党政负责同志和藏族自治州党政主要负责同志").contains("同志和"))
        // 自治 without its level character is left alone.
        #expect(!Shared.segmenter.cut("藏族群众实行自治").contains("藏族群众"))
        // A user's word keeps the extent the user gave it.
        var user = Shared.segmenter
        user.addWord("大化瑶族")
        #expect(user.cut("广西大化瑶族自治县").contains("大化瑶族|"))
    }

    @Test func aBodyOfThreeSingleCharacters() {
        #expect(Shared.segmenter.cut("宁夏吴忠市红寺堡区") == "宁夏|吴忠市|红寺堡区")
        // Not when the first would be a preposition or a verb of motion, nor a ranking
        // (X大县 "a large X county").
        #expect(Shared.segmenter.cut("宜昌市至兴山县").hasSuffix("至|兴|山|县"))
        #expect(!Shared.segmenter.cut("在安徽产粮大县").contains("产粮大县"))
    }

    @Test func aPlaceJoinedOnceIsKnownForTheRestOfTheText() {
        // 长兴县 follows its province in the first sentence; alone in the second. (Not 安吉县,
        // which the foreign place heads' rule now joins alone: 安 and 吉 spell a foreign name.)
        #expect(Shared.segmenter.cut("浙江省长兴县的竹林。长兴县的做法值得推广。")
            == "浙江省|长兴县|的|竹林|。|长兴县|的|做法|值得|推广|。")
        // Each call starts afresh.
        #expect(Shared.segmenter.cut("长兴县的做法值得推广。").hasPrefix("长兴|县|"))
        // A user's word is not joined into a known place.
        var user = Shared.segmenter
        user.addWord("长兴")
        #expect(user.cut("浙江省长兴县的竹林。长兴县的做法").hasSuffix("长兴|县|的|做法"))
    }

    @Test func joinedPlacesAreRulesAndTile() {
        let text = "广西大化瑶族自治县。浙江省安吉县，安吉县。"
        let tokens = Shared.segmenter.tokens(in: text)
        #expect(tiles(tokens, text))
        let joined = tokens.filter { $0.text(in: text).hasSuffix("县") }
        #expect(joined.count == 3)
        for token in joined { #expect(token.source == .rule, "\(token.text(in: text))") }
    }
}

/// Person names whose given name ICU keeps as one word of two characters (陈|立群): joined
/// after a title (as before) or before a title or a verb of saying, and then known for the rest
/// of the text.
@Suite struct NamesWithAWordAsGivenName {
    @Test(arguments: [
        ("陈立群表示，项目已经开工。", "陈立群|表示|，|项目|已经|开工|。"),
        ("陈立群表示同意。下午陈立群来到村里。", "陈立群|表示|同意|。|下午|陈立群|来到|村|里|。"),
    ])
    func beforeAVerbOfSaying(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
    }

    @Test func notAfterASingleCharacterNorBefore等NorAKinshipWord() {
        // The surname would end the word before it (科|莫 of a transliteration, 农|林).
        #expect(!Shared.segmenter.cut("纽约州州长科莫提醒居民").contains("莫提醒"))
        #expect(!Shared.segmenter.cut("深化农林渔业等领域合作").contains("林渔业"))
        // PKU keeps a surname and a kinship word apart (陆|大姐).
        #expect(Shared.segmenter.cut("陆大姐说，有了摊位").hasPrefix("陆|大姐|说"))
        // With no cue at all, ICU's pieces stay unless the name model finds the word far likelier
        // a given name than a word of the corpus (`Worker+NameModel.swift`: 陈|立群 joins, names20);
        // 光荣 is an everyday word of hundreds.
        #expect(Shared.segmenter.cut("陈光荣来到村里。").hasPrefix("陈|光荣|"))
    }
}

/// Transliterations that ICU reads as words of the transliteration alphabet (贝尔|格莱德), and
/// what ends such a run: a country's, city's or people's name, an everyday word, a trailing
/// preposition. Examples written for these tests (none from a measuring set).
@Suite struct TransliterationsOfWords {
    @Test(arguments: [
        ("代表团抵达贝尔格莱德。", "贝尔格莱德"),
        ("罗斯托夫方向的战事", "罗斯托夫"),
        ("总参谋长格拉西莫夫表示", "格拉西莫夫"),
    ])
    func joined(_ pair: (String, String)) {
        let cut = Shared.segmenter.cut(pair.0)
        #expect(cut.split(separator: "|").contains(Substring(pair.1)), "\(cut)")
        let tokens = Shared.segmenter.tokens(in: pair.0)
        #expect(tiles(tokens, pair.0))
        #expect(tokens.first { $0.text(in: pair.0) == pair.1 }?.source == .rule)
    }

    @Test func aCountryOrAnEverydayWordEndsTheRun() {
        // A country before a word of the alphabet (伊朗|伊斯兰).
        #expect(Shared.segmenter.cut("伊朗伊斯兰共和国").hasPrefix("伊朗|伊斯兰|"))
        // A preposition after a name is not part of it.
        #expect(!Shared.segmenter.cut("阿桑奇因此被捕").contains("奇因"))
        // Nor a direction before a word (西|巴尔|干 "the western Balkans"), nor an everyday word.
        #expect(Shared.segmenter.cut("西巴尔干地区").hasPrefix("西|巴尔"))
        #expect(!Shared.segmenter.cut("默默托举").contains("默默托"))
        // A run that starts with single characters keeps its old reading (普|林西|比).
        #expect(Shared.segmenter.cut("圣多美和普林西比民主共和国").contains("普林西比"))
    }
}

/// Counties and districts whose suffix ICU glues to the last character of their body
/// (普|安县, 赫|山区), after a place.
@Suite struct GluedPlaceSuffixes {
    @Test(arguments: [
        ("贵州省普安县的茶园", "贵州省|普安县|的|茶园"),
        ("益阳市赫山区的稻田", "益阳市|赫山区|的|稻田"),
        ("江苏如东县", "江苏|如东县"),
    ])
    func joinedAfterAPlace(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
    }

    @Test func notACommonNounOrAQualifier() {
        // 全市, 城区: a word of the level, not a name's end.
        #expect(!Shared.segmenter.cut("上海举全市之力推动").contains("举全市"))
        #expect(Shared.segmenter.cut("云南省玉景区的").hasPrefix("云南省|玉|景区|"))
        #expect(Shared.segmenter.cut("沈阳市旧城区改造").hasPrefix("沈阳市|旧|城区|"))
        // No place before: ICU's pieces stay.
        #expect(!Shared.segmenter.cut("他们在普安县").contains("在普"))
    }
}
