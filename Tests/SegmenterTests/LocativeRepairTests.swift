import Testing
import Segmenter

/// The fourteenth session's (gen20) repairs of ICU's own mistakes on everyday text (issue 17 §4),
/// on sentences written for these tests: no sentence here was taken from a gold set.
@Suite struct LocativeRepairTests {
    /// A noun and a one-character locative that ICU keeps as one word are two words in PKU's
    /// standard (`ICURepairs+Locatives.swift`).
    @Test(arguments: [
        ("村里新修了一条水泥路", "村里", "村|里|"),
        ("渔民们在船上晾晒渔网", "船上", "|船|上|"),
        ("他家门前种着两棵枣树", "门前", "|门|前|"),
        ("孩子们在水中嬉戏", "水中", "|水|中|"),
        ("游客在馆内排队参观", "馆内", "|馆|内|"),
    ])
    func nounAndLocativeAreTwoWords(_ row: (text: String, icuWord: String, ours: String)) {
        expectRepaired(row.text, icuWord: row.icuWord, ours: row.ours)
    }

    /// Three-character ICU words of a noun or verb and a locative: 操场 上, 完成 后.
    @Test func threeCharacterLocativesAreSplit() {
        #expect(Shared.icu.cut("学生们在操场上做早操").contains("操场上"))
        #expect(Shared.segmenter.cut("学生们在操场上做早操").contains("|操场|上|"))
        #expect(Shared.icu.cut("工程完成后将通车").contains("完成后"))
        #expect(Shared.segmenter.cut("工程完成后将通车").hasPrefix("工程|完成|后|"))
    }

    /// Lexicalised nouns with a locative stay whole: 国内, 心里, 家里, 网上, 手中.
    @Test func lexicalisedLocativesStayWhole() {
        #expect(Shared.segmenter.cut("国内旅游市场持续升温").hasPrefix("国内|"))
        #expect(Shared.segmenter.cut("她心里很踏实").contains("|心里|"))
        #expect(Shared.segmenter.cut("家里来了几位客人").hasPrefix("家里|"))
        #expect(Shared.segmenter.cut("他在网上预订了车票").contains("|网上|"))
        #expect(Shared.segmenter.cut("权力掌握在人民手中").hasSuffix("|手中"))
    }

    /// More verbs and a free complement 上 or 下 are two words (写 下, 犯 下, 停 下); the
    /// lexicalised ones stay whole (留下, 打下).
    @Test func verbAndUpDownComplementAreTwoWords() {
        #expect(Shared.icu.cut("他在本子上写下了自己的名字").contains("写下"))
        #expect(Shared.segmenter.cut("他在本子上写下了自己的名字").contains("|写|下|了|"))
        #expect(Shared.segmenter.cut("司机停下车询问路况").hasPrefix("司机|停|下|"))
        #expect(Shared.segmenter.cut("这次访问留下了深刻印象").contains("|留下|了|"))
        #expect(Shared.segmenter.cut("为发展打下坚实基础").contains("|打下|"))
    }

    /// A name with no cue still ends before a verb and its split complement (the name model:
    /// `Worker+NameModel.swift`), as it did before the ICU words 写下, 爬上 were split.
    @Test func nameEndsBeforeASplitComplement() {
        #expect(Shared.segmenter.cut("会后，林志鹏写下了一首诗").contains("林志鹏|写|下|了"))
        #expect(Shared.segmenter.cut("随后，王玉龙爬上了塔顶").contains("王玉龙|爬|上|了"))
        #expect(Shared.segmenter.cut("这时，李云清沉下心来").contains("李云清|沉|下|"))
    }

    /// Everyday words of sport, weather, food and school from the fourth vocabulary pass
    /// (`11-vocabulary.txt`) are one token where ICU cut them.
    @Test func fourthPassVocabularyIsWhole() {
        #expect(Shared.icu.cut("他每天坚持做俯卧撑").hasSuffix("俯卧|撑"))
        #expect(Shared.segmenter.cut("他每天坚持做俯卧撑").hasSuffix("|俯卧撑"))
        #expect(Shared.icu.cut("沿海地区要防范风暴潮").hasSuffix("风暴|潮"))
        #expect(Shared.segmenter.cut("沿海地区要防范风暴潮").hasSuffix("|风暴潮"))
        #expect(Shared.segmenter.cut("北方部分地区有小到中雪").hasSuffix("|中雪"))
        #expect(Shared.segmenter.cut("这次考试他得了满分").hasSuffix("|满分"))
    }
}
