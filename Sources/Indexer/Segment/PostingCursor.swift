/// Walks one term's postings in a segment, a block of 128 at a time: document ordinals
/// (`doc`), term frequencies (`tf`), positions on demand, and the block table's upper bounds
/// for skipping (block-max pruning).
///
/// A cursor is a plain value without references: its decoded block lives in memory owned by a
/// `CursorSet`, and its views of the segment's mapped sections are raw pointers kept alive by
/// the search that made it. Stepping a cursor therefore costs no reference counting and no
/// uniqueness checks.
struct PostingCursor {
    private let postings: ByteReader
    private let positionData: ByteReader
    private let docCount: Int
    let info: SegmentReader.TermInfo
    /// The current document ordinal; `Int.max` when exhausted.
    private(set) var doc = -1
    /// Set when the postings turned out damaged (the cursor then ends).
    private(set) var damaged = false
    private var block = -1
    private var index = 0
    private var count = 0
    /// The loaded block's last document.
    private var lastInBlock = -1
    /// The block that `shallowBound` last found (it never moves backwards).
    private var shallowBlock = 0
    private let docs: UnsafeMutablePointer<UInt32>
    private let tfs: UnsafeMutablePointer<UInt32>
    /// Per posting of the block, where its position remainders start (bits from the first's).
    private var bitOffsets: UnsafeMutablePointer<UInt32> { tfs + SegmentFormat.blockSize }
    private var positionsOffset = 0
    /// The posting at whose first position `positionReader` stands.
    private var positionsIndex = 0
    private var positionReader: RiceCursor?
    /// The segment's document scales (`PositionCoding.scale`: the positions' code depends on
    /// them), owned by the `CursorSet`; `docCount` of them, nil before the tables are read.
    private let scales: UnsafePointer<UInt8>?

    static let exhausted = Int.max

    /// - Parameters:
    ///   - buffer: room for 3 × 128 values, owned by the caller for the cursor's life.
    ///   - scales: the segment's document scales, owned by the caller for the cursor's life.
    init(segment: SegmentReader, info: SegmentReader.TermInfo, buffer: UnsafeMutablePointer<UInt32>, scales: OwnedBuffer<UInt8>) {
        self.scales = scales.count == segment.docCount ? UnsafePointer(scales.pointer) : nil
        // Borrowed views of the segment's map: the search that makes a cursor holds the
        // segment for the cursor's life (see the type's comment).
        postings = segment.postings.reader
        positionData = segment.positions.reader
        docCount = segment.docCount
        self.info = info
        docs = buffer
        tfs = buffer + SegmentFormat.blockSize
    }

    var tf: Int { Int(tfs[index]) + 1 }

    /// Whether the list has a block table (lists of one block have none).
    @inline(__always)
    private var hasTable: Bool { info.blockCount > 1 }

    /// The last document of block `b` (`Int.max` for a list of one block).
    @inline(__always)
    func blockLastDoc(_ b: Int) -> Int {
        guard hasTable else { return Int.max }
        return Int(postings.u32(info.postingsOffset + b * SegmentFormat.blockInfoSize + SegmentFormat.BlockRecord.lastDocAt) ?? UInt32.max)
    }

    /// A block's upper-bound data: tfidf factor, max tf, min BM25 norm (see `SegmentFormat`).
    @inline(__always)
    func blockBound(_ b: Int) -> (Float, UInt32, Float) {
        guard hasTable else { return (info.tfidfBound, info.maxTF, info.minNorm) }
        let r = info.postingsOffset + b * SegmentFormat.blockInfoSize
        typealias E = SegmentFormat.BlockRecord
        return (postings.f32(r + E.tfidfBoundAt) ?? .infinity, postings.u32(r + E.maxTFAt) ?? .max, postings.f32(r + E.minNormAt) ?? 0)
    }

