/// Fast classification and folding of Unicode scalars, on raw `UInt32` values, for hot loops.
enum ScalarClass {
    /// Han ideographs (CJK Unified Ideographs and extensions, compatibility ideographs, 〇).
    @inline(__always)
    static func isHan(_ v: UInt32) -> Bool {
        if v < 0x3007 { return false }
        if v >= 0x4E00 && v <= 0x9FFF { return true }
        if v >= 0x3400 && v <= 0x4DBF { return true }
        if v == 0x3007 { return true }
        if v >= 0xF900 && v <= 0xFAFF { return true }
        return v >= 0x20000 && v <= 0x3134F
    }

    @inline(__always)
    static func isASCIIDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    @inline(__always)
    static func isASCIILetter(_ v: UInt32) -> Bool { (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }

    /// Folds full-width ASCII variants of digits, letters and number signs to ASCII, and the
    /// ideographic space to a space. One scalar maps to one scalar (and one UTF-16 unit to
    /// one), so offsets into the folded text equal offsets into the original.
    /// Chinese punctuation (，。；：！？ and brackets) is deliberately left alone.
    @inline(__always)
    static func fold(_ v: UInt32) -> UInt32 {
        if v < 0x3000 { return v }
        if v == 0x3000 { return 0x20 }
        if v < 0xFF01 || v > 0xFF5A { return v }
        switch v {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A,
             0xFF0E, 0xFF05, 0xFF0D, 0xFF0B, 0xFF0F, 0xFF3F, 0xFF06, 0xFF03, 0xFF20:
            return v - 0xFEE0
        default:
            return v
        }
    }

    /// Han numerals, as they occur in ordinals and counts (第十二, 二〇二四).
    @inline(__always)
    static func isHanNumeral(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
             0x767E, 0x5343, 0x4E07, 0x96F6, 0x3007, 0x4E24:
            // 一 二 三 四 五 六 七 八 九 十 百 千 万 零 〇 两
            return true
        default:
            return false
        }
    }

    /// Chinese punctuation that ICU's word rules treat as a number separator (MidNum):
    /// `，` `；` `：` and the small forms. In Chinese text they end clauses, never join numbers.
    @inline(__always)
    static func isClausePunctuation(_ v: UInt32) -> Bool {
        switch v {
        case 0xFF0C, 0xFF1B, 0xFF1A, 0xFE50, 0xFE51, 0xFE54, 0xFE55, 0x3001, 0x3002:
            return true
        default:
            return false
        }
    }

    /// The kind of a token that starts with scalar `v` (already folded).
    static func kind(of v: UInt32) -> Token.Kind {
        if v < 0x80 {
            if isASCIIDigit(v) { return .number }
            if isASCIILetter(v) { return .letters }
            if v == 0x20 || (v >= 0x09 && v <= 0x0D) { return .whitespace }
            if v < 0x20 || v == 0x7F { return .symbol }
            switch v {
            case 0x24, 0x2B, 0x3C, 0x3D, 0x3E, 0x5E, 0x60, 0x7C, 0x7E: return .symbol
            default: return .punctuation
            }
        }
        if isHan(v) { return .ideographic }
        // Fast paths for the punctuation of Chinese text.
        if (v >= 0x3001 && v <= 0x3003) || (v >= 0x3008 && v <= 0x3011) || (v >= 0x3014 && v <= 0x301F)
            || (v >= 0x2010 && v <= 0x2027) || (v >= 0xFF01 && v <= 0xFF0F && v != 0xFF04 && v != 0xFF0B)
            || (v >= 0xFF1A && v <= 0xFF1F && v != 0xFF1C && v != 0xFF1D && v != 0xFF1E) {
            return .punctuation
        }
        guard let scalar = Unicode.Scalar(v) else { return .symbol }
        let p = scalar.properties
        if p.isWhitespace { return .whitespace }
        switch p.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return .number
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letters
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .letters
        default:
            return .symbol
        }
    }
}

/// A set of BMP scalars as a bitmap: one load and a mask per lookup, no hashing.
package struct ScalarSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)

    /// The set of `members`' scalars (those of the Basic Multilingual Plane).
    package init(_ members: String) {
        for s in members.unicodeScalars where s.value < 0x10000 {
            bits[Int(s.value >> 6)] |= 1 << UInt64(s.value & 63)
        }
    }

    /// Whether `v` is a member.
    @inline(__always)
    package func contains(_ v: UInt32) -> Bool {
        v < 0x10000 && bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0
    }
}
