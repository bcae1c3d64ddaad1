/// A passage of a document: a paragraph, or a part of an over-long paragraph cut at sentence ends.
public struct Passage: Hashable, Sendable {
    /// Its text, as UTF-8 offsets into the document.
    public var utf8Range: Range<Int>
    /// Its number within the document, from 0.
    public var index: Int
}

/// Splits documents into passages, the units that passage ranking and the index score.
///
/// A paragraph (text between line breaks) is a passage; a paragraph longer than
/// `maxScalars` is cut after the sentence end (。！？；!?; or a line's end) nearest before the
/// limit, or at the limit when a sentence is longer. Blank paragraphs are skipped.
public struct PassageSplitter: Sendable {
    public var maxScalars: Int

    public init(maxScalars: Int = 300) {
        self.maxScalars = max(20, maxScalars)
    }

    public func passages(in text: String) -> [Passage] {
        var copy = text
        return copy.withUTF8 { passages(utf8: $0) }
    }

    /// The passages of UTF-8 text, in one pass over its bytes.
    public func passages(utf8 b: UnsafeBufferPointer<UInt8>) -> [Passage] {
        var out: [Passage] = []
        let n = b.count
        var passageStart = 0
        var scalars = 0
        var lastSentenceEnd = -1
        var scalarsAtSentenceEnd = 0
        func close(_ start: Int, _ end: Int) {
            var s = start, e = end
            while s < e && (b[s] == 0x20 || b[s] == 0x09 || b[s] == 0x0D) { s += 1 }
            while e > s && (b[e - 1] == 0x20 || b[e - 1] == 0x09 || b[e - 1] == 0x0D) { e -= 1 }
            if e > s { out.append(Passage(utf8Range: s..<e, index: out.count)) }
        }
        var i = 0
        while i < n {
            let c = b[i]
            if c == 0x0A {
                close(passageStart, i)
                i += 1
                passageStart = i
                scalars = 0
                lastSentenceEnd = -1
                continue
            }
            let width = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4
            let next = min(n, i + width)
            scalars += 1
            // 。(E3 80 82) ！(EF BC 81) ？(EF BC 9F) ；(EF BC 9B) and ASCII ! ? ;
            if c == 0x21 || c == 0x3F || c == 0x3B
                || (width == 3 && next == i + 3 && ((c == 0xE3 && b[i + 1] == 0x80 && b[i + 2] == 0x82)
                    || (c == 0xEF && b[i + 1] == 0xBC && (b[i + 2] == 0x81 || b[i + 2] == 0x9F || b[i + 2] == 0x9B)))) {
                lastSentenceEnd = next
                scalarsAtSentenceEnd = scalars
            }
            i = next
            if scalars >= maxScalars {
                if lastSentenceEnd > passageStart {
                    close(passageStart, lastSentenceEnd)
                    passageStart = lastSentenceEnd
                    scalars -= scalarsAtSentenceEnd
                } else {
                    close(passageStart, i)
                    passageStart = i
                    scalars = 0
                }
                lastSentenceEnd = -1
            }
        }
        close(passageStart, n)
        return out
    }
}
