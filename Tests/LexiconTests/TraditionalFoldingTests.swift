import Testing
@testable import Segmenter

/// The folding of Traditional characters (`TraditionalFolding`) against ICU's own
/// transliterator on whole texts, and its handling of rules that change lengths.
@Suite struct TraditionalFoldingTests {
    static func fold(_ folding: TraditionalFolding, _ text: String) -> String {
        var scalars = text.unicodeScalars.map(\.value)
        _ = scalars.withUnsafeMutableBufferPointer { folding.fold($0) }
        return String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }

    static func icu(_ t: ICUTransliterator, _ text: String) -> String {
        String(decoding: t.transliterate(Array(text.utf16)) ?? [], as: UTF16.self)
    }

    @Test func systemRulesAreReadAndContextMatters() throws {
        let folding = try TraditionalFolding.shared.get()
        #expect(folding.readRules)
        #expect(folding.contextualRuleCount > 0)
        #expect(Self.fold(folding, "習近平出席全國人大常委會，推進粵港澳大灣區建設") == "习近平出席全国人大常委会，推进粤港澳大湾区建设")
        // Rules of several characters: 甚麼 is 什么 (麼 alone is 么), 沈重 is 沉重 (沈 alone stays).
        #expect(Self.fold(folding, "甚麼") == "什么" && Self.fold(folding, "麼") == "么")
        #expect(Self.fold(folding, "沈重") == "沉重" && Self.fold(folding, "沈") == "沈")
        // Kept characters: Simplified 显著 and 与时俱进 stay; their Traditional forms fold to them.
        #expect(Self.fold(folding, "显著，与时俱进") == "显著，与时俱进")
        #expect(Self.fold(folding, "顯著，與時俱進") == "显著，与时俱进")
        // Simplified and other text is left alone.
        #expect(Self.fold(folding, "推进中国式现代化 GDP 5.2%") == "推进中国式现代化 GDP 5.2%")
    }

    /// On random text made of the characters of ICU's rules of several characters (so that
    /// rules overlap, nest and meet at run edges), the folding is ICU's on the whole text,
    /// but for the kept characters.
    @Test func agreesWithICUOnWholeTexts() throws {
        let folding = try TraditionalFolding.shared.get()
        let icu = try ICUTransliterator(id: "Hant-Hans")
        let rules = try #require(icu.rules().flatMap(TraditionalFolding.plainRules))
        let long = rules.filter { $0.source.count > 1 }.map { String(String.UnicodeScalarView($0.source.compactMap(Unicode.Scalar.init))) }
        let single = rules.filter { $0.source.count == 1 }.compactMap { Unicode.Scalar($0.source[0]).map(String.init) }
        let plain = ["，", "中", "a", " ", "的", "。"]
        var generator = SystemRandomNumberGenerator()
        let kept = Set(TraditionalFolding.keptAlone)
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 1...30, using: &generator) {
                switch Int.random(in: 0..<10, using: &generator) {
                case 0..<5: text += long.randomElement(using: &generator) ?? ""
                case 5..<8: text += single.randomElement(using: &generator) ?? ""
                default: text += plain.randomElement(using: &generator) ?? ""
                }
            }
            let ours = Array(Self.fold(folding, text).unicodeScalars)
            let theirs = Array(Self.icu(icu, text).unicodeScalars)
            let original = Array(text.unicodeScalars)
            #expect(ours.count == original.count)
            guard theirs.count == original.count else { continue }  // (every system rule keeps lengths)
            for k in original.indices where ours[k] != theirs[k] {
                #expect(kept.contains(original[k]) && ours[k] == original[k], "\(text): at \(k) ours \(ours[k]), ICU \(theirs[k])")
            }
        }
    }

    /// Rules that map a character to several, or several to fewer: offsets stay those of the
    /// original (such a character is read as it is written; such a run character by character).
    @Test func rulesThatChangeLengthsKeepOffsets() throws {
        let rules = "甲 > 乙丙; 丁戊 > 己; 庚 > 辛; 壬癸 > 子丑;"
        let folding = TraditionalFolding(transliterator: try ICUTransliterator(id: "Test-Folding", rules: rules))
        #expect(folding.readRules)
        #expect(Self.fold(folding, "甲庚丁戊壬癸") == "甲辛丁戊壬癸")
        // A segmenter with this folding: tokens tile the original text, with its offsets.
        let segmenter = try Segmenter(lexicon: Lexicon(), traditional: folding)
        let text = "甲庚ab丁戊，壬癸"
        let tokens = segmenter.tokens(in: text)
        var byte = 0, scalar = 0
        for token in tokens {
            #expect(token.utf8Range.lowerBound == byte && token.scalarRange.lowerBound == scalar)
            byte = token.utf8Range.upperBound
            scalar = token.scalarRange.upperBound
        }
        #expect(byte == text.utf8.count && scalar == text.unicodeScalars.count)
        #expect(tokens.map { String($0.text(in: text)) }.joined() == text)
        var folded: [UInt32] = [], out: [Token] = []
        var copy = text
        try copy.withUTF8 { try segmenter.segment(utf8: $0, into: &out, folded: &folded) }
        #expect(String(String.UnicodeScalarView(folded.compactMap(Unicode.Scalar.init))) == "甲辛ab丁戊，壬癸")
    }

    /// Rules this does not read (a context, here) send the whole text to ICU, whose result is
    /// taken when it is as long as the text; when it is not, each character alone.
    @Test func otherRulesFallBackToICU() throws {
        let same = TraditionalFolding(transliterator: try ICUTransliterator(id: "Test-Context", rules: "甲 } 乙 > 丙; 丁 > 戊;"))
        #expect(!same.readRules)
        #expect(Self.fold(same, "甲乙乙丁") == "丙乙乙戊")
        let longer = TraditionalFolding(transliterator: try ICUTransliterator(id: "Test-Longer", rules: "甲 } 乙 > 丙丙; 丁 > 戊;"))
        #expect(Self.fold(longer, "甲乙丁") == "甲乙戊")
        #expect(throws: SegmenterError.self) { _ = try ICUTransliterator(id: "Test-Bad", rules: "甲 > ;; {") }
        #expect(throws: SegmenterError.self) { _ = try ICUTransliterator(id: "No-Such-Transliterator") }
    }
}

