#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Term text -> dense id (in order of first sight), on UTF-8 bytes with an FNV-1a hash: no
/// String and no allocation per lookup (Swift's String hashing normalizes, which is slow for
/// CJK). Open addressing, linear probing; the table doubles at half full.
struct TermInterner {
    /// Per slot: 0 when empty, else the high 32 bits of the term's hash over its id + 1, so a
    /// probe rejects another term without reading anything else (one cache line per step).
    private var slots: [UInt64] = []  // allocated on first use
    private let initialSlots: Int
    /// Per id: the full hash (for growing the table), and where its bytes are in the arena
    /// (start << 32 | length).
    private var hashes: [UInt64] = []
    private var spans: [UInt64] = []
    private var arena: [UInt8] = []

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

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// The id of `term` (whose hash is `h`), or the empty slot where it would go.
    @inline(__always)
    private func probe(_ term: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (id: Int32?, slot: Int) {
        let mask = slots.count - 1
        let tag = h & Self.tagMask
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { return (nil, i) }
            if slot & Self.tagMask == tag {
                let e = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                let span = spans[e]
                if Int(truncatingIfNeeded: span & 0xFFFF_FFFF) == term.count {
                    let start = Int(truncatingIfNeeded: span >> 32)
                    let same = arena.withUnsafeBufferPointer { all -> Bool in
                        guard let a = all.baseAddress, let b = term.baseAddress else { return term.isEmpty }
                        return memcmp(a + start, b, term.count) == 0
                    }
                    if same { return (Int32(e), i) }
                }
            }
            i = (i + 1) & mask
        }
    }

    /// The id of `term` (whose hash is `h`), nil when it was never added.
    @inline(__always)
    func find(_ term: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        slots.isEmpty ? nil : probe(term, hash: h).id
    }

    /// The id of the term `bytes[range]`, adding it when new.
    mutating func id(_ bytes: [UInt8], _ range: Range<Int>) -> Int32 {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "TermInterner: range out of bounds")
        // Safe because: the range was checked; the array is borrowed for the call.
        return bytes.withUnsafeBufferPointer { id(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The id of `term`, adding it when new.
    mutating func id(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
        if slots.isEmpty { slots = Array(repeating: 0, count: initialSlots) }
        let h = Self.hash(term)
        let (found, slot) = probe(term, hash: h)
        if let found { return found }
        let id = Int32(hashes.count)
        hashes.append(h)
        spans.append(UInt64(arena.count) << 32 | UInt64(term.count))
        arena.append(contentsOf: term)
        if hashes.count * 2 > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            let mask = slots.count - 1
            for (e, hash) in hashes.enumerated() {
                var j = Int(truncatingIfNeeded: hash) & mask
                while slots[j] != 0 { j = (j + 1) & mask }
                slots[j] = hash & Self.tagMask | UInt64(e + 1)
            }
        } else {
            slots[slot] = h & Self.tagMask | UInt64(id + 1)
        }
        return id
    }

    func bytes(_ id: Int32) -> ArraySlice<UInt8> {
        let span = spans[Int(id)]
        let start = Int(truncatingIfNeeded: span >> 32)
        return arena[start..<start + Int(truncatingIfNeeded: span & 0xFFFF_FFFF)]
    }
}
