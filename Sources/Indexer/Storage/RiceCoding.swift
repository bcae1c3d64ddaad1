/// Rice coding of small unsigned integers (document gaps, term frequencies, positions), the
/// format's densest code for them: value v with parameter k is its low k bits (the remainder)
/// and the quotient q = v >> k in unary.
///
/// A block of n values is laid out as:
///
/// ```text
/// [k u8] [n remainders of k bits, bit-packed, padded to a byte] [unary quotients, padded to a byte]
/// ```
///
/// Quotient q < 31 is written as q zero bits then a one bit (least significant bit first). A
/// larger one is an escape, so that one outlier cannot blow the block up; blocks come in two
/// kinds that differ only there:
/// - *inline escapes* (term frequencies, decoded a whole block at a time): 31 zero bits, a one,
///   then the value in 32 bits, in the unary stream;
/// - *listed escapes* (positions, read one posting at a time): 31 zero bits and a one in the
///   unary stream, the values in a list after the k byte — `k + 0x80` when there is a list,
///   then [e varint] and e × [index gap varint][value varint] (index as the gap from the
///   previous escape's). Every value then ends with exactly one one bit, so skipping n values
///   is counting n one bits, a 64-bit word at a time.
/// Remainders sit apart from the quotients so that the i-th remainder is at a fixed bit
/// offset. k is chosen per block to minimize its size.
///
/// Readers load 8 bytes at a time: a section holding Rice blocks ends with `padding` zero
/// bytes, and the decoder refuses (returns nil) any load that would pass the section's end, so
/// damaged data gives an error, never a read out of bounds.
enum RiceCoding {
    static let padding = 8
    static let escape = 31

    /// The k that minimizes the coded size of `values` (searched around log2 of the mean).
    static func parameter(_ values: UnsafeBufferPointer<UInt32>) -> Int {
        guard !values.isEmpty else { return 0 }
        var sum: UInt64 = 0
        for v in values { sum += UInt64(v) }
        // The best k is near log2(mean · ln 2).
        let scaled = UInt64(Double(sum) / Double(values.count) * 0.69)
        let guess = scaled == 0 ? 0 : 63 - scaled.leadingZeroBitCount
        var best = 0, bestBits = Int.max
        for k in max(0, guess - 1)...min(28, max(0, guess + 2)) {
            let bits = cost(values, k)
            if bits < bestBits { bestBits = bits; best = k }
        }
        return best
    }

    /// Bits of `values` coded with parameter k (remainders and quotients).
    static func cost(_ values: UnsafeBufferPointer<UInt32>, _ k: Int) -> Int {
        var bits = values.count * k
        for v in values {
            let q = Int(v >> UInt32(k))
            bits += q < escape ? q + 1 : escape + 1 + 32
        }
        return bits
    }

    /// Appends `values` as one Rice block, with inline escapes or (`listedEscapes`) listed ones.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, listedEscapes: Bool = false, into out: inout ByteWriter) {
        let k = parameter(values)
        var escapes: [(index: Int, value: UInt32)] = []
        if listedEscapes {
            for (i, v) in values.enumerated() where Int(v >> UInt32(k)) >= escape { escapes.append((i, v)) }
        }
        out.u8(UInt8(k) | (escapes.isEmpty ? 0 : 0x80))
        if !escapes.isEmpty {
            out.varint(UInt32(escapes.count))
            var previous = -1
            for (index, value) in escapes {
                out.varint(UInt32(index - previous - 1))
                out.varint(value)
                previous = index
            }
        }
        // Remainders: the low k bits of each value (packing keeps only those).
        BitPacking.pack(values, width: k, into: &out)
        var writer = BitWriter()
        for v in values {
            let q = Int(v >> UInt32(k))
            if q < escape {
                writer.zeros(q)
                writer.bits(1, count: 1)
            } else {
                writer.zeros(escape)
                writer.bits(1, count: 1)
                if !listedEscapes { writer.bits(UInt64(v), count: 32) }
            }
        }
        writer.flush(into: &out)
    }

    /// Decodes a block of `count` values at byte `offset` of `reader` into `out`.
    /// - Returns: the byte offset just past the block, or nil when it is damaged.
    @inline(__always)
    static func decode(_ reader: ByteReader, at offset: Int, count: Int, into out: UnsafeMutablePointer<UInt32>) -> Int? {
        guard count >= 0, let kByte = reader.u8(offset), kByte <= 28 else { return nil }
        let k = Int(kByte)
        let remainderBytes = BitPacking.byteCount(count: count, width: k)
        // The remainders first, in bulk; the quotients are or-ed in.
        guard BitPacking.unpack(reader, at: offset + 1, count: count, width: k, into: out),
              let base = reader.base.baseAddress else { return nil }
        let limit = reader.count - 8  // last byte offset an 8-byte load may start at
        var bit = (offset + 1 + remainderBytes) * 8
        var i = 0
        while i < count {
            let byte = bit >> 3
            guard byte <= limit else { return nil }
            // The word's valid bits start at bit & 7; terminators are its one bits.
            var word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) >> UInt64(bit & 7)
            var previous = -1  // the last terminator taken, relative to the word
            while word != 0 && i < count {
                let p = word.trailingZeroBitCount
                let z = p - previous - 1
                if z >= escape { break }
                out[i] |= UInt32(truncatingIfNeeded: z) << UInt32(k)
                i += 1
                previous = p
                word &= word &- 1
            }
            bit += previous + 1
            guard i < count else { break }
            if previous >= 0 { continue }  // reload at the first unread bit
            // No terminator taken from a fresh word: an escape (31 zeros, a one, the value in
            // 32 bits) or damage (more zeros than any quotient has).
            guard word.trailingZeroBitCount == escape else { return nil }
            let raw = bit + escape + 1
            guard raw >> 3 <= limit else { return nil }
            let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: raw >> 3, as: UInt64.self)) >> UInt64(raw & 7)
            out[i] = UInt32(truncatingIfNeeded: w)
            i += 1
            bit = raw + 32
        }
        return (bit + 7) >> 3
    }
}

