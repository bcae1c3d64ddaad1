/// The TERMINFO section of format 9: the terms' records in blocks of `blockSize`, found through
/// a sparse index of the blocks (layout in `SegmentFormat`). A record takes ~14 bytes instead
/// of format 8's fixed 28: lengths, counts and offset deltas are varints, and a term's start in
/// TERMS follows from the previous term's length. A lookup binary-searches the blocks' first
/// terms, then reads one block's records in order.
struct TermDictionary {
    /// Terms a block (the sparse index has one entry per block).
    static let blockSize = 16
    /// termCount u32, pad u32.
    static let headerSize = 8
    /// A block's index entry: termStart, recordOffset, postingsOffset, positionsOffset (u32 each).
    static let entrySize = 16

    /// Writes the section: `records` in term order (their `termStart`s contiguous, as TERMS
    /// holds the terms one after the other).
    static func encode(_ records: [SegmentFormat.TermRecord], into out: inout ByteWriter) {
        var body = ByteWriter()
        var index = ByteWriter()
        for (i, r) in records.enumerated() {
            if i % blockSize == 0 {
                index.u32(r.termStart); index.u32(UInt32(body.count))
                index.u32(r.postingsOffset); index.u32(r.positionsOffset)
            }
            body.varint(r.termLength); body.varint(r.docFreq); body.varint(r.maxTF)
            body.f32(r.minNorm); body.f32(r.tfidfBound)
            if i % blockSize != 0 {
                let previous = records[i - 1]
                body.varint(r.postingsOffset &- previous.postingsOffset)
                body.varint(r.positionsOffset &- previous.positionsOffset)
            }
        }
        out.u32(UInt32(records.count)); out.u32(0)
        out.append(index.bytes)
        out.append(body.bytes)
    }

    let section: ByteReader
    let termCount: Int
    let blockCount: Int
    /// Where the records start in the section (after the index).
    let recordsStart: Int

    /// The dictionary in `section`, or nil when its header and index do not fit in it.
    init?(_ section: ByteReader) {
        guard let count = section.u32(0) else { return nil }
        let blocks = (Int(count) + Self.blockSize - 1) / Self.blockSize
        // A record takes at least 11 bytes: a count the section cannot hold is damage.
        guard Self.headerSize + blocks * Self.entrySize <= section.count,
              Int(count) <= (section.count - Self.headerSize - blocks * Self.entrySize) / 11 else { return nil }
        self.section = section
        termCount = Int(count)
        blockCount = blocks
        recordsStart = Self.headerSize + blocks * Self.entrySize
    }

    /// The first term of block `b`: its start in TERMS and its length, or nil when out of bounds.
    @inline(__always)
    func firstTerm(ofBlock b: Int) -> (start: Int, length: Int)? {
        let e = Self.headerSize + b * Self.entrySize
        guard let start = section.u32(e), let offset = section.u32(e + 4),
              let (length, _) = section.varint(recordsStart + Int(offset)) else { return nil }
        return (Int(start), Int(length))
    }

    /// A walk over the records in term order from the start of block `b`.
    func walk(fromBlock b: Int) -> Walk {
        Walk(dictionary: self, number: b * Self.blockSize)
    }

    /// Reads records one after the other; `next()` gives nil at the end or on damage.
    struct Walk {
        let dictionary: TermDictionary
        /// The number of the term `next()` reads.
        private(set) var number: Int
        private var at = 0
        private var previous = SegmentFormat.TermRecord(termStart: 0, termLength: 0, docFreq: 0, maxTF: 0, minNorm: 0,
                                                        tfidfBound: 0, postingsOffset: 0, positionsOffset: 0)

        init(dictionary: TermDictionary, number: Int) {
            self.dictionary = dictionary
            self.number = number
        }

        /// The next term's record (nil past the last term or when the section is damaged).
        @inline(__always)
        mutating func next() -> SegmentFormat.TermRecord? {
            guard number >= 0, number < dictionary.termCount else { return nil }
            let r = dictionary.section
            var record: SegmentFormat.TermRecord
            if number % TermDictionary.blockSize == 0 {
                let e = TermDictionary.headerSize + number / TermDictionary.blockSize * TermDictionary.entrySize
                guard let start = r.u32(e), let offset = r.u32(e + 4), let postings = r.u32(e + 8), let positions = r.u32(e + 12) else { return nil }
                at = dictionary.recordsStart + Int(offset)
                record = previous
                record.termStart = start
                record.postingsOffset = postings
                record.positionsOffset = positions
            } else {
                record = previous
                record.termStart = previous.termStart &+ previous.termLength
            }
            guard let (length, a1) = r.varint(at), let (df, a2) = r.varint(a1), let (maxTF, a3) = r.varint(a2),
                  let minNorm = r.f32(a3), let bound = r.f32(a3 + 4) else { return nil }
            at = a3 + 8
            if number % TermDictionary.blockSize != 0 {
                guard let (dp, a4) = r.varint(at), let (dq, a5) = r.varint(a4) else { return nil }
                record.postingsOffset = previous.postingsOffset &+ dp
                record.positionsOffset = previous.positionsOffset &+ dq
                at = a5
            }
            record.termLength = length
            record.docFreq = df
            record.maxTF = maxTF
            record.minNorm = minNorm
            record.tfidfBound = bound
            previous = record
            number += 1
            return record
        }
    }
}
