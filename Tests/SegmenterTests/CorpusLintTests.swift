import Foundation
import Testing
import Segmenter

/// `CorpusLint` and `segtool dict lint --corpus` on a small dictionary and texts of ours
/// (`Fixtures/corpus-lint`): every kind of occurrence, counted as the type documents.
@Suite struct CorpusLintTests {
    static func fixtureSegmenter() throws -> Segmenter {
        try Segmenter(builtinDictionary: false, userDictionaries: [Repo.fixture("corpus-lint/dictionary.txt")])
    }

    static func report(_ texts: [String]) throws -> [String: CorpusLint.EntryReport] {
        var lint = CorpusLint(segmenter: try fixtureSegmenter(), examplesPerEntry: 2)
        for text in texts { lint.add(text) }
        return Dictionary(uniqueKeysWithValues: lint.entries.map { ($0.entry.word, $0) })
    }

    @Test func aStripOfThePlacesSuffixIsACut() throws {
        let r = try #require(try Self.report(["石嘴山市公安局发布通报。"])["市公安局"])
        #expect(r.cuts == 1 && r.joins == 0 && r.isHarmful)
        let example = try #require(r.cutExamples.first)
        #expect(example.tokens == "石嘴山|[市公安局]|发布|通报")
        #expect(example.icu == "石|嘴|山|市|公安局|发布|通报")
        #expect(example.cut == .stripsPrevious && example.other == "石嘴山市")
    }

    @Test func startingOrEndingInsideAnICUWordIsACut() throws {
        let report = try Self.report(["研制深紫外光刻机。", "加快建设综合立体交通网络。"])
        // 深|紫外|光刻机: what it leaves of ICU's 紫外光 is a piece, no word.
        #expect(report["光刻机"]?.cuts == 1)
        #expect(report["光刻机"]?.cutExamples.first?.cut == .startsInsideWord)
        #expect(report["光刻机"]?.cutExamples.first?.icu == "深|紫外光|刻|机|。")
        #expect(report["综合立体交通网"]?.cuts == 1)
        #expect(report["综合立体交通网"]?.cutExamples.first?.cut == .endsInsideWord)
    }

    /// A cut inside an ICU word between two words, each whole, rereads ICU's word: no cut.
    @Test func aCutBetweenTwoWordsIsARereading() throws {
        let report = try Self.report(["内蒙古包头市发布通报。", "实行法官员额制改革。", "浙江省委书记到基层调研。"])
        // Two dictionary words over ICU's 内|蒙古包|头|市.
        #expect(report["内蒙古"].map { [$0.joins, $0.cuts] } == [1, 0])
        #expect(report["包头市"].map { [$0.joins, $0.cuts] } == [1, 0])
        // After the pair 法官 that the resolver joins from ICU's 法|官员 (ICU's dictionary holds it).
        #expect(report["员额制"].map { [$0.joins, $0.cuts] } == [1, 0])
        // 省 taken from ICU's 浙江省 for 省委 (浙江|省委书记, as 陕西|省委).
        #expect(report["省委书记"].map { [$0.joins, $0.cuts] } == [1, 0])
        #expect(report.values.allSatisfy { !$0.isHarmful })
    }

    /// A level character taken from a place for a body it does not make a word with stays a
    /// cut, though the place left is a dictionary word.
    @Test func aLevelCharacterTakenForABodyIsACut() throws {
        let report = try Self.report(["合肥市检察院发布通报。"])
        let r = try #require(report["市检察院"])
        #expect(r.cuts == 1 && r.isHarmful)
        #expect(r.cutExamples.first?.tokens == "合肥|[市检察院]|发布|通报")
        #expect(r.cutExamples.first?.cut == .startsInsideWord)
    }

    /// A strip counts only against a reading in as few words: not when both readings are
    /// pairs of dictionary words, nor when the other reading leaves the rest in more words.
    @Test func stripsOnlyAgainstAReadingInAsFewWords() throws {
        let report = try Self.report(["中共中央政治局常委会召开会议。", "国家机关事务管理局发布通知。"])
        // 中共中央政治局|常委会 against 中共中央|政治局常委会: either is terms.
        #expect(report["政治局常委会"].map { [$0.joins, $0.cuts] } == [1, 0])
        // 国家机关|事务|管理局 against 国家|机关事务管理局.
        #expect(report["机关事务管理局"].map { [$0.joins, $0.cuts] } == [1, 0])
        // 石嘴山市|公安局 against 石嘴山|市公安局 is still a strip.
        #expect(try Self.report(["石嘴山市公安局发布通报。"])["市公安局"]?.cutExamples.first?.cut == .stripsPrevious)
    }

