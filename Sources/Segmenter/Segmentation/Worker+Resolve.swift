import CLexiconImage

/// The resolver: one segmentation out of ICU's words, the rule tokens and dictionary words.
///
/// Over the chunk's scalar positions it builds a lattice whose edges are
/// - every base segment (ICU word or rule token), cost 1;
/// - every dictionary word found at any position, cost `Lexicon.cost(of:)` (0.75–0.85:
///   user words below built-in ones, frequent below rare), provided it neither starts nor
///   ends inside an atomic segment (numbers, Latin words, punctuation, rule tokens);
/// - where a dictionary word cuts an ideographic ICU word, the pieces of that ICU word left
///   over on either side ("remainders"): 1.0 for a single character that stands alone as a
///   word (的, 在, 和 …), 1.5 for any other single character, 1.1 for longer pieces, 0.3 for a
///   lone particle or conjunction left after a cut;
/// - and every edge that ends strictly inside an ICU word pays the cut penalty 0.75 — except
///   a preposition or particle cut off the front of an ICU word before a dictionary word of
///   three or more characters (在|内蒙古 where ICU read 在内|蒙古);
/// - a lone ideograph of ICU's and the first character of the next ICU word, when a dictionary
///   word begins after that character and ICU's dictionary holds the pair (落|实习|近平 →
///   落实|习近平: `pairedHeadStart`).
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
    /// A lone ideograph and the head piece of the next ICU word that make one word of ICU's
    /// dictionary (落|实习 → 落实 before 习近平): as a built-in dictionary word.
    static let pairedHeadCost: Float = 0.85
    /// Prepositions and particles that ICU glues to the first character of a longer
    /// dictionary word after them (在内|蒙古): cut off without the cut penalty.
    static let freeHeads = ScalarSet("在的和与及对把被将从向于")
    /// Function characters that stay alone before such a pair: particles, auxiliaries,
    /// pronouns, adverbs (了|一对 not 了一|对, 能|生产|出 not 能生|产出, 为|人民 not 为人|民办).
    static let pairedHeadNever = ScalarSet("了为都是能会可他她它我你就也还又才再更最很在和与及的地得把被将从对向比有没不")

    /// Single characters that are words of their own next to a dictionary word.
    /// Particles and conjunctions that ICU sometimes glues to the next character.
    static let particles = ScalarSet("的了和与及或并在是对把被为")
    static let remainderParticle: Float = 0.3
    static let standalone = ScalarSet("的了在是和与及等对把被将为由向从以于中上下内外年月日人不也都就而并或又这那其之所有各该此每本全同跟给让使")

    /// Finds the dictionary matches and the cheapest path; leaves the path in
    /// `path[0..<pathCount]` (every token's end and edge, in order).
    ///
    /// The dynamic programming runs only over *regions* that dictionary words reach into: a
    /// region starts at a segment with a match and ends at the first segment boundary that no
    /// match spans. Everywhere else the path is the base segments themselves.
    mutating func resolve(lexicon: Lexicon?) {
        let n = scalars.count
        findMatches(lexicon: lexicon)
        // A path has at most one token per scalar; a region spans at most the chunk.
        path.grow(toAtLeast: n, with: PathStep(end: 0, edge: 0))
        cost.grow(toAtLeast: n + 1, with: 0)
        back.grow(toAtLeast: n + 1, with: 0)
        backEdge.grow(toAtLeast: n + 1, with: 0)
        var count = 0
        scalars.withUnsafeBufferPointer { scalars in
        segments.withUnsafeBufferPointer { segments in
        segOf.withUnsafeBufferPointer { segOf in
        matchFirst.withUnsafeBufferPointer { matchFirst in
        matches.withUnsafeBufferPointer { matches in
        (lexicon?.costs ?? []).withUnsafeBufferPointer { costs in
        cost.withUnsafeMutableBufferPointer { cost in
        back.withUnsafeMutableBufferPointer { back in
        backEdge.withUnsafeMutableBufferPointer { backEdge in
        path.withUnsafeMutableBufferPointer { path in
            var resolver = Resolver(
                scalars: scalars, segments: segments, segOf: segOf, matchFirst: matchFirst,
                matches: matches, costs: costs, cost: cost, back: back, backEdge: backEdge, path: path,
                cursor: cursor)
            resolver.run()
            count = resolver.count
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        pathCount = count
    }

    /// How many candidates ahead `findMatches` asks for the pair slot.
    static let matchAhead = 4

    /// Every dictionary word at every position that may start one (not inside an atomic
    /// segment), not ending inside an atomic segment.
    private mutating func findMatches(lexicon: Lexicon?) {
        let n = scalars.count
        matchFirst.grow(toAtLeast: n + 1, with: 0)
        guard let lexicon, lexicon.count > 0 else {
            matchFirst.withUnsafeMutableBufferPointer { first in
                for i in 0...n { first[i] = 0 }
            }
            return
        }
        // The positions that pass the lexicon's filters, in one branch-free pass; the walks
        // then run over those alone.
        candidates.grow(toAtLeast: n, with: 0)
        let candidateCount = candidates.withUnsafeMutableBufferPointer { out in
            scalars.withUnsafeBufferPointer { sc in
                lexicon.withMatcher { $0.candidates(in: sc, into: out) }
            }
        }
        // Words starting at one position: at most one per length.
        let room = max(lexicon.maxWordLength, 1)
        var count = 0
        var next = 0  // the first position whose matchFirst is not written yet
        var c = 0
        while c < candidateCount {
            if matches.count < count + room {
                matches.grow(toAtLeast: max(count + room, 2 * matches.count, 1024), with: Match(end: 0, id: 0))
            }
            segOf.withUnsafeBufferPointer { segOf in
            segments.withUnsafeBufferPointer { segments in
            scalars.withUnsafeBufferPointer { sc in
            candidates.withUnsafeBufferPointer { candidates in
            matchFirst.withUnsafeMutableBufferPointer { first in
            matches.withUnsafeMutableBufferPointer { out in
            lexicon.withMatcher { matcher in
                let capacity = out.count
                while c < candidateCount && count + room <= capacity {
                    let i = Int(candidates[c])
                    // The pair slot of the candidate `matchAhead` on, asked for now: the
                    // table (512 KiB) is read at random, mostly beyond the first-level cache.
                    if c &+ Self.matchAhead < candidateCount,
                       let address = matcher.firstReadAddress(in: sc, from: Int(candidates[c &+ Self.matchAhead])) {
                        segtool_prefetch(address)
                    }
                    while next <= i {
                        first[next] = Int32(count)
                        next += 1
                    }
                    let segment = segments[Int(segOf[i])]
                    if !(segment.isAtomic && Int(segment.start) != i) {
                        matcher.forEachMatch(in: sc, from: i, limit: n, candidate: true) { end, id in
                            if end < n {
                                let t = segments[Int(segOf[end])]
                                if t.isAtomic && Int(t.start) != end { return }
                            }
                            out[count] = Match(end: Int32(end), id: id)
                            count += 1
                        }
                    }
                    c += 1
                }
            }
            }
            }
            }
            }
            }
            }
        }
        matchFirst.withUnsafeMutableBufferPointer { first in
            while next <= n {
                first[next] = Int32(count)
                next += 1
            }
        }
    }
}

/// The resolver's pass over one chunk, on raw buffers: the path through the base segments,
/// with the cheapest path (dynamic programming) over every region that dictionary words reach.
private struct Resolver {
    let scalars: UnsafeBufferPointer<UInt32>
    let segments: UnsafeBufferPointer<Worker.BaseSegment>
    let segOf: UnsafeBufferPointer<Int32>
    let matchFirst: UnsafeBufferPointer<Int32>
    let matches: UnsafeBufferPointer<Worker.Match>
    let costs: UnsafeBufferPointer<Float>
    let cost: UnsafeMutableBufferPointer<Float>
    let back: UnsafeMutableBufferPointer<Int32>
    let backEdge: UnsafeMutableBufferPointer<Int32>
    let path: UnsafeMutableBufferPointer<Worker.PathStep>
    /// ICU's dictionary, asked whether two characters are one of its words (nil: ICU alone).
    let cursor: ICUWordBreaker.Cursor?
    /// Path tokens written so far.
    var count = 0

    typealias Edge = Worker.Edge

    mutating func run() {
        let n = scalars.count
        var i = 0
        while i < n {
            let sEnd = Int(segments[Int(segOf[i])].end)
            if matchFirst[i] == matchFirst[sEnd] {
                // No dictionary word starts in this segment: it is a token as it is.
                path[count] = Worker.PathStep(end: Int32(sEnd), edge: Edge.base)
                count += 1
                i = sEnd
                continue
            }
            let end = regionEnd(from: i)
            if let start = pairedHeadStart(i) {
                // The lone character before goes into the region with its pair edge.
                count -= 1
                resolveRegion(start, end, pairedHead: true)
            } else {
                resolveRegion(i, end)
            }
            i = end
        }
    }

    /// Where the region starting at segment boundary `i` ends: grown until no match starting
    /// in it reaches past its end, and the end is a segment boundary.
    private func regionEnd(from i: Int) -> Int {
        let n = scalars.count
        var frontier = Int(segments[Int(segOf[i])].end)
        var p = i
        while p < frontier {
            var m = Int(matchFirst[p])
            let mEnd = Int(matchFirst[p + 1])
            while m < mEnd {
                frontier = max(frontier, Int(matches[m].end))
                m += 1
            }
            p += 1
            if p == frontier && p < n {
                let k = Int(segOf[p])
                if Int(segments[k].start) != p { frontier = Int(segments[k].end) }
            }
        }
        return frontier
    }

    /// Where a region starting at `i` may start instead: one scalar earlier, when the path's
    /// last token is a lone ideograph of ICU's, the region's first segment is an ideographic
    /// ICU word that a dictionary word cuts after its first character, and ICU's dictionary
    /// takes the lone ideograph and that first character as one word: 落|实习|近平 (ICU's
    /// reading of 落实习近平) becomes 落实|习近平, where the head piece 实 alone cost more than
    /// ICU's words saved. Nil otherwise (and for ICU alone).
    private func pairedHeadStart(_ i: Int) -> Int? {
        guard let cursor, count > 0, i > 0 else { return nil }
        let last = path[count - 1]
        guard last.edge == Edge.base, Int(last.end) == i else { return nil }
        let previous = segments[Int(segOf[i - 1])]
        guard Int(previous.start) == i - 1, !previous.isAtomic, !previous.isRule,
              !Worker.pairedHeadNever.contains(scalars[i - 1]) else { return nil }
        let segment = segments[Int(segOf[i])]
        guard Int(segment.start) == i, Int(segment.end) - i >= 2, !segment.isAtomic, !segment.isRule,
              matchFirst[i + 1] < matchFirst[i + 2] else { return nil }
        return cursor.isPairWord(scalars[i - 1], scalars[i]) == true ? i - 1 : nil
    }

    /// The cheapest path over [a, b), both segment boundaries, appended to the path. With
    /// `pairedHead`, [a, a+2) is also an edge: a lone ideograph and the head piece of the next
    /// ICU word, one word of ICU's dictionary (`pairedHeadStart`), costed as a dictionary word
    /// that ends inside an ICU word.
    private mutating func resolveRegion(_ a: Int, _ b: Int, pairedHead: Bool = false) {
        let n = scalars.count
        let width = b - a
        for j in 0...width {
            cost[j] = .infinity
            back[j] = -1
            backEdge[j] = Edge.base
        }
        cost[0] = 0
        if pairedHead { relax(a, a, a + 2, Worker.pairedHeadCost + Worker.cutPenalty, Edge.remainder) }

        for i in a..<b {
            let here = cost[i - a]
            if here == .infinity { continue }
            let segment = segments[Int(segOf[i])]
            let sStart = Int(segment.start), sEnd = Int(segment.end)
            if i == sStart {
                relax(a, i, sEnd, here + 1, Edge.base)
                if !segment.isAtomic {
                    // Heads: ICU word pieces before a dictionary word that starts inside it.
                    var p = i + 1
                    while p < sEnd {
                        if matchFirst[p] < matchFirst[p + 1] {
                            // A lone function character before a word of three or more
                            // (在|内蒙古 where ICU read 在内|蒙古) pays no cut.
                            let free = p == i + 1 && Worker.freeHeads.contains(scalars[i]) && longestMatch(at: p) - p >= 3
                            relax(a, i, p, here + remainderCost(i, p) + (free ? 0 : Worker.cutPenalty), Edge.remainder)
                        }
                        p += 1
                    }
                }
            } else {
                // Inside an ideographic ICU word: its tail from here.
                // A lone particle or conjunction after a dictionary word (党的二十大|和, where
                // ICU read 二十|大和) is a word of its own: cheaper than the cut it needed.
                let tail: Float = sEnd - i == 1 && Worker.particles.contains(scalars[i])
                    ? Worker.remainderParticle : remainderCost(i, sEnd)
                relax(a, i, sEnd, here + tail, Edge.remainder)
            }
            var m = Int(matchFirst[i])
            let mEnd = Int(matchFirst[i + 1])
            while m < mEnd {
                let match = matches[m]
                let e = Int(match.end)
                var c = here + costs[Int(match.id)]
                // A word that ends strictly inside an ICU word pays for the cut.
                if e < n && Int(segments[Int(segOf[e])].start) != e { c += Worker.cutPenalty }
                relax(a, i, e, c, match.id)
                m += 1
            }
        }

        // Backtrack from b; the region's tokens go onto the path in order.
        let first = count
        var j = b
        while j > a {
            path[count] = Worker.PathStep(end: Int32(j), edge: backEdge[j - a])
            count += 1
            let previous = Int(back[j - a])
            if previous < a { break }  // unreachable: base edges reach every boundary
            j = previous
        }
        var lo = first, hi = count - 1
        while lo < hi {
            path.swapAt(lo, hi)
            lo += 1
            hi -= 1
        }
    }

    @inline(__always)
    private func relax(_ a: Int, _ from: Int, _ to: Int, _ c: Float, _ edge: Int32) {
        if c < cost[to - a] {
            cost[to - a] = c
            back[to - a] = Int32(from)
            backEdge[to - a] = edge
        }
    }

    /// The end of the longest dictionary word starting at `p` (`p` when none does).
    private func longestMatch(at p: Int) -> Int {
        var end = p
        var m = Int(matchFirst[p])
        while m < Int(matchFirst[p + 1]) {
            end = max(end, Int(matches[m].end))
            m += 1
        }
        return end
    }

    @inline(__always)
    private func remainderCost(_ a: Int, _ b: Int) -> Float {
        if b - a == 1 {
            return Worker.standalone.contains(scalars[a]) ? Worker.remainderStandalone : Worker.remainderSingle
        }
        return Worker.remainderLonger
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
