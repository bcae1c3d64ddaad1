/// The on-disk format of a segment (`seg-NNNNNN.idx`, with its stored texts in `.store`).
///
/// ```text
/// "SEGTIDX1"  u32 version
/// sections (each 8-byte aligned; POSTINGS and POSITIONS 64-byte, a cache line), in this order:
///   TERMS      the terms' UTF-8 bytes, concatenated in sorted order
///   TERMINFO   the term dictionary (`TermDictionary`), sorted by term bytes, in blocks of 8
///              terms: termCount u32, pad u32; then a sparse index, one 20-byte entry a
///              block: termStart u32 and termLength u32 (its first term's, in TERMS),
///              recordOffset u32 (where its records start, from the end of the index),
///              postingsOffset u32 and positionsOffset u32 (its first term's); then per block:
///              its terms' lengths (varints), then a record a term: varint docFreq, varint
///              maxTF, f32 minNorm, f32 tfidfBound, and, but for the block's first term,
///              varint postings delta and varint positions delta (its offsets minus the
///              previous term's)
///              (blocks = ⌈docFreq / 128⌉)
///   POSTINGS   per term: when it has more than one block, a block table (blocks × 24 bytes:
///              lastDoc u32, dataOffset u32,
///              positionsOffset u32, tfidfBound f32, maxTF u32, minNorm f32), then the blocks:
///              each a block of doc deltas, then, unless all its tfs are 1, a Rice block of
///              tf−1 (`RiceCoding`, inline escapes); 128 postings a block, the last block holds
///              the rest; 8 zero bytes end the section. The deltas' first byte carries two flags
///              beside the code's own (width or k): 0x40 (`riceDocsFlag`) — Rice-coded, else a
///              PFOR block (`PatchedFrame`; Rice only in lists of at most 8 blocks, where it is
///              smaller); 0x80 (`allOnesFlag`) — every tf is 1, no tf block follows
///   POSITIONS  per block of postings, one `PositionCoding` block of all its postings'
///              positions: per posting, tf values — the first position, then gaps (≥ 0), each
///              Rice-coded with a parameter from the document's length (`DOCS`) and the tf
///              and two per-block bases; a position is where the term starts in characters,
///              spaces and tabs not counted (`Analyzer`); 8 zero bytes end the section
///   DOCS       one 12-byte record a document: length u32 (terms), firstPassage u32 (its first
///              passage's number; it has passages up to the next document's), passageOffset u32
///   PASSAGES   per document, from its passageOffset: its passages' first positions as varints,
///              the first absolute, then gaps, then (when it has passages) the gap to the
///              position where its text ends
///   STATS      docCount u32, passageCount u32, totalLength u64, totalPassageLength u64
/// footer: per section: offset u64, length u64, crc32 u32, pad u32 (7 sections × 24 bytes),
///         crc32 of that table u32, crc32 of everything before the footer u32, "SEGTEND1"
/// ```
/// The bounds, over a block's (or the whole list's) postings: tfidfBound = max (1 + ln tf)/√len;
/// maxTF; minNorm = min over postings of g(x₀) with g(x) = k1(1−b)/tf + k1·b·x·len/tf, x₀ = 1/avgdl₀
/// and avgdl₀ = the segment's own totalLength/docCount (rounded down to a Float). A posting's
/// BM25 weight is idf·(k1+1)/(1 + g(x)) at the query's x = 1/avgdl, so a lower bound of the
/// least g gives an upper bound of the weight. The least g is concave and non-decreasing in x:
/// for x ≥ x₀ it is ≥ minNorm; for x < x₀ it is above the chord from (0, k1(1−b)/maxTF) to
/// (x₀, minNorm). The bound is therefore exact when the query's avgdl is the segment's (one
/// segment, no deletes) and valid for any other.
/// The store file is described in `StoredDocuments.swift`. Format 9 (this one) replaced
/// format 8's fixed 28-byte term records with the blocked, delta-coded dictionary above (as
/// tantivy's term dictionary and Lucene's block tree keep terms in blocks with a sparse index);
/// format 8 had changed the positions' code, the flags of postings blocks and dropped format
/// 7's empty STRINGS section. A segment of another version is refused with
/// `IndexError.outdatedFormat` (rebuild the index).
enum SegmentFormat {
    static let magic: [UInt8] = Array("SEGTIDX1".utf8)
    static let endMagic: [UInt8] = Array("SEGTEND1".utf8)
    static let version: UInt32 = 9
    static let blockSize = 128
    static let sectionCount = 7
    static let blockInfoSize = 24
    static let docSize = 12
    /// Set in the first byte of a block of document gaps coded with Rice instead of PFOR.
    static let riceDocsFlag: UInt8 = 0x40
    /// Set in the first byte of a block of document gaps whose postings all have tf = 1: no
    /// block of tfs follows.
    static let allOnesFlag: UInt8 = 0x80
    static let footerSize = sectionCount * 24 + 16

