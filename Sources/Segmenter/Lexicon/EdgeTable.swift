/// The transitions of the lexicon's trie: an open-addressing hash table from
/// (node, scalar) to the child node. One multiply-shift hash and usually one probe per step.
///
/// Each slot also carries what the matcher needs to know about the child — the entry of the
/// word that ends there and a filter of the child's own children — so a step of a walk
/// touches one cache line, and most dead ends are seen without probing the table at all.
///
/// A value type on arrays, so a changed copy (a new dictionary snapshot) never disturbs a
/// reader of the old one. The built-in lexicon's tables are the prebuilt image's memory
/// (`TableBuffer`), copied on the first change.
struct EdgeTable: Sendable, Equatable {
    /// One transition: 16 bytes, a quarter of a cache line.
    struct Slot: Sendable, Equatable {
        /// Bits 0–52: the key, `node << 21 | scalar`; bits 53–63: the child's child filter.
        var word: UInt64
        /// The child node.
        var child: UInt32
        /// The entry of the word that ends at the child, or -1.
        var terminal: Int32

        /// The child filter: bit `scalar % 11` is set for the scalar of each of the child's
        /// children, so a clear bit means the walk ends here.
        @inline(__always)
        var childFilter: UInt64 { word >> 53 }

        @inline(__always)
        static func filterBit(_ scalar: UInt32) -> UInt64 { 1 << UInt64(scalar % 11) }

        /// A filter that lets every scalar through (for a walk from the root).
        static let allChildren: UInt64 = (1 << 11) - 1
    }

    private(set) var slots: TableBuffer<Slot>
    /// 64 − log2 of the table size: the hash's top bits are the home slot.
    private(set) var shift: UInt64
    /// The number of transitions.
    private(set) var count = 0

    /// The key mask of `Slot.word`.
    fileprivate static let keyMask: UInt64 = (1 << 53) - 1
    /// An empty slot's word. Its key would need the scalar 0x1FFFFF, which no scalar is.
    fileprivate static let empty = UInt64.max

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = TableBuffer(repeating: Slot(word: Self.empty, child: 0, terminal: -1), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// A table over the slots of a prebuilt image (see `LexiconImage`), which hold `count`
    /// transitions; nil when the slots cannot be such a table (their number is not a power
    /// of two, at least 16 and more than twice `count`).
    init?(image: UnsafeBufferPointer<Slot>, count: Int) {
        let size = image.count
        guard size >= 16, size & (size - 1) == 0, count >= 0, count * 2 < size else { return nil }
        slots = TableBuffer(image: image)
        shift = UInt64(64 - size.trailingZeroBitCount)
        self.count = count
    }

    @inline(__always)
    fileprivate static func key(_ node: UInt32, _ scalar: UInt32) -> UInt64 {
        (UInt64(node) << 21) | UInt64(scalar & 0x1F_FFFF)
    }

    @inline(__always)
    fileprivate static func home(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The index of the slot for (node, scalar), if the transition exists.
    @inline(__always)
    private func index(_ node: UInt32, _ scalar: UInt32) -> Int? {
        let k = Self.key(node, scalar)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = Self.home(of: k, shift: shift)
            while true {
                // Safe because: i is masked to the table size, a power of two.
                let word = slots[i].word
                if word == Self.empty { return nil }
                if word & Self.keyMask == k { return i }
                i = (i + 1) & mask
            }
        }
    }

    /// The child of `node` along `scalar`, if there is one.
    func child(_ node: UInt32, _ scalar: UInt32) -> UInt32? {
        index(node, scalar).map { slots[$0].child }
    }

    /// The slot of `node --scalar-->`, if there is one.
    func slot(_ node: UInt32, _ scalar: UInt32) -> Slot? {
        index(node, scalar).map { slots[$0] }
    }

    /// Sets the entry of the word ending at the child of `node --scalar-->` (no-op if absent).
    mutating func setTerminal(_ node: UInt32, _ scalar: UInt32, _ entry: Int32) {
        if let i = index(node, scalar) { slots[i].terminal = entry }
    }

    /// Records that the child of `node --scalar-->` has a child along `grandchild`.
    mutating func addToFilter(_ node: UInt32, _ scalar: UInt32, grandchild: UInt32) {
        if let i = index(node, scalar) { slots[i].word |= Slot.filterBit(grandchild) << 53 }
    }

    /// Calls `body` with a read-only view for hot loops.
    func withView<R>(_ body: (View) -> R) -> R {
        slots.withUnsafeBufferPointer { body(View(slots: $0, shift: shift)) }
    }

    /// A read-only view of the table on raw buffers, valid inside `withView`.
    struct View {
        let slots: UnsafeBufferPointer<Slot>
        let shift: UInt64

        /// The address of the first slot `find(node, scalar)` reads (its home slot), to ask
        /// for it early.
        @inline(__always)
        func homeAddress(_ node: UInt32, _ scalar: UInt32) -> UnsafeRawPointer? {
            let i = EdgeTable.home(of: EdgeTable.key(node, scalar), shift: shift)
            // Safe because: the home slot is within the table (the hash's top bits index it).
            return slots.baseAddress.map { UnsafeRawPointer($0 + i) }
        }

        /// The slot of `node --scalar-->`, if there is one.
        @inline(__always)
        func find(_ node: UInt32, _ scalar: UInt32) -> Slot? {
            let k = EdgeTable.key(node, scalar)
            let mask = slots.count &- 1
            var i = EdgeTable.home(of: k, shift: shift)
            while true {
                // Safe because: i is masked to the table size, a power of two.
                let found = slots[i]
                if found.word & EdgeTable.keyMask == k { return found }
                if found.word == EdgeTable.empty { return nil }
                i = (i &+ 1) & mask
            }
        }
    }

    /// Records `node --scalar--> child`. The pair must not be present yet.
    mutating func insert(_ node: UInt32, _ scalar: UInt32, child: UInt32) {
        insert(Slot(word: Self.key(node, scalar), child: child, terminal: -1))
    }

    /// Records a copy of `slot` (from another table) under `node --scalar-->`. The pair must not
    /// be present yet.
    mutating func insert(_ node: UInt32, _ scalar: UInt32, copying slot: Slot) {
        var copy = slot
        copy.word = Self.key(node, scalar) | (slot.word & ~Self.keyMask)
        insert(copy)
    }

    private mutating func insert(_ slot: Slot) {
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = Self.home(of: slot.word & Self.keyMask, shift: shift)
        while slots[i].word != Self.empty { i = (i + 1) & mask }
        slots[i] = slot
        count += 1
    }

    private mutating func grow() {
        let old = slots.elements
        let size = old.count * 2
        slots = TableBuffer(repeating: Slot(word: Self.empty, child: 0, terminal: -1), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for s in old where s.word != Self.empty { insert(s) }
    }
}
