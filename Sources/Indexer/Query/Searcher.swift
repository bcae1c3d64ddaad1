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
        guard !query.groups.isEmpty, options.top > 0 else { return [] }
        let plan = QueryPlan(query, passages: options.passages)
        let context = makeContext(plan, ranking: options.ranking)
        let allowed = try allowedDocuments(options.filter)
        var top = TopK<(Int, Int, Int)>(options.top)  // (segment, ordinal, passage)
        var damaged: IndexError?
        for s in segments.indices {
            var run = SegmentSearch(reader: self, segment: s, plan: plan, context: context, allowed: allowed[s])
            run.execute(passages: options.passages, top: &top, damaged: &damaged)
        }
        if let damaged { throw damaged }
        return top.sorted().map { ScoredDocument(score: $0.score, segment: $0.item.0, ordinal: $0.item.1, passage: $0.item.2) }
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
            let content = try segments[s].content(record)
            let range = passages ? passageRange(content, passage: p) : nil
            hits.append(SearchHit(id: record.id, title: content.title, score: document.score, passageIndex: passages ? p : nil,
                                  passageRange: range, segment: s, ordinal: d))
        }
        return hits
    }

    func makeContext(_ plan: QueryPlan, ranking: Ranking) -> SearchContext {
        let n = max(storedDocumentCount, 1)
        // Each term looked up once per segment: the lookups give the df and, later, the cursors.
        let infos = segments.map { segment in plan.termBytes.map { segment.lookup($0) } }
        let idf = plan.termBytes.indices.map { t in
            ranking.idf(df: infos.reduce(0) { $0 + ($1[t]?.docFreq ?? 0) }, n: n)
        }
        // A phrase weighs as one word whose idf is the sum of its words' (as Lucene's and
        // tantivy's phrase queries), with its frequency as tf.
        let phraseIDF = plan.phrases.map { c in
            plan.flatTerms[plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1]].reduce(0.0) { $0 + idf[$1] }
        }
        return SearchContext(
            ranking: ranking, terms: plan.termBytes, idf: idf, phraseIDF: phraseIDF, averageLength: Double(totalLength) / Double(n),
            averagePassageLength: passageCount == 0 ? 1 : Double(totalPassageLength) / Double(passageCount),
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
        let plan = QueryPlan(query, passages: true)
        var run = SegmentSearch(reader: self, segment: hit.segment, plan: plan, context: makeContext(plan, ranking: ranking))
        let p = run.bestPassage(hit.ordinal) ?? 0
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

/// A query resolved once for all segments: its scoring terms numbered, its clauses flattened
/// (no nested arrays or string hashing per candidate), and the evaluation strategy.
final class QueryPlan {
    enum Shape {
        case single(Int)
        case alternatives([Int])
        case conjunction([Int])
        /// All groups single clauses, some of them phrases: a conjunction whose candidates
        /// that would enter the top k have their phrases checked.
        case conjunctionWithPhrases([Int])
        case general
    }

    let termBytes: [[UInt8]]
    /// Clause c's terms are flatTerms[clauseOffsets[c]..<clauseOffsets[c+1]]; group g's
    /// clauses are groupClauses[g].
    let flatTerms: [Int]
    /// For phrase clauses: each term's position relative to the phrase's first (parallel to
    /// `flatTerms`).
    let flatOffsets: [Int]
    let clauseOffsets: [Int]
    let clausePhrase: [Bool]
    /// The scoring units: the distinct terms of clauses that are not phrases (each scored by
    /// its tf), and the phrase clauses (each scored by its phrase frequency).
    let singles: [Int]
    let phrases: [Int]
    /// Per phrase (index into `phrases`): the index of the phrase it is a reading of (itself
    /// for a first reading). Readings of one phrase score as one: by the better of them.
    let phraseFamily: [Int]
    /// Per term: in how many scoring units it counts (its bound is counted as often).
    let multiplicity: [Double]
    let groupClauses: [Range<Int>]
    /// Terms every match has (those of single-clause groups), and the terms of the first
    /// group (the candidates' source when nothing is required).
    let required: [Int]
    let firstGroupTerms: [Int]
    /// Excluded clauses: their terms' bytes, flattened the same way.
    let excludedTerms: [[UInt8]]
    let excludedOffsets: [Int]
    let excludedPhrase: [Bool]
    /// Excluded phrases' relative positions, parallel to `excludedTerms`.
    let excludedPositions: [Int]
    let shape: Shape

    init(_ query: Query, passages: Bool) {
        let scoring = query.scoringTerms
        // A handful of terms: linear search, no string hashing.
        func index(_ term: String) -> Int? { scoring.firstIndex(of: term) }
        termBytes = scoring.map { Array($0.utf8) }
        var flat: [Int] = [], offsets: [Int] = [], starts: [Int] = [0], phrase: [Bool] = [], ranges: [Range<Int>] = []
        var singles: [Int] = [], phrases: [Int] = [], family: [Int] = []
        var multiplicity = [Double](repeating: 0, count: scoring.count)
        for group in query.groups {
            let first = phrase.count
            for clause in group {
                let terms = clause.terms.map { index($0) ?? 0 }
                if clause.isPhrase {
                    family.append(clause.isVariant && !family.isEmpty ? family[family.count - 1] : phrases.count)
                    phrases.append(phrase.count)
                    if !clause.isVariant { for t in Set(terms) { multiplicity[t] += 1 } }
                } else {
                    for t in terms where !singles.contains(t) {
                        singles.append(t)
                        multiplicity[t] += 1
                    }
                }
                flat += terms
                offsets += clause.isPhrase ? clause.offsets : Array(repeating: 0, count: terms.count)
                starts.append(flat.count)
                phrase.append(clause.isPhrase)
            }
            ranges.append(first..<phrase.count)
        }
        flatTerms = flat
        flatOffsets = offsets
        self.singles = singles
        self.phrases = phrases
        phraseFamily = family
        self.multiplicity = multiplicity
        clauseOffsets = starts
        clausePhrase = phrase
        groupClauses = ranges
        var required: [Int] = []
        for g in query.groups where g.count == 1 {
            for t in g[0].terms.compactMap(index) where !required.contains(t) { required.append(t) }
        }
        required.sort()
        self.required = required
        var first: [Int] = []
        for t in (query.groups.first ?? []).flatMap({ $0.terms.compactMap(index) }) where !first.contains(t) { first.append(t) }
        firstGroupTerms = first.sorted()
        var excluded: [[UInt8]] = [], excludedStarts = [0], excludedPositions: [Int] = []
        for clause in query.excluded {
            excluded += clause.terms.map { Array($0.utf8) }
            excludedPositions += clause.offsets
            excludedStarts.append(excluded.count)
        }
        self.excludedPositions = excludedPositions
        excludedTerms = excluded
        excludedOffsets = excludedStarts
        excludedPhrase = query.excluded.map(\.isPhrase)
        let groups = query.groups
        if passages || !query.excluded.isEmpty || groups.isEmpty {
            shape = .general
        } else if groups.count == 1 && groups[0].allSatisfy({ $0.terms.count == 1 && !$0.isPhrase }) {
            let terms = groups[0].map { index($0.terms[0]) ?? 0 }
            shape = terms.count == 1 ? .single(terms[0]) : .alternatives(terms)
        } else if groups.allSatisfy({ $0.count == 1 && !$0[0].isPhrase }) {
            shape = .conjunction(required)
        } else if groups.allSatisfy({ $0.count == 1 }) {
            shape = .conjunctionWithPhrases(required)
        } else {
            shape = .general
        }
    }
}

/// What a search needs across segments.
final class SearchContext {
    let ranking: Ranking
    let terms: [[UInt8]]
    let idf: [Double]
    /// Per phrase clause of the plan (`QueryPlan.phrases`): the sum of its terms' idf, and that
    /// scaled as `scaledIDF`.
    let phraseIDF: [Double]
    let phraseScaledIDF: [Double]
    let averageLength: Double
    let averagePassageLength: Double

    /// Per term: idf·(k1+1) for BM25, idf for TF-IDF (the constant factor of a weight).
    let scaledIDF: [Double]
    let isBM25: Bool
    /// k1·b/avgdl, k1·(1−b): BM25's length norm is k1(1−b) + k1·b·len/avgdl.
    let normSlope: Double
    let normBase: Double

    /// Per segment, per scoring term: its postings' info (nil when the segment lacks it).
    let termInfos: [[SegmentReader.TermInfo?]]

    init(ranking: Ranking, terms: [[UInt8]], idf: [Double], phraseIDF: [Double], averageLength: Double, averagePassageLength: Double,
         termInfos: [[SegmentReader.TermInfo?]]) {
        self.phraseIDF = phraseIDF
        phraseScaledIDF = ranking == .bm25 ? phraseIDF.map { $0 * (Ranking.k1 + 1) } : phraseIDF
        self.termInfos = termInfos
        self.ranking = ranking
        self.terms = terms
        self.idf = idf
        self.averageLength = averageLength
        self.averagePassageLength = averagePassageLength
        isBM25 = ranking == .bm25
        scaledIDF = isBM25 ? idf.map { $0 * (Ranking.k1 + 1) } : idf
        normSlope = Ranking.k1 * Ranking.b / max(averageLength, 1e-9)
        normBase = Ranking.k1 * (1 - Ranking.b)
    }

    /// A document's length factor, computed once for all of its terms: BM25's norm, or
    /// TF-IDF's 1/√len.
    @inline(__always)
    func norm(length: Int) -> Double {
        isBM25 ? normBase + normSlope * Double(length) : 1 / Double(max(length, 1)).squareRoot()
    }

    /// Term `t`'s weight in a document with this tf and norm: the formulas of `Ranking`.
    @inline(__always)
    func weight(term t: Int, tf: Int, norm: Double) -> Double {
        weight(scaledIDF: scaledIDF[t], tf: tf, norm: norm)
    }

    /// A weight from a scaled idf (a term's or a phrase's), a frequency and a norm.
    @inline(__always)
    func weight(scaledIDF: Double, tf: Int, norm: Double) -> Double {
        let f = Double(tf)
        if isBM25 { return scaledIDF * f / (f + norm) }
        return (tf == 1 ? 1 : 1 + log(f)) * scaledIDF * norm
    }

    @inline(__always)
    func weight(term t: Int, tf: Int, length: Int) -> Double {
        weight(term: t, tf: tf, norm: norm(length: length))
    }

    /// An upper bound of a term's weight in any document of a block or list with these
    /// bound data (tfidf factor, max tf, min BM25 norm at the segment's own average length;
    /// the reasoning is in `SegmentFormat`).
    @inline(__always)
    func bound(term t: Int, tfidf: Float, maxTF: UInt32, minNorm: Float, segmentAverageLength: Double) -> Double {
        switch ranking {
        case .tfidf:
            return idf[t] * Double(tfidf) * 1.000001
        case .bm25:
            guard maxTF > 0, minNorm.isFinite, minNorm >= 0 else { return .infinity }
            let x = 1 / max(averageLength, 1e-9), x0 = 1 / max(segmentAverageLength, 1e-9)
            let atX0 = Double(minNorm)
            var g = atX0
            if x < x0 {
                let atZero = Ranking.k1 * (1 - Ranking.b) / Double(maxTF)
                g = atZero + (atX0 - atZero) * (x / x0)
            }
            return idf[t] * (Ranking.k1 + 1) / (1 + max(g, 0)) * 1.000001
        }
    }
}

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
    /// Reused for phrase start positions (passage scoring).
    var phraseStarts: [UInt32] = []

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
        phraseDoc = Array(repeating: -1, count: plan.clausePhrase.count)
        phraseCount = Array(repeating: 0, count: plan.clausePhrase.count)
    }

    mutating func execute(passages: Bool, top: inout TopK<(Int, Int, Int)>, damaged: inout IndexError?) {
        defer {
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

    // MARK: One term, block-max

    func singleTerm(_ t: Int, top: inout TopK<(Int, Int, Int)>) {
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
                    top.insert((s, d, 0), score: score, id: globalID(d))
                    threshold = top.threshold
                }
            }
            b += 1
        }
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

    // MARK: Conjunction of terms, block-max leapfrog

    /// Documents with all of `terms`: the rarest leads, the others follow; before any block is
    /// decoded, the blocks that would hold the candidate are checked against the threshold
    /// from the block tables alone, and a stretch that cannot compete is skipped whole.
    mutating func conjunction(_ termsIn: [Int], phrases: Bool = false, top: inout TopK<(Int, Int, Int)>) {
        guard !termsIn.isEmpty, termsIn.allSatisfy({ present[$0] }) else { return }
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
        let scaled = terms.map { context.scaledIDF[$0] }
        var pending = 0
        func flush(_ top: inout TopK<(Int, Int, Int)>) {
            for i in 0..<pending {
                let norm = context.norm(length: Int(lengths[batchDocs[i]]))
                var score = 0.0
                for j in 0..<k {
                    let tf = batchTFs[i * k + j]
                    score += context.isBM25 ? scaled[j] * tf / (tf + norm) : (tf == 1 ? 1 : 1 + log(tf)) * scaled[j] * norm
                }
                batchScores[i] = score
            }
            var threshold = top.threshold
            for i in 0..<pending where batchScores[i] > threshold {
                let d = batchDocs[i]
                if !isDeleted(d) {
                    top.insert((s, d, 0), score: batchScores[i], id: globalID(d))
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
                    top.insert((s, d, 0), score: score, id: globalID(d))
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

    // MARK: Alternatives of single terms, MaxScore

    func maxScore(_ termsIn: [Int], top: inout TopK<(Int, Int, Int)>) {
        // Windowed MaxScore with bulk scoring (as Lucene's): the documents are taken in
        // windows that end where the first of the terms' current blocks ends (and at most
        // `span` documents wide); in a window each term's bound is its block's, the terms are
        // ordered by it, and those whose bounds summed cannot beat the threshold are
        // non-essential. The essential terms' postings in the window are scored straight from
        // their decoded blocks into an accumulator; the non-essential terms only refine the
        // candidates that could still enter the top k.
        var live = Array(Set(termsIn)).filter { present[$0] }
        guard !live.isEmpty else { return }
        let span = 4096
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: span)
        scores.initialize(repeating: 0, count: span)
        let seen = UnsafeMutablePointer<UInt64>.allocate(capacity: span / 64)
        seen.initialize(repeating: 0, count: span / 64)
        defer {
            scores.deallocate()
            seen.deallocate()
        }
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
                                top.insert((s, d, 0), score: score, id: globalID(d))
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

    // MARK: General

    mutating func general(passages: Bool, top: inout TopK<(Int, Int, Int)>) {
        // Required terms: those of groups with one clause.
        let required = plan.required
        if required.contains(where: { !present[$0] }) { return }
        var driver: [Int]
        if !required.isEmpty {
            let c = cursors
            driver = required.sorted { c[$0].info.docFreq < c[$1].info.docFreq }
        } else {
            driver = plan.firstGroupTerms.filter { present[$0] }
            if driver.isEmpty { return }
        }
        let requiredSet = Set(required)
        let optionalBound = cursors.indices.filter { !requiredSet.contains($0) }.reduce(0.0) { $0 + termBound($1) * plan.multiplicity[$1] }
        var d = 0
        var windowEnd = -1
        var windowBound = Double.infinity
        outer: while true {
            // Next candidate.
            if !required.isEmpty {
                d = cursors[driver[0]].advance(to: d)
                if d == PostingCursor.exhausted { return }
                if !passages && top.threshold > -.infinity {
                    // Block-max for conjunctions: the blocks of the required terms that would
                    // hold the candidate (from the block tables, nothing decoded) plus the
                    // other terms' list bounds; skip the stretch where they cannot compete.
                    // The bound stands until the first of those blocks ends.
                    if d > windowEnd {
                        windowBound = optionalBound
                        windowEnd = Int.max
                        for t in required {
                            guard let (b, last) = shallowBound(t, d) else { return }
                            windowBound += b * plan.multiplicity[t]
                            windowEnd = min(windowEnd, last)
                        }
                    }
                    if windowBound <= top.threshold {
                        if windowEnd == Int.max { return }
                        d = windowEnd + 1
                        continue
                    }
                }
                for t in driver.dropFirst() {
                    let x = cursors[t].advance(to: d)
                    if x == PostingCursor.exhausted { return }
                    if x > d {
                        d = x
                        continue outer
                    }
                }
            } else {
                var m = PostingCursor.exhausted
                for t in driver { m = min(m, cursors[t].advance(to: d)) }
                if m == PostingCursor.exhausted { return }
                d = m
            }
            if passages {
                if !isDeleted(d), matches(d), !excluded(d) { scorePassages(d, top: &top) }
            } else {
                if let score = structuredScore(d, threshold: top.threshold) {
                    top.insert((s, d, 0), score: score, id: globalID(d))
                }
            }
            d += 1
        }
    }

    /// Whether every group has a clause whose terms are all in document `d` (phrases as in
    /// the query).
    mutating func matches(_ d: Int) -> Bool {
        for g in 0..<plan.groupClauses.count {
            var any = false
            for c in plan.groupClauses[g] where clauseMatches(c, d) {
                any = true
                break
            }
            if !any { return false }
        }
        return true
    }

    mutating func clauseMatches(_ c: Int, _ d: Int) -> Bool {
        plan.clausePhrase[c] ? phraseFrequency(c, d) > 0 : hasAllTerms(c, d)
    }

    /// Whether document `d` has every term of clause `c` (the cursors move to it).
    mutating func hasAllTerms(_ c: Int, _ d: Int) -> Bool {
        for k in plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1] {
            let t = plan.flatTerms[k]
            guard present[t], cursors[t].advance(to: d) == d else { return false }
        }
        return true
    }

    /// How often phrase clause `c` occurs in document `d` (counted once per document).
    mutating func phraseFrequency(_ c: Int, _ d: Int) -> Int {
        if phraseDoc[c] == d { return phraseCount[c] }
        var count = 0
        if hasAllTerms(c, d) {
            let lo = plan.clauseOffsets[c], hi = plan.clauseOffsets[c + 1]
            count = Self.phraseOccurrences(cursors, plan.flatTerms[lo..<hi], offsets: plan.flatOffsets[lo..<hi], limit: .max)
        }
        phraseDoc[c] = d
        phraseCount[c] = count
        return count
    }

    /// The score of document `d`, or nil when it does not match the query or cannot beat
    /// `threshold`. Single terms score by tf, phrases by phrase frequency. The bound from the
    /// term frequencies alone (a phrase occurs at most as often as its rarest word) is checked
    /// first: positions, alternatives and exclusions only for a document that could enter the
    /// top k.
    mutating func structuredScore(_ d: Int, threshold: Double) -> Double? {
        let norm = context.norm(length: Int(lengths[d]))
        var score = 0.0
        for t in plan.singles where present[t] && cursors[t].advance(to: d) == d {
            score += context.weight(term: t, tf: cursors[t].tf, norm: norm)
        }
        let phrases = plan.phrases.count
        guard phrases > 0 else {
            return score > threshold && !isDeleted(d) && matches(d) && !excluded(d) ? score : nil
        }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: phrases) { best -> Double? in
            // Per phrase family, the best reading's bound, then its weight.
            best.initialize(repeating: 0)
            for (i, c) in plan.phrases.enumerated() {
                var least = Int.max
                for k in plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1] {
                    let t = plan.flatTerms[k]
                    guard present[t], cursors[t].advance(to: d) == d else { least = 0; break }
                    least = min(least, cursors[t].tf)
                }
                if least > 0 {
                    let f = plan.phraseFamily[i]
                    best[f] = max(best[f], context.weight(scaledIDF: context.phraseScaledIDF[i], tf: least, norm: norm))
                }
            }
            let bound = score + best.reduce(0, +)
            guard bound > threshold, !isDeleted(d), matches(d), !excluded(d) else { return nil }
            best.update(repeating: 0)
            for (i, c) in plan.phrases.enumerated() {
                let pf = phraseFrequency(c, d)
                if pf > 0 {
                    let f = plan.phraseFamily[i]
                    best[f] = max(best[f], context.weight(scaledIDF: context.phraseScaledIDF[i], tf: pf, norm: norm))
                }
            }
            let total = score + best.reduce(0, +)
            return total > threshold ? total : nil
        }
    }

    /// The occurrences of a phrase in the current documents of `cursors[terms]`: the positions
    /// p where each term i is at p + offsets[i]. Positions are decoded as the walk needs them;
    /// it stops after `limit` occurrences, and appends their first positions to `starts` when
    /// given. A damaged position block marks its cursor damaged and counts nothing.
    static func phraseOccurrences(
        _ cursors: UnsafeMutableBufferPointer<PostingCursor>, _ terms: some Collection<Int>, offsets: some Collection<Int>,
        limit: Int, starts: UnsafeMutablePointer<[UInt32]>? = nil
    ) -> Int {
        let n = terms.count
        guard n > 0, offsets.count == n else { return 0 }
        return withUnsafeTemporaryAllocation(of: PositionStream.self, capacity: n) { streams in
            var made = 0
            defer {
                for (i, t) in terms.prefix(made).enumerated() where streams[i].damaged { cursors[t].markDamaged() }
                _ = streams.prefix(made).deinitialize()
            }
            for t in terms {
                guard let stream = cursors[t].positionStream() else { return 0 }
                streams.initializeElement(at: made, to: stream)
                made += 1
            }
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * n) { scratch in
                // current[i]: term i's current position; want[i]: its offset in the phrase.
                let current = scratch.baseAddress!, want = scratch.baseAddress! + n
                for (i, o) in offsets.enumerated() { want[i] = UInt32(truncatingIfNeeded: o &- offsets.first!) }
                for i in 1..<n {
                    guard let q = streams[i].next() else { return 0 }
                    current[i] = q
                }
                var count = 0
                outer: while let p = streams[0].next() {
                    for i in 1..<n {
                        let target = p &+ want[i]
                        if target < p { continue outer }  // past the largest position
                        while current[i] < target {
                            guard let q = streams[i].next() else { return count }
                            current[i] = q
                        }
                        if current[i] != target { continue outer }
                    }
                    count += 1
                    starts?.pointee.append(p)
                    if count >= limit { return count }
                }
                return count
            }
        }
    }

    mutating func excluded(_ d: Int) -> Bool {
        for i in 0..<plan.excludedPhrase.count {
            let lo = plan.excludedOffsets[i], hi = plan.excludedOffsets[i + 1]
            var all = true
            for j in lo..<hi where !excludedPresent[j] || excludedCursors[j].advance(to: d) != d {
                all = false
                break
            }
            guard all else { continue }
            if !plan.excludedPhrase[i]
                || Self.phraseOccurrences(excludedCursors, lo..<hi, offsets: plan.excludedPositions[lo..<hi], limit: 1) > 0 {
                return true
            }
        }
        return false
    }

    /// Scores of the passages of document `d` that hold a match of one of the query's clauses
    /// (a word, all words of a multi-word clause, a phrase as in the query), by the same
    /// units as documents: single terms by their tf in the passage, phrases by their frequency.
    mutating func passageScores(_ d: Int) -> [(Int, Double)] {
        guard let record = try? segment.doc(d), record.passageCount > 0 else { return [] }
        guard let starts = try? segment.passageStarts(record), starts.count == record.passageCount + 1 else {
            cursors[0].markDamaged()
            return []
        }
        let passageCount = record.passageCount
        let singles = plan.singles, phrases = plan.phrases
        let units = singles.count + phrases.count
        var counts = [Int](repeating: 0, count: passageCount * units)
        func passage(of position: UInt32) -> Int {
            // The last passage starting at or before the position.
            var lo = 0, hi = passageCount
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] <= Int(position) { lo = mid + 1 } else { hi = mid }
            }
            return max(0, lo - 1)
        }
        for (u, t) in singles.enumerated() where present[t] && cursors[t].advance(to: d) == d {
            for position in cursors[t].positions() { counts[passage(of: position) * units + u] += 1 }
        }
        for (i, c) in phrases.enumerated() where hasAllTerms(c, d) {
            let lo = plan.clauseOffsets[c], hi = plan.clauseOffsets[c + 1]
            phraseStarts.removeAll(keepingCapacity: true)
            _ = Self.phraseOccurrences(cursors, plan.flatTerms[lo..<hi], offsets: plan.flatOffsets[lo..<hi], limit: .max,
                                       starts: &phraseStarts)
            for p in phraseStarts { counts[passage(of: p) * units + singles.count + i] += 1 }
        }
        var out: [(Int, Double)] = []
        for p in 0..<passageCount {
            let row = p * units
            // A passage counts when one of the clauses matches inside it.
            var matched = false
            for c in 0..<plan.clausePhrase.count where !matched {
                if let i = phrases.firstIndex(of: c) {
                    matched = counts[row + singles.count + i] > 0
                } else {
                    matched = plan.flatTerms[plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1]].allSatisfy { t in
                        singles.firstIndex(of: t).map { counts[row + $0] > 0 } ?? false
                    }
                }
            }
            guard matched else { continue }
            let length = max(1, starts[p + 1] - starts[p])
            var score = 0.0
            for u in 0..<singles.count where counts[row + u] > 0 {
                score += context.ranking.weight(tf: counts[row + u], length: length, averageLength: context.averagePassageLength,
                                                idf: context.idf[singles[u]])
            }
            // Readings of one phrase score as one, by the better.
            var family = 0.0
            for i in 0..<phrases.count {
                if plan.phraseFamily[i] == i { score += family; family = 0 }
                let count = counts[row + singles.count + i]
                if count > 0 {
                    family = max(family, context.ranking.weight(tf: count, length: length, averageLength: context.averagePassageLength,
                                                                idf: context.phraseIDF[i]))
                }
            }
            score += family
            out.append((p, score))
        }
        return out
    }

    mutating func scorePassages(_ d: Int, top: inout TopK<(Int, Int, Int)>) {
        for (p, score) in passageScores(d) {
            top.insert((s, d, p), score: score, id: globalID(d) << 16 | min(p, 0xFFFF))
        }
    }

    /// The best passage of document `d` for the query.
    mutating func bestPassage(_ d: Int) -> Int? {
        passageScores(d).max { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }?.0
    }
}
