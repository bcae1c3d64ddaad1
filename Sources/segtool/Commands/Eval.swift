import ArgumentParser
import Segmenter

/// `segtool eval`: SIGHAN bakeoff scoring of a segmentation against a gold standard.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a segmentation against a gold standard (SIGHAN bakeoff scoring).",
        discussion: """
            The gold file has one sentence a line, words separated by whitespace. Without --test, \
            segtool segments each gold line's raw text (the line without its spaces) itself. \
            With --terms (TERM<TAB>SENTENCE lines), also reports how many terms come out as one token. \
            A --test line whose text differs from its gold line (a quote mark more, a character less) \
            is aligned with it as the bakeoff's perl `score` does (diff of the two, one word a line) \
            and scored; the report says how many lines differed.
            """)

    @Option(help: "Gold segmentation: one sentence a line, words separated by whitespace.")
    var gold: String?

    @Option(help: "A segmentation to score, line for line with the gold file (default: segment the gold's raw text).")
    var test: String?

    @Option(help: "Training word list (one word a line, or a segmented training text) for OOV and IV recall.")
    var words: String?

    @Option(help: "Term file: TERM<TAB>SENTENCE a line; reports the share of terms kept whole.")
    var terms: String?

    @Option(help: "List the N most frequent errors.")
    var errors: Int = 0

    @Flag(help: """
        Print the report as one JSON object: precision, recall, f1, sentences, goldWords, testWords, \
        correctWords, differingLines; oovRate, oovRecall, ivRecall, oovWords with --words; termRecall, \
        terms, termsKept with --terms; errors, differingLineNumbers, termMisses with --errors.
        """)
    var json = false

    @OptionGroup var dictionaryOptions: DictionaryOptions

    func validate() throws {
        if gold == nil && terms == nil { throw ValidationError("give --gold FILE, --terms FILE or both") }
        if test != nil && gold == nil { throw ValidationError("--test needs --gold") }
        if errors < 0 { throw ValidationError("--errors must not be negative") }
    }

    func run() throws {
        try reportingErrors {
            let segmenter = try dictionaryOptions.makeSegmenter()
            var fields: [(String, String)] = []
            var text: [String] = []
            if let gold {
                let (score, differing) = try scoreGold(gold, segmenter: segmenter)
                fields += [("precision", format(score.precision)), ("recall", format(score.recall)), ("f1", format(score.f1))]
                // OOV figures need a training vocabulary (--words): without one they cannot be
                // computed, and are left out rather than printed as 1 and 0.
                if words != nil {
                    fields += [("oovRate", format(score.oovRate)), ("oovRecall", format(score.oovRecall)), ("ivRecall", format(score.ivRecall))]
                }
                fields += [("sentences", "\(score.sentences)"), ("goldWords", "\(score.goldWords)"), ("testWords", "\(score.testWords)"),
                           ("correctWords", "\(score.correctWords)")]
                if words != nil { fields.append(("oovWords", "\(score.oovWords)")) }
                fields.append(("differingLines", "\(score.differingSentences)"))
                var lines = """
                    sentences    \(score.sentences)
                    gold words   \(score.goldWords)
                    test words   \(score.testWords)
                    correct      \(score.correctWords)
                    precision    \(format(score.precision))
                    recall       \(format(score.recall))
                    F1           \(format(score.f1))
                    """
                if words != nil {
                    lines += """

                        OOV rate     \(format(score.oovRate))
                        OOV recall   \(format(score.oovRecall))
                        IV recall    \(format(score.ivRecall))
                        """
                }
                if score.differingSentences > 0 {
                    lines += "\ndiffering    \(score.differingSentences) lines (texts differ; aligned by diff as the bakeoff's score)"
                }
                text.append(lines)
                if errors > 0 && !differing.isEmpty {
                    let shown = differing.prefix(errors)
                    fields.append(("differingLineNumbers", "[" + shown.map(String.init).joined(separator: ",") + "]"))
                    text.append("gold lines whose texts differ: " + shown.map(String.init).joined(separator: ", ")
                                + (differing.count > shown.count ? ", …" : ""))
                }
                if errors > 0 {
                    let top = score.topErrors(errors)
                    fields.append(("errors", "[" + top.map { "{\"error\":\(jsonString($0.error)),\"count\":\($0.count)}" }.joined(separator: ",") + "]"))
                    text.append("most frequent errors (gold → ours):")
                    text += top.map { "  \($0.count)\t\($0.error)" }
                }
            }
            if let terms {
                let recall = try scoreTerms(terms, segmenter: segmenter)
                fields += [("termRecall", format(recall.rate)), ("terms", "\(recall.terms)"), ("termsKept", "\(recall.kept)")]
                text.append("terms kept whole  \(recall.kept)/\(recall.terms) = \(format(recall.rate))")
                if errors > 0 {
                    let shown = recall.misses.prefix(errors)
                    fields.append(("termMisses", "[" + shown.map { "{\"term\":\(jsonString($0.term)),\"cut\":\(jsonString($0.cut))}" }.joined(separator: ",") + "]"))
                    text.append("terms cut:")
                    text += shown.map { "  \($0.term) → \($0.cut)" }
                }
            }
            if json {
                print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
            } else {
                print(text.joined(separator: "\n"))
            }
        }
    }

    private func splitWords(_ line: String) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }).map(String.init)
    }

    /// The score of the gold file, and the numbers of the gold lines whose texts differ from
    /// the test file's.
    private func scoreGold(_ path: String, segmenter: Segmenter) throws -> (SegmentationScore, [Int]) {
        let goldLines = try TextFile.lines(path)
        let testLines = try test.map { try TextFile.lines($0) }
        var vocabulary: Set<String>?
        if let words {
            vocabulary = Set(try TextFile.lines(words).flatMap(splitWords))
        }
        var score = SegmentationScore(trainingWords: vocabulary)
        var differing: [Int] = []
        var testIndex = 0
        for (index, line) in goldLines.enumerated() {
            let goldWords = splitWords(line)
            if goldWords.isEmpty { continue }
            let testWords: [String]
            if let testLines {
                // Skip blank lines in the test file the same way as in the gold file.
                while testIndex < testLines.count && splitWords(testLines[testIndex]).isEmpty { testIndex += 1 }
                guard testIndex < testLines.count else {
                    throw CLIError("\(test ?? ""): ends before gold line \(index + 1)")
                }
                testWords = splitWords(testLines[testIndex])
                testIndex += 1
            } else {
                testWords = segmenter.words(in: goldWords.joined())
            }
            do {
                if try score.add(gold: goldWords, test: testWords) { differing.append(index + 1) }
            } catch {
                throw CLIError("\(path):\(index + 1): \(error.description)")
            }
        }
        if score.sentences == 0 {
            throw CLIError("\(path): no sentence to score (the gold file has one segmented sentence a line)")
        }
        if let testLines, let extra = testLines[testIndex...].firstIndex(where: { !splitWords($0).isEmpty }) {
            throw CLIError("\(test ?? ""):\(extra + 1): a sentence after the gold file's last (\(path) has fewer sentences)")
        }
        return (score, differing)
    }

    private func scoreTerms(_ path: String, segmenter: Segmenter) throws -> TermRecall {
        var recall = TermRecall()
        for (index, line) in try TextFile.lines(path).enumerated() {
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count >= 2 else {
                throw CLIError("\(path):\(index + 1): expected TERM<TAB>SENTENCE")
            }
            let term = String(parts[parts.count - 2]), sentence = String(parts[parts.count - 1])
            if term.isEmpty || !sentence.contains(term) {
                // Scored as cut (it cannot come out whole), but most likely a mistake in the file.
                Diagnostics.warning("\(path):\(index + 1): the term `\(term)` does not occur in its sentence; counted as cut")
            }
            recall.add(term: term, sentenceTokens: segmenter.words(in: sentence))
        }
        if recall.terms == 0 {
            throw CLIError("\(path): no terms (TERM<TAB>SENTENCE a line)")
        }
        return recall
    }

    private func format(_ x: Double) -> String {
        let scaled = Int((x * 10000).rounded())
        let whole = scaled / 10000, frac = scaled % 10000
        let fracText = String(frac)
        return "\(whole)." + String(repeating: "0", count: 4 - fracText.count) + fracText
    }
}

/// A JSON string literal for `s`.
func jsonString(_ s: String) -> String {
    var out = OutputBuffer()
    var copy = s
    out.append("\"")
    copy.withUTF8 { out.appendJSONEscaped($0) }
    out.append("\"")
    return String(decoding: out.bytes, as: UTF8.self)
}
