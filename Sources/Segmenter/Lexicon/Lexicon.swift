/// A dictionary of words for the segmenter: the built-in political lexicon, users'
/// dictionaries and words added at run time, in one trie over Unicode scalars.
///
/// `Lexicon` is a value: a changed copy is a new snapshot, and a segmenter that holds the old
/// one never sees a half-changed dictionary. Words are matched after full-width folding
/// (`ＧＤＰ` matches `GDP`).
///
/// ```swift
/// var lexicon = Lexicon()
/// lexicon.insert(.init(word: "渝事好商量", frequency: 5000, tag: "nz", origin: .user(file: "mine.txt")))
/// lexicon.contains("渝事好商量") // true
/// ```
public struct Lexicon: Sendable {
    /// One dictionary entry.
    public struct Entry: Hashable, Sendable {
        /// The word as written in its dictionary.
        public var word: String
        /// Its frequency (weight), if the dictionary gave one.
        public var frequency: Int?
        /// Its part-of-speech or category tag, if the dictionary gave one.
        public var tag: String?
        /// Which dictionary it came from.
        public var origin: Origin

        public init(word: String, frequency: Int? = nil, tag: String? = nil, origin: Origin) {
            self.word = word
            self.frequency = frequency
            self.tag = tag
            self.origin = origin
        }
    }

    /// Where an entry came from.
    public enum Origin: Hashable, Sendable {
        /// A file of the built-in dictionary (its path below `Dictionaries/`).
        case builtin(file: String)
        /// A user dictionary file, or `"<runtime>"` for words added by the program.
        case user(file: String)

        /// True for user dictionaries and run-time words.
        public var isUser: Bool { if case .user = self { true } else { false } }

        /// The file name.
        public var file: String {
            switch self {
            case .builtin(let file), .user(let file): file
            }
        }
    }

    /// The default frequency of an entry that gives none.
    public static let defaultFrequency = 1000

    /// The trie's edges, each slot with what the matcher needs of the child (see EdgeTable).
    var edges = EdgeTable()
    /// The edges out of nodes two or more scalars deep, again: all the matcher probes after
    /// the pair step, in a table half the size of `edges` (fewer cache misses).
    var deepEdges = EdgeTable()
    /// Per trie node: the entry of the word ending there (or -1), and how it is reached.
    var nodes = TableBuffer<Node>([Node()])
    /// All entries ever inserted; removed or replaced ones are no longer referenced.
    private(set) var storage = EntryList()
    /// The resolver's cost of each entry (see `Worker+Resolve.swift`).
    private(set) var costs: [Float] = []
    /// The number of live entries.
    private(set) var liveCount = 0
    /// A bit per BMP scalar: can a word start with it? Rejects most positions in one load.
    private(set) var startsBMP = TableBuffer<UInt64>(repeating: 0, count: Lexicon.startsBMPWords)
    /// A bit per hash of a word's first two scalars (32 KiB, 2^18 bits): rejects most
    /// positions whose first scalar starts some word before the trie is touched.
    private(set) var pairFilter = TableBuffer<UInt64>(repeating: 0, count: Lexicon.pairFilterWords)
    /// The trie node after a word's first two scalars, keyed by (first, second): one probe
    /// instead of two for the first two steps of every walk.
    var pairNodes = EdgeTable()
    /// Single-scalar words, which the pair filter cannot see.
    private(set) var singleScalarWords = 0
    /// Whether each entry came from a user dictionary (hot path: no String retain).
    private(set) var isUser: [Bool] = []

    /// The length in scalars of the longest word ever inserted.
    public private(set) var maxWordLength = 0

    /// An empty lexicon.
    public init() {}

    /// A lexicon of `entries`; a later entry for the same word replaces an earlier one.
    public init(_ entries: some Sequence<Entry>) {
        let all = Array(entries)
        reserveCapacity(words: all.count, scalars: all.reduce(0) { $0 + $1.word.unicodeScalars.count })
        for entry in all { insert(entry) }
    }

