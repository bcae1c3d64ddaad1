import Foundation
import Testing
@testable import Indexer
import Segmenter

/// Documents written by the team.
enum Texts {
    static let ruralDocument = """
        全面推进乡村振兴，必须坚持农业农村优先发展。乡村振兴要抓好高标准农田建设，守住粮食安全底线。
        各地持续巩固拓展脱贫攻坚成果，推动乡村振兴取得新进展，乡村产业、乡村建设、乡村治理水平不断提升。
        高标准农田建设和粮食安全是乡村振兴的基础。
        """
    static let cppccDocument = """
        市政协围绕成渝地区双城经济圈建设开展专题协商，委员们积极参政议政。
        “渝事好商量”协商平台聚焦社情民意，推动提案办理提质增效。
        """
}

@Suite struct KeywordExtraction {
    let table = IDFTable(documents: 100, values: ["乡村振兴": 2.0, "粮食安全": 3.0, "高标准农田": 4.0, "建设": 0.5])

    @Test func topKeywordsAreWhatTheTextIsAbout() throws {
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: IDFTable.builtin ?? table, stopWords: StopWords.builtin)
        let top = extractor.tfidf(Texts.ruralDocument, top: 5).map(\.word)
        #expect(top.contains("乡村振兴"), "\(top)")
        #expect(top.contains("高标准农田") || top.contains("粮食安全"), "\(top)")
        let cppcc = extractor.tfidf(Texts.cppccDocument, top: 8).map(\.word)
        for term in ["成渝地区双城经济圈", "渝事好商量"] { #expect(cppcc.contains(term), "\(cppcc)") }
        let ranked = extractor.textRank(Texts.ruralDocument, top: 5).map(\.word)
        #expect(ranked.contains("乡村振兴"), "\(ranked)")
    }

