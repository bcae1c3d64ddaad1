import ArgumentParser
import Indexer
import Segmenter

/// `segtool idf build`: an IDF table from a corpus.
struct IDF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idf",
        abstract: "Build IDF tables for keyword extraction.",
        subcommands: [Build.self])

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build an IDF table (`word idf [share]`, idf = ln(N/df)) from documents.",
            discussion: """
                Text files are one document each; .jsonl files one document per line ("text" field). \
                The third column, for words seen 3 times or more, is the share of their occurrences right \
                after an adverb or auxiliary (不, 将, 已经, 很 …) or right before 了, 着, 过: high for verbs \
                and adjectives, which `keywords` weighs as generic words.
                """)

        @Argument(help: "Corpus files.")
        var corpus: [String]

        @Option(name: .shortAndLong, help: "Where to write the table.")
        var output: String

        @Option(name: .customLong("min-df"), help: "Leave out words found in fewer documents.")
        var minDF: Int = 2

        @OptionGroup var dictionaryOptions: DictionaryOptions

        func validate() throws {
            if corpus.isEmpty { throw ValidationError("give at least one corpus file") }
            if minDF < 1 { throw ValidationError("--min-df must be at least 1") }
        }

        func run() throws {
            try reportingErrors {
                let analyzer = Analyzer(segmenter: try dictionaryOptions.makeSegmenter(), mode: .precise)
                var texts: [String] = []
                let problems = try Documents.read(corpus) { texts.append($0.text) }
                if texts.isEmpty { throw CLIError("no document could be read; \(output) not written") }
                let table = IDFTable.build(documents: texts, analyzer: analyzer, minimumDocumentFrequency: minDF)
                let body = table.serialized(comment: "built by segtool idf build --min-df \(minDF) from \(texts.count) documents")
                try TextFile.write(body, to: output)
                Diagnostics.write("\(output): \(table.values.count) words from \(table.documents) documents\n")
                if problems > 0 { throw ExitCode(1) }  // the bad inputs were reported and left out
            }
        }
    }
}
