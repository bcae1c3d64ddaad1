import Synchronization

/// One immutable segment on disk, memory-mapped. Opening checks the magic, version, the
/// footer's checksum, every section's bounds, and the checksums of the term table and stats;
/// `verify()` checks every section and the store. All reads are bounds-checked: a damaged file gives `IndexError.corrupt`.
final class SegmentReader: @unchecked Sendable {
    // @unchecked Sendable: immutable after init; the maps are read-only.
    let name: String
    let path: String
    /// The whole file (held: every section below holds the map too).
    private let file: OwnedBytes
    /// The stored documents, mapped at open: a reader keeps them however the index changes.
    let stored: StoredDocuments
    /// Whether the PASSAGES section's checksum was checked (0: not yet, 1: good, 2: bad): on
    /// first use, so that opening does not pay for it.
    private let passagesChecked = Atomic<UInt8>(0)
    let terms: OwnedBytes
    let termInfo: OwnedBytes
    /// The term dictionary (TERMINFO's blocks and their index).
    let dictionary: TermDictionary
    let postings: OwnedBytes
    let positions: OwnedBytes
    let docs: OwnedBytes
    let passages: OwnedBytes
    private let sectionCRCs: [UInt32]
    private let sectionReaders: [OwnedBytes]

    /// The bytes of each section, by the section's name (`SegmentFormat.Section`).
    var sectionSizes: [(String, Int)] {
        sectionReaders.enumerated().map { (SegmentFormat.Section(rawValue: $0.offset).map { "\($0)" } ?? "\($0.offset)", $0.element.count) }
    }

    let docCount: Int
    let passageCount: Int
    let totalLength: UInt64
    let totalPassageLength: UInt64
    let termCount: Int
    /// Every document's length in terms, contiguous (the scoring loop reads it per posting);
    /// read when the tables are first checked (`checkTables`), empty before.
    var lengths: [UInt32] { tableState.withLock { $0.lengths } }
    /// Every document's scale (`PositionCoding.scale`, a byte derived from its length), in
    /// memory of its own for posting cursors (their positions' code depends on it); empty
    /// before `checkTables`.
    var lengthScales: OwnedBuffer<UInt8> { tableState.withLock { $0.lengthScales } }
    /// Set once the tables were checked and found good (the fast path of `checkTables`).
    private let tablesGood = Atomic<Bool>(false)
    /// Whether the term and document tables' checksums were checked, and the lengths.
    private let tableState = Mutex(TableState())
    /// The terms grouped by their last character (start and length in TERMS, document
    /// frequency), built on the first phrase query that asks (`forEachTerm(endingWith:_:)`);
    /// nil until then.
    private let termsByLastScalar = Mutex<[UInt32: [EndingTerm]]?>(nil)
    private struct EndingTerm {
        var start: Int32
        var length: Int32
        var docFreq: Int32
    }
    private struct TableState {
        var checked = false
        var failure: IndexError?
        var lengths: [UInt32] = []
        var lengthScales = OwnedBuffer<UInt8>(count: 0) { _ in 0 }
    }

