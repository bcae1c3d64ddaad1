/// A string of up to 8 Han characters packed into 128 bits: 16-bit character codes
/// (`HanCode`), the first character in the low bits of `low`, unused places zero (code 0 is
/// no character, so strings of different lengths never share a key).
struct NGramKey: Hashable {
    var low: UInt64
    var high: UInt64

    /// The key of `codes[start ..< start + length]` (`length` ≤ 8, no zero code inside).
    @inline(__always)
    init(_ codes: UnsafePointer<UInt16>, start: Int, length: Int) {
        var low: UInt64 = 0, high: UInt64 = 0
        let first = min(length, 4)
        for k in 0..<first { low |= UInt64(codes[start + k]) << (16 * UInt64(k)) }
        if length > 4 {
            for k in 4..<length { high |= UInt64(codes[start + k]) << (16 * UInt64(k - 4)) }
        }
        self.low = low
        self.high = high
    }

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// A well-mixed 64-bit hash (splitmix64's finalizer over both halves).
    @inline(__always)
    var mixed: UInt64 {
        var z = low &+ (high &* 0x9E37_79B9_7F4A_7C15) &+ 0x632B_E59B_D9B4_E019
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The code of character `k`.
    @inline(__always)
    func code(_ k: Int) -> UInt16 {
        k < 4 ? UInt16(truncatingIfNeeded: low >> (16 * UInt64(k))) : UInt16(truncatingIfNeeded: high >> (16 * UInt64(k - 4)))
    }

    /// The characters `from ..< to` as a key of their own.
    func slice(_ from: Int, _ to: Int) -> NGramKey {
        var low: UInt64 = 0, high: UInt64 = 0
        for k in from..<to {
            let c = UInt64(code(k)), place = k - from
            if place < 4 { low |= c << (16 * UInt64(place)) } else { high |= c << (16 * UInt64(place - 4)) }
        }
        return NGramKey(low: low, high: high)
    }
}

/// An open-addressing hash table from `NGramKey` to a 32-bit value (a count, or a candidate's
/// index), linear probing, grown at 5/8 load. The slots live in one allocation the table owns;
/// one thread at a time writes it (readers share it only once writing is over).
final class NGramTable: @unchecked Sendable {
    // Safe because: a table is written by the one thread that owns it during counting, and
    // only read (from any thread) afterwards; `concurrentPerform` orders the two.
    private struct Slot {
        var low: UInt64
        var high: UInt64
        var value: UInt32
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    /// The number of keys held.
    private(set) var count = 0

    /// A table sized for about `expected` keys.
    init(expected: Int = 1024) {
        var capacity = 16
        while capacity * 5 / 8 < expected { capacity <<= 1 }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(low: 0, high: 0, value: 0), count: capacity)
        mask = capacity - 1
    }

    deinit {
        slots.deallocate()
    }

    /// Adds one to `key`'s value (inserting it at 1). `hash` is `key.mixed`.
    @inline(__always)
    func increment(_ key: NGramKey, hash: UInt64) {
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = slots[i]
            if s.low == key.low && s.high == key.high {
                slots[i].value &+= 1
                return
            }
            if s.low == 0 {
                slots[i] = Slot(low: key.low, high: key.high, value: 1)
                count += 1
                if count * 8 > (mask + 1) * 5 { grow() }
                return
            }
            i = (i + 1) & mask
        }
    }

    /// Sets `key`'s value.
    func set(_ key: NGramKey, _ value: UInt32) {
        let hash = key.mixed
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = slots[i]
            if s.low == key.low && s.high == key.high {
                slots[i].value = value
                return
            }
            if s.low == 0 {
                slots[i] = Slot(low: key.low, high: key.high, value: value)
                count += 1
                if count * 8 > (mask + 1) * 5 { grow() }
                return
            }
            i = (i + 1) & mask
        }
    }

    /// The value of `key`, or nil. `hash` is `key.mixed`.
    @inline(__always)
    func value(_ key: NGramKey, hash: UInt64) -> UInt32? {
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = slots[i]
            if s.low == key.low && s.high == key.high { return s.value }
            if s.low == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with every key and value.
    func forEach(_ body: (NGramKey, UInt32) -> Void) {
        for i in 0...mask where slots[i].low != 0 {
            body(NGramKey(low: slots[i].low, high: slots[i].high), slots[i].value)
        }
    }

    /// A new table with the keys whose value is at least `minimum`.
    func keeping(atLeast minimum: UInt32) -> NGramTable {
        var kept = 0
        for i in 0...mask where slots[i].low != 0 && slots[i].value >= minimum { kept += 1 }
        let table = NGramTable(expected: kept)
        for i in 0...mask where slots[i].low != 0 && slots[i].value >= minimum {
            table.set(NGramKey(low: slots[i].low, high: slots[i].high), slots[i].value)
        }
        return table
    }

    private func grow() {
        let old = slots, oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(low: 0, high: 0, value: 0), count: capacity)
        mask = capacity - 1
        for j in 0..<oldCapacity where old[j].low != 0 {
            let key = NGramKey(low: old[j].low, high: old[j].high)
            var i = Int(truncatingIfNeeded: key.mixed) & mask
            while slots[i].low != 0 { i = (i + 1) & mask }
            slots[i] = old[j]
        }
        old.deallocate()
    }
}
