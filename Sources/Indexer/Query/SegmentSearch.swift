/// One query on one segment.
struct SegmentSearch {
    let s: Int
    let segment: SegmentReader
    let plan: QueryPlan
    let context: SearchContext
    /// This query's set-up on this segment (its terms' infos, which are present, anchors and
    /// phrase reading tables), read through as `prepared.…`: made for this search, or kept
    /// with a `PreparedQuery`.
    let prepared: SegmentPlan
    /// Cursor per scoring term (an empty one when the segment lacks the term:
    /// `prepared.present`), mutated in place through an unsafe buffer that `cursorSet` owns.
    let cursorSet: CursorSet
    let cursors: UnsafeMutableBufferPointer<PostingCursor>
    /// Excluded clause i's cursors are excludedCursors[plan.excludedOffsets[i] ..< …[i+1]].
    let excludedSet: CursorSet?
    let excludedCursors: UnsafeMutableBufferPointer<PostingCursor>
    /// This segment's deleted documents, and whether there are any.
    let deletedDocs: Set<Int>
    let hasDeletes: Bool
    /// The documents a filter lets through (nil: all).
    let allowed: [Bool]?
    /// Document lengths in terms.
    let lengths: [UInt32]
    /// Per phrase clause: the document its frequency was last counted for, and the count.
    var phraseDoc: [Int]
    var phraseCount: [Int]
    /// The plan's clause layout and phrase tables, held by the search (read per candidate
    /// without going through the plan object): `QueryPlan.flatTerms`, `.clauseOffsets`,
    /// `.phrases`, `.phraseFamily`, and the context's `phraseFactors`.
    let clauseTerms: [Int]
    let clauseStarts: [Int]
    let phraseClauses: [Int]
    let phraseFamily: [Int]
    let phraseFactors: [Double]
    /// Per-candidate memory of `structuredScore`, allocated once per segment search.
    let scratch: PhraseScratch
    /// Reused for phrase start positions (passage scoring).
    var phraseStarts: [UInt32] = []
    /// The reader's caches and scratch memory to borrow (`IndexReader.phraseTerms`).
    let caches: PhraseTermCache
    /// The first error met reading documents or passages (reported by `execute`).
    var failure: IndexError?

    init(reader: IndexReader, segment s: Int, plan: QueryPlan, context: SearchContext, allowed: [Bool]? = nil) {
        self.init(reader: reader, segment: s, prepared: SegmentPlan(reader: reader, segment: s, plan: plan, context: context),
                  plan: plan, context: context, allowed: allowed)
    }

    /// A search whose per-segment set-up (`SegmentPlan`) is already made: only the cursors and
    /// the per-candidate memory are new.
    init(reader: IndexReader, segment s: Int, prepared: SegmentPlan, plan: QueryPlan, context: SearchContext, allowed: [Bool]? = nil) {
        self.allowed = allowed
        self.s = s
        caches = reader.phraseTerms
        let segment = reader.segments[s]
        self.segment = segment
        self.plan = plan
        self.context = context
        self.prepared = prepared
        cursorSet = CursorSet(segment: segment, infos: prepared.infos)
        cursors = cursorSet.cursors
        if plan.excludedTerms.isEmpty {
            excludedSet = nil
            excludedCursors = UnsafeMutableBufferPointer(start: nil, count: 0)
        } else {
            let set = CursorSet(segment: segment, infos: prepared.excludedInfos)
            excludedSet = set
            excludedCursors = set.cursors
        }
        deletedDocs = reader.deleted[s]
        hasDeletes = !deletedDocs.isEmpty || allowed != nil
        lengths = segment.lengths
        clauseTerms = plan.flatTerms
        clauseStarts = plan.clauseOffsets
        phraseClauses = plan.phrases
        phraseFamily = plan.phraseFamily
        phraseFactors = context.phraseFactors
        // Only a plan with phrases counts them (no allocation otherwise).
        if plan.phrases.isEmpty {
            scratch = PhraseScratch.none
            phraseDoc = []
            phraseCount = []
        } else {
            scratch = PhraseScratch(readings: plan.phrases.count, anchors: prepared.anchorTerms.count, terms: prepared.infos.count)
            phraseDoc = Array(repeating: -1, count: plan.clausePhrase.count)
            phraseCount = Array(repeating: 0, count: plan.clausePhrase.count)
        }
    }