    @Test func weightsMatchHandComputedTFIDF() throws {
        var extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [], genericWords: [])
        extractor.nameWeight = 1
        extractor.twoCharacterWeight = 1
        extractor.onceWeight = 1
        let text = "乡村振兴和粮食安全。乡村振兴需要高标准农田。"
        let words = extractor.candidates(text)
        // Candidates: no punctuation, no single characters (和), the rest in order.
        #expect(words == ["乡村振兴", "粮食安全", "乡村振兴", "需要", "高标准农田"])
        let keywords = extractor.tfidf(text, top: 10)
        let weight = Dictionary(uniqueKeysWithValues: keywords.map { ($0.word, $0.weight) })
        // (1 + ln tf) · idf.
        #expect(abs((weight["乡村振兴"] ?? 0) - (1 + log(2.0)) * 2.0) < 1e-12)
        #expect(abs((weight["粮食安全"] ?? 0) - 3.0) < 1e-12)
        #expect(abs((weight["高标准农田"] ?? 0) - 4.0) < 1e-12)
        // An unknown word gets the table's median idf (values 0.5, 2, 3, 4 -> index 2 -> 3.0).
        #expect(table.defaultIDF == 3.0)
        #expect(abs((weight["需要"] ?? 0) - 3.0) < 1e-12)
        #expect(keywords.first?.word == "高标准农田")
    }

    /// Words the segmenter joins with one of its general suffixes (交易|量, 加工|厂) are general
    /// words, not names: no name weight (the extractor's list had drifted from the segmenter's).
    @Test func wordsWithTheSegmentersSuffixesAreNoNames() throws {
        let idf = IDFTable(documents: 100, values: ["交易": 1.0, "交易量": 2.0, "加工": 1.0, "加工厂": 2.0])
        var extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [], genericWords: [])
        extractor.nameWeight = 2
        extractor.twoCharacterWeight = 1
        extractor.onceWeight = 1
        extractor.genericWeight = 1  // general words weigh as they are: a name would weigh twice
        let text = "股市交易量明显放大，食品加工厂扩大生产。"
        let words = extractor.candidates(text)
        #expect(words.contains("交易量") && words.contains("加工厂"), "\(words)")
        let weight = Dictionary(uniqueKeysWithValues: extractor.tfidf(text, top: 20).map { ($0.word, $0.weight) })
        #expect(abs((weight["交易量"] ?? 0) - 2.0) < 1e-9, "\(weight)")
        #expect(abs((weight["加工厂"] ?? 0) - 2.0) < 1e-9, "\(weight)")
    }

    /// Equal weights keep the order in which the words first occur (jieba's stable sort), so a
    /// shorter top is the start of a longer one (it was not: the top was chosen by first
    /// occurrence and then sorted by word).
    @Test func tiesKeepTheTextsOrderAndTopsArePrefixes() throws {
        var extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [], genericWords: [])
        extractor.nameWeight = 1
        extractor.twoCharacterWeight = 1
        extractor.onceWeight = 1
        // 需要, 保障, 粮食安全 all weigh 3.0 (the median idf for the unknown two, the table's for
        // the third); by word they would come 保障, 粮食安全, 需要.
        let text = "需要保障粮食安全。"
        #expect(extractor.candidates(text) == ["需要", "保障", "粮食安全"])
        let all = extractor.tfidf(text, top: 10)
        #expect(all.map(\.word) == ["需要", "保障", "粮食安全"])
        #expect(Set(all.map(\.weight)).count == 1)
        #expect(extractor.tfidf(text, top: 2).map(\.word) == ["需要", "保障"])
        for document in [Texts.ruralDocument, Texts.cppccDocument] {
            let long = extractor.tfidf(document, top: 20).map(\.word)
            #expect(extractor.tfidf(document, top: 5).map(\.word) == Array(long.prefix(5)))
            let ranked = extractor.textRank(document, top: 20).map(\.word)
            #expect(extractor.textRank(document, top: 5).map(\.word) == Array(ranked.prefix(5)))
        }
    }

    /// The factors, each against the same text without it: generic words, names, general
    /// dictionary words and verb complements, the title.
    @Test func weightFactors() throws {
        let idf = IDFTable(documents: 100, values: ["建设": 2.0, "习近平": 2.0, "同比": 2.0, "送上": 2.0, "课题": 2.0, "北京市": 2.0])
        let plain: KeywordExtractor = {
            var e = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [], genericWords: [])
            e.nameWeight = 1
            e.twoCharacterWeight = 1
            e.onceWeight = 1
            e.genericWeight = 1
            e.titleWeight = 1
            return e
        }()
        let text = "习近平谈建设课题，北京市同比送上。"
        let base = Dictionary(uniqueKeysWithValues: plain.tfidf(text, top: 10).map { ($0.word, $0.weight) })
        for word in ["习近平", "建设", "同比", "送上", "课题", "北京市"] { #expect(base[word] == 2.0, "\(word): \(base)") }

        let defaults = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [])
        let weight = Dictionary(uniqueKeysWithValues: defaults.tfidf(text, title: "课题研究", top: 10).map { ($0.word, $0.weight) })
        #expect(abs((weight["习近平"] ?? 0) - 2.0 * defaults.nameWeight) < 1e-12)   // nr
        #expect(abs((weight["北京市"] ?? 0) - 2.0 * defaults.nameWeight) < 1e-12)   // ns
        // Two characters: × twoCharacterWeight as well.
        let two = defaults.twoCharacterWeight
        #expect(two < 1)
        // GenericWords; met once and no dictionary's: × onceWeight too.
        #expect(abs((weight["建设"] ?? 0) - 2.0 * two * defaults.onceWeight * defaults.genericWeight) < 1e-12)
        #expect(abs((weight["同比"] ?? 0) - 2.0 * two * defaults.genericWeight) < 1e-12)  // tag d
        #expect(abs((weight["送上"] ?? 0) - 2.0 * two * defaults.genericWeight) < 1e-12)  // ends in 上
        #expect(abs((weight["课题"] ?? 0) - 2.0 * two * defaults.titleWeight) < 1e-12)    // in the title
        // A word only in the title is not a keyword of the text.
        #expect(weight["研究"] == nil)
        #expect(GenericWords.builtin.contains("推进") && !GenericWords.builtin.contains("乡村振兴"))
    }

    /// In a news item, a word met twice or more that lies inside the title without being one of
    /// its words (人大 in 全国人大常委会委员长会议) weighs as the title's words do; not one met
    /// once (委员, in 委员长), not in a text longer than `titlePartTextBytes`, and not with
    /// `titlePartTF` 0.
    @Test func recurringWordsInsideTheTitleCountAsInIt() throws {
        let idf = IDFTable(documents: 100, values: ["人大": 3.0, "委员": 3.0, "报告": 3.0, "决议": 3.0])
        var e = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [], genericWords: [])
        #expect(e.titlePartTF == 0)   // off by default
        e.titlePartTF = 2
        e.predicateShareLimit = 1
        let text = "人大通过决议，人大还听取委员报告。"
        let title = "全国人大常委会委员长会议举行"
        let words = e.candidates(text)
        try #require(words.filter { $0 == "人大" }.count == 2 && words.contains("委员") && words.contains("报告"))
        // The title's own words do not hold 人大 or 委员 alone: they lie inside a longer word.
        try #require(!e.candidates(title).contains("人大") && !e.candidates(title).contains("委员"))
        let weight = { (e: KeywordExtractor, text: String) in
            Dictionary(uniqueKeysWithValues: e.tfidf(text, title: title, top: 10).map { ($0.word, $0.weight) })
        }
        let inside = weight(e, text)
        var off = e
        off.titlePartTF = 0
        let without = weight(off, text)
        #expect((without["人大"] ?? 0) > 0)
        #expect(abs((inside["人大"] ?? 0) - (without["人大"] ?? 0) * e.titleWeight) < 1e-9)
        #expect(inside["委员"] == without["委员"])   // met once
        #expect(inside["报告"] == without["报告"])   // not in the title
        // A long text (a report): no change.
        let long = text + String(repeating: "报告听取。", count: e.titlePartTextBytes / 15 + 1)
        #expect(weight(e, long)["人大"] == weight(off, long)["人大"])
    }

    /// A word of two characters met once, not in the title, that no dictionary gives (水潭,
    /// 岩壁: a short item's rare filler) weighs `onceWeight` more; not one met twice (洞穴), one
    /// in the title (蝌蚪) or a dictionary's (闭门).
    @Test func rareTwoCharacterWordsMetOnceWeighLess() throws {
        let idf = IDFTable(documents: 100, values: ["洞穴": 3.0, "水潭": 3.0, "蝌蚪": 3.0, "岩壁": 3.0, "闭门": 3.0])
        var defaults = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [], genericWords: [])
        defaults.predicateShareLimit = 1  // no word is a predicate by the table
        var without = defaults
        without.onceWeight = 1
        #expect(defaults.onceWeight < 1)
        let text = "科考队在洞穴水潭发现蝌蚪，洞穴岩壁陡峭。会议闭门举行。"
        let title = "洞穴里的蝌蚪"
        let weight = Dictionary(uniqueKeysWithValues: defaults.tfidf(text, title: title, top: 20).map { ($0.word, $0.weight) })
        let plain = Dictionary(uniqueKeysWithValues: without.tfidf(text, title: title, top: 20).map { ($0.word, $0.weight) })
        for word in ["水潭", "岩壁"] {
            let ratio = (weight[word] ?? 0) / (plain[word] ?? 1)
            #expect(abs(ratio - defaults.onceWeight) < 1e-12, "\(word): \(weight) \(plain)")
        }
        for word in ["洞穴", "蝌蚪", "闭门"] {
            #expect(weight[word] != nil && weight[word] == plain[word], "\(word): \(weight) \(plain)")
        }
        // Equal idf: the rare words met once come after the recurring word and the title's.
        let top = defaults.tfidf(text, title: title, top: 2).map(\.word)
        #expect(Set(top) == ["洞穴", "蝌蚪"], "\(top)")
    }

    /// What the factors are for: a long report's generic words give way to its terms, the
    /// title's subject comes first.
    @Test func genericWordsGiveWayAndTheTitleLeads() throws {
        let idf = IDFTable.builtin ?? table
        let report = String(repeating: "推进建设，加强建设，推动发展，深化改革。", count: 20) + "黄河流域生态保护和高质量发展取得进展，高标准农田建设加快，粮食安全得到保障。"
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: StopWords.builtin)
        let top = extractor.tfidf(report, top: 3).map(\.word)
        #expect(top.contains("黄河流域生态保护和高质量发展"), "\(top)")
        #expect(top.filter { GenericWords.builtin.contains($0) }.isEmpty, "\(top)")
        var unweighted = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: StopWords.builtin, genericWords: [])
        unweighted.twoCharacterWeight = 1
        unweighted.onceWeight = 1
        let crowded = unweighted.tfidf(report, top: 3).map(\.word)
        #expect(crowded.contains { GenericWords.builtin.contains($0) }, "\(crowded)")

        let item = "市政协围绕成渝地区双城经济圈开展协商。委员们就乡村振兴提出建议。"
        #expect(extractor.tfidf(item, title: "委员建言乡村振兴", top: 1).first?.word == "乡村振兴")
    }

    /// Plurals in 们 and ordinals are no candidates (judged good 0 times in 40 each, seventh
    /// round); a dictionary's name in 们 stays one.
    @Test func pluralsAndOrdinalsAreNoCandidates() throws {
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [], genericWords: [])
        let text = "同事们和科学家们参加了会议，我们感谢乡亲们。"
        let words = extractor.candidates(text)
        #expect(!words.contains { $0.hasSuffix("们") }, "\(words)")
        #expect(words.contains("会议") && words.contains("感谢"), "\(words)")
        let top = extractor.tfidf(text, top: 20).map(\.word)
        #expect(!top.contains { $0.hasSuffix("们") } && top.contains("会议"), "\(top)")
        func frame(_ word: String) -> Bool { Array(word.utf8).withUnsafeBufferPointer { KeywordExtractor.isFrameWord($0) } }
        for word in ["我们", "同事们", "科学家们", "第十三届", "第二次", "第三十次", "第二十", "十四届", "二十一次"] {
            #expect(frame(word), "\(word)")
        }
        for word in ["第一书记", "二十届三中全会", "届次", "两次", "次日", "力量", "们", "第"] {
            #expect(!frame(word), "\(word)")
        }
        var segmenter = Shared.segmenter
        segmenter.addWord("图们", tag: "ns")
        let named = KeywordExtractor(segmenter: segmenter, idf: table, stopWords: [], genericWords: [])
        let place = "图们口岸通关。图们口岸繁忙。"
        #expect(named.candidates(place).contains("图们"), "\(named.candidates(place))")
        #expect(named.tfidf(place, top: 5).map(\.word).contains("图们"))
    }

    /// A word of three characters or more in 性, 式 or 量 (not 力量) weighs as a generic word.
    @Test func generalSuffixesMakeAWordGeneric() throws {
        func general(_ word: String) -> Bool {
            Array(word.utf8).withUnsafeBufferPointer { KeywordExtractor.endsWithGeneralSuffix($0) }
        }
        for word in ["针对性", "可靠性", "开幕式", "非正式", "吞吐量", "客流量", "正能量"] { #expect(general(word), "\(word)") }
        for word in ["力量", "中坚力量", "性别", "方式", "质量", "形式", "中国式现代化", "数量"] { #expect(!general(word), "\(word)") }
        let idf = IDFTable(documents: 100, values: ["吞吐量": 4.0, "集装箱": 4.0, "针对性": 4.0, "港口": 4.0])
        var extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [], genericWords: [])
        extractor.twoCharacterWeight = 1
        extractor.onceWeight = 1
        extractor.genericWeight = 0.5
        let weight = Dictionary(uniqueKeysWithValues: extractor.tfidf("港口集装箱吞吐量增长，措施有针对性。", top: 20).map { ($0.word, $0.weight) })
        #expect(abs((weight["集装箱"] ?? 0) - 4.0) < 1e-9, "\(weight)")
        #expect(abs((weight["吞吐量"] ?? 0) - 2.0) < 1e-9, "\(weight)")
        #expect(abs((weight["针对性"] ?? 0) - 2.0) < 1e-9, "\(weight)")
        // The news's frame is in the generic words (seventh round).
        for word in ["周年", "仪式", "总书记", "党中央", "题目", "关系", "友好"] { #expect(GenericWords.builtin.contains(word), "\(word)") }
    }

    @Test func chineseNumeralsAreNumbers() {
        let yes = ["一九", "十八", "二千", "一九八", "二年", "百分", "两亿"]
        let no = ["三农", "年度", "分红", "五四运动", "一", "百年大计"]
        for word in yes { #expect(Array(word.utf8).withUnsafeBufferPointer { KeywordExtractor.isChineseNumber($0) }, "\(word)") }
        for word in no { #expect(!Array(word.utf8).withUnsafeBufferPointer { KeywordExtractor.isChineseNumber($0) }, "\(word)") }
        // Words the dictionary knows stay: 十四五 is a plan, not a number.
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [])
        let words = extractor.tfidf("一九八二年，“十四五”开局。", top: 10).map(\.word)
        #expect(words.contains("十四五"), "\(words)")
        #expect(!words.contains("一九") && !words.contains("二年"), "\(words)")
    }

    /// Words the segmenter joins by rule (people's and transliterated names) are keywords;
    /// its other rule tokens (numbers, dates, ordinals) are not.
    @Test func namesJoinedByRuleAreKeywords() {
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [])
        let words = extractor.tfidf("省委书记李明华同志指出，第十二条要落实。李明华强调，克林顿基金会2024年发表声明。", top: 20).map(\.word)
        #expect(words.contains("李明华") && words.contains("克林顿"), "\(words)")
        #expect(!words.contains("第十二") && !words.contains("2024年"), "\(words)")
        #expect(extractor.candidates("省委书记李明华同志指出").contains("李明华"))
    }

    /// Numbers the segmenter joins in Chinese numerals (十三亿多, 五千多, 二十号) are numbers, not
    /// keywords; names joined by rule stay.
    @Test func joinedChineseNumbersAreNotKeywords() {
        let yes = ["十三亿多", "五千多", "三百多万", "四五十", "二十一", "二十号", "一九五八年", "九时"]
        let no = ["李明华", "克林顿", "多哈", "一带一路", "十三亿人", "万家灯火"]
        for word in yes { #expect(Array(word.utf8).withUnsafeBufferPointer { KeywordExtractor.isJoinedNumber($0) }, "\(word)") }
        for word in no { #expect(!Array(word.utf8).withUnsafeBufferPointer { KeywordExtractor.isJoinedNumber($0) }, "\(word)") }
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [])
        let text = "全国十三亿多人口中，五千多名代表二十号到京。十三亿多人民期待，五千多名代表二十号讨论克林顿基金会。"
        let words = extractor.tfidf(text, top: 20).map(\.word)
        #expect(!words.contains("十三亿多") && !words.contains("五千多") && !words.contains("二十号"), "\(words)")
        #expect(words.contains("克林顿"), "\(words)")
    }

    /// A bilateral abbreviation the segmenter leaves as two lone characters (中|塔, 柬|中, 加|方)
    /// is a candidate when the document names the country (塔吉克斯坦 for 中|塔); its two orders are
    /// one candidate; 比|方 ("for example") is no side, and a pair inside a run of lone
    /// characters (中|老|缅|泰) is a list.
    @Test func bilateralAbbreviationsAreCandidatesWhenTheCountryIsNamed() throws {
        let text = "塔吉克斯坦总统访华。中塔关系发展良好，塔中友谊深厚。丹方表示支持。"  // 丹|方: the names pass joins 加|方 (`Worker+Bare.swift`)
        let tokens = Shared.segmenter.tokens(in: text).map { String(decoding: Array(text.utf8)[$0.utf8Range], as: UTF8.self) }
        try #require(tokens.contains("中") && tokens.contains("塔") && tokens.contains("方"), "\(tokens)")
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [])
        let keywords = extractor.tfidf(text, top: 20)
        let words = keywords.map(\.word)
        #expect(words.contains("中塔"), "\(words)")
        #expect(!words.contains("塔中"), "\(words)")
        // 丹麦 is not in the text: 丹|方 is no side of it.
        #expect(!words.contains("丹方"), "\(words)")
        // Both orders counted as one: twice the weight of one occurrence's (1 + ln 2).
        let once = extractor.tfidf("塔吉克斯坦总统访华。中塔关系发展良好。", top: 20)
        let weight = keywords.first { $0.word == "中塔" }?.weight ?? 0
        let single = once.first { $0.word == "中塔" }?.weight ?? 0
        #expect(single > 0 && abs(weight / single - (1 + log(2.0))) < 1e-9, "\(weight) \(single)")
        let lone: ([UInt32]) -> (Int) -> UInt32 = { scalars in { scalars[$0] } }
        let none = KeywordExtractor.noNeighbour
        func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
        #expect(KeywordExtractor.bilateralPartner(at: 0, count: 2, lone: lone(scalars("中塔"))) == scalars("塔")[0])
        #expect(KeywordExtractor.bilateralPartner(at: 0, count: 2, lone: lone(scalars("柬中"))) == scalars("柬")[0])
        #expect(KeywordExtractor.bilateralPartner(at: 0, count: 2, lone: lone(scalars("加方"))) == scalars("加")[0])
        #expect(KeywordExtractor.bilateralPartner(at: 0, count: 2, lone: lone(scalars("比方"))) == nil)
        #expect(KeywordExtractor.bilateralPartner(at: 0, count: 2, lone: lone(scalars("中中"))) == nil)
        #expect(KeywordExtractor.bilateralPartner(at: 0, count: 2, lone: lone(scalars("大中"))) == nil)
        // In a run of lone characters (中|老|缅|泰), or with one before it (朝|中|社), no pair.
        #expect(KeywordExtractor.bilateralPartner(at: 0, count: 4, lone: lone(scalars("中老缅泰"))) == nil)
        #expect(KeywordExtractor.bilateralPartner(at: 1, count: 3, lone: lone(scalars("社朝中"))) == nil)
        #expect(KeywordExtractor.bilateralPartner(at: 1, count: 3, lone: lone([none] + scalars("中塔"))) == scalars("塔")[0])
    }

    /// Two adjacent words of the pair table that a news item repeats are a keyword of their own
    /// with the table's idf (超级|计算机 twice), their words keeping their weights; not when met
    /// once, not when the same word always follows (超级|计算机|中心: a piece of a longer term),
    /// not in a text longer than `pairTextBytes`, not when the table lacks the pair.
    @Test func twoWordTermsOfThePairTable() throws {
        let text = "国产超级计算机建成。超级计算机很快。超级大国的计算机。超级显微镜。"
        let tokens = Shared.segmenter.tokens(in: text).map { String(decoding: Array(text.utf8)[$0.utf8Range], as: UTF8.self) }
        try #require(tokens.filter { $0 == "超级" }.count == 4 && tokens.filter { $0 == "计算机" }.count == 3, "\(tokens)")
        let idf = IDFTable(documents: 100, values: ["超级": 4.0, "计算机": 4.0, "大国": 4.0, "显微镜": 4.0])
        var rule = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [])
        rule.pairs = try KeywordPairs(text: "# first second idf\n超级 计算机 6.5\n超级 大国 7\n超级 显微镜 8\n")
        #expect(rule.pairs.count == 3 && rule.pairTextBytes == 6_000)
        var none = rule
        none.pairs = .empty
        func weights(_ e: KeywordExtractor, _ t: String) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: e.tfidf(t, top: 30).map { ($0.word, $0.weight) })
        }
        let with = weights(rule, text), without = weights(none, text)
        #expect(abs((with["超级计算机"] ?? 0) - (1 + log(2.0)) * 6.5) < 1e-9, "\(with)")
        #expect(with["超级"] == without["超级"] && with["计算机"] == without["计算机"])
        // Met once: 超级大国, 超级显微镜.
        #expect(with["超级大国"] == nil && with["超级显微镜"] == nil, "\(with)")
        // The same word after every occurrence: a piece of 超级计算机中心.
        let piece = "超级计算机中心建成。超级计算机中心启用。超级大国。计算机很好。"
        #expect(weights(rule, piece)["超级计算机"] == nil)
        // A text longer than `pairTextBytes`.
        var short = rule
        short.pairTextBytes = text.utf8.count - 1
        #expect(weights(short, text)["超级计算机"] == nil)
        // A pair in the title weighs as the title's words do.
        let titled = Dictionary(uniqueKeysWithValues: rule.tfidf(text, title: "超级计算机", top: 30).map { ($0.word, $0.weight) })
        #expect(abs((titled["超级计算机"] ?? 0) - 2 * (1 + log(2.0)) * 6.5) < 1e-9, "\(titled)")
        // The built-in table holds the corpus's pairs, and no numeral with its classifier.
        #expect(KeywordPairs.builtin.count > 1_000)
        let builtin = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [])
        #expect(!builtin.tfidf("共用一顶帐篷，一户一顶帐篷。", top: 10).map(\.word).contains("一顶帐篷"))
        #expect(builtin.tfidf(text, top: 10).map(\.word).contains("超级计算机"))
    }

    /// A malformed line of a pair table is an error naming it.
    @Test func pairTableErrorsNameTheLine() {
        #expect(throws: KeywordPairsError.self) { try KeywordPairs(text: "# c\n超级 计算机\n") }
        do {
            _ = try KeywordPairs(text: "超级 计算机 6.5\n\n超级 大国 many\n", name: "pairs.txt")
            Issue.record("no error")
        } catch let error as KeywordPairsError {
            #expect(error.description == "pairs.txt:3: expected `first second idf`")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// A long dictionary term lends its occurrences to the longest of its dictionary parts
    /// that also stand alone in the document (三中全会 in 十九届三中全会); an official title
    /// (中央军委主席) lends nothing, and a long text (a report) is left as it is.
    @Test func partsOfLongTermsTakeTheirOccurrences() throws {
        let text = "党的十九届三中全会在京召开。三中全会审议通过了决定。十九届三中全会公报发布。中央军委主席习近平视察部队。中央军委发布命令。"
        let tokens = Shared.segmenter.tokens(in: text).map { String(decoding: Array(text.utf8)[$0.utf8Range], as: UTF8.self) }
        try #require(tokens.filter { $0 == "十九届三中全会" }.count == 2 && tokens.filter { $0 == "三中全会" }.count == 1, "\(tokens)")
        try #require(tokens.contains("中央军委主席") && tokens.contains("中央军委"), "\(tokens)")
        let idf = IDFTable(documents: 100, values: ["十九届三中全会": 5.0, "三中全会": 4.0, "中央军委": 4.0])
        let rule = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [])
        #expect(rule.partTermLength == 4)
        var none = rule
        none.partTermLength = 0
        func weights(_ e: KeywordExtractor, _ t: String) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: e.tfidf(t, top: 30).map { ($0.word, $0.weight) })
        }
        let with = weights(rule, text), without = weights(none, text)
        // 三中全会: 1 + 2 occurrences, (1 + ln 3) against (1 + ln 1); the long term keeps its own.
        let ratio = (with["三中全会"] ?? 0) / (without["三中全会"] ?? 1)
        #expect(abs(ratio - (1 + log(3.0))) < 1e-9, "\(with) \(without)")
        #expect(with["十九届三中全会"] == without["十九届三中全会"])
        // An official title (中央军委主席, nnt) lends nothing to 中央军委 standing alone.
        #expect(with["中央军委"] != nil && with["中央军委"] == without["中央军委"])
        // A text longer than `partTextBytes`: no lending.
        var short = rule
        short.partTextBytes = text.utf8.count - 1
        #expect(weights(short, text)["三中全会"] == without["三中全会"])
        // The parts, longest first and nested ones left out.
        let standing = ["十九届": 0, "三中全会": 1, "全会": 2, "中全会": 3]
        func parts(_ term: String) -> [Int] {
            var kept: [(Int, Int, Int)] = []
            Array(term.utf8).withUnsafeBufferPointer { t in
                KeywordExtractor.standingParts(of: t, kept: &kept) { standing[String(decoding: $0, as: UTF8.self)] }
            }
            return kept.map(\.2)
        }
        #expect(parts("十九届三中全会") == [1, 0])
        #expect(parts("三中全会") == [3])
        #expect(parts("全会") == [])
    }

    /// Of the words the segmenter joins, a name weighs as a dictionary name does; a word with
    /// its suffix (世界|观) as a generic word, when the table knows its stem (世界) — a name
    /// ending in a suffix character (王志|业) is no such word, since 王志 is not one. (A word in
    /// 们, 市民|们, is no candidate at all.)
    @Test func joinedNamesWeighAsNamesAndSuffixWordsAsGeneric() throws {
        let text = "省委书记李明华同志指出，要树立正确的世界观，市民们表示支持。"
        let tokens = Shared.segmenter.tokens(in: text)
        let utf8 = Array(text.utf8)
        let joined = Set(tokens.filter { $0.source == .rule }.map { String(decoding: utf8[$0.utf8Range], as: UTF8.self) })
        try #require(joined.contains("李明华") && joined.contains("世界观") && joined.contains("市民们"), "\(joined)")
        let idf = IDFTable(documents: 100, values: ["李明华": 2.0, "世界观": 2.0, "世界": 1.0, "市民们": 2.0, "市民": 1.0])
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [], genericWords: [])
        let weight = Dictionary(uniqueKeysWithValues: extractor.tfidf(text, top: 20).map { ($0.word, $0.weight) })
        #expect(abs((weight["李明华"] ?? 0) - 2.0 * extractor.nameWeight) < 1e-12, "\(weight)")
        #expect(abs((weight["世界观"] ?? 0) - 2.0 * extractor.genericWeight) < 1e-12, "\(weight)")
        #expect(weight["市民们"] == nil, "\(weight)")
        for (word, suffixWord) in [("市民们", true), ("世界观", true), ("王志业", false), ("李明华", false), ("市民", false)] {
            #expect(Array(word.utf8).withUnsafeBufferPointer { extractor.isSuffixWord($0) } == suffixWord, "\(word)")
        }
        // The news's frame is generic; its subjects are not.
        for word in ["会见", "总统", "本台", "常委会"] { #expect(GenericWords.builtin.contains(word), "\(word)") }
        for word in ["柬埔寨", "上合组织", "临港新片区"] { #expect(!GenericWords.builtin.contains(word), "\(word)") }
    }

    /// A name the segmenter splits into a word and a lone character, seen twice or more,
    /// comes out whole; a known word beside the same character by chance does not.
    @Test func fragmentsJoinTheirLoneCharacter() throws {
        let idf = IDFTable(documents: 100, values: ["历史": 2.0, "台风": 3.0, "福建": 3.0])
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [])
        // 海|高斯: the segmenter keeps the lone character apart from the word (checked below, so
        // the test says when that stops being an example).
        let stormText = "台风海高斯登陆福建。海高斯随后减弱，海高斯移向浙江。"
        #expect(Shared.segmenter.words(in: stormText).contains("高斯"))
        let storm = extractor.tfidf(stormText, top: 10).map(\.word)
        #expect(storm.contains("海高斯"), "\(storm)")
        #expect(!storm.contains("高斯"), "\(storm)")
        let history = extractor.tfidf("他研究二战历史。二战历史很长。", top: 10).map(\.word)
        #expect(!history.contains { $0.hasSuffix("历史") && $0 != "历史" }, "\(history)")
        // Once is no evidence: a word seen once keeps its neighbours apart.
        let once = extractor.tfidf("台风海高斯登陆福建。", top: 10).map(\.word)
        #expect(!once.contains("海高斯"), "\(once)")
    }

    /// A name the segmenter leaves in pieces comes out whole when it recurs in the document:
    /// a two-character word after the same surname every time (陈|立群), even when the IDF
    /// table knows the word; three lone characters starting with a surname (王|志|宏). Once
    /// is no evidence.
    @Test func namesRebuiltFromSurnames() throws {
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: IDFTable.builtin ?? table, stopWords: StopWords.builtin)
        // Whether the segmenter splits it or not, the keyword is the whole name.
        let twice = extractor.tfidf("陈立群校长说，陈立群来到台江。", top: 10).map(\.word)
        #expect(twice.contains("陈立群") && !twice.contains("立群"), "\(twice)")
        let text = "昨天王志宏在会上发言，王志宏在现场。"
        let pieces = Shared.segmenter.words(in: text)
        let words = extractor.tfidf(text, top: 10).map(\.word)
        #expect(words.contains("王志宏"), "\(pieces) -> \(words)")
        // Once: three lone characters stay pieces (not a keyword) unless the segmenter joined them.
        let once = extractor.tfidf("昨天王志宏在会上发言。", top: 10).map(\.word)
        #expect(once.contains("王志宏") == Shared.segmenter.words(in: "昨天王志宏在会上发言。").contains("王志宏"), "\(once)")
        // A longer run of lone characters is no name (王|志|宏|飞|来: the run goes on; before 来|了
        // the name model (`Worker+NameModel.swift`) reads 来 as a verb and joins 王志宏).
        let run4 = extractor.tfidf("昨天王志宏飞来。王志宏飞来。", top: 10).map(\.word)
        #expect(run4.contains("王志宏") == Shared.segmenter.words(in: "王志宏飞来").contains("王志宏"), "\(run4)")
        // The rule's own conditions: a surname first, lone characters, no longer run of them.
        #expect(KeywordExtractor.isSurname("陈".unicodeScalars.first!.value))
        #expect(!KeywordExtractor.isSurname("的".unicodeScalars.first!.value))
        #expect(!KeywordExtractor.isSurname("时".unicodeScalars.first!.value))  // more often a word of its own
        let lone: [UInt32] = [KeywordExtractor.noNeighbour, 0x738B, 0x5FD7, 0x5B8F, KeywordExtractor.noNeighbour]  // x 王 志 宏 x
        #expect(KeywordExtractor.singleCharacterName(at: 1, count: 5, lone: { lone[$0] }))
        #expect(!KeywordExtractor.singleCharacterName(at: 2, count: 5, lone: { lone[$0] }))  // 志 is no surname
        let run: [UInt32] = [0x514B, 0x738B, 0x5FD7, 0x5B8F, 0x6797]  // 克 王 志 宏 林: a longer run of lone characters
        #expect(!KeywordExtractor.singleCharacterName(at: 1, count: 5, lone: { run[$0] }))
        #expect(!KeywordExtractor.singleCharacterName(at: 3, count: 5, lone: { lone[$0] }))  // runs past the end
        // A common word after a surname character is a word, not a given name (池黄|高铁:
        // 高铁's idf is below `givenNameIDF`).
        let rail = extractor.tfidf("池黄高铁开通运营，池黄高铁全长125公里。", top: 10).map(\.word)
        #expect(!rail.contains("黄高铁"), "\(Shared.segmenter.words(in: "池黄高铁开通运营")) -> \(rail)")
    }

    /// Two candidates always side by side, twice or more, each with an idf of at least
    /// `phrasePartIDF` and neither generic, are one phrase; the pieces give way to it.
    @Test func adjacentCandidatesThatRecurBecomeAPhrase() throws {
        let idf = IDFTable(documents: 1000, values: ["人间": 5.0, "正道": 6.0, "沧桑": 6.0, "北京": 1.8, "举办": 3.3, "论坛": 4.0, "推进": 5.0])
        var extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: idf, stopWords: [])
        // This rule alone: the pair table (twoWordTermsOfThePairTable) also takes 人间|正道 apart.
        extractor.pairs = .empty
        let text = "人间正道是沧桑，人间正道。"
        try #require(Shared.segmenter.words(in: text).filter { $0 == "人间" || $0 == "正道" }.count == 4)
        let words = extractor.tfidf(text, top: 10).map(\.word)
        #expect(words.contains("人间正道") && !words.contains("人间") && !words.contains("正道"), "\(words)")
        // The phrase's weight: (1 + ln 2) · the table's idf of the phrase (unknown: its median).
        let weight = extractor.tfidf(text, top: 10).first { $0.word == "人间正道" }?.weight ?? 0
        #expect(abs(weight - (1 + log(2.0)) * idf.defaultIDF) < 1e-12, "\(weight)")
        // Once is no phrase; nor are pieces that also occur apart.
        #expect(!extractor.tfidf("人间正道是沧桑。", top: 10).map(\.word).contains("人间正道"))
        let apart = extractor.tfidf("人间正道是沧桑。正道沧桑，人间正道。", top: 10).map(\.word)
        #expect(!apart.contains("人间正道") && apart.contains("正道"), "\(apart)")
        // A common part (北京, idf 1.8 < 3.5) frames a term rather than being a piece of one.
        let frame = extractor.tfidf("论坛在北京举办。论坛在北京举办。", top: 10).map(\.word)
        #expect(!frame.contains("北京举办"), "\(frame)")
        var lenient = extractor
        lenient.phrasePartIDF = 1
        #expect(lenient.tfidf("论坛在北京举办。论坛在北京举办。", top: 10).map(\.word).contains("北京举办"))
        // A numeral with its classifier is never part of one (一顶|帐篷).
        for (word, numeral) in [("一顶", true), ("两国", true), ("几个", true), ("帐篷", false), ("一带一路", false), ("统一", false)] {
            #expect(Array(word.utf8).withUnsafeBufferPointer { KeywordExtractor.startsWithNumeral($0) } == numeral, "\(word)")
        }
        var tents = extractor
        tents.idf = IDFTable(documents: 1000, values: ["一顶": 6.0, "帐篷": 6.0, "共用": 1.0])
        let tent = tents.tfidf("共用一顶帐篷，一户一顶帐篷。", top: 10).map(\.word)
        #expect(!tent.contains("一顶帐篷"), "\(tent)")
        // A generic word (推进 is one of `GenericWords`) is never part of a phrase.
        let generic = extractor.tfidf("推进论坛，推进论坛。", top: 10).map(\.word)
        #expect(!generic.contains("推进论坛"), "\(generic)")
    }

    @Test func stopWordsAndFilters() {
        let text = "我们要坚持推进乡村振兴，2024年乡村振兴取得5.5%的增长，县里有三个乡。"
        let plain = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [])
        let stopped = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: ["推进", "坚持"])
        #expect(plain.candidates(text).contains("推进") && plain.candidates(text).contains("坚持"))
        #expect(!stopped.candidates(text).contains("推进"))
        #expect(!stopped.candidates(text).contains("坚持"))
        #expect(!plain.candidates(text).contains("我们"))  // a pronoun in 们 is never one
        for w in plain.candidates(text) {
            #expect(w.unicodeScalars.count >= 2, "single character \(w)")
            #expect(!w.contains("2024") && !w.contains("%"), "number \(w)")
        }
        let single = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [], allowSingle: true)
        #expect(single.candidates(text).contains("乡"))
        let tagged = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [], tags: ["nz", "vn", "n"])
        #expect(tagged.candidates(Texts.cppccDocument).allSatisfy { Shared.segmenter.lexicon.entry(for: $0) != nil })
        #expect(tagged.candidates(Texts.cppccDocument).contains("成渝地区双城经济圈"))
    }

    @Test func idfTableBuildsParsesAndRoundTrips() throws {
        let analyzer = Analyzer(segmenter: Shared.segmenter, mode: .precise)
        let docs = ["乡村振兴 粮食安全", "乡村振兴 高标准农田", "乡村振兴", "粮食安全"]
        let built = IDFTable.build(documents: docs, analyzer: analyzer, minimumDocumentFrequency: 2)
        #expect(built.documents == 4)
        #expect(abs((built.values["乡村振兴"] ?? 0) - log(4.0 / 3.0)) < 1e-12)
        #expect(abs((built.values["粮食安全"] ?? 0) - log(2.0)) < 1e-12)
        #expect(built.values["高标准农田"] == nil)  // df 1 < 2
        let parsed = try IDFTable(text: built.serialized(), name: "t")
        #expect(parsed.documents == 4)
        #expect(abs((parsed.values["粮食安全"] ?? 0) - log(2.0)) < 1e-4)
        #expect(throws: IndexError.malformedIDFLine(file: "bad", line: 2, reason: "`x` is not a non-negative number")) {
            try IDFTable(text: "a 1\nb x\n", name: "bad")
        }
    }

    /// The IDF table's own parse of plain decimals gives the very double `Double(_:)` gives
    /// (random texts of 1 to 15 digits, with and without a point, and the edges of its fast
    /// path), and leaves every other text (signs, exponents, a bare point, 16 digits) to it.
    @Test func plainDecimalsParseAsDoubleDoes() {
        func parse(_ text: String) -> Double? {
            var text = text
            return text.withUTF8 { IDFTable.plainDecimal($0) }
        }
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "0.0", "1", "9.9999", "8.5177", "0.005", "0.1", "0.3", "123456789012345",
                     "1.23456789012345", "0.00000000000001", "99999999999999.9", "000000000000001"]
        for _ in 0..<20000 {
            let digits = Int.random(in: 1...15, using: &generator)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            if digits > 1, Bool.random(using: &generator) {
                let point = text.index(text.startIndex, offsetBy: Int.random(in: 1..<digits, using: &generator))
                text.insert(".", at: point)
            }
            texts.append(text)
        }
        for text in texts {
            let parsed = parse(text)
            #expect(parsed != nil && parsed?.bitPattern == Double(text)?.bitPattern, "\(text): \(String(describing: parsed)) against \(String(describing: Double(text)))")
        }
        for text in ["", ".", "1.", ".5", "1.2.3", "-1", "+1", "1e3", "inf", "nan", "0x10", " 1", "1 ", "١",
                     "1234567890123456", "1.234567890123456", "12a"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }

    /// The predicate share: counted by `build` (after 将, 不断, 要 …), written as a third
    /// column, read back, refused when it is not a share, and used by the extractor.
    @Test func predicateSharesAreCountedWrittenAndUsed() throws {
        let analyzer = Analyzer(segmenter: Shared.segmenter, mode: .precise)
        let docs = ["我们将改善民生，粮食安全是基础。", "各地不断改善环境，保障粮食安全。", "要改善生活，粮食安全要抓好。"]
        let built = IDFTable.build(documents: docs, analyzer: analyzer, minimumDocumentFrequency: 2)
        #expect(built.predicateShares["改善"] == 1.0)   // 3 of 3 after a marker
        #expect(built.predicateShares["粮食安全"] == nil)  // never (before 要 does not count)
        #expect(built.predicateShares["民生"] == nil)   // df 1: not in the table at all
        let text = built.serialized()
        #expect(text.contains("\n改善 0.0000 1.000\n"), "\(text)")
        #expect(text.contains("\n粮食安全 0.0000\n"), "\(text)")
        let parsed = try IDFTable(text: text, name: "t")
        #expect(parsed.predicateShares == built.predicateShares)
        #expect(try IDFTable(text: "a 1\n", name: "t").predicateShares.isEmpty)
        #expect(throws: IndexError.malformedIDFLine(file: "bad", line: 1, reason: "`1.5` is not a share between 0 and 1")) {
            try IDFTable(text: "a 1 1.5\n", name: "bad")
        }
        #expect(throws: IndexError.malformedIDFLine(file: "bad", line: 2, reason: "expected `word idf` (or `word idf share`)")) {
            try IDFTable(text: "a 1\nb 1 0.5 x\n", name: "bad")
        }

        // A predicate weighs as a generic word; a name (习近平, nr) and a longer word do not.
        let values = ["改善": 2.0, "民生": 2.0, "习近平": 2.0, "全面深化改革": 2.0]
        let shares = ["改善": 0.5, "习近平": 0.5, "全面深化改革": 0.5]
        var extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: IDFTable(documents: 10, values: values, predicateShares: shares),
                                         stopWords: [], genericWords: [])
        extractor.nameWeight = 1
        extractor.twoCharacterWeight = 1
        extractor.onceWeight = 1
        let sentence = "习近平谈改善民生，全面深化改革。"
        var weight = Dictionary(uniqueKeysWithValues: extractor.tfidf(sentence, top: 10).map { ($0.word, $0.weight) })
        #expect(abs((weight["改善"] ?? 0) - 2.0 * extractor.genericWeight) < 1e-12, "\(weight)")
        for word in ["民生", "习近平", "全面深化改革"] { #expect(weight[word] == 2.0, "\(word): \(weight)") }
        extractor.predicateShareLimit = 0.6
        weight = Dictionary(uniqueKeysWithValues: extractor.tfidf(sentence, top: 10).map { ($0.word, $0.weight) })
        #expect(weight["改善"] == 2.0, "\(weight)")
    }

    @Test func builtinTableAndStopWordsShip() throws {
        let table = try #require(IDFTable.builtin)
        #expect(table.documents > 1000)
        #expect(table.values.count > 10000)
        // A function word is in far more documents than a specific term.
        #expect(table.idf("的") < table.idf("高标准农田"))
        #expect(StopWords.builtin.contains("的"))
        #expect(!StopWords.builtin.contains("经济"))
        // The built-in table has the predicate column: a verb of policy has a share, a name none.
        #expect((table.predicateShares["推进"] ?? 0) >= 0.05)
        #expect(table.predicateShares["菲律宾"] ?? 0 < 0.05)
    }
}

