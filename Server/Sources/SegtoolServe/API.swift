import Foundation
import Hummingbird
import Indexer
import Logging
import NIOCore
import Segmenter

/// What the service allows a request.
struct ServiceLimits: Sendable {
    /// Most hits per page.
    var maxTop = 100
    /// Deepest paging: offset + top.
    var maxDepth = 1_000
    /// Longest query, in bytes.
    var maxQueryBytes = 1_024
    /// Most distinct query words.
    var maxTerms = 32
    /// Largest request body (POST), in bytes.
    var maxBodyBytes = 256 * 1024
    /// Longest time a request may take.
    var requestTimeout: Duration = .seconds(5)
    /// Most trend terms.
    var maxTrendTerms = 8
    /// Most keywords asked of /api/keywords.
    var maxKeywords = 100
    /// Search responses kept for repeated queries (0: none).
    var cacheEntries = 1_024
}

/// The JSON API's handlers over one index.
struct API: Sendable {
    let store: SearcherStore
    let limits: ServiceLimits
    let keywords: KeywordExtractor
    let segmenter: Segmenter
    let highlighter: Analyzer
    /// The request time limit (its watchdog runs from `SegtoolServe.run`).
    let deadlines: Deadlines
    /// Recent search responses of the current snapshot.
    let cache: ResponseCache<SearchResponse>

    init(store: SearcherStore, limits: ServiceLimits) throws(IndexError) {
        self.store = store
        self.limits = limits
        deadlines = Deadlines(limit: limits.requestTimeout)
        cache = ResponseCache(capacity: limits.cacheEntries)
        segmenter = try store.analysis.makeSegmenter()
        highlighter = try store.analysis.makeAnalyzer(mode: .search)
        keywords = KeywordExtractor(segmenter: segmenter, idf: IDFTable.builtin ?? IDFTable(documents: 1, values: [:]),
                                    stopWords: StopWords.builtin.union(store.analysis.stopWords))
    }

    /// Adds the API's routes to `router`.
    func register(on router: Router<BasicRequestContext>) {
        router.get("/api/search") { request, _ in try await self.search(request) }
        router.get("/api/documents/{id}") { request, context in
            try await self.document(request, id: try context.parameters.require("id"))
        }
        router.get("/api/trend") { request, _ in try await self.trend(request) }
        router.post("/api/segment") { request, _ in try await self.segment(request) }
        router.post("/api/keywords") { request, _ in try await self.keywordsOf(request) }
        router.get("/api/stats") { _, _ in self.stats() }
        router.get("/healthz") { _, _ in HealthResponse(status: "ok", documents: self.store.current().documentCount) }
    }

    // MARK: Search