    /// The anchors of a group's clauses (their terms given; -1 for a clause with a term
    /// absent): a term of each clause such that the anchors' documents together are few, as
    /// a clause matches only where its anchor is. Each clause's rarest term, or a greedy
    /// cover (the term with the fewest documents per clause it would anchor first) when that
    /// costs fewer documents: the readings 高质量|发展中, 高质量|发展观, … share 高质量, rarer
    /// than all their second terms together. Ties go to the lower term number.
    static func anchors(of clauses: [[Int]], present: [Bool], docFreq: (Int) -> Int) -> [Int] {
        let live = clauses.map { $0.allSatisfy { present[$0] } && !$0.isEmpty }
        let rarest = clauses.indices.map { c -> Int in
            guard live[c] else { return -1 }
            return clauses[c].min { docFreq($0) < docFreq($1) } ?? -1
        }
        guard clauses.count > 1 else { return rarest }
        // The distinct anchors' documents, summed (a bound on the candidates they bring).
        func cost(_ anchors: [Int]) -> Int {
            var seen = [Bool](repeating: false, count: present.count), sum = 0
            for a in anchors where a >= 0 && !seen[a] {
                seen[a] = true
                sum += docFreq(a)
            }
            return sum
        }
        var cover = [Int](repeating: -1, count: clauses.count)
        var left = live.filter { $0 }.count
        var counts = [Int](repeating: 0, count: present.count)
        var lastCounted = [Int](repeating: -1, count: present.count)  // a clause's term counted once
        while left > 0 {
            // Per term: the clauses it would anchor (not anchored yet).
            for t in counts.indices { counts[t] = 0 }
            for c in clauses.indices where live[c] && cover[c] < 0 {
                for t in clauses[c] where lastCounted[t] != c {
                    lastCounted[t] = c
                    counts[t] += 1
                }
            }
            for t in counts.indices { lastCounted[t] = -1 }
            // The term with the fewest documents per clause: df(t)/n(t) least, in integers;
            // then fewer documents, then the lower term.
            var pick = -1
            for t in counts.indices where counts[t] > 0 {
                guard pick >= 0 else { pick = t; continue }
                let a = docFreq(t) * counts[pick], b = docFreq(pick) * counts[t]
                if a < b || (a == b && docFreq(t) < docFreq(pick)) { pick = t }
            }
            guard pick >= 0 else { break }
            for c in clauses.indices where live[c] && cover[c] < 0 && clauses[c].contains(pick) {
                cover[c] = pick
                left -= 1
            }
        }
        return cost(cover) < cost(rarest) ? cover : rarest
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
        Self.isDeleted(d, hasDeletes: hasDeletes, allowed: allowed, deleted: deletedDocs)
    }

    /// Whether document `d` is deleted (in `deleted`) or not `allowed` by a filter;
    /// `hasDeletes` is false when neither can be.
    @inline(__always)
    static func isDeleted(_ d: Int, hasDeletes: Bool, allowed: [Bool]?, deleted: Set<Int>) -> Bool {
        guard hasDeletes else { return false }
        if let allowed, d >= 0, d < allowed.count, !allowed[d] { return true }
        return deleted.contains(d)
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
        context.scorer.bound(idf: context.idf[t], tfidf: tfidf, maxTF: maxTF, minNorm: minNorm, segmentAverageLength: prepared.segmentAverageLength)
    }

    /// A term's bound over its whole list.
    func termBound(_ t: Int) -> Double {
        guard prepared.present[t] else { return 0 }
        let info = cursors[t].info
        return bound(t, info.tfidfBound, info.maxTF, info.minNorm)
    }
}
