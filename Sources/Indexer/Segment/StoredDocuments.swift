import Dispatch
import Segmenter
import Synchronization

/// The stored documents of a segment (`seg-NNNNNN.store`): ids, titles, texts and passage
/// byte ranges, written by `StoredDocumentsWriter` and read by `StoredDocuments`.
///
/// ```text
/// "SEGTSTO3"
/// DICT       a zstd dictionary trained on the segment's texts (may be empty)
/// BLOCKS     per document its title, its passages' byte ranges (varints: start gap, length)
///            and its text, concatenated in document order and cut into blocks of whole
///            documents of about `blockSize` bytes (a longer document is a block of its own),
///            each block zstd-compressed with the dictionary
/// BLOCKTABLE per block 24 bytes: offset u64, compressedLength u32, rawLength u32, crc32 of the
///            compressed bytes u32, pad u32
/// TABLES     one zstd frame (no dictionary) holding STRINGS then DOCTABLE, read on first use
///            (a writer's id lookups, a hit's record, a filter's columns), not at open:
///   STRINGS    per document its id (UTF-8), then its fields as varint-length-prefixed key and
///              value pairs, sorted by key
///   DOCTABLE   per document 44 bytes: block u32, offsetInBlock u32, titleLength u32,
///              passageBytes u32, textLength u32, idStart u32, idLength u32, passageCount u32,
///              date u32 (`DocumentDate.packed`, 0: none), fieldsLength u32 (bytes after the
///              id), crc32 u32 of (the record's first 40 bytes, its id and fields)
/// footer 72 bytes: dictOffset u64, dictLength u64, tablesOffset u64, tablesLength u64,
///            blockTableOffset u64, stringsLength u64 (of the decompressed TABLES), blockCount
///            u32, crc32 of TABLES (compressed) u32, crc32 of everything before the footer u32
///            (checked by `verify`), crc32 of the footer's first 60 bytes u32, "SEGTEND1"
/// ```
/// Every read checks what it read: a block by its CRC (and zstd's exact length), a document's
/// record and id by the record's CRC. `verify` checks everything.
enum StoreFormat {
    static let magic: [UInt8] = Array("SEGTSTO3".utf8)
    static let blockSize = 16 << 10
    static let blockInfoSize = 24
    static let docSize = 44
    static let footerSize = 72
}

/// Collects a segment's stored documents, then serializes them (compressing on the caller's
/// thread: the segment writer does it on the store thread).
struct StoredDocumentsWriter {
    /// Per document: title, passage varints, text.
    private var contents = ByteWriter()
    private var ids = ByteWriter()
    private var records: [(start: Int, titleLength: UInt32, passageBytes: UInt32, textLength: UInt32,
                           idStart: UInt32, idLength: UInt32, passageCount: UInt32, date: UInt32, fieldsLength: UInt32)] = []

    /// Bytes held (for the memory budget).
    var byteCount: Int { contents.count + ids.count + records.count * 40 }

    mutating func add(_ document: IndexDocument, passages ranges: [(UInt32, UInt32)]) {
        let (title, text) = (document.title, document.text)
        let idBytes = Array(document.id.utf8)
        let idStart = UInt32(clamping: ids.count)
        ids.append(idBytes)
        let fieldsStart = ids.count
        for key in document.fields.keys.sorted() {
            for part in [key, document.fields[key] ?? ""] {
                let bytes = Array(part.utf8)
                ids.varint(UInt32(clamping: bytes.count))
                ids.append(bytes)
            }
        }
        let fieldsLength = ids.count - fieldsStart
        let start = contents.count
        contents.append((title ?? "").utf8)
        let titleLength = contents.count - start
        var varints = ByteWriter()
        var last: UInt32 = 0
        for (a, b) in ranges {
            varints.varint(a &- last)
            varints.varint(b &- a)
            last = b
        }
        contents.append(varints)
        let before = contents.count
        contents.append(text.utf8)
        let textLength = contents.count - before
        records.append((start, UInt32(titleLength), UInt32(varints.count), UInt32(textLength), idStart, UInt32(idBytes.count),
                        UInt32(ranges.count), document.date?.packed ?? 0, UInt32(fieldsLength)))
    }