    /// `GET /api/search`: checks the parameters, then one search of the current snapshot (or the cache).
    func search(_ request: Request) async throws -> SearchResponse {
        let p = QueryParameters(request.uri.query)
        guard let q = p["q"].map(String.init), !q.allSatisfy(\.isWhitespace) else { throw APIError.badRequest("q: a query is required") }
        let top = try integer(p["top"], name: "top", default: 10, in: 1...limits.maxTop)
        var offset = try integer(p["offset"], name: "offset", default: 0, in: 0...limits.maxDepth)
        if let page = p["page"] {
            guard p["offset"] == nil else { throw APIError.badRequest("page and offset exclude each other") }
            offset = (try integer(page, name: "page", default: 1, in: 1...(limits.maxDepth / top + 1)) - 1) * top
        }
        guard offset + top <= limits.maxDepth else {
            throw APIError.badRequest("offset + top is \(offset + top); at most \(limits.maxDepth) hits can be paged through")
        }
        let rank = try ranking(p["rank"])
        let passages = try flag(p["passages"], name: "passages", default: false)
        let snippets = try flag(p["snippets"], name: "snippets", default: true)
        let snippetCharacters = try integer(p["snippet"], name: "snippet", default: 160, in: 20...1_000)
        let filter = try searchFilter(p)
        let (searcher, generation) = store.snapshot()
        let key = request.uri.query ?? ""
        if var cached = cache.value(key, generation: generation) {
            cached.cached = true
            cached.tookMilliseconds = 0
            return cached
        }
        let response = try await deadlines.run { [offset] in
            let start = ContinuousClock.now
            // One more than asked: whether there is a next page.
            var hits: [SearchResponse.HitBody]
            let parsed: Query
            do throws(QueryError) { parsed = try searcher.parse(q) } catch { throw APIError(error) }
            do {
                if snippets {
                    // The query as parsed above (analysed once per request).
                    hits = try searcher.search(parsed, top: top + 1, offset: offset, rank: rank, passages: passages, filter: filter,
                                               snippetCharacters: snippetCharacters).map { hit in
                        SearchResponse.HitBody(id: hit.id, title: hit.title, score: hit.score, date: hit.date, fields: hit.fields,
                                               passage: hit.passage, passageRange: hit.passageRange, snippet: hit.snippet)
                    }
                } else {
                    // A hit list without stored texts decompressed for snippets: ids, titles, scores.
                    let options = SearchOptions(top: offset + top + 1, ranking: rank, passages: passages, filter: filter)
                    hits = try searcher.reader.search(parsed, options: options).dropFirst(offset).map { hit in
                        SearchResponse.HitBody(id: hit.id, title: hit.title, score: hit.score, date: nil, fields: [:],
                                               passage: hit.passageIndex, passageRange: hit.passageRange, snippet: nil)
                    }
                }
            } catch let error as SearchError {
                throw APIError(error)
            } catch let error as IndexError {
                throw APIError(error)
            }
            let more = hits.count > top
            if more { hits.removeLast() }
            let took = ContinuousClock.now - start
            return SearchResponse(query: q, offset: offset, top: top, more: more, hits: hits, terms: Self.trendTerms(parsed),
                                  documents: searcher.documentCount,
                                  tookMilliseconds: Double(took.components.attoseconds / 1_000_000_000_000) / 1000
                                      + Double(took.components.seconds) * 1000)
        }
        cache.store(response, for: key, generation: generation)
        return response
    }

    /// The query's clauses as trend terms: a clause's words joined as they were typed (no space
    /// between Chinese words), so `转义`, split by the analysis into 转 and 义, stays `转义` (the
    /// trend reads each term as a phrase).
    static func trendTerms(_ query: Query) -> [String] {
        var out: [String] = []
        for group in query.groups {
            for clause in group where !clause.isVariant {
                var term = ""
                for word in clause.terms {
                    if let last = term.unicodeScalars.last, let first = word.unicodeScalars.first,
                       !(isHan(last) && isHan(first)) {
                        term += " "
                    }
                    term += word
                }
                if !term.isEmpty && !out.contains(term) { out.append(term) }
            }
        }
        return out
    }

    /// Whether a scalar is a CJK ideograph.
    static func isHan(_ s: Unicode.Scalar) -> Bool {
        s.properties.isIdeographic
    }

    // MARK: Documents

    /// `GET /api/documents/{id}`: the stored document, its keywords, the query's words in it.
    func document(_ request: Request, id rawID: String) async throws -> DocumentResponse {
        let id = rawID.removingURLPercentEncoding ?? rawID
        let p = QueryParameters(request.uri.query)
        let top = try integer(p["keywords"], name: "keywords", default: 12, in: 0...limits.maxKeywords)
        let q = p["q"].map(String.init)
        if let q, q.utf8.count > limits.maxQueryBytes {
            throw APIError.badRequest("q: the query is \(q.utf8.count) bytes long; at most \(limits.maxQueryBytes) are allowed")
        }
        let searcher = store.current()
        return try await deadlines.run {
            let stored: StoredDocument?
            do throws(IndexError) { stored = try searcher.document(id: id) } catch { throw APIError(error) }
            guard let stored else { throw APIError(status: .notFound, message: "no document with id \(id)") }
            let d = stored.document
            var highlights: [[Int]] = []
            if let q, let parsed = try? searcher.parse(q) {
                // A phrase's words only where the phrase is (as in the search's snippets).
                highlights = PassageHighlighter(query: parsed, analyzer: highlighter).matches(in: d.text).map(\.pair)
            }
            return DocumentResponse(id: d.id, title: d.title, date: d.date?.description, fields: d.fields, text: d.text,
                                    passages: stored.passages.map(\.pair),
                                    keywords: keywords.tfidf(d.text, top: top).map { .init(word: $0.word, weight: $0.weight) },
                                    highlights: highlights)
        }
    }

    // MARK: Trend