#if canImport(Glibc)
import Glibc

/// On the shared corpus turned into Traditional at run time (ICU's Hans-Hant), when it is
/// beside the repository: the folding is ICU's Hant-Hans on the whole text but for the kept
/// characters, and ICU is asked about few runs.
@Suite struct TraditionalFoldingOnTheCorpus {
    static let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    static var corpus: String { "/" + path + "/../shared/corpus/politics.jsonl" }

    /// The first `bytes` of the corpus file (JSON Lines: Chinese text with ASCII keys).
    static func head(_ bytes: Int) -> String? {
        guard let file = fopen(corpus, "rb") else { return nil }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: bytes)
        let read = fread(&buffer, 1, bytes, file)
        // Whole lines only.
        guard let lastBreak = buffer[0..<read].lastIndex(of: 0x0A) else { return nil }
        return String(decoding: buffer[0..<lastBreak], as: UTF8.self)
    }

    @Test(.enabled(if: access(corpus, R_OK) == 0)) func agreesWithICU() throws {
        let simplified = try #require(Self.head(1 << 20))
        let toTraditional = try ICUTransliterator(id: "Hans-Hant")
        let traditional = String(decoding: try #require(toTraditional.transliterate(Array(simplified.utf16))), as: UTF16.self)
        let folding = try TraditionalFolding.shared.get()
        let icu = try ICUTransliterator(id: "Hant-Hans")
        let kept = Set(TraditionalFolding.keptAlone)
        var compared = 0
        for line in traditional.split(separator: "\n") {
            let text = String(line)
            let original = Array(text.unicodeScalars)
            let ours = Array(TraditionalFoldingTests.fold(folding, text).unicodeScalars)
            let theirs = Array(TraditionalFoldingTests.icu(icu, text).unicodeScalars)
            #expect(ours.count == original.count)
            guard theirs.count == original.count else { continue }
            compared += original.count
            for k in original.indices where ours[k] != theirs[k] {
                #expect(kept.contains(original[k]) && ours[k] == original[k], "at \(k): \(original[k]) ours \(ours[k]) ICU \(theirs[k])")
            }
        }
        #expect(compared > 200_000, "\(compared) characters compared")
    }
}
#endif