    /// Threads for compressing blocks.
    var threads = 1

    /// Blocks `range` compressed one after another with `dictionary`: their bytes and each
    /// one's compressed size and CRC; nil when zstd fails.
    private func compress(blocks range: Range<Int>, blockStarts: [Int], dictionary: [UInt8]) -> CompressedRun? {
        guard let compressor = Zstd.Compressor(dictionary: dictionary) else { return nil }
        var run = CompressedRun()
        let docCount = records.count
        for b in range {
            let first = blockStarts[b], last = b + 1 < blockStarts.count ? blockStarts[b + 1] : docCount
            let lo = records[first].start, hi = last < docCount ? records[last].start : contents.count
            let offset = run.bytes.count
            guard let written = compressor.compress(contents, lo..<hi, appendingTo: &run.bytes) else { return nil }
            run.blocks.append((written, run.bytes.checksum(offset..<offset + written)))
        }
        return run
    }

    /// The store file's bytes; nil when zstd fails (out of memory).
    func serialized() -> [UInt8]? {
        let docCount = records.count
        func end(_ d: Int) -> Int { d + 1 < docCount ? records[d + 1].start : contents.count }
        // Blocks of whole documents.
        var blockStarts: [Int] = []   // first document of each block
        var d = 0
        while d < docCount {
            blockStarts.append(d)
            let start = records[d].start
            repeat { d += 1 } while d < docCount && end(d - 1) - start < StoreFormat.blockSize
        }
        // A dictionary from samples spread over the contents: up to 2,048 pieces of 4 KiB;
        // at most 112 KiB, and a twentieth of the contents (small segments, small dictionaries).
        var samples: [UInt8] = [], sizes: [Int] = []
        if contents.count >= 64 << 10 {
            let pieces = min(2048, contents.count / 4096)
            let stride = contents.count / max(pieces, 1)
            for i in 0..<pieces {
                let lo = i * stride, hi = min(contents.count, lo + 4096)
                samples.append(contentsOf: contents.bytes[lo..<hi])
                sizes.append(hi - lo)
            }
        }
        let dictionary = Zstd.trainDictionary(samples, sampleSizes: sizes, capacity: min(112 << 10, contents.count / 20))
        // Blocks compressed in parallel: contiguous runs of blocks, one compressor each.
        let runs = max(1, min(threads, blockStarts.count / 64))
        let compressed = Slots<CompressedRun>(count: runs)
        let job = UncheckedSendable((self, blockStarts, dictionary, compressed))
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let (writer, blockStarts, dictionary, compressed) = job.value
            let lo = blockStarts.count * run / runs, hi = blockStarts.count * (run + 1) / runs
            compressed[run] = writer.compress(blocks: lo..<hi, blockStarts: blockStarts, dictionary: dictionary)
        }
        var out = ByteWriter(bytes: StoreFormat.magic)
        let dictOffset = out.count
        out.append(dictionary)
        var blockTable = ByteWriter()
        var docTable = ByteWriter()
        var sizesAndChecksums: [(compressed: Int, crc: UInt32)] = []
        for result in compressed.values {
            guard let result else { return nil }
            out.append(result.bytes)
            sizesAndChecksums += result.blocks
        }
        var offset = dictOffset + dictionary.count
        for (b, first) in blockStarts.enumerated() {
            let last = b + 1 < blockStarts.count ? blockStarts[b + 1] : docCount
            let lo = records[first].start, hi = end(last - 1)
            let (written, crc) = sizesAndChecksums[b]
            blockTable.u64(UInt64(offset)); blockTable.u32(UInt32(written)); blockTable.u32(UInt32(hi - lo))
            blockTable.u32(crc); blockTable.u32(0)
            offset += written
            for doc in first..<last {
                let r = records[doc]
                let recordStart = docTable.count
                docTable.u32(UInt32(b)); docTable.u32(UInt32(r.start - lo)); docTable.u32(r.titleLength); docTable.u32(r.passageBytes)
                docTable.u32(r.textLength); docTable.u32(r.idStart); docTable.u32(r.idLength); docTable.u32(r.passageCount)
                docTable.u32(r.date); docTable.u32(r.fieldsLength)
                let check = docTable.checksum(recordStart..<docTable.count, continuing: CRC32.start)
                docTable.u32(ids.checksum(Int(r.idStart)..<Int(r.idStart + r.idLength + r.fieldsLength), continuing: check) ^ 0xFFFF_FFFF)
            }
        }
        // The ids, fields and records: one frame, compressed without the dictionary.
        let tablesOffset = out.count
        let raw = ids.bytes + docTable.bytes
        guard let plain = Zstd.Compressor(dictionary: []), plain.compress(raw, appendingTo: &out) != nil else { return nil }
        let tablesLength = out.count - tablesOffset
        let tablesCRC = out.checksum(tablesOffset..<out.count)
        out.align(8)
        let blockTableOffset = out.count
        out.append(blockTable)
        var footer = ByteWriter()
        for v in [dictOffset, dictionary.count, tablesOffset, tablesLength, blockTableOffset, ids.count] { footer.u64(UInt64(v)) }
        footer.u32(UInt32(blockStarts.count))
        footer.u32(tablesCRC)
        footer.u32(out.checksum())
        footer.u32(footer.checksum())
        footer.append(SegmentFormat.endMagic)
        out.append(footer)
        return out.bytes
    }
}

