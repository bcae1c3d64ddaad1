/// A hash table from words (UTF-8 bytes) to values, for the keyword hot path: a `TermInterner`
/// gives each word its id, the values sit by id. A word is looked up by the FNV-1a hash of its
/// bytes and confirmed by comparing the bytes, with no String and no allocation per lookup.
struct WordTable<Value>: @unchecked Sendable {
    // @unchecked Sendable: immutable after construction; Value is Double or Bool here.
    private var words: TermInterner
    private var values: [Value] = []

    init<S: Sequence>(_ pairs: S) where S.Element == ([UInt8], Value) {
        let items = Array(pairs)
        words = TermInterner(capacity: items.count)
        for (word, value) in items {
            let id = Int(word.withUnsafeBufferPointer { words.id($0) })
            if id == values.count { values.append(value) } else { values[id] = value }  // a later duplicate wins
        }
    }

    var count: Int { values.count }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { TermInterner.hash(bytes) }

    /// The value for `word`, whose hash is `h`.
    @inline(__always)
    func value(for word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Value? {
        words.find(word, hash: h).map { values[Int($0)] }
    }
}
