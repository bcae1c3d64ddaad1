import Foundation
import Testing
import Segmenter

/// A small synthetic corpus written for these tests: a made-up word (琰珂瑄, three rare
/// characters that no dictionary joins) in 100 sentences with 10 different words before it and
/// 10 after it, among filler sentences of common words; and a unit after numbers (亿吨), whose
/// left neighbour is always a number.
enum DiscoveryCorpus {
    static let word = "琰珂瑄"
    static let before = ["我们", "今天", "会议", "北京", "学生", "工人", "农民", "记者", "大家", "干部"]
    static let after = ["项目", "工作", "发展", "报告", "讨论", "计划", "消息", "活动", "研究", "建设"]
    static let filler = [
        "全面推进乡村振兴，加快建设农业强国。",
        "经济运行总体平稳，就业形势保持稳定。",
        "各地区各部门要认真落实会议精神。",
        "我们要坚持高质量发展，推动科技创新。",
        "今年粮食产量达到新的水平。",
    ]

    /// The corpus as documents (each a few sentences).
    static var documents: [String] {
        var docs: [String] = []
        var n = 0
        for b in before {
            var doc = ""
            for a in after {
                doc += "\(b)\(word)\(a)，" + filler[n % filler.count]
                doc += "全年产量\(10 + n)亿吨。"
                n += 1
            }
            docs.append(doc)
        }
        return docs
    }

    static var text: String { documents.joined(separator: "\n") + "\n" }
}

@Suite struct WordDiscoveryTests {
    func discover(_ documents: [String], threads: Int = 2, minCount: Int = 5) -> [WordDiscovery.Candidate] {
        var options = WordDiscovery.Options()
        options.threads = threads
        options.minCount = minCount
        var discovery = WordDiscovery(segmenter: Shared.segmenter, options: options)
        discovery.add(documents)
        return discovery.discover()
    }

    @Test func theMadeUpWordRanksFirst() throws {
        // The segmenter itself does not know it: it must come out in pieces.
        #expect(!Shared.segmenter.words(in: "我们琰珂瑄项目").contains(DiscoveryCorpus.word))
        let found = discover(DiscoveryCorpus.documents)
        let first = try #require(found.first)
        #expect(first.word == DiscoveryCorpus.word)
        #expect(first.count == 100)
        #expect(first.wholeShare == 0)
        #expect(first.alignedShare == 1)
        #expect(first.commonCut.contains("|") && first.commonCut.replacingOccurrences(of: "|", with: "") == DiscoveryCorpus.word)
        // Ten different neighbours, ten times each, on both sides: entropy ln 10.
        #expect(abs(first.leftEntropy - log(10)) < 1e-9)
        #expect(abs(first.rightEntropy - log(10)) < 1e-9)
        #expect(first.cohesion > 3)
    }

    @Test func piecesNumbersAndKnownWordsAreLeftOut() throws {
        let found = discover(DiscoveryCorpus.documents)
        let words = Set(found.map(\.word))
        // Pieces of the word: always followed (or preceded) by the same character.
        #expect(!words.contains("琰珂") && !words.contains("珂瑄"))
        // The word with one of its neighbours (10 occurrences each) ranks below it.
        let top = try #require(found.first)
        let longer = found.filter { $0.word.contains(DiscoveryCorpus.word) && $0.word != DiscoveryCorpus.word }
        #expect(longer.allSatisfy { $0.count == 10 && $0.score < top.score })
        // Always after a number: one neighbour on the left.
        #expect(!words.contains("亿吨"))
        // Already one token.
        #expect(!words.contains("项目") && !words.contains("乡村振兴"))
    }

    @Test func functionCharactersEndNoCandidate() {
        // 的 before the word in every sentence: 的琰珂瑄 is as frequent as the word itself.
        let docs = DiscoveryCorpus.before.flatMap { b in
            DiscoveryCorpus.after.map { a in "\(b)的\(DiscoveryCorpus.word)\(a)。" }
        }
        // Without the filter, 的琰珂瑄 would qualify (ten neighbours on each side); the word
        // itself would not (always 的 on its left).
        let words = discover(docs).map(\.word)
        #expect(!words.contains(where: { $0.hasPrefix("的") || $0.hasSuffix("的") }))
        // 和 standing alone inside: a coordination (党|和|人民), not a word.
        let joined = DiscoveryCorpus.before.flatMap { b in
            DiscoveryCorpus.after.map { a in "\(b)琰珂和瑄瑚\(a)。" }
        }
        #expect(!discover(joined).contains { $0.word.contains("和") })
    }

    @Test func aNumeralWithItsClassifierInsideMarksAPhrase() {
        // 两|个 stand alone (PKU cuts a numeral from its classifier): 两个琰珂瑄 is a phrase,
        // though it has ten neighbours on each side.
        #expect(Shared.segmenter.cut("他们两个琰珂瑄项目").hasPrefix("他们|两|个|"))
        let docs = DiscoveryCorpus.before.flatMap { b in
            DiscoveryCorpus.after.map { a in "\(b)两个\(DiscoveryCorpus.word)\(a)。" }
        }
        #expect(!discover(docs).contains { $0.word.hasPrefix("两个") })
    }

