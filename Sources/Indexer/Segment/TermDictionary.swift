#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The TERMINFO section of format 9: the terms' records in blocks of `blockSize`, found through
/// a sparse index of the blocks (layout in `SegmentFormat`). A term takes ~14 bytes instead of
/// format 8's fixed 28: lengths, counts and offset deltas are varints, and a term's start in
/// TERMS follows from the previous term's length. A lookup binary-searches the blocks' first
/// terms (start and length in the index), scans one block's term lengths and terms, and
/// decodes that block's records only up to the term found.
struct TermDictionary {
    /// Terms a block (the sparse index has one entry per block). 16 saves ~1 byte a term more
    /// but makes a lookup read twice as many records; phrase queries look up hundreds of terms.
    static let blockSize = 8
    /// termCount u32, pad u32.
    static let headerSize = 8
    /// A block's index entry: its first term's start and length, recordOffset, postingsOffset,
    /// positionsOffset (u32 each).
    static let entrySize = 20

    /// Writes the section: `records` in term order (their `termStart`s contiguous, as TERMS
    /// holds the terms one after the other).
    static func encode(_ records: [SegmentFormat.TermRecord], into out: inout ByteWriter) {
        var body = ByteWriter()
        var index = ByteWriter()
        for blockStart in stride(from: 0, to: records.count, by: blockSize) {
            let block = records[blockStart..<min(records.count, blockStart + blockSize)]
            let first = records[blockStart]
            index.u32(first.termStart); index.u32(first.termLength); index.u32(UInt32(body.count))
            index.u32(first.postingsOffset); index.u32(first.positionsOffset)
            // The block's term lengths first (a lookup reads only them until it finds its term).
            for r in block { body.varint(r.termLength) }
            for (i, r) in zip(block.indices, block) {
                body.varint(r.docFreq); body.varint(r.maxTF)
                body.f32(r.minNorm); body.f32(r.tfidfBound)
                if i != blockStart {
                    body.varint(r.postingsOffset &- records[i - 1].postingsOffset)
                    body.varint(r.positionsOffset &- records[i - 1].positionsOffset)
                }
            }
        }
        out.u32(UInt32(records.count)); out.u32(0)
        out.append(index.bytes)
        out.append(body.bytes)
    }

    let section: OwnedBytes
    let termCount: Int
    let blockCount: Int
    /// Where the records start in the section (after the index).
    let recordsStart: Int

    /// The dictionary in `section`, or nil when its header and index do not fit in it.
    init?(_ section: OwnedBytes) {
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
        guard let start = section.u32(e), let length = section.u32(e + 4) else { return nil }
        return (Int(start), Int(length))
    }

    /// The number of terms in block `b`.
    @inline(__always)
    func count(ofBlock b: Int) -> Int {
        min(Self.blockSize, termCount - b * Self.blockSize)
    }

    /// The record of `term` (its bytes in `terms`, the TERMS section), or nil when the
    /// dictionary does not have it (or is damaged): a binary search over the blocks' first
    /// terms, then a scan of one block's lengths and terms; only the found term's block
    /// records are decoded.
    func find(_ term: UnsafeRawBufferPointer, terms: OwnedBytes) -> SegmentFormat.TermRecord? {
        let b = block(of: term, terms: terms)
        // Safe because: `terms` holds its owner for the call.
        let terms = terms.reader
        guard b < blockCount else { return nil }
        let e = Self.headerSize + b * Self.entrySize
        guard let first = section.u32(e), let offset = section.u32(e + 8),
              var postings = section.u32(e + 12), var positions = section.u32(e + 16) else { return nil }
        var at = recordsStart + Int(offset)
        var start = Int(first)
        let n = count(ofBlock: b)
        for j in 0..<n {
            guard let (length, next) = section.varint(at), let bytes = terms.slice(start, Int(length)) else { return nil }
            at = next
            let c = ByteReader.compare(bytes.base, term)
            if c > 0 { return nil }
            if c < 0 { start += Int(length); continue }
            // Found: skip the block's other lengths, then read its records up to this one.
            for _ in j + 1..<n {
                guard let (_, next) = section.varint(at) else { return nil }
                at = next
            }
            for k in 0...j {
                guard let (df, a1) = section.varint(at), let (maxTF, a2) = section.varint(a1),
                      let minNorm = section.f32(a2), let bound = section.f32(a2 + 4) else { return nil }
                at = a2 + 8
                if k > 0 {
                    guard let (dp, a3) = section.varint(at), let (dq, a4) = section.varint(a3) else { return nil }
                    postings &+= dp
                    positions &+= dq
                    at = a4
                }
                if k == j {
                    return SegmentFormat.TermRecord(termStart: UInt32(truncatingIfNeeded: start), termLength: length, docFreq: df,
                                                    maxTF: maxTF, minNorm: minNorm, tfidfBound: bound,
                                                    postingsOffset: postings, positionsOffset: positions)
                }
            }
        }
        return nil
    }

    /// The last block whose first term is not after `term` (0 when every block's is).
    func block(of term: UnsafeRawBufferPointer, terms: OwnedBytes) -> Int {
        // Safe because: `terms` holds its owner for the call.
        let terms = terms.reader
        // The first block whose first term is after `term`, less one.
        var lo = 0, hi = blockCount
        while lo < hi {
            let mid = (lo + hi) / 2
            guard let (start, length) = firstTerm(ofBlock: mid), let first = terms.slice(start, length) else { return 0 }
            let c = ByteReader.compare(first.base, term)
            if c <= 0 { lo = mid + 1 } else { hi = mid }
        }
        return max(lo - 1, 0)
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
        /// Where the next term's length is.
        private var lengthAt = 0
        /// Where the next term's record (after the block's lengths) is.
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
            // Safe because: the walk holds the dictionary, which holds its section's owner.
            let r = dictionary.section.reader
            var record = previous
            let firstOfBlock = number % TermDictionary.blockSize == 0
            if firstOfBlock {
                let b = number / TermDictionary.blockSize
                let e = TermDictionary.headerSize + b * TermDictionary.entrySize
                guard let start = r.u32(e), let offset = r.u32(e + 8), let postings = r.u32(e + 12), let positions = r.u32(e + 16) else { return nil }
                lengthAt = dictionary.recordsStart + Int(offset)
                at = lengthAt
                for _ in 0..<dictionary.count(ofBlock: b) {
                    guard let (_, next) = r.varint(at) else { return nil }
                    at = next
                }
                record.termStart = start
                record.postingsOffset = postings
                record.positionsOffset = positions
            } else {
                record.termStart = previous.termStart &+ previous.termLength
            }
            guard let (length, l1) = r.varint(lengthAt), let (df, a1) = r.varint(at), let (maxTF, a2) = r.varint(a1),
                  let minNorm = r.f32(a2), let bound = r.f32(a2 + 4) else { return nil }
            lengthAt = l1
            at = a2 + 8
            if !firstOfBlock {
                guard let (dp, a3) = r.varint(at), let (dq, a4) = r.varint(a3) else { return nil }
                record.postingsOffset = previous.postingsOffset &+ dp
                record.positionsOffset = previous.positionsOffset &+ dq
                at = a4
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
