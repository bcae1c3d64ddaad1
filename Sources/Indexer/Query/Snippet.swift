/// A passage's text cut to a window around its first match, with highlight ranges (UTF-8
/// offsets into the snippet text).
public struct Snippet: Sendable, Hashable {
    /// The text, with "…" where it was cut.
    public var text: String
    /// The matches in it, as UTF-8 offsets into `text`.
    public var highlights: [Range<Int>]

    /// The snippet of `passage` (UTF-8 offsets into `text`) with `matches` (sorted, disjoint),
    /// at most `maxCharacters` characters around the first match.
    public static func make(text: String, passage: Range<Int>, matches: [Range<Int>], maxCharacters: Int) -> Snippet {
        var text = text
        return text.withUTF8 { bytes in
            make(bytes, passage: passage, matches: matches, maxCharacters: maxCharacters)
        }
    }

    /// The snippet of `passage` (UTF-8 offsets into `text`) with the highlights `highlighter`
    /// finds there, at most `maxCharacters` characters around the first.
    public static func make(text: String, passage: Range<Int>, highlighter: PassageHighlighter, maxCharacters: Int) -> Snippet {
        make(text: text, passage: passage, highlighter: highlighter, maxCharacters: maxCharacters, indexed: nil)
    }

    /// The same, with the index's positions of the passage's start and of the query's terms in
    /// the document (see `PassageHighlighter.matches`).
    static func make(text: String, passage: Range<Int>, highlighter: PassageHighlighter, maxCharacters: Int,
                     indexed: (start: Int, positions: [[UInt32]])?) -> Snippet {
        var text = text
        return text.withUTF8 { bytes in
            make(utf8: bytes, passage: passage, highlighter: highlighter, maxCharacters: maxCharacters, indexed: indexed)
        }
    }

    /// The same over a document's UTF-8 bytes (a stored text read without making a String of it).
    static func make(utf8 bytes: UnsafeBufferPointer<UInt8>, passage: Range<Int>, highlighter: PassageHighlighter, maxCharacters: Int,
                     indexed: (start: Int, positions: [[UInt32]])?) -> Snippet {
        // A damaged store's range: no highlights to look for (make returns an empty snippet).
        guard passage.lowerBound >= 0, passage.upperBound <= bytes.count, passage.lowerBound <= passage.upperBound else {
            return make(bytes, passage: passage, matches: [], maxCharacters: maxCharacters)
        }
        if let (matches, characters) = highlighter.matchesInOnePass(bytes, passage: passage, indexed: indexed) {
            return make(bytes, passage: passage, matches: matches, maxCharacters: maxCharacters, characters: characters)
        }
        let matches = highlighter.matches(in: bytes, passage: passage, indexed: indexed)
        return make(bytes, passage: passage, matches: matches, maxCharacters: maxCharacters)
    }

    /// The step from a character to the next as the snippet's window counts them (a stray
    /// continuation byte as two, as the window always has).
    @inline(__always)
    static func characterWidth(_ b: UInt8) -> Int {
        b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
    }

    /// The width in bytes of the UTF-8 sequence that starts with `b` (1 for a stray continuation byte).
    @inline(__always)
    static func sequenceWidth(_ b: UInt8) -> Int {
        b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
    }

