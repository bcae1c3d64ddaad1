import ArgumentParser
import Indexer
import Segmenter

/// `segtool search`: query an index.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search an index: top documents or passages, with snippets.",
        discussion: """
            Words are ANDed; `a OR b` gives alternatives; `-word` excludes; "quoted words" must be \
            adjacent. Ranking: TF-IDF (Σ (1 + ln tf)·ln(1 + N/df)/√|d|) or BM25 (k1 = 1.2, b = 0.75). \
            Exits 1 when nothing matches.
            """)

    @Option(name: .customLong("index"), help: ArgumentHelp("The index directory.", valueName: "dir"))
    var directory: String

    @Argument(parsing: .allUnrecognized, help: "The query (words, OR, -excluded, \"phrases\").")
    var query: [String]

    @Option(help: "How many results.")
    var top: Int = 10

    @Option(help: "tfidf or bm25.")
    var rank: Ranking = .tfidf

    @Flag(help: "Rank passages instead of documents.")
    var passages = false

    @Flag(help: "One JSON object per hit: id, title, score, passage offsets, snippet, highlights.")
    var json = false

    @OptionGroup var snippetOptions: SnippetOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if query.isEmpty { throw ValidationError("give a query") }
        if let option = query.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option '\(option)' (query words with one '-' exclude a word)")
        }
    }

    func run() throws {
        try reportingErrors {
            let reader: IndexReader
            do { reader = try IndexReader(directory: directory) } catch { throw CLIError("\(error)") }
            // The index's own analysis: queries are analysed as its documents were.
            let queryAnalyzer: Analyzer, documentAnalyzer: Analyzer
            do {
                let analysis = try reader.analysis()
                queryAnalyzer = try analysis.makeAnalyzer(mode: .precise)
                documentAnalyzer = try analysis.makeAnalyzer(mode: .search)
            } catch { throw CLIError("\(error)") }
            let parsed = Query(query.joined(separator: " "), analyzer: queryAnalyzer)
            if parsed.groups.isEmpty { throw CLIError("the query has no terms (only punctuation or stop words?)") }
            let hits: [SearchHit]
            do {
                hits = try reader.search(parsed, options: SearchOptions(top: top, ranking: rank, passages: passages))
            } catch { throw CLIError("\(error)") }
            let wanted = Set(parsed.scoringTerms)
            let (open, close) = snippetOptions.markers
            var out = OutputBuffer()
            for (i, hit) in hits.enumerated() {
                let text: String
                let passage: (index: Int, range: Range<Int>)
                do {
                    text = try reader.text(of: hit)
                    passage = try reader.bestPassage(of: hit, query: parsed, ranking: rank)
                } catch { throw CLIError("\(error)") }
                // Highlights: the query's terms among the passage's terms (search mode).
                let bytes = Array(text.utf8)
                let passageText = String(decoding: bytes[passage.range], as: UTF8.self)
                let matches = documentAnalyzer.terms(in: passageText).filter { wanted.contains($0.term) }
                    .map { ($0.utf8Range.lowerBound + passage.range.lowerBound)..<($0.utf8Range.upperBound + passage.range.lowerBound) }
                let snippet = Snippet.make(text: text, passage: passage.range, matches: PassageRanker.merged(matches), maxCharacters: snippetOptions.snippetCharacters)
                if json {
                    let highlights = snippet.highlights.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",")
                    out.append("{\"rank\":\(i + 1),\"id\":\(jsonString(hit.id)),\"title\":\(jsonString(hit.title)),\"score\":\(number(hit.score)),\"passage\":\(passage.index),\"start\":\(passage.range.lowerBound),\"end\":\(passage.range.upperBound),\"snippet\":\(jsonString(snippet.text)),\"highlights\":[\(highlights)]}\n")
                } else {
                    let title = hit.title.isEmpty ? "" : "  \(hit.title)"
                    out.append("\(i + 1)\t\(number(hit.score))\t\(hit.id)#\(passage.index)\(title)\n\t\(snippet.marked(open: open, close: close))\n")
                }
            }
            out.flush()
            if hits.isEmpty { throw ExitCode(1) }
        }
    }
}
