extension Array where Element == UInt16 {
    /// Appends the scalar value `v` in UTF-16: one code unit, or a surrogate pair above U+FFFF.
    /// - Returns: whether it took a surrogate pair.
    @inline(__always)
    @discardableResult
    mutating func appendUTF16(_ v: UInt32) -> Bool {
        if v < 0x1_0000 {
            append(UInt16(truncatingIfNeeded: v))
            return false
        }
        let w = v - 0x1_0000
        append(UInt16(truncatingIfNeeded: 0xD800 + (w >> 10)))
        append(UInt16(truncatingIfNeeded: 0xDC00 + (w & 0x3FF)))
        return true
    }
}