    /// Sizes the tables for about `words` more words of `scalars` scalars in all, so that a
    /// bulk load does not rehash them as they grow.
    mutating func reserveCapacity(words: Int, scalars: Int) {
        guard edges.count == 0 else { return }
        edges = EdgeTable(capacity: scalars)
        deepEdges = EdgeTable(capacity: max(scalars - 2 * words, 16))
        pairNodes = EdgeTable(capacity: words)
        nodes.reserveCapacity(scalars + 1)
        storage.reserveCapacity(words)
        costs.reserveCapacity(words)
        isUser.reserveCapacity(words)
    }

    /// The number of words.
    public var count: Int { liveCount }

    /// The sizes of `startsBMP` and `pairFilter`, in 64-bit words.
    static let startsBMPWords = 1024
    static let pairFilterWords = 4096

    /// Everything a lexicon holds, for the prebuilt image (`LexiconImage`) to write and read.
    struct Parts: Equatable {
        var edges: EdgeTable
        var deepEdges: EdgeTable
        var pairNodes: EdgeTable
        var nodes: TableBuffer<Node>
        var entries: EntryList
        var costs: [Float]
        var isUser: [Bool]
        var startsBMP: TableBuffer<UInt64>
        var pairFilter: TableBuffer<UInt64>
        var liveCount: Int
        var singleScalarWords: Int
        var maxWordLength: Int
    }

    /// This lexicon's parts.
    var parts: Parts {
        Parts(edges: edges, deepEdges: deepEdges, pairNodes: pairNodes, nodes: nodes, entries: storage,
              costs: costs, isUser: isUser, startsBMP: startsBMP, pairFilter: pairFilter,
              liveCount: liveCount, singleScalarWords: singleScalarWords, maxWordLength: maxWordLength)
    }

    /// A lexicon of `parts` (as `parts` gave them: the caller checks they fit together).
    init(parts: Parts) {
        edges = parts.edges
        deepEdges = parts.deepEdges
        pairNodes = parts.pairNodes
        nodes = parts.nodes
        storage = parts.entries
        costs = parts.costs
        isUser = parts.isUser
        startsBMP = parts.startsBMP
        pairFilter = parts.pairFilter
        liveCount = parts.liveCount
        singleScalarWords = parts.singleScalarWords
        maxWordLength = parts.maxWordLength
    }

    /// The live entries, in the order they were inserted.
    public var entries: [Entry] {
        nodes.withUnsafeBufferPointer { $0.map(\.terminal) }.filter { $0 >= 0 }.sorted().map { storage[Int($0)] }
    }

    /// The word and tag of each live entry that has a tag, in the order of `entries`, without
    /// making the entries (nor their words) that have none, and without sorting: a process
    /// that extracts keywords reads them at start (`entries` cost ~20 M instructions there).
    package func forEachTaggedEntry(_ body: (_ word: String, _ tag: String) -> Void) {
        var live = [Bool](repeating: false, count: storage.count)
        nodes.withUnsafeBufferPointer { nodes in
            for node in nodes where node.terminal >= 0 && Int(node.terminal) < live.count { live[Int(node.terminal)] = true }
        }
        for id in live.indices where live[id] {
            if let (word, tag) = storage.wordAndTag(id) { body(word, tag) }
        }
    }

    /// Whether `word` is in the lexicon.
    public func contains(_ word: String) -> Bool { entryID(for: word) != nil }

    /// The entry for `word`, if any.
    public func entry(for word: String) -> Entry? {
        entryID(for: word).map { storage[Int($0)] }
    }

    /// The trie node that spells `word` (folded), if any.
    private func node(for word: String) -> UInt32? {
        var node: UInt32 = 0
        var any = false
        for s in word.unicodeScalars {
            guard let next = edges.child(node, ScalarClass.fold(s.value)) else { return nil }
            node = next
            any = true
        }
        return any ? node : nil
    }

    private func entryID(for word: String) -> Int32? {
        guard let node = node(for: word) else { return nil }
        let id = nodes[Int(node)].terminal
        return id >= 0 ? id : nil
    }

