import Testing
@testable import Indexer
import Segmenter

/// The cheap set-up of a search (issue 12, query speed): a query of one word goes straight to
/// its postings, a query with phrases is prepared once per reader, MaxScore borrows its window
/// memory. Each must rank exactly as the planned path does.
@Suite struct PreparedQueries {
    /// Documents of our own words in varying numbers, so that frequent words have lists of
    /// several blocks (block-max skips some) and documents have varied lengths and tfs.
    static let documents: [IndexDocument] = {
        let words = ["发展", "改革", "农业", "粮食", "乡村振兴", "中国科学院", "学院", "创新", "公私", "合作", "的", "核心"]
        var state: UInt64 = 12
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<900).map { i in
            var text = ""
            for _ in 0..<(3 + next(40)) {
                // Earlier words are more frequent.
                text += words[min(next(words.count), next(words.count))]
                text += ["，", "。", "", "", ""][next(5)]  // words side by side too (phrases)
            }
            return IndexDocument(id: "d\(i)", text: text, fields: ["source": i % 3 == 0 ? "a" : "b"])
        }
    }()

    /// An index of several segments with deletions.
    static func build() throws -> IndexReader {
        let path = temporaryIndexPath()
        let writer = try IndexWriter(directory: path, create: true)
        for start in stride(from: 0, to: documents.count, by: 400) {
            try writer.add(documents[start..<min(start + 400, documents.count)])
            try writer.commit()
        }
        for i in stride(from: 5, to: documents.count, by: 17) { _ = writer.delete(id: "d\(i)") }
        try writer.commit()
        return try IndexReader(directory: path)
    }

    static let filters = [SearchFilter(), SearchFilter(fields: ["source": ["a"]])]

    @Test func oneWordGoesStraightToItsPostingsAndRanksAsThePlan() throws {
        let reader = try Self.build()
        #expect(reader.segmentCount >= 3)
        for word in ["发展", "改革", "公私", "核心", "学院", "zyxw"] {
            let query = Query(word, analyzer: Corpus.queryAnalyzer)
            #expect(query.groups.count == 1 && query.groups[0].count == 1 && query.groups[0][0].terms.count == 1, "\(word)")
            for ranking in [Ranking.tfidf, .bm25] {
                for top in [1, 3, 10, 1000] {
                    for filter in Self.filters {
                        let options = SearchOptions(top: top, ranking: ranking, filter: filter)
                        let direct = try reader.topDocuments(query, options: options)
                        let planned = try reader.plannedTopDocuments(query, options: options, expanded: false)
                        #expect(direct == planned, "\(word) \(ranking) top \(top)")
                        // Lists of several blocks (block-max skips), and a word the index lacks.
                        if top == 1000 && filter.isEmpty { #expect(word == "zyxw" ? direct.isEmpty : direct.count > 50, "\(word)") }
                    }
                }
            }
        }
    }

    @Test func aPreparedPhraseQueryRanksAsAFreshOne() throws {
        let reader = try Self.build()
        let queries = ["\"的 核\"", "\"科 学院\"", "\"乡村振兴 发展\"", "\"改革 创新\" 农业", "\"的 核\" -公私", "发展 OR \"科 学院\""]
        for text in queries {
            let query = Query(text, analyzer: Corpus.queryAnalyzer)
            for passages in [false, true] {
                for ranking in [Ranking.tfidf, .bm25] {
                    for top in [2, 10, 1000] {
                        let options = SearchOptions(top: top, ranking: ranking, passages: passages)
                        // A new reader prepares the query; the first reader found it again.
                        let first = try reader.topDocuments(query, options: options)
                        let again = try reader.topDocuments(query, options: options)
                        let fresh = try IndexReader(directory: reader.directory).topDocuments(query, options: options)
                        #expect(first == fresh && again == fresh, "\(text) \(ranking) passages \(passages) top \(top)")
                        if top == 1000 && !passages { #expect(!fresh.isEmpty, "\(text)") }
                    }
                }
            }
        }
        // One key per query, ranking and mode (tfidf/bm25 × documents/passages).
        #expect(reader.phraseTerms.plans.withLock { $0.count } == queries.count * 4)
    }

    @Test func alternativesBorrowAClearWindowAndRankAlike() throws {
        let reader = try Self.build()
        let query = Query("公私 OR 核心 OR 学院", analyzer: Corpus.queryAnalyzer)
        guard case .alternatives = QueryPlan(query, passages: false).shape else {
            Issue.record("not planned as alternatives")
            return
        }
        for ranking in [Ranking.tfidf, .bm25] {
            let options = SearchOptions(top: 10, ranking: ranking)
            let first = try reader.topDocuments(query, options: options)
            // The window memory came back clear and is used again: the same answer.
            #expect(reader.phraseTerms.windows.withLock { $0.count } == 1)
            #expect(reader.phraseTerms.windows.withLock { $0.allSatisfy(\.isClear) })
            #expect(try reader.topDocuments(query, options: options) == first)
            #expect(try IndexReader(directory: reader.directory).topDocuments(query, options: options) == first)
        }
    }

    /// A group of single words is planned directly (no nested arrays or sets) as the general
    /// path plans it.
    @Test func wordsAndAlternativesPlanAsTheGeneralPath() {
        for text in ["发展", "发展 OR 改革", "发展 OR 发展", "发展 OR 改革 OR 发展 OR 公私", "zyxw OR 发展"] {
            let query = Query(text, analyzer: Corpus.queryAnalyzer)
            let direct = QueryPlan(query, passages: false), general = QueryPlan(general: query, passages: false)
            #expect(direct.termBytes == general.termBytes && direct.flatTerms == general.flatTerms, "\(text)")
            #expect(direct.flatOffsets == general.flatOffsets && direct.clauseOffsets == general.clauseOffsets, "\(text)")
            #expect(direct.clausePhrase == general.clausePhrase && direct.singles == general.singles, "\(text)")
            #expect(direct.phrases == general.phrases && direct.phraseFamily == general.phraseFamily, "\(text)")
            #expect(direct.multiplicity == general.multiplicity && direct.groupClauses == general.groupClauses, "\(text)")
            #expect(direct.required == general.required && direct.firstGroupTerms == general.firstGroupTerms, "\(text)")
            #expect(direct.excludedTerms == general.excludedTerms && direct.excludedOffsets == general.excludedOffsets, "\(text)")
            #expect(direct.excludedPhrase == general.excludedPhrase && direct.excludedPositions == general.excludedPositions, "\(text)")
            #expect("\(direct.shape)" == "\(general.shape)", "\(text)")
        }
    }
}
