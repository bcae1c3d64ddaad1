/// A hash table from words (UTF-8 bytes) to values, for the keyword hot path: a `TermInterner`
/// gives each word its id, the values sit by id. A word is looked up by the FNV-1a hash of its
/// bytes and confirmed by comparing the bytes, with no String and no allocation per lookup.
struct WordTable<Value>: @unchecked Sendable {
    // @unchecked Sendable: immutable after construction; Value is Double or Bool here.
    private var words: TermInterner
    private var values: [Value] = []
    /// A bit per hash (high bits, ~16 per word): most words the table lacks — nearly every
    /// word asked of the stop-word table — are turned away by one load from a small bitmap.
    private var filter: [UInt64]
    private var filterShift: UInt64

    init<S: Sequence>(_ pairs: S) where S.Element == ([UInt8], Value) {
        let items = Array(pairs)
        words = TermInterner(capacity: items.count)
        var bits = 4096
        while bits < items.count * 16 { bits <<= 1 }
        filter = [UInt64](repeating: 0, count: bits / 64)
        filterShift = UInt64(64 - bits.trailingZeroBitCount)
        for (word, value) in items {
            let (id, h) = word.withUnsafeBufferPointer { ($0.isEmpty ? -1 : Int(words.id($0)), TermInterner.hash($0)) }
            guard id >= 0 else { continue }
            let bit = Int(truncatingIfNeeded: h >> filterShift)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
            if id == values.count { values.append(value) } else { values[id] = value }  // a later duplicate wins
        }
    }

    var count: Int { values.count }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { TermInterner.hash(bytes) }

    /// The value for `word`, whose hash is `h`.
    @inline(__always)
    func value(for word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Value? {
        let bit = Int(truncatingIfNeeded: h >> filterShift)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
        return words.find(word, hash: h).map { values[Int($0)] }
    }
}
