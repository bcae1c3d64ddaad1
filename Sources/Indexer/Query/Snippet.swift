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
        let bytes = Array(text.utf8)
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
        var lo = 0, hi = starts.count - 1
        if hi - lo > maxCharacters {
            let first = matches.first?.lowerBound ?? passage.lowerBound
            let at = starts.firstIndex(where: { $0 >= first }) ?? 0
            lo = max(0, at - maxCharacters / 4)
            hi = min(starts.count - 1, lo + maxCharacters)
        }
        let from = starts[lo], to = starts[hi]
        let highlights = matches.compactMap { m -> Range<Int>? in
            let a = max(m.lowerBound, from), b = min(m.upperBound, to)
            return a < b ? (a - from)..<(b - from) : nil
        }
        var snippet = String(decoding: bytes[from..<to], as: UTF8.self)
        var shifted = highlights
        if lo > 0 {
            snippet = "…" + snippet
            shifted = highlights.map { ($0.lowerBound + 3)..<($0.upperBound + 3) }
        }
        if hi < starts.count - 1 { snippet += "…" }
        return Snippet(text: snippet, highlights: shifted)
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
