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

    /// Unpacks `count` deltas of `width` bits and turns them into running sums from `base`
    /// (documents from gaps) in one pass.
    /// - Returns: the last sum, or nil when the bytes are out of bounds, a sum overflows, or a
    ///   delta is zero where `allowZeroFirst` does not allow it (all but the first must be ≥ 1).
    @inline(__always)
    static func unpackDeltas(_ reader: ByteReader, at offset: Int, count: Int, width: Int, base: UInt32,
                             allowZeroFirst: Bool, into out: UnsafeMutablePointer<UInt32>) -> UInt32? {
        guard width >= 0, width <= 32, count > 0, offset >= 0 else { return nil }
        if width == 0 {
            // All deltas zero: only a single posting starting the list can be valid.
            guard count == 1, allowZeroFirst else { return nil }
            out[0] = base
            return base
        }
        let length = byteCount(count: count, width: width)
        guard length <= reader.count - offset else { return nil }
        var sum = UInt64(base)
        var zero = false
        let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
        if length + 8 <= reader.count - offset, let start = reader.base.baseAddress?.advanced(by: offset) {
            var bitPosition = 0
            for i in 0..<count {
                let word = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: bitPosition >> 3, as: UInt64.self))
                let delta = (word >> UInt64(bitPosition & 7)) & mask
                zero = zero || delta == 0
                sum &+= delta
                out[i] = UInt32(truncatingIfNeeded: sum)
                bitPosition &+= width
            }
        } else {
            guard unpack(reader, at: offset, count: count, width: width, into: out) else { return nil }
            for i in 0..<count {
                let delta = UInt64(out[i])
                zero = zero || delta == 0
                sum &+= delta
                out[i] = UInt32(truncatingIfNeeded: sum)
            }
        }
        if zero {
            // Zero deltas are rare (only a list's first document 0): recheck precisely.
            var previous = UInt64(base)
            for i in 0..<count {
                let value = UInt64(out[i])
                if value == previous && !(i == 0 && allowZeroFirst) { return nil }
                previous = value
            }
        }
        guard sum <= UInt64(UInt32.max) else { return nil }
        return UInt32(truncatingIfNeeded: sum)
    }

    /// The same into a buffer (which must hold `count` values).
    static func unpack(_ reader: ByteReader, at offset: Int, count: Int, width: Int, into out: UnsafeMutableBufferPointer<UInt32>) -> Bool {
        guard count <= out.count, let pointer = out.baseAddress else { return count == 0 }
        return unpack(reader, at: offset, count: count, width: width, into: pointer)
    }
}
