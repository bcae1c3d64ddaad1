import Foundation
import Testing
import Segmenter

/// One test per category of the built-in lexicon, on sentences the team wrote
/// (`Fixtures/lexicon/NN-category.tsv`): `whole` lines name a term that must come out as one
/// token, `nomerge` lines a near-miss whose characters must not be glued into the term.
///
/// The overlay has no language model, so a near-miss that ICU itself cuts into single
/// characters cannot always be told from the term; the bars below say how much of each is
/// required, and every failure is listed in the test's message.
@Suite struct LexiconCategories {
    static let files: [String] = {
        let dir = Repo.fixture("lexicon")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".tsv") }.sorted()
    }()

    @Test func everyCategoryHasItsTestFile() {
        let categories = BuiltinDictionary.lexiconFiles.map { $0.name.split(separator: "/").last.map(String.init) ?? "" }
        for category in categories where !category.hasPrefix("10-") {
            let tsv = category.replacingOccurrences(of: ".txt", with: ".tsv")
            #expect(Self.files.contains(tsv), "no test sentences for \(category)")
        }
        #expect(Self.files.count >= 9)
    }

    @Test(arguments: files)
    func category(_ file: String) throws {
        var whole = (pass: 0, total: 0), nomerge = (pass: 0, total: 0)
        var failures: [String] = []
        for line in Repo.lines("lexicon/" + file) where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t").map(String.init)
            guard parts.count == 3 else { continue }
            let words = Shared.segmenter.words(in: parts[2])
            let isToken = words.contains(parts[1])
            if parts[0] == "whole" {
                #expect(Shared.segmenter.lexicon.contains(parts[1]), "\(parts[1]) is not in the lexicon")
                whole.total += 1
                if isToken { whole.pass += 1 } else { failures.append("whole \(parts[1]): \(words.joined(separator: "|"))") }
            } else if parts[0] == "nomerge" {
                nomerge.total += 1
                if !isToken { nomerge.pass += 1 } else { failures.append("nomerge \(parts[1]): \(words.joined(separator: "|"))") }
            }
        }
        #expect(whole.total >= 40, "\(file) has only \(whole.total) whole-term sentences")
        let wholeRate = Double(whole.pass) / Double(max(whole.total, 1))
        let nomergeRate = Double(nomerge.pass) / Double(max(nomerge.total, 1))
        #expect(wholeRate >= 0.95, "\(file): \(whole.pass)/\(whole.total) terms whole; \(failures)")
        #expect(nomergeRate >= 0.6, "\(file): \(nomerge.pass)/\(nomerge.total) near-misses kept apart; \(failures)")
    }

    /// The entries taken out for granularity (`Benchmarks/lexicon-granularity.tsv`, reviewed
    /// against `Dictionaries/README.md`) stay out of the built-in lexicon, and a free
    /// combination among them comes out in its parts in a sentence.
    @Test func entriesTakenOutForGranularityStayOut() throws {
        let text = try String(contentsOfFile: Repo.path("Benchmarks/lexicon-granularity.tsv"), encoding: .utf8)
        var entries: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == 5, "malformed line: \(line)")
            if fields.count == 5 { entries.append(String(fields[1])) }
        }
        #expect(entries.count >= 350)
        let back = entries.filter { Shared.segmenter.lexicon.contains($0) }
        #expect(back.isEmpty, "back in the lexicon: \(back)")
        let words = Shared.segmenter.words(in: "各级领导干部要推动重大项目建设，发展养老服务。")
        for piece in ["领导", "干部", "重大", "项目", "养老", "服务"] {
            #expect(words.contains(piece), "\(piece) not a token: \(words.joined(separator: "|"))")
        }
    }

    @Test func theIssuesExampleSentence() {
        let sentence = "坚持发扬全过程人民民主，深入学习贯彻习近平新时代中国特色社会主义思想，持续推进“渝事好商量”协商平台建设，各区县政协围绕成渝地区双城经济圈建设开展专题协商。"
        let words = Shared.segmenter.words(in: sentence)
        for term in ["全过程人民民主", "习近平新时代中国特色社会主义思想", "渝事好商量", "成渝地区双城经济圈"] {
            #expect(words.contains(term), "\(term) not whole: \(words.joined(separator: "|"))")
        }
    }
}

/// Accuracy on data the team keeps (`Fixtures/eval`), against ICU alone on the same data.
@Suite struct Accuracy {
    static func goldScore(_ segmenter: Segmenter) throws -> SegmentationScore {
        var score = SegmentationScore()
        for line in Repo.lines("eval/gold.txt") {
            let gold = line.split(separator: " ").map(String.init)
            try score.add(gold: gold, test: segmenter.words(in: gold.joined()))
        }
        return score
    }

    @Test func f1NotBelowICUAlone() throws {
        let ours = try Self.goldScore(Shared.segmenter), icu = try Self.goldScore(Shared.icu)
        #expect(ours.sentences >= 100)
        #expect(ours.f1 >= icu.f1, "ours \(ours.f1), ICU \(icu.f1)")
        #expect(ours.f1 >= 0.8, "F1 \(ours.f1)")
    }

