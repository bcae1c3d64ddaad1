import Testing
import Segmenter

/// The names19c round of the thirteenth session: rivers and lakes after a transliteration run
/// (`Worker+Provinces.swift`), two-character surnames whose first character is an everyday
/// word (公孙, 东方, 南宫) and married women's double surnames (`Worker+Surnames.swift`). The
/// gazetteer of foreign places itself is tested by its category sentences
/// (`Fixtures/lexicon/08-divisions.tsv`). Examples written for these tests (none from a
/// measuring set).
@Suite struct RiverHeadClasses {
    @Test(arguments: [
        ("考察队抵达阿穆尔河下游。", "阿穆尔河"),
        ("货船驶入萨卡里亚河。", "萨卡里亚河"),
        ("当局在阿西尼博因河沿岸疏散居民。", "阿西尼博因河"),
        ("游客来到阿拉库尔湖。", "阿拉库尔湖"),
    ])
    func aTransliterationRunTakesItsRiverOrLake(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func noHeadWhereICUJoinedItToTheNextCharacter() {
        // 河畔 is ICU's word: the run does not take its first character.
        let words = Shared.segmenter.words(in: "考察队沿着阿西尼博因河畔前行。")
        #expect(!words.contains("阿西尼博因河"), "\(words)")
        #expect(words.contains("河畔"), "\(words)")
        // A Chinese place that begins with 河 or 湖 is no head (河南, 湖北 are ICU's words).
        let places = Shared.segmenter.words(in: "萨卡里亚河南省代表团")
        #expect(!places.contains("萨卡里亚河"), "\(places)")
    }
}

@Suite struct EverydayCompoundSurnameClasses {
    @Test(arguments: [
        ("公孙志强在会上发言。", "公孙志强"),  // nearly never anything else: no cue needed
        ("东方明亮主任介绍了情况。", "东方明亮"),  // an everyday word: a title after the name
        ("南宫晓燕女士出席了活动。", "南宫晓燕"),
    ])
    func aNameWithTheSurname(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func theEverydayWordsStayWords() {
        for (text, wrong) in [("东方航空公司宣布增开航班。", "东方航空"), ("坚持东方文化与西方文化交流互鉴。", "东方文化"),
                              ("南宫市位于河北省南部。", "南宫市位"), ("公司召开了年度会议。", "公司召")] {
            let words = Shared.segmenter.words(in: text)
            #expect(!words.contains(wrong), "\(text): \(words)")
        }
    }
}

@Suite struct DoubleSurnameClasses {
    @Test(arguments: [
        ("陈林丽华女士出席了开幕式。", "陈林丽华"),  // a given name ICU keeps as one word
        ("叶刘美仪女士会见了代表团。", "叶刘美仪"),
        ("梁王秀芳主席表示支持。", "梁王秀芳"),  // two single given characters, a title
    ])
    func aDoubleSurnameBeforeATitle(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func noDoubleSurnameWithoutATitle() {
        // Two surnames in a row also open lists; a verb of saying is no cue here (in the first
        // run on the corpus it followed transliterations: 雷|任|科|夫|表示).
        for text in ["出席会议的有陈林丽华和张明。", "陈林丽华表示支持。"] {
            let words = Shared.segmenter.words(in: text)
            #expect(!words.contains("陈林丽华"), "\(text): \(words)")
        }
    }
}