    @Test func threadsGiveTheSameResult() {
        let one = discover(DiscoveryCorpus.documents, threads: 1)
        let three = discover(DiscoveryCorpus.documents, threads: 3)
        #expect(one == three)
        #expect(!one.isEmpty)
    }

    @Test func addingOneByOneEqualsABatch() {
        var options = WordDiscovery.Options()
        options.threads = 1
        var single = WordDiscovery(segmenter: Shared.segmenter, options: options)
        for d in DiscoveryCorpus.documents { single.add(d) }
        #expect(single.characterCount > 0)
        #expect(single.discover() == discover(DiscoveryCorpus.documents))
    }

    @Test func rareOrEmptyInputGivesNothing() {
        #expect(discover([]).isEmpty)
        #expect(discover(["", "abc 123", "\u{1F600}"]).isEmpty)
        // Four occurrences are below the default least count of five.
        let four = (0..<4).map { "\(DiscoveryCorpus.before[$0])\(DiscoveryCorpus.word)\(DiscoveryCorpus.after[$0])。" }
        #expect(!discover(four).contains { $0.word == DiscoveryCorpus.word })
        // With a least count of two they are enough (four different neighbours: entropy ln 4).
        #expect(discover(four, minCount: 2).first?.word == DiscoveryCorpus.word)
    }

    @Test func runEdgesAndSupplementaryCharactersAreSafe() {
        // Strings at text edges, next to Latin, digits and supplementary ideographs.
        let docs = (0..<20).map { i in "\(DiscoveryCorpus.word)\(i)\(DiscoveryCorpus.word)abc\(DiscoveryCorpus.word)\u{20000}\(DiscoveryCorpus.word)" }
        let found = discover(docs)
        #expect(found.allSatisfy { $0.word.unicodeScalars.count >= 2 && $0.word.unicodeScalars.count <= 8 })
    }
}

extension CommandLineTool {
    @Test func discoverPrintsADictionaryThatJoinsTheWord() throws {
        let corpus = try temporaryFile(Data(DiscoveryCorpus.text.utf8))
        let r = try run(["discover", corpus, "--top", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count <= 3)
        #expect(lines.first == "\(DiscoveryCorpus.word) 100 n")
        // Ready for --dict: the word comes out whole.
        let dict = try temporaryFile(Data(r.stdout.utf8))
        let seg = try run(["segment", "--dict", dict], stdin: Data("农民\(DiscoveryCorpus.word)活动\n".utf8))
        #expect(seg.stdout == "农民 \(DiscoveryCorpus.word) 活动\n")
        // Standard input as JSON Lines, figures as JSON.
        let jsonl = DiscoveryCorpus.documents.map { "{\"id\":\"x\",\"text\":\"\($0)\"}" }.joined(separator: "\n")
        let j = try run(["discover", "-", "--jsonl", "--json", "--top", "1", "--tag", "nz"], stdin: Data(jsonl.utf8))
        #expect(j.status == 0, "\(j.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        #expect(object["word"] as? String == DiscoveryCorpus.word)
        #expect(object["count"] as? Int == 100)
        for key in ["score", "cohesion", "leftEntropy", "rightEntropy", "wholeShare", "alignedShare", "cut"] {
            #expect(object[key] != nil, "no \(key)")
        }
        let tagged = try run(["discover", corpus, "--top", "1", "--tag", "nz"])
        #expect(tagged.stdout == "\(DiscoveryCorpus.word) 100 nz\n")
    }

    @Test func discoverReportsBadInputAndGoesOn() throws {
        let corpus = try temporaryFile(Data(DiscoveryCorpus.text.utf8))
        let missing = try run(["discover", "/nonexistent/corpus.txt", corpus, "--top", "1"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/corpus.txt: No such file or directory"))
        #expect(missing.stdout == "\(DiscoveryCorpus.word) 100 n\n")
        let invalid = try temporaryFile(Data([0xE4, 0xB8, 0xAD, 0xE4, 0xB8]))
        let bad = try run(["discover", invalid])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("\(invalid):1: invalid UTF-8 at byte offset 3 (byte 0xE4)"), "\(bad.stderr)")
        let jsonl = try temporaryFile(Data("{\"text\":\"两会\"}\n{\"text\":\n".utf8), name: UUID().uuidString + ".jsonl")
        let broken = try run(["discover", jsonl])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("\(jsonl):2:"))
        let binary = try run(["discover", "-"], stdin: Data([0x41, 0x00, 0x42]))
        #expect(binary.status == 1)
        #expect(binary.stderr.contains("binary input"))
    }

    @Test func discoverRejectsBadOptions() throws {
        let corpus = try temporaryFile(Data(DiscoveryCorpus.text.utf8))
        for arguments in [["discover"], ["discover", corpus, "--top", "0"], ["discover", corpus, "--min-count", "1"],
                          ["discover", corpus, "--tag", "word"], ["discover", corpus, "--threads", "0"],
                          ["discover", corpus, "--min-entropy", "nan"]] {
            let r = try run(arguments)
            #expect(r.status != 0 && r.status != 1, "\(arguments): \(r.status)")
            #expect(!r.stderr.isEmpty)
        }
    }
}
