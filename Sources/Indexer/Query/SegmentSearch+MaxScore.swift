#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SegmentSearch {
    // MARK: Alternatives of single terms, MaxScore

    func maxScore(_ termsIn: [Int], top: inout TopK<HitLocation>) {
        // Windowed MaxScore with bulk scoring (as Lucene's): the documents are taken in
        // windows that end where the first of the terms' current blocks ends (and at most
        // `span` documents wide); in a window each term's bound is its block's, the terms are
        // ordered by it, and those whose bounds summed cannot beat the threshold are
        // non-essential. The essential terms' postings in the window are scored straight from
        // their decoded blocks into an accumulator; the non-essential terms only refine the
        // candidates that could still enter the top k.
        // Distinct terms in a fixed order: scores are summed in the same order every run.
        var live = Array(Set(termsIn)).sorted().filter { prepared.present[$0] }
        guard !live.isEmpty else { return }
        // Many terms make the windows tiny and their per-window ordering costly (quadratic in
        // the terms): score term at a time into one accumulator instead, linear in postings.
        if live.count > Self.termAtATimeAbove {
            termAtATime(live, top: &top)
            return
        }
        let span = WindowScratch.span
        // The window's accumulator, borrowed from the reader (no allocation per search).
        let memory = caches.borrowWindow()
        defer { caches.giveBack(memory) }
        let scores = memory.scores, seen = memory.seen
        var order: [(bound: Double, t: Int)] = []
        order.reserveCapacity(live.count)
        var prefix = [Double](repeating: 0, count: live.count + 1)
        var windowMin = 0
        while true {
            var upTo = Int.max
            order.removeAll(keepingCapacity: true)
            var kept = 0
            for t in live {
                guard let (b, last) = shallowBound(t, windowMin) else { continue }
                live[kept] = t
                kept += 1
                order.append((b, t))
                upTo = min(upTo, last)
            }
            live.removeLast(live.count - kept)
            if order.isEmpty { return }
            // Insertion sort: a handful of terms.
            for i in 1..<order.count {
                var j = i
                while j > 0 && order[j - 1].bound > order[j].bound {
                    order.swapAt(j - 1, j)
                    j -= 1
                }
            }
            let count = order.count
            for i in 0..<count { prefix[i + 1] = prefix[i] + order[i].bound }
            var threshold = top.threshold
            var firstEssential = 0
            while firstEssential < count && prefix[firstEssential + 1] <= threshold { firstEssential += 1 }
            // Sub-windows of at most `span` documents over [windowMin, upTo].
            var lo = windowMin
            while firstEssential < count {
                let hi = upTo - lo >= span ? lo + span - 1 : upTo
                let accumulated = firstEssential  // terms at or after it are in `scores`
                var any = false
                for k in accumulated..<count {
                    let t = order[k].t
                    let first = cursors[t].advance(to: lo)
                    if first == PostingCursor.exhausted || first > hi { continue }
                    // The window lies inside the term's loaded block: score its postings there.
                    let (docs, tfs, n) = cursors[t].blockRemainder
                    let start = cursors[t].blockRemainderStart
                    var i = 0
                    while i < n {
                        let d = Int(docs[i])
                        if d > hi { break }
                        let slot = d - lo
                        scores[slot] += context.weight(term: t, tf: Int(tfs[i]) + 1, length: Int(lengths[d]))
                        seen[slot >> 6] |= 1 << UInt64(slot & 63)
                        i += 1
                    }
                    any = true
                    cursors[t].seek(indexInBlock: start + i)
                }
                if any {
                    for w in 0...((hi - lo) >> 6) {
                        var bits = seen[w]
                        seen[w] = 0
                        while bits != 0 {
                            let slot = w << 6 | bits.trailingZeroBitCount
                            bits &= bits &- 1
                            var score = scores[slot]
                            scores[slot] = 0
                            let d = lo + slot
                            // Non-essential terms, highest bound first, while they can matter.
                            var k = accumulated - 1
                            while k >= 0 && score + prefix[k + 1] > threshold {
                                let t = order[k].t
                                if cursors[t].advance(to: d) == d {
                                    score += context.weight(term: t, tf: cursors[t].tf, length: Int(lengths[d]))
                                }
                                k -= 1
                            }
                            if score > threshold && !isDeleted(d) {
                                top.insert(HitLocation(segment: s, ordinal: d, passage: 0), score: score, id: globalID(d))
                                threshold = top.threshold
                                while firstEssential < count && prefix[firstEssential + 1] <= threshold { firstEssential += 1 }
                            }
                        }
                    }
                }
                // The next sub-window starts at the essential terms' next document (an empty
                // stretch is skipped whole).
                var next = PostingCursor.exhausted
                for k in firstEssential..<count { next = min(next, cursors[order[k].t].doc) }
                if hi >= upTo || next == PostingCursor.exhausted || next > upTo { break }
                lo = max(hi + 1, next)
            }
            if upTo == Int.max { return }
            windowMin = upTo + 1
        }
    }

    /// Above this many terms, alternatives are scored term at a time (`termAtATime`).
    static let termAtATimeAbove = 32

    /// Alternatives scored term at a time: every posting of every term added into one
    /// accumulator over the segment's documents, then the top k taken from it. Linear in the
    /// postings and terms; no pruning (for queries of many terms, where MaxScore's windows
    /// cost more than they save).
    func termAtATime(_ terms: [Int], top: inout TopK<HitLocation>) {
        let docCount = segment.docCount
        guard docCount > 0 else { return }
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: docCount)
        scores.initialize(repeating: 0, count: docCount)
        defer { scores.deallocate() }
        for t in terms {
            var d = cursors[t].advance(to: 0)
            while d != PostingCursor.exhausted {
                let (docs, tfs, n) = cursors[t].blockRemainder
                guard n > 0 else { break }
                for i in 0..<n {
                    let doc = Int(docs[i])
                    guard doc < docCount else { cursors[t].markDamaged(); return }
                    scores[doc] += context.weight(term: t, tf: Int(tfs[i]) + 1, length: Int(lengths[doc]))
                }
                d = cursors[t].advance(to: Int(docs[n - 1]) + 1)
            }
        }
        var threshold = top.threshold
        for d in 0..<docCount where scores[d] > threshold && !isDeleted(d) {
            top.insert(HitLocation(segment: s, ordinal: d, passage: 0), score: scores[d], id: globalID(d))
            threshold = top.threshold
        }
    }
}

