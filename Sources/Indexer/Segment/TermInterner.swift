/// Term text -> dense id, on UTF-8 bytes with an FNV-1a hash (no String per occurrence).
struct TermInterner {
    private var slots: [Int32] = []  // allocated on first use: an empty interner is free
    private var hashes: [UInt64] = []
    private(set) var starts: [Int32] = []
    private(set) var lengths: [Int32] = []
    private(set) var arena: [UInt8] = []

    var count: Int { hashes.count }

    /// The id of `term`, adding it when new.
    mutating func id(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
        if slots.isEmpty { slots = Array(repeating: -1, count: 1 << 16) }
        let h = WordTable<Bool>.hash(term)
        var mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[i])
            if e < 0 { break }
            if hashes[e] == h && Int(lengths[e]) == term.count {
                let s = Int(starts[e])
                var same = true
                for k in 0..<term.count where arena[s + k] != term[k] {
                    same = false
                    break
                }
                if same { return Int32(e) }
            }
            i = (i + 1) & mask
        }
        let id = Int32(hashes.count)
        hashes.append(h)
        starts.append(Int32(arena.count))
        lengths.append(Int32(term.count))
        arena.append(contentsOf: term)
        if hashes.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            mask = slots.count - 1
            for (e, hash) in hashes.enumerated() {
                var j = Int(truncatingIfNeeded: hash) & mask
                while slots[j] >= 0 { j = (j + 1) & mask }
                slots[j] = Int32(e)
            }
        } else {
            slots[i] = id
        }
        return id
    }

    func bytes(_ id: Int32) -> ArraySlice<UInt8> {
        let s = Int(starts[Int(id)])
        return arena[s..<s + Int(lengths[Int(id)])]
    }
}
