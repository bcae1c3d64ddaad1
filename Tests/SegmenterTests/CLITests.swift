import Foundation
import Testing

/// The `segtool` binary, run as a user would: stdin, files, errors and exit codes.
@Suite struct CommandLineTool {
    static let binary: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("segtool"),
            Repo.root.appendingPathComponent(".build/debug/segtool"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], stdin: Data = Data()) throws -> Run {
        let binary = try #require(Self.binary, "build segtool first (swift build)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        // Input from a file, output to files: no pipe can fill up and deadlock.
        let inputPath = try temporaryFile(stdin)
        let outURL = URL(fileURLWithPath: try temporaryFile(Data()))
        let errURL = URL(fileURLWithPath: try temporaryFile(Data()))
        defer {
            for path in [inputPath, outURL.path, errURL.path] { try? FileManager.default.removeItem(atPath: path) }
        }
        process.standardInput = FileHandle(forReadingAtPath: inputPath)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        let out = try Data(contentsOf: outURL), err = try Data(contentsOf: errURL)
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    func temporaryFile(_ contents: Data, name: String = UUID().uuidString + ".txt") throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }

    @Test func segmentsStdinLineByLine() throws {
        let r = try run(["segment"], stdin: Data("坚持发扬全过程人民民主\n\n推进成渝地区双城经济圈建设\r\n".utf8))
        #expect(r.status == 0)
        #expect(r.stdout == "坚持 发扬 全过程人民民主\n\n推进 成渝地区双城经济圈 建设\n")
    }

    @Test func lastLineWithoutNewline() throws {
        let r = try run(["segment", "--delimiter", "/"], stdin: Data("二十大 报告".utf8))
        #expect(r.stdout == "二十大/报告\n")
    }

    @Test func filesInOrderAndModes() throws {
        let a = try temporaryFile(Data("中国特色社会主义\n".utf8))
        let b = try temporaryFile(Data("两个确立\n".utf8))
        let r = try run(["segment", a, b])
        #expect(r.stdout == "中国特色社会主义\n两个确立\n")
        let s = try run(["segment", "--mode", "search", a])
        #expect(s.stdout.hasPrefix("中国特色社会主义 "))
        #expect(s.stdout.contains(" 社会 ") && s.stdout.contains(" 主义"))
        let icu = try run(["segment", "--icu-only", b])
        #expect(icu.stdout == "两 个 确立\n")
    }

    @Test func jsonOutput() throws {
        let r = try run(["segment", "--format", "json"], stdin: Data("习近平 强调\n".utf8))
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["line"] as? Int == 1)
        let tokens = object?["tokens"] as? [[String: Any]] ?? []
        #expect(tokens.count == 2)
        #expect(tokens.first?["text"] as? String == "习近平")
        #expect(tokens.first?["start"] as? Int == 0 && tokens.first?["end"] as? Int == 9)
        #expect(tokens.first?["source"] as? String == "builtin")
        #expect(tokens.last?["start"] as? Int == 10)
        #expect(tokens.last?["kind"] as? String == "ideographic")
    }

    @Test func invalidUTF8IsAnErrorWithOffset() throws {
        let r = try run(["segment"], stdin: Data([0x41, 0x0A, 0xE4, 0xB8, 0xAD, 0xFF, 0x0A]))
        #expect(r.status == 1)
        #expect(r.stderr.contains("<stdin>:2: invalid UTF-8 at byte offset 5"))
        #expect(r.stdout == "A\n")
        let lossy = try run(["segment", "--lossy"], stdin: Data([0xE4, 0xB8, 0xAD, 0xFF, 0x0A]))
        #expect(lossy.status == 0)
        #expect(lossy.stdout == "中 \u{FFFD}\n")
    }

    @Test func missingFileBinaryAndEmptyInput() throws {
        let missing = try run(["segment", "/nonexistent/x.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/x.txt: No such file or directory"))
        let binary = try run(["segment"], stdin: Data([0x41, 0x00, 0x42]))
        #expect(binary.status == 1)
        #expect(binary.stderr.contains("binary input"))
        let empty = try run(["segment"])
        #expect(empty.status == 0)
        #expect(empty.stdout.isEmpty)
        #expect(empty.stderr.contains("empty input"))
        // One bad file does not stop the others, but the exit status tells.
        let good = try temporaryFile(Data("两会\n".utf8))
        let mixed = try run(["segment", "/nonexistent/y.txt", good])
        #expect(mixed.status == 1)
        #expect(mixed.stdout == "两会\n")
    }

    @Test func userDictionaryAndItsErrors() throws {
        let dict = try temporaryFile(Data("# mine\n数智渝城 100 nz\r\n".utf8))
        let r = try run(["segment", "--dict", dict], stdin: Data("建设数智渝城\n".utf8))
        #expect(r.stdout == "建设 数智渝城\n")
        let bad = try temporaryFile(Data("好 1 n\nNew York 1 ns\n".utf8))
        let e = try run(["segment", "--dict", bad], stdin: Data("x\n".utf8))
        #expect(e.status == 1)
        #expect(e.stderr.contains("\(bad):2:"))
        let usage = try run(["segment", "--icu-only", "--dict", dict])
        #expect(usage.status != 0)
    }

    @Test func threadsKeepInputOrder() throws {
        let lines = (0..<3000).map { "第\($0)次会议强调坚持发扬全过程人民民主" }
        let input = Data((lines.joined(separator: "\n") + "\n").utf8)
        try expectSameOutputWithThreads(input, lines: 3000)
    }

    /// `segment` on `input` with one thread and with two: both succeed, with the same output
    /// of `lines` lines.
    func expectSameOutputWithThreads(_ input: Data, lines: Int) throws {
        let one = try run(["segment"], stdin: input)
        let two = try run(["segment", "--threads", "2"], stdin: input)
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout.split(separator: "\n").count == lines)
    }

    /// Several 1 MiB batches: with threads the next batch is segmented while the last is
    /// written; the output and an error in a later batch must be as with one thread.
    @Test func threadsAcrossBatches() throws {
        let lines = (0..<60_000).map { "line \($0) of GDP 5.2% 2024年 with words" }
        var input = Data((lines.joined(separator: "\n") + "\n").utf8)
        try expectSameOutputWithThreads(input, lines: 60_000)
        // A bad byte on line 50,001, in the third batch.
        let offset = Data((lines[0..<50_000].joined(separator: "\n") + "\n").utf8).count + 2
        input[offset] = 0xFF
        let bad = try run(["segment", "--threads", "2"], stdin: input)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("<stdin>:50001: invalid UTF-8 at byte offset \(offset)"), "\(bad.stderr)")
        #expect(bad.stdout.split(separator: "\n").count == 50_000)

        // A batch of one piece (a line over 1 MiB) right after a batch of many: still in order.
        let long = String(repeating: "abc def 12 ", count: 400_000)
        let mixed = Data((lines[0..<40_000].joined(separator: "\n") + "\n" + long + "\n" + lines[40_000...].joined(separator: "\n") + "\n").utf8)
        try expectSameOutputWithThreads(mixed, lines: 60_001)
    }

    @Test func overlongLineIsSegmentedInPieces() throws {
        // One line of ~6 MB: longer than the reader's 1 MiB line limit.
        let sentence = "坚持发扬全过程人民民主，推进中国式现代化。"
        let line = String(repeating: sentence, count: 100_000)
        let r = try run(["segment"], stdin: Data((line + "\n").utf8))
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 1)
        #expect(r.stdout.replacingOccurrences(of: " ", with: "") == line + "\n")
    }

    @Test func evalAndDictCommands() throws {
        let gold = try temporaryFile(Data("坚持 发扬 全过程人民民主\n二十大 报告\n".utf8))
        let r = try run(["eval", "--gold", gold, "--json"])
        #expect(r.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(report?["f1"] as? Double == 1.0)
        #expect(report?["goldWords"] as? Int == 5)
        let icu = try run(["eval", "--gold", gold, "--json", "--icu-only"])
        let icuReport = try JSONSerialization.jsonObject(with: Data(icu.stdout.utf8)) as? [String: Any]
        #expect((icuReport?["f1"] as? Double ?? 1) < 1)

        let lookup = try run(["dict", "lookup", "全过程人民民主"])
        #expect(lookup.status == 0)
        #expect(lookup.stdout.contains("built-in lexicon/02-ideology.txt"))
        #expect(try run(["dict", "lookup", "不存在的词语"]).status == 1)

        let dup = try temporaryFile(Data("两个确立 1 nz\n两个确立 2 n\n政府 1 n\n".utf8))
        let lint = try run(["dict", "lint", "--no-builtin-dict", dup])
        #expect(lint.status == 1)
        #expect(lint.stdout.contains(":2: error: `两个确立` again with a conflicting tag"))
        #expect(lint.stdout.contains(":3: warning: `政府` is generic"))
        let stats = try run(["dict", "stats", "--json"])
        let statsReport = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect((statsReport?["entries"] as? Int ?? 0) >= 5000)
    }

    /// `eval --test` with lines whose texts differ (Fixtures/eval-diff, scores computed by hand
    /// in its README): aligned by diff and scored, and counted.
    @Test func evalAlignsLinesWhoseTextsDiffer() throws {
        let r = try run(["eval", "--gold", Repo.fixture("eval-diff/gold.txt"), "--test", Repo.fixture("eval-diff/test.txt"),
                         "--words", Repo.fixture("eval-diff/words.txt"), "--json", "--errors", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(report["goldWords"] as? Int == 16 && report["testWords"] as? Int == 15 && report["correctWords"] as? Int == 10)
        #expect(report["f1"] as? Double == 0.6452 && report["precision"] as? Double == 0.6667 && report["recall"] as? Double == 0.625)
        #expect(report["oovRecall"] as? Double == 0.6364 && report["ivRecall"] as? Double == 0.6 && report["oovRate"] as? Double == 0.6875)
        #expect(report["differingLines"] as? Int == 3)
        #expect(report["differingLineNumbers"] as? [Int] == [1, 2, 4])
        let text = try run(["eval", "--gold", Repo.fixture("eval-diff/gold.txt"), "--test", Repo.fixture("eval-diff/test.txt")])
        #expect(text.stdout.contains("differing    3 lines"))
        // A test file with a sentence more than the gold is refused, with where.
        let longer = try temporaryFile(Data((try String(contentsOfFile: Repo.fixture("eval-diff/test.txt"), encoding: .utf8) + "多 一 行\n").utf8))
        let refused = try run(["eval", "--gold", Repo.fixture("eval-diff/gold.txt"), "--test", longer])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(":6: a sentence after the gold file's last"))
    }

    @Test func segmentFoldsTraditional() throws {
        let r = try run(["segment", "--fold", "traditional"], stdin: Data("習近平出席全國人大常委會會議\n粵港澳大灣區\n".utf8))
        #expect(r.status == 0)
        let simplified = try run(["segment"], stdin: Data("习近平出席全国人大常委会会议\n粤港澳大湾区\n".utf8))
        // The same cuts, over the original text.
        #expect(r.stdout == "習近平 出席 全國人大常委會 會議\n粵港澳大灣區\n")
        #expect(simplified.stdout == "习近平 出席 全国人大常委会 会议\n粤港澳大湾区\n")
        #expect(try run(["segment", "--fold", "simplified"], stdin: Data("國\n".utf8)).status != 0)
    }

    @Test func keywordsTakeTheTitleOfJSONLines() throws {
        let text = "市政协围绕成渝地区双城经济圈开展协商。委员们就乡村振兴提出建议。"
        let record = try JSONSerialization.data(withJSONObject: ["id": "a", "title": "委员建言乡村振兴", "text": text])
        let plain = try JSONSerialization.data(withJSONObject: ["id": "b", "text": text])
        let file = try temporaryFile(record + Data("\n".utf8) + plain + Data("\n".utf8), name: UUID().uuidString + ".jsonl")
        let k = try run(["keywords", "--top", "1", file])
        #expect(k.status == 0)
        let lines = k.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "a\t乡村振兴", "\(lines)")
        #expect(lines.count == 2 && lines[1] != "b\t乡村振兴", "\(lines)")
    }

    @Test func keywordsRankAndIDF() throws {
        let doc = try temporaryFile(Data("""
            全面推进乡村振兴，抓好高标准农田建设，守住粮食安全底线。
            乡村振兴要坚持农业农村优先发展，乡村振兴取得新进展。

            市政协围绕成渝地区双城经济圈建设开展专题协商。
            """.utf8))
        let k = try run(["keywords", "--top", "3", doc])
        #expect(k.status == 0)
        #expect(k.stdout.split(separator: " ").first == "乡村振兴")
        let kj = try run(["keywords", "--json", "--top", "2", "--with-weights", doc])
        let object = try JSONSerialization.jsonObject(with: Data(kj.stdout.utf8)) as? [String: Any]
        #expect((object?["keywords"] as? [[String: Any]])?.count == 2)
        let tr = try run(["keywords", "--method", "textrank", doc])
        #expect(tr.status == 0 && tr.stdout.contains("乡村振兴"))
        #expect(try run(["keywords", "--index", "/tmp/none", doc]).status == 1)

        let r = try run(["rank", "-q", "乡村振兴", doc])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)  // two passages mention it
        #expect(lines.first?.contains("#1\t") == true)  // the passage with it twice ranks first
        #expect(lines.first?.contains("【乡村振兴】") == true)
        let rj = try run(["rank", "-q", "协商", "--json", "--rank", "bm25", doc])
        let hit = try JSONSerialization.jsonObject(with: Data(rj.stdout.utf8)) as? [String: Any]
        #expect(hit?["passage"] as? Int == 2)
        #expect((hit?["highlights"] as? [[Int]])?.isEmpty == false)
        #expect(try run(["rank", "-q", "不存在的查询词语", doc]).status == 1)
        #expect(try run(["rank", "-q", "，。", doc]).status == 2)  // no terms: an error

        let corpus = try temporaryFile(Data(#"""
            {"id":"a","text":"乡村振兴 粮食安全"}
            {"id":"b","text":"乡村振兴 高标准农田"}
            {"id":"c","text":"粮食安全"}
            """#.utf8), name: UUID().uuidString + ".jsonl")
        let table = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        let build = try run(["idf", "build", corpus, "-o", table])
        #expect(build.status == 0)
        let written = try String(contentsOfFile: table, encoding: .utf8)
        #expect(written.contains("# documents 3"))
        #expect(written.contains("乡村振兴 0.4055"))  // ln(3/2)
        let withTable = try run(["keywords", "--idf", table, "--json", corpus])
        #expect(withTable.stdout.split(separator: "\n").count == 3)
        let bad = try temporaryFile(Data("{\"id\": 1}\n".utf8), name: UUID().uuidString + ".jsonl")
        let badRun = try run(["keywords", bad])
        #expect(badRun.status == 1 && badRun.stderr.contains(":1: expected a JSON object"))
    }

    @Test func indexAndSearch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("segtool-cli-\(UUID().uuidString)").path
        let corpus = try temporaryFile(Data(#"""
            {"id":"a","title":"乡村","text":"全面推进乡村振兴。\n守住粮食安全底线。"}
            {"id":"b","title":"粮食","text":"粮食安全是国之大者。"}
            {"id":"c","text":"加快发展新质生产力。"}
            """#.utf8), name: UUID().uuidString + ".jsonl")
        let build = try run(["index", "build", "--index", dir, corpus])
        #expect(build.status == 0, "\(build.stderr)")
        let search = try run(["search", "--index", dir, "粮食安全"])
        #expect(search.status == 0)
        #expect(search.stdout.contains("【粮食安全】"))
        let json = try run(["search", "--index", dir, "--json", "--passages", "粮食安全", "OR", "发展"])
        let hits = json.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(Set(hits.compactMap { $0["id"] as? String }) == ["a", "b", "c"])
        #expect(hits.first(where: { $0["id"] as? String == "a" })?["passage"] as? Int == 1)
        #expect(try run(["search", "--index", dir, "不存在的词"]).status == 1)
        // A word with one dash excludes it, also as its own argument; unknown options are errors.
        let excluded = try run(["search", "--index", dir, "粮食安全", "-乡村振兴", "--json"])
        #expect(excluded.stdout.contains("\"id\":\"b\"") && !excluded.stdout.contains("\"id\":\"a\""))
        #expect(try run(["search", "--index", dir, "--bogus", "粮食安全"]).status != 0)
        let file = try temporaryFile(Data("国家粮食安全战略。".utf8))
        #expect(try run(["index", "add", "--index", dir, file]).status == 0)
        #expect(try run(["index", "delete", "--index", dir, "b"]).status == 0)
        let missing = try run(["index", "delete", "--index", dir, "zzz"])
        #expect(missing.status == 1 && missing.stderr.contains("zzz"))
        #expect(try run(["index", "merge", "--index", dir]).status == 0)
        let stats = try run(["index", "stats", "--index", dir, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(object?["documents"] as? Int == 3)
        #expect(object?["segments"] as? Int == 1)
        // The sections add up to the index file less its header, padding and footer.
        let sections = object?["sectionBytes"] as? [String: Int] ?? [:]
        let indexBytes = object?["indexBytes"] as? Int ?? 0
        #expect((sections["postings"] ?? 0) > 0 && (sections["positions"] ?? 0) > 0 && (sections["terms"] ?? 0) > 0)
        #expect(sections.values.reduce(0, +) < indexBytes && sections.values.reduce(0, +) > indexBytes / 2)
        #expect(try run(["index", "verify", "--index", dir]).status == 0)
        let after = try run(["search", "--index", dir, "--json", "粮食安全"])
        let ids = Set(after.stdout.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String })
        #expect(ids == ["a", file])
        let notIndex = try run(["search", "--index", "/nonexistent", "x"])
        #expect(notIndex.status == 2 && notIndex.stderr.contains("not a segtool index"))
    }

    /// JSON Lines are read in 4 MiB blocks: lines that cross a block boundary, CRLF, blank
    /// lines, and a bad byte after the boundary (its line and file offset in the error).
    @Test func jsonLinesAcrossReadBlocks() throws {
        let pad = String(repeating: "x", count: 900_000)  // a field the reader skips
        var lines: [String] = []
        for i in 0..<7 {
            lines.append(#"{"id":"d\#(i)","pad":"\#(pad)","text":"第\#(i)号文件推进乡村振兴。"}"#)
        }
        let text = lines.joined(separator: "\r\n") + "\n\n"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("segtool-cli-\(UUID().uuidString)").path
        let corpus = try temporaryFile(Data(text.utf8), name: UUID().uuidString + ".jsonl")
        let build = try run(["index", "build", "--index", dir, corpus])
        #expect(build.status == 0, "\(build.stderr)")
        let stats = try run(["index", "stats", "--index", dir, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(object?["documents"] as? Int == 7)
        // Line 5 (d4) spans the first 4 MiB boundary.
        let search = try run(["search", "--index", dir, "--json", "乡村振兴", "--top", "10"])
        let ids = Set(search.stdout.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String })
        #expect(ids == Set((0..<7).map { "d\($0)" }))

        var bytes = Data(text.utf8)
        let badOffset = Data((lines[0..<5].joined(separator: "\r\n") + "\r\n").utf8).count + 20
        bytes[badOffset] = 0xFF
        let bad = try temporaryFile(bytes, name: UUID().uuidString + ".jsonl")
        let failed = try run(["index", "add", "--index", dir, bad])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains(":6: invalid UTF-8 at byte offset \(badOffset)"), "\(failed.stderr)")
        // The bad record is reported and left out; the others replace their namesakes.
        let after = try run(["index", "stats", "--index", dir, "--json"])
        let afterObject = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any]
        #expect(afterObject?["documents"] as? Int == 7)
    }
}