/// MaxScore's window accumulator: a score and a bit per document of a window of `span`.
/// All zero between uses (a window clears what it set as it hands its candidates on), so a
/// search borrows one from its reader (`PhraseTermCache.borrowWindow`) instead of
/// allocating and clearing 32 KiB.
final class WindowScratch: @unchecked Sendable {
    // @unchecked Sendable: one search at a time uses it (borrowed and given back under a lock).
    static let span = 4096
    let scores: UnsafeMutablePointer<Double>
    let seen: UnsafeMutablePointer<UInt64>

    init() {
        scores = .allocate(capacity: Self.span)
        scores.initialize(repeating: 0, count: Self.span)
        seen = .allocate(capacity: Self.span / 64)
        seen.initialize(repeating: 0, count: Self.span / 64)
    }

    /// Whether every score and bit is zero (a debug check when it is given back).
    var isClear: Bool {
        (0..<Self.span).allSatisfy { scores[$0] == 0 } && (0..<Self.span / 64).allSatisfy { seen[$0] == 0 }
    }

    deinit {
        scores.deallocate()
        seen.deallocate()
    }
}

extension PhraseTermCache {
    /// A cleared window accumulator: one given back earlier, or a new one.
    func borrowWindow() -> WindowScratch {
        windows.withLock { $0.popLast() } ?? WindowScratch()
    }

    /// Gives a window accumulator back for the next search (at most `windowsKept` are kept).
    func giveBack(_ scratch: WindowScratch) {
        assert(scratch.isClear, "a window accumulator given back dirty")
        windows.withLock { kept in
            if kept.count < Self.windowsKept { kept.append(scratch) }
        }
    }
}
