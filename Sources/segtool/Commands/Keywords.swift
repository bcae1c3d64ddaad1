import ArgumentParser
import Indexer
import Segmenter

/// `segtool keywords`: the top keywords of each document.
struct Keywords: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the keywords of each document (TF-IDF or TextRank).",
        discussion: """
            Each file is a document (a .jsonl file: one document per line with a "text" field); \
            standard input is one document. TF-IDF weight = (1 + ln tf) · idf, with idf from the \
            built-in table (built by `segtool idf build` from a corpus of Chinese political news) or \
            --idf; words the table lacks get its median idf. Generic words of political text \
            (推进, 建设, 发展 …) and verbs or adjectives by the table's third column (a word's share of \
            occurrences after 不, 将, 很 … or before 了: 0.05 or more) weigh 0.3 times as much, dictionary names (tags nr, ns, nt, nz, j) \
            1.5 times, and words that also occur in a .jsonl document's "title" twice; words of two \
            characters weigh 0.7 times as much (most filler is two characters long, most terms are \
            longer), and 0.7 times again when met once, not in the title, and no dictionary's word \
            (a short item's rare filler: 新近, 公用). A name split after a surname (陈|立群, 王|志|宏) and two words always side by side \
            (马里|乌波尔) are taken whole when they recur; a bilateral abbreviation left in two lone \
            characters (中|塔, 柬|中, 加|方) is a word when a word of the document starts with its country \
            (塔吉克斯坦). In a news item (at most 6,000 bytes) two adjacent words repeated as a unit are one keyword \
            (超级|计算机) when Dictionaries/keyword-pairs.txt, built from the corpus, holds the pair. Punctuation, \
            numbers, stop words and single characters are left out by default. Text output: one document a line, its keywords \
            separated by spaces, after ID<TAB> when there can be several documents (fields escaped: \
            \\t, \\n, \\\\, \\xHH). A bad input is reported and skipped; the exit status is then 1.
            """)

    @Argument(help: "Documents: text files, or .jsonl files with one document per line. Standard input when none is given.")
    var files: [String] = []

    @Option(help: "How many keywords per document.")
    var top: Int = 10

    @Option(help: "tfidf or textrank.")
    var method: Method = .tfidf

    @Flag(name: .customLong("with-weights"), help: "Print each keyword's weight.")
    var withWeights = false

    @Flag(help: "One JSON object per document: {\"id\",\"keywords\":[{\"word\",\"weight\"}]}.")
    var json = false

    @Flag(help: "Read standard input as JSON Lines (one document per line).")
    var jsonl = false

    @Option(help: ArgumentHelp("An IDF table (`word idf` or `word idf share` a line) instead of the built-in one.", valueName: "file"))
    var idf: String?

    @Option(help: ArgumentHelp("Use the IDF of an index built by `segtool index build`.", valueName: "dir"))
    var index: String?

    @Flag(name: .customLong("allow-single"), help: "Allow single-character keywords.")
    var allowSingle = false

    @Option(help: ArgumentHelp("Only words with these dictionary tags (comma-separated, e.g. nt,ns,nz).", valueName: "tags"))
    var tags: String?

    @OptionGroup var stopWordOptions: StopWordOptions
    @OptionGroup var dictionaryOptions: DictionaryOptions

    enum Method: String, ExpressibleByArgument { case tfidf, textrank }

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if idf != nil && index != nil { throw ValidationError("--idf and --index exclude each other") }
        if let tags, let unknown = tags.split(separator: ",").map({ String($0).trimmingCharacters(in: " ") })
            .first(where: { !DictionaryTags.isKnown($0) }) {
            throw ValidationError("--tags: `\(unknown)` is not a known tag (n, nr, ns, nt, nz, nnt, v, vn, …; see Dictionaries/README.md)")
        }
    }

    func run() throws {
        try reportingErrors {
            let table: IDFTable
            if let index {
                // The collection's own statistics: idf = ln(N / df) over the index's documents.
                let reader: IndexReader
                do {
                    reader = try IndexReader(directory: index)
                    table = try IDFTable(index: reader)
                } catch { throw CLIError("\(error)") }
            } else if let idf {
                do {
                    table = try IDFTable(text: try TextFile.lines(idf).joined(separator: "\n"), name: idf)
                } catch let error as IndexError { throw CLIError(error.description) }
            } else if let builtin = IDFTable.builtin {
                table = builtin
            } else {
                throw CLIError("this segtool has no built-in IDF table; give one with --idf FILE")
            }
            let tagSet = tags.map { Set($0.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }) }
            let extractor = KeywordExtractor(
                segmenter: try dictionaryOptions.makeSegmenter(), idf: table,
                stopWords: try stopWordOptions.load(), allowSingle: allowSingle, tags: tagSet)
            var out = OutputBuffer()
            let problems = try Documents.read(files, stdinIsJSONL: jsonl, problem: { message in
                out.flush()
                Diagnostics.error(message)
            }) { document in
                let keywords = method == .tfidf ? extractor.tfidf(document.text, title: document.title, top: top) : extractor.textRank(document.text, top: top)
                if json {
                    out.append("{\"id\":\(jsonString(document.id)),\"keywords\":[")
                    out.append(keywords.map { "{\"word\":\(jsonString($0.word)),\"weight\":\(number($0.weight))}" }.joined(separator: ","))
                    out.append("]}\n")
                } else {
                    // One document a line: its id and a tab (when there can be several), then
                    // the keywords, space-separated; fields escaped (see tabSeparatedField).
                    if files.count > 1 || files.contains(where: Documents.isJSONLines) || jsonl {
                        out.append(tabSeparatedField(document.id) + "\t")
                    }
                    out.append(keywords.map { tabSeparatedField(withWeights ? "\($0.word):\(number($0.weight))" : $0.word) }.joined(separator: " "))
                    out.append("\n")
                }
                out.flushIfLarge()
            }
            out.flush()
            if problems > 0 { throw ExitCode(1) }
        }
    }
}

/// A number with six significant decimals, for output.
func number(_ x: Double) -> String {
    let scaled = (x * 1_000_000).rounded()
    guard scaled.isFinite, abs(scaled) < 9e15 else { return "0" }
    let v = Int(scaled)
    let sign = v < 0 ? "-" : ""
    let a = abs(v)
    let frac = String(a % 1_000_000)
    return "\(sign)\(a / 1_000_000).\(String(repeating: "0", count: 6 - frac.count))\(frac)"
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        String(Substring(self).trimmingCharacters(set))
    }
}
