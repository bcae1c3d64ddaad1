/// UTF-8 validation and decoding over raw bytes, without Foundation.
enum UTF8Decoding {
    /// Decodes one scalar at `i`.
    /// - Returns: the scalar value and its length in bytes, or nil when the bytes at `i` are
    ///   not well-formed UTF-8 (overlong forms, surrogates, values above U+10FFFF, truncation).
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int)? {
        let n = bytes.count
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 < 0xC2 { return nil }
        if b0 < 0xE0 {
            guard i + 1 < n else { return nil }
            let b1 = bytes[i + 1]
            guard b1 & 0xC0 == 0x80 else { return nil }
            return ((UInt32(b0 & 0x1F) << 6) | UInt32(b1 & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return nil }
            let b1 = bytes[i + 1], b2 = bytes[i + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return nil }
            if b0 == 0xE0 && b1 < 0xA0 { return nil }   // overlong
            if b0 == 0xED && b1 >= 0xA0 { return nil }  // surrogate
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(b1 & 0x3F) << 6) | UInt32(b2 & 0x3F), 3)
        }
        if b0 < 0xF5 {
            guard i + 3 < n else { return nil }
            let b1 = bytes[i + 1], b2 = bytes[i + 2], b3 = bytes[i + 3]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return nil }
            if b0 == 0xF0 && b1 < 0x90 { return nil }   // overlong
            if b0 == 0xF4 && b1 >= 0x90 { return nil }  // above U+10FFFF
            let v = (UInt32(b0 & 0x07) << 18) | (UInt32(b1 & 0x3F) << 12)
                | (UInt32(b2 & 0x3F) << 6) | UInt32(b3 & 0x3F)
            return (v, 4)
        }
        return nil
    }

    /// The offset of the first byte that does not start a well-formed sequence, or nil when
    /// all of `bytes` is valid UTF-8.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        let n = bytes.count
        while i < n {
            // ASCII fast path, eight bytes at a time.
            while i + 8 <= n {
                // Safe because: i + 8 <= n, so all eight bytes are inside the buffer.
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= n { break }
            if bytes[i] < 0x80 { i += 1; continue }
            guard let (_, len) = decode(bytes, at: i) else { return i }
            i += len
        }
        return nil
    }

    /// The length of the longest prefix of `bytes` that does not end inside a multi-byte
    /// sequence: a reader that gets a block of a stream keeps the rest for the next block.
    static func completePrefixLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        var back = 0
        while back < 4 && back < n {
            let b = bytes[n - 1 - back]
            if b & 0xC0 != 0x80 {
                // A lead byte (or ASCII) at n-1-back: does its sequence fit?
                let need: Int
                if b < 0x80 { need = 1 } else if b >= 0xF0 { need = 4 } else if b >= 0xE0 { need = 3 } else if b >= 0xC0 { need = 2 } else { need = 1 }
                return back + 1 >= need ? n : n - 1 - back
            }
            back += 1
        }
        return n
    }
}

/// The byte offset of the first byte in `bytes` that is not part of well-formed UTF-8, or
/// nil when all of it is valid. For error messages that point at the bad byte.
public func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { UTF8Decoding.firstInvalidOffset($0) }
}

/// The byte offset of the first byte in `bytes` that is not part of well-formed UTF-8, or nil.
public func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    UTF8Decoding.firstInvalidOffset(bytes)
}