/// Compressed blocks of one run.
struct CompressedRun {
    var bytes = ByteWriter()
    var blocks: [(compressed: Int, crc: UInt32)] = []
}

/// A segment's stored documents, mapped at open (so a reader holds them however the index
/// changes afterwards) and read with a check of every read.
final class StoredDocuments: @unchecked Sendable {
    // @unchecked Sendable: immutable after init; the map is read-only; the decompressor pools
    // its contexts under a lock.
    let path: String
    /// The whole file (held: every slice below holds the map too).
    private let file: OwnedBytes
    private let blockTable: OwnedBytes
    private let blocks: OwnedBytes
    private let blockCount: Int
    private let bodyCRC: UInt32
    private let docCount: Int
    /// The compressed TABLES frame, its CRC and the decompressed STRINGS length.
    private let tablesFrame: OwnedBytes
    private let tablesCRC: UInt32
    private let stringsLength: Int
    /// TABLES, decompressed on first use (or the failure, kept).
    private let tablesState = Mutex<Result<DecompressedTables, IndexError>?>(nil)

    /// The decompressed ids, fields (STRINGS) and document records (DOCTABLE).
    private final class DecompressedTables: Sendable {
        let strings: OwnedBytes
        let docTable: OwnedBytes
        init(strings: OwnedBytes, docTable: OwnedBytes) {
            self.strings = strings
            self.docTable = docTable
        }
    }
    private let decompressor: Zstd.Decompressor

    /// One document's record: its id, date, and where its fields, title, passages and text are.
    struct Record {
        var id: String
        var date: DocumentDate?
        /// Its fields' bytes in STRINGS.
        var fieldsStart: Int
        var fieldsLength: Int
        var block: Int
        var offsetInBlock: Int
        var titleLength: Int
        var passageBytes: Int
        var textLength: Int
        var passageCount: Int
    }

    /// A document's stored content.
    struct Content {
        var title: String
        /// Its passages' byte ranges in its text.
        var passages: [Range<Int>]
        var text: String
    }

