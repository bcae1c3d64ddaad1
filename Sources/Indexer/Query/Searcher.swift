#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Segmenter

/// Query evaluation, document at a time over each segment, with a top-k heap and dynamic
/// pruning:
/// - one term: block-max — a block whose upper bound cannot beat the k-th best score is not
///   decoded;
/// - alternatives of single terms (`a OR b OR c`): MaxScore — terms whose summed upper bounds
///   cannot reach the threshold only refine candidates found by the others;
/// - conjunctions: leapfrog intersection driven by the rarest required term, skipping blocks.
/// Passage ranking (`passages`) scores every matching document's passages from positions.
extension IndexReader {
    /// Searches with a query string, analysed with `analyzer` (precise mode).
    public func search(_ text: String, analyzer: Analyzer, options: SearchOptions) throws(IndexError) -> [SearchHit] {
        try search(Query(text, analyzer: analyzer), options: options)
    }

    public func search(_ query: Query, options: SearchOptions) throws(IndexError) -> [SearchHit] {
        try hits(for: topDocuments(query, options: options), passages: options.passages)
    }

    /// The top documents (or passages) for a query, best first, before any stored field is
    /// read: `search` is this followed by `hits(for:passages:)`.
    public func topDocuments(_ query: Query, options: SearchOptions) throws(IndexError) -> [ScoredDocument] {
        try topDocuments(query, options: options, expanded: false)
    }

    /// `topDocuments` of a query whose phrases are already expanded (`expanded`) or not.
    func topDocuments(_ query: Query, options: SearchOptions, expanded: Bool) throws(IndexError) -> [ScoredDocument] {
        guard !query.groups.isEmpty, options.top > 0 else { return [] }
        if !options.passages && query.excluded.isEmpty && query.groups.count == 1 && query.groups[0].count == 1,
           let clause = query.groups[0].first, !clause.isPhrase && clause.terms.count == 1 {
            // One word: straight to its postings.
            return try topDocuments(ofTerm: clause.terms[0], options: options)
        }
        return try plannedTopDocuments(query, options: options, expanded: expanded)
    }

    /// `topDocuments` through a plan (`PreparedQuery`) and a `SegmentSearch` per segment,
    /// whatever the query (a query of one word too: tests compare it with the direct path).
    func plannedTopDocuments(_ query: Query, options: SearchOptions, expanded: Bool) throws(IndexError) -> [ScoredDocument] {
        guard !query.groups.isEmpty, options.top > 0 else { return [] }
        try checkTables()
        let prepared = prepare(query, ranking: options.ranking, passages: options.passages, expanded: expanded)
        let allowed = try allowedDocuments(options.filter)
        var top = TopK<HitLocation>(options.top)
        var damaged: IndexError?
        for s in segments.indices {
            var run = SegmentSearch(reader: self, segment: s, prepared: prepared.segments[s], plan: prepared.plan,
                                    context: prepared.context, allowed: allowed[s])
            run.execute(passages: options.passages, top: &top, damaged: &damaged)
        }
        if let damaged { throw damaged }
        return top.sorted().map { ScoredDocument(score: $0.score, segment: $0.item.segment, ordinal: $0.item.ordinal, passage: $0.item.passage) }
    }

    /// The hits of ranked documents: ids, titles, and for passages their ranges (read from the
    /// store).
    public func hits(for documents: [ScoredDocument], passages: Bool) throws(IndexError) -> [SearchHit] {
        var hits: [SearchHit] = []
        hits.reserveCapacity(documents.count)
        for document in documents {
            let (s, d, p) = (document.segment, document.ordinal, document.passage)
            guard s >= 0, s < segments.count else { continue }
            let record = try segments[s].doc(d)
            let stored = try segments[s].stored.titleAndPassages(record.stored)
            let range = passages ? (p >= 0 && p < stored.passages.count ? stored.passages[p] : 0..<record.stored.textLength) : nil
            hits.append(SearchHit(id: record.id, title: stored.title, score: document.score, passageIndex: passages ? p : nil,
                                  passageRange: range, segment: s, ordinal: d))
        }
        return hits
    }

    /// `query` with its phrases' further readings across this index's word boundaries
    /// (`PhraseExpansion`).
    func expandingPhrases(_ query: Query) -> Query {
        PhraseExpansion.expand(query, segments: segments, cache: phraseTerms)
    }

    func makeContext(_ plan: QueryPlan, ranking: Ranking) -> SearchContext {
        let n = max(storedDocumentCount, 1)
        // Each term looked up once per segment: the lookups give the df and, later, the cursors.
        let infos = segments.map { segment in plan.termBytes.map { segment.lookup($0) } }
        let scorer = Scorer(ranking: ranking, documents: n, averageLength: Double(totalLength) / Double(n))
        let passageScorer = Scorer(ranking: ranking, documents: n,
                                   averageLength: passageCount == 0 ? 1 : Double(totalPassageLength) / Double(passageCount))
        let idf = plan.termBytes.indices.map { t in scorer.idf(df: infos.reduce(0) { $0 + ($1[t]?.docFreq ?? 0) }) }
        // A phrase weighs as one word whose idf is the sum of its words' (as Lucene's and
        // tantivy's phrase queries), with its frequency as tf.
        // A further reading of a phrase weighs at most as the phrase as typed: where a document
        // cut it otherwise, it is still the phrase (and its own words bound its weight).
        let ownIDF = plan.phrases.map { c in
            plan.flatTerms[plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1]].reduce(0.0) { $0 + idf[$1] }
        }
        let phraseIDF = ownIDF.indices.map { i in min(ownIDF[i], ownIDF[plan.phraseFamily[i]]) }
        return SearchContext(scorer: scorer, passageScorer: passageScorer, terms: plan.termBytes, idf: idf, phraseIDF: phraseIDF,
                             termInfos: infos)
    }

    private func passageRange(_ content: StoredDocuments.Content, passage: Int) -> Range<Int> {
        if passage >= 0 && passage < content.passages.count { return content.passages[passage] }
        return 0..<content.text.utf8.count
    }

    /// The passage of a document hit that best matches the query (for its snippet), with its
    /// number and UTF-8 range in the document; a passage hit's own passage.
    public func bestPassage(of hit: SearchHit, query: Query, ranking: Ranking) throws(IndexError) -> (index: Int, range: Range<Int>) {
        if let index = hit.passageIndex, let range = hit.passageRange { return (index, range) }
        let prepared = prepare(query, ranking: ranking, passages: true, expanded: false)
        var run = SegmentSearch(reader: self, segment: hit.segment, prepared: prepared.segments[hit.segment], plan: prepared.plan,
                                context: prepared.context)
        let p = run.bestPassage(hit.ordinal) ?? 0
        if let failure = run.failure { throw failure }
        let content = try segments[hit.segment].content(try segments[hit.segment].doc(hit.ordinal))
        return (p, passageRange(content, passage: p))
    }
}

/// A ranked document or passage, before its stored fields are read (`IndexReader.hits`).
public struct ScoredDocument: Sendable, Hashable {
    public let score: Double
    let segment: Int
    let ordinal: Int
    let passage: Int
}

/// Where a ranked hit is: its segment, its ordinal there, and (passage mode) its passage.
struct HitLocation {
    var segment: Int
    var ordinal: Int
    var passage: Int
}
