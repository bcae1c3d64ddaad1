/// The transitions of the lexicon's trie: an open-addressing hash table from
/// (node, scalar) to child node. One multiply-shift hash and usually one probe per step.
///
/// A value type on arrays, so a changed copy (a new dictionary snapshot) never disturbs a
/// reader of the old one.
struct EdgeTable: Sendable {
    private var keys: [UInt64]
    private var children: [UInt32]
    private var shift: UInt64
    private(set) var count = 0

    fileprivate static let empty = UInt64.max

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: Self.empty, count: size)
        children = Array(repeating: 0, count: size)
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
        let mask = keys.count - 1
        var i = slot(for: k)
        while true {
            let found = keys[i]
            if found == k { return children[i] }
            if found == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with a read-only view for hot loops.
    func withView<R>(_ body: (View) -> R) -> R {
        keys.withUnsafeBufferPointer { k in
            children.withUnsafeBufferPointer { c in
                body(View(keys: k, children: c, shift: shift))
            }
        }
    }

    /// A read-only view of the table on raw buffers, valid inside `withView`.
    struct View {
        let keys: UnsafeBufferPointer<UInt64>
        let children: UnsafeBufferPointer<UInt32>
        let shift: UInt64

        @inline(__always)
        func child(_ node: UInt32, _ scalar: UInt32) -> UInt32? {
            let k = EdgeTable.key(node, scalar)
            let mask = keys.count &- 1
            var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                // Safe because: i is masked to the table size, a power of two.
                let found = keys[i]
                if found == k { return children[i] }
                if found == EdgeTable.empty { return nil }
                i = (i &+ 1) & mask
            }
        }
    }

    /// Records `node --scalar--> child`. The pair must not be present yet.
    mutating func insert(_ node: UInt32, _ scalar: UInt32, child: UInt32) {
        if (count + 1) * 2 > keys.count { grow() }
        let k = Self.key(node, scalar)
        let mask = keys.count - 1
        var i = slot(for: k)
        while keys[i] != Self.empty { i = (i + 1) & mask }
        keys[i] = k
        children[i] = child
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldChildren = children
        let size = oldKeys.count * 2
        keys = Array(repeating: Self.empty, count: size)
        children = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        let mask = size - 1
        for (j, k) in oldKeys.enumerated() where k != Self.empty {
            var i = slot(for: k)
            while keys[i] != Self.empty { i = (i + 1) & mask }
            keys[i] = k
            children[i] = oldChildren[j]
            count += 1
        }
    }
}