    init(path: String, docCount: Int) throws(IndexError) {
        self.path = path
        let r = try MappedFile(path: path).bytes
        file = r
        let corrupt = { (why: String) -> IndexError in .corrupt(file: path, reason: why) }
        guard r.count >= 8 + StoreFormat.footerSize, let magic = r.slice(0, 8), magic.equals(StoreFormat.magic),
              let end = r.slice(r.count - 8, 8), end.equals(SegmentFormat.endMagic) else {
            throw corrupt("not a segtool store of this version, or truncated")
        }
        let f = r.count - StoreFormat.footerSize
        guard let footer = r.slice(f, 60), let crc = r.u32(f + 60), footer.checksum() == crc else {
            throw corrupt("footer checksum mismatch")
        }
        var v: [Int] = []
        for i in 0..<6 {
            guard let x = footer.u64(i * 8), x <= UInt64(f) else { throw corrupt("footer offsets out of bounds") }
            v.append(Int(x))
        }
        let (dictOffset, dictLength, tablesOffset, tablesLength, blockTableOffset, stringsLength) = (v[0], v[1], v[2], v[3], v[4], v[5])
        blockCount = Int(footer.u32(48) ?? 0)
        tablesCRC = footer.u32(52) ?? 0
        bodyCRC = footer.u32(56) ?? 0
        guard dictLength <= tablesOffset, dictOffset <= tablesOffset - dictLength, tablesOffset <= blockTableOffset,
              tablesLength <= blockTableOffset - tablesOffset, blockTableOffset <= f,
              let dictionary = r.slice(dictOffset, dictLength), let blocks = r.slice(0, tablesOffset),
              let tablesFrame = r.slice(tablesOffset, tablesLength),
              let blockTable = r.slice(blockTableOffset, f - blockTableOffset),
              blockTable.count == blockCount * StoreFormat.blockInfoSize else {
            throw corrupt("tables out of bounds or of the wrong size")
        }
        self.blocks = blocks
        self.blockTable = blockTable
        self.tablesFrame = tablesFrame
        self.stringsLength = stringsLength
        self.docCount = docCount
        decompressor = Zstd.Decompressor(dictionary: dictionary)
    }

    /// TABLES, decompressed and checked once (a failure is kept and thrown again).
    private func tables() throws(IndexError) -> DecompressedTables {
        let result: Result<DecompressedTables, IndexError> = tablesState.withLock { state in
            if let state { return state }
            let made: Result<DecompressedTables, IndexError>
            let (rawLength, overflow) = docCount.multipliedReportingOverflow(by: StoreFormat.docSize)
            if tablesFrame.checksum() != tablesCRC {
                made = .failure(.corrupt(file: path, reason: "checksum mismatch in the document tables"))
            } else if overflow || stringsLength > Int.max - rawLength {
                made = .failure(.corrupt(file: path, reason: "document tables of an impossible size"))
            } else if let bytes = decompressor.decompressPlain(tablesFrame, rawLength: stringsLength + rawLength),
                      let strings = bytes.slice(0, stringsLength), let docTable = bytes.suffix(from: stringsLength) {
                made = .success(DecompressedTables(strings: strings, docTable: docTable))
            } else {
                made = .failure(.corrupt(file: path, reason: "the document tables do not decompress"))
            }
            state = made
            return made
        }
        return try result.get()
    }

    /// Document `ordinal`'s record, checked against its CRC.
    func record(_ ordinal: Int) throws(IndexError) -> Record {
        let tables = try tables()
        return try record(ordinal, ids: tables.strings, docTable: tables.docTable)
    }

    private func record(_ ordinal: Int, ids: OwnedBytes, docTable: OwnedBytes) throws(IndexError) -> Record {
        // Safe because: the views are of `ids` and `docTable`, which hold their owner for the
        // call (no reference counting per slice: hit lists read a record per hit).
        let ids = ids.reader, docTable = docTable.reader
        let t = ordinal * StoreFormat.docSize
        guard let fields = docTable.slice(t, 40), let crc = docTable.u32(t + 40),
              let block = fields.u32(0), let offset = fields.u32(4), let titleLength = fields.u32(8), let passageBytes = fields.u32(12),
              let textLength = fields.u32(16), let idStart = fields.u32(20), let idLength = fields.u32(24),
              let passageCount = fields.u32(28), let date = fields.u32(32), let fieldsLength = fields.u32(36),
              let idAndFields = ids.slice(Int(idStart), Int(idLength) + Int(fieldsLength)) else {
            throw .corrupt(file: path, reason: "document record \(ordinal) out of bounds")
        }
        guard CRC32.update(CRC32.update(CRC32.start, fields.base), idAndFields.base) ^ 0xFFFF_FFFF == crc else {
            throw .corrupt(file: path, reason: "checksum mismatch in document record \(ordinal)")
        }
        return Record(id: String(decoding: idAndFields.base[0..<Int(idLength)], as: UTF8.self), date: DocumentDate(packed: date),
                      fieldsStart: Int(idStart) + Int(idLength), fieldsLength: Int(fieldsLength), block: Int(block), offsetInBlock: Int(offset),
                      titleLength: Int(titleLength), passageBytes: Int(passageBytes), textLength: Int(textLength),
                      passageCount: Int(passageCount))
    }

