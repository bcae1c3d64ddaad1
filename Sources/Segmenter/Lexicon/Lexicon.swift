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

    var edges = EdgeTable()
    /// Entry index of the word ending at each trie node, or -1.
    var terminal: [Int32] = [-1]
    /// All entries ever inserted; removed or replaced ones are no longer referenced.
    private(set) var storage: [Entry] = []
    /// The resolver's cost of each entry (see `Segmenter+Resolve.swift`).
    private(set) var costs: [Float] = []
    /// Folded word -> entry index, for the live entries.
    private var index: [String: Int32] = [:]
    /// A bit per BMP scalar: can a word start with it? Rejects most positions in one load.
    private var startsBMP = [UInt64](repeating: 0, count: 1024)

    /// The length in scalars of the longest word ever inserted.
    public private(set) var maxWordLength = 0

    /// An empty lexicon.
    public init() {}

    /// A lexicon of `entries`; a later entry for the same word replaces an earlier one.
    public init(_ entries: some Sequence<Entry>) {
        for entry in entries { insert(entry) }
    }

    /// The number of words.
    public var count: Int { index.count }

    /// The live entries, in no particular order.
    public var entries: [Entry] { index.values.map { storage[Int($0)] } }

    /// Whether `word` is in the lexicon.
    public func contains(_ word: String) -> Bool { index[Self.fold(word)] != nil }

    /// The entry for `word`, if any.
    public func entry(for word: String) -> Entry? {
        index[Self.fold(word)].map { storage[Int($0)] }
    }

    /// Adds `entry`, replacing any entry for the same word.
    /// - Complexity: O(length of the word), amortized.
    public mutating func insert(_ entry: Entry) {
        let folded = Self.fold(entry.word)
        let scalars = folded.unicodeScalars.map(\.value)
        guard !scalars.isEmpty else { return }
        var node: UInt32 = 0
        for v in scalars {
            if let next = edges.child(node, v) {
                node = next
            } else {
                let next = UInt32(terminal.count)
                terminal.append(-1)
                edges.insert(node, v, child: next)
                node = next
            }
        }
        let id = Int32(storage.count)
        storage.append(entry)
        costs.append(Self.cost(of: entry))
        terminal[Int(node)] = id
        index[folded] = id
        let first = scalars[0]
        if first < 0x10000 { startsBMP[Int(first >> 6)] |= 1 << UInt64(first & 63) }
        maxWordLength = max(maxWordLength, scalars.count)
    }

    /// Removes `word`. - Returns: whether it was there.
    @discardableResult
    public mutating func remove(_ word: String) -> Bool {
        let folded = Self.fold(word)
        guard index.removeValue(forKey: folded) != nil else { return false }
        var node: UInt32 = 0
        for v in folded.unicodeScalars {
            guard let next = edges.child(node, v.value) else { return true }
            node = next
        }
        terminal[Int(node)] = -1
        return true
    }

    /// The entry with internal index `id`.
    func entry(at id: Int32) -> Entry { storage[Int(id)] }

    /// Calls `body(end, entryID)` for every word that starts at `start` in `scalars`
    /// (folded values), shortest first, not reading past `limit`.
    @inline(__always)
    func forEachMatch(
        in scalars: UnsafeBufferPointer<UInt32>, from start: Int, limit: Int,
        _ body: (Int, Int32) -> Void
    ) {
        let first = scalars[start]
        if first < 0x10000 && startsBMP[Int(first >> 6)] & (1 << UInt64(first & 63)) == 0 { return }
        var node: UInt32 = 0
        var j = start
        while j < limit, let next = edges.child(node, scalars[j]) {
            node = next
            j += 1
            let id = terminal[Int(next)]
            if id >= 0 { body(j, id) }
        }
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
