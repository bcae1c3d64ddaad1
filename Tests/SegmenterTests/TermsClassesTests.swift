import Testing
import Segmenter

/// The twelfth session's classes of the names pass (`Worker+Terms.swift`): laws and regulations
/// named without book-title marks, a country's name + 城/港/岛, a capital of two characters after
/// 首都, a foreign name of two characters after a title, a rarer character closing a run.
/// Examples written for these tests (none from a measuring set).
@Suite struct TermsClasses {
    @Test(arguments: [
        ("常委会审议了社会救助法草案。", "社会救助法"),
        ("各地开展中医药法执法检查。", "中医药法"),
        ("省里修订了城市更新条例。", "城市更新条例"),
    ])
    func aLawNamedWithoutBookTitleMarks(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func 法BeginningANameOrAWordIsNoLaw() {
        // A role before a foreign name that begins with 法; 法权, a word ICU left apart.
        let name = Shared.segmenter.cut("该组织的高级指挥官法乌尔在袭击中身亡。")
        #expect(!name.contains("指挥官法"), "\(name)")
        let word = Shared.segmenter.cut("他批判了资产阶级法权思想。")
        #expect(!word.contains("资产阶级法|"), "\(word)")
        // 条例 after a term of three characters only: often the end of a longer name.
        #expect(!Shared.segmenter.cut("惩治兴奋剂条例").contains("兴奋剂条例"))
    }

    @Test func aCountryAndItsCityPortOrIsland() {
        #expect(whole("代表团抵达科威特城开始访问。", "科威特城"), "\(Shared.segmenter.cut("代表团抵达科威特城开始访问。"))")
        #expect(whole("补给舰停靠吉布提港。", "吉布提港"), "\(Shared.segmenter.cut("补给舰停靠吉布提港。"))")
        // A single character after 城 that makes a word with it: 城铁.
        let cut = Shared.segmenter.cut("阿根廷城铁项目开工。")
        #expect(!cut.contains("阿根廷城"), "\(cut)")
    }

    @Test func aCapitalOfTwoCharactersAfterShoudu() {
        #expect(whole("斐济首都苏瓦遭遇暴雨。", "苏瓦"), "\(Shared.segmenter.cut("斐济首都苏瓦遭遇暴雨。"))")
        // A character names avoid (的) is no part of the name.
        let cut = Shared.segmenter.cut("埃塞俄比亚首都亚的斯亚贝巴")
        #expect(!cut.contains("|亚的|"), "\(cut)")
    }

    @Test func aForeignNameOfTwoCharactersAfterATitle() {
        #expect(whole("捷克总统泽曼表示欢迎。", "泽曼"), "\(Shared.segmenter.cut("捷克总统泽曼表示欢迎。"))")
        // Not before a word that is no cue (the name may go on).
        #expect(!Shared.segmenter.cut("总统泽曼宁愿留下。").contains("|泽曼|宁愿"))
    }

    @Test func aRarerCharacterClosesARun() {
        // 多 (of the rarer alphabet) after four characters of the alphabet, before 在.
        #expect(whole("世贸组织总干事阿泽维多在会上发言。", "阿泽维多"),
                "\(Shared.segmenter.cut("世贸组织总干事阿泽维多在会上发言。"))")
        // Not before a word: 多 begins 多达 there.
        #expect(!Shared.segmenter.cut("阿泽维多达成协议").contains("阿泽维多|"))
    }

    @Test func aCountyNamedByOneCharacterAfterItsProvince() {
        #expect(whole("灾区位于甘肃岷县的山区。", "岷县"), "\(Shared.segmenter.cut("灾区位于甘肃岷县的山区。"))")
        // A determiner is no county's name; 县区 is a level word.
        #expect(!Shared.segmenter.cut("辽宁各县都在抓落实。").contains("各县"))
        #expect(!Shared.segmenter.cut("他来到赣县区调研。").contains("|赣县|"))
    }

    // Named plans and regulations (fourteenth session, comp21): a term, a topic word or none, and
    // a plan's head (规划, 纲要, 条例; 行动方案, 实施意见 … as two words), with the place before it.
    @Test(arguments: [
        ("省政府印发数字经济发展规划。", "数字经济发展规划"),
        ("常委会审议野生动物保护条例草案。", "野生动物保护条例"),
        ("市里出台乡村振兴行动方案。", "乡村振兴行动方案"),
        ("浙江省数字经济发展规划已经印发。", "浙江省数字经济发展规划"),
    ])
    func aNamedPlanOrRegulation(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func aNamedPlanHasItsPartsInSearchMode() {
        let text = "浙江省数字经济发展规划已经印发。"
        let parts = Shared.segmenter.tokens(in: text, mode: .search).filter(\.isSubword).map { String($0.text(in: text)) }
        for part in ["浙江省", "数字经济", "发展", "规划"] { #expect(parts.contains(part), "\(parts)") }
    }

    @Test func aGenericPlanStaysApart() {
        // A determiner or a verb before the head; a verb as the stem's last word.
        #expect(Shared.segmenter.cut("本条例自公布之日起施行").hasPrefix("本|条例|"))
        #expect(!Shared.segmenter.cut("这个规划很重要").contains("个规划"))
        let verb = Shared.segmenter.cut("要加快编制规划")
        #expect(verb.hasSuffix("编制|规划"), "\(verb)")
        // A level's word before a plan is no place of it.
        let level = Shared.segmenter.cut("全省数字经济发展规划")
        #expect(level.hasPrefix("全省|"), "\(level)")
        // An adjective is no stem (综合性 …), nor 共同体 alone (of 命运共同体).
        #expect(!Shared.segmenter.cut("深化改革综合性实施方案").contains("综合性实施"))
        #expect(!Shared.segmenter.cut("落实命运共同体行动计划").contains("|共同体行动计划"))
    }
}