    /// `GET /api/trend`: each term's use period by period.
    func trend(_ request: Request) async throws -> TrendResponse {
        let p = QueryParameters(request.uri.query)
        var terms: [String] = []
        for value in p[values: "terms"] {
            for t in try splitTerms(String(value)) where !terms.contains(t) { terms.append(t) }
        }
        guard !terms.isEmpty else { throw APIError.badRequest("terms: at least one term is required (terms=a,b or terms=a&terms=b)") }
        guard terms.count <= limits.maxTrendTerms else {
            throw APIError.badRequest("terms: \(terms.count) terms; at most \(limits.maxTrendTerms) are allowed")
        }
        for t in terms where t.utf8.count > limits.maxQueryBytes {
            throw APIError.badRequest("terms: a term is \(t.utf8.count) bytes long; at most \(limits.maxQueryBytes) are allowed")
        }
        let by: TrendPeriod
        switch p["by"].map(String.init) ?? "year" {
        case "year": by = .year
        case "month": by = .month
        case let other: throw APIError.badRequest("by: \(other) is not year or month")
        }
        let filter = try searchFilter(p)
        let searcher = store.current()
        return try await deadlines.run { [terms] in
            do throws(IndexError) {
                let rows = try searcher.trend(terms, by: by, filter: filter)
                return TrendResponse(by: by.rawValue, terms: terms, rows: rows.map {
                    .init(period: $0.period, term: $0.term, documents: $0.documents, occurrences: $0.occurrences,
                          periodDocuments: $0.periodDocuments, periodWords: $0.periodWords, perTenThousandWords: $0.perTenThousandWords)
                })
            } catch {
                throw APIError(error)
            }
        }
    }

