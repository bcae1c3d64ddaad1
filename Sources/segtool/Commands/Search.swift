import ArgumentParser
import Indexer
import Segmenter

/// `segtool search`: query an index.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search an index: top documents or passages, with snippets.",
        discussion: """
            Words are ANDed; `a OR b` gives alternatives; `-word` excludes, `-"a phrase"` too; "quoted \
            words" must stand as in the quote (spaces between Chinese characters do not count; \
            punctuation and line breaks end a phrase). The query is analysed as the index records \
            (its dictionaries and stop words). Ranking: TF-IDF (Σ (1 + ln tf)·ln(1 + N/df)/√|d|) or \
            BM25 (k1 = 1.2, b = 0.75); a phrase scores by how often it occurs. Text output: one hit a \
            line, ID<TAB>SCORE<TAB>TITLE<TAB>DATE<TAB>SNIPPET (ID#PASSAGE with --passages), with tabs, \
            line breaks, backslashes and control characters escaped (\\t, \\n, \\\\, \\xHH). Exit \
            status (as grep's): 0 when something matches, 1 when nothing does, 2 on an error.
            """)

    @Option(name: .customLong("index"), help: ArgumentHelp("The index directory.", valueName: "dir"))
    var directory: String

    @Argument(parsing: .allUnrecognized, help: "The query (words, OR, -excluded, \"phrases\").")
    var query: [String]

    @Option(help: "How many results.")
    var top: Int = 10

    @Option(help: "Results to skip first (the next page: --offset 10 --top 10).")
    var offset: Int = 0

    @Option(help: "tfidf or bm25.")
    var rank: Ranking = .tfidf

    @Flag(help: "Rank passages instead of documents.")
    var passages = false

    @OptionGroup var filterOptions: FilterOptions

    @Flag(help: """
        One JSON object per hit (JSON Lines): rank, id, title, score, date, fields, passage, start and \
        end (its best passage's UTF-8 byte offsets into the stored text), snippet, highlights ([start, \
        end] byte offsets into the snippet).
        """)
    var json = false

    @OptionGroup var snippetOptions: SnippetOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if offset < 0 { throw ValidationError("--offset must be at least 0") }
        if query.isEmpty { throw ValidationError("give a query") }
        if let option = query.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option '\(option)' (query words with one '-' exclude a word)")
        }
    }

    func run() throws {
        try reportingErrors(status: 2) {
            let hits: [Hit]
            do {
                // On the command line any number of hits may be asked for (a server caps them).
                let searcher = try Indexer.Index.open(at: directory).searcher(limits: QueryLimits(maxTop: .max))
                hits = try searcher.search(query.joined(separator: " "), top: top, offset: offset, rank: rank, passages: passages,
                                           filter: try filterOptions.filter(), snippetCharacters: snippetOptions.snippetCharacters)
            } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
            let (open, close) = snippetOptions.markers
            var out = OutputBuffer()
            for (i, hit) in hits.enumerated() {
                if json {
                    let highlights = hit.snippet.highlights.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",")
                    let fields = hit.fields.keys.sorted().map { "\(jsonString($0)):\(jsonString(hit.fields[$0] ?? ""))" }.joined(separator: ",")
                    let date = hit.date.map { jsonString($0.description) } ?? "null"
                    out.append("{\"rank\":\(offset + i + 1),\"id\":\(jsonString(hit.id)),\"title\":\(jsonString(hit.title)),\"score\":\(number(hit.score)),\"date\":\(date),\"fields\":{\(fields)},\"passage\":\(hit.passage),\"start\":\(hit.passageRange.lowerBound),\"end\":\(hit.passageRange.upperBound),\"snippet\":\(jsonString(hit.snippet.text)),\"highlights\":[\(highlights)]}\n")
                } else {
                    // One hit a line: id (#passage with --passages), score, title, date, snippet.
                    let id = tabSeparatedField(hit.id) + (passages ? "#\(hit.passage)" : "")
                    let date = hit.date.map { "\($0)" } ?? ""
                    out.append("\(id)\t\(number(hit.score))\t\(tabSeparatedField(hit.title))\t\(date)\t\(hit.snippet.marked(open: open, close: close, escape: tabSeparatedField))\n")
                }
            }
            out.flush()
            if hits.isEmpty { throw ExitCode(1) }
        }
    }
}
