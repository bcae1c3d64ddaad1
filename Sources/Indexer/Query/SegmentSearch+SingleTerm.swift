#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SegmentSearch {
    // MARK: One term, block-max

    func singleTerm(_ t: Int, top: inout TopK<HitLocation>) {
        guard prepared.present[t] else { return }
        let deleted = deletedDocs, allowed = self.allowed, hasDeletes = self.hasDeletes
        Self.blockMax(&cursors[t], segment: s, idf: context.idf[t], factor: context.factors[t], scorer: context.scorer,
                      segmentAverageLength: prepared.segmentAverageLength, lengths: lengths, top: &top) { d in
            Self.isDeleted(d, hasDeletes: hasDeletes, allowed: allowed, deleted: deleted)
        }
    }

    /// Block-max over one term's postings in segment `s`: a block whose bound cannot beat the
    /// k-th score is not decoded; the others are scored in a tight loop over the decoded
    /// arrays. `isDeleted` is asked only of a document that would enter the top k. A document
    /// out of `lengths`' range marks the cursor damaged and ends the walk.
    @inline(__always)
    static func blockMax(_ cursor: inout PostingCursor, segment s: Int, idf: Double, factor: Double, scorer: Scorer,
                         segmentAverageLength: Double, lengths: [UInt32], top: inout TopK<HitLocation>,
                         isDeleted: (Int) -> Bool) {
        var b = 0
        while b < cursor.info.blockCount {
            let (f, mtf, mlen) = cursor.blockBound(b)
            if top.threshold > -.infinity
                && scorer.bound(idf: idf, tfidf: f, maxTF: mtf, minNorm: mlen, segmentAverageLength: segmentAverageLength) <= top.threshold {
                b += 1
                continue
            }
            let d0 = cursor.jump(toBlock: b)
            if d0 == PostingCursor.exhausted { return }
            // Score the block's postings in a tight loop over the decoded arrays.
            let (docs, tfs, n) = cursor.blockRemainder
            var threshold = top.threshold
            for i in 0..<n {
                let d = Int(docs[i])
                guard d < lengths.count else { cursor.markDamaged(); return }
                let score = scorer.weight(factor: factor, tf: Int(tfs[i]) + 1, norm: scorer.norm(length: Int(lengths[d])))
                if score > threshold && !isDeleted(d) {
                    top.insert(HitLocation(segment: s, ordinal: d, passage: 0), score: score, id: s << 40 | d)
                    threshold = top.threshold
                }
            }
            b += 1
        }
    }
}

extension IndexReader {
    /// The top documents of a query of one word: its postings straight from each segment's
    /// term table, with no plan, no context and no per-segment set-up (`QueryPlan`,
    /// `SegmentSearch`): each segment's term looked up once (the infos give the df, then the
    /// cursors), one cursor on the stack per segment. Ranks as `SegmentSearch.singleTerm`.
    func topDocuments(ofTerm term: String, options: SearchOptions) throws(IndexError) -> [ScoredDocument] {
        try checkTables()
        let allowed: [[Bool]?]? = options.filter.isEmpty ? nil : try allowedDocuments(options.filter)
        let bytes = Array(term.utf8)
        let count = segments.count
        var top = TopK<HitLocation>(options.top)
        let damagedSegment: Int? = withUnsafeTemporaryAllocation(of: SegmentReader.TermInfo?.self, capacity: count) { infos in
            var df = 0
            for s in 0..<count {
                let info = segments[s].lookup(bytes)
                infos.initializeElement(at: s, to: info)
                df += info?.docFreq ?? 0
            }
            let n = max(storedDocumentCount, 1)
            let scorer = Scorer(ranking: options.ranking, documents: n, averageLength: Double(totalLength) / Double(n))
            let idf = scorer.idf(df: df), factor = scorer.factor(idf: idf)
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 3 * SegmentFormat.blockSize) { buffer -> Int? in
                guard let memory = buffer.baseAddress else { return nil }
                for s in 0..<count {
                    guard let info = infos[s] else { continue }
                    let segment = segments[s]
                    let scales = segment.lengthScales
                    buffer.initialize(repeating: 0)
                    // Safe because the cursor lives in this scope only, inside `buffer`'s and
                    // `scales`' lifetimes (kept by withExtendedLifetime).
                    var cursor = PostingCursor(segment: segment, info: info, buffer: memory, scales: scales)
                    let deleted = self.deleted[s], filter = allowed?[s] ?? nil
                    let hasDeletes = !deleted.isEmpty || filter != nil
                    withExtendedLifetime(scales) {
                        SegmentSearch.blockMax(&cursor, segment: s, idf: idf, factor: factor, scorer: scorer,
                                               segmentAverageLength: SegmentFormat.averageLength(totalLength: segment.totalLength,
                                                                                                 docCount: segment.docCount),
                                               lengths: segment.lengths, top: &top) { d in
                            SegmentSearch.isDeleted(d, hasDeletes: hasDeletes, allowed: filter, deleted: deleted)
                        }
                    }
                    if cursor.damaged { return s }
                }
                return nil
            }
        }
        if let s = damagedSegment { throw .corrupt(file: segments[s].path, reason: "postings damaged") }
        return top.sorted().map { ScoredDocument(score: $0.score, segment: $0.item.segment, ordinal: $0.item.ordinal, passage: $0.item.passage) }
    }
}
