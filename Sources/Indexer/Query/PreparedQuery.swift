import Synchronization

/// What a search of one query on one segment sets up before reading any posting, and which
/// depends only on the query and the segment (a reader's segments do not change): the terms'
/// infos, which terms the segment has, each clause's anchor and the phrase readings' tables
/// by anchor (`SegmentSearch` holds it and reads them per candidate). Made once per search,
/// or kept with a `PreparedQuery` for a query met again.
final class SegmentPlan: @unchecked Sendable {
    // @unchecked Sendable: immutable after init.
    /// Per scoring term: its postings' info (an empty one when the segment lacks the term),
    /// and whether the segment has it.
    let infos: [SegmentReader.TermInfo]
    let present: [Bool]
    /// The same for the excluded clauses' terms (`QueryPlan.excludedTerms`).
    let excludedInfos: [SegmentReader.TermInfo]
    let excludedPresent: [Bool]
    /// The segment's own average length (its BM25 bounds are computed at it).
    let segmentAverageLength: Double
    /// Per clause: its anchor, the term whose documents are its candidates
    /// (`SegmentSearch.anchors(of:…)`), or -1 when the segment lacks one of its terms (it
    /// cannot match here).
    let clauseAnchorTerm: [Int]
    /// Per phrase clause (index into `plan.phrases`): its anchor (`clauseAnchorTerm`).
    let phraseAnchor: [Int]
    /// The distinct anchors of the phrase readings (`phraseAnchor`, those present), and per
    /// anchor a its readings, ascending: anchorReadings[anchorStarts[a]..<anchorStarts[a+1]].
    let anchorTerms: [Int]
    let anchorStarts: [Int]
    let anchorReadings: [Int]
    /// Per anchor a, the families of its readings and each one's highest `Scorer.factor(idf:)`:
    /// anchorFamilies[anchorFamilyStarts[a]..<anchorFamilyStarts[a+1]] (the first bound).
    let anchorFamilyStarts: [Int]
    let anchorFamilies: [Int]
    let anchorFamilyFactors: [Double]
    /// The phrase families (their first readings' indices), ascending.
    let families: [Int]
    /// Per clause: the index of its anchor in `anchorTerms` (a phrase reading's), or -1.
    let clauseAnchor: [Int]

    static let emptyInfo = SegmentReader.TermInfo(docFreq: 0, maxTF: 0, minNorm: 0, blockCount: 0, postingsOffset: 0,
                                                  positionsOffset: 0, tfidfBound: 0)

    init(reader: IndexReader, segment s: Int, plan: QueryPlan, context: SearchContext) {
        let segment = reader.segments[s]
        // The context looked each term up once per segment (for the df); those infos serve.
        let found = s < context.termInfos.count ? context.termInfos[s] : context.terms.map { segment.lookup($0) }
        let infos = found.map { $0 ?? Self.emptyInfo }
        self.infos = infos
        let present = found.map { $0 != nil }
        self.present = present
        if plan.excludedTerms.isEmpty {
            excludedInfos = []
            excludedPresent = []
        } else {
            let excluded = plan.excludedTerms.map { segment.lookup($0) }
            excludedInfos = excluded.map { $0 ?? Self.emptyInfo }
            excludedPresent = excluded.map { $0 != nil }
        }
        segmentAverageLength = SegmentFormat.averageLength(totalLength: segment.totalLength, docCount: segment.docCount)
        var clauseAnchorTerm = [Int](repeating: -1, count: plan.clausePhrase.count)
        // Anchors serve the general strategy and phrases; the other strategies choose their
        // own order (no greedy cover for them).
        let usesAnchors: Bool
        switch plan.shape {
        case .general, .conjunctionWithPhrases: usesAnchors = true
        default: usesAnchors = !plan.phrases.isEmpty
        }
        if usesAnchors {
            for g in plan.groupClauses {
                let anchors = SegmentSearch.anchors(of: g.map { c in Array(plan.flatTerms[plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1]]) },
                                                    present: present, docFreq: { infos[$0].docFreq })
                for (c, a) in zip(g, anchors) { clauseAnchorTerm[c] = a }
            }
        }
        self.clauseAnchorTerm = clauseAnchorTerm
        guard !plan.phrases.isEmpty else {
            // No phrase: no reading tables (empty arrays allocate nothing).
            phraseAnchor = []
            anchorTerms = []
            anchorStarts = []
            anchorReadings = []
            anchorFamilyStarts = []
            anchorFamilies = []
            anchorFamilyFactors = []
            families = []
            clauseAnchor = Array(repeating: -1, count: plan.clausePhrase.count)
            return
        }
        let phraseAnchor = plan.phrases.map { clauseAnchorTerm[$0] }
        self.phraseAnchor = phraseAnchor
        var anchors: [Int] = [], byAnchor: [[Int]] = []
        for (i, a) in phraseAnchor.enumerated() where a >= 0 {
            if let k = anchors.firstIndex(of: a) {
                byAnchor[k].append(i)
            } else {
                anchors.append(a)
                byAnchor.append([i])
            }
        }
        anchorTerms = anchors
        anchorStarts = byAnchor.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        anchorReadings = byAnchor.flatMap { $0 }
        var familyStarts = [0], familyOf: [Int] = [], familyIDF: [Double] = []
        for readings in byAnchor {
            let first = familyOf.count
            for i in readings {
                let f = plan.phraseFamily[i], idf = context.phraseFactors[i]
                if let e = familyOf[first...].firstIndex(of: f) {
                    familyIDF[e] = max(familyIDF[e], idf)
                } else {
                    familyOf.append(f)
                    familyIDF.append(idf)
                }
            }
            familyStarts.append(familyOf.count)
        }
        anchorFamilyStarts = familyStarts
        anchorFamilies = familyOf
        anchorFamilyFactors = familyIDF
        families = Array(Set(plan.phraseFamily)).sorted()
        var clauseAnchor = [Int](repeating: -1, count: plan.clausePhrase.count)
        for (k, readings) in byAnchor.enumerated() {
            for i in readings { clauseAnchor[plan.phrases[i]] = k }
        }
        self.clauseAnchor = clauseAnchor
    }
}

