import Segmenter

/// One term occurrence of analysed text: its normalized text and where it is.
public struct TermOccurrence: Hashable, Sendable {
    /// The term as indexed and matched: Latin lowercased, full-width forms folded (and, with a
    /// segmenter that folds Traditional characters, those as Simplified).
    public var term: String
    /// Where it is, in UTF-8 bytes of the analysed text.
    public var utf8Range: Range<Int>
    /// Its position: where it starts in the text, counted in characters (Unicode scalars) with
    /// spaces and tabs not counted (see `Analyzer`). The next word of a phrase starts at
    /// `position + length` where `length` is this term's character count.
    public var position: Int
    /// The segmenter's kind for the token.
    public var kind: Token.Kind
    /// Which part of the segmenter made the token.
    public var source: Token.Source = .icu
    /// True for a search-mode sub-word (a part of the precise term before it).
    public var isSubword = false
}

/// Turns text into terms: the tokenizer contract between the segmenter and everything that
/// counts words (keywords, passage ranking, queries, the index). Indexing and `terms(in:)` walk
/// a segmentation with the same function (`forEachTerm`), so a query, a snippet and the index
/// agree on every term and position.
///
/// Terms are the segmenter's tokens (precise or search mode), normalized (Latin lowercased,
/// full-width forms folded as the segmenter folds them), with punctuation, symbols and
/// whitespace dropped and stop words removed.
///
/// Positions describe where a word is in the text: a term's position is the number of
/// characters before it, not counting spaces and tabs. So a search-mode sub-word has its own
/// position inside its token (社会主义 at p and 现代化 at p + 4 inside 社会主义现代化国家), and two
/// words are adjacent — a phrase — when the second starts where the first ends. Punctuation,
/// symbols, line breaks and dropped words (stop words) between two words take up their
/// characters, so a phrase does not match across them: `"乡村振兴 战略"` matches 乡村振兴战略 and
/// 乡村振兴 战略, not 乡村振兴”战略, 加快。发展 or 加快⏎⏎发展. A phrase typed with the punctuation
/// (`"乡村振兴”战略"`) matches text with one character there.
public struct Analyzer: Sendable {
    /// The segmenter that makes the tokens.
    public var segmenter: Segmenter
    /// Precise mode for queries and keywords; search mode (sub-words too) for documents.
    public var mode: Segmenter.Mode
    /// Normalized words that are never terms.
    public var stopWords: Set<String>
    /// Keep number tokens (2024年, 5.5%) as terms.
    public var keepNumbers: Bool
    /// The stop words by their bytes, for the hot path.
    let stopTable: WordTable

    /// The version of normalization and positions; recorded in an index's analysis.
    public static let version = 2

    /// Makes an analyzer.
    public init(segmenter: Segmenter, mode: Segmenter.Mode = .search, stopWords: Set<String> = [], keepNumbers: Bool = true) {
        self.segmenter = segmenter
        self.mode = mode
        self.stopWords = Set(stopWords.map(Analyzer.normalize))
        self.keepNumbers = keepNumbers
        stopTable = WordTable(self.stopWords.map { (Array($0.utf8), 1) })
    }

    /// The terms of `text`, in order (a token's sub-words right after it).
    public func terms(in text: String) -> [TermOccurrence] {
        var out: [TermOccurrence] = []
        var copy = text
        copy.withUTF8 { bytes in
            var tokens: [Token] = []
            var folded: [UInt32] = []
            segment(bytes, into: &tokens, folded: &folded)
            var termBytes: [UInt8] = []
            var found: [(Range<Int>, Int, Token)] = []
            _ = folded.withUnsafeBufferPointer { folded in
                forEachTerm(utf8: bytes, tokens: tokens, folded: folded, termBytes: &termBytes) { start, length, position, token in
                    found.append((start..<start + length, position, token))
                }
            }
            for (range, position, token) in found {
                let term = String(decoding: termBytes[range], as: UTF8.self)
                out.append(TermOccurrence(term: term, utf8Range: token.utf8Range, position: position, kind: token.kind, source: token.source,
                                          isSubword: token.isSubword))
            }
        }
        return out
    }

