/// Bit-packing of blocks of unsigned integers: every value of a block stored in the same
/// number of bits, the width of the largest (as tantivy and Lucene store postings).
enum BitPacking {
    /// Bits needed for the largest of `values` (0 when all are zero).
    static func width(_ values: UnsafeBufferPointer<UInt32>) -> Int {
        var m: UInt32 = 0
        for v in values { m |= v }
        return m == 0 ? 0 : 32 - m.leadingZeroBitCount
    }

    /// Appends `values` packed in `width` bits each (little-endian bit order, padded to a byte).
    static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, into out: inout ByteWriter) {
        guard width > 0 else { return }
        var acc: UInt64 = 0
        var bits = 0
        for v in values {
            acc |= UInt64(v) << UInt64(bits)
            bits += width
            while bits >= 8 {
                out.u8(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.u8(UInt8(truncatingIfNeeded: acc)) }
    }

    /// Bytes used by `count` values of `width` bits.
    static func byteCount(count: Int, width: Int) -> Int { (count * width + 7) / 8 }

    /// Unpacks `count` values of `width` bits at `offset` of `reader` into `out`.
    /// - Returns: false when the bytes are out of bounds.
    @inline(__always)
    static func unpack(_ reader: ByteReader, at offset: Int, count: Int, width: Int, into out: UnsafeMutablePointer<UInt32>) -> Bool {
        guard width >= 0, width <= 32, count >= 0 else { return false }
        if width == 0 {
            out.update(repeating: 0, count: count)
            return true
        }
        let length = byteCount(count: count, width: width)
        guard offset >= 0, length <= reader.count - offset else { return false }
        let base = reader.base
        let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
        if length + 8 <= reader.count - offset {
            // Every 8-byte load stays inside the data: no per-value check.
            guard let start = base.baseAddress?.advanced(by: offset) else { return false }
            var bitPosition = 0
            for i in 0..<count {
                let word = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: bitPosition >> 3, as: UInt64.self))
                out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bitPosition & 7)) & mask)
                bitPosition &+= width
            }
            return true
        }
        var bitPosition = 0
        for i in 0..<count {
            let byte = offset + bitPosition >> 3
            let shift = UInt64(bitPosition & 7)
            // Gather up to 8 bytes (fewer at the end of the data).
            var word: UInt64 = 0
            let available = min(8, offset + length - byte)
            for k in 0..<available { word |= UInt64(base[byte + k]) << UInt64(8 * k) }
            out[i] = UInt32(truncatingIfNeeded: (word >> shift) & mask)
            bitPosition += width
        }
        return true
    }

    /// The same into a buffer (which must hold `count` values).
    static func unpack(_ reader: ByteReader, at offset: Int, count: Int, width: Int, into out: UnsafeMutableBufferPointer<UInt32>) -> Bool {
        guard count <= out.count, let pointer = out.baseAddress else { return count == 0 }
        return unpack(reader, at: offset, count: count, width: width, into: pointer)
    }
}
