/// Rice coding of small unsigned integers (term frequencies; positions in `PositionCoding`),
/// the format's densest code for them: value v with parameter k is its low k bits (the remainder)
/// and the quotient q = v >> k in unary.
///
/// A block of n values is laid out as:
///
/// ```text
/// [k u8] [n remainders of k bits, bit-packed, padded to a byte] [unary quotients, padded to a byte]
/// ```
///
/// Quotient q < 31 is written as q zero bits then a one bit (least significant bit first). A
/// larger one is an escape, so that one outlier cannot blow the block up: 31 zero bits, a one,
/// then the value in 32 bits, in the unary stream. (Positions list their escapes apart, so
/// that every value ends with exactly one one bit: `PositionCoding`.)
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

    /// Appends the first `count` of `values` as one Rice block.
    static func encode(_ values: [UInt32], count: Int, into out: inout ByteWriter) {
        precondition(count >= 0 && count <= values.count, "RiceCoding.encode: count out of range")
        // Safe because: the count was checked; the array is borrowed for the call.
        values.withUnsafeBufferPointer { encode(UnsafeBufferPointer(rebasing: $0[0..<count]), into: &out) }
    }

    /// Appends `values` as one Rice block.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, into out: inout ByteWriter) {
        let k = parameter(values)
        out.u8(UInt8(k))
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
                writer.bits(UInt64(v), count: 32)
            }
        }
        writer.flush(into: &out)
    }

    /// Decodes a block of `count` values at byte `offset` of `reader` into `out`; `flag` is a
    /// bit its first byte carries beside k (the kind of block a caller chose).
    /// - Returns: the byte offset just past the block, or nil when it is damaged.
    @inline(__always)
    static func decode(_ reader: ByteReader, at offset: Int, count: Int, into out: UnsafeMutablePointer<UInt32>, flag: UInt8 = 0) -> Int? {
        guard count >= 0, let kByte = reader.u8(offset).map({ $0 & ~flag }), kByte <= 28 else { return nil }
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

/// The positions of a block of postings: Rice codes whose parameter is chosen per posting from
/// its document's length and its term frequency. A term said tf times in a document of n terms
/// has gaps of about n/tf terms, and its first position is about as large, so a posting's
/// values are coded with about ⌊log₂ n⌋ − ⌊log₂ tf⌋ remainder bits plus a per-block adjustment
/// (`width`), chosen apart for first positions and for gaps (`PositionCoding.encode`):
///
/// ```text
/// [firstBase u8 (+ 0x80 when there is an escape list)] [gapBase u8, when a posting has tf > 1]
/// [escape list, when flagged: e varint, e × (index gap varint, value varint)]
/// [remainders: per posting, its first position's bits, then each gap's, bit-packed, padded to a byte]
/// [unary quotients, one terminator a value, as `RiceCoding`'s listed escapes, padded to a byte]
/// ```
/// A reader finds a posting's remainders from the lengths and frequencies of the postings
/// before it (no value is read), and skips their quotients by counting terminators.
enum PositionCoding {
    /// ⌊log₂ x⌋ for x ≥ 1 (0 for x ≤ 1).
    @inline(__always)
    static func log2(_ x: Int) -> Int { x <= 1 ? 0 : Int.bitWidth - 1 - x.leadingZeroBitCount }

    /// The highest base a block may choose.
    static let maxBase = 40

    /// A document's scale: ⌊log₂ length⌋ (in terms; 0 for an empty document), which readers
    /// keep per document in a byte (`SegmentReader.lengthScales`).
    @inline(__always)
    static func scale(length: Int) -> UInt8 { UInt8(log2(length)) }

    /// The remainder width of a value of a posting with `tf` in a document of scale `scale`
    /// under `base`: scale − ⌊log₂ tf⌋ + base − 16, within 0...28.
    @inline(__always)
    static func width(base: Int, scale: Int, tf: Int) -> Int {
        min(28, max(0, scale - log2(tf) + base - 16))
    }

    /// The remainder bits of a posting's values: its first position's and its tf − 1 gaps'.
    @inline(__always)
    static func remainderBits(tf: Int, scale: Int, firstBase: Int, gapBase: Int) -> Int {
        let l = scale - log2(tf) - 16
        return min(28, max(0, l + firstBase)) + (tf - 1) * min(28, max(0, l + gapBase))
    }

    private static func cost(_ v: UInt32, _ k: Int) -> Int {
        let q = Int(v >> UInt32(k))
        return k + (q < RiceCoding.escape ? q + 1 : RiceCoding.escape + 1 + 40)
    }

    /// Reusable memory for `encode` (one per encoding thread).
    struct Scratch {
        var shift: [Int] = []      // per value: its posting's scale − ⌊log₂ tf⌋ − 16
        var firsts: [Int] = []     // indices of first positions
        var gaps: [Int] = []       // indices of gaps
        var widths: [Int] = []
        var escapes: [(index: Int, value: UInt32)] = []
        var writer = BitWriter()
        init() {}
    }

    /// The base that minimizes the coded size of the values `indices` of `values`, whose
    /// postings' shifts (scale − ⌊log₂ tf⌋ − 16) are `shift` (searched around a guess from the
    /// mean scaled value, as `RiceCoding.parameter`).
    private static func base(_ indices: [Int], _ values: [UInt32], _ shift: [Int]) -> Int {
        guard !indices.isEmpty else { return 0 }
        var sum: Double = 0
        for i in indices { sum += Double(values[i]) * Double(sign: .plus, exponent: -shift[i], significand: 1) }
        let mean = sum / Double(indices.count) * 0.69  // the best width is near log₂(0.69 · mean)
        let guess = mean < 1 ? 0 : max(0, min(maxBase, Int(mean.exponent)))
        var best = 0, bestBits = Int.max
        for b in max(0, guess - 1)...min(maxBase, guess + 2) {
            var bits = 0
            for i in indices { bits += cost(values[i], min(28, max(0, shift[i] + b))) }
            if bits < bestBits { bestBits = bits; best = b }
        }
        return best
    }

    /// Appends the positions of a block's postings: `values` holds, posting after posting,
    /// the first position then the tf − 1 gaps; `tfs` the postings' frequencies (≥ 1) and
    /// `scales` their documents' scales (`scale(length:)`).
    static func encode(_ values: [UInt32], tfs: some Collection<UInt32>, scales: [Int], scratch: inout Scratch, into out: inout ByteWriter) {
        scratch.shift.removeAll(keepingCapacity: true)
        scratch.firsts.removeAll(keepingCapacity: true)
        scratch.gaps.removeAll(keepingCapacity: true)
        scratch.escapes.removeAll(keepingCapacity: true)
        for (tf, scale) in zip(tfs, scales) {
            let shift = scale - log2(Int(tf)) - 16
            scratch.firsts.append(scratch.shift.count)
            for k in 0..<Int(tf) {
                if k > 0 { scratch.gaps.append(scratch.shift.count) }
                scratch.shift.append(shift)
            }
        }
        let firstBase = base(scratch.firsts, values, scratch.shift)
        let gapBase = base(scratch.gaps, values, scratch.shift)
        scratch.widths.removeAll(keepingCapacity: true)
        var i = 0
        for tf in tfs {
            for k in 0..<Int(tf) {
                let w = min(28, max(0, scratch.shift[i] + (k == 0 ? firstBase : gapBase)))
                scratch.widths.append(w)
                if Int(values[i] >> UInt32(w)) >= RiceCoding.escape { scratch.escapes.append((i, values[i])) }
                i += 1
            }
        }
        out.u8(UInt8(firstBase) | (scratch.escapes.isEmpty ? 0 : 0x80))
        if !scratch.gaps.isEmpty { out.u8(UInt8(gapBase)) }
        if !scratch.escapes.isEmpty {
            out.varint(UInt32(scratch.escapes.count))
            var previous = -1
            for (index, value) in scratch.escapes {
                out.varint(UInt32(index - previous - 1))
                out.varint(value)
                previous = index
            }
        }
        for (v, k) in zip(values, scratch.widths) where k > 0 { scratch.writer.bits(UInt64(v), count: k) }
        scratch.writer.flush(into: &out)
        for (v, k) in zip(values, scratch.widths) {
            scratch.writer.zeros(min(Int(v >> UInt32(k)), RiceCoding.escape))
            scratch.writer.bits(1, count: 1)
        }
        scratch.writer.flush(into: &out)
    }
}

/// A sequential reader of a block of positions (`PositionCoding`): values are read in order,
/// each with the remainder width its caller gives, and a run of them is skipped by counting
/// terminator bits (remainders not read: the caller gives their total width). Made in two
/// steps: `init` reads the header (the bases), then `start` places the quotients after the
/// remainders, whose total the caller computes from the bases.
struct RiceCursor {
    private let reader: ByteReader
    /// The block's bases for first positions and for gaps.
    let firstBase: Int
    let gapBase: Int
    /// The bit where the next value's remainder starts.
    private var remainderBit: Int
    private var bit: Int
    private(set) var index = 0
    private var count: Int
    // The escape list: where the next entry is, how many are left, and the next escape's
    // value index (Int.max when none is left) and value.
    private var escapeAt = 0
    private var escapesLeft = 0
    private var nextEscapeIndex = Int.max
    private var nextEscapeValue: UInt32 = 0

    /// A cursor over the block at byte `offset` (`hasGaps`: some posting has tf > 1), not yet
    /// started; nil when its header is damaged.
    @inline(__always)
    init?(_ reader: ByteReader, at offset: Int, hasGaps: Bool) {
        guard let kByte = reader.u8(offset), Int(kByte & 0x7F) <= PositionCoding.maxBase else { return nil }
        var at = offset + 1
        if hasGaps {
            guard let gByte = reader.u8(at), Int(gByte) <= PositionCoding.maxBase else { return nil }
            gapBase = Int(gByte)
            at += 1
        } else {
            gapBase = 0
        }
        self.reader = reader
        firstBase = Int(kByte & 0x7F)
        var remainders = at
        if kByte & 0x80 != 0 {
            guard let (e, list) = reader.varint(at), e > 0 else { return nil }
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
        bit = remainderBit
        count = 0
    }

    /// Places the quotients after `remainderBits` bits of remainders, for `values` values.
    /// - Returns: false when they would start past the data.
    @inline(__always)
    mutating func start(values: Int, remainderBits: Int) -> Bool {
        let unary = remainderBit / 8 + (remainderBits + 7) / 8
        guard values >= 0, remainderBits >= 0, unary <= reader.count else { return false }
        bit = unary * 8
        count = values
        loadEscape(after: -1)
        return true
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

    /// The next value, whose remainder has `k` bits, or nil at the end or on damage.
    @inline(__always)
    mutating func next(width k: Int) -> UInt32? {
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
                let r = remainderBit
                guard r >> 3 <= limit else { return nil }
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: r >> 3, as: UInt64.self)) >> UInt64(r & 7)
                value |= UInt32(truncatingIfNeeded: w & ((1 << UInt64(k)) - 1))
            }
        }
        remainderBit += k
        index += 1
        return value
    }

    /// Skips `n` values whose remainders take `remainderBits` bits: n terminator bits, counted
    /// a word at a time. - Returns: false at the end or on damage.
    @inline(__always)
    mutating func skip(_ n: Int, remainderBits: Int) -> Bool {
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
        remainderBit += remainderBits
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
