import ArgumentParser
import Indexer
import Segmenter

/// `segtool rank`: passages ranked by query terms, without an index.
struct Rank: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank the passages of documents by a query, with snippets.",
        discussion: """
            Splits each document into passages (paragraphs; long ones at sentence ends) and \
            scores every passage that contains a query term — TF-IDF by default: \
            Σ (1 + ln tf)·ln(1 + N/df)/√|passage|; BM25 with --rank bm25 (k1 = 1.2, b = 0.75) — \
            N, df and lengths taken over the given passages. Matches are highlighted in colour on \
            a terminal, between 【 and 】 otherwise (see --highlight). Text output: one passage a \
            line, ID#PASSAGE<TAB>SCORE<TAB>TITLE<TAB>SNIPPET, with tabs, line breaks, backslashes \
            and control characters escaped (\\t, \\n, \\\\, \\xHH). Exit status (as grep's): 0 \
            when a passage matches, 1 when none does, 2 on an error (also when an input could not \
            be read; the others are ranked).
            """)

    @Option(name: .shortAndLong, help: "The query.")
    var query: String

    @Argument(help: "Documents: text files, or .jsonl files with one document per line. Standard input when none is given.")
    var files: [String] = []

    @Option(help: "How many passages.")
    var top: Int = 10

    @Option(help: "tfidf or bm25.")
    var rank: Ranking = .tfidf

    @Flag(help: """
        One JSON object per passage (JSON Lines): rank, id, passage, start and end (the passage's UTF-8 \
        byte offsets in the document's text; in a plain-text file's, a BOM counted), score, snippet, highlights ([start, end] byte offsets into the snippet).
        """)
    var json = false

    @Flag(help: "Read standard input as JSON Lines (one document per line).")
    var jsonl = false

    @OptionGroup var snippetOptions: SnippetOptions

    @OptionGroup var stopWordOptions: StopWordOptions
    @OptionGroup var dictionaryOptions: DictionaryOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        try reportingErrors(status: 2) {
            let ranker = PassageRanker(segmenter: try dictionaryOptions.makeSegmenter(), stopWords: try stopWordOptions.load(), ranking: rank)
            var documents: [(id: String, text: String)] = []
            var offsetsInFile: [Int] = []  // where each text starts in its file (after a BOM)
            var titles: [String] = []
            let problems = try Documents.read(files, stdinIsJSONL: jsonl) {
                documents.append(($0.id, $0.text))
                offsetsInFile.append($0.offsetInFile)
                titles.append($0.title ?? "")
            }
            if ranker.queryTerms(query).isEmpty {
                throw CLIError("the query has no terms (only punctuation or stop words?)")
            }
            let hits = ranker.rank(query: query, documents: documents, top: top)
            let (open, close) = snippetOptions.markers
            var out = OutputBuffer()
            for (rankIndex, hit) in hits.enumerated() {
                guard let d = documents.firstIndex(where: { $0.id == hit.documentID }) else { continue }
                let document = documents[d], base = offsetsInFile[d]
                let snippet = Snippet.make(text: document.text, passage: hit.passage.utf8Range, matches: hit.matches, maxCharacters: snippetOptions.snippetCharacters)
                if json {
                    let highlights = snippet.highlights.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",")
                    out.append("{\"rank\":\(rankIndex + 1),\"id\":\(jsonString(hit.documentID)),\"passage\":\(hit.passage.index),\"start\":\(base + hit.passage.utf8Range.lowerBound),\"end\":\(base + hit.passage.utf8Range.upperBound),\"score\":\(number(hit.score)),\"snippet\":\(jsonString(snippet.text)),\"highlights\":[\(highlights)]}\n")
                } else {
                    // One hit a line: id#passage, score, title, snippet (fields escaped).
                    out.append("\(tabSeparatedField(hit.documentID))#\(hit.passage.index)\t\(number(hit.score))\t\(tabSeparatedField(titles[d]))\t\(snippet.marked(open: open, close: close, escape: tabSeparatedField))\n")
                }
            }
            out.flush()
            if problems > 0 { throw ExitCode(2) }  // the bad inputs were reported and left out
            if hits.isEmpty { throw ExitCode(1) }  // like grep: nothing found
        }
    }
}

extension Ranking: ExpressibleByArgument {}

/// Snippet options shared by `search` and `rank`.
struct SnippetOptions: ParsableArguments {
    @Option(help: "Highlight markers when output is not a terminal: open and close, separated by a comma.")
    var highlight: String = "【,】"

    @Option(name: .customLong("snippet-chars"), help: "Longest snippet, in characters.")
    var snippetCharacters: Int = 160

    func validate() throws {
        if highlight.split(separator: ",", omittingEmptySubsequences: false).count != 2 {
            throw ValidationError("--highlight takes OPEN,CLOSE")
        }
        if snippetCharacters < 10 { throw ValidationError("--snippet-chars must be at least 10") }
    }

    /// The markers around a match: colour on a terminal, --highlight's otherwise.
    var markers: (open: String, close: String) {
        if Diagnostics.stdoutIsTerminal { return ("\u{1B}[1;31m", "\u{1B}[0m") }
        let parts = highlight.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (parts.first ?? "", parts.last ?? "")
    }
}

