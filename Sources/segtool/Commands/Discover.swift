import ArgumentParser
import Segmenter

/// `segtool discover`: new words of a corpus, ready for `--dict`.
struct Discover: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Discover words that a corpus uses but the segmentation splits.",
        discussion: """
            Ranks strings of 2–8 Han characters that the current segmentation cuts (built-in \
            lexicon and --dict included) by frequency, cohesion (the least pointwise mutual \
            information over the ways of cutting the string in two) and the variety of their \
            neighbours on both sides (branching entropy). Strings that start or end with a \
            function character (的, 了, 是, 在, 和 …) are left out, and so is a string that mostly \
            occurs inside a better one. Inputs: text files (one document each), .jsonl files \
            (one document a line, its "text" field), - for standard input (JSON Lines with \
            --jsonl). Output: `word count tag` a line, jieba's dictionary format (the tag is \
            --tag: review the list before using it); --json gives one object a line with the \
            figures. A bad input is reported and skipped; the exit status is then 1.
            """)

    @Argument(help: "Corpus files: text files, or .jsonl files with one document per line; - for standard input.")
    var files: [String]

    @Option(help: "How many words to print.")
    var top: Int = 100

    @Option(name: .customLong("min-count"), help: "The least number of occurrences.")
    var minCount: Int = 5

    @Option(name: .customLong("min-cohesion"), help: "The least cohesion (natural log of the least p(w)/(p(a)·p(b)) over cuts).")
    var minCohesion: Double = 1.5

    @Option(name: .customLong("min-entropy"), help: "The least branching entropy on either side (natural log).")
    var minEntropy: Double = 1.0

    @Option(help: "The tag printed after each word.")
    var tag: String = "n"

    @Option(help: "Threads for segmenting and counting.")
    var threads: Int = 2

    @Flag(help: "One JSON object a line with the figures: word, count, score, cohesion, leftEntropy, rightEntropy, wholeShare, alignedShare, cut.")
    var json = false

    @Flag(help: "Read standard input as JSON Lines.")
    var jsonl = false

    @OptionGroup var dictionaryOptions: DictionaryOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if minCount < 2 { throw ValidationError("--min-count must be at least 2") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be between 1 and 256") }
        guard minCohesion.isFinite, minEntropy.isFinite else { throw ValidationError("--min-cohesion and --min-entropy must be numbers") }
        if !DictionaryTags.isKnown(tag) {
            throw ValidationError("--tag: `\(tag)` is not a known tag (n, nr, ns, nt, nz, nnt, v, vn, …; see Dictionaries/README.md)")
        }
        if files.isEmpty { throw ValidationError("give at least one corpus file (- for standard input)") }
    }

    func run() throws {
        try reportingErrors {
            var options = WordDiscovery.Options()
            options.minCount = minCount
            options.minCohesion = minCohesion
            options.minEntropy = minEntropy
            options.threads = threads
            var discovery = WordDiscovery(segmenter: try dictionaryOptions.makeSegmenter(), options: options)
            var batch: [String] = [], batchBytes = 0
            let problems = try Documents.read(files, stdinIsJSONL: jsonl) { document in
                batch.append(document.text)
                batchBytes += document.text.utf8.count
                if batchBytes >= 4 << 20 {
                    discovery.add(batch)
                    batch.removeAll(keepingCapacity: true)
                    batchBytes = 0
                }
            }
            discovery.add(batch)
            var out = OutputBuffer()
            for c in discovery.discover().prefix(top) {
                if json {
                    out.append("{\"word\":\(jsonString(c.word)),\"count\":\(c.count),\"score\":\(number(c.score)),"
                        + "\"cohesion\":\(number(c.cohesion)),\"leftEntropy\":\(number(c.leftEntropy)),"
                        + "\"rightEntropy\":\(number(c.rightEntropy)),\"wholeShare\":\(number(c.wholeShare)),"
                        + "\"alignedShare\":\(number(c.alignedShare)),\"cut\":\(jsonString(c.commonCut))}\n")
                } else {
                    out.append("\(c.word) \(c.count) \(tag)\n")
                }
                out.flushIfLarge()
            }
            out.flush()
            if problems > 0 { throw ExitCode(1) }
        }
    }
}
