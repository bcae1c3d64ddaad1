import Foundation
import Testing
import Segmenter

/// The team's held-out measuring sets in `Benchmarks/goldsets/` are well-formed, so that
/// `segtool eval` scores what the files mean. These are checks of the files' form only: no score
/// threshold (the figures are in `Benchmarks/RESULTS.md`, made by `Benchmarks/scripts/goldsets.sh`).
@Suite struct GoldSets {
    static let goldPath = "Benchmarks/goldsets/general-news.utf8"
    static let termsPath = "Benchmarks/goldsets/political-terms.tsv"
    /// The tenth held-out set of political terms (written before names19b's name model: names with no cue).
    static let terms10Path = "Benchmarks/goldsets/political-terms-10.tsv"
    static let namesPath = "Benchmarks/goldsets/general-news.names.txt"
    /// Every held-out set of political terms in `Benchmarks/goldsets/` (political-terms.tsv, then
    /// political-terms-N.tsv in the order of N): a new set is checked by its file name alone.
    static let termSetPaths: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Repo.path("Benchmarks/goldsets"))) ?? []
        let numbered = names.compactMap { name -> (Int, String)? in
            if name == "political-terms.tsv" { return (1, name) }
            let prefix = "political-terms-", suffix = ".tsv"
            guard name.hasPrefix(prefix), name.hasSuffix(suffix),
                  let n = Int(name.dropFirst(prefix.count).dropLast(suffix.count)) else { return nil }
            return (n, name)
        }
        return numbered.sorted { $0.0 < $1.0 }.map { "Benchmarks/goldsets/" + $0.1 }
    }()
    /// The second, smaller general-news set (written before the second round of ICU repairs).
    static let gold2Path = "Benchmarks/goldsets/general-news-2.utf8"
    /// The third general-news set (ninth session, written before that session's repairs).
    static let gold3Path = "Benchmarks/goldsets/general-news-3.utf8"
    /// The fourth general-news set (eleventh session, written before that session's repairs).
    static let gold4Path = "Benchmarks/goldsets/general-news-4.utf8"
    /// The fifth general-news set (twelfth session, written before that session's repairs).
    static let gold5Path = "Benchmarks/goldsets/general-news-5.utf8"
    /// The sixth general-news set (twelfth session, gen18b, written before that session's repairs).
    static let gold6Path = "Benchmarks/goldsets/general-news-6.utf8"
    /// The seventh general-news set (twelfth session, gen18c, written before that session's repairs).
    static let gold7Path = "Benchmarks/goldsets/general-news-7.utf8"
    /// The eighth general-news set (thirteenth session, gen19, written before that round's repairs).
    static let gold8Path = "Benchmarks/goldsets/general-news-8.utf8"
    /// The ninth general-news set (thirteenth session, genset9, written before measuring the session's new vocabulary).
    static let gold9Path = "Benchmarks/goldsets/general-news-9.utf8"
    /// The tenth general-news set (fourteenth session, genset10, written blind before that session's repairs of ICU's mistakes).
    static let gold10Path = "Benchmarks/goldsets/general-news-10.utf8"

    /// The file's bytes as UTF-8 text, or a test failure naming the file.
    static func text(_ relative: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.path(relative)))
        let text = try #require(String(data: data, encoding: .utf8), "\(relative) is not valid UTF-8")
        #expect(!text.hasPrefix("\u{FEFF}"), "\(relative) starts with a byte order mark")
        #expect(!text.contains("\r"), "\(relative) has carriage returns")
        #expect(text.hasSuffix("\n"), "\(relative) does not end with a line break")
        return text
    }

    /// Lines without the final empty piece after the last line break.
    static func lines(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    @Test(arguments: [(goldPath, 300), (gold2Path, 100), (gold3Path, 100), (gold4Path, 150), (gold5Path, 160), (gold6Path, 160), (gold7Path, 120), (gold8Path, 120), (gold9Path, 120), (gold10Path, 140)])
    func goldLinesAreTokensSeparatedBySingleSpaces(_ set: (path: String, minimum: Int)) throws {
        let lines = Self.lines(try Self.text(set.path))
        #expect(lines.count >= set.minimum, "only \(lines.count) sentences")
        var raws = Set<String>()
        for (index, line) in lines.enumerated() {
            let at = "\(set.path):\(index + 1)"
            #expect(!line.isEmpty, "\(at): empty line")
            // Split on the one separator; any other whitespace would be inside a token.
            let tokens = line.split(separator: " ", omittingEmptySubsequences: false)
            #expect(!tokens.contains(""), "\(at): leading, trailing or double space")
            for token in tokens where token.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                Issue.record("\(at): token `\(token)` contains whitespace")
            }
            // The raw text is the line without its spaces; the tokens spell it and nothing else.
            let raw = line.replacingOccurrences(of: " ", with: "")
            #expect(tokens.joined() == raw, "\(at): tokens do not spell the raw text")
            #expect(tokens.joined(separator: " ") == line, "\(at): line is not its tokens joined by one space")
            #expect(raws.insert(raw).inserted, "\(at): the same sentence occurs twice")
        }
    }

    /// The second set shares no sentence with the first, the third none with either, the fourth none with the three,
    /// the fifth none with the four, the sixth none with the five, and each later set (seventh to tenth) none with those before it.
    @Test func theSecondSetIsNew() throws {
        let first = Set(Self.lines(try Self.text(Self.goldPath)).map { $0.replacingOccurrences(of: " ", with: "") })
        for (index, line) in Self.lines(try Self.text(Self.gold2Path)).enumerated() {
            #expect(!first.contains(line.replacingOccurrences(of: " ", with: "")), "\(Self.gold2Path):\(index + 1) is in \(Self.goldPath)")
        }
        let second = Set(Self.lines(try Self.text(Self.gold2Path)).map { $0.replacingOccurrences(of: " ", with: "") })
        for (index, line) in Self.lines(try Self.text(Self.gold3Path)).enumerated() {
            let raw = line.replacingOccurrences(of: " ", with: "")
            #expect(!first.contains(raw) && !second.contains(raw), "\(Self.gold3Path):\(index + 1) is in an earlier set")
        }
        let third = Set(Self.lines(try Self.text(Self.gold3Path)).map { $0.replacingOccurrences(of: " ", with: "") })
        for (index, line) in Self.lines(try Self.text(Self.gold4Path)).enumerated() {
            let raw = line.replacingOccurrences(of: " ", with: "")
            #expect(!first.contains(raw) && !second.contains(raw) && !third.contains(raw), "\(Self.gold4Path):\(index + 1) is in an earlier set")
        }
        let fourth = Set(Self.lines(try Self.text(Self.gold4Path)).map { $0.replacingOccurrences(of: " ", with: "") })
        for (index, line) in Self.lines(try Self.text(Self.gold5Path)).enumerated() {
            let raw = line.replacingOccurrences(of: " ", with: "")
            #expect(!first.contains(raw) && !second.contains(raw) && !third.contains(raw) && !fourth.contains(raw),
                    "\(Self.gold5Path):\(index + 1) is in an earlier set")
        }
        let fifth = Set(Self.lines(try Self.text(Self.gold5Path)).map { $0.replacingOccurrences(of: " ", with: "") })
        let earlier = first.union(second).union(third).union(fourth).union(fifth)
        for (index, line) in Self.lines(try Self.text(Self.gold6Path)).enumerated() {
            #expect(!earlier.contains(line.replacingOccurrences(of: " ", with: "")),
                    "\(Self.gold6Path):\(index + 1) is in an earlier set")
        }
        let sixth = Set(Self.lines(try Self.text(Self.gold6Path)).map { $0.replacingOccurrences(of: " ", with: "") })
        for (index, line) in Self.lines(try Self.text(Self.gold7Path)).enumerated() {
            #expect(!earlier.union(sixth).contains(line.replacingOccurrences(of: " ", with: "")),
                    "\(Self.gold7Path):\(index + 1) is in an earlier set")
        }
        let seventh = Set(Self.lines(try Self.text(Self.gold7Path)).map { $0.replacingOccurrences(of: " ", with: "") })
        for (index, line) in Self.lines(try Self.text(Self.gold8Path)).enumerated() {
            #expect(!earlier.union(sixth).union(seventh).contains(line.replacingOccurrences(of: " ", with: "")),
                    "\(Self.gold8Path):\(index + 1) is in an earlier set")
        }
        let eighth = Set(Self.lines(try Self.text(Self.gold8Path)).map { $0.replacingOccurrences(of: " ", with: "") })
        for (index, line) in Self.lines(try Self.text(Self.gold9Path)).enumerated() {
            #expect(!earlier.union(sixth).union(seventh).union(eighth).contains(line.replacingOccurrences(of: " ", with: "")),
                    "\(Self.gold9Path):\(index + 1) is in an earlier set")
        }
        let ninth = Set(Self.lines(try Self.text(Self.gold9Path)).map { $0.replacingOccurrences(of: " ", with: "") })
        for (index, line) in Self.lines(try Self.text(Self.gold10Path)).enumerated() {
            #expect(!earlier.union(sixth).union(seventh).union(eighth).union(ninth).contains(line.replacingOccurrences(of: " ", with: "")),
                    "\(Self.gold10Path):\(index + 1) is in an earlier set")
        }
    }

    /// The raw text of every gold line, segmented by the library, spells the same text (what
    /// `segtool eval` requires of a test segmentation), and the scorer gives the gold a perfect
    /// score against itself.
    @Test func rawTextRoundTripsThroughTheSegmenterAndTheScorer() throws {
        var selfScore = SegmentationScore()
        var score = SegmentationScore()
        var goldWords = 0
        for line in Self.lines(try Self.text(Self.goldPath)) where !line.isEmpty {
            let gold = line.split(separator: " ").map(String.init)
            let raw = gold.joined()
            let ours = Shared.segmenter.words(in: raw)
            #expect(ours.joined() == raw, "the segmenter does not spell `\(raw)`")
            try selfScore.add(gold: gold, test: gold)
            try score.add(gold: gold, test: ours)
            goldWords += gold.count
        }
        #expect(selfScore.goldWords == goldWords && selfScore.correctWords == goldWords)
        #expect(selfScore.f1 == 1)
        #expect(score.goldWords == goldWords)
    }

    @Test(arguments: termSetPaths)
    func termLinesAreTermTabSentenceWithTheTermOnce(_ path: String) throws {
        let lines = Self.lines(try Self.text(path))
        #expect(lines.count >= 100, "only \(lines.count) terms")
        var terms = Set<String>()
        for (index, line) in lines.enumerated() {
            let at = "\(path):\(index + 1)"
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                Issue.record("\(at): expected TERM<TAB>SENTENCE, got \(parts.count) fields")
                continue
            }
            let (term, sentence) = (parts[0], parts[1])
            #expect((2...16).contains(term.unicodeScalars.count), "\(at): term `\(term)` is not 2–16 characters")
            #expect(!(term + sentence).unicodeScalars.contains(where: { $0.properties.isWhitespace }),
                    "\(at): whitespace in the term or the sentence")
            #expect(sentence.components(separatedBy: term).count == 2, "\(at): `\(term)` is not in the sentence exactly once")
            #expect(terms.insert(term).inserted, "\(at): `\(term)` is listed twice")
        }
    }

    /// The held-out terms are fresh: none is a term of the shared dev set (when it is present).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Repo.path("../shared/devset/terms.tsv"))),
          arguments: termSetPaths)
    func termsAreNotTheDevSetsTerms(_ path: String) throws {
        let dev = try String(contentsOfFile: Repo.path("../shared/devset/terms.tsv"), encoding: .utf8)
        let devTerms = Set(dev.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) })
        for line in Self.lines(try Self.text(path)) {
            guard let term = line.split(separator: "\t").first.map(String.init) else { continue }
            #expect(!devTerms.contains(term), "`\(term)` is a dev-set term")
        }
    }

    /// The held-out sets of political terms share no term (each is scored on its own).
    @Test func theTermSetsShareNoTerm() throws {
        func terms(_ path: String) throws -> Set<String> {
            Set(Self.lines(try Self.text(path)).compactMap { $0.split(separator: "\t").first.map(String.init) })
        }
        let sets = Self.termSetPaths
        // The scan found the sets (ten when it was written), the numbered ones in order.
        #expect(sets.count >= 10 && sets.first == Self.termsPath && sets.contains(Self.terms10Path), "\(sets)")
        for (i, a) in sets.enumerated() {
            for b in sets[(i + 1)...] {
                let shared = try terms(a).intersection(try terms(b))
                #expect(shared.isEmpty, "terms in both \(a) and \(b): \(shared.sorted())")
            }
        }
    }

    /// Every listed name is a `SURNAME GIVEN` token pair that occurs in the gold.
    @Test func listedNamesOccurInTheGold() throws {
        let gold = Self.lines(try Self.text(Self.goldPath)).map { " \($0) " }
        for line in Self.lines(try Self.text(Self.namesPath)) where !line.isEmpty && !line.hasPrefix("#") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            #expect(parts.count == 2 && !parts.contains(""), "names list: `\(line)` is not `SURNAME GIVEN`")
            #expect(gold.contains { $0.contains(" \(line) ") }, "names list: `\(line)` does not occur in the gold")
        }
    }
}
