#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SegmentSearch {
    // MARK: Conjunction of terms, block-max leapfrog

    /// Documents with all of `terms`: the rarest leads, the others follow; before any block is
    /// decoded, the blocks that would hold the candidate are checked against the threshold
    /// from the block tables alone, and a stretch that cannot compete is skipped whole.
    mutating func conjunction(_ termsIn: [Int], phrases: Bool = false, top: inout TopK<HitLocation>) {
        guard !termsIn.isEmpty, termsIn.allSatisfy({ prepared.present[$0] }) else { return }
        let c = cursors
        let terms = termsIn.sorted { c[$0].info.docFreq < c[$1].info.docFreq }
        let k = terms.count
        let lead = terms[0]
        // Matches are scored in batches: the divisions of many documents then overlap in the
        // pipeline instead of each waiting for the last comparison.
        let batchSize = 64
        let batchDocs = UnsafeMutablePointer<Int>.allocate(capacity: batchSize)
        let batchTFs = UnsafeMutablePointer<Double>.allocate(capacity: batchSize * k)
        let batchScores = UnsafeMutablePointer<Double>.allocate(capacity: batchSize)
        defer {
            batchDocs.deallocate()
            batchTFs.deallocate()
            batchScores.deallocate()
        }
        let scorer = context.scorer, factors = terms.map { context.factors[$0] }
        var pending = 0
        func flush(_ top: inout TopK<HitLocation>) {
            for i in 0..<pending {
                let norm = scorer.norm(length: Int(lengths[batchDocs[i]]))
                var score = 0.0
                for j in 0..<k {
                    score += scorer.weight(factor: factors[j], tf: batchTFs[i * k + j], norm: norm)
                }
                batchScores[i] = score
            }
            var threshold = top.threshold
            for i in 0..<pending where batchScores[i] > threshold {
                let d = batchDocs[i]
                if !isDeleted(d) {
                    top.insert(HitLocation(segment: s, ordinal: d, passage: 0), score: batchScores[i], id: globalID(d))
                    threshold = top.threshold
                }
            }
            pending = 0
        }
        defer { flush(&top) }
        var d = 0
        // The bound of the current window [.., windowEnd]: every term's block holding the
        // window's first candidate holds the window, so the bound stands for all of it.
        var windowEnd = -1
        var windowBound = Double.infinity
        outer: while true {
            d = cursors[lead].advance(to: d)
            if d == PostingCursor.exhausted { return }
            let threshold = top.threshold
            if threshold > -.infinity {
                if d > windowEnd {
                    windowBound = 0
                    windowEnd = Int.max
                    for t in terms {
                        guard let (b, last) = shallowBound(t, d) else { return }
                        windowBound += b * plan.multiplicity[t]
                        windowEnd = min(windowEnd, last)
                    }
                }
                if windowBound <= threshold {
                    if windowEnd == Int.max { return }
                    d = windowEnd + 1
                    continue
                }
            }
            for j in 1..<k {
                let x = cursors[terms[j]].advance(to: d)
                if x == PostingCursor.exhausted { return }
                if x > d {
                    d = x
                    continue outer
                }
            }
            if k == 2 && !phrases {
                // Both cursors are on d in loaded blocks: merge the two blocks' documents
                // directly (no cursor call per document) up to the window's end.
                let other = terms[1]
                let stop = threshold > -.infinity ? windowEnd : Int.max
                let (ld, lt, ln) = cursors[lead].blockRemainder
                let (od, ot, on) = cursors[other].blockRemainder
                var i = 0, j = 0
                while i < ln && j < on {
                    let a = Int(ld[i]), b = Int(od[j])
                    if a == b {
                        if a > stop { break }
                        batchDocs[pending] = a
                        batchTFs[pending * 2] = Double(lt[i] + 1)
                        batchTFs[pending * 2 + 1] = Double(ot[j] + 1)
                        pending += 1
                        if pending == batchSize { flush(&top) }
                        i += 1
                        j += 1
                    } else if a < b {
                        i += 1
                    } else {
                        j += 1
                    }
                }
                // Every lead document before ld[i] is done; the cursors move past what was read.
                let base = cursors[lead].blockRemainderStart
                d = i < ln ? Int(ld[i]) : Int(ld[ln - 1]) + 1
                if i < ln { cursors[lead].seek(indexInBlock: base + i) }
                if j > 0 && j < on { cursors[other].seek(indexInBlock: cursors[other].blockRemainderStart + j) }
                continue
            }
            if phrases {
                // The cursors are on d: positions only for a possible top-k entry.
                if let score = structuredScore(d, threshold: threshold) {
                    top.insert(HitLocation(segment: s, ordinal: d, passage: 0), score: score, id: globalID(d))
                }
                d += 1
                continue
            }
            batchDocs[pending] = d
            for j in 0..<k { batchTFs[pending * k + j] = Double(cursors[terms[j]].tf) }
            pending += 1
            if pending == batchSize { flush(&top) }
            d += 1
        }
    }
}