/// A sequential reader of one Rice block with listed escapes (positions): values are read in
/// order, and a run of them is skipped by counting terminator bits (remainders not read).
struct RiceCursor {
    private let reader: ByteReader
    private let k: Int
    private let remainderBit: Int
    private var bit: Int
    private(set) var index = 0
    private let count: Int
    // The escape list: where the next entry is, how many are left, and the next escape's
    // value index (Int.max when none is left) and value.
    private var escapeAt = 0
    private var escapesLeft = 0
    private var nextEscapeIndex = Int.max
    private var nextEscapeValue: UInt32 = 0

    /// A cursor over the block of `count` values at byte `offset`; nil when it is damaged.
    init?(_ reader: ByteReader, at offset: Int, count: Int) {
        guard count >= 0, let kByte = reader.u8(offset), kByte & 0x7F <= 28 else { return nil }
        self.reader = reader
        k = Int(kByte & 0x7F)
        var remainders = offset + 1
        if kByte & 0x80 != 0 {
            guard let (e, list) = reader.varint(offset + 1), e > 0 else { return nil }
            var at = list
            for _ in 0..<Int(e) {
                guard let (_, a) = reader.varint(at), let (_, b) = reader.varint(a) else { return nil }
                at = b
            }
            escapeAt = list
            escapesLeft = Int(e)
            remainders = at
        }
        remainderBit = remainders * 8
        let unary = remainders + BitPacking.byteCount(count: count, width: k)
        guard unary <= reader.count else { return nil }
        bit = unary * 8
        self.count = count
        loadEscape(after: -1)
    }

    /// Reads the next entry of the escape list (its index follows `previous`).
    private mutating func loadEscape(after previous: Int) {
        guard escapesLeft > 0, let (gap, a) = reader.varint(escapeAt), let (value, b) = reader.varint(a) else {
            nextEscapeIndex = Int.max
            return
        }
        escapesLeft -= 1
        nextEscapeIndex = previous + Int(gap) + 1
        nextEscapeValue = value
        escapeAt = b
    }

    /// The next value, or nil at the end or on damage.
    @inline(__always)
    mutating func next() -> UInt32? {
        guard index < count, let base = reader.base.baseAddress else { return nil }
        let limit = reader.count - 8
        let byte = bit >> 3
        guard byte <= limit else { return nil }
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) >> UInt64(bit & 7)
        let z = word.trailingZeroBitCount
        guard z <= RiceCoding.escape else { return nil }
        bit += z + 1
        var value: UInt32
        if z == RiceCoding.escape {
            guard nextEscapeIndex == index else { return nil }
            value = nextEscapeValue
            loadEscape(after: index)
        } else {
            value = UInt32(truncatingIfNeeded: z) << UInt32(k)
            if k > 0 {
                let r = remainderBit + index * k
                guard r >> 3 <= limit else { return nil }
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: r >> 3, as: UInt64.self)) >> UInt64(r & 7)
                value |= UInt32(truncatingIfNeeded: w & ((1 << UInt64(k)) - 1))
            }
        }
        index += 1
        return value
    }

    /// Skips `n` values: n terminator bits, counted a word at a time. - Returns: false at the
    /// end or on damage.
    @inline(__always)
    mutating func skip(_ n: Int) -> Bool {
        guard n > 0 else { return true }
        guard n <= count - index, let base = reader.base.baseAddress else { return false }
        let limit = reader.count - 8
        var left = n
        while true {
            let byte = bit >> 3
            guard byte <= limit else { return false }
            let shift = bit & 7
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) >> UInt64(shift)
            let ones = word.nonzeroBitCount  // the shift filled the top with zeros
            if ones < left {
                left -= ones
                bit += 64 - shift
                continue
            }
            // The left-th one bit of this word ends the skip.
            var w = word
            for _ in 1..<left { w &= w &- 1 }
            bit += w.trailingZeroBitCount + 1
            break
        }
        index += n
        while nextEscapeIndex < index { loadEscape(after: nextEscapeIndex) }
        return true
    }
}

/// Appends bits least significant first.
struct BitWriter {
    private var acc: UInt64 = 0
    private var filled = 0
    private var bytes: [UInt8] = []

    mutating func zeros(_ n: Int) {
        var left = n
        while left > 0 {
            let take = min(left, 32)
            bits(0, count: take)
            left -= take
        }
    }

    /// Appends the low `count` (≤ 32) bits of `value`.
    mutating func bits(_ value: UInt64, count: Int) {
        acc |= (value & ((1 << UInt64(count)) - 1)) << UInt64(filled)
        filled += count
        while filled >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: acc))
            acc >>= 8
            filled -= 8
        }
    }

    /// Writes the bits (padded with zeros to a byte) into `out` and empties the writer.
    mutating func flush(into out: inout ByteWriter) {
        if filled > 0 { bytes.append(UInt8(truncatingIfNeeded: acc)) }
        out.append(bytes)
        bytes.removeAll(keepingCapacity: true)
        acc = 0
        filled = 0
    }
}