    @Test func freshPoliticalTermsComeOutWhole() {
        var ours = TermRecall(), icu = TermRecall()
        for line in Repo.lines("eval/terms.tsv") {
            let parts = line.split(separator: "\t").map(String.init)
            guard parts.count == 2 else { continue }
            ours.add(term: parts[0], sentenceTokens: Shared.segmenter.words(in: parts[1]))
            icu.add(term: parts[0], sentenceTokens: Shared.icu.words(in: parts[1]))
        }
        #expect(ours.terms >= 200)
        #expect(ours.rate >= 0.9, "term recall \(ours.rate); cut: \(ours.misses)")
        #expect(icu.rate < 0.2)
    }

    /// The shared development set, when it is beside the repository (it is not shipped).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Repo.path("../shared/devset/terms.tsv"))))
    func devsetWhenPresent() throws {
        var recall = TermRecall()
        let text = try String(contentsOfFile: Repo.path("../shared/devset/terms.tsv"), encoding: .utf8)
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t").map(String.init)
            guard parts.count == 2 else { continue }
            recall.add(term: parts[0], sentenceTokens: Shared.segmenter.words(in: parts[1]))
        }
        #expect(recall.rate >= 0.85, "dev set term recall \(recall.rate)")
    }
}

@Suite struct Scoring {
    @Test func handComputedScore() throws {
        var score = SegmentationScore(trainingWords: ["我们", "学习"])
        // gold: 我们|学习|新|思想 (4 words); test: 我们|学|习|新思想 (4 words).
        try score.add(gold: ["我们", "学习", "新", "思想"], test: ["我们", "学", "习", "新思想"])
        #expect(score.correctWords == 1)
        #expect(score.precision == 0.25 && score.recall == 0.25)
        #expect(score.f1 == 0.25)
        #expect(score.oovWords == 2 && score.oovCorrect == 0)
        #expect(score.ivWords == 2 && score.ivCorrect == 1)
        #expect(score.ivRecall == 0.5)
        #expect(score.oovRate == 0.5)
        #expect(score.errors["学习 → 学|习"] == 1)
        #expect(score.differingSentences == 0)
    }

    /// Texts that differ are aligned as `diff` aligns the words written one a line: the
    /// words of the longest common subsequence are correct, every other word is an error.
    @Test func differingTextsAreAlignedByDiff() throws {
        var score = SegmentationScore(trainingWords: ["说"])
        // A quote mark more in the test: one insertion, the six gold words all found.
        #expect(try score.add(gold: ["他", "说", "：", "改革", "开放", "。"], test: ["他", "说", "：", "“", "改革", "开放", "。"]))
        #expect(score.correctWords == 6 && score.goldWords == 6 && score.testWords == 7)
        #expect(score.recall == 1 && score.precision == 6.0 / 7.0)
        // A character less (习): 我们 matches; 学习, 新, 思想 were replaced by 学|新思想.
        #expect(try score.add(gold: ["我们", "学习", "新", "思想"], test: ["我们", "学", "新思想"]))
        #expect(score.correctWords == 7 && score.goldWords == 10 && score.testWords == 10)
        #expect(score.errors["学习 → 学|新思想"] == 1 && score.errors["思想 → 学|新思想"] == 1)
        // A word deleted outright.
        #expect(try score.add(gold: ["甲", "乙", "丙"], test: ["甲", "丙"]))
        #expect(score.errors["乙 → (nothing)"] == 1)
        #expect(score.correctWords == 9 && score.goldWords == 13 && score.testWords == 12)
        #expect(score.differingSentences == 3 && score.sentences == 3)
        // Only 说 is in vocabulary: found. OOV: 12 gold words, 8 found (他 ： 改革 开放 。 我们 甲 丙).
        #expect(score.ivWords == 1 && score.ivCorrect == 1)
        #expect(score.oovWords == 12 && score.oovCorrect == 8)
        // The same text still scores by spans (the fast path): 改革 only.
        #expect(try !score.add(gold: ["全面", "深化", "改革"], test: ["全面深化", "改革"]))
        #expect(score.correctWords == 10 && score.differingSentences == 3 && score.sentences == 4)
    }

    /// The alignment is a longest common subsequence: a repeated word is matched once per
    /// occurrence, in order, and the order of the words matters.
    @Test func alignmentIsALongestCommonSubsequence() throws {
        var score = SegmentationScore()
        // Texts 的的人的 / 的人的的: the common subsequence 的 人 的 (3 words).
        try score.add(gold: ["的", "的", "人", "的"], test: ["的", "人", "的", "的"])
        #expect(score.correctWords == 3)
        var swapped = SegmentationScore()
        try swapped.add(gold: ["甲", "乙"], test: ["乙", "甲"])
        #expect(swapped.correctWords == 1)
        var disjoint = SegmentationScore()
        try disjoint.add(gold: ["甲", "乙"], test: ["丙"])
        #expect(disjoint.correctWords == 0 && disjoint.f1 == 0)
    }

    @Test func termRecall() {
        var r = TermRecall()
        r.add(term: "二十大", sentenceTokens: ["党", "的", "二十大", "报告"])
        r.add(term: "二十大", sentenceTokens: ["党", "的", "二十", "大", "报告"])
        #expect(r.kept == 1 && r.terms == 2 && r.rate == 0.5)
        #expect(r.misses.first?.cut == "二十|大")
    }
}