    /// The block that holds the first posting with a document ≥ `target`, found in the block
    /// table without decoding anything (Lucene's "shallow advance"), or nil when the list has
    /// no such posting.
    @inline(__always)
    mutating func shallowBlock(for target: Int) -> Int? {
        if doc == Self.exhausted { return nil }
        if !hasTable { return 0 }
        var b = max(shallowBlock, block, 0)
        while b < info.blockCount && blockLastDoc(b) < target { b += 1 }
        if b >= info.blockCount { return nil }
        shallowBlock = b
        return b
    }

    /// Records damage found by a caller reading the decoded block directly; the cursor ends.
    mutating func markDamaged() { _ = fail() }

    private mutating func fail() -> Int {
        damaged = true
        doc = Self.exhausted
        return doc
    }

    private mutating func load(_ b: Int) -> Bool {
        let table = info.postingsOffset + b * SegmentFormat.blockInfoSize
        let p = postings
        var dataOffset: UInt32 = 0, positions: UInt32 = 0
        if hasTable {
            guard let d = p.u32(table + SegmentFormat.BlockRecord.dataOffsetAt),
                  let q = p.u32(table + SegmentFormat.BlockRecord.positionsOffsetAt) else { return false }
            dataOffset = d
            positions = q
        }
        let data = info.postingsOffset + Int(dataOffset)
        let n = b == info.blockCount - 1 ? info.docFreq - b * SegmentFormat.blockSize : SegmentFormat.blockSize
        guard n > 0, n <= SegmentFormat.blockSize,
              let first = p.u8(data),
              let tfStart = first & SegmentFormat.riceDocsFlag != 0
                ? Self.riceGaps(p, at: data, count: n, into: docs)
                : PatchedFrame.decode(p, at: data, count: n, into: docs, flag: SegmentFormat.allOnesFlag) else { return false }
        if first & SegmentFormat.allOnesFlag != 0 {
            tfs.update(repeating: 0, count: n)
        } else {
            guard RiceCoding.decode(p, at: tfStart, count: n, into: tfs) != nil else { return false }
        }
        // Gaps to documents; every gap but the list's first must be positive, and the block
        // must end below the document count and at the table's last doc — so the fast paths
        // of `advance` and `next` can trust the block without further checks.
        var sum = UInt64(b == 0 ? 0 : UInt32(clamping: blockLastDoc(b - 1)))
        var bad = false
        for i in 0..<n {
            let delta = docs[i]
            bad = bad || (delta == 0 && (i > 0 || b > 0))
            sum &+= UInt64(delta)
            docs[i] = UInt32(truncatingIfNeeded: sum)
        }
        guard !bad, sum < UInt64(docCount) else { return false }
        let base = UInt32(truncatingIfNeeded: sum)
        if hasTable && Int(base) != blockLastDoc(b) { return false }
        block = b
        count = n
        index = 0
        lastInBlock = Int(base)
        positionsOffset = info.positionsOffset + Int(positions)
        positionsIndex = 0
        positionReader = nil
        return true
    }

    /// Decodes a block of Rice-coded document gaps (short lists only: kept out of `load`'s
    /// inlined path, which PFOR blocks take).
    @inline(never)
    private static func riceGaps(_ p: ByteReader, at data: Int, count n: Int, into docs: UnsafeMutablePointer<UInt32>) -> Int? {
        RiceCoding.decode(p, at: data, count: n, into: docs, flag: SegmentFormat.riceDocsFlag | SegmentFormat.allOnesFlag)
    }

    /// Moves to the next posting. - Returns: its document, or `exhausted`.
    @discardableResult
    @inline(__always)
    mutating func next() -> Int {
        if block >= 0 && index + 1 < count && doc != Self.exhausted {
            index += 1
            doc = Int(docs[index])
            return doc
        }
        return nextBlock()
    }

    private mutating func nextBlock() -> Int {
        if doc == Self.exhausted { return doc }
        let b = block + 1
        if b >= info.blockCount { doc = Self.exhausted; return doc }
        guard load(b) else { return fail() }
        let d = Int(docs[0])
        if doc >= 0 && d <= doc { return fail() }
        doc = d
        return doc
    }

