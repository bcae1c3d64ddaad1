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
    var hasSupplementary = false     // a scalar above U+FFFF: UTF-16 and scalar offsets differ
    // Decoding's scratch (grow-only; see `decode`).
    var decodedScalars: [UInt32] = []
    var decodedOffsets: [Int] = []
    var decodedUTF16: [UInt16] = []

    // ICU's word ends, in UTF-16 offsets (in scalar offsets once the rules have read them).
    var icuEnds: [Int32] = []

    // The hot arrays below only grow: the first `segCount`, `scalars.count` (+1) or
    // `pathCount` elements are live, and the passes write them through pointers, so the
    // loops pay no copy-on-write check or capacity check per element.

    /// Base segments: ICU words after the rules, tiling the chunk.
    var segments: [BaseSegment] = []
    var segCount = 0
    /// Per scalar: its base segment.
    var segOf: [Int32] = []

    /// Dictionary matches by start position: `matches[matchFirst[i]..<matchFirst[i+1]]`.
    var matchFirst: [Int32] = []
    var matches: [Match] = []
    /// Positions that pass the lexicon's filters (where a walk may find a word).
    var candidates: [Int32] = []

    // Resolver.
    var cost: [Float] = []
    var back: [Int32] = []
    var backEdge: [Int32] = []       // entry id >= 0, or an Edge code below
    /// The resolved path: every token's end and edge, in order.
    var path: [PathStep] = []
    var pathCount = 0

    /// Person names found in context so far in this call (`Worker+Names.swift`).
    var knownNames: [UInt64] = []
    /// Japanese names joined so far in this call, a family name's key and its given name's
    /// key a pair (`Worker+Japanese.swift`).
    var knownJapaneseNames: [UInt64] = []
    /// Has this call named Japan (日本) so far (`Worker+Japanese.swift`)?
    var namesJapan = false

    // Search mode: is a 2- or 3-scalar Han string one word for ICU? Cached per worker.
    var oracleCache = OracleCache()
    // Search mode: a long token's parts, as sortable keys and their sources (see appendSubwords).
    var subwordKeys: [UInt64] = []
    var subwordSources: [Token.Source] = []
    var oracleEnds: [Int32] = []
    var oracleUTF16: [UInt16] = []
    /// Output: the chunk's precise tokens before they are appended to the caller's array.
    var tokenScratch: [Token] = []

    enum Edge {
        static let base: Int32 = -1
        static let remainder: Int32 = -2
        /// ICU's pieces joined by a rule of ours: names, transliterations, suffixes
        /// (`Worker+Names.swift`).
        static let joined: Int32 = -3
    }

    /// An ICU word after the rules, in scalar offsets.
    struct BaseSegment {
        var start: Int32
        var end: Int32
        /// Made by a rule: a number with its unit, a date, an ordinal, a code.
        var isRule: Bool
        /// Dictionary words may not cut it (anything but an ideographic ICU word).
        var isAtomic: Bool
        static let zero = BaseSegment(start: 0, end: 0, isRule: false, isAtomic: false)
    }

    /// A dictionary word found at a position: where it ends and its entry.
    struct Match {
        var end: Int32
        var id: Int32
    }

    /// One token of the resolved path: its end, and its edge (entry id >= 0, or an `Edge`).
    struct PathStep {
        var end: Int32
        var edge: Int32
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
        lexicon: Lexicon?, mode: Segmenter.Mode, icuOnly: Bool, folding: TraditionalFolding? = nil, out: inout [Token]
    ) throws(SegmenterError) -> Int {
        try decode(bytes, trusted: trusted, byteBase: byteBase)
        let n = scalars.count
        if n == 0 { return 0 }
        if let folding, scalars.withUnsafeMutableBufferPointer({ folding.fold($0) }) { encodeUTF16() }
        let icuOK = findICUWords()
        if icuOnly {
            emitICUWords(icuOK, byteBase: byteBase, scalarBase: scalarBase, out: &out)
            return n
        }
        applyRules(icuOK: icuOK)
        resolve(lexicon: lexicon)
        joinNames(lexicon: lexicon)
        emit(lexicon: lexicon, mode: mode, byteBase: byteBase, scalarBase: scalarBase, out: &out)
        return n
    }

    // MARK: - Decoding

    /// Decodes the chunk into `scalars` (folded), `byteOffsets` and `utf16`.
    ///
    /// Written through pointers into grow-only scratch arrays sized for the most (a scalar
    /// and a UTF-16 unit per byte), then copied whole (no capacity or uniqueness check per
    /// element, as `append` makes; and no refill of a cut array for every chunk).
    private mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, trusted: Bool, byteBase: Int) throws(SegmenterError) {
        let n = bytes.count
        decodedScalars.grow(toAtLeast: n, with: 0)
        decodedOffsets.grow(toAtLeast: n + 1, with: 0)
        decodedUTF16.grow(toAtLeast: n, with: 0)
        var count = 0          // scalars written
        var units = 0          // UTF-16 units written
        var supplementary = false
        var invalidAt = -1     // the first invalid byte (untrusted input), or -1
        decodedScalars.withUnsafeMutableBufferPointer { scalars in
        decodedOffsets.withUnsafeMutableBufferPointer { offsets in
        decodedUTF16.withUnsafeMutableBufferPointer { utf16 in
            // Safe because: each byte gives at most one scalar and one UTF-16 unit, and a
            // scalar of two units takes four bytes, so count <= n, units <= n (and the
            // offsets' end at count <= n).
            var i = 0
            let base = bytes.baseAddress
            while i < n {
                // Runs of three-byte characters led by E4–EC (U+4000–U+CFFF: the common Han
                // ideographs), four bytes read at once: one test takes the lead byte's range
                // and both continuation bytes, and none of them folds or needs two UTF-16
                // units, so they are written as they are (the loop below gives the same).
                if let base {
                    while i &+ 4 <= n {
                        // Safe because: i + 4 <= n, so the four bytes are inside the buffer.
                        let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self).littleEndian
                        guard (w & 0x00C0_C0FF) &- 0x0080_80E4 < 9 else { break }
                        let v = (w & 0x0F) << 12 | (w >> 2) & 0xFC0 | (w >> 16) & 0x3F
                        scalars[count] = v
                        offsets[count] = i
                        utf16[units] = UInt16(truncatingIfNeeded: v)
                        count &+= 1
                        units &+= 1
                        i &+= 3
                    }
                    if i >= n { break }
                }
                let b = bytes[i]
                var v: UInt32
                var len: Int
                if b < 0x80 {
                    v = UInt32(b)
                    len = 1
                } else if b &- 0xE1 < 0x0F && b != 0xED && i &+ 2 < n
                            && (bytes[i &+ 1] & 0xC0) == 0x80 && (bytes[i &+ 2] & 0xC0) == 0x80 {
                    // Three bytes led by E1–EC or EE–EF (all of Han and Chinese punctuation):
                    // never overlong, never a surrogate, so the continuation bytes suffice;
                    // anything else takes the full check below.
                    v = ScalarClass.fold((UInt32(b & 0x0F) << 12) | (UInt32(bytes[i &+ 1] & 0x3F) << 6)
                        | UInt32(bytes[i &+ 2] & 0x3F))
                    len = 3
                } else if let (value, length) = UTF8Decoding.decode(bytes, at: i) {
                    v = ScalarClass.fold(value)
                    len = length
                } else {
                    if !trusted {
                        invalidAt = i
                        return
                    }
                    v = 0xFFFD
                    len = 1
                }
                scalars[count] = v
                offsets[count] = i
                count &+= 1
                if v < 0x10000 {
                    utf16[units] = UInt16(truncatingIfNeeded: v)
                    units &+= 1
                } else {
                    let w = v - 0x10000
                    utf16[units] = UInt16(truncatingIfNeeded: 0xD800 + (w >> 10))
                    utf16[units + 1] = UInt16(truncatingIfNeeded: 0xDC00 + (w & 0x3FF))
                    units += 2
                    supplementary = true
                }
                i &+= len
            }
            offsets[count] = n
        }
        }
        }
        if invalidAt >= 0 { throw .invalidUTF8(byteOffset: byteBase + invalidAt) }
        scalars.removeAll(keepingCapacity: true)
        byteOffsets.removeAll(keepingCapacity: true)
        utf16.removeAll(keepingCapacity: true)
        decodedScalars.withUnsafeBufferPointer { scalars.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
        decodedOffsets.withUnsafeBufferPointer { byteOffsets.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0...count])) }
        decodedUTF16.withUnsafeBufferPointer { utf16.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<units])) }
        hasSupplementary = supplementary
    }

    /// Rewrites `utf16` from `scalars` (after folding changed them; one scalar for one, so
    /// `byteOffsets` still hold).
    private mutating func encodeUTF16() {
        utf16.removeAll(keepingCapacity: true)
        hasSupplementary = false
        for v in scalars where utf16.appendUTF16(v) {
            hasSupplementary = true
        }
    }

    // MARK: - ICU

    /// Runs ICU over the chunk, leaving its word ends in `icuEnds` (UTF-16 offsets).
    /// - Returns: false when ICU is unavailable or failed (then every scalar is a word: still a
    ///   valid tiling).
    private mutating func findICUWords() -> Bool {
        icuEnds.removeAll(keepingCapacity: true)
        let ok = utf16.withUnsafeBufferPointer { buf in
            cursor?.breaks(buf, ends: &icuEnds) ?? false
        }
        return ok && icuEnds.last == Int32(utf16.count)
    }

    /// Rewrites `icuEnds` from UTF-16 to scalar offsets (a no-op for BMP-only text, where the
    /// two agree). ICU never breaks inside a surrogate pair, but if it did, the boundary
    /// moves to the end of that scalar (and may then repeat the previous one).
    mutating func convertICUEnds(icuOK: Bool) {
        let n = scalars.count
        guard icuOK else {
            icuEnds.removeAll(keepingCapacity: true)
            for i in 1...n { icuEnds.append(Int32(i)) }
            return
        }
        guard hasSupplementary else { return }
        var s = 0
        var u = 0
        for k in icuEnds.indices {
            let end16 = Int(icuEnds[k])
            while u < end16 && s < n {
                u += scalars[s] < 0x10000 ? 1 : 2
                s += 1
            }
            icuEnds[k] = Int32(s)
        }
    }

    /// ICU alone: its words as tokens.
    private mutating func emitICUWords(_ icuOK: Bool, byteBase: Int, scalarBase: Int, out: inout [Token]) {
        convertICUEnds(icuOK: icuOK)
        // On raw buffers, like the precise mode's output (a fair baseline).
        scalars.withUnsafeBufferPointer { scalars in
        byteOffsets.withUnsafeBufferPointer { offsets in
            var start = 0
            for end in icuEnds {
                let e = Int(end)
                if e > start {
                    let first = scalars[start]
                    out.append(Token(
                        utf8Range: (byteBase + offsets[start])..<(byteBase + offsets[e]),
                        scalarRange: (scalarBase + start)..<(scalarBase + e),
                        kind: ScalarClass.isHan(first) ? .ideographic : ScalarClass.kind(of: first),
                        source: .icu))
                    start = e
                }
            }
        }
        }
    }

    // MARK: - Output

    @inline(__always)
    func makeToken(_ a: Int, _ b: Int, source: Token.Source, byteBase: Int, scalarBase: Int, subword: Bool = false,
                   joined: Bool = false) -> Token {
        let first = scalars[a]
        var kind = ScalarClass.isHan(first) ? .ideographic : ScalarClass.kind(of: first)
        if kind != .ideographic && (source == .builtinDictionary || source == .userDictionary || joined) {
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

extension Array {
    /// Grows the array to at least `count` elements, never shrinking it, so that a pass can
    /// write its first `count` through a pointer (the scratch arrays of a `Worker`).
    @inline(__always)
    mutating func grow(toAtLeast count: Int, with filler: Element) {
        if self.count < count { append(contentsOf: repeatElement(filler, count: count - self.count)) }
    }
}