    /// A segment's own average document length, which its BM25 bounds are computed at.
    static func averageLength(totalLength: UInt64, docCount: Int) -> Double {
        docCount > 0 ? Double(totalLength) / Double(docCount) : 1
    }

    enum Section: Int, CaseIterable {
        case terms, termInfo, postings, positions, docs, passages, stats
    }
}

extension SegmentFormat {
    /// A term's entry in the dictionary (TERMINFO), as `TermDictionary` writes and reads it.
    struct TermRecord: Equatable {
        /// Where the term's bytes start in TERMS.
        var termStart: UInt32
        /// Its length in bytes.
        var termLength: UInt32
        var docFreq: UInt32
        var maxTF: UInt32
        var minNorm: Float
        var tfidfBound: Float
        var postingsOffset: UInt32
        var positionsOffset: UInt32
    }

    /// An entry of a postings list's block table (`blockInfoSize` bytes). Cursors read single
    /// fields of it in their inner loops, at the offsets below, rather than whole entries.
    struct BlockRecord: Equatable {
        var lastDoc: UInt32
        /// Where the block's data starts, from the list's start in POSTINGS.
        var dataOffset: UInt32
        /// Where the block's positions start, from the list's start in POSITIONS.
        var positionsOffset: UInt32
        var tfidfBound: Float
        var maxTF: UInt32
        var minNorm: Float

        static let lastDocAt = 0, dataOffsetAt = 4, positionsOffsetAt = 8
        static let tfidfBoundAt = 12, maxTFAt = 16, minNormAt = 20

        func encode(into out: inout ByteWriter) {
            out.u32(lastDoc); out.u32(dataOffset); out.u32(positionsOffset)
            out.f32(tfidfBound); out.u32(maxTF); out.f32(minNorm)
        }
    }

    /// A DOCS record (`docSize` bytes).
    struct DocsRecord: Equatable {
        /// The document's length in terms.
        var length: UInt32
        /// Its first passage's number (it has passages up to the next document's).
        var firstPassage: UInt32
        /// Where its passages' first positions start in PASSAGES.
        var passageOffset: UInt32

        static let lengthAt = 0, firstPassageAt = 4, passageOffsetAt = 8

        func encode(into out: inout ByteWriter) {
            out.u32(length); out.u32(firstPassage); out.u32(passageOffset)
        }

        /// The record of document `ordinal` in DOCS, or nil when it is out of bounds.
        static func decode(_ r: ByteReader, ordinal: Int) -> DocsRecord? {
            let offset = ordinal * docSize
            guard let length = r.u32(offset + lengthAt), let first = r.u32(offset + firstPassageAt),
                  let passages = r.u32(offset + passageOffsetAt) else { return nil }
            return DocsRecord(length: length, firstPassage: first, passageOffset: passages)
        }
    }
}
