/// Walks one term's postings in a segment, a block of 128 at a time: document ordinals
/// (`doc`), term frequencies (`tf`), positions on demand, and the block table's upper bounds
/// for skipping (block-max pruning).
struct PostingCursor {
    // Views of the segment's mapped sections (raw pointers: no reference counting per step);
    // the search that makes cursors keeps the segment, and so the mapping, alive.
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
    private var docs = [UInt32](repeating: 0, count: SegmentFormat.blockSize)
    private var tfs = [UInt32](repeating: 0, count: SegmentFormat.blockSize)
    private var positionsOffset = 0
    private var positionsIndex = 0

    static let exhausted = Int.max

    init(segment: SegmentReader, info: SegmentReader.TermInfo) {
        postings = segment.postings
        positionData = segment.positions
        docCount = segment.docCount
        self.info = info
    }

    var tf: Int { Int(tfs[index]) + 1 }

    /// The last document of block `b`.
    /// Whether the list has a block table (lists of one block have none).
    @inline(__always)
    private var hasTable: Bool { info.blockCount > 1 }

    @inline(__always)
    func blockLastDoc(_ b: Int) -> Int {
        guard hasTable else { return Int.max }
        return Int(postings.u32(info.postingsOffset + b * SegmentFormat.blockInfoSize) ?? UInt32.max)
    }

    /// A block's upper-bound data: tfidf factor, max tf, min length per tf.
    func blockBound(_ b: Int) -> (Float, UInt32, Float) {
        guard hasTable else { return (info.tfidfBound, info.maxTF, info.minLengthPerTF) }
        let r = info.postingsOffset + b * SegmentFormat.blockInfoSize
        return (postings.f32(r + 12) ?? .infinity, postings.u32(r + 16) ?? .max, postings.f32(r + 20) ?? 0)
    }

    var currentBlock: Int { block }

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
            guard let d = p.u32(table + 4), let q = p.u32(table + 8) else { return false }
            dataOffset = d
            positions = q
        }
        let data = info.postingsOffset + Int(dataOffset)
        guard let docWidth = p.u8(data), let tfWidth = p.u8(data + 1) else { return false }
        let n = b == info.blockCount - 1 ? info.docFreq - b * SegmentFormat.blockSize : SegmentFormat.blockSize
        guard n > 0, n <= SegmentFormat.blockSize else { return false }
        let docBytes = BitPacking.byteCount(count: n, width: Int(docWidth))
        let ok = docs.withUnsafeMutableBufferPointer { BitPacking.unpack(p, at: data + 2, count: n, width: Int(docWidth), into: $0) }
            && tfs.withUnsafeMutableBufferPointer { BitPacking.unpack(p, at: data + 2 + docBytes, count: n, width: Int(tfWidth), into: $0) }
        guard ok else { return false }
        var base = b == 0 ? 0 : UInt32(clamping: blockLastDoc(b - 1))
        for i in 0..<n {
            base &+= docs[i]
            docs[i] = base
        }
        // A block's docs must end at the table's last doc; a mismatch is damage.
        if hasTable && Int(docs[n - 1]) != blockLastDoc(b) { return false }
        block = b
        count = n
        index = 0
        positionsOffset = info.positionsOffset + Int(positions)
        positionsIndex = 0
        return true
    }

    /// Moves to the next posting. - Returns: its document, or `exhausted`.
    @discardableResult
    mutating func next() -> Int {
        if doc == Self.exhausted { return doc }
        if block >= 0 && index + 1 < count {
            index += 1
        } else {
            let b = block + 1
            if b >= info.blockCount { doc = Self.exhausted; return doc }
            guard load(b) else { return fail() }
        }
        let d = Int(docs[index])
        if (doc >= 0 && d <= doc) || d >= docCount { return fail() }
        doc = d
        return doc
    }

    /// Moves to the first posting with a document ≥ `target`, skipping whole blocks by their
    /// last document. - Returns: that document, or `exhausted`.
    @discardableResult
    mutating func advance(to target: Int) -> Int {
        if doc >= target { return doc }
        var b = max(block, 0)
        if block < 0 || Int(docs[count - 1]) < target {
            if block >= 0 { b = block + 1 }
            while b < info.blockCount && blockLastDoc(b) < target { b += 1 }
            if b >= info.blockCount { doc = Self.exhausted; return doc }
            guard load(b) else { return fail() }
        }
        while index < count && Int(docs[index]) < target { index += 1 }
        if index >= count { doc = Self.exhausted; return doc }
        let d = Int(docs[index])
        if d >= docCount { return fail() }
        doc = d
        return doc
    }

    /// Skips to the start of block `b` (block-max pruning skips blocks that cannot compete).
    mutating func jump(toBlock b: Int) -> Int {
        if b >= info.blockCount { doc = Self.exhausted; return doc }
        guard load(b) else { return fail() }
        doc = Int(docs[0])
        return doc
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
        // Skip the positions of the block's earlier postings.
        let r = positionData
        while positionsIndex < index {
            for _ in 0..<(Int(tfs[positionsIndex]) + 1) {
                guard let (_, next) = r.varint(positionsOffset) else { damaged = true; return }
                positionsOffset = next
            }
            positionsIndex += 1
        }
        var offset = positionsOffset
        var last: UInt32 = 0
        for k in 0..<tf {
            guard let (v, next) = r.varint(offset) else { damaged = true; out.removeAll(); return }
            last = k == 0 ? v : last &+ v
            out.append(last)
            offset = next
        }
    }
}