@Suite struct PassageRanking {
    @Test func passagesSplitAtParagraphsAndSentences() {
        let text = "第一段。\n\n第二段有两句。第二句。\n" + String(repeating: "很长的句子，", count: 30) + "完。再来一句。"
        let passages = PassageSplitter(maxScalars: 50).passages(in: text)
        let texts = passages.map { p -> String in
            let u = Array(text.utf8)
            return String(decoding: u[p.utf8Range], as: UTF8.self)
        }
        #expect(texts[0] == "第一段。")
        #expect(texts[1] == "第二段有两句。第二句。")
        #expect(texts.count >= 4)
        #expect(passages.map(\.index) == Array(0..<passages.count))
        // Every character of the long paragraph is in exactly one passage.
        #expect(texts.dropFirst(2).joined() == String(repeating: "很长的句子，", count: 30) + "完。再来一句。")
    }

    @Test func scoresMatchHandComputedValues() throws {
        let ranker = PassageRanker(segmenter: Shared.segmenter, ranking: .tfidf)
        let docs: [(id: String, text: String)] = [
            ("a", "乡村振兴取得成效。\n粮食安全有保障。"),
            ("b", "乡村振兴，乡村振兴，再推乡村振兴。"),
        ]
        #expect(ranker.queryTerms("乡村振兴") == ["乡村振兴"])
        let hits = ranker.rank(query: "乡村振兴", documents: docs, top: 10)
        #expect(hits.count == 2)
        // Passages: a#0, a#1, b#0 -> N = 3; 乡村振兴 in 2 of them.
        let idf = log(1 + 3.0 / 2.0)
        let lengthA0 = Shared.segmenter.words(in: "乡村振兴取得成效。").filter { $0 != "。" }.count
        let lengthB0 = Shared.segmenter.words(in: "乡村振兴，乡村振兴，再推乡村振兴。").filter { $0 != "，" && $0 != "。" }.count
        let scoreA = 1 * idf / Double(lengthA0).squareRoot()
        let scoreB = (1 + log(3.0)) * idf / Double(lengthB0).squareRoot()
        #expect(hits[0].documentID == "b")
        #expect(abs(hits[0].score - scoreB) < 1e-9)
        #expect(abs(hits[1].score - scoreA) < 1e-9)
        #expect(hits[0].matches.count == 3)

        let bm25 = PassageRanker(segmenter: Shared.segmenter, ranking: .bm25).rank(query: "乡村振兴", documents: docs, top: 1)
        let lengths = [lengthA0, 3, lengthB0]  // 粮食安全|有|保障
        let avg = Double(lengths.reduce(0, +)) / 3
        let idfBM = log(1 + (3 - 2 + 0.5) / (2 + 0.5))
        let expected = idfBM * 3 * 2.2 / (3 + 1.2 * (0.25 + 0.75 * Double(lengthB0) / avg))
        #expect(abs((bm25.first?.score ?? 0) - expected) < 1e-9)
    }