    /// The snippet of `passage` in `bytes` with `matches` (sorted, disjoint).
    /// `characters`: the passage's length in characters when the caller has counted it (as
    /// `characterWidth` steps through it).
    private static func make(_ bytes: UnsafeBufferPointer<UInt8>, passage: Range<Int>, matches: [Range<Int>],
                             maxCharacters: Int, characters: Int? = nil) -> Snippet {
        guard passage.lowerBound >= 0, passage.upperBound <= bytes.count, passage.lowerBound <= passage.upperBound else {
            return Snippet(text: "", highlights: [])
        }
        // Cut on characters (scalars): count them, and find the byte where the nth starts,
        // without keeping every boundary.
        let width = characterWidth
        var count = 0
        if let characters {
            count = characters
        } else {
            var i = passage.lowerBound
            while i < passage.upperBound {
                count += 1
                i += width(bytes[i])
            }
        }
        /// The byte where character `n` of the passage starts (the passage's end for `count`).
        func start(of n: Int) -> Int {
            if n >= count { return passage.upperBound }
            var i = passage.lowerBound
            for _ in 0..<n { i += width(bytes[i]) }
            return i
        }
        var lo = 0, hi = count
        if count > maxCharacters {
            let first = matches.first?.lowerBound ?? passage.lowerBound
            // The first character starting at or after `first` (0 when none does).
            var at = 0
            if first <= passage.upperBound {
                var i = passage.lowerBound
                while i < passage.upperBound && i < first {
                    at += 1
                    i += width(bytes[i])
                }
            }
            lo = max(0, at - maxCharacters / 4)
            hi = min(count, lo + maxCharacters)
        }
        let from = start(of: lo), to = hi == count ? passage.upperBound : start(of: hi)
        var highlights = matches.compactMap { m -> Range<Int>? in
            let a = max(m.lowerBound, from), b = min(m.upperBound, to)
            return a < b ? (a - from)..<(b - from) : nil
        }
        var snippet = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        if lo > 0 {
            snippet = "…" + snippet
            highlights = highlights.map { ($0.lowerBound + 3)..<($0.upperBound + 3) }
        }
        if hi < count { snippet += "…" }
        return Snippet(text: snippet, highlights: highlights)
    }

    /// The text with each highlight between `open` and `close`; `escape` is applied to the
    /// text's pieces (not to the markers, which may be terminal colour codes).
    public func marked(open: String, close: String, escape: (String) -> String = { $0 }) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var at = 0
        func piece(_ range: Range<Int>) -> String { escape(String(decoding: bytes[range], as: UTF8.self)) }
        for h in highlights where h.lowerBound >= at && h.upperBound <= bytes.count {
            out += piece(at..<h.lowerBound)
            out += open + piece(h) + close
            at = h.upperBound
        }
        out += piece(at..<bytes.count)
        return out
    }
}

/// Where a query's words are in a passage, for a snippet's highlights.
///
/// A word outside phrases is highlighted wherever the passage has it as a term (search mode,
/// as the index has it: 社会主义 inside 中国特色社会主义); a phrase's words only where the
/// whole phrase matches — each word at its offset from the first — so the search-mode parts of
/// "高质量 发展" do not light up on their own elsewhere (高 in 高水平).
///
/// The passage is not segmented when it need not be: with no Traditional folding and words
/// made of Han characters only, a term can only be where its bytes are, so the passage is
/// scanned for the words' bytes (none: no highlight), and an occurrence is checked against
/// the index's positions of the word where they can be counted (see `matches`). Otherwise the
/// passage is segmented whole, as before. Segmenting only the clauses that hold
/// a word was tried and dropped: the names pass reads the whole text (a name seen twice), so
/// a clause alone can segment otherwise.
public struct PassageHighlighter: Sendable {
    /// The analysis of the documents (search mode).
    public let analyzer: Analyzer
    /// The query's scoring terms (`Query.scoringTerms`: every word of its groups, in the order
    /// of the positions `matches` is given); words are numbered by this order below.
    let scoring: [String]
    let number: [String: Int]
    /// Per word: whether it is highlighted wherever it occurs (a word outside phrases).
    let anywhere: [Bool]
    /// Phrases: their words and each word's position relative to the first's.
    let phrases: [(terms: [Int], offsets: [Int])]
    /// The words' bytes (by number), when a passage may be scanned for them; nil when it is segmented whole.
    let needles: [[UInt8]]?
    /// Whether the index's positions may stand in for segmenting (see `matches`).
    let usesPositions: Bool

