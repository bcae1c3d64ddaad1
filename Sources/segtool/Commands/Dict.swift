import ArgumentParser
import Segmenter

/// `segtool dict`: inspect and check dictionaries.
struct Dict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect and check dictionaries.",
        subcommands: [Lint.self, Stats.self, Lookup.self])

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check dictionary files: syntax, duplicates, conflicting tags, shadowed and generic entries; with --corpus, the entries that cut ICU's words more often than they join them.",
            discussion: """
                Exits 1 when there are errors (or warnings, with --strict), or more harmful entries than --max-harmful. The files are checked together with the built-in lexicon unless --no-builtin-dict is given; files that are themselves the built-in lexicon are not compared with it.

                With --corpus, the corpus (plain text files, or JSON Lines with a "text" field) is segmented once, and each dictionary token is judged against ICU's words: it joins them (starts and ends on ICU's word boundaries, covering two or more), is one of them, or cuts them (starts or ends inside an ICU word, or takes a character another dictionary word would have joined to its neighbour: 石嘴山|市公安局). Entries that cut more often than they join are reported with examples. The corpus is segmented with the built-in lexicon and the FILEs as user dictionaries, and only the FILEs' entries are judged (and counted by --max-harmful); without FILE, the built-in lexicon is judged; FILEs that are the built-in lexicon's own files are judged alone, as they will be compiled in.
                """)

        @Argument(help: "Dictionary files (optional with --corpus: then the built-in lexicon is judged).")
        var files: [String] = []

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Flag(help: "Print errors only.")
        var quiet = false

        @Flag(name: .customLong("no-builtin-dict"), help: "Check the files alone, not on top of the built-in lexicon.")
        var noBuiltinDictionary = false

        @OptionGroup var corpusOptions: CorpusLintOptions

        func validate() throws {
            if files.isEmpty && corpusOptions.corpus.isEmpty {
                throw ValidationError("give dictionary files, --corpus FILE..., or both")
            }
            if files.isEmpty && noBuiltinDictionary {
                throw ValidationError("--no-builtin-dict without dictionary files leaves no entries to judge")
            }
        }

        func run() throws {
            try reportingErrors {
                let inputs = try files.map { (name: $0, bytes: try TextFile.bytes($0)) }
                // Files that are the built-in lexicon are linted on their own, not against themselves.
                let builtinNames = Set(BuiltinDictionary.lexiconFiles.map { "Dictionaries/" + $0.name })
                let linted = inputs.contains { f in builtinNames.contains { f.name.hasSuffix($0) } }
                var failed = false
                var findings: [DictionaryLint.Finding] = []
                if !inputs.isEmpty {
                    let base: Segmenter
                    do {
                        base = try Segmenter(builtinDictionary: !noBuiltinDictionary && !linted)
                    } catch { throw CLIError("\(error)") }
                    do {
                        findings = try DictionaryLint.lint(files: inputs, base: base)
                    } catch { throw CLIError("\(error)") }
                    let errors = findings.filter { $0.severity == .error }.count
                    let warnings = findings.count - errors
                    if !corpusOptions.json {
                        var out = OutputBuffer()
                        for f in findings where !(quiet && f.severity == .warning) {
                            out.append(f.description)
                            out.append("\n")
                        }
                        out.flush()
                    }
                    Diagnostics.write("\(plural(inputs.count, "file")): \(plural(errors, "error")), \(plural(warnings, "warning"))\n")
                    failed = errors > 0 || (strict && warnings > 0)
                }
                if !corpusOptions.corpus.isEmpty {
                    let segmenter = try corpusOptions.segmenter(
                        files: inputs, builtinFiles: linted, builtin: !noBuiltinDictionary)
                    let findings = findings.filter { !(quiet && $0.severity == .warning) }
                    if try !corpusOptions.run(segmenter: segmenter, findings: findings, userEntriesOnly: !inputs.isEmpty && !linted) {
                        failed = true
                    }
                } else if corpusOptions.json {
                    print(CorpusLintOptions.findingsJSON(findings.filter { !(quiet && $0.severity == .warning) }))
                }
                if failed { throw ExitCode(1) }
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Entries per category file and per tag, and the load time.")

        @OptionGroup var dictionaryOptions: DictionaryOptions

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            try reportingErrors {
                let clock = ContinuousClock()
                let start = clock.now
                let segmenter = try dictionaryOptions.makeSegmenter()
                let total = clock.now - start
                var byFile: [String: Int] = [:]
                var byTag: [String: Int] = [:]
                for entry in segmenter.lexicon.entries {
                    byFile[entry.origin.file, default: 0] += 1
                    byTag[entry.tag ?? "-", default: 0] += 1
                }
                let loadTime = (try? BuiltinDictionary.loaded.get().duration) ?? .zero
                if json {
                    let files = byFile.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\($0.value)" }.joined(separator: ",")
                    let tags = byTag.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\($0.value)" }.joined(separator: ",")
                    print("{\"entries\":\(segmenter.lexicon.count),\"files\":{\(files)},\"tags\":{\(tags)},\"builtinLoadMilliseconds\":\(milliseconds(loadTime)),\"builtinPrebuiltImage\":\(BuiltinDictionary.loadsPrebuiltImage),\"segmenterMilliseconds\":\(milliseconds(total))}")
                    return
                }
                print("entries  \(segmenter.lexicon.count)")
                print("by file (category):")
                for (file, n) in byFile.sorted(by: { $0.key < $1.key }) { print("  \(pad(n))  \(file)") }
                print("by tag:")
                for (tag, n) in byTag.sorted(by: { $0.value > $1.value }) { print("  \(pad(n))  \(tag)") }
                let how = BuiltinDictionary.loadsPrebuiltImage ? "loaded from its prebuilt image" : "parsed from its text"
                print("built-in lexicon \(how) in \(milliseconds(loadTime)) ms; segmenter ready in \(milliseconds(total)) ms")
            }
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Is a word known, from which dictionary, with which tag, and how is it cut?")

        @Argument(help: "Words to look up.")
        var words: [String]

        @OptionGroup var dictionaryOptions: DictionaryOptions

        func run() throws {
            try reportingErrors {
                let segmenter = try dictionaryOptions.makeSegmenter()
                let icu = try DictionaryOptions.icuBaseline()
                var failed = false
                for word in words {
                    if let entry = segmenter.lexicon.entry(for: word) {
                        let origin: String
                        switch entry.origin {
                        case .builtin(let file): origin = "built-in \(file)"
                        case .user(let file): origin = "user \(file)"
                        }
                        print("\(word)\tknown\t\(origin)\ttag \(entry.tag ?? "-")\tfreq \(entry.frequency.map(String.init) ?? "-")")
                    } else {
                        print("\(word)\tunknown")
                        failed = true
                    }
                    print("  precise  \(segmenter.words(in: word).joined(separator: " | "))")
                    print("  search   \(segmenter.words(in: word, mode: .search).joined(separator: " | "))")
                    print("  ICU      \(icu.words(in: word).joined(separator: " | "))")
                }
                if failed { throw ExitCode(1) }
            }
        }
    }
}

func milliseconds(_ d: Duration) -> String {
    let (s, atto) = d.components
    let ms = Double(s) * 1000 + Double(atto) / 1e15
    let tenths = Int((ms * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

func pad(_ n: Int, _ width: Int = 6) -> String {
    let s = String(n)
    return String(repeating: " ", count: max(0, width - s.count)) + s
}

extension DictionaryOptions {
    static func icuBaseline() throws -> Segmenter {
        do { return try Segmenter.icuBaseline() } catch { throw CLIError(error.description) }
    }
}