    /// A document's fields (the record was checked, its bytes with it).
    func fields(_ record: Record) throws(IndexError) -> [String: String] {
        guard record.fieldsLength > 0 else { return [:] }
        guard let fields = try tables().strings.slice(record.fieldsStart, record.fieldsLength) else {
            throw .corrupt(file: path, reason: "fields out of bounds")
        }
        return try parseFields(fields)
    }

    private func parseFields(_ bytes: OwnedBytes) throws(IndexError) -> [String: String] {
        var out: [String: String] = [:]
        var at = 0
        while at < bytes.count {
            var pair: [String] = []
            for _ in 0..<2 {
                guard let (length, next) = bytes.varint(at), let s = bytes.slice(next, Int(length)) else {
                    throw .corrupt(file: path, reason: "fields damaged")
                }
                pair.append(s.string)
                at = next + Int(length)
            }
            out[pair[0]] = pair[1]
        }
        return out
    }

    /// Every document's packed date (0: none), read once and kept (for filters and trends).
    func dates(docCount: Int) throws(IndexError) -> [UInt32] {
        if let cached = columns.withLock({ $0.dates }) { return cached }
        var out = [UInt32](repeating: 0, count: docCount)
        for d in 0..<docCount { out[d] = try record(d).date?.packed ?? 0 }
        columns.withLock { $0.dates = out }
        return out
    }

    /// Every document's value of field `name` (nil: none), read once and kept.
    func fieldColumn(_ name: String, docCount: Int) throws(IndexError) -> [String?] {
        if let cached = columns.withLock({ $0.fields[name] }) { return cached }
        var out = [String?](repeating: nil, count: docCount)
        for d in 0..<docCount { out[d] = try fields(try record(d))[name] }
        columns.withLock { $0.fields[name] = out }
        return out
    }

    /// Columns read from the records on first use.
    private struct Columns {
        var dates: [UInt32]?
        var fields: [String: [String?]] = [:]
    }
    private let columns = Mutex(Columns())

    /// Recently decompressed blocks (as tantivy's store reader keeps them): hit lists and
    /// snippets of popular queries read the same few blocks again and again.
    private let cache = Mutex(BlockCache())

    /// A small cache of decompressed blocks, replaced in turn (clock order).
    private struct BlockCache {
        static let capacity = 64
        var blocks: [Int] = []
        var bytes: [OwnedBytes] = []
        var next = 0

        func get(_ b: Int) -> OwnedBytes? {
            guard let i = blocks.firstIndex(of: b) else { return nil }
            return bytes[i]
        }

        mutating func put(_ b: Int, _ data: OwnedBytes) {
            if blocks.count < Self.capacity {
                blocks.append(b)
                bytes.append(data)
            } else {
                blocks[next] = b
                bytes[next] = data
                next = (next + 1) % Self.capacity
            }
        }
    }

    /// Block `b`, decompressed after checking its CRC (or from the cache of recent blocks).
    func block(_ b: Int) throws(IndexError) -> OwnedBytes {
        if let cached = cache.withLock({ $0.get(b) }) { return cached }
        let bytes = try readBlock(b)
        cache.withLock { $0.put(b, bytes) }
        return bytes
    }

    /// Block `b`, read, checked and decompressed.
    private func readBlock(_ b: Int) throws(IndexError) -> OwnedBytes {
        let i = b * StoreFormat.blockInfoSize
        guard b >= 0, b < blockCount, let offset = blockTable.u64(i), let compressed = blockTable.u32(i + 8),
              let raw = blockTable.u32(i + 12), let crc = blockTable.u32(i + 16),
              offset <= UInt64(blocks.count), let data = blocks.slice(Int(offset), Int(compressed)) else {
            throw .corrupt(file: path, reason: "block \(b) out of bounds")
        }
        guard data.checksum() == crc else { throw .corrupt(file: path, reason: "checksum mismatch in block \(b)") }
        guard let bytes = decompressor.decompress(data, rawLength: Int(raw)) else {
            throw .corrupt(file: path, reason: "block \(b) does not decompress")
        }
        return bytes
    }

    /// A document's title, passages and text (its block decompressed).
    func content(_ record: Record) throws(IndexError) -> Content {
        try content(record, in: try block(record.block))
    }