    /// Adds `entry`, replacing any entry for the same word.
    /// - Complexity: O(length of the word), amortized.
    public mutating func insert(_ entry: Entry) {
        let scalars = entry.word.unicodeScalars.map { ScalarClass.fold($0.value) }
        guard !scalars.isEmpty else { return }
        var node: UInt32 = 0
        for v in scalars {
            if let next = edges.child(node, v) {
                node = next
            } else {
                let next = UInt32(nodes.count)
                nodes.append(Node(parent: node, scalar: v))
                edges.insert(node, v, child: next)
                if isDeep(node) { deepEdges.insert(node, v, child: next) }
                updateSlots(of: node) { table, parent, scalar in
                    table.addToFilter(parent, scalar, grandchild: v)
                }
                node = next
            }
        }
        let id = Int32(storage.count)
        if nodes[Int(node)].terminal < 0 {
            liveCount += 1
            if scalars.count == 1 { singleScalarWords += 1 }
        }
        storage.append(entry)
        isUser.append(entry.origin.isUser)
        costs.append(Self.cost(of: entry))
        nodes[Int(node)].terminal = id
        updateSlots(of: node) { table, parent, scalar in table.setTerminal(parent, scalar, id) }
        let first = scalars[0]
        if first < 0x10000 { startsBMP[Int(first >> 6)] |= 1 << UInt64(first & 63) }
        if scalars.count >= 2 {
            let h = Self.pairHash(first, scalars[1])
            pairFilter[h >> 6] |= 1 << UInt64(h & 63)
            if let a = edges.child(0, first), let b = edges.slot(a, scalars[1]), pairNodes.child(first, scalars[1]) == nil {
                pairNodes.insert(first, scalars[1], copying: b)
            }
        }
        maxWordLength = max(maxWordLength, scalars.count)
    }

    /// Removes `word`. - Returns: whether it was there.
    @discardableResult
    public mutating func remove(_ word: String) -> Bool {
        guard let node = node(for: word), nodes[Int(node)].terminal >= 0 else { return false }
        nodes[Int(node)].terminal = -1
        updateSlots(of: node) { table, parent, scalar in table.setTerminal(parent, scalar, -1) }
        liveCount -= 1
        if word.unicodeScalars.count == 1 { singleScalarWords -= 1 }
        return true
    }

    /// Whether `node` is two or more scalars deep.
    private func isDeep(_ node: UInt32) -> Bool {
        node != 0 && nodes[Int(node)].parent != 0
    }

    /// Applies `change` to the slots that describe `node`: the edge into it, and for a node
    /// two scalars deep, its pair slot. Nothing for the root.
    private mutating func updateSlots(of node: UInt32, _ change: (inout EdgeTable, UInt32, UInt32) -> Void) {
        guard node != 0 else { return }
        let info = nodes[Int(node)]
        change(&edges, info.parent, info.scalar)
        if isDeep(info.parent) { change(&deepEdges, info.parent, info.scalar) }
        if info.parent != 0 && nodes[Int(info.parent)].parent == 0 {
            change(&pairNodes, nodes[Int(info.parent)].scalar, info.scalar)
        }
    }

    /// The entry with internal index `id`.
    func entry(at id: Int32) -> Entry { storage[Int(id)] }

    /// A trie node: the word ending there, and the transition that leads to it (whose slots
    /// in `edges`, `deepEdges` and `pairNodes` carry a copy of what the matcher needs).
    struct Node: Sendable, Equatable {
        /// The entry of the word that ends here, or -1.
        var terminal: Int32 = -1
        /// The parent node and the scalar from it to this node (0 and 0 for the root).
        var parent: UInt32 = 0
        var scalar: UInt32 = 0
    }

    /// Calls `body` with a read-only matcher over raw buffers, for the resolver's hot loop.
    func withMatcher<R>(_ body: (Matcher) -> R) -> R {
        startsBMP.withUnsafeBufferPointer { starts in
            pairFilter.withUnsafeBufferPointer { pairs in
                edges.withView { view in
                    deepEdges.withView { deepView in
                        pairNodes.withView { pairView in
                            body(Matcher(starts: starts, pairs: pairs, edges: view, deepEdges: deepView,
                                         pairNodes: pairView, checkPairs: singleScalarWords == 0))
                        }
                    }
                }
            }
        }
    }

    /// Finds the words starting at a position, on raw buffers; valid inside `withMatcher`.
    struct Matcher {
        let starts: UnsafeBufferPointer<UInt64>
        let pairs: UnsafeBufferPointer<UInt64>
        let edges: EdgeTable.View
        let deepEdges: EdgeTable.View
        let pairNodes: EdgeTable.View
        let checkPairs: Bool

