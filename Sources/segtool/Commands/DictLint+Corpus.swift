import ArgumentParser
import Segmenter

/// `segtool dict lint --corpus FILE...`: the entries that cut ICU's words more often than
/// they join them, on a corpus (`CorpusLint` does the counting).
struct CorpusLintOptions: ParsableArguments {
    @Option(name: .customLong("corpus"), parsing: .upToNextOption,
            help: ArgumentHelp("Texts to segment: plain text files, or JSON Lines (.jsonl) with a \"text\" field.", valueName: "file"))
    var corpus: [String] = []

    @Option(name: .customLong("max-harmful"),
            help: "Exit 1 when more entries than this are harmful (cut more often than they join).")
    var maxHarmful: Int?

    @Option(name: .customLong("min-cuts"), help: "Report an entry only when it cut at least this many times.")
    var minCuts = 1

    @Option(help: "Examples of cuts to show per entry.")
    var examples = 3

    @Flag(help: "Also list the fragment candidates: entries that mostly leave the same lone character beside them (中央委员|会); not counted by --max-harmful.")
    var fragments = false

    @Flag(help: "Also list the piece candidates: entries whose occurrences mostly have the same neighbour on one side (亚太|经合组织: perhaps a piece of a longer term), with the neighbour and its count; not counted by --max-harmful.")
    var pieces = false

    @Option(name: .customLong("min-piece-count"),
            help: "A piece candidate's neighbour must occur beside it at least this many times (and in at least 80% of its occurrences).")
    var minPieceCount = 10

