import Testing
import Segmenter

/// The head rules of the names pass (`Worker+Heads.swift`): a head word that makes a term of
/// what precedes it (热线, 调解, 国家公园, 观, 机关, 们), and what is no modifier of a head.
/// Examples written for these tests (none from a measuring set).
@Suite struct HeadRules {
    /// Is `term` one token of `text`'s segmentation, made by a rule, with the tokens tiling?
    private func joined(_ text: String, _ term: String) -> Bool {
        let tokens = Shared.segmenter.tokens(in: text)
        guard tiles(tokens, text) else { return false }
        return tokens.contains { $0.text(in: text) == term && $0.source == .rule }
    }

    @Test(arguments: [
        // A service number, alone or with the words up to 热线.
        ("居民可以拨打12310热线反映问题。", "12310热线"),
        ("他通过12345市民服务热线反映了噪音问题。", "12345市民服务热线"),
        // One word; two when the nearer says what the line does.
        ("区里公布了供水服务热线。", "供水服务热线"),
    ])
    func hotlines(_ pair: (String, String)) {
        #expect(joined(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func aHotlineWithItsNumberIsIdeographicAndHasPartsInSearchMode() {
        let text = "拨打12315热线，2024年"
        for mode in [Segmenter.Mode.precise, .search] {
            let tokens = Shared.segmenter.tokens(in: text, mode: mode)
            #expect(tokens.first { $0.text(in: text) == "12315热线" }?.kind == .ideographic)
            // A date made by a rule stays a number.
            #expect(tokens.first { $0.text(in: text) == "2024年" }?.kind == .number)
        }
        let parts = Shared.segmenter.tokens(in: text, mode: .search).filter(\.isSubword).map { $0.text(in: text) }
        #expect(parts == ["12315", "热线"])
    }

    @Test func aVerbOrAUnitIsNoHotlinesModifier() {
        #expect(Shared.segmenter.cut("开通热线后，群众反映的问题少了。").hasPrefix("开通|热线|"))
        #expect(Shared.segmenter.cut("全天24小时热线随时接听。").contains("小时|热线"))
    }

    @Test(arguments: [
        ("社区建立了电梯纠纷调解工作室。", "电梯纠纷调解"),
        ("两家企业申请仲裁调解。", "仲裁调解"),
    ])
    func mediation(_ pair: (String, String)) {
        #expect(joined(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func anAdverbAVerbOrAMediatorIsNoKindOfMediation() {
        #expect(Shared.segmenter.cut("工作人员依法调解，双方达成协议。").contains("依法|调解"))
        #expect(Shared.segmenter.cut("联合国愿意调解两国争端。").contains("愿意|调解"))
        #expect(Shared.segmenter.cut("老王调解了邻居的争吵。").hasPrefix("老王|调解|"))
        #expect(Shared.segmenter.cut("俄罗斯调解两国争端").hasPrefix("俄罗斯|调解|"))
    }

    @Test(arguments: [
        ("我省积极创建丹霞山国家公园。", "丹霞山国家公园"),
        ("加快建设长城国家文化公园。", "长城国家文化公园"),
        // A name the pass itself joined (a transliteration) before 国家.
        ("游客来到美国约塞米蒂国家公园。", "约塞米蒂国家公园"),
    ])
    func nationalParks(_ pair: (String, String)) {
        #expect(joined(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func aParksNameHasNoFunctionCharacterClassifierVerbOrCountry() {
        #expect(Shared.segmenter.cut("构建以国家公园为主体的自然保护地体系。").hasPrefix("构建|以|国家|公园|"))
        #expect(Shared.segmenter.cut("首批国家公园正式设立。").hasPrefix("首|批|国家|公园|"))
        #expect(Shared.segmenter.cut("美国黄石国家公园发生地震。").hasPrefix("美国|黄石国家公园|"))
        #expect(!Shared.segmenter.cut("加快建设长城国家文化公园。").contains("建设长城"))
        // 大家 before 公认 is no park (the pair of classes that finds 国家|公园 finds it too).
        #expect(Shared.segmenter.cut("大家公认这是好事。").hasPrefix("大家|公认|"))
    }

    @Test func worldviews() {
        #expect(Shared.segmenter.cut("要树立正确利益观和正确金钱观。") == "要|树立|正确利益观|和|正确金钱观|。")
        #expect(joined("倡导全球治理观和积极老龄观。", "积极老龄观"))
        // ICU's single 大 before a worldview (the "big picture" view), not before 观 alone.
        #expect(joined("要树立大安全观。", "大安全观"))
        #expect(Shared.segmenter.cut("花卉大观园开园了。").contains("大|观"))
        // 正确 before a word that does not end in 观 stays apart.
        #expect(Shared.segmenter.cut("他说正确观察问题很重要。").contains("正确|观察"))
    }

    @Test func modelBodiesButNotCategoryNouns() {
        #expect(Shared.segmenter.cut("建设模范机关和学习型机关。") == "建设|模范机关|和|学习型机关|。")
        // A determiner before 机关 stays apart (the standard's 公安 机关 is the lexicon's concern).
        #expect(Shared.segmenter.cut("各级机关要带头过紧日子。").hasPrefix("各级|机关|"))
    }

    @Test func pluralsOfLongerWords() {
        #expect(Shared.segmenter.cut("讲解员们和宣讲员们来了。").hasPrefix("讲解员们|和|宣讲员们|"))
        #expect(joined("科研团队的工程师们连夜调试设备。", "工程师们"))
    }

    @Test func aUsersWordIsNotExtended() {
        var user = Shared.segmenter
        user.addWord("供水服务")
        #expect(user.cut("区里公布了供水服务热线。").contains("供水服务|热线"))
        var user2 = Shared.segmenter
        user2.addWord("讲解员")
        #expect(user2.cut("讲解员们来了。").hasPrefix("讲解员|们|"))
    }
}

/// Characters added to the transliteration alphabet from runs of it found on the corpus.
@Suite struct TransliterationAlphabet {
    @Test(arguments: [
        ("斯里兰卡总统拉贾帕克萨会见了代表团。", "拉贾帕克萨"),
        ("英国曼彻斯特的球迷", "曼彻斯特"),
    ])
    func joined(_ pair: (String, String)) {
        let cut = Shared.segmenter.cut(pair.0)
        #expect(cut.split(separator: "|").contains(Substring(pair.1)), "\(cut)")
    }
}
