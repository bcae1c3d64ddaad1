import Dispatch
import Testing
@testable import Segmenter

/// ICU's CJK dictionary read directly (CICUDictionary) must give ICU's own word ends: runs
/// of ideographs next to every kind of neighbour ICU treats specially (kana, other
/// ideographs, combining marks, format characters, surrogate pairs) and plain ones.
@Suite struct ICUDictionaryDirect {
    /// Chinese words and characters (ours), joined into runs of ideographs.
    static let han: [String] = """
        中国 经济 发展 社会 主义 人民 政府 工作 报告 改革 开放 建设 现代化 国家 治理 体系 能力 科技 创新
        坚持 推进 高质量 全面 深化 的 了 和 在 是 我们 要 新 时代 特色 制度 保障 民生 就业 教育 医疗 生态
        文明 绿色 安全 稳定 城乡 区域 协调 乡村 振兴 共同 富裕 习近平 总书记 二十大 全过程 民主 两个 确立
        一带一路 长江 黄河 粤港澳 大湾区 会议 代表 委员 审议 通过 决定 法律 草案 年 月 日 万 亿 第 次
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// Everything else: plain neighbours and the ones ICU joins to a run or treats as its own.
    static let others: [String] = [
        "a", "Z", "1", " ", ".", ",", "\n", "-", "_", "'", "、", "。", "，", "：", "《", "》", "「", "」",
        "々", "〆", "〇", "ア", "ー", "あ", "ｰ", "ﾞ", "가", "\u{301}", "\u{FE0F}", "\u{200D}", "\u{200B}",
        "\u{AD}", "\u{F900}", "𠀀", "😀", "\u{2028}", "·", "Ａ", "１", "\u{3400}", "\u{4DB5}", "\u{9FEF}",
        "\u{9FF0}", "⺀", "⼀", "ก", "\u{3021}", "\u{303B}", "ゝ", "・", "･", "\u{2060}", "\u{E0100}",
        "\u{345}", "\u{1100}", "ㄱ", "——", "……", "%",
    ]

    /// A cursor that divides runs of ideographs directly, and one of ICU alone. (A cursor is
    /// a clone of its breaker's iterator and outlives it.)
    static func cursors() throws -> (direct: ICUWordBreaker.Cursor, plain: ICUWordBreaker.Cursor) {
        (try ICUWordBreaker(direct: true).makeCursor(), try ICUWordBreaker(direct: false).makeCursor())
    }

    static func ends(_ cursor: ICUWordBreaker.Cursor, _ text: [UInt16]) -> [Int32]? {
        var out: [Int32] = []
        let ok = text.withUnsafeBufferPointer { cursor.breaks($0, ends: &out) }
        return ok ? out : nil
    }

    /// Divides `rounds` texts of `makeText` with both cursors; the count of texts they divide
    /// differently, and the first such text with both answers.
    static func differences(
        seed: UInt64, rounds: Int, _ makeText: (Int, inout LexiconMatcher.Generator) -> String
    ) throws -> (count: Int, first: String) {
        let (direct, plain) = try cursors()
        var random = LexiconMatcher.Generator(state: seed)
        var count = 0
        var first = ""
        for round in 0..<rounds {
            let text = makeText(round, &random)
            let units = Array(text.utf16)
            let a = ends(direct, units)
            let b = ends(plain, units)
            if a != b {
                count += 1
                if first.isEmpty { first = "\(text.debugDescription): \(String(describing: a)) vs \(String(describing: b))" }
            }
        }
        return (count, first)
    }

    /// A dropped segmenter gives its cursors' pair caches back (4 MiB blocks of huge pages:
    /// once one was never unmapped, and a process that made segmenters grew by a block each).
    /// Other tests make segmenters at the same time, so the count may drift by the few they
    /// hold; 200 leaked blocks cannot hide in that.
    @Test func droppedSegmentersGiveTheirMemoryBack() throws {
        let before = ICUWordBreaker.liveHugePageBlocks
        for _ in 0..<200 {
            let segmenter = try Segmenter()
            #expect(segmenter.tokens(in: "全面推进乡村振兴，加快建设农业强国。").count > 3)
        }
        let after = ICUWordBreaker.liveHugePageBlocks
        #expect(after - before < 100, "\(after - before) blocks still mapped after 200 segmenters were dropped")
    }

    @Test func opensOnThisMachine() throws {
        // Were it not to open (another ICU, missing data), the comparisons below would be
        // ICU against itself: this makes that visible.
        #expect(try ICUWordBreaker(direct: true).isDirect)
        #expect(try !ICUWordBreaker(direct: false).isDirect)
    }

    @Test func sameEndsAsICUOnRandomText() throws {
        let found = try Self.differences(seed: 0x1CDA_D1C7, rounds: 20_000) { _, random in
            var text = ""
            for _ in 0..<Int.random(in: 1...30, using: &random) {
                switch Int.random(in: 0..<4, using: &random) {
                case 0, 1:
                    for _ in 0..<Int.random(in: 1...4, using: &random) { text += Self.han.randomElement(using: &random)! }
                case 2:
                    // Any ideograph of the two blocks: many are rare, some unknown to ICU.
                    let v = Bool.random(using: &random)
                        ? UInt32.random(in: 0x4E00...0x9FEF, using: &random)
                        : UInt32.random(in: 0x3400...0x4DB5, using: &random)
                    text.unicodeScalars.append(Unicode.Scalar(v)!)
                default:
                    text += Self.others.randomElement(using: &random)!
                }
            }
            return text
        }
        #expect(found.count == 0, "\(found.first)")
    }

    /// The punctuation of Chinese text, digits, number separators, ASCII letters, '@' and
    /// spaces: texts of ideographs and these alone are divided without ICU's iterator
    /// (`ownBreaks` in ICUDictionary.cpp).
    static let punctuation: [String] = [
        " ", "  ", "   ", "1 2", ", ", " .", "a", "Z", "@", "ab", "x1", "1a", "e.g", "a·b", "·", "U.S", "0", "1", "9", "2025", "3.5", "1,200", "7;8", "4'5", ",", ".", ";", "'", "‘", "’", "，", "；", "．", "＇",
        "!", "\"", "#", "$", "%", "&", "(", ")", "*", "+", "-", "/", ":", "<", "=", ">", "?", "[", "\\",
        "]", "^", "`", "{", "|", "}", "~", "·", "–", "—", "―", "“", "”", "…", "、", "。", "〈", "〉", "《", "》",
        "「", "」", "『", "』", "【", "】", "〔", "〕", "〖", "〗", "！", "（", "）", "：", "＜", "＝", "＞", "？",
        "［", "］", "｛", "｝", "～",
    ]

    @Test func sameEndsAsICUWithoutItsIterator() throws {
        // Mostly texts the direct reader divides alone (ideographs, digits, letters, the
        // punctuation above: letters and digits joined, across separators only between two
        // digits or two letters; runs of spaces one word; '@', which ICU 72 takes for a
        // letter: 3.5@ is one word), some with one character it leaves to ICU's iterator
        // (full-width letters, kana, 〇, '_' …).
        let found = try Self.differences(seed: 0x5EED_0017, rounds: 20_000) { round, random in
            var text = ""
            for _ in 0..<Int.random(in: 1...24, using: &random) {
                switch Int.random(in: 0..<6, using: &random) {
                case 0, 1:
                    for _ in 0..<Int.random(in: 1...3, using: &random) { text += Self.han.randomElement(using: &random)! }
                case 2:
                    text.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FEF, using: &random))!)
                default:
                    text += Self.punctuation.randomElement(using: &random)!
                }
            }
            if round % 8 == 0 {
                let units = Array(text.unicodeScalars)
                let at = Int.random(in: 0...units.count, using: &random)
                text = String(String.UnicodeScalarView(units[..<at])) + (Self.others + ["@", "1@", "_", "a1"]).randomElement(using: &random)!
                    + String(String.UnicodeScalarView(units[at...]))
            }
            return text
        }
        #expect(found.count == 0, "\(found.first)")
    }

    @Test func sameEndsOnEveryShortMixOfLettersDigitsAndMarks() throws {
        // Every string of up to five of these (one of each class `ownBreaks` tells apart, and
        // two ideographs): where letters and digits join across a mark and where they do not.
        let pieces: [UInt16] = [0x61, 0x40, 0x31, 0x2E, 0x2C, 0x27, 0xB7, 0x2019, 0xFF1B, 0x20, 0x4E2D, 0x56FD]
        let (direct, plain) = try Self.cursors()
        var count = 0
        var first = ""
        var text: [UInt16] = []
        func visit(_ depth: Int) {
            if !text.isEmpty && Self.ends(direct, text) != Self.ends(plain, text) {
                count += 1
                if first.isEmpty { first = String(decoding: text, as: UTF16.self).debugDescription }
            }
            if depth == 5 { return }
            for unit in pieces {
                text.append(unit)
                visit(depth + 1)
                text.removeLast()
            }
        }
        visit(0)
        #expect(count == 0, "\(count) differ, first \(first)")
    }

    /// `divide` asks for the entries of the characters six ahead, in a loop of its own up to
    /// the run's last seven characters and with tests of the run's end after: runs of every
    /// length from 2 to 40 (words cut to the length, so that words cross each boundary), alone,
    /// between punctuation and after a letter, divide as ICU's.
    @Test func sameEndsOnRunsOfEveryLength() throws {
        let (direct, plain) = try Self.cursors()
        var random = LexiconMatcher.Generator(state: 0x5EED_0022)
        var count = 0
        var first = ""
        for length in 2...40 {
            for _ in 0..<40 {
                var run: [UInt16] = []
                while run.count < length { run += Self.han.randomElement(using: &random)!.utf16 }
                run.removeLast(run.count - length)
                for text in [run, [0xFF0C] + run + [0x3002], [0x61] + run] {
                    if Self.ends(direct, text) != Self.ends(plain, text) {
                        count += 1
                        if first.isEmpty { first = String(decoding: text, as: UTF16.self).debugDescription }
                    }
                }
            }
        }
        #expect(count == 0, "\(count) differ, first \(first)")
    }

    @Test func sameEndsOnALongRun() throws {
        // Runs longer than the dictionary's longest word (20), and one chunk-sized run.
        let (direct, plain) = try Self.cursors()
        var random = LexiconMatcher.Generator(state: 42)
        for length in [25, 400, 30_000] {
            var units: [UInt16] = []
            while units.count < length { units += Self.han.randomElement(using: &random)!.utf16 }
            #expect(Self.ends(direct, units) == Self.ends(plain, units), "run of \(units.count)")
        }
    }

    /// The pass that marks run units sixteen at a time (SSE2, `markRunUnits` in
    /// ICUDictionary.cpp) and reads runs' ends from 64-bit words of bits (`runEnd`): one unit
    /// of each kind at every position of texts whose lengths sit on both sides of 16 and 64
    /// (a lane's, a step's and a word's edges, a tail shorter than a step): the values just
    /// inside and just outside both blocks of run units, punctuation, kana, a NUL and a lone
    /// surrogate half. A lane read from the wrong unit, a bit set past the end or a run's end
    /// taken from the wrong word gives other ends than ICU's. (review21)
    @Test func sameEndsWithAnyUnitAtEveryPositionAroundTheSSEStepsAndBitWords() throws {
        let (direct, plain) = try Self.cursors()
        let kinds: [UInt16] = [0x3400, 0x4DB5, 0x4E00, 0x9FEF, 0x33FF, 0x4DB6, 0x4DFF, 0x9FF0, 0xA000,
                               0xFF0C, 0x3002, 0x20, 0x31, 0x61, 0x30A2, 0x0000, 0xD800, 0xDC00]
        let run = Array(Self.han.joined().utf16)
        var compared = 0
        var differing: [String] = []
        for length in [1, 2, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 66, 127, 128, 129, 130, 191, 192, 193] {
            let base = Array((0..<length).map { run[$0 % run.count] })
            for position in 0..<length {
                for kind in kinds {
                    var units = base
                    units[position] = kind
                    compared += 1
                    if Self.ends(direct, units) != Self.ends(plain, units) && differing.count < 5 {
                        differing.append("length \(length), U+\(String(kind, radix: 16)) at \(position)")
                    }
                }
                // Two units in one text: a run between them crossing a step's or a word's edge.
                var units = base
                units[position] = 0xFF0C
                units[length - 1 - position] = 0x30A2
                if Self.ends(direct, units) != Self.ends(plain, units) && differing.count < 5 {
                    differing.append("length \(length), ， at \(position), ア at \(length - 1 - position)")
                }
            }
        }
        #expect(compared > 20_000)
        #expect(differing.isEmpty, "\(differing)")
    }

    /// The thread's pair cache is set-associative (ICUDictionary.cpp: sets of four entries,
    /// the last used first, a miss replacing the last; each entry owns one of its set's saved
    /// trie states). Pairs that all fall into the set of 总书 (of 总书记, one word for ICU,
    /// reached from the pair's saved state) or of 共和 (共和国) — found with the cache's hash,
    /// copied here (were it changed, they would spread out and test less) — asked in turn,
    /// each after the word, so that the word's entry and state move through the set and are
    /// evicted and asked again: every division as ICU's. (Checked: with every entry given the
    /// set's first state, this fails.)
    @Test func sameEndsWhenPairsCrowdOneSetOfTheCache() throws {
        func set(_ first: UInt32, _ second: UInt32) -> UInt32 {
            let key = ((first &- 0x3400) << 16 | second) &+ 1
            return (key &* 0x9E37_79B1) >> 18
        }
        let firsts = Set(Self.han.compactMap { $0.unicodeScalars.first?.value }).sorted()
        let (direct, plain) = try Self.cursors()
        for word in ["总书记", "共和国"] {
            let scalars = word.unicodeScalars.map(\.value)
            let target = set(scalars[0], scalars[1])
            var crowd: [String] = []
            for first in firsts {
                for second in UInt32(0x4E00)...0x9FEF where set(first, second) == target {
                    crowd.append(String(String.UnicodeScalarView([Unicode.Scalar(first)!, Unicode.Scalar(second)!])))
                }
            }
            #expect(crowd.count > 20, "only \(crowd.count) pairs in the set of \(word)")
            for order in [crowd, crowd.reversed(), crowd] {
                var text = ""
                for pair in order { text += word + "，" + pair + "人民，" }
                let units = Array(text.utf16)
                #expect(Self.ends(direct, units) == Self.ends(plain, units), "\(word)")
            }
        }
    }

    @Test func sameEndsWhenThreadsMeetCharactersFirstTogether() throws {
        // The table of first characters is filled as characters are met, by whichever thread
        // meets them first: four threads at once over texts of any ideograph of the two
        // blocks (most not met before in this process) must still get ICU's ends.
        let breaker = try ICUWordBreaker(direct: true)
        let plainBreaker = try ICUWordBreaker(direct: false)
        let texts: [[UInt16]] = (0..<4).map { seed in
            var random = LexiconMatcher.Generator(state: 0xC0FFEE + UInt64(seed))
            var units: [UInt16] = []
            for _ in 0..<20_000 {
                units.append(UInt16(Bool.random(using: &random)
                    ? UInt16.random(in: 0x4E00...0x9FEF, using: &random)
                    : UInt16.random(in: 0x3400...0x4DB5, using: &random)))
                if Int.random(in: 0..<12, using: &random) == 0 { units.append(0x3002) }  // 。
            }
            return units
        }
        let cursors = Cursors(try texts.map { _ in try breaker.makeCursor() })
        let results = Results(count: texts.count)
        DispatchQueue.concurrentPerform(iterations: texts.count) { i in
            results.set(i, Self.ends(cursors.list[i], texts[i]))
        }
        let plain = try plainBreaker.makeCursor()
        for i in texts.indices {
            #expect(results.get(i) == Self.ends(plain, texts[i]), "thread \(i)")
        }
    }

    /// A cursor per thread; each is used by its thread only.
    final class Cursors: @unchecked Sendable {
        let list: [ICUWordBreaker.Cursor]
        init(_ list: [ICUWordBreaker.Cursor]) { self.list = list }
    }

    /// One result per thread, each written by its own thread.
    final class Results: @unchecked Sendable {
        private var values: [[Int32]?]
        private let lock = DispatchQueue(label: "results")
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ v: [Int32]?) { lock.sync { values[i] = v } }
        func get(_ i: Int) -> [Int32]? { lock.sync { values[i] } }
    }

    @Test func oneWordAnswersAgree() throws {
        let (direct, plain) = try Self.cursors()
        let scalars = Array(Self.han.joined().unicodeScalars) + ["々", "\u{F900}", "𠀀", "ア"]
        var scratch: [Int32] = []
        var ones = 0
        var pairs = 0  // answered from the direct dictionary's tables (`isPairWord`)
        var triples = 0, triplesRuledOut = 0  // `mayBeTripleWord`: false only where ICU says no word
        for a in scalars.indices {
            for b in scalars.indices.prefix(60) {
                for c in [nil] + scalars.prefix(8).map(Optional.some) {
                    var s = String.UnicodeScalarView([scalars[a], scalars[b]])
                    if let c { s.append(c) }
                    let units = Array(String(s).utf16)
                    let x = units.withUnsafeBufferPointer { direct.isOneWord($0, scratchEnds: &scratch) }
                    let y = units.withUnsafeBufferPointer { plain.isOneWord($0, scratchEnds: &scratch) }
                    #expect(x == y, "\(String(s))")
                    if c == nil, let pair = direct.isPairWord(scalars[a].value, scalars[b].value) {
                        #expect(pair == y, "\(String(s)) as a pair")
                        pairs += 1
                    }
                    if let c, let may = direct.mayBeTripleWord(scalars[a].value, scalars[b].value, c.value) {
                        #expect(may || !y, "\(String(s)) ruled out, but ICU takes it as one word")
                        triples += 1
                        if !may { triplesRuledOut += 1 }
                    }
                    if x { ones += 1 }
                }
            }
        }
        #expect(ones > 100)  // the strings include words (中国, 经济, 发展 …), not only non-words
        #expect(pairs > 1000)
        #expect(triples > 1000 && triplesRuledOut > triples / 2)
        #expect(direct.mayBeTripleWord(0x5171, 0x548C, 0x56FD) == true)   // 共和国, one word for ICU
        #expect(plain.mayBeTripleWord(0x5171, 0x548C, 0x56FD) == nil)
        #expect(plain.isPairWord(0x4E2D, 0x56FD) == nil)  // ICU alone has no direct dictionary
    }
}
