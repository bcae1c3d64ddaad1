/// The stored documents of a segment (`seg-NNNNNN.store`): ids, titles, texts and passage
/// byte ranges, written by `StoredDocumentsWriter` and read by `StoredDocuments`.
///
/// ```text
/// "SEGTSTO3"
/// DICT       a zstd dictionary trained on the segment's texts (may be empty)
/// BLOCKS     texts, concatenated in document order and cut into blocks of whole documents of
///            about `blockSize` bytes (a longer document is a block of its own), each block
///            zstd-compressed with the dictionary
/// STRINGS    ids and titles, UTF-8
/// BLOCKTABLE per block 24 bytes: offset u64, compressedLength u32, rawLength u32, crc32 of the
///            compressed bytes u32, pad u32
/// DOCTABLE   per document 40 bytes: block u32, offsetInBlock u32, textLength u32, idStart u32,
///            idLength u32, titleStart u32, titleLength u32, firstPassage u32, passageCount u32,
///            crc32 u32 of (the record's first 36 bytes, its id, its title, its passage ranges)
/// PASSAGES   per passage 8 bytes: byteStart u32, byteEnd u32 in its document's text
/// footer 64 bytes: dictOffset u64, dictLength u64, stringsOffset u64, blockTableOffset u64,
///            docTableOffset u64, passageTableOffset u64, blockCount u32, crc32 of the footer's
///            first 52 bytes u32, "SEGTEND1"
/// ```
/// Every read checks what it read: a text's block by its CRC (and zstd's exact length), a
/// document's id, title and passage ranges by its record's CRC. `verify` checks everything.
enum StoreFormat {
    static let magic: [UInt8] = Array("SEGTSTO3".utf8)
    static let blockSize = 16 << 10
    static let blockInfoSize = 24
    static let docSize = 40
    static let passageSize = 8
    static let footerSize = 64
}

/// Collects a segment's stored documents, then serializes them (compressing on the caller's
/// thread: the segment writer does it on the store thread).
struct StoredDocumentsWriter {
    private var texts: [UInt8] = []
    private var textStarts: [Int] = []
    private var strings = ByteWriter()
    private var records: [(idStart: UInt32, idLength: UInt32, titleStart: UInt32, titleLength: UInt32, firstPassage: UInt32, passageCount: UInt32)] = []
    private var passages: [(UInt32, UInt32)] = []

    /// Bytes held (for the memory budget).
    var byteCount: Int { texts.count + strings.count + records.count * 32 + passages.count * 8 }

    mutating func add(id: String, title: String?, text: String, passages ranges: [(UInt32, UInt32)]) {
        let idBytes = Array(id.utf8), titleBytes = Array((title ?? "").utf8)
        let idStart = UInt32(clamping: strings.count)
        strings.append(idBytes)
        let titleStart = UInt32(clamping: strings.count)
        strings.append(titleBytes)
        textStarts.append(texts.count)
        var copy = text
        copy.withUTF8 { texts.append(contentsOf: $0) }
        records.append((idStart, UInt32(idBytes.count), titleStart, UInt32(titleBytes.count),
                        UInt32(clamping: passages.count), UInt32(ranges.count)))
        passages += ranges
    }

