/// The scratch space and ICU cursor of one segmentation at a time.
///
/// A `Worker` turns one chunk of UTF-8 into tokens in four passes over reusable arrays:
/// decode (fold + UTF-16 for ICU), ICU boundaries, rules (`Worker+Rules.swift`), and the
/// resolver (`Worker+Resolve.swift`), which finds the cheapest path through ICU's words,
/// dictionary words and the pieces between them. Search mode adds sub-words
/// (`Worker+Search.swift`). Workers are pooled by the `Segmenter`; one thread uses a worker
/// at a time.
// @unchecked Sendable: a worker moves between threads only through the engine's pool, and one
// thread at a time uses it (borrow … giveBack).
struct Worker: @unchecked Sendable {
    let cursor: ICUWordBreaker.Cursor?

    // Decoded chunk.
    var scalars: [UInt32] = []       // folded scalar values
    var byteOffsets: [Int] = []      // byte offset of each scalar, plus the end
    var utf16: [UInt16] = []         // folded text for ICU

    // ICU's answer, in UTF-16 offsets.
    var icuEnds: [Int32] = []
    var icuStatuses: [Int32] = []

    // ICU's words in scalar offsets, before the rules.
    var icuStart: [Int32] = []
    var icuEnd: [Int32] = []

    // Base segments: ICU words after the rules, tiling the chunk.
    var segStart: [Int32] = []
    var segEnd: [Int32] = []
    var segRule: [Bool] = []         // made by a rule (atomic)
    var segAtomic: [Bool] = []       // dictionary words may not cut it
    var segOf: [Int32] = []          // per scalar: its base segment

    // Dictionary matches by start position: matchEnd/matchID[matchFirst[i]..<matchFirst[i+1]].
    var matchFirst: [Int32] = []
    var matchEnd: [Int32] = []
    var matchID: [Int32] = []

    // Resolver.
    var cost: [Float] = []
    var back: [Int32] = []
    var backEdge: [Int32] = []       // entry id >= 0, or an Edge code below
    var pathEnds: [Int32] = []
    var pathEdges: [Int32] = []      // per path token: entry id >= 0, or an Edge code

    // Search mode: is a 2- or 3-scalar Han string one word for ICU? Cached per worker.
    var oracleCache: [UInt64: Bool] = [:]
    var oracleEnds: [Int32] = []
    var oracleStatuses: [Int32] = []
    var oracleUTF16: [UInt16] = []

    enum Edge {
        static let base: Int32 = -1
        static let remainder: Int32 = -2
    }

    init(cursor: ICUWordBreaker.Cursor?) {
        self.cursor = cursor
    }

    /// Segments one chunk and appends its tokens to `out`.
    ///
    /// - Parameters:
    ///   - bytes: the chunk, UTF-8.
    ///   - trusted: the bytes come from a Swift `String` and are valid UTF-8.
    ///   - byteBase, scalarBase: the chunk's offsets within the whole input.
    /// - Throws: `SegmenterError.invalidUTF8` with the offset in the whole input (untrusted only).
    mutating func segment(
        _ bytes: UnsafeBufferPointer<UInt8>, trusted: Bool, byteBase: Int, scalarBase: Int,
        lexicon: Lexicon?, mode: Segmenter.Mode, icuOnly: Bool, out: inout [Token]
    ) throws(SegmenterError) -> Int {
        try decode(bytes, trusted: trusted, byteBase: byteBase)
        let n = scalars.count
        if n == 0 { return 0 }
        findICUSegments()
        if icuOnly {
            for k in 0..<icuStart.count {
                let a = Int(icuStart[k]), b = Int(icuEnd[k])
                out.append(makeToken(a, b, source: .icu, byteBase: byteBase, scalarBase: scalarBase))
            }
            return n
        }
        applyRules()
        resolve(lexicon: lexicon)
        emit(lexicon: lexicon, mode: mode, byteBase: byteBase, scalarBase: scalarBase, out: &out)
        return n
    }

    // MARK: - Decoding

    private mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, trusted: Bool, byteBase: Int) throws(SegmenterError) {
        scalars.removeAll(keepingCapacity: true)
        byteOffsets.removeAll(keepingCapacity: true)
        utf16.removeAll(keepingCapacity: true)
        let n = bytes.count
        scalars.reserveCapacity(n)
        byteOffsets.reserveCapacity(n + 1)
        utf16.reserveCapacity(n)
        var i = 0
        while i < n {
            let b = bytes[i]
            var v: UInt32
            var len: Int
            if b < 0x80 {
                v = UInt32(b)
                len = 1
            } else if let (value, length) = UTF8Decoding.decode(bytes, at: i) {
                v = ScalarClass.fold(value)
                len = length
            } else {
                if !trusted { throw .invalidUTF8(byteOffset: byteBase + i) }
                v = 0xFFFD
                len = 1
            }
            scalars.append(v)
            byteOffsets.append(i)
            if v < 0x10000 {
                utf16.append(UInt16(truncatingIfNeeded: v))
            } else {
                let w = v - 0x10000
                utf16.append(UInt16(truncatingIfNeeded: 0xD800 + (w >> 10)))
                utf16.append(UInt16(truncatingIfNeeded: 0xDC00 + (w & 0x3FF)))
            }
            i += len
        }
        byteOffsets.append(n)
    }

    // MARK: - ICU

    /// Fills the base segments with ICU's words, converted from UTF-16 to scalar offsets.
    private mutating func findICUSegments() {
        icuStart.removeAll(keepingCapacity: true)
        icuEnd.removeAll(keepingCapacity: true)
        icuEnds.removeAll(keepingCapacity: true)
        icuStatuses.removeAll(keepingCapacity: true)
        let ok = utf16.withUnsafeBufferPointer { buf in
            cursor?.breaks(buf, ends: &icuEnds, statuses: &icuStatuses) ?? false
        }
        let n = scalars.count
        if !ok || icuEnds.last != Int32(utf16.count) {
            // ICU unavailable or failed: every scalar is a segment (still a valid tiling).
            for i in 0..<n {
                icuStart.append(Int32(i))
                icuEnd.append(Int32(i + 1))
            }
            return
        }
        // Walk scalars and UTF-16 units together; ICU never breaks inside a surrogate pair,
        // but if it did, the boundary moves to the end of that scalar.
        var s = 0
        var u = 0
        var start: Int32 = 0
        for end16 in icuEnds {
            while u < Int(end16) && s < n {
                u += scalars[s] < 0x10000 ? 1 : 2
                s += 1
            }
            if Int32(s) > start {
                icuStart.append(start)
                icuEnd.append(Int32(s))
                start = Int32(s)
            }
        }
        if Int(start) < n {
            icuStart.append(start)
            icuEnd.append(Int32(n))
        }
    }

    // MARK: - Output

    @inline(__always)
    func makeToken(_ a: Int, _ b: Int, source: Token.Source, byteBase: Int, scalarBase: Int, subword: Bool = false) -> Token {
        var kind = ScalarClass.kind(of: scalars[a])
        if kind != .ideographic && (source == .builtinDictionary || source == .userDictionary) {
            for i in a..<b where ScalarClass.isHan(scalars[i]) {
                kind = .ideographic
                break
            }
        }
        return Token(
            utf8Range: (byteBase + byteOffsets[a])..<(byteBase + byteOffsets[b]),
            scalarRange: (scalarBase + a)..<(scalarBase + b),
            kind: kind, source: source, isSubword: subword)
    }
}
