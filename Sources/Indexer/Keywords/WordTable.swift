/// A hash table from words (UTF-8 bytes) to values, for the keyword and analysis hot paths:
/// a word is looked up by the FNV-1a hash of its bytes (`TermInterner.hash`) and confirmed by
/// its bytes, with no String and no allocation per lookup.
///
/// Each 24-byte slot holds the word's bytes inline (words of up to 15 bytes — five Han
/// characters — which is nearly all) and its value, so a lookup touches one slot: the tables
/// are probed once per token while extracting keywords, and a probe that chased a separate
/// entry, span and bytes cost three cache misses. Longer words are kept aside and compared there.
/// Values are numbers (an idf); a set of words (stop words) stores 1.
struct WordTable: Sendable {
    private struct Slot {
        /// Bytes 0..<8 of the word, zero-padded; for a long word, its index in `long`.
        var low: UInt64 = 0
        /// Bytes 8..<15, zero-padded, with the length in the top byte (0xFF: a long word);
        /// 0 for an empty slot.
        var high: UInt64 = 0
        var value: Double = 0
    }

    private var slots: [Slot]
    private var shift: UInt64
    private var long: [[UInt8]] = []
    private(set) var count = 0
    /// A bit per hash (high bits, ~16 per word): most words the table lacks — nearly every
    /// word asked of the stop-word table — are turned away by one load from a small bitmap.
    private var filter: [UInt64]
    private var filterShift: UInt64

    /// The `high` half of the key of a word longer than 15 bytes.
    static var longMark: UInt64 { 0xFF << 56 }

    init<S: Sequence>(_ pairs: S) where S.Element == ([UInt8], Double) {
        let items = Array(pairs)
        self.init(capacity: items.count)
        for (word, value) in items where !word.isEmpty {
            word.withUnsafeBufferPointer { insert($0, value) }
        }
    }

    /// A table of a dictionary's words (their UTF-8) and values, read in place: no array of
    /// bytes is made per word (for the IDF table's 37,000 words at every start of a process
    /// that extracts keywords, the arrays cost ~50 M instructions to make and free).
    init(_ dictionary: [String: Double]) {
        self.init(capacity: dictionary.count)
        for (word, value) in dictionary where !word.isEmpty {
            var word = word
            word.withUTF8 { insert($0, value) }
        }
    }

    /// An empty table with room for `capacity` words (then `insert` them).
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        var bits = 4096
        while bits < capacity * 16 { bits <<= 1 }
        filter = [UInt64](repeating: 0, count: bits / 64)
        filterShift = UInt64(64 - bits.trailingZeroBitCount)
    }

    /// Adds `word`, or replaces its value (a later duplicate wins).
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, _ value: Double) {
        let h = TermInterner.hash(word)
        let bit = Int(truncatingIfNeeded: h >> filterShift)
        filter[bit >> 6] |= 1 << UInt64(bit & 63)
        var (low, high) = Self.key(word)
        if high == Self.longMark, let at = find(word, hash: h) {
            slots[at].value = value
            return
        }
        if high == Self.longMark {
            low = UInt64(long.count)
            long.append(Array(word))
        }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[i].high != 0 {
            if slots[i].low == low && slots[i].high == high {
                slots[i].value = value
                return
            }
            i = (i + 1) & mask
        }
        slots[i] = Slot(low: low, high: high, value: value)
        count += 1
    }

    /// The inline key of a word: its first 15 bytes in two words and its length in the top
    /// byte, or the long-word mark (`low` is then filled in by the caller).
    @inline(__always)
    static func key(_ word: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let n = word.count
        guard n <= 15, let base = word.baseAddress else { return (0, n == 0 ? 0 : longMark) }
        let raw = UnsafeRawPointer(base)
        if n >= 8 {
            // Two loads within the word: its first 8 bytes, and the 8 ending at its end,
            // shifted so that bytes 8..<n land at the bottom.
            let low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let tail = n == 8 ? 0 : UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) >> UInt64(8 * (16 - n))
            return (low, tail | UInt64(n) << 56)
        }
        var low: UInt64 = 0
        for i in 0..<n { low |= UInt64(base[i]) << UInt64(8 * i) }
        return (low, UInt64(n) << 56)
    }

    /// The slot of `word` (hash `h`), if it is in the table.
    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        let (low, high) = Self.key(word)
        return find(word, low: low, high: high, hash: h)
    }

    /// The slot of `word` (hash `h`, key `low`, `high` from `key(_:)`), if it is in the table.
    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, low: UInt64, high: UInt64, hash h: UInt64) -> Int? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift)
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[i]
                if slot.high == 0 { return nil }
                if slot.high == high {
                    if high != Self.longMark {
                        if slot.low == low { return i }
                    } else if Int(slot.low) < long.count && long[Int(slot.low)].elementsEqual(word) {
                        return i
                    }
                }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { TermInterner.hash(bytes) }

    /// Whether `word` (hash `h`) is in the table.
    @inline(__always)
    func contains(_ word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Bool {
        value(for: word, hash: h) != nil
    }

    /// The value for `word`, whose hash is `h`.
    @inline(__always)
    func value(for word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Double? {
        let (low, high) = Self.key(word)
        return value(for: word, low: low, high: high, hash: h)
    }

    /// The value for `word`, whose hash is `h` and key `low`, `high` (from `key(_:)`).
    @inline(__always)
    func value(for word: UnsafeBufferPointer<UInt8>, low: UInt64, high: UInt64, hash h: UInt64) -> Double? {
        let bit = Int(truncatingIfNeeded: h >> filterShift)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
        guard let at = find(word, low: low, high: high, hash: h) else { return nil }
        return slots[at].value
    }
}