    /// A highlighter of `query`'s words (its groups', not its exclusions') with `analyzer`
    /// (the documents' analysis: search mode).
    public init(query: Query, analyzer: Analyzer) {
        self.analyzer = analyzer
        scoring = query.scoringTerms
        var number: [String: Int] = [:]
        for (i, term) in scoring.enumerated() where number[term] == nil { number[term] = i }
        var anywhere = [Bool](repeating: false, count: scoring.count)
        var phrases: [(terms: [Int], offsets: [Int])] = []
        for group in query.groups {
            for clause in group {
                let terms = clause.terms.compactMap { number[$0] }
                guard clause.isPhrase && terms.count > 1 && terms.count == clause.terms.count && clause.offsets.count == terms.count else {
                    for t in terms { anywhere[t] = true }
                    continue
                }
                phrases.append((terms, clause.offsets))
            }
        }
        self.number = number
        self.anywhere = anywhere
        self.phrases = phrases
        let hanOnly = scoring.allSatisfy { term in
            !term.isEmpty && term.unicodeScalars.allSatisfy { s in
                switch s.value {
                case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: true
                default: false
                }
            }
        }
        needles = hanOnly && analyzer.segmenter.folding == .none ? scoring.map { Array($0.utf8) } : nil
        // A passage's first Han character starts a term only with no stop words and numbers kept.
        usesPositions = needles != nil && analyzer.stopWords.isEmpty && analyzer.keepNumbers
    }

    /// The highlights of `text` (UTF-8 ranges, sorted, overlaps merged), the whole text segmented.
    public func matches(in text: String) -> [Range<Int>] {
        matches(among: analyzer.terms(in: text))
    }

    /// The highlights among a text's terms, already segmented by this highlighter's analyzer
    /// (so that one segmentation serves several queries).
    func matches(among terms: [TermOccurrence]) -> [Range<Int>] {
        PassageRanker.merged(highlights(found(terms), shift: 0))
    }

