import Segmenter

/// An index on disk, as a library user meets it: create or open it in one line, add documents
/// through its `writer()`, search a consistent snapshot through its `searcher()`.
///
/// ```swift
/// let index = try Index.create(at: "news.idx")            // or Index.open(at:)
/// let writer = try index.writer()
/// try writer.add([IndexDocument(id: "a", text: "全面推进乡村振兴", date: DocumentDate("2024-03-05"))])
/// try writer.commit()
/// let hits = try index.searcher().search("乡村振兴 -北京", top: 10)
/// for hit in hits { print(hit.id, hit.score, hit.snippet.marked(open: "[", close: "]")) }
/// ```
public final class Index: Sendable {
    /// The index's directory.
    public let directory: String
    /// How it analyses text (recorded in it).
    public let analysis: IndexAnalysis

    private init(directory: String, analysis: IndexAnalysis) {
        self.directory = directory
        self.analysis = analysis
    }

    /// Opens the index in `directory`.
    /// - Throws: `IndexError.notAnIndex` when there is none; `.corrupt` when its recorded
    ///   analysis is damaged.
    public static func open(at directory: String) throws(IndexError) -> Index {
        guard FileIO.exists(directory + "/" + Manifest.fileName) else { throw .notAnIndex(path: directory) }
        return Index(directory: directory, analysis: try IndexAnalysis.recorded(in: directory))
    }

    /// Creates an index in `directory` (a new or empty folder) with `analysis`; an index
    /// already there is opened if it records the same analysis.
    /// - Throws: `IndexError.notEmpty` for a folder with other files; `.analysisMismatch` for
    ///   an index with another analysis; `.locked` while a writer works in it.
    public static func create(at directory: String, analysis: IndexAnalysis = IndexAnalysis()) throws(IndexError) -> Index {
        let writer = try IndexWriter(directory: directory, create: true, analysis: analysis)
        return Index(directory: directory, analysis: writer.analysis)
    }

    /// The index's writer (one at a time: a second one gets `IndexError.locked` until the
    /// first is released).
    public func writer() throws(IndexError) -> IndexWriter {
        try IndexWriter(directory: directory, create: false)
    }

    /// A searcher over the index as last committed: a snapshot, unchanged by later commits.
    public func searcher(limits: QueryLimits = QueryLimits()) throws(IndexError) -> Searcher {
        try Searcher(reader: IndexReader(directory: directory), analysis: analysis, limits: limits)
    }
}

/// What can go wrong in a search: the query, or the index.
public enum SearchError: Error, Equatable, Sendable, CustomStringConvertible {
    case query(QueryError)
    case index(IndexError)

    public var description: String {
        switch self {
        case .query(let e): "query: \(e)"
        case .index(let e): "\(e)"
        }
    }
}

/// A search result: a document (with its best passage) or, in passage mode, one passage;
/// with its stored fields and a snippet.
public struct Hit: Sendable {
    /// The document's id.
    public var id: String
    /// Its title ("" when none).
    public var title: String
    /// Its score.
    public var score: Double
    /// Its date, when it has one.
    public var date: DocumentDate?
    /// Its fields.
    public var fields: [String: String]
    /// The passage shown (the hit's own in passage mode, the best one otherwise): its number
    /// and its UTF-8 range in the document's text.
    public var passage: Int
    public var passageRange: Range<Int>
    /// The passage cut around its first match, matches highlighted.
    public var snippet: Snippet
}

/// A stored document, as `Searcher.document(id:)` returns it.
public struct StoredDocument: Sendable {
    /// The document as it was added.
    public var document: IndexDocument
    /// Its passages' UTF-8 ranges in its text.
    public var passages: [Range<Int>]
}

/// Searches one snapshot of an index with its recorded analysis. Thread-safe.
public struct Searcher: Sendable {
    /// The snapshot.
    public let reader: IndexReader
    /// The analysis queries go through (the index's).
    public let analysis: IndexAnalysis
    /// What a query may ask.
    public var limits: QueryLimits
    let queryAnalyzer: Analyzer
    let documentAnalyzer: Analyzer

    /// A searcher over `reader` with the index's analysis.
    public init(reader: IndexReader, analysis: IndexAnalysis, limits: QueryLimits = QueryLimits()) throws(IndexError) {
        self.reader = reader
        self.analysis = analysis
        self.limits = limits
        queryAnalyzer = try analysis.makeAnalyzer(mode: .precise)
        documentAnalyzer = try analysis.makeAnalyzer(mode: .search)
    }

    /// Live documents in the snapshot.
    public var documentCount: Int { reader.documentCount }

    /// Parses a query with the index's analysis and the searcher's limits.
    public func parse(_ query: String) throws(QueryError) -> Query {
        try Query.parse(query, analyzer: queryAnalyzer, limits: limits)
    }

