/// The transitions of the lexicon's trie: an open-addressing hash table from
/// (node, scalar) to child node. One multiply-shift hash and usually one probe per step.
///
/// A value type on arrays, so a changed copy (a new dictionary snapshot) never disturbs a
/// reader of the old one.
struct EdgeTable: Sendable {
    /// Key and child side by side: one cache line per probe.
    struct Slot: Sendable {
        var key: UInt64
        var child: UInt32
    }
    private var slots: [Slot]
    private var shift: UInt64
    private(set) var count = 0

    fileprivate static let empty = UInt64.max

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: Self.empty, child: 0), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    fileprivate static func key(_ node: UInt32, _ scalar: UInt32) -> UInt64 {
        (UInt64(node) << 21) | UInt64(scalar)
    }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The child of `node` along `scalar`, if there is one.
    @inline(__always)
    func child(_ node: UInt32, _ scalar: UInt32) -> UInt32? {
        let k = Self.key(node, scalar)
        let mask = slots.count - 1
        var i = slot(for: k)
        while true {
            let found = slots[i]
            if found.key == k { return found.child }
            if found.key == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with a read-only view for hot loops.
    func withView<R>(_ body: (View) -> R) -> R {
        slots.withUnsafeBufferPointer { body(View(slots: $0, shift: shift)) }
    }

    /// A read-only view of the table on raw buffers, valid inside `withView`.
    struct View {
        let slots: UnsafeBufferPointer<Slot>
        let shift: UInt64

        @inline(__always)
        func child(_ node: UInt32, _ scalar: UInt32) -> UInt32? {
            let k = EdgeTable.key(node, scalar)
            let mask = slots.count &- 1
            var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                // Safe because: i is masked to the table size, a power of two.
                let found = slots[i]
                if found.key == k { return found.child }
                if found.key == EdgeTable.empty { return nil }
                i = (i &+ 1) & mask
            }
        }
    }

    /// Records `node --scalar--> child`. The pair must not be present yet.
    mutating func insert(_ node: UInt32, _ scalar: UInt32, child: UInt32) {
        if (count + 1) * 2 > slots.count { grow() }
        let k = Self.key(node, scalar)
        let mask = slots.count - 1
        var i = slot(for: k)
        while slots[i].key != Self.empty { i = (i + 1) & mask }
        slots[i] = Slot(key: k, child: child)
        count += 1
    }

    private mutating func grow() {
        let old = slots
        let size = old.count * 2
        slots = Array(repeating: Slot(key: Self.empty, child: 0), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        let mask = size - 1
        for s in old where s.key != Self.empty {
            var i = slot(for: s.key)
            while slots[i].key != Self.empty { i = (i + 1) & mask }
            slots[i] = s
            count += 1
        }
    }
}