    @Test func joinsWholeAndRepairs() throws {
        let report = try Self.report(["习近平在会上发表讲话。", "公安局的同志。", "要在学懂弄通做实上下功夫。"])
        #expect(report["习近平"].map { [$0.joins, $0.cuts, $0.whole] } == [1, 0, 0])
        #expect(report["公安局"].map { [$0.joins, $0.cuts, $0.whole] } == [0, 0, 1])
        // ICU read 在学|懂…: the entry leaves 在, a word of its own: a repair, counted as a join.
        #expect(report["学懂弄通做实"].map { [$0.joins, $0.cuts] } == [1, 0])
        #expect(report.values.allSatisfy { !$0.isHarmful })
    }

    @Test func aFragmentLeavesTheSameCharacterAlone() throws {
        let report = try Self.report(["同志们心连心。", "干群心连心，鱼水情深。", "军民连心。"])
        let r = try #require(report["连心"])
        #expect(r.joins == 3 && r.cuts == 0)
        #expect(r.strands == 2 && r.strandedCharacters == ["心…"])
        #expect(r.isFragment && !r.isHarmful)
        #expect(r.cutExamples.first?.cut == .strandsPrevious)
        // Once only, the same character is no pattern.
        let once = try #require(try Self.report(["同志们心连心。", "军民连心。", "上下连心。"])["连心"])
        #expect(once.strands == 0 && !once.isFragment)
    }

    /// An entry most of whose occurrences have the same neighbour on one side is a piece
    /// candidate, though it joins ICU's words each time and strands nothing.
    static let apec = ["亚太经合组织领导人非正式会议召开。", "出席亚太经合组织会议。", "亚太经合组织工商领导人峰会举行。",
                       "亚太经合组织贸易部长会议。", "经合组织发布经济展望报告。"]

    @Test func aPieceMostlyHasTheSameNeighbour() throws {
        var lint = CorpusLint(segmenter: try Self.fixtureSegmenter(), examplesPerEntry: 2, pieceMinimum: 3)
        for text in Self.apec { lint.add(text) }
        let r = try #require(lint.entries.first { $0.entry.word == "经合组织" })
        #expect(r.joins == 5 && r.cuts == 0 && !r.isHarmful && !r.isFragment)
        #expect(r.isPiece)
        #expect(r.pieces.map { "\($0.after ? "after" : "before") \($0.neighbour) \($0.count)" } == ["before 亚太 4"])
        #expect(r.pieces.first?.joined(to: r.entry.word) == "亚太+经合组织")
        let example = try #require(r.pieces.first?.examples.first)
        #expect(example.tokens.contains("亚太|[经合组织]"))
        #expect(example.cut == .followsSameNeighbour)
        #expect(r.pieces.first?.examples.count == 2)
        // Below the minimum count, or below the share (4 of 6 < 80%), no piece.
        var fewer = CorpusLint(segmenter: try Self.fixtureSegmenter(), pieceMinimum: 5)
        for text in Self.apec { fewer.add(text) }
        #expect(fewer.entries.first { $0.entry.word == "经合组织" }?.isPiece == false)
        var share = CorpusLint(segmenter: try Self.fixtureSegmenter(), pieceMinimum: 3)
        for text in Self.apec + ["经合组织成员国。"] { share.add(text) }
        #expect(share.entries.first { $0.entry.word == "经合组织" }?.isPiece == false)
        // A lone character beside it is no neighbour of this class (that is a strand), nor
        // a run of function characters.
        var lone = CorpusLint(segmenter: try Self.fixtureSegmenter(), pieceMinimum: 2)
        for text in ["同志们心连心。", "干群心连心，鱼水情深。", "军民心连心。"] { lone.add(text) }
        #expect(lone.entries.first { $0.entry.word == "连心" }?.isPiece == false)
    }

    @Test func harmfulAndTotals() throws {
        var lint = CorpusLint(segmenter: try Self.fixtureSegmenter())
        for line in Repo.lines("corpus-lint/corpus.txt") { lint.add(line) }
        #expect(lint.texts == 9)
        #expect(Set(lint.harmful().map(\.entry.word)) == ["市公安局", "光刻机", "综合立体交通网"])
        #expect(lint.harmful(minimumCuts: 2).map(\.entry.word) == ["市公安局"])
        let t = lint.totals
        #expect(t.cuts == 4 && t.whole == 1 && t.joins == 7 && t.strands == 2)
        #expect(t.joins + t.whole + t.cuts == lint.entries.reduce(0) { $0 + $1.occurrences })
    }

    @Test func invalidUTF8IsAnErrorWithItsOffset() throws {
        var lint = CorpusLint(segmenter: try Self.fixtureSegmenter())
        let bytes: [UInt8] = Array("习近平".utf8) + [0xFF] + Array("讲话".utf8)
        #expect(throws: SegmenterError.invalidUTF8(byteOffset: 9)) {
            try bytes.withUnsafeBufferPointer { try lint.add(utf8: $0) }
        }
    }
}

