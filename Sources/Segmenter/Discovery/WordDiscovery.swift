import Dispatch

/// New-word discovery: strings of Han characters that a corpus uses as words but the
/// segmenter cuts, ranked by frequency, internal cohesion and the variety of their neighbours.
///
/// Give it the corpus's texts (`add`), then ask for the words (`discover`). It keeps the Han
/// text (2 bytes a character and one byte for the segmentation's cuts) and counts strings of
/// 2–8 characters level by level: a string is counted only where its two parts one character
/// shorter are frequent, so the tables hold the frequent strings only.
///
/// ```swift
/// var discovery = WordDiscovery(segmenter: try Segmenter())
/// discovery.add(texts)
/// for word in discovery.discover().prefix(20) { print(word.word, word.count) }
/// ```
///
/// A candidate must occur at least `minCount` times, be cut by the segmenter in most of its
/// occurrences, neither start nor end with a function character (的, 了, 是, 在, 和 …) nor be
/// a numeral with its classifier (第一次, 数百名, 两|国|元首) or hold one as a token of its
/// own inside (党|和|人民), hold
/// together (its cohesion, the least pointwise mutual information over the ways of cutting it
/// in two, is at least `minCohesion`) and have varied neighbours on both sides (branching
/// entropy at least `minEntropy`). A candidate that mostly occurs inside a better one is left
/// out. Score: `ln(count) · min(cohesion, 8) · min(left entropy, right entropy, 4)`, times the
/// share of its occurrences whose ends fall on the segmentation's token boundaries.
public struct WordDiscovery: Sendable {
    /// What to look for.
    public struct Options: Sendable {
        /// The least number of occurrences.
        public var minCount = 5
        /// The shortest and the longest candidate, in characters (2…8).
        public var lengths: ClosedRange<Int> = 2...8
        /// The least cohesion (natural log of the least ratio of a string's probability to
        /// the product of its two parts', over every cut).
        public var minCohesion = 1.5
        /// The least branching entropy (natural log) on each side.
        public var minEntropy = 1.0
        /// The largest share of occurrences that may already be one token.
        public var maxWholeShare = 0.5
        /// The least share of occurrences that start and end on token boundaries (a string
        /// that mostly cuts through the segmenter's words is seldom a word).
        public var minAlignedShare = 0.5
        /// Threads for segmenting and counting.
        public var threads = 2

        /// The default options.
        public init() {}
    }

    /// A discovered word with its figures.
    public struct Candidate: Sendable, Hashable {
        /// The string.
        public var word: String
        /// Occurrences in the corpus.
        public var count: Int
        /// The least pointwise mutual information over its cuts in two (natural log).
        public var cohesion: Double
        /// Branching entropy of the characters before it (natural log; each run edge is a
        /// neighbour of its own).
        public var leftEntropy: Double
        /// Branching entropy of the characters after it.
        public var rightEntropy: Double
        /// Share of its occurrences that the segmenter already gives as one token.
        public var wholeShare: Double
        /// Share of its occurrences that start and end on token boundaries.
        public var alignedShare: Double
        /// How the segmenter most often cuts it (pieces joined by `|`).
        public var commonCut: String
        /// The ranking score (higher is better).
        public var score: Double
    }

    /// The segmenter whose cuts define what is new.
    public let segmenter: Segmenter
    /// The options.
    public var options: Options
    var text = HanText()

    /// A discovery over `segmenter`'s segmentation.
    public init(segmenter: Segmenter, options: Options = Options()) {
        self.segmenter = segmenter
        self.options = options
    }

    /// The number of Han characters added so far.
    public var characterCount: Int { text.codes.count(where: { $0 != 0 }) }

    /// Adds texts, segmenting them on `options.threads` threads.
    /// - Complexity: O(*n*) in the texts' length.
    public mutating func add(_ texts: [String]) {
        let threads = max(1, options.threads)
        if threads == 1 || texts.count < 2 {
            var tokens: [Token] = []
            for t in texts { text.append(t, segmenter: segmenter, tokens: &tokens) }
            return
        }
        let parts = min(texts.count, threads * 4)
        let results = Slots<HanText>(count: parts)
        let job = UncheckedSendable((texts, segmenter))
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let (texts, segmenter) = job.value
            let lo = texts.count * p / parts, hi = texts.count * (p + 1) / parts
            var part = HanText(), tokens: [Token] = []
            for i in lo..<hi { part.append(texts[i], segmenter: segmenter, tokens: &tokens) }
            results[p] = part
        }
        for p in 0..<parts {
            if let part = results[p] { text.append(contentsOf: part) }
        }
    }

    /// Adds one text.
    public mutating func add(_ text: String) {
        var tokens: [Token] = []
        self.text.append(text, segmenter: segmenter, tokens: &tokens)
    }

    /// The candidates, best first.
    /// - Complexity: about O(*n* · 8) in the number of characters added, on `options.threads`
    ///   threads; memory for the frequent strings' tables.
    public func discover() -> [Candidate] {
        let counts = NGramCounts(text: text, options: options)
        return counts.candidates(options: options)
    }
}

/// Characters that a discovered word of the newspaper vocabulary does not start or end with:
/// particles, prepositions, conjunctions, pronouns, adverbs, localisers (的, 了, 是, 在, 和 …).
/// The words among such strings are ones the segmenter already knows (目前, 对外, 之后).
enum FunctionCharacters {
    /// Never at the start of a discovered word.
    static let notFirst: Set<Unicode.Scalar> = Set("的了着过是在和与及或而且也都就把被对从向于之其等以将所这那个吗呢吧啊他她我你要很已还更最又并让据为各该每按占此曾另愿致".unicodeScalars)
    /// Never at the end of a discovered word.
    static let notLast: Set<Unicode.Scalar> = Set("的了着过是在和与及或而且也都就把被对从向于之其将这那吗呢吧啊并又还再更很最已说称要地上中下前后里同好为出内时".unicodeScalars)
    /// Not inside a discovered word as a token of its own (党|和|人民, 党|的|领导: a phrase).
    static let notInside: Set<Unicode.Scalar> = Set("的了和与及在是".unicodeScalars)
    /// Numerals and ordinal or approximate prefixes: a string of them and at most two more
    /// characters (第一次, 五年来, 数百名, 一季度) is a number and its classifier, which PKU's
    /// standard cuts apart, not a word.
    static let numeric: Set<Unicode.Scalar> = Set("一二三四五六七八九十百千万亿两零〇几数多第首前".unicodeScalars)

    /// Whether `word` is a numeral with a classifier or unit (see `numeric`).
    static func isNumberWithClassifier(_ word: some Sequence<Unicode.Scalar>) -> Bool {
        var leading = 0, rest = 0
        for s in word {
            if rest == 0 && numeric.contains(s) { leading += 1 } else { rest += 1 }
        }
        return leading > 0 && rest <= 2
    }
}