    /// Moves to the first posting with a document ≥ `target`, skipping whole blocks by their
    /// last document. - Returns: that document, or `exhausted`.
    @discardableResult
    @inline(__always)
    mutating func advance(to target: Int) -> Int {
        if doc >= target { return doc }
        if lastInBlock >= target && doc >= 0 {
            // In the loaded block (checked by `load`): its last document is ≥ target, so the
            // scan stops inside it.
            var i = index + 1
            while Int(docs[i]) < target { i += 1 }
            index = i
            doc = Int(docs[i])
            return doc
        }
        return advanceSlow(to: target)
    }

    private mutating func advanceSlow(to target: Int) -> Int {
        if block < 0 || lastInBlock < target {
            var b = block + 1
            while b < info.blockCount && blockLastDoc(b) < target { b += 1 }
            if b >= info.blockCount { doc = Self.exhausted; return doc }
            guard load(b) else { return fail() }
        }
        // The block holds a document ≥ target (its last one, at least).
        var i = index
        while i < count && Int(docs[i]) < target { i += 1 }
        if i >= count { doc = Self.exhausted; return doc }
        index = i
        let d = Int(docs[i])
        if d >= docCount || d <= doc { return fail() }
        doc = d
        return doc
    }

    /// Skips to the start of block `b` (block-max pruning skips blocks that cannot compete).
    mutating func jump(toBlock b: Int) -> Int {
        if b >= info.blockCount { doc = Self.exhausted; return doc }
        guard load(b) else { return fail() }
        doc = Int(docs[0])
        if doc >= docCount { return fail() }
        return doc
    }

    /// The current block's documents and tfs − 1 from the current posting on (for tight
    /// scoring loops), and the number of postings left in the block including the current one.
    var blockRemainder: (docs: UnsafeMutablePointer<UInt32>, tfs: UnsafeMutablePointer<UInt32>, count: Int) {
        (docs + index, tfs + index, count - index)
    }

    /// The index in the block where `blockRemainder` starts (the current posting's).
    var blockRemainderStart: Int { index }

    /// Moves to posting `i` of the loaded block (≥ the current one); past its end, to the
    /// next block. - Returns: the new document, or `exhausted`.
    @discardableResult
    @inline(__always)
    mutating func seek(indexInBlock i: Int) -> Int {
        if i < count && i >= index && doc >= 0 && doc != Self.exhausted {
            index = i
            doc = Int(docs[i])
            return doc
        }
        return advance(to: lastInBlock + 1)
    }

    /// The positions of the current posting.
    mutating func positions() -> [UInt32] {
        var out: [UInt32] = []
        positions(into: &out)
        return out
    }

    /// The positions of the current posting, into a reused buffer.
    mutating func positions(into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        guard var stream = positionStream() else { return }
        out.reserveCapacity(min(stream.remaining, 1 << 12))  // a damaged tf must not allocate gigabytes
        while let p = stream.next() { out.append(p) }
        if stream.damaged { markDamaged(); out.removeAll() }
    }