/// The command: `segtool dict lint --corpus`, through the built binary.
@Suite struct CorpusLintCommand {
    let tool = CommandLineTool()
    let dictionary = Repo.fixture("corpus-lint/dictionary.txt")

    @Test func reportsHarmfulEntriesAndFailsAboveTheLimit() throws {
        let corpus = Repo.fixture("corpus-lint/corpus.txt")
        let base = ["dict", "lint", "--no-builtin-dict", dictionary, "--corpus", corpus]
        let r = try tool.run(base + ["--max-harmful", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("市公安局\tnt\t") == true)
        #expect(lines.contains { $0.hasPrefix("\t石嘴山|[市公安局]|发布|通报\tICU 石|嘴|山|市|公安局|发布|通报\ttakes the end of the word before it (石嘴山市)") })
        #expect(!lines.contains { $0.hasPrefix("习近平\t") })
        #expect(r.stderr.contains("3 cut more often than they join"))
        let over = try tool.run(base + ["--max-harmful", "2"])
        #expect(over.status == 1)
        #expect(over.stderr.contains("3 harmful entries, more than --max-harmful 2"))
        // Fragment candidates are listed on request, and not counted by the limit.
        let fragments = try tool.run(base + ["--max-harmful", "3", "--fragments"])
        #expect(fragments.status == 0)
        #expect(fragments.stdout.contains("连心\tv\t"))
        #expect(fragments.stdout.contains("\tfragment?\n"))
    }

    @Test func listsPieceCandidatesOnRequestWithoutCountingThem() throws {
        let corpus = try tool.temporaryFile(Data(CorpusLintTests.apec.joined(separator: "\n").utf8), name: UUID().uuidString + ".txt")
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        let base = ["dict", "lint", "--no-builtin-dict", dictionary, "--corpus", corpus, "--max-harmful", "0", "--min-piece-count", "3"]
        let plain = try tool.run(base)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!plain.stdout.contains("经合组织"))
        #expect(plain.stderr.contains("1 other piece candidates"))
        let r = try tool.run(base + ["--pieces"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("经合组织\tj\t") && $0.hasSuffix("\tbefore 亚太 4\tpiece?") })
        #expect(lines.contains { $0.hasPrefix("\t") && $0.contains("亚太|[经合组织]") && $0.hasSuffix("\tmostly follows the same word (亚太)") })
        let json = try tool.run(base + ["--pieces", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["pieces"] as? Int == 1)
        let entry = try #require((report["entries"] as? [[String: Any]])?.first { $0["word"] as? String == "经合组织" })
        #expect(entry["piece"] as? Bool == true)
        let piece = try #require((entry["pieces"] as? [[String: Any]])?.first)
        #expect(piece["neighbour"] as? String == "亚太" && piece["side"] as? String == "before" && piece["count"] as? Int == 4)
        #expect(try tool.run(base + ["--min-piece-count", "1"]).status != 0)
    }

    @Test func jsonLinesCorpusAndJSONOutput() throws {
        let r = try tool.run(["dict", "lint", "--no-builtin-dict", dictionary,
                              "--corpus", Repo.fixture("corpus-lint/corpus.jsonl"), "--json", "--all"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(report["texts"] as? Int == 2)
        #expect(report["harmful"] as? Int == 1)
        let entries = try #require(report["entries"] as? [[String: Any]])
        let byWord = Dictionary(uniqueKeysWithValues: entries.compactMap { e in (e["word"] as? String).map { ($0, e) } })
        #expect(byWord["市公安局"]?["cuts"] as? Int == 1)
        #expect(byWord["习近平"]?["joins"] as? Int == 1)
        #expect(byWord["习近平"]?["harmful"] as? Bool == false)
        let example = try #require((byWord["市公安局"]?["examples"] as? [[String: Any]])?.first)
        #expect(example["other"] as? String == "石嘴山市")
    }

    @Test func badInputsAndUsage() throws {
        let bad = try tool.temporaryFile(Data("{\"text\":\"习近平\"}\n{\"text\":\n".utf8), name: UUID().uuidString + ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let r = try tool.run(["dict", "lint", "--no-builtin-dict", dictionary, "--corpus", bad, "/nonexistent/corpus.txt"])
        #expect(r.status == 1)
        #expect(r.stderr.contains(":2:"))
        #expect(r.stderr.contains("/nonexistent/corpus.txt"))
        #expect(r.stderr.contains("corpus: 1 texts"))
        #expect(try tool.run(["dict", "lint"]).status == 64)
        #expect(try tool.run(["dict", "lint", "--corpus", bad, "--max-harmful", "-1"]).status == 64)
        #expect(try tool.run(["dict", "lint", dictionary, "--max-harmful", "1"]).status == 64)
    }
}