    /// The highlights in `passage` of the UTF-8 text `b` (ranges into `b`, sorted, merged).
    ///
    /// With `indexed` (the position the index has for the passage's start, and each scoring
    /// term's positions in the document, ascending), a passage that starts a sentence with a Han
    /// character and holds no whitespace is not segmented at all: there the position of the
    /// character at byte x is the passage's position plus the characters before x (every
    /// scalar is one character; whitespace alone takes none), so an occurrence of a word's
    /// bytes is a term exactly when the index has the word at that position.
    func matches(in b: UnsafeBufferPointer<UInt8>, passage: Range<Int>,
                 indexed: (start: Int, positions: [[UInt32]])? = nil) -> [Range<Int>] {
        guard passage.lowerBound >= 0, passage.upperBound <= b.count, passage.lowerBound <= passage.upperBound else { return [] }
        if let indexed, let needles, usesPositions, indexed.positions.count == scoring.count,
           Self.positionsApply(b, passage) {
            return PassageRanker.merged(highlights(located(b, passage, needles: needles, indexed: indexed), shift: 0))
        }
        // A word can only be where its bytes are: a passage without any is not segmented.
        if let needles, !needles.contains(where: { Self.occurs($0, in: b, passage) }) { return [] }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[passage]), as: UTF8.self)
        return PassageRanker.merged(highlights(found(analyzer.terms(in: text)), shift: passage.lowerBound))
    }

    /// A word found: its number, UTF-8 range and position.
    typealias Found = (term: Int, range: Range<Int>, position: Int)

    /// The query's words among a segmentation's terms.
    func found(_ occurrences: [TermOccurrence]) -> [Found] {
        occurrences.compactMap { o in number[o.term].map { ($0, o.utf8Range, o.position) } }
    }

    /// Whether positions can be counted from `passage`'s start: it holds no whitespace (which
    /// takes no room), starts with a Han character (the first term's start, whose position the
    /// index keeps) and starts the text, a line or a sentence (so no token runs into it).
    static func positionsApply(_ b: UnsafeBufferPointer<UInt8>, _ passage: Range<Int>) -> Bool {
        guard startsTerm(b, passage) else { return false }
        // No whitespace (Unicode White_Space) inside.
        var i = passage.lowerBound
        while i < passage.upperBound {
            if isWhitespace(b, i, passage.upperBound) { return false }
            i += 1
        }
        return true
    }

    /// Whether `passage` starts with a Han character that starts the text, a line or a sentence
    /// (so the index keeps a term's position there): the first half of `positionsApply`.
    static func startsTerm(_ b: UnsafeBufferPointer<UInt8>, _ passage: Range<Int>) -> Bool {
        let lo = passage.lowerBound, hi = passage.upperBound
        guard lo >= 0, hi <= b.count, hi - lo >= 3 else { return false }
        // The first scalar: a CJK ideograph (three bytes: U+3400–U+9FFF).
        let c0 = UInt32(b[lo]), c1 = UInt32(b[lo + 1]), c2 = UInt32(b[lo + 2])
        guard c0 >= 0xE3 && c0 <= 0xE9 && c1 & 0xC0 == 0x80 && c2 & 0xC0 == 0x80 else { return false }
        let first = (c0 & 0x0F) << 12 | (c1 & 0x3F) << 6 | (c2 & 0x3F)
        guard (0x3400...0x4DBF).contains(first) || (0x4E00...0x9FFF).contains(first) else { return false }
        // What comes before: the text's start, a line break or a sentence end (spaces, tabs and CR trimmed).
        var j = lo
        while j > 0 && (b[j - 1] == 0x20 || b[j - 1] == 0x09 || b[j - 1] == 0x0D) { j -= 1 }
        if j > 0 {
            let p = b[j - 1]
            let asciiEnd = p == 0x0A || p == 0x21 || p == 0x3F || p == 0x3B
            let wideEnd = j >= 3 && ((b[j - 3] == 0xE3 && b[j - 2] == 0x80 && p == 0x82)
                || (b[j - 3] == 0xEF && b[j - 2] == 0xBC && (p == 0x81 || p == 0x9F || p == 0x9B)))
            guard asciiEnd || wideEnd else { return false }
        }
        return true
    }

    /// Whether a whitespace character (Unicode White_Space) starts at byte `i` (before `hi`).
    @inline(__always)
    static func isWhitespace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Bool {
        let c = b[i]
        if c <= 0x20 { return true }
        if c < 0xC2 || c > 0xE3 { return false }
        if c == 0xC2, i + 1 < hi, b[i + 1] == 0x85 || b[i + 1] == 0xA0 { return true }
        if c == 0xE1, i + 2 < hi, b[i + 1] == 0x9A, b[i + 2] == 0x80 { return true }
        if c == 0xE2, i + 2 < hi {
            let d = b[i + 1], e = b[i + 2]
            if d == 0x80 && (e <= 0x8A || e == 0xA8 || e == 0xA9 || e == 0xAF) { return true }
            if d == 0x81 && e == 0x9F { return true }
        }
        if c == 0xE3, i + 2 < hi, b[i + 1] == 0x80, b[i + 2] == 0x80 { return true }
        return false
    }

    /// What `matches` gives where the index's positions place every word and the query has no
    /// phrase, with the passage's length in characters, in one pass over it (the whitespace
    /// check, the words' bytes and the character count together); nil where that does not apply.
    func matchesInOnePass(_ b: UnsafeBufferPointer<UInt8>, passage: Range<Int>,
                          indexed: (start: Int, positions: [[UInt32]])?) -> (matches: [Range<Int>], characters: Int)? {
        guard phrases.isEmpty, let indexed, let needles, usesPositions, indexed.positions.count == scoring.count,
              passage.lowerBound >= 0, passage.upperBound <= b.count, Self.startsTerm(b, passage) else { return nil }
        let hi = passage.upperBound
        var found: [Range<Int>] = []
        var i = passage.lowerBound, characters = 0
        while i < hi {
            let c = b[i]
            if Self.isWhitespace(b, i, hi) { return nil }
            // The words are Han: they start with a lead byte of three or four.
            if c >= 0xE3 {
                for t in 0..<needles.count where anywhere[t] {
                    let needle = needles[t], positions = indexed.positions[t]
                    guard needle.first == c, needle.count <= hi - i, !positions.isEmpty else { continue }
                    var j = 1
                    while j < needle.count && b[i + j] == needle[j] { j += 1 }
                    guard j == needle.count else { continue }
                    let position = indexed.start + characters
                    var lo = 0, up = positions.count
                    while lo < up {
                        let mid = (lo + up) / 2
                        if Int(positions[mid]) < position { lo = mid + 1 } else { up = mid }
                    }
                    if lo < positions.count && Int(positions[lo]) == position { found.append(i..<i + needle.count) }
                }
            }
            characters += 1
            i += Snippet.characterWidth(c)
        }
        return (found.count > 1 ? PassageRanker.merged(found) : found, characters)
    }

    /// The occurrences of the words' bytes in `passage` that the index has as terms there.
    private func located(_ b: UnsafeBufferPointer<UInt8>, _ passage: Range<Int>, needles: [[UInt8]],
                         indexed: (start: Int, positions: [[UInt32]])) -> [Found] {
        // Every occurrence of every word: (byte, scoring index).
        var candidates: [(at: Int, term: Int)] = []
        for (t, needle) in needles.enumerated() {
            guard !indexed.positions[t].isEmpty, let first = needle.first else { continue }
            // A needle starts with a lead byte, which only starts a sequence: step sequence by
            // sequence (a stray continuation byte by one), not byte by byte.
            var i = passage.lowerBound
            let last = passage.upperBound - needle.count
            while i <= last {
                let c = b[i]
                if c == first {
                    var j = 1
                    while j < needle.count && b[i + j] == needle[j] { j += 1 }
                    if j == needle.count { candidates.append((i, t)) }
                }
                i += Snippet.sequenceWidth(c)
            }
        }
        guard !candidates.isEmpty else { return [] }
        candidates.sort { $0.at < $1.at }
        var out: [Found] = []
        var i = passage.lowerBound, characters = 0
        for candidate in candidates {
            while i < candidate.at {
                if b[i] & 0xC0 != 0x80 { characters += 1 }
                i += 1
            }
            let position = indexed.start + characters
            let positions = indexed.positions[candidate.term]
            // Binary search for the position.
            var lo = 0, hi = positions.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(positions[mid]) < position { lo = mid + 1 } else { hi = mid }
            }
            guard lo < positions.count && Int(positions[lo]) == position else { continue }
            out.append((candidate.term, candidate.at..<candidate.at + needles[candidate.term].count, position))
        }
        return out
    }

    /// Whether `needle` occurs in `b[range]`.
    private static func occurs(_ needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = needle.first, needle.count <= range.count else { return false }
        let n = needle.count
        var i = range.lowerBound
        let last = range.upperBound - n
        while i <= last {
            if b[i] == first {
                var j = 1
                while j < n && b[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }

    /// The ranges (moved by `shift`) of the occurrences to highlight: the words outside phrases,
    /// and the words of each phrase match.
    private func highlights(_ occurrences: [Found], shift: Int) -> [Range<Int>] {
        let kept = occurrences
        guard !kept.isEmpty else { return [] }
        var out: [Range<Int>] = []
        for o in kept where anywhere[o.term] { out.append(o.range) }
        if !phrases.isEmpty {
            var byPosition: [Int: [Int]] = [:]
            for (k, o) in kept.enumerated() { byPosition[o.position, default: []].append(k) }
            func at(_ position: Int, _ term: Int) -> Int? { byPosition[position]?.first { kept[$0].term == term } }
            for phrase in phrases {
                for o in kept where o.term == phrase.terms[0] {
                    var words = [o.range]
                    for w in 1..<phrase.terms.count {
                        guard let k = at(o.position + phrase.offsets[w] - phrase.offsets[0], phrase.terms[w]) else { words = []; break }
                        words.append(kept[k].range)
                    }
                    out += words
                }
            }
        }
        return shift == 0 ? out : out.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
    }
}