/// A query made ready for a reader: its phrases expanded, its plan, its context (idf and
/// factors from the whole index) and each segment's set-up. A reader keeps the prepared
/// queries that have phrases (`PhraseTermCache.plans`): a phrase's readings make a plan of
/// dozens of clauses ("科 学院": 29) whose set-up costs more than searching it, and the same
/// query on the same snapshot always prepares the same.
final class PreparedQuery: @unchecked Sendable {
    // @unchecked Sendable: immutable after init (plan and context are never changed either).
    let plan: QueryPlan
    let context: SearchContext
    let segments: [SegmentPlan]

    init(plan: QueryPlan, context: SearchContext, segments: [SegmentPlan]) {
        self.plan = plan
        self.context = context
        self.segments = segments
    }

    /// A prepared query's key: the query as written (terms by bytes, offsets, kinds), its
    /// exclusions, the ranking, passages, and whether its phrases came expanded.
    struct Key: Hashable {
        let groups: [PhraseTermCache.GroupKey]
        let excluded: PhraseTermCache.GroupKey
        let ranking: Ranking
        let passages: Bool
        let expanded: Bool

        init(_ query: Query, ranking: Ranking, passages: Bool, expanded: Bool) {
            groups = query.groups.map(PhraseTermCache.GroupKey.init)
            excluded = PhraseTermCache.GroupKey(query.excluded)
            self.ranking = ranking
            self.passages = passages
            self.expanded = expanded
        }
    }
}

extension IndexReader {
    /// The query ready to search: expanded (unless `expanded`), planned, with its context and
    /// each segment's set-up; a query with phrases is kept per reader and found again.
    func prepare(_ query: Query, ranking: Ranking, passages: Bool, expanded: Bool) -> PreparedQuery {
        let hasPhrases = query.groups.contains { $0.contains(where: \.isPhrase) }
        let key = hasPhrases ? PreparedQuery.Key(query, ranking: ranking, passages: passages, expanded: expanded) : nil
        if let key, let found = phraseTerms.plans.withLock({ $0[key] }) { return found }
        let plan = QueryPlan(expanded ? query : expandingPhrases(query), passages: passages)
        let context = makeContext(plan, ranking: ranking)
        let prepared = PreparedQuery(plan: plan, context: context,
                                     segments: segments.indices.map { SegmentPlan(reader: self, segment: $0, plan: plan, context: context) })
        if let key {
            phraseTerms.plans.withLock { plans in
                if plans.count >= PhraseTermCache.planCapacity { plans.removeAll(keepingCapacity: true) }
                plans[key] = prepared
            }
        }
        return prepared
    }
}