    init(directory: String, name: String) throws(IndexError) {
        self.name = name
        let path = directory + "/" + name + ".idx"
        self.path = path
        let r = try MappedFile(path: path).bytes
        file = r
        let corrupt = { (why: String) -> IndexError in .corrupt(file: path, reason: why) }
        guard r.count >= 16 + SegmentFormat.footerSize,
              let magic = r.slice(0, 8), magic.equals(SegmentFormat.magic) else {
            throw corrupt("not a segtool segment (bad magic or too short)")
        }
        guard let version = r.u32(8), version == SegmentFormat.version else {
            throw .outdatedFormat(file: path, version: Int(r.u32(8) ?? 0))
        }
        guard let end = r.slice(r.count - 8, 8), end.equals(SegmentFormat.endMagic) else {
            throw corrupt("truncated (no end marker)")
        }
        let footerStart = r.count - SegmentFormat.footerSize
        guard let footer = r.slice(footerStart, SegmentFormat.sectionCount * 24),
              let footerCRC = r.u32(footerStart + SegmentFormat.sectionCount * 24),
              footer.checksum() == footerCRC else {
            throw corrupt("footer checksum mismatch")
        }
        var readers: [OwnedBytes] = []
        var crcs: [UInt32] = []
        for i in 0..<SegmentFormat.sectionCount {
            guard let offset = footer.u64(i * 24), let length = footer.u64(i * 24 + 8), let crc = footer.u32(i * 24 + 16),
                  offset <= UInt64(footerStart), length <= UInt64(footerStart) - offset,
                  let slice = r.slice(Int(offset), Int(length)) else {
                throw corrupt("section \(i) out of bounds")
            }
            readers.append(slice)
            crcs.append(crc)
        }
        sectionReaders = readers
        sectionCRCs = crcs
        terms = readers[0]; termInfo = readers[1]; postings = readers[2]; positions = readers[3]
        docs = readers[4]; passages = readers[5]
        // At open: the stats. The term and document tables are checked before the first
        // search (`checkTables`), the passage table on first use, postings and positions per
        // block as they are decoded; `verify()` checks everything. Opening maps and reads
        // footers only.
        guard readers[6].checksum() == crcs[6] else { throw corrupt("checksum mismatch in section stats") }
        let stats = readers[6]
        guard let dc = stats.u32(0), let pc = stats.u32(4), let tl = stats.u64(8), let tpl = stats.u64(16) else {
            throw corrupt("stats section too short")
        }
        docCount = Int(dc)
        passageCount = Int(pc)
        totalLength = tl
        totalPassageLength = tpl
        guard let dictionary = TermDictionary(termInfo), docs.count == docCount * SegmentFormat.docSize else {
            throw corrupt("table sizes do not match the stats")
        }
        self.dictionary = dictionary
        termCount = dictionary.termCount
        stored = try StoredDocuments(path: directory + "/" + name + ".store", docCount: docCount)
    }

    /// Checks the checksums of every section, of the whole file, and of the store.
    func verify() throws(IndexError) {
        let footerStart = file.count - SegmentFormat.footerSize
        guard let bodyCRC = file.u32(footerStart + SegmentFormat.sectionCount * 24 + 4),
              file.slice(0, footerStart)?.checksum() == bodyCRC else {
            throw .corrupt(file: path, reason: "checksum mismatch (file body)")
        }
        for (i, section) in sectionReaders.enumerated() where section.checksum() != sectionCRCs[i] {
            throw .corrupt(file: path, reason: "checksum mismatch in section \(SegmentFormat.Section(rawValue: i).map { "\($0)" } ?? "\(i)")")
        }
        try stored.verify(docCount: docCount)
    }

    // MARK: Terms

    struct TermInfo {
        var docFreq: Int
        var maxTF: UInt32
        var minNorm: Float
        var blockCount: Int
        var postingsOffset: Int
        var positionsOffset: Int
        var tfidfBound: Float
    }

    /// The term's info: a binary search over the blocks' first terms, then a scan of one
    /// block (at most `TermDictionary.blockSize` terms; `TermDictionary.find`).
    func lookup(_ term: [UInt8]) -> TermInfo? {
        term.withUnsafeBytes { dictionary.find($0, terms: terms) }.flatMap(info)
    }

    /// Calls `body` with each term that starts with `prefix` and its document frequency, in
    /// term order (a binary search for the block of the first, then a scan).
    /// The bytes handed to `body` are the mapped term table's (valid while the reader lives).
    func forEachTerm(startingWith prefix: [UInt8], _ body: (UnsafeRawBufferPointer, Int) -> Void) {
        // Safe because: the view is of this reader's own map, which outlives the call.
        let terms = self.terms.reader
        var walk = dictionary.walk(fromBlock: prefix.withUnsafeBytes { dictionary.block(of: $0, terms: self.terms) })
        while let record = walk.next(), let bytes = terms.slice(Int(record.termStart), Int(record.termLength)) {
            if compare(bytes, prefix) < 0 { continue }
            guard bytes.count >= prefix.count, prefix.indices.allSatisfy({ bytes.base[$0] == prefix[$0] }) else { return }
            if record.docFreq > 0 { body(bytes.base, Int(record.docFreq)) }
        }
    }