    /// Segments `bytes` into `tokens`; when the segmenter folds Traditional characters, also
    /// gives the text as it read it (`folded`, one scalar per scalar), else leaves it empty.
    @inline(__always)
    func segment(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token], folded: inout [UInt32]) {
        if segmenter.folding == .none {
            _ = try? segmenter.segment(utf8: bytes, mode: mode, into: &tokens)
        } else {
            try? segmenter.segment(utf8: bytes, mode: mode, into: &tokens, folded: &folded)
        }
    }

    /// The one walk from tokens to terms: for each token kept as a term, appends its normalized
    /// bytes to `termBytes` and calls `body(start, length, position, token)` with where they
    /// are in `termBytes` and the term's position (see the type's documentation). A stop word
    /// or an over-long token (over 65,535 bytes) is not a term; its bytes are removed again.
    /// With `folded` (the text as a folding segmenter read it, `segment(_:into:folded:)`), a
    /// term is made of the folded scalars; when it is empty, of the text's bytes.
    /// - Returns: the number of precise tokens kept as terms (a document's length), and the
    ///   position just past the text (where a passage ending at the text's end ends).
    @inline(__always)
    func forEachTerm(
        utf8 bytes: UnsafeBufferPointer<UInt8>, tokens: [Token], folded: UnsafeBufferPointer<UInt32> = .init(start: nil, count: 0),
        termBytes: inout [UInt8],
        _ body: (_ start: Int, _ length: Int, _ position: Int, _ token: Token) -> Void
    ) -> (length: Int, end: Int) {
        var next = 0            // the position of the next precise token
        var parentPosition = 0  // the last precise token's position and first scalar
        var parentScalar = 0
        var parentKept = false
        var kept = 0
        for token in tokens {
            let position: Int
            if !token.isSubword {
                position = next
                parentPosition = next
                parentScalar = token.scalarRange.lowerBound
                parentKept = false
                switch token.kind {
                case .whitespace:
                    // Spaces and tabs take no room; a line break takes one character.
                    if Self.hasLineBreak(UnsafeBufferPointer(rebasing: bytes[token.utf8Range])) { next += 1 }
                    continue
                case .punctuation, .symbol:
                    next += token.scalarRange.count
                    continue
                case .number where !keepNumbers:
                    next += token.scalarRange.count
                    continue
                default:
                    next += token.scalarRange.count
                }
                parentKept = true
            } else {
                guard parentKept else { continue }
                position = parentPosition + (token.scalarRange.lowerBound - parentScalar)
            }
            let start = termBytes.count
            let raw = UnsafeBufferPointer(rebasing: bytes[token.utf8Range])
            if !folded.isEmpty && token.scalarRange.upperBound <= folded.count {
                Self.appendTerm(folded[token.scalarRange], to: &termBytes)
            } else if raw.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0xEF || $0 == 0xE3 }) {
                termBytes.append(contentsOf: Analyzer.normalize(String(decoding: raw, as: UTF8.self)).utf8)
            } else {
                termBytes.append(contentsOf: raw)
            }
            let length = termBytes.count - start
            if length > Int(UInt16.max) {
                termBytes.removeLast(length)
                continue
            }
            if stopTable.count > 0 {
                let isStop = termBytes.withUnsafeBufferPointer { all -> Bool in
                    let word = UnsafeBufferPointer(rebasing: all[start..<start + length])
                    return stopTable.contains(word, hash: TermInterner.hash(word))
                }
                if isStop {
                    termBytes.removeLast(length)
                    continue
                }
            }
            if !token.isSubword { kept += 1 }
            body(start, length, position, token)
        }
        return (kept, next)
    }

    /// Appends the UTF-8 of folded scalars, Latin lowercased (full-width forms are already
    /// folded in them): the term of a folding segmenter's token.
    static func appendTerm(_ scalars: Slice<UnsafeBufferPointer<UInt32>>, to out: inout [UInt8]) {
        for var v in scalars {
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            switch v {
            case 0..<0x80:
                out.append(UInt8(v))
            case 0x80..<0x800:
                out.append(UInt8(0xC0 | v >> 6))
                out.append(UInt8(0x80 | v & 0x3F))
            case 0x800..<0x1_0000:
                out.append(UInt8(0xE0 | v >> 12))
                out.append(UInt8(0x80 | v >> 6 & 0x3F))
                out.append(UInt8(0x80 | v & 0x3F))
            default:
                out.append(UInt8(0xF0 | v >> 18 & 0x07))
                out.append(UInt8(0x80 | v >> 12 & 0x3F))
                out.append(UInt8(0x80 | v >> 6 & 0x3F))
                out.append(UInt8(0x80 | v & 0x3F))
            }
        }
    }

    /// Whether whitespace bytes hold a line or paragraph break (LF, VT, FF, CR, NEL, U+2028/9).
    static func hasLineBreak(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for (i, c) in b.enumerated() {
            if c >= 0x0A && c <= 0x0D { return true }
            if c == 0xC2 && i + 1 < b.count && b[i + 1] == 0x85 { return true }
            if c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) { return true }
        }
        return false
    }

    /// The normal form of a term: full-width forms folded as the segmenter folds them
    /// (digits, letters, number signs; the ideographic space), Latin lowercased.
    public static func normalize(_ s: String) -> String {
        var needs = false
        for u in s.utf8 where (u >= 0x41 && u <= 0x5A) || u == 0xEF || u == 0xE3 {
            needs = true
            break
        }
        guard needs else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            var v = Segmenter.fold(scalar.value)
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            out.append(Unicode.Scalar(v) ?? scalar)
        }
        return String(out)
    }
}
