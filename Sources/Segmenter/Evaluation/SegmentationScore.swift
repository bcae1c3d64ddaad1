/// Word segmentation scores as in the SIGHAN bakeoffs' `score` script: precision, recall and
/// F1 count the words the two segmentations share, micro-averaged over all sentences, and
/// out-of-vocabulary words (not in a training word list) are scored apart.
///
/// When a sentence's gold and tested words spell the same text, a tested word is correct when
/// its character span equals a gold word's. When they spell different texts (a quote mark
/// more, a character less), the two word sequences are aligned as the bakeoff's script aligns
/// them — `diff` of the two written one word a line — and the words on the common lines (a
/// longest common subsequence) are correct; every other word is an insertion, a deletion or a
/// change. Such sentences are counted in `differingSentences`.
///
/// ```swift
/// var score = SegmentationScore(trainingWords: ["我们"])
/// try score.add(gold: ["我们", "学习"], test: ["我们", "学", "习"])
/// score.f1  // 0.571…
/// ```
public struct SegmentationScore: Sendable {
    /// Words of the gold standard.
    public private(set) var goldWords = 0
    /// Words of the tested segmentation.
    public private(set) var testWords = 0
    /// Tested words whose span equals a gold word's.
    public private(set) var correctWords = 0
    /// Gold words not in the training word list.
    public private(set) var oovWords = 0
    /// Of those, how many were found.
    public private(set) var oovCorrect = 0
    /// Gold words in the training word list, and how many of them were found.
    public private(set) var ivWords = 0, ivCorrect = 0
    /// Sentences scored.
    public private(set) var sentences = 0
    /// Sentences whose gold and tested words spell different texts (aligned by `diff`).
    public private(set) var differingSentences = 0
    /// How often each gold word was missed, with how it was cut instead (`"改革|开放"`).
    public private(set) var errors: [String: Int] = [:]

    private let trainingWords: Set<String>?

    /// A score; without `trainingWords` every gold word counts as out of vocabulary, as in
    /// the bakeoff script when the word list is empty.
    public init(trainingWords: Set<String>? = nil) {
        self.trainingWords = trainingWords
    }

    /// The error of a sentence too long to align: its texts differ and the two word sequences,
    /// their common beginning and end set aside, make more than `SegmentationScore.alignmentLimit`
    /// pairs of words.
    public struct TooLongToAlign: Error, CustomStringConvertible, Sendable {
        /// The words left to align on each side.
        public var goldWords: Int, testWords: Int
        /// What is wrong, for messages.
        public var description: String {
            "the two segmentations spell different texts, and \(goldWords) × \(testWords) words are too many to align; split the line"
        }
    }

    /// The most pairs of words one sentence's alignment may take (2 bits each: 64 MiB).
    public static let alignmentLimit = 1 << 28

    /// Adds one sentence.
    /// - Returns: whether the two spell different texts (and were aligned by `diff`).
    /// - Throws: `TooLongToAlign` for a sentence whose texts differ and which is too long to
    ///   align (nothing is added then).
    @discardableResult
    public mutating func add(gold: [String], test: [String]) throws(TooLongToAlign) -> Bool {
        if gold.joined() == test.joined() {
            addSameText(gold: gold, test: test)
            return false
        }
        let matched = try Self.commonWords(gold, test)
        differingSentences += 1
        sentences += 1
        goldWords += gold.count
        testWords += test.count
        correctWords += matched.count
        // Walk the gold words: matched ones are correct; the others belong to the change
        // between the matched pairs around them, whose tested words replaced them.
        var previous = (gold: -1, test: -1)
        var k = 0
        for (index, word) in gold.enumerated() {
            while k < matched.count && matched[k].gold < index { previous = matched[k]; k += 1 }
            let found = k < matched.count && matched[k].gold == index
            count(word, found: found)
            if !found {
                let next = k < matched.count ? matched[k].test : test.count
                let replaced = test[(previous.test + 1)..<next]
                errors[word + " → " + (replaced.isEmpty ? "(nothing)" : replaced.joined(separator: "|")), default: 0] += 1
            }
        }
        return true
    }