    /// Calls `body` with each term that ends with `suffix` (itself included) and its document
    /// frequency. The terms are found through a table of the terms by last character, built
    /// once per reader on first use (one pass over the term table).
    /// The bytes handed to `body` are the mapped term table's (valid while the reader lives).
    func forEachTerm(endingWith suffix: [UInt8], _ body: (UnsafeRawBufferPointer, Int) -> Void) {
        guard let key = Self.lastScalar(suffix[...]) else { return }
        // Safe because: the view is of this reader's own map, which outlives the call.
        let terms = self.terms.reader
        let bucket: [EndingTerm] = termsByLastScalar.withLock { table in
            if table == nil {
                var built: [UInt32: [EndingTerm]] = [:]
                var walk = dictionary.walk(fromBlock: 0)
                while let record = walk.next(), let bytes = terms.slice(Int(record.termStart), Int(record.termLength)) {
                    guard record.docFreq > 0, let last = Self.lastScalar(bytes.base[...]) else { continue }
                    built[last, default: []].append(EndingTerm(start: Int32(truncatingIfNeeded: record.termStart),
                                                               length: Int32(truncatingIfNeeded: record.termLength),
                                                               docFreq: Int32(truncatingIfNeeded: record.docFreq)))
                }
                table = built
            }
            return table?[key] ?? []
        }
        for entry in bucket {
            guard let bytes = terms.slice(Int(entry.start), Int(entry.length)), bytes.count >= suffix.count else { continue }
            let start = bytes.count - suffix.count
            guard suffix.indices.allSatisfy({ bytes.base[start + $0] == suffix[$0] }) else { continue }
            body(bytes.base, Int(entry.docFreq))
        }
    }

    /// The last UTF-8 scalar's value of `bytes` (its lead byte's bits and the continuation
    /// bytes'), or nil when empty.
    static func lastScalar<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> UInt32? {
        var value: UInt32 = 0, shift: UInt32 = 0
        var i = bytes.endIndex
        while i > bytes.startIndex {
            i = bytes.index(before: i)
            let b = bytes[i]
            if b & 0xC0 != 0x80 || shift >= 18 { return value | UInt32(b) << shift }
            value |= UInt32(b & 0x3F) << shift
            shift += 6
        }
        return nil
    }

    /// A record's info, or nil when the term has no documents (damage).
    private func info(_ record: SegmentFormat.TermRecord) -> TermInfo? {
        guard record.docFreq > 0 else { return nil }
        let blocks = (Int(record.docFreq) + SegmentFormat.blockSize - 1) / SegmentFormat.blockSize
        return TermInfo(docFreq: Int(record.docFreq), maxTF: record.maxTF, minNorm: record.minNorm, blockCount: blocks,
                        postingsOffset: Int(record.postingsOffset), positionsOffset: Int(record.positionsOffset),
                        tfidfBound: record.tfidfBound)
    }

