#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output of the resolved path, and the sub-words of search mode.
///
/// Search mode emits each precise token and, after a token of three or more Han
/// characters, its parts, each with its own offsets: the dictionary words inside it, ICU's
/// words inside it, and every two- and three-character part that ICU's dictionary knows as
/// a word (asked of ICU once per distinct string and cached). For 中国特色社会主义 that gives
/// 中国, 特色, 社会主义, 社会, 主义.
extension Worker {
    mutating func emit(lexicon: Lexicon?, mode: Segmenter.Mode, byteBase: Int, scalarBase: Int, out: inout [Token]) {
        // Room for the precise tokens at once (a caller's new array would otherwise grow
        // several times per text), growing geometrically across the chunks of a long text.
        let needed = out.count + pathCount
        if out.capacity < needed { out.reserveCapacity(max(needed, 2 * out.capacity)) }
        // The tokens are written through a pointer into the worker's grow-only scratch (a
        // path has at most one token per scalar) and appended to `out` in one copy: `append`
        // pays a uniqueness and a capacity check per token. The scratch is moved out of the
        // worker for this (no copy), since `emitTokens` reads the worker at the same time.
        var scratch: [Token] = []
        swap(&scratch, &tokenScratch)
        defer { swap(&scratch, &tokenScratch) }
        scratch.grow(toAtLeast: pathCount, with: Token(utf8Range: 0..<0, scalarRange: 0..<0, kind: .symbol, source: .icu))
        // Search mode stops after each token with parts to append them, then goes on.
        var run = EmittedRun(next: 0, end: 0, partsStart: -1)
        repeat {
            let from = run.next
            run = emitTokens(from: from, at: run.end, stoppingForParts: mode == .search, lexicon: lexicon,
                             byteBase: byteBase, scalarBase: scalarBase, into: &scratch)
            scratch.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[from..<run.next])) }
            if run.partsStart >= 0 {
                appendSubwords(run.partsStart, run.end, lexicon: lexicon, byteBase: byteBase, scalarBase: scalarBase, out: &out)
            }
        } while run.next < pathCount
    }

    /// Where `emitTokens` stopped: the next path step and where its token starts, and the
    /// start of the last token written when search mode stopped for its parts (else -1).
    private struct EmittedRun {
        var next: Int
        var end: Int
        var partsStart: Int
    }

    /// The precise tokens of `path[index...]` (the first starting at scalar `start`), written
    /// to `out` at the same indices, on raw buffers; with `stoppingForParts`, up to and
    /// including the first token that has parts in search mode: one of three or more
    /// characters that begins with a Han character, or a joined term that begins with its
    /// number (12315热线).
    private func emitTokens(from index: Int, at start: Int, stoppingForParts: Bool, lexicon: Lexicon?,
                            byteBase: Int, scalarBase: Int, into tokens: inout [Token]) -> EmittedRun {
        let count = pathCount
        return tokens.withUnsafeMutableBufferPointer { out in
        scalars.withUnsafeBufferPointer { scalars in
        byteOffsets.withUnsafeBufferPointer { offsets in
        path.withUnsafeBufferPointer { path in
        segments.withUnsafeBufferPointer { segments in
        segOf.withUnsafeBufferPointer { segOf in
        (lexicon?.isUser ?? []).withUnsafeBufferPointer { isUser in
            var a = start
            var index = index
            while index < count {
                let step = path[index]
                let b = Int(step.end)
                let edge = step.edge
                let first = scalars[a]
                let han = ScalarClass.isHan(first)
                var kind: Token.Kind = han ? .ideographic : ScalarClass.kind(of: first)
                let source: Token.Source
                if edge >= 0 {
                    source = isUser[Int(edge)] ? .userDictionary : .builtinDictionary
                    // A dictionary word with any Han character in it is ideographic.
                    if kind != .ideographic {
                        for i in a..<b where ScalarClass.isHan(scalars[i]) {
                            kind = .ideographic
                            break
                        }
                    }
                } else if edge == Edge.joined || (edge == Edge.base && segments[Int(segOf[a])].isRule) {
                    source = .rule
                    // A term the names pass joined with a number in front is ideographic (12315热线).
                    if edge == Edge.joined && kind != .ideographic {
                        for i in a..<b where ScalarClass.isHan(scalars[i]) {
                            kind = .ideographic
                            break
                        }
                    }
                } else {
                    source = .icu
                }
                // Safe because: `out` has room for `pathCount` tokens (see `emit`).
                out[index] = Token(
                    utf8Range: (byteBase + offsets[a])..<(byteBase + offsets[b]),
                    scalarRange: (scalarBase + a)..<(scalarBase + b),
                    kind: kind, source: source)
                index += 1
                if stoppingForParts && b - a >= 3 && (han || edge == Edge.joined) {
                    return EmittedRun(next: index, end: b, partsStart: a)
                }
                a = b
            }
            return EmittedRun(next: index, end: a, partsStart: -1)
        }
        }
        }
        }
        }
        }
        }
    }

    private mutating func appendSubwords(_ a: Int, _ b: Int, lexicon: Lexicon?, byteBase: Int, scalarBase: Int, out: inout [Token]) {
        // Candidates as sortable keys: start, end, and the order they were found in (so that
        // of two candidates with the same span the first found is kept), with their sources
        // alongside. A token has few, so a small sort.
        subwordKeys.removeAll(keepingCapacity: true)
        subwordSources.removeAll(keepingCapacity: true)
        // The two- and three-character parts added so far, by their start's offset from `a`
        // (tokens of up to 64 characters): ICU's dictionary is not asked about them again,
        // since of two parts with the same span the first found is kept anyway.
        var added2: UInt64 = 0, added3: UInt64 = 0
        let marks = b - a <= 64
        func add(_ s: Int, _ e: Int, _ source: Token.Source) {
            // 16 bits for the order (a token has far fewer parts; this bounds pathological ones).
            guard subwordSources.count < 1 << 16 else { return }
            subwordKeys.append(UInt64(s) << 40 | UInt64(e) << 16 | UInt64(subwordSources.count))
            subwordSources.append(source)
            if marks {
                if e - s == 2 { added2 |= 1 << UInt64(s - a) } else if e - s == 3 { added3 |= 1 << UInt64(s - a) }
            }
        }
        if let lexicon {
            for p in a..<b {
                var m = Int(matchFirst[p])
                while m < Int(matchFirst[p + 1]) {
                    let e = Int(matches[m].end)
                    if e <= b && e - p >= 2 && !(p == a && e == b) {
                        add(p, e, lexicon.isUser[Int(matches[m].id)] ? .userDictionary : .builtinDictionary)
                    }
                    m += 1
                }
            }
        }
        var k = Int(segOf[a])
        while k < segCount && Int(segments[k].end) <= b {
            let s = Int(segments[k].start), e = Int(segments[k].end)
            if s >= a && e - s >= 2 && !(s == a && e == b) { add(s, e, .icu) }
            k += 1
        }
        for length in 2...3 where length < b - a {
            let added = length == 2 ? added2 : added3
            for p in a...(b - length) {
                if marks && added & (1 << UInt64(p - a)) != 0 { continue }
                if isICUWord(p, p + length) { add(p, p + length, .icu) }
            }
        }
        subwordKeys.sort()
        var last: UInt64 = .max
        for key in subwordKeys where key >> 16 != last {
            let s = Int(key >> 40), e = Int((key >> 16) & 0xFF_FFFF)
            let source = subwordSources[Int(key & 0xFFFF)]
            out.append(makeToken(s, e, source: source, byteBase: byteBase, scalarBase: scalarBase, subword: true))
            last = key >> 16
        }
    }

    /// Whether ICU's dictionary segments the Han string scalars[a..<b] (2 or 3 scalars) as
    /// one word.
    private mutating func isICUWord(_ a: Int, _ b: Int) -> Bool {
        // Two common ideographs: from the direct dictionary's tables, which the division has
        // just read (the cache below is a miss in a 1 MiB table).
        if b - a == 2, let known = cursor?.isPairWord(scalars[a], scalars[a + 1]) { return known }
        // Three: most are no word of the dictionary at all, which its tables say at once
        // (the cache below is a miss in a 1 MiB table).
        if b - a == 3, cursor?.mayBeTripleWord(scalars[a], scalars[a + 1], scalars[a + 2]) == false { return false }
        var key: UInt64 = 0
        for i in a..<b {
            let v = scalars[i]
            guard ScalarClass.isHan(v) else { return false }
            key = (key << 21) | UInt64(v)
        }
        if let known = oracleCache.lookup(key) { return known }
        oracleUTF16.removeAll(keepingCapacity: true)
        for i in a..<b { oracleUTF16.appendUTF16(scalars[i]) }
        let word = oracleUTF16.withUnsafeBufferPointer { buf in
            cursor?.isOneWord(buf, scratchEnds: &oracleEnds) ?? false
        }
        oracleCache.insert(key, word)
        return word
    }
}

