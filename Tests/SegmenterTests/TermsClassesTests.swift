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
        expectSearchParts("浙江省数字经济发展规划已经印发。", ["浙江省", "数字经济", "发展", "规划"])
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

    // Named plans of ICU's ordinary words (fifteenth session, comp23): a stem of one or two
    // words, a topic word and a plan's head, found from the head, with a left end before the
    // stem (the start, punctuation, a verb that issues a plan, 全国 or a place). Invented sentences.
    @Test(arguments: [
        ("《生态环境保护条例》明天施行。", "生态环境保护条例"),
        ("会议审议了全国农业发展纲要。", "全国农业发展纲要"),
        ("省里印发经济社会发展规划。", "经济社会发展规划"),
        ("江苏省生态环境保护条例开始施行。", "江苏省生态环境保护条例"),
        ("国务院制定全国人才队伍建设规划纲要。", "全国人才队伍建设规划纲要"),
    ])
    func aPlanOfOrdinaryWords(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func aPlanOfOrdinaryWordsNeedsALeftEnd() {
        // No left end (a verb the rule does not know as one that issues a plan, a conjunction).
        let verb = Shared.segmenter.cut("要加强城市建设规划工作")
        #expect(!verb.contains("城市建设规划"), "\(verb)")
        let conjunction = Shared.segmenter.cut("科学和技术发展规划")
        #expect(!conjunction.contains("技术发展规划"), "\(conjunction)")
        // A topic word and a head alone stay apart, and so does a law's name after the head.
        let alone = Shared.segmenter.cut("要做好发展规划。")
        #expect(alone.contains("发展|规划"), "\(alone)")
        let law = Shared.segmenter.cut("审议国家发展规划法草案")
        #expect(!law.contains("国家发展规划|"), "\(law)")
    }

    @Test func aPlanOfOrdinaryWordsHasItsPartsInSearchMode() {
        expectSearchParts("会议审议了全国农业发展纲要。", ["全国", "农业", "发展", "纲要"])
    }

    @Test func aPlaceBeforeALexiconPlan() {
        // A place before a dictionary word ending in a plan's head (优化营商环境条例) joins it; a
        // level's word (全省) does not.
        #expect(whole("新修订的辽宁省优化营商环境条例开始施行。", "辽宁省优化营商环境条例"),
                "\(Shared.segmenter.cut("新修订的辽宁省优化营商环境条例开始施行。"))")
        let level = Shared.segmenter.cut("全省优化营商环境条例")
        #expect(level.hasPrefix("全省|"), "\(level)")
    }

    // Named plans and regulations in book-title marks (fifteenth session, comp24): the marks
    // end the name on both sides, and the words between them join the head (titledPlan).
    // Invented sentences.
    @Test(arguments: [
        ("国务院公布《农村公路养护管理条例》。", "农村公路养护管理条例"),
        ("省里印发《城乡供水设施建设规划纲要》。", "城乡供水设施建设规划纲要"),
        ("根据《中华人民共和国海洋渔业资源保护条例》规定", "中华人民共和国海洋渔业资源保护条例"),
        ("印发《国务院关于修改〈城市绿化管理条例〉的决定》", "城市绿化管理条例"),
    ])
    func aPlanInBookTitleMarks(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func aTitledPlanNeedsTwoWordsOfHanCharacters() {
        // One word before the head is mostly a short reference to a title written out before.
        let short = Shared.segmenter.cut("《规划纲要》指出，要加快建设。")
        #expect(short.contains("规划|纲要"), "\(short)")
        // Brackets in the title: its words stay as they were.
        let brackets = Shared.segmenter.cut("《中国共产党党校（行政学院）工作条例》")
        #expect(brackets.contains("工作|条例"), "\(brackets)")
        // No closing mark after the head: no title.
        let open = Shared.segmenter.cut("《农村公路养护管理条例修订草案")
        #expect(!open.contains("农村公路养护管理条例"), "\(open)")
    }

    @Test func aTitledPlanHasItsPartsInSearchMode() {
        expectSearchParts("国务院公布《农村公路养护管理条例》。", ["农村", "公路", "养护", "管理", "条例"])
    }

    // Named pilot zones of ICU's words (fifteenth session, comp24): a stem of two to four words
    // and 示范区/试验区/先行区/先导区, found from the head, after 国家/国家级 (taken) or a verb that
    // sets up a zone (namedZone). Invented sentences.
    @Test(arguments: [
        ("今年要创建全域康养旅游示范区。", "全域康养旅游示范区"),
        ("这里将建成国家数字乡村创新示范区。", "国家数字乡村创新示范区"),
        ("获批国家级海洋牧场示范区。", "国家级海洋牧场示范区"),
    ])
    func aNamedZoneOfOrdinaryWords(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func aNamedZoneNeedsTwoWordsAndALeftEnd() {
        // One word before the head; a stem after verbs that set up no zone.
        let one = Shared.segmenter.cut("这里是上合示范区的核心。")
        #expect(one.contains("上合|示范区"), "\(one)")
        let noLeftEnd = Shared.segmenter.cut("总结推广零碳示范区经验。")
        #expect(noLeftEnd.contains("零碳|示范区"), "\(noLeftEnd)")
        // The 国家 of a group of countries is no left end.
        let group = Shared.segmenter.cut("中国—中东欧国家旅游合作示范区。")
        #expect(!group.contains("国家旅游合作示范区"), "\(group)")
    }

    @Test func aNamedZoneHasItsPartsInSearchMode() {
        expectSearchParts("今年要创建全域康养旅游示范区。", ["全域", "康养", "旅游", "示范区"])
    }

    // The end of a text behaves as the middle does (fifteenth session, comp25): a zone or a
    // titled plan that ends the text is joined too. Invented sentences.
    @Test func aNamedZoneAtTheEndOfTheText() {
        let middle = Shared.segmenter.cut("这里将建成国家数字乡村创新示范区。")
        let end = Shared.segmenter.cut("这里将建成国家数字乡村创新示范区")
        #expect(middle.contains("国家数字乡村创新示范区"), "\(middle)")
        #expect(end.hasSuffix("|国家数字乡村创新示范区"), "\(end)")
        // One word before the head stays apart at the end too.
        let one = Shared.segmenter.cut("这里是上合示范区")
        #expect(one.hasSuffix("上合|示范区"), "\(one)")
    }

    // A numbered period in quotes at the start of a title (《“十四五”…规划》, comp25): the name
    // after it is joined; the marks, the quotes and the period stay apart. Invented sentences.
    @Test(arguments: [
        ("印发《“十四五”乡村康养旅游发展规划》。", "乡村康养旅游发展规划"),
        ("《“十三五”海岛文化和旅游发展规划》", "海岛文化和旅游发展规划"),
    ])
    func aTitledPlanAfterAQuotedPeriod(_ pair: (String, String)) {
        let cut = Shared.segmenter.cut(pair.0)
        #expect(cut.contains("“|十") && cut.contains("五|”|\(pair.1)|》"), "\(cut)")
    }

    @Test func aQuotedPeriodNeedsTwoWordsAndTheOpeningMark() {
        // One word after the period: a short reference.
        let one = Shared.segmenter.cut("《“十四五”规划》")
        #expect(one.contains("”|规划|》"), "\(one)")
        // Words between the mark and the quotes: no quoted period at the title's start.
        let inside = Shared.segmenter.cut("《海岛“十四五”文化和旅游发展规划》")
        #expect(!inside.contains("文化和旅游发展规划"), "\(inside)")
        expectSearchParts("印发《“十四五”乡村康养旅游发展规划》。", ["乡村", "康养", "旅游", "发展", "规划"])
    }
}
