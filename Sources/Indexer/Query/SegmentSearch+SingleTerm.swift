#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SegmentSearch {
    // MARK: One term, block-max

    func singleTerm(_ t: Int, top: inout TopK<HitLocation>) {
        guard present[t] else { return }
        var b = 0
        while b < cursors[t].info.blockCount {
            let (f, mtf, mlen) = cursors[t].blockBound(b)
            if top.threshold > -.infinity && bound(t, f, mtf, mlen) <= top.threshold {
                b += 1
                continue
            }
            let d0 = cursors[t].jump(toBlock: b)
            if d0 == PostingCursor.exhausted { return }
            // Score the block's postings in a tight loop over the decoded arrays.
            let (docs, tfs, n) = cursors[t].blockRemainder
            var threshold = top.threshold
            for i in 0..<n {
                let d = Int(docs[i])
                guard d < lengths.count else { cursors[t].markDamaged(); return }
                let score = context.weight(term: t, tf: Int(tfs[i]) + 1, length: Int(lengths[d]))
                if score > threshold && !isDeleted(d) {
                    top.insert(HitLocation(segment: s, ordinal: d, passage: 0), score: score, id: globalID(d))
                    threshold = top.threshold
                }
            }
            b += 1
        }
    }
}
