/// Bit-packing of blocks of unsigned integers: every value of a block stored in the same
/// number of bits, the width of the largest (as tantivy and Lucene store postings).
enum BitPacking {
    /// Bits needed for the largest of `values` (0 when all are zero).
    static func width(_ values: UnsafeBufferPointer<UInt32>) -> Int {
        var m: UInt32 = 0
        for v in values { m |= v }
        return m == 0 ? 0 : 32 - m.leadingZeroBitCount
    }

    /// Appends the low `width` bits of each of `values` (little-endian bit order, padded to a
    /// byte).
    static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, into out: inout ByteWriter) {
        guard width > 0 else { return }
        let mask: UInt32 = width >= 32 ? .max : (1 << UInt32(width)) - 1
        var acc: UInt64 = 0
        var bits = 0
        for v in values {
            acc |= UInt64(v & mask) << UInt64(bits)
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

/// Patched frame of reference (PFOR) for a block of document gaps: every value's low `width`
/// bits bit-packed, and the few values that need more bits patched with their high bits —
/// as dense as plain bit-packing of the block's typical values, and as fast to decode.
///
/// ```text
/// [width u8] [exceptions u8] [count values × width bits, padded to a byte]
/// [per exception: index u8, value >> width as a varint]
/// ```
enum PatchedFrame {
    /// Appends the first `count` of `values` (at most 255) as one block.
    static func encode(_ values: [UInt32], count: Int, into out: inout ByteWriter) {
        precondition(count >= 0 && count <= values.count, "PatchedFrame.encode: count out of range")
        // Safe because: the count was checked; the array is borrowed for the call.
        values.withUnsafeBufferPointer { encode(UnsafeBufferPointer(rebasing: $0[0..<count]), into: &out) }
    }

    /// Appends `values` (at most 255 of them) as one block.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, into out: inout ByteWriter) {
        let widest = BitPacking.width(values)
        var bestWidth = widest, bestCost = Int.max
        for width in 0...widest {
            var cost = BitPacking.byteCount(count: values.count, width: width)
            if width < 32 {
                for v in values where v >> UInt32(width) != 0 {
                    cost += 1 + varintSize(v >> UInt32(width))
                }
            }
            if cost < bestCost || (cost == bestCost && width > bestWidth) {
                bestCost = cost
                bestWidth = width
            }
        }
        let width = bestWidth
        var exceptions: [(UInt8, UInt32)] = []
        for (i, v) in values.enumerated() where width < 32 && v >> UInt32(width) != 0 {
            exceptions.append((UInt8(i), v >> UInt32(width)))
        }
        out.u8(UInt8(width))
        out.u8(UInt8(exceptions.count))
        BitPacking.pack(values, width: width, into: &out)  // the low bits; patches hold the rest
        for (index, high) in exceptions {
            out.u8(index)
            out.varint(high)
        }
    }

    /// Decodes a block of `count` values at `offset` into `out`; `flag` holds bits its first
    /// byte may carry beside the width (flags of the caller's).
    /// - Returns: the offset just past the block, or nil when it is damaged.
    @inline(__always)
    static func decode(_ reader: ByteReader, at offset: Int, count: Int, into out: UnsafeMutablePointer<UInt32>, flag: UInt8 = 0) -> Int? {
        guard let w = reader.u8(offset).map({ $0 & ~flag }), w <= 32, let exceptions = reader.u8(offset + 1) else { return nil }
        let width = Int(w)
        guard BitPacking.unpack(reader, at: offset + 2, count: count, width: width, into: out) else { return nil }
        var at = offset + 2 + BitPacking.byteCount(count: count, width: width)
        if exceptions > 0 {
            guard width < 32 else { return nil }
            for _ in 0..<Int(exceptions) {
                guard let index = reader.u8(at), Int(index) < count, let (high, next) = reader.varint(at + 1) else { return nil }
                out[Int(index)] |= high << UInt32(width)
                at = next
            }
        }
        return at
    }

    static func varintSize(_ v: UInt32) -> Int {
        var n = 1, x = v
        while x >= 0x80 { x >>= 7; n += 1 }
        return n
    }
}
