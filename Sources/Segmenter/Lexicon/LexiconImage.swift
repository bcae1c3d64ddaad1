/// The built-in lexicon's tables, prebuilt: the bytes that `LexiconImageGenerator` writes at
/// build time (from `Dictionaries/lexicon/*.txt`, with this file's `write`) and the binary
/// embeds (`CLexiconImage`), and that `read` turns into a `Lexicon` whose tables *are* those
/// bytes — nothing is parsed, hashed or copied at start-up, and pages are touched as the
/// matcher reaches them.
///
/// Layout (native byte order and struct layout: the generator and the reader are the same
/// code, built by the same compiler): a header of 40 `UInt64`s, then sections, each starting
/// at a multiple of 64 bytes:
///
/// ```text
/// header  0 magic "SEGLEXIM"   1 version   2–4 strides of Slot, Node, Record
///         5 fingerprint of the source files (`fingerprint(of:)`)
///         6 live words   7 one-scalar words   8 longest word   9 entries
///         10–12 transitions in edges, deepEdges, pairNodes
///         16–33 (offset, byte count) of the sections below, in this order
/// edges, deepEdges, pairNodes   EdgeTable.Slot × table size
/// nodes                         Lexicon.Node × node count
/// startsBMP, pairFilter         UInt64 × 1024, × 4096
/// records                       Record × entries (word, tag and file as ranges of the pool)
/// frequencies                   Int64 × entries (−1: none given)
/// pool                          UTF-8 bytes
/// ```
///
/// Reading checks the header (magic, version, layout, section bounds and alignment) and that
/// the fingerprint is that of the text files this binary embeds, so a stale image is never
/// used: `BuiltinDictionary` then parses the text, as it does without an image.
enum LexiconImage {
    static let magic = UInt64(littleEndian: 0x4D49_5845_4C47_4553)  // "SEGLEXIM"
    static let version: UInt64 = 1
    static let headerWords = 40
    static let alignment = 64

    /// One entry: its word, tag and file name as byte ranges of the pool (a tag length of
    /// `UInt32.max`: no tag).
    struct Record: Equatable {
        var wordOffset: UInt32
        var wordLength: UInt32
        var tagOffset: UInt32
        var tagLength: UInt32
        var fileOffset: UInt32
        var fileLength: UInt32
    }

    private enum Section: Int, CaseIterable {
        case edges, deepEdges, pairNodes, nodes, startsBMP, pairFilter, records, frequencies, pool
    }

    // MARK: Fingerprint