        /// Writes to `out` (room for `scalars.count`) the positions where a word may start:
        /// those whose first two scalars pass the pair filter (or, when there are one-scalar
        /// words, whose first scalar may start one). Branch-free, so the processor does not
        /// mispredict on every other position. - Returns: how many.
        @inline(__always)
        func candidates(in scalars: UnsafeBufferPointer<UInt32>, into out: UnsafeMutableBufferPointer<Int32>) -> Int {
            let n = scalars.count
            var c = 0
            if checkPairs {
                guard n >= 2 else { return 0 }
                for i in 0..<(n - 1) {
                    let h = Lexicon.pairHash(scalars[i], scalars[i + 1])
                    out[c] = Int32(truncatingIfNeeded: i)
                    c &+= Int(truncatingIfNeeded: (pairs[h >> 6] >> UInt64(h & 63)) & 1)
                }
            } else {
                for i in 0..<n {
                    let v = scalars[i]
                    out[c] = Int32(truncatingIfNeeded: i)
                    c &+= v < 0x10000 ? Int(truncatingIfNeeded: (starts[Int(v >> 6)] >> UInt64(v & 63)) & 1) : 1
                }
            }
            return c
        }

        /// The address `forEachMatch` from `start` reads first in the lexicon's tables (the
        /// pair's home slot), so that a caller can ask for it a few positions early; nil
        /// when there is no such read (one-scalar words present, or `start` is the last).
        @inline(__always)
        func firstReadAddress(in scalars: UnsafeBufferPointer<UInt32>, from start: Int) -> UnsafeRawPointer? {
            guard checkPairs, start &+ 1 < scalars.count else { return nil }
            return pairNodes.homeAddress(scalars[start], scalars[start &+ 1])
        }

        /// Calls `body(end, entryID)` for every word starting at `start`, shortest first.
        /// `candidate`: `start` is a position `candidates(in:into:)` gave for the same scalars
        /// and `limit` is their count, so the filter it passed is not asked again.
        @inline(__always)
        func forEachMatch(in scalars: UnsafeBufferPointer<UInt32>, from start: Int, limit: Int, candidate: Bool = false,
                          _ body: (Int, Int32) -> Void) {
            let first = scalars[start]
            var node: UInt32 = 0
            var filter = EdgeTable.Slot.allChildren
            var j = start
            if checkPairs {
                // No single-scalar words: every match has two scalars or more, and the pair
                // filter alone rejects most positions (one branch, not two).
                guard candidate || start + 1 < limit else { return }
                let second = scalars[start + 1]
                if !candidate {
                    let h = Lexicon.pairHash(first, second)
                    if pairs[h >> 6] & (1 << UInt64(h & 63)) == 0 { return }
                }
                guard let two = pairNodes.find(first, second) else { return }
                node = two.child
                filter = two.childFilter
                j = start + 2
                if two.terminal >= 0 { body(j, two.terminal) }
            } else if !candidate && first < 0x10000 && starts[Int(first >> 6)] & (1 << UInt64(first & 63)) == 0 {
                return
            }
            // After the pair step every edge is a deep one.
            let table = checkPairs ? deepEdges : edges
            while j < limit {
                let v = scalars[j]
                // The filter rejects most dead ends without probing the table.
                guard filter & EdgeTable.Slot.filterBit(v) != 0, let next = table.find(node, v) else { return }
                node = next.child
                filter = next.childFilter
                j += 1
                if next.terminal >= 0 { body(j, next.terminal) }
            }
        }
    }

    @inline(__always)
    fileprivate static func pairHash(_ a: UInt32, _ b: UInt32) -> Int {
        Int(truncatingIfNeeded: ((UInt64(a) << 21 | UInt64(b)) &* 0x9E37_79B9_7F4A_7C15) >> 46)
    }

    /// Full-width folding of a whole word, as applied to text before matching.
    static func fold(_ word: String) -> String {
        var out = String.UnicodeScalarView()
        for s in word.unicodeScalars {
            out.append(Unicode.Scalar(ScalarClass.fold(s.value)) ?? s)
        }
        return String(out)
    }
}
