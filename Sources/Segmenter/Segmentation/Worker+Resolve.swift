/// The resolver: one segmentation out of ICU's words, the rule tokens and dictionary words.
///
/// Over the chunk's scalar positions it builds a lattice whose edges are
/// - every base segment (ICU word or rule token), cost 1;
/// - every dictionary word found at any position, cost `Lexicon.cost(of:)` (0.75–0.85:
///   user words below built-in ones, frequent below rare), provided it neither starts nor
///   ends inside an atomic segment (numbers, Latin words, punctuation, rule tokens);
/// - where a dictionary word cuts an ideographic ICU word, the pieces of that ICU word left
///   over on either side ("remainders"): 1.0 for a single character that stands alone as a
///   word (的, 在, 和 …), 1.5 for any other single character, 1.1 for longer pieces;
/// - and every edge that ends strictly inside an ICU word pays the cut penalty 0.75.
///
/// The cheapest path from the start to the end wins (dynamic programming, linear in the
/// number of edges). So a dictionary word that joins ICU's pieces (习|近平 → 习近平) always
/// wins; one that cuts into ICU's words must save more than the cut costs: 中国共产党员
/// with ICU's 中国|共产|党员 stays 中国|共产|党员 rather than 中国共产党|员.
extension Worker {
    static let cutPenalty: Float = 0.75
    static let remainderStandalone: Float = 1.0
    static let remainderSingle: Float = 1.5
    static let remainderLonger: Float = 1.1

    /// Single characters that are words of their own next to a dictionary word.
    private static let standalone = ScalarSet("的了在是和与及等对把被将为由向从以于中上下内外年月日人不也都就而并或又这那其之所有各该此每本全同跟给让使")

    /// Finds the dictionary matches and the cheapest path; leaves the path in `pathEnds`
    /// (the end of every token, in order) and its edges in `back`/`backEdge`.
    mutating func resolve(lexicon: Lexicon?) {
        let n = scalars.count
        findMatches(lexicon: lexicon)

        cost.removeAll(keepingCapacity: true)
        cost.append(contentsOf: repeatElement(Float.infinity, count: n + 1))
        back.removeAll(keepingCapacity: true)
        back.append(contentsOf: repeatElement(-1, count: n + 1))
        backEdge.removeAll(keepingCapacity: true)
        backEdge.append(contentsOf: repeatElement(Edge.base, count: n + 1))
        cost[0] = 0

        @inline(__always)
        func relax(_ from: Int, _ to: Int, _ c: Float, _ edge: Int32) {
            if c < cost[to] {
                cost[to] = c
                back[to] = Int32(from)
                backEdge[to] = edge
            }
        }
        @inline(__always)
        func endsInside(_ e: Int) -> Bool {
            e < n && Int(segStart[Int(segOf[e])]) != e
        }

        // The furthest end of any dictionary edge relaxed so far: where no edge spans a
        // segment, the path must take the segment as it is (no relaxing inside it).
        var frontier = 0
        var i = 0
        while i < n {
            defer { i += 1 }
            let here = cost[i]
            if here == .infinity { continue }
            let k = Int(segOf[i])
            let sStart = Int(segStart[k]), sEnd = Int(segEnd[k])
            if i == sStart && frontier <= i && matchFirst[i] == matchFirst[sEnd] {
                cost[sEnd] = here + 1
                back[sEnd] = Int32(i)
                backEdge[sEnd] = Edge.base
                i = sEnd - 1
                continue
            }
            if i == sStart {
                relax(i, sEnd, here + 1, Edge.base)
                if !segAtomic[k] {
                    // Heads: ICU word pieces before a dictionary word that starts inside it.
                    var p = i + 1
                    while p < sEnd {
                        if matchFirst[p] < matchFirst[p + 1] {
                            relax(i, p, here + remainderCost(i, p) + Self.cutPenalty, Edge.remainder)
                        }
                        p += 1
                    }
                }
            } else {
                // Inside an ideographic ICU word: its tail from here.
                relax(i, sEnd, here + remainderCost(i, sEnd), Edge.remainder)
            }
            guard let lexicon else { continue }
            var m = Int(matchFirst[i])
            let mEnd = Int(matchFirst[i + 1])
            while m < mEnd {
                let e = Int(matchEnd[m])
                let id = matchID[m]
                var c = here + lexicon.costs[Int(id)]
                if endsInside(e) { c += Self.cutPenalty }
                relax(i, e, c, id)
                if e > frontier { frontier = e }
                m += 1
            }
        }

        pathEnds.removeAll(keepingCapacity: true)
        var j = n
        while j > 0 {
            pathEnds.append(Int32(j))
            j = Int(back[j])
            if j < 0 { break }  // unreachable: every position is reachable along base edges
        }
        pathEnds.reverse()
    }

    @inline(__always)
    private func remainderCost(_ a: Int, _ b: Int) -> Float {
        if b - a == 1 {
            return Self.standalone.contains(scalars[a]) ? Self.remainderStandalone : Self.remainderSingle
        }
        return Self.remainderLonger
    }

    /// Every dictionary word at every position that may start one (not inside an atomic
    /// segment), not ending inside an atomic segment.
    private mutating func findMatches(lexicon: Lexicon?) {
        let n = scalars.count
        matchFirst.removeAll(keepingCapacity: true)
        matchEnd.removeAll(keepingCapacity: true)
        matchID.removeAll(keepingCapacity: true)
        matchFirst.reserveCapacity(n + 1)
        guard let lexicon, lexicon.count > 0 else {
            matchFirst.append(contentsOf: repeatElement(0, count: n + 1))
            return
        }
        // Work on local arrays: the closure below appends while the scalars are borrowed.
        var first = matchFirst, ends = matchEnd, ids = matchID
        matchFirst = []; matchEnd = []; matchID = []
        first.reserveCapacity(n + 1)
        segOf.withUnsafeBufferPointer { segOf in
        segAtomic.withUnsafeBufferPointer { segAtomic in
        segStart.withUnsafeBufferPointer { segStart in
        scalars.withUnsafeBufferPointer { sc in
        lexicon.withMatcher { matcher in
            for i in 0..<n {
                first.append(Int32(ends.count))
                let k = Int(segOf[i])
                if segAtomic[k] && Int(segStart[k]) != i { continue }
                matcher.forEachMatch(in: sc, from: i, limit: n) { end, id in
                    if end < n {
                        let t = Int(segOf[end])
                        if segAtomic[t] && Int(segStart[t]) != end { return }
                    }
                    ends.append(Int32(end))
                    ids.append(id)
                }
            }
        }
        }
        }
        }
        }
        matchFirst = first; matchEnd = ends; matchID = ids
        matchFirst.append(Int32(matchEnd.count))
    }
}

extension Lexicon {
    /// The resolver's cost of a dictionary word: below an ICU word's 1.0, user words below
    /// built-in ones, frequent words a little below rare ones.
    static func cost(of entry: Entry) -> Float {
        let base: Float = entry.origin.isUser ? 0.80 : 0.85
        let f = Float(max(entry.frequency ?? defaultFrequency, 1))
        let boost = min(log10f(f), 6) / 6 * 0.05
        return base - boost
    }
}

@inline(__always)
private func log10f(_ x: Float) -> Float {
    // log10 without Foundation: ln(x) / ln(10) via the exponent and a short series is overkill;
    // the standard library's Float has no log, so count decimal digits with a fraction.
    var v = x
    var digits: Float = 0
    while v >= 10 { v /= 10; digits += 1 }
    return digits + (v - 1) / 9
}
