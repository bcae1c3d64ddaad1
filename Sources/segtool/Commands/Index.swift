import ArgumentParser
import Dispatch
import Indexer
import Segmenter
import Synchronization

/// `segtool index`: build and maintain an inverted index.
struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build and maintain an on-disk inverted index.",
        subcommands: [Build.self, Add.self, Delete.self, Merge.self, Stats.self, Verify.self, Bench.self])

    /// The index directory: the one option every subcommand has.
    struct Location: ParsableArguments {
        @Option(name: .customLong("index"), help: ArgumentHelp("The index directory.", valueName: "dir"))
        var directory: String
    }

    /// The options of the subcommands that read and analyse documents (build, add).
    struct Common: ParsableArguments {
        @OptionGroup var location: Location
        var directory: String { location.directory }

        @Option(help: "Analysis threads (default: all cores).")
        var threads: Int?

        @Option(name: .customLong("memory-mb"), help: "Flush a segment when the in-memory segment reaches about this many MB.")
        var memoryMB: Int = 256

        @Flag(help: "Read standard input as JSON Lines (one document per line).")
        var jsonl = false

        @OptionGroup var dictionaryOptions: DictionaryOptions

        func validate() throws {
            if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
            if memoryMB < 1 { throw ValidationError("--memory-mb must be at least 1") }
        }
    }

    /// Adds the documents of `inputs` (files, folders, .jsonl, stdin) to `writer`. A bad
    /// file or record is reported and skipped (see `Documents`).
    /// - Returns: how many bad inputs were reported.
    static func addInputs(_ inputs: [String], common: Common, writer: IndexWriter) throws -> Int {
        writer.threads = common.threads ?? coreCount()
        writer.memoryBudget = common.memoryMB << 20
        var paths: [String] = []
        for input in inputs { paths += try expand(input) }
        var progress = Progress(total: paths.reduce(0) { $0 + fileSize($1) }, label: "indexing")
        var bytes = 0
        // A reader thread parses the inputs into batches while this one indexes the last.
        let pipe = BatchPipe<[IndexDocument]>(capacity: 2)
        let problems = ProblemCount()
        let jsonl = common.jsonl, inputs = paths
        DispatchQueue.global().async {
            struct Stopped: Error {}
            do {
                var batch: [IndexDocument] = []
                var seen = Set<String>(), repeated = 0, firstRepeated: String?
                let count = try Documents.read(inputs, stdinIsJSONL: jsonl) { document in
                    if !seen.insert(document.id).inserted {
                        repeated += 1
                        if firstRepeated == nil { firstRepeated = document.id }
                    }
                    batch.append(IndexDocument(id: document.id, title: document.title, text: document.text,
                                               date: document.date, fields: document.fields))
                    if batch.count >= 2048 {
                        guard pipe.put(batch) else { throw Stopped() }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                problems.value.withLock { $0 = count }
                if let firstRepeated {
                    // Documented (an id again replaces its document), but in one run most likely a mistake.
                    Diagnostics.warning("\(repeated) \(repeated == 1 ? "document has" : "documents have") an id given earlier in the input "
                        + "(the first: `\(tabSeparatedField(firstRepeated))`); each replaced the earlier document with its id")
                }
                if !batch.isEmpty { _ = pipe.put(batch) }
                pipe.finish()
            } catch is Stopped {
                pipe.finish()
            } catch let error as CLIError {
                pipe.finish(error)
            } catch {
                pipe.finish(CLIError("\(error)"))
            }
        }
        do {
            while let batch = try pipe.take() {
                do { try writer.add(batch) } catch { throw CLIError("\(error)") }
                for d in batch { bytes += d.text.utf8.count }
                progress.update(bytes)
            }
        } catch {
            pipe.cancel()
            throw error
        }
        progress.finish()
        return problems.value.withLock { $0 }
    }

    /// "1 document", "2 documents".
    static func documentCount(_ n: Int) -> String { n == 1 ? "1 document" : "\(n) documents" }

    /// The reader thread's count of bad inputs, read once the thread has finished.
    private final class ProblemCount: Sendable {
        let value = Mutex(0)
    }

    /// A folder's regular files (recursively, sorted), or the path itself.
    static func expand(_ path: String) throws -> [String] {
        if path == "-" { return [] }
        if isDirectory(path) {
            var out: [String] = []
            for name in listDirectory(path).sorted() where !name.hasPrefix(".") {
                out += try expand(path + "/" + name)
            }
            return out
        }
        return [path]
    }

    /// A writer on the index in `directory`. `analysis`: for a new index, how it analyses text
    /// (recorded in it); for an existing one, nil to use the recorded analysis, or the one the
    /// options ask for — another one is refused with a clear error.
    static func open(_ directory: String, create: Bool, analysis: IndexAnalysis? = nil) throws -> IndexWriter {
        do {
            return try IndexWriter(directory: directory, create: create, analysis: analysis)
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// The analysis that build's and add's options describe; nil when none was given (add
    /// then uses the index's recorded analysis; build, the default one).
    static func requestedAnalysis(_ options: DictionaryOptions, stopWords: StopWordOption) throws -> IndexAnalysis? {
        guard !options.dictionaries.isEmpty || options.noBuiltinDictionary || options.icuOnly || stopWords.builtin
            || options.fold != .none else { return nil }
        do {
            let analysis = IndexAnalysis(
                builtinLexicon: !options.noBuiltinDictionary, icuOnly: options.icuOnly,
                userDictionaries: try options.dictionaries.map { path throws(IndexError) in try .init(contentsOf: path) },
                stopWords: stopWords.builtin ? StopWords.builtin : [], folding: options.fold)
            // A dictionary that does not parse is reported before anything is written.
            _ = try analysis.makeSegmenter()
            return analysis
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// `--builtin-stopwords` of build and add: a new index records the built-in stop words; an
    /// existing one keeps the stop words it was built with (the flag must then agree).
    struct StopWordOption: ParsableArguments {
        @Flag(name: .customLong("builtin-stopwords"), help: "Leave the built-in stop words out of the index (and of queries); an existing index must have been built with them.")
        var builtin = false
    }

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build an index from text files, folders (one document per file) and JSON Lines ({\"id\",\"title\",\"text\"}).",
            discussion: """
                Standard input when no input is given (one document, or JSON Lines with --jsonl: "id", "title", \
                "text", "date" (YYYY, YYYY-MM or YYYY-MM-DD) and other string fields). Adds to the index when it \
                exists. The analysis (dictionaries, stop words) is recorded in the index: search and index add \
                use it without being told, and an existing index refuses another one.
                """)

        @OptionGroup var common: Common
        @Argument(help: "Inputs: files, folders, .jsonl (or .ndjson) files.")
        var inputs: [String] = []
        @OptionGroup var stopWordOption: StopWordOption

        func run() throws {
            try reportingErrors {
                let analysis = try Index.requestedAnalysis(common.dictionaryOptions, stopWords: stopWordOption) ?? IndexAnalysis()
                let writer = try Index.open(common.directory, create: true, analysis: analysis)
                let problems = try Index.addInputs(inputs.isEmpty ? ["-"] : inputs, common: common, writer: writer)
                do { try writer.commit() } catch { throw CLIError("\(error)") }
                Diagnostics.write("\(common.directory): \(Index.documentCount(writer.documentCount))\n")
                if problems > 0 { throw ExitCode(1) }  // the bad inputs were reported and left out
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add documents (a document with an existing id replaces it).")
        @OptionGroup var common: Common
        @Argument(help: "Inputs: files, folders, .jsonl (or .ndjson) files.")
        var inputs: [String] = []
        @OptionGroup var stopWordOption: StopWordOption

        func run() throws {
            try reportingErrors {
                // Without analysis options, the index's recorded analysis; with them, they must match it.
                let writer = try Index.open(common.directory, create: false,
                                            analysis: try Index.requestedAnalysis(common.dictionaryOptions, stopWords: stopWordOption))
                let problems = try Index.addInputs(inputs.isEmpty ? ["-"] : inputs, common: common, writer: writer)
                do { try writer.commit() } catch { throw CLIError("\(error)") }
                Diagnostics.write("\(common.directory): \(Index.documentCount(writer.documentCount))\n")
                if problems > 0 { throw ExitCode(1) }  // the bad inputs were reported and left out
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete documents by id.",
            discussion: "Ids not in the index are named on stderr (exit status 1); the others are deleted.")
        @OptionGroup var location: Location
        @Argument(help: "Document ids.")
        var ids: [String]

        func run() throws {
            try reportingErrors {
                let writer = try Index.open(location.directory, create: false)
                var missing: [String] = []
                for id in ids where !writer.delete(id: id) { missing.append(id) }
                do { try writer.commit() } catch { throw CLIError("\(error)") }
                if !missing.isEmpty { throw CLIError("not in the index: \(missing.joined(separator: ", "))") }
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge all segments into one, dropping deleted documents.",
            discussion: "A merge re-analyses the stored texts with the index's recorded analysis (and this segtool's built-in lexicon).")
        @OptionGroup var location: Location

        @Option(help: "Analysis threads (default: all cores).")
        var threads: Int?

        func validate() throws {
            if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
        }

        func run() throws {
            try reportingErrors {
                let writer = try Index.open(location.directory, create: false)
                writer.threads = threads ?? coreCount()
                do { try writer.merge() } catch { throw CLIError("\(error)") }
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Documents, segments, passages, sizes.")
        @Option(name: .customLong("index"), help: ArgumentHelp("The index directory.", valueName: "dir"))
        var directory: String
        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            try reportingErrors {
                let clock = ContinuousClock()
                let start = clock.now
                let reader: IndexReader
                do { reader = try IndexReader(directory: directory) } catch { throw CLIError("\(error)") }
                let openTime = clock.now - start
                let (index, store) = reader.sizeOnDisk
                let sections = reader.sectionSizes.filter { $0.bytes > 0 }
                if json {
                    let bySection = sections.map { "\(jsonString($0.section)):\($0.bytes)" }.joined(separator: ",")
                    print("{\"documents\":\(reader.documentCount),\"storedDocuments\":\(reader.storedDocumentCount),\"segments\":\(reader.segmentCount),\"passages\":\(reader.passageCount),\"terms\":\(reader.totalLength),\"indexBytes\":\(index),\"storeBytes\":\(store),\"sectionBytes\":{\(bySection)},\"openMilliseconds\":\(milliseconds(openTime))}")
                } else {
                    print("documents  \(reader.documentCount) (\(reader.storedDocumentCount - reader.documentCount) deleted, not yet merged away)")
                    print("segments   \(reader.segmentCount)")
                    print("passages   \(reader.passageCount)")
                    print("term occurrences (precise tokens) \(reader.totalLength)")
                    print("index size \(index) bytes; stored text \(store) bytes")
                    print("by section " + sections.map { "\($0.section) \($0.bytes)" }.joined(separator: ", "))
                    print("opened in  \(milliseconds(openTime)) ms")
                }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check every checksum of every file of the index.")
        @Option(name: .customLong("index"), help: ArgumentHelp("The index directory.", valueName: "dir"))
        var directory: String

        func run() throws {
            try reportingErrors {
                do {
                    let reader = try IndexReader(directory: directory)
                    try reader.verify()
                    print("\(directory): OK (\(reader.segmentCount) segments, \(reader.documentCount) documents)")
                } catch { throw CLIError("\(error)") }
            }
        }
    }
}
