/// How a trend groups documents: by the year or the month of their date.
public enum TrendPeriod: String, Sendable, CaseIterable {
    case year, month
}

/// One row of a trend: a term in a period.
public struct TrendRow: Sendable, Hashable {
    /// `YYYY` or `YYYY-MM`.
    public var period: String
    /// The term or phrase as asked.
    public var term: String
    /// Documents of the period that contain it.
    public var documents: Int
    /// Its occurrences in them (a phrase's occurrences for a phrase).
    public var occurrences: Int
    /// Documents of the period (with or without it).
    public var periodDocuments: Int
    /// Words (precise tokens kept as terms) in the period's documents.
    public var periodWords: Int
    /// Occurrences per 10,000 words of the period (0 when it has no words).
    public var perTenThousandWords: Double {
        periodWords == 0 ? 0 : Double(occurrences) * 10_000 / Double(periodWords)
    }
}

extension IndexReader {
    /// How often each term was used, period by period: for each period from the first dated
    /// document's to the last's (empty periods included), the documents containing the term,
    /// its occurrences, and the period's documents and words. Undated documents (and, by month,
    /// those dated to a year only) are left out.
    ///
    /// Each term is a word or a phrase, analysed as a quoted query (`共同富裕`, `高质量 发展`).
    ///
    /// ```swift
    /// let rows = try reader.trend(["共同富裕"], by: .year, analyzer: try reader.queryAnalyzer())
    /// ```
    public func trend(_ terms: [String], by period: TrendPeriod, analyzer: Analyzer,
                      filter: SearchFilter = SearchFilter()) throws(IndexError) -> [TrendRow] {
        let allowed = try allowedDocuments(filter)
        func key(_ packed: UInt32) -> Int? {
            guard let date = DocumentDate(packed: packed) else { return nil }
            switch period {
            case .year: return date.year * 100
            case .month: return date.month.map { date.year * 100 + $0 }
            }
        }
        // The periods' documents and words.
        var periodDocuments: [Int: Int] = [:], periodWords: [Int: Int] = [:]
        var periodOf: [[Int?]] = []
        for (s, segment) in segments.enumerated() {
            let dates = try segment.stored.dates(docCount: segment.docCount)
            var keys = [Int?](repeating: nil, count: segment.docCount)
            for d in 0..<segment.docCount where !deleted[s].contains(d) && (allowed[s]?[d] ?? true) {
                guard let k = key(dates[d]) else { continue }
                keys[d] = k
                periodDocuments[k, default: 0] += 1
                periodWords[k, default: 0] += segment.docLength(d)
            }
            periodOf.append(keys)
        }
        guard let first = periodDocuments.keys.min(), let last = periodDocuments.keys.max() else { return [] }
        var periods: [Int] = []
        var k = first
        while k <= last {
            periods.append(k)
            if period == .year { k += 100 } else { k = k % 100 == 12 ? (k / 100 + 1) * 100 + 1 : k + 1 }
        }
        var rows: [TrendRow] = []
        for term in terms {
            let quoted = term.contains("\"") || term.contains("“") ? term : "\"" + term + "\""
            let query = expandingPhrases(Query(quoted, analyzer: analyzer))
            var documents: [Int: Int] = [:], occurrences: [Int: Int] = [:]
            if query.groups.count == 1 {
                let plan = QueryPlan(query, passages: false)
                let context = makeContext(plan, ranking: .tfidf)
                var damaged: IndexError?
                for s in segments.indices {
                    var run = SegmentSearch(reader: self, segment: s, plan: plan, context: context, allowed: allowed[s])
                    run.forEachMatch { d, count in
                        guard let p = periodOf[s][d] else { return }
                        documents[p, default: 0] += 1
                        occurrences[p, default: 0] += count
                    }
                    if run.isDamaged && damaged == nil { damaged = .corrupt(file: segments[s].path, reason: "postings damaged") }
                }
                if let damaged { throw damaged }
            }
            for p in periods {
                let label = period == .year ? "\(p / 100)" : "\(p / 100)-\(p % 100 < 10 ? "0" : "")\(p % 100)"
                rows.append(TrendRow(period: label, term: term, documents: documents[p] ?? 0, occurrences: occurrences[p] ?? 0,
                                     periodDocuments: periodDocuments[p] ?? 0, periodWords: periodWords[p] ?? 0))
            }
        }
        return rows
    }
}

extension SegmentSearch {
    /// Whether a cursor met damaged data.
    var isDamaged: Bool { cursors.contains { $0.damaged } }

    /// Every live document matching the plan's one group, with how often: the best reading's
    /// count (a phrase's occurrences, a word's tf, the least tf of a several-word clause).
    mutating func forEachMatch(_ body: (Int, Int) -> Void) {
        guard let clauses = plan.groupClauses.first else { return }
        var terms: [Int] = []
        for c in clauses {
            for k in plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1] where prepared.present[plan.flatTerms[k]] && !terms.contains(plan.flatTerms[k]) {
                terms.append(plan.flatTerms[k])
            }
        }
        guard !terms.isEmpty else { return }
        var d = 0
        while true {
            var m = PostingCursor.exhausted
            for t in terms { m = min(m, cursors[t].advance(to: d)) }
            if m == PostingCursor.exhausted { return }
            d = m
            var best = 0
            for c in clauses {
                if plan.clausePhrase[c] {
                    best = max(best, phraseFrequency(c, d))
                } else if hasAllTerms(c, d) {
                    var least = Int.max
                    for k in plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1] { least = min(least, cursors[plan.flatTerms[k]].tf) }
                    best = max(best, least)
                }
            }
            if best > 0 && !isDeleted(d) { body(d, best) }
            d += 1
        }
    }
}