    @Test func searchModeFindsPartsOfLongTerms() {
        let ranker = PassageRanker(segmenter: Shared.segmenter)
        let hits = ranker.rank(query: "社会主义", documents: [("x", "坚持和发展中国特色社会主义。"), ("y", "推进乡村振兴。")], top: 5)
        #expect(hits.map(\.documentID) == ["x"])
    }
}

/// The keyword path's word table: inline keys for words up to 15 bytes, the rest compared
/// aside; every length around the 8- and 15-byte edges, duplicates, absent neighbours.
@Suite struct WordTableLookup {
    @Test func findsEveryWordAndNothingElse() {
        // Words of 1...40 bytes (ASCII and Han), and near-misses: one byte changed, one added,
        // one removed — at the start, in the middle and at the end.
        var words: [[UInt8]] = []
        for n in 1...40 { words.append((0..<n).map { UInt8(0x61 + ($0 * 7 + n) % 26) }) }
        for n in 1...13 { words.append(Array(String(repeating: "中国政府", count: 4).utf8.prefix(3 * n))) }
        let table = WordTable(words.enumerated().map { ($0.element, Double($0.offset)) })
        #expect(table.count == words.count)
        for (i, w) in words.enumerated() {
            let found = w.withUnsafeBufferPointer { table.value(for: $0, hash: TermInterner.hash($0)) }
            #expect(found == Double(i), "word \(i) of \(w.count) bytes")
            for variant in [Array(w.dropLast()), w + [0x61], [w[0] ^ 1] + w.dropFirst(),
                            Array(w.prefix(w.count / 2)) + [w[w.count / 2] ^ 2] + w.dropFirst(w.count / 2 + 1)]
            where !words.contains(variant) {
                let miss = variant.withUnsafeBufferPointer { table.value(for: $0, hash: TermInterner.hash($0)) }
                #expect(miss == nil, "variant of word \(i): \(variant.count) bytes")
            }
        }
    }

