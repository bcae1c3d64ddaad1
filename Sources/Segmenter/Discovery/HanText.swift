/// 16-bit codes of Han characters, for packing strings of them into `NGramKey`s.
///
/// U+3400–U+9FFF map to 1–27648, the compatibility ideographs U+F900–U+FAFF to 27649–28160
/// and 〇 to 28161; other characters (the supplementary planes' ideographs too) have no code
/// and end a run. Code 0 is no character.
enum HanCode {
    /// The code of scalar `v`, or 0.
    @inline(__always)
    static func code(_ v: UInt32) -> UInt16 {
        if v >= 0x3400 && v <= 0x9FFF { return UInt16(v - 0x3400 + 1) }
        if v >= 0xF900 && v <= 0xFAFF { return UInt16(v - 0xF900 + 27649) }
        if v == 0x3007 { return 28161 }
        return 0
    }

    /// The scalar of code `c` (> 0).
    static func scalar(_ c: UInt16) -> Unicode.Scalar {
        let v: UInt32
        switch c {
        case 1...27648: v = UInt32(c) - 1 + 0x3400
        case 27649...28160: v = UInt32(c) - 27649 + 0xF900
        default: v = 0x3007
        }
        return Unicode.Scalar(v) ?? "\u{3007}"
    }

    /// The string of `key`.
    static func string(_ key: NGramKey) -> String {
        var s = String.UnicodeScalarView()
        for k in 0..<8 {
            let c = key.code(k)
            if c == 0 { break }
            s.append(scalar(c))
        }
        return String(s)
    }
}

/// The Han text of a corpus as the segmenter cut it: runs of coded Han characters separated by
/// a 0 code (anything else between them), and for each character whether a token starts there.
struct HanText {
    /// Character codes; 0 separates runs. Starts and ends with 0.
    var codes: [UInt16] = [0]
    /// Bit 0 of `cuts[i]` is set when a token of the segmentation starts at `codes[i]` (always
    /// at a character after a 0, and at every 0). At a 0, bits 1 and 2 say that the text it
    /// stands for starts and ends with a digit, bits 3 and 4 that it starts and ends with a
    /// Latin letter (the neighbours of the runs around it).
    var cuts: [UInt8] = [1]

    static let startsWithDigit: UInt8 = 2, endsWithDigit: UInt8 = 4
    static let startsWithLetter: UInt8 = 8, endsWithLetter: UInt8 = 16

    /// Appends `text`, cut by `segmenter` (precise mode).
    mutating func append(_ text: String, segmenter: Segmenter, tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        var copy = text
        copy.withUTF8 { bytes in
            // A Swift String is valid UTF-8: segmenting it cannot throw.
            _ = try? segmenter.segment(utf8: bytes, into: &tokens)
        }
        var t = 0
        var scalarIndex = 0
        for s in text.unicodeScalars {
            var starts = false
            while t < tokens.count && tokens[t].scalarRange.lowerBound <= scalarIndex {
                if tokens[t].scalarRange.lowerBound == scalarIndex { starts = true }
                t += 1
            }
            let c = HanCode.code(s.value)
            if c == 0 {
                let v = ScalarClass.fold(s.value)
                let digit = ScalarClass.isASCIIDigit(v), letter = ScalarClass.isASCIILetter(v)
                if codes.last != 0 {
                    codes.append(0)
                    cuts.append(1 | (digit ? Self.startsWithDigit : 0) | (letter ? Self.startsWithLetter : 0))
                }
                let last = cuts.count - 1
                cuts[last] = cuts[last] & ~(Self.endsWithDigit | Self.endsWithLetter)
                    | (digit ? Self.endsWithDigit : 0) | (letter ? Self.endsWithLetter : 0)
            } else {
                codes.append(c)
                cuts.append(starts || codes[codes.count - 2] == 0 ? 1 : 0)
            }
            scalarIndex += 1
        }
        if codes.last != 0 { codes.append(0); cuts.append(1) }
    }

    /// Appends another text's codes and cuts (its leading 0 dropped).
    mutating func append(contentsOf other: HanText) {
        codes.append(contentsOf: other.codes.dropFirst())
        cuts.append(contentsOf: other.cuts.dropFirst())
    }
}