    /// The positions of the current posting, read one at a time (a phrase check can stop at
    /// its first match); nil when there is no posting or the block is damaged.
    mutating func positionStream() -> PositionStream? {
        guard block >= 0, doc != Self.exhausted else { return nil }
        if positionReader == nil || positionsIndex > index {
            // The block's positions (`PositionCoding`): the header, then each posting's
            // remainder bits (where its remainders start: `bitOffsets`), then the quotients.
            var gaps = 0
            for i in 0..<count { gaps += Int(tfs[i]) }
            guard let scales, var reader = RiceCursor(positionData, at: positionsOffset, hasGaps: gaps > 0) else { damaged = true; return nil }
            // Every document of a loaded block is below docCount (checked by `load`). The
            // widths of `PositionCoding.remainderBits`, with tf = 1 (most postings) apart.
            var bits = 0
            let firstBase = reader.firstBase - 16, gapBase = reader.gapBase - 16
            for i in 0..<count {
                bitOffsets[i] = UInt32(truncatingIfNeeded: bits)
                let t = Int(tfs[i]), scale = Int(scales[Int(docs[i])])
                if t == 0 {
                    bits += min(28, max(0, scale + firstBase))
                } else {
                    let l = scale - PositionCoding.log2(t + 1)
                    bits += min(28, max(0, l + firstBase)) + t * min(28, max(0, l + gapBase))
                }
            }
            guard bits < Int(UInt32.max), reader.start(values: gaps + count, remainderBits: bits) else { damaged = true; return nil }
            positionReader = reader
            positionsIndex = 0
        }
        guard var reader = positionReader else { return nil }
        // Skip the positions of the block's postings before this one.
        var skip = 0
        let bits = Int(bitOffsets[index]) - Int(bitOffsets[positionsIndex])
        while positionsIndex < index {
            skip += Int(tfs[positionsIndex]) + 1
            positionsIndex += 1
        }
        guard reader.skip(skip, remainderBits: bits) else { damaged = true; positionReader = nil; return nil }
        // The reader stays at the start of this posting's positions (reading them again, for
        // a phrase and then for passages, costs no restart); the stream reads a copy.
        positionReader = reader
        guard let scales else { return nil }
        let tf = tf, scale = Int(scales[Int(docs[index])])
        return PositionStream(reader: reader, remaining: tf,
                              firstWidth: PositionCoding.width(base: reader.firstBase, scale: scale, tf: tf),
                              gapWidth: PositionCoding.width(base: reader.gapBase, scale: scale, tf: tf))
    }
}

/// One posting's positions, decoded as they are read: the first, then running sums of gaps.
struct PositionStream {
    fileprivate var reader: RiceCursor
    fileprivate(set) var remaining: Int
    private var last: UInt32 = 0
    private var started = false
    /// Set when the data ended before the posting's positions did.
    private(set) var damaged = false

    private let firstWidth: Int
    private let gapWidth: Int

    fileprivate init(reader: RiceCursor, remaining: Int, firstWidth: Int, gapWidth: Int) {
        self.reader = reader
        self.remaining = remaining
        self.firstWidth = firstWidth
        self.gapWidth = gapWidth
    }

    /// The next position (ascending; equal ones are sub-words of one token), or nil at the end.
    @inline(__always)
    mutating func next() -> UInt32? {
        guard remaining > 0 else { return nil }
        guard let v = reader.next(width: started ? gapWidth : firstWidth) else {
            damaged = true
            remaining = 0
            return nil
        }
        remaining -= 1
        last = started ? last &+ v : v
        started = true
        return last
    }
}

/// The cursors of one search on one segment, and the memory their decoded blocks live in.
/// Cursors are reached through `cursors` (an unsafe buffer: mutation in place, no copies);
/// the set keeps the memory alive, so a search holds its set for as long as it uses them.
final class CursorSet {
    let cursors: UnsafeMutableBufferPointer<PostingCursor>
    private let buffer: UnsafeMutablePointer<UInt32>
    /// The segment's document scales, which the cursors point into.
    private let scales: OwnedBuffer<UInt8>

    init(segment: SegmentReader, infos: [SegmentReader.TermInfo]) {
        scales = segment.lengthScales
        let stride = 3 * SegmentFormat.blockSize
        buffer = .allocate(capacity: max(1, infos.count) * stride)
        buffer.initialize(repeating: 0, count: max(1, infos.count) * stride)
        cursors = .allocate(capacity: infos.count)
        for (i, info) in infos.enumerated() {
            cursors.initializeElement(at: i, to: PostingCursor(segment: segment, info: info, buffer: buffer + i * stride, scales: scales))
        }
    }

    deinit {
        cursors.deallocate()
        buffer.deallocate()
    }
}
