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
        var out: [Passage] = []
        var paragraphStart = 0
        var byte = 0
        var scalarsInPassage = 0
        var passageStart = 0
        var lastSentenceEnd: Int?
        func close(_ end: Int) {
            var s = passageStart, e = end
            let bytes = text.utf8
            // Trim ASCII and ideographic spaces at both ends.
            let arr = Array(bytes[bytes.index(bytes.startIndex, offsetBy: s)..<bytes.index(bytes.startIndex, offsetBy: e)])
            var lo = 0, hi = arr.count
            while lo < hi && (arr[lo] == 0x20 || arr[lo] == 0x09 || arr[lo] == 0x0D) { lo += 1 }
            while hi > lo && (arr[hi - 1] == 0x20 || arr[hi - 1] == 0x09 || arr[hi - 1] == 0x0D) { hi -= 1 }
            s += lo
            e = s + (hi - lo)
            if e > s { out.append(Passage(utf8Range: s..<e, index: out.count)) }
        }
        for scalar in text.unicodeScalars {
            let length = UTF8.width(scalar)
            if scalar == "\n" {
                close(byte)
                byte += length
                paragraphStart = byte
                passageStart = byte
                scalarsInPassage = 0
                lastSentenceEnd = nil
                continue
            }
            byte += length
            scalarsInPassage += 1
            switch scalar {
            case "。", "！", "？", "；", "!", "?", ";": lastSentenceEnd = byte
            default: break
            }
            if scalarsInPassage >= maxScalars {
                let cut = lastSentenceEnd.flatMap { $0 > passageStart ? $0 : nil } ?? byte
                close(cut)
                passageStart = cut
                scalarsInPassage = text.utf8.count >= byte ? scalarCount(text, cut, byte) : 0
                lastSentenceEnd = nil
            }
        }
        _ = paragraphStart
        close(byte)
        return out
    }

    private func scalarCount(_ text: String, _ from: Int, _ to: Int) -> Int {
        let u = text.utf8
        let a = u.index(u.startIndex, offsetBy: from), b = u.index(u.startIndex, offsetBy: to)
        return text[a..<b].unicodeScalars.count
    }
}