    /// The store file's bytes; nil when zstd fails (out of memory).
    func serialized() -> [UInt8]? {
        let docCount = records.count
        let ends = (0..<docCount).map { $0 + 1 < docCount ? textStarts[$0 + 1] : texts.count }
        // Blocks of whole documents.
        var blockStarts: [Int] = []   // first document of each block
        var d = 0
        while d < docCount {
            blockStarts.append(d)
            let start = textStarts[d]
            repeat { d += 1 } while d < docCount && ends[d - 1] - start < StoreFormat.blockSize
        }
        // A dictionary from samples spread over the texts: up to 1,024 pieces of up to 2 KiB.
        var samples: [UInt8] = [], sizes: [Int] = []
        if texts.count >= 64 << 10 {
            let pieces = min(1024, texts.count / 2048)
            let stride = texts.count / max(pieces, 1)
            for i in 0..<pieces {
                let lo = i * stride, hi = min(texts.count, lo + 2048)
                samples.append(contentsOf: texts[lo..<hi])
                sizes.append(hi - lo)
            }
        }
        let dictionary = Zstd.trainDictionary(samples, sampleSizes: sizes)
        guard let compressor = Zstd.Compressor(dictionary: dictionary) else { return nil }
        var out = StoreFormat.magic
        let dictOffset = out.count
        out += dictionary
        var blockTable = ByteWriter()
        var blockOf = [UInt32](repeating: 0, count: docCount)
        for (b, first) in blockStarts.enumerated() {
            let last = b + 1 < blockStarts.count ? blockStarts[b + 1] : docCount
            for doc in first..<last { blockOf[doc] = UInt32(b) }
            let lo = textStarts[first], hi = ends[last - 1]
            let offset = out.count
            let written = texts.withUnsafeBytes { all in
                compressor.compress(UnsafeRawBufferPointer(rebasing: all[lo..<hi]), appendingTo: &out)
            }
            guard let written else { return nil }
            let crc = out.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + written])) }
            blockTable.u64(UInt64(offset)); blockTable.u32(UInt32(written)); blockTable.u32(UInt32(hi - lo))
            blockTable.u32(crc); blockTable.u32(0)
        }
        let stringsOffset = out.count
        out += strings.bytes
        while out.count % 8 != 0 { out.append(0) }
        let blockTableOffset = out.count
        out += blockTable.bytes
        let docTableOffset = out.count
        var docTable = ByteWriter()
        for (i, r) in records.enumerated() {
            let blockStart = textStarts[blockStarts[Int(blockOf[i])]]
            var record = ByteWriter()
            record.u32(blockOf[i]); record.u32(UInt32(textStarts[i] - blockStart)); record.u32(UInt32(ends[i] - textStarts[i]))
            record.u32(r.idStart); record.u32(r.idLength); record.u32(r.titleStart); record.u32(r.titleLength)
            record.u32(r.firstPassage); record.u32(r.passageCount)
            var ranges = ByteWriter()
            for p in passages[Int(r.firstPassage)..<Int(r.firstPassage + r.passageCount)] { ranges.u32(p.0); ranges.u32(p.1) }
            let crc = Self.recordChecksum(record.bytes, strings.bytes, r.idStart, r.idLength, r.titleStart, r.titleLength, ranges.bytes)
            docTable.append(record.bytes)
            docTable.u32(crc)
        }
        out += docTable.bytes
        let passageTableOffset = out.count
        for p in passages {
            withUnsafeBytes(of: p.0.littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: p.1.littleEndian) { out.append(contentsOf: $0) }
        }
        var footer = ByteWriter()
        for v in [dictOffset, dictionary.count, stringsOffset, blockTableOffset, docTableOffset, passageTableOffset] { footer.u64(UInt64(v)) }
        footer.u32(UInt32(blockStarts.count))
        footer.u32(footer.bytes.withUnsafeBytes { CRC32.checksum($0) })
        footer.append(SegmentFormat.endMagic)
        out += footer.bytes
        return out
    }

    /// The CRC-32 that guards a document record: its fields, id, title and passage ranges.
    static func recordChecksum(_ fields: some Collection<UInt8>, _ strings: [UInt8], _ idStart: UInt32, _ idLength: UInt32,
                               _ titleStart: UInt32, _ titleLength: UInt32, _ ranges: [UInt8]) -> UInt32 {
        var crc = CRC32.start
        Array(fields).withUnsafeBytes { crc = CRC32.update(crc, $0) }
        strings.withUnsafeBytes { all in
            crc = CRC32.update(crc, UnsafeRawBufferPointer(rebasing: all[Int(idStart)..<Int(idStart + idLength)]))
            crc = CRC32.update(crc, UnsafeRawBufferPointer(rebasing: all[Int(titleStart)..<Int(titleStart + titleLength)]))
        }
        ranges.withUnsafeBytes { crc = CRC32.update(crc, $0) }
        return crc ^ 0xFFFF_FFFF
    }
}

/// A segment's stored documents, mapped at open (so a reader holds them however the index
/// changes afterwards) and read with a check of every read.
final class StoredDocuments: @unchecked Sendable {
    // @unchecked Sendable: immutable after init; the map is read-only; the decompressor pools
    // its contexts under a lock.
    let path: String
    private let file: MappedFile
    private let strings: ByteReader
    private let blockTable: ByteReader
    private let docTable: ByteReader
    private let passageTable: ByteReader
    private let blocks: ByteReader
    private let blockCount: Int
    private let decompressor: Zstd.Decompressor

    /// One document's stored record.
    struct Record {
        var id: String
        var title: String
        var block: Int
        var offsetInBlock: Int
        var textLength: Int
        /// Its passages' byte ranges in its text.
        var passages: [Range<Int>]
    }

