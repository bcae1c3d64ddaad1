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
            make(bytes, passage: passage, maxCharacters: maxCharacters) { _ in matches }
        }
    }

    /// The snippet of `passage` (UTF-8 offsets into `text`) with the highlights `highlighter`
    /// finds there, at most `maxCharacters` characters around the first.
    public static func make(text: String, passage: Range<Int>, highlighter: PassageHighlighter, maxCharacters: Int) -> Snippet {
        var text = text
        return text.withUTF8 { bytes in
            make(bytes, passage: passage, maxCharacters: maxCharacters) { end in
                highlighter.matches(in: bytes, passage: passage, end: end)
            }
        }
    }

    /// The snippet of `passage` in `bytes`; `matches(end)` gives the passage's highlights
    /// (sorted, disjoint), where `end(first)` is the snippet's end when the first starts at `first`.
    private static func make(_ bytes: UnsafeBufferPointer<UInt8>, passage: Range<Int>, maxCharacters: Int,
                             matches find: ((Int) -> Int) -> [Range<Int>]) -> Snippet {
        guard passage.lowerBound >= 0, passage.upperBound <= bytes.count, passage.lowerBound <= passage.upperBound else {
            return Snippet(text: "", highlights: [])
        }
        // Scalar boundaries of the passage, to cut on characters.
        var starts: [Int] = []
        var i = passage.lowerBound
        while i < passage.upperBound {
            starts.append(i)
            let b = bytes[i]
            i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        }
        starts.append(passage.upperBound)
        let count = starts.count - 1
        /// The cut (scalar indices) when the first match starts at byte `first`.
        func cut(_ first: Int?) -> (lo: Int, hi: Int) {
            guard count > maxCharacters else { return (0, count) }
            let at = starts.firstIndex(where: { $0 >= first ?? passage.lowerBound }) ?? 0
            let lo = max(0, at - maxCharacters / 4)
            return (lo, min(count, lo + maxCharacters))
        }
        let matches = find { first in starts[cut(first).hi] }
        let (lo, hi) = cut(matches.first?.lowerBound)
        let from = starts[lo], to = starts[hi]
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
/// The passage is not segmented as a whole when it need not be: with no Traditional folding
/// and words made of Han characters only, a term can only be where its bytes are, so the
/// passage is scanned for the words' bytes, and only the clauses (text between ，。、；：？！)
/// that hold one are segmented, up to the end of the snippet. A clause is segmented as the
/// segmenter sees it in the passage: none of its tokens crosses that punctuation. Phrases
/// with a gap between words (punctuation or a stop word typed inside the quotes) take the
/// whole passage.
public struct PassageHighlighter: Sendable {
    /// The analysis of the documents (search mode).
    public let analyzer: Analyzer
    /// Words highlighted wherever they occur.
    let anywhere: Set<String>
    /// Phrases: their words and each word's position relative to the first's.
    let phrases: [(terms: [String], offsets: [Int])]
    /// Every word that may be highlighted.
    let wanted: Set<String>
    /// The words' bytes, when clauses may be scanned for them; nil when the whole passage is segmented.
    let needles: [[UInt8]]?

    /// A highlighter of `query`'s words (its groups', not its exclusions') with `analyzer`
    /// (the documents' analysis: search mode).
    public init(query: Query, analyzer: Analyzer) {
        self.analyzer = analyzer
        var anywhere = Set<String>(), wanted = Set<String>()
        var phrases: [(terms: [String], offsets: [Int])] = []
        var contiguous = true
        for group in query.groups {
            for clause in group {
                wanted.formUnion(clause.terms)
                guard clause.isPhrase && clause.terms.count > 1 && clause.offsets.count == clause.terms.count else {
                    anywhere.formUnion(clause.terms)
                    continue
                }
                phrases.append((clause.terms, clause.offsets))
                for i in 1..<clause.terms.count
                where clause.offsets[i] > clause.offsets[i - 1] + clause.terms[i - 1].unicodeScalars.count {
                    contiguous = false
                }
            }
        }
        self.anywhere = anywhere
        self.phrases = phrases
        self.wanted = wanted
        let hanOnly = wanted.allSatisfy { term in
            !term.isEmpty && term.unicodeScalars.allSatisfy { s in
                switch s.value {
                case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: true
                default: false
                }
            }
        }
        needles = contiguous && hanOnly && analyzer.segmenter.folding == .none ? wanted.map { Array($0.utf8) } : nil
    }

    /// The highlights of `text` (UTF-8 ranges, sorted, overlaps merged), the whole text segmented.
    public func matches(in text: String) -> [Range<Int>] {
        PassageRanker.merged(highlights(analyzer.terms(in: text), shift: 0))
    }

    /// The highlights in `passage` of the UTF-8 text `b` (ranges into `b`, sorted, merged).
    /// `end(first)` is where the snippet shown ends when its first highlight starts at `first`:
    /// clauses after it are not looked at.
    func matches(in b: UnsafeBufferPointer<UInt8>, passage: Range<Int>, end: (Int) -> Int) -> [Range<Int>] {
        guard let needles else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[passage]), as: UTF8.self)
            return PassageRanker.merged(highlights(analyzer.terms(in: text), shift: passage.lowerBound))
        }
        var out: [Range<Int>] = []
        var limit = Int.max
        var start = passage.lowerBound
        var i = passage.lowerBound
        while start < passage.upperBound && start < limit {
            // The clause from `start` to the next clause punctuation (or the passage's end).
            var stop = passage.upperBound, next = passage.upperBound
            i = start
            while i + 2 < passage.upperBound {
                let c = b[i]
                if c == 0xEF && b[i + 1] == 0xBC {
                    let d = b[i + 2]  // ，；：？！
                    if d == 0x8C || d == 0x9B || d == 0x9A || d == 0x9F || d == 0x81 { stop = i; next = i + 3; break }
                } else if c == 0xE3 && b[i + 1] == 0x80 && (b[i + 2] == 0x82 || b[i + 2] == 0x81) {  // 。、
                    stop = i; next = i + 3; break
                }
                i += 1
            }
            let clause = start..<stop
            if needles.contains(where: { Self.occurs($0, in: b, clause) }) {
                let text = String(decoding: UnsafeBufferPointer(rebasing: b[clause]), as: UTF8.self)
                let found = highlights(analyzer.terms(in: text), shift: clause.lowerBound)
                if out.isEmpty, let first = found.map(\.lowerBound).min() { limit = end(first) }
                out += found
            }
            start = next
        }
        return PassageRanker.merged(out)
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
    private func highlights(_ occurrences: [TermOccurrence], shift: Int) -> [Range<Int>] {
        let kept = occurrences.filter { wanted.contains($0.term) }
        guard !kept.isEmpty else { return [] }
        var out: [Range<Int>] = []
        for o in kept where anywhere.contains(o.term) { out.append(o.utf8Range) }
        if !phrases.isEmpty {
            var byPosition: [Int: [Int]] = [:]
            for (k, o) in kept.enumerated() { byPosition[o.position, default: []].append(k) }
            func at(_ position: Int, _ term: String) -> Int? { byPosition[position]?.first { kept[$0].term == term } }
            for phrase in phrases {
                for o in kept where o.term == phrase.terms[0] {
                    var words = [o.utf8Range]
                    for w in 1..<phrase.terms.count {
                        guard let k = at(o.position + phrase.offsets[w] - phrase.offsets[0], phrase.terms[w]) else { words = []; break }
                        words.append(kept[k].utf8Range)
                    }
                    out += words
                }
            }
        }
        return shift == 0 ? out : out.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
    }
}
