import Hummingbird
import Indexer
import Segmenter

// The JSON bodies of the API, as openapi.json describes them. Offsets into text are UTF-8 byte
// offsets, given as [start, end) pairs.

/// `GET /api/search`.
struct SearchResponse: Sendable {
    /// A hit as written (`JSONWriter`): the library's values as they are, no intermediate
    /// strings or arrays per hit (ranges and the date are written as text by the writer).
    struct HitBody: Sendable {
        var id: String
        var title: String
        var score: Double
        var date: DocumentDate?
        var fields: [String: String]
        /// The passage shown: its number and UTF-8 range in the document (absent without snippets
        /// for document hits).
        var passage: Int?
        var passageRange: Range<Int>?
        var snippet: Snippet?
    }

    var query: String
    var offset: Int
    var top: Int
    /// Whether a next page has hits.
    var more: Bool
    var hits: [HitBody]
    /// The query's clauses, one trend term each (words, or phrases in quotes).
    var terms: [String]
    /// The documents in the snapshot searched.
    var documents: Int
    var tookMilliseconds: Double
    /// Whether the response came from the cache of recent responses (same snapshot).
    var cached = false
}

/// `GET /api/documents/{id}`.
struct DocumentResponse: ResponseEncodable {
    struct KeywordBody: Codable {
        var word: String
        var weight: Double
    }

    var id: String
    var title: String?
    var date: String?
    var fields: [String: String]
    var text: String
    /// UTF-8 [start, end) ranges of the passages in `text`.
    var passages: [[Int]]
    var keywords: [KeywordBody]
    /// The words of `q` (when given) in `text`: UTF-8 [start, end) ranges.
    var highlights: [[Int]]
}

/// `GET /api/trend`.
struct TrendResponse: ResponseEncodable {
    struct Row: Codable {
        var period: String
        var term: String
        var documents: Int
        var occurrences: Int
        var periodDocuments: Int
        var periodWords: Int
        var perTenThousandWords: Double
    }

    var by: String
    var terms: [String]
    var rows: [Row]
}

/// `POST /api/segment`.
struct SegmentRequest: Decodable {
    var text: String
    var mode: String?
}

/// `POST /api/segment`.
struct SegmentResponse: ResponseEncodable {
    struct TokenBody: Codable {
        var text: String
        var utf8Range: [Int]
        var scalarRange: [Int]
        var kind: String
        var source: String
        var subword: Bool
    }

    var mode: String
    var tokens: [TokenBody]
}

/// `POST /api/keywords`.
struct KeywordsRequest: Decodable {
    var text: String
    var top: Int?
    var method: String?
}

/// `POST /api/keywords`.
struct KeywordsResponse: ResponseEncodable {
    var method: String
    var keywords: [DocumentResponse.KeywordBody]
}

/// `GET /api/stats`.
struct StatsResponse: ResponseEncodable {
    struct AnalysisBody: Codable {
        var builtinLexicon: Bool
        var icuOnly: Bool
        var userDictionaries: [String]
        var stopWords: Int
    }

    struct LimitsBody: Codable {
        var maxTop: Int
        var maxQueryBytes: Int
        var maxTerms: Int
        var maxBodyBytes: Int
        var requestTimeoutMilliseconds: Int
    }

    var documents: Int
    var segments: Int
    var indexBytes: Int
    var storeBytes: Int
    var reloads: Int
    var analysis: AnalysisBody
    var limits: LimitsBody
}

/// `GET /healthz`.
struct HealthResponse: ResponseEncodable {
    var status: String
    var documents: Int
}

extension Range<Int> {
    /// `[lowerBound, upperBound]`, as the API writes ranges.
    var pair: [Int] { [lowerBound, upperBound] }
}
