/// Output of the resolved path, and the sub-words of search mode.
///
/// Search mode emits each precise token and, after a token of three or more Han
/// characters, its parts, each with its own offsets: the dictionary words inside it, ICU's
/// words inside it, and every two- and three-character part that ICU's dictionary knows as
/// a word (asked of ICU once per distinct string and cached). For 中国特色社会主义 that gives
/// 中国, 特色, 社会主义, 社会, 主义.
extension Worker {
    mutating func emit(lexicon: Lexicon?, mode: Segmenter.Mode, byteBase: Int, scalarBase: Int, out: inout [Token]) {
        if mode == .precise {
            emitPrecise(lexicon: lexicon, byteBase: byteBase, scalarBase: scalarBase, out: &out)
            return
        }
        var a = 0
        for index in 0..<pathCount {
            let step = path[index]
            let b = Int(step.end)
            let edge = step.edge
            let source: Token.Source
            if edge >= 0, let lexicon {
                source = lexicon.isUser[Int(edge)] ? .userDictionary : .builtinDictionary
            } else if edge == Edge.base && segments[Int(segOf[a])].isRule {
                source = .rule
            } else {
                source = .icu
            }
            out.append(makeToken(a, b, source: source, byteBase: byteBase, scalarBase: scalarBase))
            if mode == .search && b - a >= 3 && ScalarClass.isHan(scalars[a]) {
                appendSubwords(a, b, lexicon: lexicon, byteBase: byteBase, scalarBase: scalarBase, out: &out)
            }
            a = b
        }
    }

    /// The precise tokens alone, on raw buffers.
    private func emitPrecise(lexicon: Lexicon?, byteBase: Int, scalarBase: Int, out: inout [Token]) {
        let count = pathCount
        scalars.withUnsafeBufferPointer { scalars in
        byteOffsets.withUnsafeBufferPointer { offsets in
        path.withUnsafeBufferPointer { path in
        segments.withUnsafeBufferPointer { segments in
        segOf.withUnsafeBufferPointer { segOf in
        (lexicon?.isUser ?? []).withUnsafeBufferPointer { isUser in
            var a = 0
            for index in 0..<count {
                let step = path[index]
                let b = Int(step.end)
                let edge = step.edge
                let first = scalars[a]
                var kind: Token.Kind = ScalarClass.isHan(first) ? .ideographic : ScalarClass.kind(of: first)
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
                } else if edge == Edge.base && segments[Int(segOf[a])].isRule {
                    source = .rule
                } else {
                    source = .icu
                }
                out.append(Token(
                    utf8Range: (byteBase + offsets[a])..<(byteBase + offsets[b]),
                    scalarRange: (scalarBase + a)..<(scalarBase + b),
                    kind: kind, source: source))
                a = b
            }
        }
        }
        }
        }
        }
        }
    }

    private mutating func appendSubwords(_ a: Int, _ b: Int, lexicon: Lexicon?, byteBase: Int, scalarBase: Int, out: inout [Token]) {
        // (start, end, source) candidates; a token has few, so a small array and a sort.
        var parts: [(Int, Int, Token.Source)] = []
        if let lexicon {
            for p in a..<b {
                var m = Int(matchFirst[p])
                while m < Int(matchFirst[p + 1]) {
                    let e = Int(matches[m].end)
                    if e <= b && e - p >= 2 && !(p == a && e == b) {
                        let user = lexicon.isUser[Int(matches[m].id)]
                        parts.append((p, e, user ? .userDictionary : .builtinDictionary))
                    }
                    m += 1
                }
            }
        }
        var k = Int(segOf[a])
        while k < segCount && Int(segments[k].end) <= b {
            let s = Int(segments[k].start), e = Int(segments[k].end)
            if s >= a && e - s >= 2 && !(s == a && e == b) { parts.append((s, e, .icu)) }
            k += 1
        }
        for length in 2...3 where length < b - a {
            for p in a...(b - length) where isICUWord(p, p + length) {
                parts.append((p, p + length, .icu))
            }
        }
        parts.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var last: (Int, Int) = (-1, -1)
        for (s, e, source) in parts where (s, e) != last {
            out.append(makeToken(s, e, source: source, byteBase: byteBase, scalarBase: scalarBase, subword: true))
            last = (s, e)
        }
    }

    /// Whether ICU's dictionary segments the Han string scalars[a..<b] (2 or 3 scalars) as
    /// one word.
    private mutating func isICUWord(_ a: Int, _ b: Int) -> Bool {
        var key: UInt64 = 0
        for i in a..<b {
            let v = scalars[i]
            guard ScalarClass.isHan(v) else { return false }
            key = (key << 21) | UInt64(v)
        }
        if let known = oracleCache[key] { return known }
        oracleUTF16.removeAll(keepingCapacity: true)
        for i in a..<b {
            let v = scalars[i]
            if v < 0x10000 {
                oracleUTF16.append(UInt16(truncatingIfNeeded: v))
            } else {
                let w = v - 0x10000
                oracleUTF16.append(UInt16(truncatingIfNeeded: 0xD800 + (w >> 10)))
                oracleUTF16.append(UInt16(truncatingIfNeeded: 0xDC00 + (w & 0x3FF)))
            }
        }
        oracleEnds.removeAll(keepingCapacity: true)
        let ok = oracleUTF16.withUnsafeBufferPointer { buf in
            cursor?.breaks(buf, ends: &oracleEnds) ?? false
        }
        let word = ok && oracleEnds.count == 1
        if oracleCache.count > 1 << 18 { oracleCache.removeAll(keepingCapacity: true) }
        oracleCache[key] = word
        return word
    }
}
