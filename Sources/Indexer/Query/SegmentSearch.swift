/// One query on one segment.
struct SegmentSearch {
    let s: Int
    let segment: SegmentReader
    let plan: QueryPlan
    let context: SearchContext
    /// Cursor per scoring term (an empty one when the segment lacks the term: `present`),
    /// mutated in place through an unsafe buffer that `cursorSet` owns.
    let cursorSet: CursorSet
    let cursors: UnsafeMutableBufferPointer<PostingCursor>
    let present: [Bool]
    /// Excluded clause i's cursors are excludedCursors[plan.excludedOffsets[i] ..< …[i+1]].
    let excludedSet: CursorSet?
    let excludedCursors: UnsafeMutableBufferPointer<PostingCursor>
    let excludedPresent: [Bool]
    /// This segment's deleted documents, and whether there are any.
    let deletedDocs: Set<Int>
    let hasDeletes: Bool
    /// The documents a filter lets through (nil: all).
    let allowed: [Bool]?
    /// Document lengths in terms.
    let lengths: [UInt32]
    /// The segment's own average length (its BM25 bounds are computed at it).
    let segmentAverageLength: Double
    /// Per phrase clause: the document its frequency was last counted for, and the count.
    var phraseDoc: [Int]
    var phraseCount: [Int]
    /// Per phrase clause (index into `plan.phrases`): its rarest term in this segment, checked
    /// first, or -1 when the segment lacks one of its terms (it cannot match here).
    let phraseAnchor: [Int]
    /// Reused for phrase start positions (passage scoring).
    var phraseStarts: [UInt32] = []
    /// The first error met reading documents or passages (reported by `execute`).
    var failure: IndexError?

    init(reader: IndexReader, segment s: Int, plan: QueryPlan, context: SearchContext, allowed: [Bool]? = nil) {
        self.allowed = allowed
        self.s = s
        let segment = reader.segments[s]
        self.segment = segment
        self.plan = plan
        self.context = context
        let empty = SegmentReader.TermInfo(docFreq: 0, maxTF: 0, minNorm: 0, blockCount: 0, postingsOffset: 0, positionsOffset: 0, tfidfBound: 0)
        let infos = s < context.termInfos.count ? context.termInfos[s] : context.terms.map { segment.lookup($0) }
        cursorSet = CursorSet(segment: segment, infos: infos.map { $0 ?? empty })
        cursors = cursorSet.cursors
        present = infos.map { $0 != nil }
        if plan.excludedTerms.isEmpty {
            excludedSet = nil
            excludedCursors = UnsafeMutableBufferPointer(start: nil, count: 0)
            excludedPresent = []
        } else {
            let excludedInfos = plan.excludedTerms.map { segment.lookup($0) }
            let set = CursorSet(segment: segment, infos: excludedInfos.map { $0 ?? empty })
            excludedSet = set
            excludedCursors = set.cursors
            excludedPresent = excludedInfos.map { $0 != nil }
        }
        deletedDocs = reader.deleted[s]
        hasDeletes = !deletedDocs.isEmpty || allowed != nil
        lengths = segment.lengths
        segmentAverageLength = SegmentFormat.averageLength(totalLength: segment.totalLength, docCount: segment.docCount)
        let present = self.present, cursors = self.cursors
        phraseAnchor = plan.phrases.map { c in
            let terms = plan.flatTerms[plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1]]
            guard terms.allSatisfy({ present[$0] }) else { return -1 }
            return terms.min { cursors[$0].info.docFreq < cursors[$1].info.docFreq } ?? -1
        }
        // Only a plan with phrases counts them (no allocation otherwise).
        let clauses = plan.phrases.isEmpty ? 0 : plan.clausePhrase.count
        phraseDoc = Array(repeating: -1, count: clauses)
        phraseCount = Array(repeating: 0, count: clauses)
    }

    mutating func execute(passages: Bool, top: inout TopK<HitLocation>, damaged: inout IndexError?) {
        defer {
            if let failure, damaged == nil { damaged = failure }
            if (cursors.contains(where: { $0.damaged }) || excludedCursors.contains(where: { $0.damaged })) && damaged == nil {
                damaged = .corrupt(file: segment.path, reason: "postings damaged")
            }
        }
        switch plan.shape {
        case .single(let t): singleTerm(t, top: &top)
        case .alternatives(let terms): maxScore(terms, top: &top)
        case .conjunction(let terms): conjunction(terms, top: &top)
        case .conjunctionWithPhrases(let terms): conjunction(terms, phrases: true, top: &top)
        case .general: general(passages: passages, top: &top)
        }
    }

    /// Whether document `d` is deleted or filtered out.
    @inline(__always)
    func isDeleted(_ d: Int) -> Bool {
        guard hasDeletes else { return false }
        if let allowed, d >= 0, d < allowed.count, !allowed[d] { return true }
        return deletedDocs.contains(d)
    }

    @inline(__always)
    func globalID(_ d: Int) -> Int { s << 40 | d }

    /// The upper bound of term `t`'s weight over the block holding its first document ≥
    /// `target` (found without decoding), and that block's last document; nil when the term
    /// has no document ≥ `target`.
    @inline(__always)
    func shallowBound(_ t: Int, _ target: Int) -> (Double, Int)? {
        guard let b = cursors[t].shallowBlock(for: target) else { return nil }
        let (f, mtf, mlen) = cursors[t].blockBound(b)
        return (bound(t, f, mtf, mlen), cursors[t].blockLastDoc(b))
    }

    @inline(__always)
    func bound(_ t: Int, _ tfidf: Float, _ maxTF: UInt32, _ minNorm: Float) -> Double {
        context.bound(term: t, tfidf: tfidf, maxTF: maxTF, minNorm: minNorm, segmentAverageLength: segmentAverageLength)
    }

    /// A term's bound over its whole list.
    func termBound(_ t: Int) -> Double {
        guard present[t] else { return 0 }
        let info = cursors[t].info
        return bound(t, info.tfidfBound, info.maxTF, info.minNorm)
    }
}
