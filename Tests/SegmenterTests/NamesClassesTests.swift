import Testing
import Segmenter

/// The eleventh session's classes of the names pass (`Worker+Rare.swift` and the tables of
/// `Worker+Names.swift`): the rarer transliteration alphabet inside a run, roles before names,
/// 摄 after a byline's name, a county named alone, a noun of place and its postposition, 就 in a
/// head's modifier. Examples written for these tests (none from a measuring set).
@Suite struct NamesClasses {
    @Test(arguments: [
        // A rarer character between two pieces of the alphabet (累, 法, 多).
        ("她在德累斯顿学习音乐。", "德累斯顿"),
        ("这位外长名叫阿尔法诺。", "阿尔法诺"),
        ("来访的是部长马拉多纳。", "马拉多纳"),
    ])
    func rarerCharactersInsideARun(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func rarerCharactersNeitherBeginNorEndARun() {
        // 东 is no member; 多 before a bound character (约) at the end: no name.
        #expect(Shared.segmenter.cut("伊朗东阿塞拜疆省发生地震。").contains("东|阿塞拜疆"))
        let cut = Shared.segmenter.cut("去年电费多达约三百元。")
        #expect(!cut.contains("费多达"), "\(cut)")
    }

    @Test func aForeignNameAfterATitleIsNotReadAsAChineseOne() {
        // 总统 is a cue for a Chinese name; 马|塔|雷 before 拉 is a transliteration.
        #expect(whole("意大利总统马塔雷拉表示欢迎。", "马塔雷拉"), "\(Shared.segmenter.cut("意大利总统马塔雷拉表示欢迎。"))")
    }

    @Test func rolesAnnounceNames() {
        let text = "航天员刘伟平、研究员张秀兰出席了活动。"
        #expect(whole(text, "刘伟平") && whole(text, "张秀兰"), "\(Shared.segmenter.cut(text))")
    }

    @Test func aPhotographsBylineEndsInShe() {
        #expect(Shared.segmenter.cut("本报记者王伟摄") == "本报记者|王伟|摄")
    }

    @Test func aCountyNamedAlone() {
        #expect(whole("鄱阳县的渔民开始休渔。", "鄱阳县"), "\(Shared.segmenter.cut("鄱阳县的渔民开始休渔。"))")
        // A qualifier of counties, and a longer name (a single character before the pair).
        #expect(!Shared.segmenter.cut("推进省直管县改革。").contains("直管县"))
        #expect(!Shared.segmenter.cut("他去过聂拉木县。").contains("|拉木县"))
    }

    @Test func aNounOfPlaceAndItsPostpositionIsNoName() {
        let cut = Shared.segmenter.cut("他们在祖林里的空地上种树。")
        #expect(!cut.contains("祖林里"), "\(cut)")
    }

    @Test func jiuyeIsAHeadsModifier() {
        #expect(whole("学校开通了就业咨询热线。", "就业咨询热线"), "\(Shared.segmenter.cut("学校开通了就业咨询热线。"))")
        // The adverb's words stay out (就近|调解 is a manner, not a kind of mediation).
        #expect(Shared.segmenter.cut("村干部就近调解邻里矛盾。").contains("就近|调解"))
    }

    @Test func aNameICUGluedAcrossIsJoined() {
        // A surname and a given-name character in one ICU word, after a title.
        let text = "县长张宝林、副县长王国平出席。"
        #expect(whole(text, "张宝林") && whole(text, "王国平"), "\(Shared.segmenter.cut(text))")
        // A title's last character glued to a surname: 主|任何 → 主任|何丽.
        #expect(Shared.segmenter.cut("研究室主任何丽和同事们来到现场。").hasPrefix("研究室|主任|何丽|和|"))
        // No name: a word after 任何 (何时), a word after the pair (王国|强调).
        #expect(Shared.segmenter.cut("办公室主任何时回来？").contains("何时"))
        #expect(Shared.segmenter.cut("局长王国强调要抓落实。").contains("强调"))
    }

    @Test func theFirstNameOfAListIsJoined() {
        // No cue before 周立新: the list mark and the next name of single characters are one.
        let text = "会议由周立新、陈秀兰等代表主持。"
        #expect(whole(text, "周立新") && whole(text, "陈秀兰"), "\(Shared.segmenter.cut(text))")
        // Not before a word (a list of things, not of names).
        #expect(!Shared.segmenter.cut("他买了王老吉、可乐和矿泉水。").contains("|王老吉|、|可乐"))
    }
}