    /// Counts a gold word as found or not, in vocabulary or not.
    private mutating func count(_ word: String, found: Bool) {
        if trainingWords?.contains(word) ?? false {
            ivWords += 1
            if found { ivCorrect += 1 }
        } else {
            oovWords += 1
            if found { oovCorrect += 1 }
        }
    }

    /// A sentence whose two segmentations spell the same text: words match by their spans.
    private mutating func addSameText(gold: [String], test: [String]) {
        sentences += 1
        let goldSpans = Self.spans(gold), testSpans = Self.spans(test)
        let testSet = Set(testSpans.map { SpanKey($0.0, $0.1) })
        goldWords += gold.count
        testWords += test.count
        var t = 0
        for (index, span) in goldSpans.enumerated() {
            let found = testSet.contains(SpanKey(span.0, span.1))
            if found { correctWords += 1 }
            let word = gold[index]
            count(word, found: found)
            if !found {
                while t < testSpans.count && testSpans[t].1 <= span.0 { t += 1 }
                var pieces: [String] = []
                var u = t
                while u < testSpans.count && testSpans[u].0 < span.1 {
                    pieces.append(test[u])
                    u += 1
                }
                errors[word + " → " + pieces.joined(separator: "|"), default: 0] += 1
            }
        }
    }

    /// correct / tested words.
    public var precision: Double { testWords == 0 ? 0 : Double(correctWords) / Double(testWords) }
    /// correct / gold words.
    public var recall: Double { goldWords == 0 ? 0 : Double(correctWords) / Double(goldWords) }
    /// The harmonic mean of precision and recall.
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    /// Out-of-vocabulary gold words / gold words.
    public var oovRate: Double { goldWords == 0 ? 0 : Double(oovWords) / Double(goldWords) }
    /// Found OOV words / OOV words.
    public var oovRecall: Double { oovWords == 0 ? 0 : Double(oovCorrect) / Double(oovWords) }
    /// Found in-vocabulary words / in-vocabulary words.
    public var ivRecall: Double { ivWords == 0 ? 0 : Double(ivCorrect) / Double(ivWords) }

    /// The `n` most frequent errors, most frequent first.
    public func topErrors(_ n: Int) -> [(error: String, count: Int)] {
        errors.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(n).map { ($0.key, $0.value) }
    }

    private struct SpanKey: Hashable {
        var start: Int, end: Int
        init(_ s: Int, _ e: Int) { start = s; end = e }
    }

    /// Character (Unicode scalar) spans of consecutive words.
    static func spans(_ words: [String]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        out.reserveCapacity(words.count)
        var position = 0
        for w in words {
            let length = w.unicodeScalars.count
            out.append((position, position + length))
            position += length
        }
        return out
    }
}

/// The share of terms that a segmentation keeps whole: a term is kept when one token covers
/// exactly its characters in its sentence.
public struct TermRecall: Sendable {
    public private(set) var terms = 0
    public private(set) var kept = 0
    /// The terms that were cut, with how they were cut.
    public private(set) var misses: [(term: String, cut: String)] = []

    public init() {}

    /// Adds one term and the tokens of its sentence. A term not in the sentence counts as missed.
    public mutating func add(term: String, sentenceTokens: [String]) {
        terms += 1
        let sentence = sentenceTokens.joined()
        let spans = SegmentationScore.spans(sentenceTokens)
        guard let range = sentence.firstRange(of: term) else {
            misses.append((term, "(not in sentence)"))
            return
        }
        let start = sentence.unicodeScalars.distance(from: sentence.unicodeScalars.startIndex, to: range.lowerBound)
        let end = start + term.unicodeScalars.count
        if spans.contains(where: { $0.0 == start && $0.1 == end }) {
            kept += 1
        } else {
            let pieces = zip(spans, sentenceTokens).filter { $0.0.1 > start && $0.0.0 < end }.map(\.1)
            misses.append((term, pieces.joined(separator: "|")))
        }
    }

    /// kept / terms.
    public var rate: Double { terms == 0 ? 0 : Double(kept) / Double(terms) }
}