    /// Terms separated by commas (ASCII or Chinese), a quoted phrase kept whole. A quote left
    /// open is refused (400, with the character offset of the quote in the parameter), as the CLI's
    /// `trend` and `/api/search` refuse it, rather than read the rest of the parameter as one phrase.
    func splitTerms(_ text: String) throws(APIError) -> [String] {
        var out: [String] = [], current = ""
        var openQuote: Int?  // the character offset of the quote now open
        for (offset, ch) in text.enumerated() {
            if ch == "\"" || ch == "“" || ch == "”" {
                openQuote = openQuote == nil ? offset : nil
                current.append("\"")
                continue
            }
            if openQuote == nil && (ch == "," || ch == "，" || ch == "、") {
                out.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        if let openQuote {
            throw APIError(status: .badRequest, message: "terms: the quote at character \(openQuote + 1) is not closed",
                           offset: openQuote)
        }
        out.append(current)
        return out.map { String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }.filter { !$0.isEmpty }
    }

    // MARK: Segment and keywords

    /// `POST /api/segment`: the text's tokens with the index's analysis.
    func segment(_ request: Request) async throws -> SegmentResponse {
        let body: SegmentRequest = try await decodeBody(request)
        let mode: Segmenter.Mode
        switch body.mode ?? "precise" {
        case "precise": mode = .precise
        case "search": mode = .search
        case let other: throw APIError.badRequest("mode: \(other) is not precise or search")
        }
        let segmenter = self.segmenter
        return try await deadlines.run {
            let bytes = Array(body.text.utf8)
            let tokens = segmenter.tokens(in: body.text, mode: mode).map { t in
                SegmentResponse.TokenBody(text: String(decoding: bytes[t.utf8Range], as: UTF8.self), utf8Range: t.utf8Range.pair,
                                          scalarRange: t.scalarRange.pair, kind: t.kind.description, source: t.source.description,
                                          subword: t.isSubword)
            }
            return SegmentResponse(mode: mode.rawValue, tokens: tokens)
        }
    }

    /// `POST /api/keywords`: the text's keywords (built-in IDF table, the index's analysis).
    func keywordsOf(_ request: Request) async throws -> KeywordsResponse {
        let body: KeywordsRequest = try await decodeBody(request)
        let top = body.top ?? 10
        guard (1...limits.maxKeywords).contains(top) else { throw APIError.badRequest("top: \(top) is not in 1…\(limits.maxKeywords)") }
        let method = body.method ?? "tfidf"
        guard method == "tfidf" || method == "textrank" else { throw APIError.badRequest("method: \(method) is not tfidf or textrank") }
        let extractor = keywords
        return try await deadlines.run {
            let found = method == "tfidf" ? extractor.tfidf(body.text, top: top) : extractor.textRank(body.text, top: top)
            return KeywordsResponse(method: method, keywords: found.map { .init(word: $0.word, weight: $0.weight) })
        }
    }

    // MARK: Stats

    /// `GET /api/stats`: the snapshot's size and the server's limits.
    func stats() -> StatsResponse {
        let searcher = store.current()
        let sizes = searcher.reader.sizeOnDisk
        let a = store.analysis
        return StatsResponse(
            documents: searcher.documentCount, segments: searcher.reader.segmentCount, indexBytes: sizes.index, storeBytes: sizes.store,
            reloads: store.reloads,
            analysis: .init(builtinLexicon: a.builtinLexicon, icuOnly: a.icuOnly, userDictionaries: a.userDictionaries.map(\.name),
                            stopWords: a.stopWords.count),
            limits: .init(maxTop: limits.maxTop, maxQueryBytes: limits.maxQueryBytes, maxTerms: limits.maxTerms,
                          maxBodyBytes: limits.maxBodyBytes,
                          requestTimeoutMilliseconds: Int(limits.requestTimeout.components.seconds * 1000
                              + limits.requestTimeout.components.attoseconds / 1_000_000_000_000_000)))
    }

    // MARK: Parameters

    /// A whole-number parameter in `range`; `fallback` when absent; a 400 otherwise.
    func integer(_ value: Substring?, name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let value else { return fallback }
        guard let n = Int(value) else { throw APIError.badRequest("\(name): \(value) is not a whole number") }
        guard range.contains(n) else { throw APIError.badRequest("\(name): \(n) is not in \(range.lowerBound)…\(range.upperBound)") }
        return n
    }

    /// A true/false parameter; `fallback` when absent; a 400 otherwise.
    func flag(_ value: Substring?, name: String, default fallback: Bool) throws -> Bool {
        switch value {
        case nil: fallback
        case "true", "1", "yes", "on": true
        case "false", "0", "no", "off": false
        case let v?: throw APIError.badRequest("\(name): \(v) is not true or false")
        }
    }

    /// The `rank` parameter (BM25 by default).
    func ranking(_ value: Substring?) throws -> Ranking {
        guard let value else { return .bm25 }
        guard let r = Ranking(rawValue: String(value)) else {
            throw APIError.badRequest("rank: \(value) is not one of \(Ranking.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return r
    }

    /// `from`, `to` (YYYY, YYYY-MM or YYYY-MM-DD) and `where` (field=value, repeated; values of
    /// one field are alternatives).
    func searchFilter(_ p: QueryParameters) throws -> SearchFilter {
        var filter = SearchFilter()
        for (name, keyPath) in [("from", \SearchFilter.from), ("to", \SearchFilter.to)] {
            guard let text = p[Substring(name)], !text.isEmpty else { continue }
            guard let date = DocumentDate(text) else { throw APIError.badRequest("\(name): \(text) is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") }
            filter[keyPath: keyPath] = date
        }
        if let from = filter.from, let to = filter.to, to < from {
            throw APIError.badRequest("from \(from) is after to \(to)")
        }
        for condition in p[values: "where"] where !condition.isEmpty {
            guard let eq = condition.firstIndex(of: "="), eq != condition.startIndex else {
                throw APIError.badRequest("where: \(condition) is not field=value")
            }
            let field = String(condition[..<eq]), value = String(condition[condition.index(after: eq)...])
            filter.fields[field, default: []].insert(value)
        }
        return filter
    }

    /// The request's JSON body (at most `maxBodyBytes`: 413 beyond) as `T`; a 400 saying what is wrong otherwise.
    func decodeBody<T: Decodable>(_ request: Request) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: limits.maxBodyBytes)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.badRequest("the body is not the JSON object expected: \(Self.describe(error))")
        }
    }

    /// A decoding error for a person: which key, what is wrong.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "\(key.stringValue) is missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        case .dataCorrupted(let c): c.debugDescription
        @unknown default: "\(error)"
        }
    }
}

extension String {
    /// The string with %XX escapes decoded; nil when an escape is malformed or the bytes are not UTF-8.
    var removingURLPercentEncoding: String? {
        guard contains("%") else { return self }
        var out: [UInt8] = []
        var bytes = Array(utf8)[...]
        while let b = bytes.popFirst() {
            if b == UInt8(ascii: "%") {
                guard bytes.count >= 2, let v = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                out.append(v)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(b)
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
