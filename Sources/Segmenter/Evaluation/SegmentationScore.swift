/// Word segmentation scores as in the SIGHAN bakeoffs' `score` script: each word becomes its
/// character span in the raw sentence; precision, recall and F1 count matching spans,
/// micro-averaged over all sentences, and out-of-vocabulary words (not in a training word
/// list) are scored apart.
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
    /// How often each gold word was missed, with how it was cut instead (`"改革|开放"`).
    public private(set) var errors: [String: Int] = [:]

    private let trainingWords: Set<String>?

    /// A score; without `trainingWords` every gold word counts as out of vocabulary, as in
    /// the bakeoff script when the word list is empty.
    public init(trainingWords: Set<String>? = nil) {
        self.trainingWords = trainingWords
    }

    /// The error of a sentence whose gold and tested words do not spell the same text.
    public struct Mismatch: Error, CustomStringConvertible, Sendable {
        public var gold: String
        public var test: String
        public var description: String { "the segmentations spell different texts: gold `\(gold)`, test `\(test)`" }
    }

    /// Adds one sentence.
    /// - Throws: `Mismatch` when the two do not concatenate to the same text.
    public mutating func add(gold: [String], test: [String]) throws(Mismatch) {
        let goldText = gold.joined(), testText = test.joined()
        guard goldText == testText else { throw Mismatch(gold: goldText, test: testText) }
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
            let inVocabulary = trainingWords?.contains(word) ?? false
            if inVocabulary {
                ivWords += 1
                if found { ivCorrect += 1 }
            } else {
                oovWords += 1
                if found { oovCorrect += 1 }
            }
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