/// The search mode's cache of ICU's answers for 2- and 3-scalar Han strings: direct-mapped,
/// 2^17 entries (1 MiB, allocated on first use as untouched zero pages: only the slots in use
/// are ever touched), one multiply-shift hash per lookup. A newer string may evict an older
/// one with the same slot; ICU is then asked again.
struct OracleCache {
    /// Per slot: the key (three 21-bit scalars at most, so 63 bits) shifted left by one, with
    /// the answer in bit 0; 0 when empty (no key is 0: Han scalars are not). Nil until the
    /// first insert (and when there is no memory for it: then nothing is cached).
    private var slots: ZeroedWords?
    private static let bits = 17

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    func lookup(_ key: UInt64) -> Bool? {
        guard let slots else { return nil }
        let entry = slots.words[Self.slot(key)]
        return entry >> 1 == key && entry != 0 ? entry & 1 == 1 : nil
    }

    mutating func insert(_ key: UInt64, _ word: Bool) {
        if slots == nil {
            slots = ZeroedWords(count: 1 << Self.bits)
        } else if !isKnownUniquelyReferenced(&slots!) {
            slots = slots!.copy()  // a copied worker: its own cache from now on
        }
        slots?.words[Self.slot(key)] = key << 1 | (word ? 1 : 0)
    }
}

/// 64-bit words from calloc, zero: a large block comes from the system as untouched zero
/// pages, so making it costs nothing (an array is written whole first: 1 MiB of memset and
/// 256 page faults at every process's first search-mode text).
///
/// `@unchecked Sendable`: written only through `OracleCache.insert`, when uniquely referenced
/// by a worker, which one thread uses at a time.
final class ZeroedWords: @unchecked Sendable {
    let words: UnsafeMutableBufferPointer<UInt64>

    /// Nil when there is no memory.
    init?(count: Int) {
        guard let memory = calloc(count, MemoryLayout<UInt64>.stride) else { return nil }
        words = UnsafeMutableBufferPointer(start: memory.bindMemory(to: UInt64.self, capacity: count), count: count)
    }

    /// A copy of the words (nil when there is no memory).
    func copy() -> ZeroedWords? {
        guard let other = ZeroedWords(count: words.count) else { return nil }
        _ = other.words.update(fromContentsOf: words)
        return other
    }

    deinit { free(words.baseAddress) }
}