    /// A document's title and passages, without making a String of its text (hit lists).
    func titleAndPassages(_ record: Record) throws(IndexError) -> (title: String, passages: [Range<Int>]) {
        let content = try content(record, in: try block(record.block), text: false)
        return (content.title, content.passages)
    }

    /// A document's title, passages and text from its block's bytes (decompressed once for
    /// the block's documents).
    func content(_ record: Record, in block: OwnedBytes) throws(IndexError) -> Content {
        try content(record, in: block, text: true)
    }

    /// A document's stored content with its text left as bytes in its decompressed block: a
    /// hit's snippet reads only its passage, so the whole text need not be decoded to a String.
    struct TextBytes {
        /// The title ("" when none).
        var title: String
        /// The passages' byte ranges in the text.
        var passages: [Range<Int>]
        /// The decompressed block holding the text (shared with the cache of recent blocks).
        let block: OwnedBytes
        /// Where the text lies in `block`.
        let textRange: Range<Int>

        /// The text's length in bytes.
        var textLength: Int { textRange.count }

        /// Calls `body` with the text's UTF-8 bytes (valid only inside `body`).
        func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            // Safe because: `textRange` was checked against the block's size when it was made,
            // and the block is our own memory of bytes (bound to UInt8).
            try block.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[textRange]).assumingMemoryBound(to: UInt8.self)) }
        }
    }

    /// A document's title and passages, and its text as bytes (see `TextBytes`).
    func textBytes(_ record: Record) throws(IndexError) -> TextBytes {
        let block = try block(record.block)
        let (title, passages, textStart) = try parts(record, in: block)
        return TextBytes(title: title, passages: passages, block: block, textRange: textStart..<textStart + record.textLength)
    }

    private func content(_ record: Record, in block: OwnedBytes, text withText: Bool) throws(IndexError) -> Content {
        let (title, passages, textStart) = try parts(record, in: block)
        // Safe because: `parts` checked the text's range; `block` holds its owner for the call.
        return Content(title: title, passages: passages,
                       text: withText ? String(decoding: block.reader.base[textStart..<textStart + record.textLength], as: UTF8.self) : "")
    }

    /// A stored document's title, its passages' ranges and where its text starts in `block`
    /// (checked to lie within the block).
    private func parts(_ record: Record, in block: OwnedBytes) throws(IndexError) -> (title: String, passages: [Range<Int>], textStart: Int) {
        let start = record.offsetInBlock
        let total = record.titleLength + record.passageBytes + record.textLength
        guard start <= block.count, total <= block.count - start else {
            throw .corrupt(file: path, reason: "stored document out of its block's bounds")
        }
        let textStart = start + record.titleLength + record.passageBytes
        var passages: [Range<Int>] = []
        passages.reserveCapacity(record.passageCount)
        // Safe because: the view is of `block`, which holds its owner for the call.
        let view = block.reader
        guard let varints = view.slice(start + record.titleLength, record.passageBytes),
              let title = view.slice(start, record.titleLength) else {
            throw .corrupt(file: path, reason: "stored document out of its block's bounds")
        }
        var at = 0, last = 0
        for _ in 0..<record.passageCount {
            guard let (gap, next) = varints.varint(at), let (length, after) = varints.varint(next),
                  case let a = last + Int(gap), case let b = a + Int(length), b <= record.textLength else {
                throw .corrupt(file: path, reason: "passage ranges of a stored document damaged")
            }
            passages.append(a..<b)
            last = b
            at = after
        }
        guard at == varints.count else { throw .corrupt(file: path, reason: "passage ranges of a stored document damaged") }
        return (String(decoding: title.base, as: UTF8.self), passages, textStart)
    }

    /// Checks every block and record.
    func verify(docCount: Int) throws(IndexError) {
        guard file.slice(0, file.count - StoreFormat.footerSize)?.checksum() == bodyCRC else {
            throw .corrupt(file: path, reason: "checksum mismatch (file body)")
        }
        for b in 0..<blockCount { _ = try readBlock(b) }
        for d in 0..<docCount {
            let r = try record(d)
            _ = try content(r, in: try readBlock(r.block))
        }
    }
}