    @Test func inlineKeysTellEveryByte() {
        // Equal keys mean equal words for words of up to 15 bytes: a change of any one byte,
        // or of the length, changes the key.
        for n in 1...15 {
            let w: [UInt8] = (0..<n).map { UInt8(0xE0 + $0) }
            let key = w.withUnsafeBufferPointer { WordTable.key($0) }
            #expect(key.1 != WordTable.longMark)
            for i in 0..<n {
                var v = w
                v[i] ^= 0x10
                #expect(v.withUnsafeBufferPointer { WordTable.key($0) } != key, "\(n) bytes, byte \(i)")
            }
            let longer = w + [0]
            if longer.count <= 15 { #expect(longer.withUnsafeBufferPointer { WordTable.key($0) } != key) }
        }
        #expect([UInt8](repeating: 0x61, count: 16).withUnsafeBufferPointer { WordTable.key($0).1 } == WordTable.longMark)
    }

    @Test func aLaterDuplicateWins() {
        let long = Array("中华人民共和国全国人民代表大会".utf8)
        let table = WordTable([(Array("中国".utf8), 1), (long, 2), (Array("中国".utf8), 3), (long, 4)])
        #expect(table.count == 2)
        #expect(Array("中国".utf8).withUnsafeBufferPointer { table.value(for: $0, hash: TermInterner.hash($0)) } == 3)
        #expect(long.withUnsafeBufferPointer { table.value(for: $0, hash: TermInterner.hash($0)) } == 4)
        #expect(!Array("".utf8).withUnsafeBufferPointer { table.contains($0, hash: TermInterner.hash($0)) })
    }
}
