/// A hash table from words (UTF-8 bytes) to values, for the keyword hot path: a word is looked
/// up by a 64-bit FNV-1a hash of its bytes and confirmed by comparing the bytes, with no String
/// and no allocation per lookup (Swift's String hashing normalizes, which is slow for CJK).
struct WordTable<Value>: @unchecked Sendable {
    // @unchecked Sendable: immutable after construction; Value is Double or Bool here.
    private var slots: [Int32]          // index into entries, -1 empty
    private var hashes: [UInt64] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var values: [Value] = []
    private var arena: [UInt8] = []
    private let mask: Int

    init<S: Sequence>(_ pairs: S) where S.Element == ([UInt8], Value) {
        let items = Array(pairs)
        var size = 16
        while size < items.count * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (word, value) in items {
            let h = word.withUnsafeBufferPointer { Self.hash($0) }
            var i = Int(truncatingIfNeeded: h) & mask
            var replaced = false
            while slots[i] >= 0 {
                let e = Int(slots[i])
                if hashes[e] == h && Array(arena[Int(starts[e])..<Int(starts[e] + lengths[e])]) == word {
                    values[e] = value
                    replaced = true
                    break
                }
                i = (i + 1) & mask
            }
            if replaced { continue }
            slots[i] = Int32(hashes.count)
            hashes.append(h)
            starts.append(Int32(arena.count))
            lengths.append(Int32(word.count))
            values.append(value)
            arena.append(contentsOf: word)
        }
    }

    var count: Int { values.count }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// The value for `word`, whose hash is `h`.
    @inline(__always)
    func value(for word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Value? {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[i])
            if e < 0 { return nil }
            if hashes[e] == h && Int(lengths[e]) == word.count {
                let start = Int(starts[e])
                var same = true
                for k in 0..<word.count where arena[start + k] != word[k] {
                    same = false
                    break
                }
                if same { return values[e] }
            }
            i = (i + 1) & mask
        }
    }
}
