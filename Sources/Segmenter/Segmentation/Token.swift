/// One token of a segmentation: where it is in the input, what it is, and where it came from.
///
/// Offsets are integers into the segmented input: `utf8Range` in UTF-8 bytes, `scalarRange`
/// in Unicode scalars. In precise mode the tokens tile the input exactly.
///
/// ```swift
/// let text = "推进中国式现代化"
/// for token in segmenter.tokens(in: text) {
///     print(token.text(in: text), token.utf8Range, token.kind, token.source)
/// }
/// ```
public struct Token: Hashable, Sendable {
    /// The token's bytes, as UTF-8 offsets into the input.
    public var utf8Range: Range<Int>
    /// The token's Unicode scalars, as scalar offsets into the input.
    public var scalarRange: Range<Int>
    /// What the token is made of.
    public var kind: Kind
    /// Which part of the segmenter decided this token.
    public var source: Source
    /// True for the extra sub-words of search mode (parts of a longer token that comes
    /// just before them); false for the tokens of the precise segmentation.
    public var isSubword: Bool

    public init(utf8Range: Range<Int>, scalarRange: Range<Int>, kind: Kind, source: Source, isSubword: Bool = false) {
        self.utf8Range = utf8Range
        self.scalarRange = scalarRange
        self.kind = kind
        self.source = source
        self.isSubword = isSubword
    }

    /// What a token is made of, judged by its first character (a dictionary word that
    /// contains any Han character is ideographic).
    public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        case ideographic, number, letters, punctuation, symbol, whitespace
        public var description: String {
            switch self {
            case .ideographic: "ideographic"
            case .number: "number"
            case .letters: "letters"
            case .punctuation: "punctuation"
            case .symbol: "symbol"
            case .whitespace: "whitespace"
            }
        }
    }

    /// Which part of the segmenter decided a token.
    public enum Source: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        /// ICU's word break iterator (or a piece of an ICU word cut by a dictionary word).
        case icu
        /// The built-in political dictionary.
        case builtinDictionary
        /// A user dictionary, or a word added at run time.
        case userDictionary
        /// A rule of ours: numbers with their units and suffixes, ordinals, hyphenated codes.
        case rule
        public var description: String {
            switch self {
            case .icu: "icu"
            case .builtinDictionary: "builtin"
            case .userDictionary: "user"
            case .rule: "rule"
            }
        }
    }

    /// The token's text in `text`, the string it was segmented from.
    /// - Complexity: O(1) for native Swift strings.
    public func text(in text: String) -> Substring {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
        let upper = utf8.index(lower, offsetBy: utf8Range.count)
        return text[lower..<upper]
    }
}
