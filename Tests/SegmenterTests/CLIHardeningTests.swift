import Foundation
import Testing

// Regression tests of issue 13 ("Hardening") for the command line, run through the built binary.
extension CommandLineTool {
    /// A fresh directory path under the temporary directory (not created).
    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("segtool-cli-\(UUID().uuidString)").path
    }

    /// The values of `key` in the JSON Lines of `output`.
    func jsonValues(_ key: String, _ output: String) -> [Any] {
        output.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?[key]
        }
    }

    // MARK: 9. One bad file does not stop the others

    @Test func badFileDoesNotStopKeywordsRankAndIDF() throws {
        let good = try temporaryFile(Data("全面推进乡村振兴，乡村振兴取得新进展。".utf8))
        let missing = "/nonexistent/missing.txt"
        let keywords = try run(["keywords", "--top", "1", good, missing, good])
        #expect(keywords.status == 1)
        #expect(keywords.stdout == "\(good)\t乡村振兴\n\(good)\t乡村振兴\n")
        #expect(keywords.stderr.contains("\(missing): No such file or directory"))

        let rank = try run(["rank", "-q", "乡村振兴", missing, good])
        #expect(rank.status == 2)
        #expect(rank.stdout.split(separator: "\n").count == 1)
        #expect(rank.stderr.contains(missing))

        let table = temporaryDirectory()
        let idf = try run(["idf", "build", good, missing, good, "-o", table])
        #expect(idf.status == 1)
        #expect(idf.stderr.contains(missing))
        #expect(try String(contentsOfFile: table, encoding: .utf8).contains("# documents 2"))
        // Nothing readable: no table written.
        let none = temporaryDirectory()
        #expect(try run(["idf", "build", missing, "-o", none]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: none))
    }

    @Test func badFileDoesNotStopIndexBuild() throws {
        // A folder with a binary file between two good ones, and JSON Lines with a bad record.
        let folder = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("全面推进乡村振兴。".utf8).write(to: URL(fileURLWithPath: folder + "/a.txt"))
        try Data([0x41, 0x42, 0x00, 0x43]).write(to: URL(fileURLWithPath: folder + "/b.bin"))
        try Data("守住粮食安全底线。".utf8).write(to: URL(fileURLWithPath: folder + "/c.txt"))
        let jsonl = try temporaryFile(Data(#"""
            {"id":"x","text":"乡村振兴战略"}
            {"id":"y"}
            {"id":"z","text":"粮食安全"}
            """#.utf8), name: UUID().uuidString + ".jsonl")
        let dir = temporaryDirectory()
        let build = try run(["index", "build", "--index", dir, folder, "/nonexistent/gone.txt", jsonl])
        #expect(build.status == 1)
        #expect(build.stderr.contains("\(folder)/b.bin: binary input (NUL byte at byte offset 2)"), "\(build.stderr)")
        #expect(build.stderr.contains("/nonexistent/gone.txt: No such file or directory"))
        #expect(build.stderr.contains("\(jsonl):2: expected a JSON object"))
        let search = try run(["search", "--index", dir, "--json", "--top", "10", "乡村振兴", "OR", "粮食安全"])
        let ids = Set(jsonValues("id", search.stdout).compactMap { $0 as? String })
        #expect(ids == ["\(folder)/a.txt", "\(folder)/c.txt", "x", "z"])
        // index add likewise.
        let add = try run(["index", "add", "--index", dir, "/nonexistent/gone.txt", try temporaryFile(Data("新质生产力".utf8))])
        #expect(add.status == 1)
        #expect(try run(["search", "--index", dir, "新质生产力"]).status == 0)
    }

    // MARK: 10. NUL bytes are refused by every command that reads documents

    @Test func nulBytesAreRefusedWithFileAndOffset() throws {
        let binary = try temporaryFile(Data("乡村振兴\u{0}粮食安全".utf8))
        let expected = "\(binary): binary input (NUL byte at byte offset 12)"
        for arguments in [["keywords", binary], ["rank", "-q", "乡村振兴", binary],
                          ["idf", "build", binary, "-o", temporaryDirectory()],
                          ["index", "build", "--index", temporaryDirectory(), binary]] {
            let r = try run(arguments)
            #expect(r.status != 0, "\(arguments[0])")
            #expect(r.stderr.contains(expected), "\(arguments[0]): \(r.stderr)")
            #expect(!r.stdout.contains("\u{0}"))
        }
        let jsonl = try temporaryFile(Data("{\"id\":\"a\",\"text\":\"好\"}\n{\"id\":\"b\",\"text\":\"x\u{0}\"}\n".utf8), name: UUID().uuidString + ".jsonl")
        let r = try run(["keywords", "--allow-single", jsonl])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(jsonl):2: binary input (NUL byte at byte offset 43)"), "\(r.stderr)")
        #expect(r.stdout.hasPrefix("a\t"))
    }

    // MARK: 5. --lossy JSON offsets point into the input

    @Test func lossyOffsetsPointIntoTheInput() throws {
        // 中 FF FE 国: the two bad bytes become two U+FFFD (three bytes each) in the text,
        // but 国 is at byte 5 of the input.
        let r = try run(["segment", "--lossy", "--format", "json"], stdin: Data([0xE4, 0xB8, 0xAD, 0xFF, 0xFE, 0xE5, 0x9B, 0xBD, 0x0A]))
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let tokens = object?["tokens"] as? [[String: Any]] ?? []
        let spans = tokens.map { "\($0["text"] as? String ?? "")@\($0["start"] as? Int ?? -1)-\($0["end"] as? Int ?? -1)" }
        #expect(spans == ["中@0-3", "\u{FFFD}@3-4", "\u{FFFD}@4-5", "国@5-8"])
        // A truncated sequence (E4 B8) is one replacement of two bytes; offsets after it too.
        let t = try run(["segment", "--lossy", "--format", "json"], stdin: Data([0x61, 0xE4, 0xB8, 0x20, 0x62, 0x0A]))
        let tObject = try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as? [String: Any]
        let tTokens = tObject?["tokens"] as? [[String: Any]] ?? []
        #expect(tTokens.last?["text"] as? String == "b" && tTokens.last?["start"] as? Int == 4)
    }

    // MARK: 11. A BOM at the start of a file is skipped, offsets still into the file

    @Test func byteOrderMarkIsSkipped() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let file = try temporaryFile(Data(bom + Array("习近平 强调\n两会\n".utf8)))
        let text = try run(["segment", file])
        #expect(text.status == 0)
        #expect(text.stdout == "习近平 强调\n两会\n")
        let json = try run(["segment", "--format", "json", file])
        let first = try JSONSerialization.jsonObject(with: Data(json.stdout.split(separator: "\n")[0].utf8)) as? [String: Any]
        let tokens = first?["tokens"] as? [[String: Any]] ?? []
        #expect(tokens.first?["text"] as? String == "习近平")
        #expect(tokens.first?["start"] as? Int == 3 && tokens.first?["end"] as? Int == 12)
        // Standard input too; an invalid byte after the BOM is reported at its file offset.
        let stdin = try run(["segment"], stdin: Data(bom + Array("两会".utf8)))
        #expect(stdin.stdout == "两会\n")
        let bad = try run(["segment"], stdin: Data(bom + [0x41, 0xFF]))
        #expect(bad.stderr.contains("invalid UTF-8 at byte offset 4"), "\(bad.stderr)")
        // A BOM that is not at the start of the file is text (not skipped).
        let later = try run(["segment", "--format", "json"], stdin: Data(Array("两会\n".utf8) + bom + Array("两会".utf8)))
        #expect(later.stdout.split(separator: "\n").last?.contains("\"start\":3") == true)
        // keywords and rank: no BOM token; rank's offsets into the file.
        let doc = try temporaryFile(Data(bom + Array("全面推进乡村振兴，乡村振兴取得新进展。".utf8)))
        let keywords = try run(["keywords", "--json", doc])
        #expect(!keywords.stdout.contains("\u{FEFF}"))
        let rank = try run(["rank", "-q", "乡村振兴", "--json", doc])
        let hit = try JSONSerialization.jsonObject(with: Data(rank.stdout.utf8)) as? [String: Any]
        #expect(hit?["start"] as? Int == 3)
    }

    // MARK: 12. search and rank: 0 found, 1 nothing found, 2 an error (as grep and ripgrep)

    @Test func searchAndRankExitCodes() throws {
        let dir = temporaryDirectory()
        let corpus = try temporaryFile(Data(#"{"id":"a","text":"全面推进乡村振兴。"}"#.utf8), name: UUID().uuidString + ".jsonl")
        #expect(try run(["index", "build", "--index", dir, corpus]).status == 0)
        #expect(try run(["search", "--index", dir, "乡村振兴"]).status == 0)
        let none = try run(["search", "--index", dir, "粮食安全"])
        #expect(none.status == 1 && none.stderr.isEmpty)
        let missing = try run(["search", "--index", "/nonexistent", "乡村振兴"])
        #expect(missing.status == 2 && missing.stderr.contains("not a segtool index"))
        // A damaged index: an error, not "no match".
        let manifest = dir + "/manifest"
        try Data("garbage\n".utf8).write(to: URL(fileURLWithPath: manifest))
        #expect(try run(["search", "--index", dir, "乡村振兴"]).status == 2)
        // Usage errors too.
        #expect(try run(["search", "乡村振兴"]).status == 2)
        #expect(try run(["search", "--index", dir, "--top", "0", "乡村振兴"]).status == 2)
        #expect(try run(["search", "--help"]).status == 0)

        let doc = try temporaryFile(Data("全面推进乡村振兴。".utf8))
        #expect(try run(["rank", "-q", "乡村振兴", doc]).status == 0)
        #expect(try run(["rank", "-q", "粮食安全", doc]).status == 1)
        #expect(try run(["rank", "-q", "乡村振兴", "/nonexistent/x.txt"]).status == 2)
        #expect(try run(["rank", doc]).status == 2)  // no query
        // Other commands keep 1 for an error and 64 for a usage error.
        #expect(try run(["keywords", "/nonexistent/x.txt"]).status == 1)
        #expect(try run(["segment", "--threads", "0"]).status == 64)
    }

    // MARK: 13. A query of exclusions only

    @Test func queryWithOnlyExclusionsSaysWhatIsMissing() throws {
        let dir = temporaryDirectory()
        let corpus = try temporaryFile(Data(#"{"id":"a","text":"北京推进乡村振兴。"}"#.utf8), name: UUID().uuidString + ".jsonl")
        #expect(try run(["index", "build", "--index", dir, corpus]).status == 0)
        for query in [["-北京"], ["-北京", "-上海"], ["-北京 -上海"]] {
            let r = try run(["search", "--index", dir] + query)
            #expect(r.status == 2)
            #expect(r.stderr.contains("needs at least one word to find"), "\(query): \(r.stderr)")
        }
        let punctuation = try run(["search", "--index", dir, "，。"])
        #expect(punctuation.status == 2 && punctuation.stderr.contains("needs at least one word to find"))
    }

    // MARK: 14. User dictionaries: frequencies and tags say what is wrong

    @Test func userDictionaryFrequencyAndTagErrors() throws {
        for (line, message) in [("数智渝城 -5", "frequency `-5` is not valid: a frequency must be a non-negative integer"),
                                ("数智渝城 abc", "`abc` is neither a frequency (a non-negative integer) nor a known tag"),
                                ("数智渝城 abc nz", "`abc` is not a frequency"),
                                ("数智渝城 3.5", "frequency `3.5` is not valid")] {
            let dict = try temporaryFile(Data("两会 10 nz\n\(line)\n".utf8))
            let r = try run(["segment", "--dict", dict], stdin: Data("数智渝城\n".utf8))
            #expect(r.status == 1)
            #expect(r.stderr.contains("\(dict):2: \(message)"), "\(line): \(r.stderr)")
            let lint = try run(["dict", "lint", "--no-builtin-dict", dict])
            #expect(lint.status == 1 && (lint.stdout + lint.stderr).contains(message), "\(lint.stdout)\(lint.stderr)")
        }
        let tags = try run(["keywords", "--tags", "nt,abc"], stdin: Data("两会".utf8))
        #expect(tags.status == 64 && tags.stderr.contains("`abc` is not a known tag"))
    }

    // MARK: 15. index delete, per-subcommand options, index add --builtin-stopwords, eval without --words

    @Test func indexDeleteNamesUnknownIdsAndOptionsApply() throws {
        let dir = temporaryDirectory()
        let corpus = try temporaryFile(Data(#"""
            {"id":"a","text":"全面推进乡村振兴。"}
            {"id":"b","text":"乡村振兴取得新进展。"}
            """#.utf8), name: UUID().uuidString + ".jsonl")
        #expect(try run(["index", "build", "--index", dir, corpus]).status == 0)
        let delete = try run(["index", "delete", "--index", dir, "a", "no-such"])
        #expect(delete.status == 1)
        #expect(delete.stderr.contains("not in the index: no-such") && !delete.stderr.contains(" a"), "\(delete.stderr)")
        let left = try run(["search", "--index", dir, "--json", "乡村振兴"])
        #expect(jsonValues("id", left.stdout).compactMap { $0 as? String } == ["b"])
        // Options that do not apply are not offered (and are usage errors).
        for sub in ["delete", "merge"] {
            let help = try run(["index", sub, "--help"])
            #expect(!help.stdout.contains("--jsonl") && !help.stdout.contains("--memory-mb"), "\(sub)")
        }
        #expect(!(try run(["index", "delete", "--help"])).stdout.contains("--dict"))
        #expect(try run(["index", "delete", "--index", dir, "--jsonl", "b"]).status == 64)
        #expect(try run(["index", "merge", "--index", dir, "--memory-mb", "5"]).status == 64)
        #expect(try run(["index", "merge", "--index", dir, "--threads", "1"]).status == 0)
    }

    /// An index path that is a file: said so, not "FILE/lock: Not a directory".
    @Test func indexPathThatIsAFile() throws {
        let file = try temporaryFile(Data("不是索引\n".utf8))
        let doc = try temporaryFile(Data("乡村振兴。".utf8))
        let result = try run(["index", "build", "--index", file, doc])
        #expect(result.status != 0 && result.stderr.contains("not a folder") && !result.stderr.contains("/lock"), "\(result.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "不是索引\n")
    }

    @Test func indexAddBuiltinStopWords() throws {
        let with = temporaryDirectory(), without = temporaryDirectory()
        let doc = try temporaryFile(Data("我们的乡村振兴。".utf8))
        #expect(try run(["index", "build", "--builtin-stopwords", "--index", with, doc]).status == 0)
        #expect(try run(["index", "build", "--index", without, doc]).status == 0)
        // add accepts the flag on an index built with the built-in stop words ...
        let more = try temporaryFile(Data("的确如此。".utf8))
        #expect(try run(["index", "add", "--builtin-stopwords", "--index", with, more]).status == 0)
        #expect(try run(["search", "--index", with, "的"]).status == 2)  // only a stop word
        // ... and refuses it on one built without them, adding nothing.
        let refused = try run(["index", "add", "--builtin-stopwords", "--index", without, more])
        #expect(refused.status == 1 && refused.stderr.contains("records another analysis (asked for "), "\(refused.stderr)")
        #expect(try run(["search", "--index", without, "的确"]).status == 1)
    }

    @Test func evalWithoutWordsOmitsOOVFigures() throws {
        let gold = try temporaryFile(Data("坚持 发扬 全过程人民民主\n".utf8))
        let text = try run(["eval", "--gold", gold])
        #expect(text.status == 0 && text.stdout.contains("F1") && !text.stdout.contains("OOV") && !text.stdout.contains("IV recall"))
        let json = try JSONSerialization.jsonObject(with: Data(try run(["eval", "--gold", gold, "--json"]).stdout.utf8)) as? [String: Any]
        #expect(json?["f1"] != nil && json?["oovRate"] == nil && json?["ivRecall"] == nil)
        let words = try temporaryFile(Data("坚持 发扬\n".utf8))
        let withWords = try JSONSerialization.jsonObject(with: Data(try run(["eval", "--gold", gold, "--words", words, "--json"]).stdout.utf8)) as? [String: Any]
        #expect(withWords?["oovRate"] as? Double == 0.3333)
    }

    // MARK: 16. Text output: one hit a line, tab-separated, escaped

    @Test func textOutputIsOneEscapedHitPerLine() throws {
        let dir = temporaryDirectory()
        let corpus = try temporaryFile(Data(#"""
            {"id":"a\tb","title":"标题\n第二行","text":"推进乡村振兴\t战略\u0007。"}
            {"id":"c\\d","text":"乡村振兴取得新进展。"}
            """#.utf8), name: UUID().uuidString + ".jsonl")
        #expect(try run(["index", "build", "--index", dir, corpus]).status == 0)
        for passages in [false, true] {
            let r = try run(["search", "--index", dir, "--highlight", "[,]", "乡村振兴"] + (passages ? ["--passages"] : []))
            #expect(r.status == 0)
            let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == 2, "\(r.stdout)")
            // id, score, title, date (none here), snippet.
            for line in lines { #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 5, "\(line)") }
            let first = lines.first { $0.hasPrefix("a\\tb") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
            #expect(first?[0] == (passages ? "a\\tb#0" : "a\\tb"))
            #expect(first?[2] == "标题\\n第二行")
            #expect(first?[3] == "")
            #expect(first?[4] == "推进[乡村振兴]\\t战略\\x07。")
            #expect(lines.contains { $0.hasPrefix(passages ? "c\\\\d#0\t" : "c\\\\d\t") })
        }
        // rank: the same four fields.
        let doc = try temporaryFile(Data("推进乡村振兴\t战略。".utf8), name: "x\ty.txt")
        let rank = try run(["rank", "-q", "乡村振兴", "--highlight", "[,]", doc])
        let fields = rank.stdout.dropLast().split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields.count == 4 && fields[0].hasSuffix("x\\ty.txt#0") && fields[2].isEmpty && fields[3] == "推进[乡村振兴]\\t战略。", "\(rank.stdout)")
        // keywords: the id escaped, one document a line.
        let keywords = try run(["keywords", "--top", "1", doc, doc])
        #expect(keywords.stdout.split(separator: "\n").allSatisfy { $0.split(separator: "\t").count == 2 && $0.contains("x\\ty.txt") }, "\(keywords.stdout)")
    }

    // MARK: 17. segment --format json over several files: each line says its file

    @Test func jsonOverSeveralFilesNamesTheFile() throws {
        let a = try temporaryFile(Data("习近平\n强调\n".utf8))
        let b = try temporaryFile(Data("两会\n".utf8), name: "quote\"\(UUID().uuidString).txt")
        let r = try run(["segment", "--format", "json", a, b])
        #expect(r.status == 0)
        let objects = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 3)
        #expect(objects.map { $0["file"] as? String } == [a, a, b])
        #expect(objects.map { $0["line"] as? Int } == [1, 2, 1])
        // One input: as before, no file field.
        let one = try run(["segment", "--format", "json", a])
        #expect(!one.stdout.contains("\"file\""))
    }

    // MARK: 18. Small files (gold, terms, IDF, stop words) are checked like the others; eval and trend say what is missing

    @Test func smallFilesRefuseBinaryInputAndCountTheBOM() throws {
        let binary = try temporaryFile(Data("中国 人民\n".utf8) + Data([0x41, 0x00, 0x42, 0x0A]))
        let nul = try run(["eval", "--gold", binary])
        #expect(nul.status == 1 && nul.stdout.isEmpty)
        #expect(nul.stderr.contains("\(binary): binary input (NUL byte at byte offset 15)"), "\(nul.stderr)")
        // keywords --idf reads its table the same way.
        let doc = try temporaryFile(Data("全面推进乡村振兴。".utf8))
        #expect(try run(["keywords", "--idf", binary, doc]).stderr.contains("binary input"))
        // Offsets count a BOM (as segment's do): BOM 3 + 中国 人民 13 + LF, then 中 3.
        let bad = try temporaryFile(Data([0xEF, 0xBB, 0xBF]) + Data("中国 人民\n中".utf8) + Data([0xFF, 0x0A]))
        let invalid = try run(["eval", "--gold", bad])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("\(bad):2: invalid UTF-8 at byte offset 20 (byte 0xFF)"), "\(invalid.stderr)")
        // A BOM alone is skipped: the sentence after it scores.
        let withBOM = try temporaryFile(Data([0xEF, 0xBB, 0xBF]) + Data("坚持 发扬\n".utf8))
        let scored = try run(["eval", "--gold", withBOM, "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(scored.stdout.utf8)) as? [String: Any]
        #expect(scored.status == 0 && json?["sentences"] as? Int == 1, "\(scored.stderr)")
    }

    @Test func evalRefusesNothingToScoreAndWarnsOfMisplacedTerms() throws {
        let empty = try temporaryFile(Data("\n  \n".utf8))
        let none = try run(["eval", "--gold", empty])
        #expect(none.status == 1 && none.stdout.isEmpty)
        #expect(none.stderr.contains("\(empty): no sentence to score"), "\(none.stderr)")
        #expect(try run(["eval", "--terms", empty]).stderr.contains("\(empty): no terms"))
        // A term that is not in its sentence: counted as cut, with a warning naming the line.
        let terms = try temporaryFile(Data("乡村振兴\t全面推进乡村振兴。\n粮食安全\t全面推进乡村振兴。\n".utf8))
        let r = try run(["eval", "--terms", terms, "--json"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("\(terms):2: the term `粮食安全` does not occur in its sentence"), "\(r.stderr)")
        #expect(!r.stderr.contains("\(terms):1:"))
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["terms"] as? Int == 2 && json?["termsKept"] as? Int == 1, "\(r.stdout)")
    }

    @Test func trendSaysWhetherTheFilterOrTheIndexLeftNothing() throws {
        let dir = temporaryDirectory()
        let corpus = try temporaryFile(Data(#"""
            {"id":"a","date":"2021-03","text":"扎实推动共同富裕。"}
            {"id":"b","date":"2022","text":"促进共同富裕。"}
            """#.utf8), name: UUID().uuidString + ".jsonl")
        #expect(try run(["index", "build", "--index", dir, corpus]).status == 0)
        let all = try run(["trend", "--index", dir, "共同富裕", "--csv"])
        #expect(all.status == 0 && all.stdout.split(separator: "\n").count == 3 && all.stderr.isEmpty, "\(all.stdout)\(all.stderr)")
        let later = try run(["trend", "--index", dir, "共同富裕", "--from", "2030"])
        #expect(later.status == 0)
        #expect(later.stderr.contains("no dated document matches --from, --to and --where"), "\(later.stderr)")
        #expect(!later.stderr.contains("give JSON Lines"))
        // Undated documents only: the hint about the date field.
        let undated = temporaryDirectory()
        #expect(try run(["index", "build", "--index", undated, try temporaryFile(Data("共同富裕".utf8))]).status == 0)
        #expect(try run(["trend", "--index", undated, "共同富裕"]).stderr.contains("give JSON Lines a \"date\" field"))
        // An empty term is a usage error, not a row of zeros.
        let empty = try run(["trend", "--index", dir, "共同富裕", " "])
        #expect(empty.status == 64 && empty.stdout.isEmpty && empty.stderr.contains("term 2 is empty"), "\(empty.stderr)")
        // A term with a tab stays in its column.
        let tab = try run(["trend", "--index", dir, "共同\t富裕"])
        #expect(tab.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 6 }, "\(tab.stdout)")
        // A quote left open is refused, as `search` refuses it; a closed one is a phrase.
        let open = try run(["trend", "--index", dir, "共同富裕", "\"推动 共同"])
        #expect(open.status == 1 && open.stdout.isEmpty && open.stderr.contains("term 2: the quote at character 1 is not closed"), "\(open.stderr)")
        let closed = try run(["trend", "--index", dir, "\"推动 共同富裕\"", "--csv"])
        #expect(closed.status == 0 && closed.stdout.contains("\n2021,\"\"\"推动 共同富裕\"\"\",1,1,"), "\(closed.stdout)")
    }

    // MARK: 19. dict lint --corpus judges the user's files only; index build names repeated ids

    @Test func corpusLintOfUserFilesJudgesOnlyTheirEntries() throws {
        let dictionary = Repo.fixture("corpus-lint/dictionary.txt")
        // Text where built-in entries may cut ICU's words too (强国建设: 科技强国|建设).
        let more = try temporaryFile(Data("推进科技强国建设。\n推进教育强国建设。\n香港特区政府发布通告。\n".utf8))
        let base = ["dict", "lint", dictionary, "--corpus", Repo.fixture("corpus-lint/corpus.txt"), more]
        let r = try run(base + ["--max-harmful", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        let entries = r.stdout.split(separator: "\n").filter { !$0.hasPrefix("\t") }
        #expect(entries.count == 3 && entries.allSatisfy { $0.split(separator: "\t")[2] == dictionary }, "\(r.stdout)")
        #expect(r.stderr.contains("1 file: 0 errors, 0 warnings"))
        #expect(r.stderr.contains("entries of the files occurred, 3 cut more often than they join"), "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(try run(base + ["--all", "--json"]).stdout.utf8)) as? [String: Any]
        let files = (json?["entries"] as? [[String: Any]])?.compactMap { $0["file"] as? String }
        #expect(files?.isEmpty == false && files?.allSatisfy { $0 == dictionary } == true, "\(String(describing: files))")
        #expect(try run(base + ["--max-harmful", "2"]).status == 1)
    }

    @Test func jsonLinesRecordMustBeOneWholeObject() throws {
        // A line cut short after its text, and one with text after the object: reported, skipped.
        let corpus = try temporaryFile(Data(#"""
            {"id":"a","text":"乡村振兴"
            {"id":"b","text":"共同富裕"} trailing
            {"id":"c","text":"粮食安全"}\#t
            """#.utf8), name: UUID().uuidString + ".jsonl")
        let r = try run(["keywords", "--top", "1", corpus])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(corpus):1: expected a JSON object") && r.stderr.contains("\(corpus):2: expected a JSON object"), "\(r.stderr)")
        #expect(r.stdout == "c\t粮食安全\n", "\(r.stdout)")
    }

    @Test func ndjsonIsJSONLinesAndJSONIsTextWithAWarning() throws {
        let lines = Data(#"""
            {"id":"a","text":"乡村振兴"}
            {"id":"b","text":"共同富裕"}
            """#.utf8)
        let dir = temporaryDirectory()
        let ndjson = try temporaryFile(lines, name: UUID().uuidString + ".ndjson")
        let build = try run(["index", "build", "--index", dir, ndjson])
        #expect(build.status == 0 && build.stderr == "\(dir): 2 documents\n", "\(build.stderr)")
        #expect(try run(["search", "--index", dir, "--json", "共同富裕"]).stdout.contains("\"id\":\"b\""))
        let json = try temporaryFile(lines, name: UUID().uuidString + ".json")
        let keywords = try run(["keywords", "--top", "1", json])
        // One document: one line of keywords (a JSON Lines file would give a line per record, with its id).
        #expect(keywords.status == 0 && keywords.stdout.split(separator: "\n").count == 1 && !keywords.stdout.contains("\t"), "\(keywords.stdout)")
        #expect(keywords.stderr.contains("\(json): read as one plain-text document (JSON Lines files are named .jsonl or .ndjson)"))
    }

    @Test func numericIdsAndYearsAreTakenAsWritten() throws {
        let corpus = try temporaryFile(Data(#"""
            {"id":12345,"text":"共同富裕","date":2021}
            {"id": 7 ,"text":"乡村振兴","page":3}
            {"id":8,"text":"粮食安全","date":20210305}
            {"id":9,"text":123}
            """#.utf8), name: UUID().uuidString + ".jsonl")
        let dir = temporaryDirectory()
        let build = try run(["index", "build", "--index", dir, corpus])
        #expect(build.status == 1)
        #expect(build.stderr.contains("\(corpus):3: date \"20210305\" is not YYYY"), "\(build.stderr)")
        #expect(build.stderr.contains("\(corpus):4: expected a JSON object with a \"text\" string"))
        let r = try run(["search", "--index", dir, "--json", "共同富裕", "OR", "乡村振兴"])
        let hits = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(Set(hits.compactMap { $0["id"] as? String }) == ["12345", "7"], "\(r.stdout)")
        #expect(hits.first { $0["id"] as? String == "12345" }?["date"] as? String == "2021")
        // Other fields stay strings only (a number is not stored).
        #expect((hits.first { $0["id"] as? String == "7" }?["fields"] as? [String: Any])?.isEmpty == true)
        #expect(try run(["trend", "--index", dir, "共同富裕", "--csv"]).stdout.contains("\n2021,共同富裕,1,1,"))
    }

    @Test func indexBenchNamesTheLineOfABadQuery() throws {
        let dir = temporaryDirectory()
        #expect(try run(["index", "build", "--index", dir, try temporaryFile(Data("全面推进乡村振兴".utf8))]).status == 0)
        let noTab = try temporaryFile(Data("# queries\na\t乡村振兴\n乡村振兴\n".utf8))
        let r = try run(["index", "bench", "--index", dir, "--queries", noTab, "--rounds", "1", "--warmup", "0"])
        #expect(r.status == 1 && r.stderr.contains("\(noTab):3: expected LABEL<TAB>QUERY"), "\(r.stderr)")
        let unclosed = try temporaryFile(Data("a\t乡村振兴\nb\t\"乡村\n".utf8))
        let u = try run(["index", "bench", "--index", dir, "--queries", unclosed, "--rounds", "1", "--warmup", "0"])
        #expect(u.status == 1 && u.stderr.contains("\(unclosed):2: the quote at character 1 is not closed"), "\(u.stderr)")
        let good = try temporaryFile(Data("a\t乡村振兴\n".utf8))
        #expect(try run(["index", "bench", "--index", dir, "--queries", good, "--rounds", "1", "--warmup", "0"]).status == 0)
    }

    @Test func invalidUTF8InADocumentNamesItsLine() throws {
        // BOM 3 + 中国 6 + LF, then 人民 6: the bad byte at 16, on line 2 (as segment says).
        let file = try temporaryFile(Data([0xEF, 0xBB, 0xBF]) + Data("中国\n人民".utf8) + Data([0xFF, 0x0A]))
        for arguments in [["keywords", file], ["rank", "-q", "人民", file], ["index", "build", "--index", temporaryDirectory(), file], ["segment", file]] {
            let r = try run(arguments)
            #expect(r.status != 0)
            #expect(r.stderr.contains("\(file):2: invalid UTF-8 at byte offset 16 (byte 0xFF)"), "\(arguments[0]): \(r.stderr)")
        }
    }

    @Test func indexBuildWarnsOfRepeatedIds() throws {
        let corpus = try temporaryFile(Data(#"""
            {"id":"a","text":"乡村振兴"}
            {"id":"b","text":"共同富裕"}
            {"id":"a","text":"粮食安全"}
            """#.utf8), name: UUID().uuidString + ".jsonl")
        let dir = temporaryDirectory()
        let r = try run(["index", "build", "--index", dir, corpus])
        #expect(r.status == 0)
        #expect(r.stderr.contains("1 document has an id given earlier in the input (the first: `a`)"), "\(r.stderr)")
        #expect(r.stderr.contains("\(dir): 2 documents"))
        // The later one replaced the earlier.
        #expect(try run(["search", "--index", dir, "粮食安全"]).status == 0)
        #expect(try run(["search", "--index", dir, "乡村振兴"]).status == 1)
        // Distinct ids: no warning; one document: singular.
        let one = temporaryDirectory()
        let single = try run(["index", "build", "--index", one, try temporaryFile(Data("乡村振兴".utf8))])
        #expect(single.status == 0 && single.stderr == "\(one): 1 document\n", "\(single.stderr)")
    }

    // MARK: 20. Output that cannot be written is an error, not a silent exit 0

    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full")))
    func fullDiskOnStandardOutputIsAnError() throws {
        let binary = try #require(Self.binary)
        let input = try temporaryFile(Data(String(repeating: "全面推进乡村振兴，守住粮食安全底线。\n", count: 20_000).utf8))
        let dir = temporaryDirectory()
        #expect(try run(["index", "build", "--index", dir, input]).status == 0)
        // segment writes through its own buffer, eval through print, help and version through
        // ArgumentParser's messages: all checked.
        for (arguments, status) in [(["segment", input], Int32(1)), (["search", "--index", dir, "乡村振兴"], 2),
                                    (["eval", "--gold", try temporaryFile(Data("坚持 发扬\n".utf8))], 1),
                                    (["--help"], 1), (["--version"], 1), (["search", "--help"], 2)] {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let errURL = URL(fileURLWithPath: try temporaryFile(Data()))
            process.standardError = try FileHandle(forWritingTo: errURL)
            try process.run()
            process.waitUntilExit()
            let stderr = try String(contentsOf: errURL, encoding: .utf8)
            #expect(process.terminationStatus == status, "\(arguments[0]): \(stderr)")
            #expect(stderr.contains("segtool: error: standard output: No space left on device"), "\(arguments[0]): \(stderr)")
        }
    }
}