    /// The best hits for `query` (syntax: `Query`), from `offset` on.
    /// - Parameters:
    ///   - top: how many hits (after `offset`).
    ///   - offset: hits to skip (paging).
    ///   - rank: BM25 (default) or TF-IDF.
    ///   - passages: rank passages instead of documents.
    ///   - filter: dates and fields the documents must have.
    ///   - snippetCharacters: the longest snippet.
    /// - Throws: `SearchError.query` for a bad query or one over the limits, `.index` for a
    ///   damaged index.
    public func search(_ query: String, top: Int = 10, offset: Int = 0, rank: Ranking = .bm25, passages: Bool = false,
                       filter: SearchFilter = SearchFilter(), snippetCharacters: Int = 160) throws(SearchError) -> [Hit] {
        let parsed: Query
        do { parsed = try parse(query) } catch { throw .query(error) }
        return try search(parsed, top: top, offset: offset, rank: rank, passages: passages, filter: filter,
                          snippetCharacters: snippetCharacters)
    }

    /// The same for a query already parsed (by `parse`), so a caller that needs the parsed
    /// query too does not analyse it twice.
    public func search(_ parsed: Query, top: Int = 10, offset: Int = 0, rank: Ranking = .bm25, passages: Bool = false,
                       filter: SearchFilter = SearchFilter(), snippetCharacters: Int = 160) throws(SearchError) -> [Hit] {
        let (wanted, overflow) = max(0, top).addingReportingOverflow(max(0, offset))
        if overflow || wanted > limits.maxTop { throw .query(.topTooLarge(top: overflow ? .max : wanted, limit: limits.maxTop)) }
        do {
            let expanded = reader.expandingPhrases(parsed)
            let ranked = try reader.topDocuments(expanded, options: SearchOptions(top: wanted, ranking: rank, passages: passages, filter: filter),
                                                 expanded: true)
            let page = ranked.dropFirst(max(0, offset))
            guard !page.isEmpty else { return [] }
            // One plan and context for every hit's best passage (term lookups once, not per hit).
            let plan = QueryPlan(expanded, passages: true)
            let context = reader.makeContext(plan, ranking: rank)
            // Highlights: the query's words and the longer terms its phrases matched through.
            let highlighter = PassageHighlighter(query: expanded, analyzer: documentAnalyzer)
            return try page.map { document throws(IndexError) in
                try hit(document, plan: plan, context: context, highlighter: highlighter, passages: passages,
                        snippetCharacters: snippetCharacters)
            }
        } catch {
            throw .index(error)
        }
    }

    private func hit(_ scored: ScoredDocument, plan: QueryPlan, context: SearchContext, highlighter: PassageHighlighter, passages: Bool,
                     snippetCharacters: Int) throws(IndexError) -> Hit {
        let segment = reader.segments[scored.segment]
        let record = try segment.doc(scored.ordinal)
        // The text stays bytes in its block: only the snippet's passage is read.
        let content = try segment.stored.textBytes(record.stored)
        var passage = scored.passage
        var run = SegmentSearch(reader: reader, segment: scored.segment, plan: plan, context: context)
        if !passages { passage = run.bestPassage(scored.ordinal) ?? 0 }
        // Highlights: the query's words among the passage's words (search mode), placed by the
        // index's positions where they can be (see PassageHighlighter).
        var indexed: (start: Int, positions: [[UInt32]])?
        if highlighter.usesPositions && passage >= 0 && passage < content.passages.count {
            let starts = try segment.passageStarts(record)
            if passage < starts.count { indexed = (starts[passage], run.termPositions(scored.ordinal)) }
        }
        if let failure = run.failure { throw failure }
        let range = passage >= 0 && passage < content.passages.count ? content.passages[passage] : 0..<content.textLength
        let snippet = content.withText { text in
            Snippet.make(utf8: text, passage: range, highlighter: highlighter, maxCharacters: snippetCharacters, indexed: indexed)
        }
        return Hit(id: record.id, title: content.title, score: scored.score, date: record.stored.date,
                   fields: try segment.stored.fields(record.stored), passage: passage, passageRange: range, snippet: snippet)
    }

    /// The stored document with this id, or nil.
    public func document(id: String) throws(IndexError) -> StoredDocument? {
        guard let (s, d) = try reader.location(of: id) else { return nil }
        let segment = reader.segments[s]
        let record = try segment.doc(d)
        let content = try segment.content(record)
        return StoredDocument(document: IndexDocument(id: record.id, title: content.title.isEmpty ? nil : content.title, text: content.text,
                                                      date: record.stored.date, fields: try segment.stored.fields(record.stored)),
                              passages: content.passages)
    }

    /// How often each term was used, period by period (see `IndexReader.trend`).
    public func trend(_ terms: [String], by period: TrendPeriod = .year, filter: SearchFilter = SearchFilter()) throws(IndexError) -> [TrendRow] {
        try reader.trend(terms, by: period, analyzer: queryAnalyzer, filter: filter)
    }
}
