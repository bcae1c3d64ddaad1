import Segmenter

/// One term occurrence of analysed text: its normalized text and where it is.
public struct TermOccurrence: Hashable, Sendable {
    /// The term as indexed and matched: Latin lowercased, full-width forms folded.
    public var term: String
    /// Where it is, in UTF-8 bytes of the analysed text.
    public var utf8Range: Range<Int>
    /// Its position: the index of the precise token it belongs to (a search-mode sub-word shares
    /// the position of the token it is part of).
    public var position: Int
    /// The segmenter's kind for the token.
    public var kind: Token.Kind
    /// Which part of the segmenter made the token.
    public var source: Token.Source = .icu
}

/// Turns text into terms: the tokenizer contract between the segmenter and everything that
/// counts words (keywords, passage ranking, the index).
///
/// Terms are the segmenter's tokens (precise or search mode), normalized (Latin lowercased,
/// full-width forms folded), with punctuation, symbols and whitespace dropped and stop words
/// removed.
public struct Analyzer: Sendable {
    public var segmenter: Segmenter
    public var mode: Segmenter.Mode
    public var stopWords: Set<String>
    /// Keep number tokens (2024年, 5.5%) as terms.
    public var keepNumbers: Bool

    public init(segmenter: Segmenter, mode: Segmenter.Mode = .search, stopWords: Set<String> = [], keepNumbers: Bool = true) {
        self.segmenter = segmenter
        self.mode = mode
        self.stopWords = Set(stopWords.map(Analyzer.normalize))
        self.keepNumbers = keepNumbers
    }

    /// The terms of `text`, in order.
    public func terms(in text: String) -> [TermOccurrence] {
        var out: [TermOccurrence] = []
        var position = -1
        let utf8 = Array(text.utf8)
        for token in segmenter.tokens(in: text, mode: mode) {
            if !token.isSubword { position += 1 }
            switch token.kind {
            case .punctuation, .symbol, .whitespace: continue
            case .number where !keepNumbers: continue
            default: break
            }
            let raw = String(decoding: utf8[token.utf8Range], as: UTF8.self)
            let term = Self.normalize(raw)
            if stopWords.contains(term) { continue }
            out.append(TermOccurrence(term: term, utf8Range: token.utf8Range, position: max(position, 0), kind: token.kind, source: token.source))
        }
        return out
    }

    /// The normal form of a term: full-width ASCII folded, Latin lowercased.
    public static func normalize(_ s: String) -> String {
        var needs = false
        for u in s.utf8 where (u >= 0x41 && u <= 0x5A) || u == 0xEF || u == 0xE3 {
            needs = true
            break
        }
        guard needs else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            var v = scalar.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 } else if v == 0x3000 { v = 0x20 }
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            out.append(Unicode.Scalar(v) ?? scalar)
        }
        return String(out)
    }
}