    @Flag(help: "List every entry that occurred (with its counts), not only the harmful ones.")
    var all = false

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if let maxHarmful, maxHarmful < 0 { throw ValidationError("--max-harmful must be 0 or more") }
        if minCuts < 1 { throw ValidationError("--min-cuts must be 1 or more") }
        if examples < 0 { throw ValidationError("--examples must be 0 or more") }
        if minPieceCount < 2 { throw ValidationError("--min-piece-count must be 2 or more") }
        if corpus.isEmpty && (maxHarmful != nil || all) {
            throw ValidationError("--max-harmful and --all need --corpus FILE...")
        }
    }

    /// The segmenter whose lexicon is judged: the given files alone when they are the built-in
    /// lexicon's own files (entered as built-in entries, so they weigh as they will when
    /// compiled in), else the built-in lexicon (unless `builtin` is false) with the files as
    /// user dictionaries.
    func segmenter(files: [(name: String, bytes: [UInt8])], builtinFiles: Bool, builtin: Bool) throws -> Segmenter {
        do {
            var lexicon = Lexicon()
            if builtin && !builtinFiles {
                lexicon = try BuiltinDictionary.loaded.get().lexicon
            }
            for file in files {
                let parsed = try DictionaryFile(bytes: file.bytes, name: file.name)
                for entry in parsed.entries(origin: builtinFiles ? .builtin(file: file.name) : .user(file: file.name)) {
                    lexicon.insert(entry)
                }
            }
            return try Segmenter(lexicon: lexicon)
        } catch { throw CLIError("\(error)") }
    }

    /// Segments the corpus, prints the report and the summary. `userEntriesOnly`: judge only
    /// the user dictionaries' entries (the files given, on top of the built-in lexicon), whose
    /// cuts are the user's to mend; the built-in entries still segment the corpus.
    /// - Returns: false when the result fails the check (above `--max-harmful`) or an input
    ///   was bad.
    func run(segmenter: Segmenter, findings: [DictionaryLint.Finding], userEntriesOnly: Bool = false) throws -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        var lint = CorpusLint(segmenter: segmenter, examplesPerEntry: examples, pieceMinimum: minPieceCount)
        var bytes = 0
        let problems = try Documents.read(corpus) { document in
            bytes += document.text.utf8.count
            lint.add(document.text)
        }
        let elapsed = clock.now - start
        let seen = userEntriesOnly ? lint.entries.filter { $0.entry.origin.isUser } : lint.entries
        let harmful = seen.filter { $0.isHarmful && $0.cuts >= minCuts }
        let fragmentCandidates = seen.filter { !$0.isHarmful && $0.isFragment && $0.strands >= minCuts }
        let pieceCandidates = seen.filter { !$0.isHarmful && !($0.isFragment && $0.strands >= minCuts) && $0.isPiece }
        let shown = all ? seen : harmful + (fragments ? fragmentCandidates : []) + (pieces ? pieceCandidates : [])
        let totals = lint.totals
        let tokens = totals.joins + totals.whole + totals.cuts
        let over = maxHarmful.map { harmful.count > $0 } ?? false
        var out = OutputBuffer()
        if json {
            out.append("{\"texts\":\(lint.texts),\"bytes\":\(bytes),\"characters\":\(lint.scalars),\"seconds\":\(milliseconds(elapsed).secondsFromMilliseconds)")
            out.append(",\"dictionaryTokens\":\(tokens),\"joins\":\(totals.joins),\"whole\":\(totals.whole),\"cuts\":\(totals.cuts),\"strands\":\(totals.strands)")
            out.append(",\"entriesSeen\":\(seen.count),\"harmful\":\(harmful.count),\"fragments\":\(fragmentCandidates.count),\"pieces\":\(pieceCandidates.count),\"minCuts\":\(minCuts),\"maxHarmful\":\(maxHarmful.map(String.init) ?? "null")")
            out.append(",\"entries\":[")
            for (i, r) in shown.enumerated() {
                if i > 0 { out.append(",") }
                out.append(Self.json(r))
            }
            out.append("],\"findings\":")
            out.append(Self.findingsJSON(findings))
            out.append("}\n")
        } else {
            for r in shown {
                let strands = r.strands > 0 ? ["strands \(r.strands) " + r.strandedCharacters.joined(separator: " ")] : []
                let neighbours = r.pieces.map { "\($0.after ? "after" : "before") \($0.neighbour) \($0.count)" }
                let fields = [r.entry.word, r.entry.tag ?? "-", r.entry.origin.file, "cuts \(r.cuts)", "joins \(r.joins)", "whole \(r.whole)"] + strands
                    + neighbours + [r.isHarmful ? "harmful" : r.isFragment ? "fragment?" : r.isPiece ? "piece?" : "ok"]
                out.append(fields.map(tabSeparatedField).joined(separator: "\t"))
                out.append("\n")
                for e in r.cutExamples {
                    out.append("\t" + [e.tokens, "ICU " + e.icu, (e.cut?.rawValue ?? "") + (e.other.map { " (\($0))" } ?? "")].map(tabSeparatedField).joined(separator: "\t") + "\n")
                }
                for p in r.pieces {
                    for e in p.examples {
                        out.append("\t" + [e.tokens, "ICU " + e.icu, (e.cut?.rawValue ?? "") + " (\(p.neighbour))"].map(tabSeparatedField).joined(separator: "\t") + "\n")
                    }
                }
                if let e = r.joinExample, !r.cutExamples.isEmpty {
                    out.append("\t" + [e.tokens, "ICU " + e.icu, "joins"].map(tabSeparatedField).joined(separator: "\t") + "\n")
                }
                out.flushIfLarge()
            }
        }
        out.flush()
        let limit = maxHarmful.map { ", limit \($0)" } ?? ""
        Diagnostics.write("""
            corpus: \(lint.texts) texts, \(bytes) bytes in \(milliseconds(elapsed)) ms; \
            \(tokens) dictionary tokens: \(totals.joins) join ICU's words, \(totals.whole) are one, \
            \(totals.cuts) cut them (\(totals.strands) of the others leave a lone character); \(seen.count) \
            \(userEntriesOnly ? "entries of the files" : "entries") occurred, \
            \(harmful.count) cut more often than they join (at least \(minCuts) cuts\(limit)), \
            \(fragmentCandidates.count) other fragment candidates, \(pieceCandidates.count) other piece candidates\n
            """)
        if over, let maxHarmful {
            Diagnostics.error("\(harmful.count) harmful entries, more than --max-harmful \(maxHarmful)")
        }
        return !over && problems == 0
    }

    static func json(_ r: CorpusLint.EntryReport) -> String {
        func example(_ e: CorpusLint.Example) -> String {
            "{\"tokens\":\(jsonString(e.tokens)),\"icu\":\(jsonString(e.icu)),\"cut\":\(e.cut.map { jsonString($0.rawValue) } ?? "null"),\"other\":\(e.other.map(jsonString) ?? "null")}"
        }
        let examples = r.cutExamples.map(example).joined(separator: ",")
        return "{\"word\":\(jsonString(r.entry.word)),\"tag\":\(r.entry.tag.map(jsonString) ?? "null"),\"file\":\(jsonString(r.entry.origin.file))"
            + ",\"cuts\":\(r.cuts),\"joins\":\(r.joins),\"whole\":\(r.whole),\"strands\":\(r.strands),\"harmful\":\(r.isHarmful),\"fragment\":\(r.isFragment)"
            + ",\"stranded\":[\(r.strandedCharacters.map(jsonString).joined(separator: ","))]"
            + ",\"piece\":\(r.isPiece),\"pieces\":[" + r.pieces.map { p in
                "{\"neighbour\":\(jsonString(p.neighbour)),\"side\":\"\(p.after ? "after" : "before")\",\"count\":\(p.count),\"examples\":[\(p.examples.map(example).joined(separator: ","))]}"
            }.joined(separator: ",") + "]"
            + ",\"examples\":[\(examples)],\"join\":\(r.joinExample.map(example) ?? "null")}"
    }

    static func findingsJSON(_ findings: [DictionaryLint.Finding]) -> String {
        "[" + findings.map { f in
            "{\"file\":\(jsonString(f.file)),\"line\":\(f.line.map(String.init) ?? "null"),\"severity\":\"\(f.severity.rawValue)\",\"message\":\(jsonString(f.message))}"
        }.joined(separator: ",") + "]"
    }
}

extension String {
    /// "1234.5" (milliseconds) as "1.2345" (seconds), for JSON.
    fileprivate var secondsFromMilliseconds: String {
        guard let ms = Double(self) else { return "0" }
        return String(ms / 1000)
    }
}