    /// A 64-bit fingerprint of files (names and bytes, in order): the image records the one
    /// of the files it was built from, and is used only by a binary that embeds the same.
    /// Eight bytes a step (~5 GB/s): the built-in files cost tens of microseconds.
    static func fingerprint(of files: [(name: String, bytes: UnsafeRawBufferPointer)]) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        func mix(_ w: UInt64) {
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
        }
        func add(_ bytes: UnsafeRawBufferPointer) {
            mix(UInt64(bytes.count))
            var i = 0
            while i + 8 <= bytes.count {
                mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < bytes.count {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            mix(tail)
        }
        mix(UInt64(files.count))
        for file in files {
            var name = file.name
            name.withUTF8 { add(UnsafeRawBufferPointer($0)) }
            add(file.bytes)
        }
        return h
    }

    // MARK: The text

    /// The built-in lexicon parsed from its text files (names below `Dictionaries/`, bytes),
    /// in order: what the generator builds the image from, and what is used without one.
    static func parse(_ files: [(name: String, bytes: [UInt8])]) -> Result<Lexicon, SegmenterError> {
        var entries: [Lexicon.Entry] = []
        do {
            for file in files {
                let parsed = try DictionaryFile(bytes: file.bytes, name: "Dictionaries/" + file.name)
                entries += parsed.entries(origin: .builtin(file: file.name))
            }
        } catch {
            return .failure(error)
        }
        return .success(Lexicon(entries))
    }

    // MARK: Writing (the generator)

    /// The image of `lexicon`, built from files with `fingerprint`.
    /// - Precondition: every entry is built-in (the image holds no user words).
    static func write(_ lexicon: Lexicon, fingerprint: UInt64) -> [UInt8] {
        let parts = lexicon.parts
        var pool: [UInt8] = []
        var pooled: [String: (UInt32, UInt32)] = [:]
        func place(_ text: String) -> (UInt32, UInt32) {
            if let known = pooled[text] { return known }
            let range = (UInt32(pool.count), UInt32(text.utf8.count))
            pool.append(contentsOf: text.utf8)
            pooled[text] = range
            return range
        }
        var records: [Record] = []
        var frequencies: [Int64] = []
        for i in 0..<parts.entries.count {
            let entry = parts.entries[i]
            guard case .builtin(let file) = entry.origin else { preconditionFailure("a user entry in the built-in image") }
            let word = place(entry.word)
            let tag = entry.tag.map(place) ?? (0, UInt32.max)
            let name = place(file)
            records.append(Record(wordOffset: word.0, wordLength: word.1, tagOffset: tag.0, tagLength: tag.1,
                                  fileOffset: name.0, fileLength: name.1))
            frequencies.append(entry.frequency.map { Int64($0) } ?? -1)
        }
        precondition(pool.count < Int(UInt32.max), "the image's string pool is too large")

        var header = [UInt64](repeating: 0, count: headerWords)
        header[0] = magic
        header[1] = version
        header[2] = UInt64(MemoryLayout<EdgeTable.Slot>.stride)
        header[3] = UInt64(MemoryLayout<Lexicon.Node>.stride)
        header[4] = UInt64(MemoryLayout<Record>.stride)
        header[5] = fingerprint
        header[6] = UInt64(parts.liveCount)
        header[7] = UInt64(parts.singleScalarWords)
        header[8] = UInt64(parts.maxWordLength)
        header[9] = UInt64(parts.entries.count)
        header[10] = UInt64(parts.edges.count)
        header[11] = UInt64(parts.deepEdges.count)
        header[12] = UInt64(parts.pairNodes.count)

        var out = [UInt8](repeating: 0, count: headerWords * 8)
        func append<T>(_ section: Section, _ buffer: UnsafeBufferPointer<T>) {
            while out.count % alignment != 0 { out.append(0) }
            header[16 + 2 * section.rawValue] = UInt64(out.count)
            header[17 + 2 * section.rawValue] = UInt64(buffer.count * MemoryLayout<T>.stride)
            out.append(contentsOf: UnsafeRawBufferPointer(buffer))
        }
        parts.edges.slots.withUnsafeBufferPointer { append(.edges, $0) }
        parts.deepEdges.slots.withUnsafeBufferPointer { append(.deepEdges, $0) }
        parts.pairNodes.slots.withUnsafeBufferPointer { append(.pairNodes, $0) }
        parts.nodes.withUnsafeBufferPointer { append(.nodes, $0) }
        parts.startsBMP.withUnsafeBufferPointer { append(.startsBMP, $0) }
        parts.pairFilter.withUnsafeBufferPointer { append(.pairFilter, $0) }
        records.withUnsafeBufferPointer { append(.records, $0) }
        frequencies.withUnsafeBufferPointer { append(.frequencies, $0) }
        pool.withUnsafeBufferPointer { append(.pool, $0) }
        header.withUnsafeBytes { out.replaceSubrange(0..<(headerWords * 8), with: $0) }
        return out
    }

    // MARK: Reading

    /// The lexicon whose tables are `image`'s, or nil when `image` is empty, is not an image
    /// of this layout, or was built from files other than those with `fingerprint`.
    /// - Parameter image: memory that stays valid and unchanged for the rest of the process
    ///   (the binary's own data); it is used in place.
    ///   - copyHot: given the bytes of the sections the matcher reads at random (`deepEdges`
    ///     through `pairFilter`), returns a copy of them to read instead (the built-in lexicon
    ///     puts one in huge pages), or nil to read them in place.
    static func read(_ image: UnsafeRawBufferPointer, fingerprint: UInt64,
                     copyHot: ((UnsafeRawBufferPointer) -> UnsafeRawPointer?)? = nil) -> Lexicon? {
        guard let base = image.baseAddress, image.count >= headerWords * 8,
              Int(bitPattern: base) % alignment == 0 else { return nil }
        func word(_ i: Int) -> UInt64 { image.load(fromByteOffset: i * 8, as: UInt64.self) }
        guard word(0) == magic, word(1) == version,
              word(2) == UInt64(MemoryLayout<EdgeTable.Slot>.stride),
              word(3) == UInt64(MemoryLayout<Lexicon.Node>.stride),
              word(4) == UInt64(MemoryLayout<Record>.stride),
              word(5) == fingerprint else { return nil }
        func count(_ i: Int) -> Int? { word(i) <= UInt64(Int32.max) ? Int(word(i)) : nil }
        guard let live = count(6), let single = count(7), let longest = count(8), let entryCount = count(9),
              let edgeCount = count(10), let deepCount = count(11), let pairCount = count(12) else { return nil }

        // The matcher's sections, consecutive in the image, copied if asked (when in bounds).
        let hotStart = word(16 + 2 * Section.deepEdges.rawValue)
        let hotEnd = word(16 + 2 * Section.pairFilter.rawValue) &+ word(17 + 2 * Section.pairFilter.rawValue)
        var hot: UnsafeRawPointer?
        if let copyHot, hotStart % UInt64(alignment) == 0, hotStart < hotEnd, hotEnd <= UInt64(image.count) {
            hot = copyHot(UnsafeRawBufferPointer(rebasing: image[Int(hotStart)..<Int(hotEnd)]))
        }

        // Each section in bounds, aligned and a whole number of its elements; bound to its
        // type (the image is only ever read as these types).
        func section<T>(_ s: Section, _ type: T.Type) -> UnsafeBufferPointer<T>? {
            let offset = word(16 + 2 * s.rawValue), bytes = word(17 + 2 * s.rawValue)
            let stride = UInt64(MemoryLayout<T>.stride)
            guard offset % UInt64(alignment) == 0, offset >= UInt64(headerWords * 8),
                  offset <= UInt64(image.count), bytes <= UInt64(image.count) - offset, bytes % stride == 0
            else { return nil }
            // From the copy when the section lies in the copied bytes (the same bytes).
            var from = base + Int(offset)
            if let hot, offset >= hotStart, offset + bytes <= hotEnd { from = hot + Int(offset - hotStart) }
            let start = from.bindMemory(to: T.self, capacity: Int(bytes / stride))
            return UnsafeBufferPointer(start: start, count: Int(bytes / stride))
        }
        guard let edgeSlots = section(.edges, EdgeTable.Slot.self),
              let deepSlots = section(.deepEdges, EdgeTable.Slot.self),
              let pairSlots = section(.pairNodes, EdgeTable.Slot.self),
              let nodes = section(.nodes, Lexicon.Node.self), nodes.count >= 1,
              let starts = section(.startsBMP, UInt64.self), starts.count == Lexicon.startsBMPWords,
              let pairs = section(.pairFilter, UInt64.self), pairs.count == Lexicon.pairFilterWords,
              let records = section(.records, Record.self), records.count == entryCount,
              let frequencies = section(.frequencies, Int64.self), frequencies.count == entryCount,
              let pool = section(.pool, UInt8.self),
              let edges = EdgeTable(image: edgeSlots, count: edgeCount),
              let deepEdges = EdgeTable(image: deepSlots, count: deepCount),
              let pairNodes = EdgeTable(image: pairSlots, count: pairCount),
              live <= entryCount, single <= live
        else { return nil }

        let entries = ImageEntries(records: records, frequencies: frequencies, pool: pool)
        // The resolver's costs are computed here, not stored: they are the resolver's
        // business (Worker+Resolve.swift) and may change without a new image. A built-in
        // entry's cost depends on its frequency alone (the tests compare them with the
        // text's), and the lexicon has few distinct frequencies: a small cache keyed by them.
        var costs = [Float](repeating: 0, count: entryCount)
        var cachedFrequency = [Int64](repeating: .min, count: 64)
        var cachedCost = [Float](repeating: 0, count: 64)
        for i in 0..<entryCount {
            let f = frequencies[i]
            let slot = Int(truncatingIfNeeded: (UInt64(bitPattern: f) &* 0x9E37_79B9_7F4A_7C15) >> 58)
            if cachedFrequency[slot] != f {
                cachedFrequency[slot] = f
                cachedCost[slot] = Lexicon.cost(of: .init(word: "", frequency: f < 0 ? nil : Int(f), origin: .builtin(file: "")))
            }
            costs[i] = cachedCost[slot]
        }
        return Lexicon(parts: .init(
            edges: edges, deepEdges: deepEdges, pairNodes: pairNodes, nodes: TableBuffer(image: nodes),
            entries: Lexicon.EntryList(image: entries), costs: costs,
            isUser: [Bool](repeating: false, count: entryCount),
            startsBMP: TableBuffer(image: starts), pairFilter: TableBuffer(image: pairs),
            liveCount: live, singleScalarWords: single, maxWordLength: longest))
    }
}

/// The entries of an image, made into `Lexicon.Entry` values when asked for (most never are:
/// the segmenter needs only their costs).
///
/// `@unchecked Sendable`: the buffers are the image's immutable memory, which lives as long as
/// the process.
struct ImageEntries: @unchecked Sendable {
    let records: UnsafeBufferPointer<LexiconImage.Record>
    let frequencies: UnsafeBufferPointer<Int64>
    let pool: UnsafeBufferPointer<UInt8>