    init(path: String, docCount: Int, passageCount: Int) throws(IndexError) {
        self.path = path
        file = try MappedFile(path: path)
        let r = file.reader
        let corrupt = { (why: String) -> IndexError in .corrupt(file: path, reason: why) }
        guard r.count >= 8 + StoreFormat.footerSize, let magic = r.slice(0, 8), Array(magic.base) == StoreFormat.magic,
              let end = r.slice(r.count - 8, 8), Array(end.base) == SegmentFormat.endMagic else {
            throw corrupt("not a segtool store of this version, or truncated")
        }
        let f = r.count - StoreFormat.footerSize
        guard let footer = r.slice(f, 52), let crc = r.u32(f + 52), CRC32.checksum(footer.base) == crc else {
            throw corrupt("footer checksum mismatch")
        }
        var v: [Int] = []
        for i in 0..<6 {
            guard let x = footer.u64(i * 8), x <= UInt64(f) else { throw corrupt("footer offsets out of bounds") }
            v.append(Int(x))
        }
        let (dictOffset, dictLength, stringsOffset, blockTableOffset, docTableOffset, passageTableOffset) = (v[0], v[1], v[2], v[3], v[4], v[5])
        blockCount = Int(footer.u32(48) ?? 0)
        guard dictOffset + dictLength <= stringsOffset, stringsOffset <= blockTableOffset, blockTableOffset <= docTableOffset,
              docTableOffset <= passageTableOffset, passageTableOffset <= f,
              let dictionary = r.slice(dictOffset, dictLength), let blocks = r.slice(0, stringsOffset),
              let strings = r.slice(stringsOffset, blockTableOffset - stringsOffset),
              let blockTable = r.slice(blockTableOffset, docTableOffset - blockTableOffset),
              let docTable = r.slice(docTableOffset, passageTableOffset - docTableOffset),
              let passageTable = r.slice(passageTableOffset, f - passageTableOffset),
              blockTable.count == blockCount * StoreFormat.blockInfoSize,
              docTable.count == docCount * StoreFormat.docSize,
              passageTable.count == passageCount * StoreFormat.passageSize else {
            throw corrupt("tables out of bounds or of the wrong size")
        }
        self.blocks = blocks
        self.strings = strings
        self.blockTable = blockTable
        self.docTable = docTable
        self.passageTable = passageTable
        decompressor = Zstd.Decompressor(dictionary: dictionary.base)
    }

    /// Document `ordinal`'s record, checked against its CRC.
    func record(_ ordinal: Int) throws(IndexError) -> Record {
        let t = ordinal * StoreFormat.docSize
        guard let fields = docTable.slice(t, 36), let crc = docTable.u32(t + 36),
              let block = fields.u32(0), let offset = fields.u32(4), let length = fields.u32(8),
              let idStart = fields.u32(12), let idLength = fields.u32(16), let titleStart = fields.u32(20), let titleLength = fields.u32(24),
              let firstPassage = fields.u32(28), let passageCount = fields.u32(32),
              let id = strings.slice(Int(idStart), Int(idLength)), let title = strings.slice(Int(titleStart), Int(titleLength)),
              let ranges = passageTable.slice(Int(firstPassage) * StoreFormat.passageSize, Int(passageCount) * StoreFormat.passageSize) else {
            throw .corrupt(file: path, reason: "document record \(ordinal) out of bounds")
        }
        var check = CRC32.update(CRC32.start, fields.base)
        check = CRC32.update(check, id.base)
        check = CRC32.update(check, title.base)
        check = CRC32.update(check, ranges.base) ^ 0xFFFF_FFFF
        guard check == crc else { throw .corrupt(file: path, reason: "checksum mismatch in document record \(ordinal)") }
        var passages: [Range<Int>] = []
        passages.reserveCapacity(Int(passageCount))
        for p in 0..<Int(passageCount) {
            guard let a = ranges.u32(p * 8), let b = ranges.u32(p * 8 + 4), a <= b, b <= length else {
                throw .corrupt(file: path, reason: "passage range of document record \(ordinal) out of bounds")
            }
            passages.append(Int(a)..<Int(b))
        }
        return Record(id: String(decoding: id.base, as: UTF8.self), title: String(decoding: title.base, as: UTF8.self),
                      block: Int(block), offsetInBlock: Int(offset), textLength: Int(length), passages: passages)
    }

    /// Block `b`, decompressed after checking its CRC.
    func block(_ b: Int) throws(IndexError) -> [UInt8] {
        let i = b * StoreFormat.blockInfoSize
        guard b >= 0, b < blockCount, let offset = blockTable.u64(i), let compressed = blockTable.u32(i + 8),
              let raw = blockTable.u32(i + 12), let crc = blockTable.u32(i + 16),
              offset <= UInt64(blocks.count), let data = blocks.slice(Int(offset), Int(compressed)) else {
            throw .corrupt(file: path, reason: "block \(b) out of bounds")
        }
        guard CRC32.checksum(data.base) == crc else { throw .corrupt(file: path, reason: "checksum mismatch in block \(b)") }
        guard let bytes = decompressor.decompress(data.base, rawLength: Int(raw)) else {
            throw .corrupt(file: path, reason: "block \(b) does not decompress")
        }
        return bytes
    }

    /// A document's text, from its record.
    func text(_ record: Record) throws(IndexError) -> String {
        try text(record, in: try block(record.block))
    }

    /// A document's text from its block's bytes (decompressed once for the block's documents).
    func text(_ record: Record, in block: [UInt8]) throws(IndexError) -> String {
        guard record.offsetInBlock <= block.count, record.textLength <= block.count - record.offsetInBlock else {
            throw .corrupt(file: path, reason: "stored text out of its block's bounds")
        }
        return String(decoding: block[record.offsetInBlock..<record.offsetInBlock + record.textLength], as: UTF8.self)
    }

    /// Checks every block and record.
    func verify(docCount: Int) throws(IndexError) {
        for b in 0..<blockCount { _ = try block(b) }
        for d in 0..<docCount { _ = try record(d) }
    }
}