    private func compare(_ a: ByteReader, _ b: [UInt8]) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n {
            let x = a.base[i], y = b[i]
            if x != y { return x < y ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    // MARK: Documents

    struct DocRecord {
        var length: Int
        var firstPassage: Int
        var passageCount: Int
        /// Where the document's passage first positions start in PASSAGES.
        var passageOffset: Int
        /// What the store holds of it: its id, and where its title, passages and text are.
        var stored: StoredDocuments.Record
        var id: String { stored.id }
    }

    func doc(_ ordinal: Int) throws(IndexError) -> DocRecord {
        // A document's passages run to the next document's first (the last's to the total).
        let next = ordinal + 1 < docCount ? SegmentFormat.DocsRecord.decode(docs.reader, ordinal: ordinal + 1)?.firstPassage : UInt32(clamping: passageCount)
        guard let entry = SegmentFormat.DocsRecord.decode(docs.reader, ordinal: ordinal),
              let next, next >= entry.firstPassage,
              // Each passage start takes at least a byte: a count the section cannot hold is damage.
              Int(entry.passageOffset) <= passages.count,
              Int(next - entry.firstPassage) <= passages.count - Int(entry.passageOffset) else {
            throw .corrupt(file: path, reason: "document record \(ordinal) out of bounds")
        }
        let (length, first, passageOffset) = (entry.length, entry.firstPassage, entry.passageOffset)
        let count = next - first
        let record = try stored.record(ordinal)
        guard record.passageCount == Int(count) else {
            throw .corrupt(file: stored.path, reason: "document \(ordinal) has \(record.passageCount) stored passages, the index says \(count)")
        }
        return DocRecord(length: Int(length), firstPassage: Int(first), passageCount: Int(count),
                         passageOffset: Int(passageOffset), stored: record)
    }

    /// The length in terms of document `ordinal` (0 when out of bounds).
    @inline(__always)
    func docLength(_ ordinal: Int) -> Int {
        ordinal >= 0 && ordinal < lengths.count ? Int(lengths[ordinal]) : 0
    }

    /// The stored title, passages and text of a document.
    func content(_ record: DocRecord) throws(IndexError) -> StoredDocuments.Content {
        try stored.content(record.stored)
    }

    /// The first positions of a document's passages, then the position where the last ends
    /// (`passageCount + 1` values; none when it has no passages).
    func passageStarts(_ record: DocRecord) throws(IndexError) -> [Int] {
        var out: [Int] = []
        guard record.passageCount > 0 else { return out }
        try checkPassages()
        out.reserveCapacity(record.passageCount + 1)
        var at = record.passageOffset
        var position = 0
        for i in 0...record.passageCount {
            guard let (v, next) = passages.varint(at) else {
                throw .corrupt(file: path, reason: "passage records of a document out of bounds")
            }
            position = i == 0 ? Int(v) : position + Int(v)
            out.append(position)
            at = next
        }
        return out
    }

    /// Checks the term and document tables' checksums (once per reader; a failure is kept and
    /// thrown again) and reads the document lengths.
    func checkTables() throws(IndexError) {
        if tablesGood.load(ordering: .acquiring) { return }
        let failure: IndexError? = tableState.withLock { state in
            if !state.checked {
                state.checked = true
                for section in [SegmentFormat.Section.terms, .termInfo, .docs]
                    where sectionReaders[section.rawValue].checksum() != sectionCRCs[section.rawValue] {
                    state.failure = .corrupt(file: path, reason: "checksum mismatch in section \(section)")
                    break
                }
                if state.failure == nil {
                    state.lengths = (0..<docCount).map { docs.u32($0 * SegmentFormat.docSize + SegmentFormat.DocsRecord.lengthAt) ?? 0 }
                    let lengths = state.lengths
                    state.lengthScales = OwnedBuffer(count: lengths.count) { PositionCoding.scale(length: Int(lengths[$0])) }
                }
            }
            return state.failure
        }
        if let failure { throw failure }
        tablesGood.store(true, ordering: .releasing)
    }

    /// Where a section starts in the file (for tests that damage one).
    func fileOffset(of section: SegmentFormat.Section) -> Int {
        guard let start = sectionReaders[section.rawValue].reader.base.baseAddress, let base = file.reader.base.baseAddress else { return 0 }
        return start - base
    }

    /// Checks the PASSAGES section's checksum once per reader.
    private func checkPassages() throws(IndexError) {
        var state = passagesChecked.load(ordering: .acquiring)
        if state == 0 {
            state = passages.checksum() == sectionCRCs[SegmentFormat.Section.passages.rawValue] ? 1 : 2
            passagesChecked.store(state, ordering: .releasing)
        }
        if state != 1 { throw .corrupt(file: path, reason: "checksum mismatch in section passages") }
    }

    /// Every document id with its ordinal (for deletes and updates).
    func ids() throws(IndexError) -> [(String, Int)] {
        var out: [(String, Int)] = []
        out.reserveCapacity(docCount)
        for d in 0..<docCount { out.append((try doc(d).id, d)) }
        return out
    }
}