    var count: Int { records.count }

    /// The pool's bytes at `offset..<offset+length`, clamped to the pool (a damaged record
    /// gives a wrong string, never a read outside the image).
    private func text(_ offset: UInt32, _ length: UInt32) -> String {
        let start = min(Int(offset), pool.count)
        let end = min(start + Int(length), pool.count)
        return String(decoding: UnsafeBufferPointer(rebasing: pool[start..<end]), as: UTF8.self)
    }

    /// Entry `i`'s word and tag (0 ≤ i < count), or nil when it has no tag.
    func wordAndTag(at i: Int) -> (String, String)? {
        let r = records[i]
        guard r.tagLength != UInt32.max else { return nil }
        return (text(r.wordOffset, r.wordLength), text(r.tagOffset, r.tagLength))
    }

    /// Entry `i` (0 ≤ i < count).
    func entry(at i: Int) -> Lexicon.Entry {
        let r = records[i]
        let f = frequencies[i]
        return Lexicon.Entry(
            word: text(r.wordOffset, r.wordLength),
            frequency: f < 0 ? nil : Int(f),
            tag: r.tagLength == UInt32.max ? nil : text(r.tagOffset, r.tagLength),
            origin: .builtin(file: text(r.fileOffset, r.fileLength)))
    }
}

extension Lexicon {
    /// The entries of a lexicon by internal index: those of a prebuilt image (made into values
    /// when asked for), then those inserted since.
    struct EntryList: Equatable, Sendable {
        private var image: ImageEntries?
        private var added: [Entry] = []

        init() {}

        init(image: ImageEntries) {
            self.image = image
        }

        var count: Int { (image?.count ?? 0) + added.count }

        subscript(i: Int) -> Entry {
            if let image {
                if i < image.count { return image.entry(at: i) }
                return added[i - image.count]
            }
            return added[i]
        }

        /// Entry `i`'s word and tag, or nil when it has no tag (`self[i]`'s, without the rest).
        func wordAndTag(_ i: Int) -> (String, String)? {
            if let image, i < image.count { return image.wordAndTag(at: i) }
            let entry = added[i - (image?.count ?? 0)]
            return entry.tag.map { (entry.word, $0) }
        }

        mutating func append(_ entry: Entry) { added.append(entry) }

        mutating func reserveCapacity(_ n: Int) { added.reserveCapacity(n) }

        /// The same entries in the same order, wherever they are.
        static func == (a: EntryList, b: EntryList) -> Bool {
            a.count == b.count && (0..<a.count).allSatisfy { a[$0] == b[$0] }
        }
    }
}
