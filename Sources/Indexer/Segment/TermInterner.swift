/// Term text -> dense id (in order of first sight), on UTF-8 bytes with an FNV-1a hash: no
/// String and no allocation per lookup (Swift's String hashing normalizes, which is slow for
/// CJK). Open addressing, linear probing; the table doubles at half full.
struct TermInterner {
    private var slots: [Int32] = []  // index into the terms, -1 empty; allocated on first use
    private let initialSlots: Int
    private var hashes: [UInt64] = []
    private(set) var starts: [Int32] = []
    private(set) var lengths: [Int32] = []
    private(set) var arena: [UInt8] = []

    /// An interner sized for about `capacity` terms (it grows past them).
    init(capacity: Int = 1 << 15) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        initialSlots = size
    }

    var count: Int { hashes.count }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// The id of `term` (whose hash is `h`), or the empty slot where it would go.
    @inline(__always)
    private func probe(_ term: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (id: Int32?, slot: Int) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[i])
            if e < 0 { return (nil, i) }
            if hashes[e] == h && Int(lengths[e]) == term.count {
                let s = Int(starts[e])
                var same = true
                for k in 0..<term.count where arena[s + k] != term[k] {
                    same = false
                    break
                }
                if same { return (Int32(e), i) }
            }
            i = (i + 1) & mask
        }
    }

    /// The id of `term` (whose hash is `h`), nil when it was never added.
    @inline(__always)
    func find(_ term: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        slots.isEmpty ? nil : probe(term, hash: h).id
    }

    /// The id of `term`, adding it when new.
    mutating func id(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
        if slots.isEmpty { slots = Array(repeating: -1, count: initialSlots) }
        let h = Self.hash(term)
        let (found, slot) = probe(term, hash: h)
        if let found { return found }
        let id = Int32(hashes.count)
        hashes.append(h)
        starts.append(Int32(arena.count))
        lengths.append(Int32(term.count))
        arena.append(contentsOf: term)
        if hashes.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (e, hash) in hashes.enumerated() {
                var j = Int(truncatingIfNeeded: hash) & mask
                while slots[j] >= 0 { j = (j + 1) & mask }
                slots[j] = Int32(e)
            }
        } else {
            slots[slot] = id
        }
        return id
    }

    func bytes(_ id: Int32) -> ArraySlice<UInt8> {
        let s = Int(starts[Int(id)])
        return arena[s..<s + Int(lengths[Int(id)])]
    }
}
