import Foundation
import Segmenter
import Testing

/// `Segmenter.Folding.traditional`: Traditional text segments like its Simplified form, with
/// tokens over the original text.
@Suite struct TraditionalFolding {
    static let folding: Segmenter = {
        do { return try Segmenter(folding: .traditional) } catch { fatalError("cannot build the segmenter: \(error)") }
    }()

    /// (Traditional, Simplified): the same characters count, so tokens must have the same
    /// scalar ranges; their text is the Traditional original.
    static let pairs: [(String, String)] = [
        ("習近平", "习近平"),
        ("全國人大常委會", "全国人大常委会"),
        ("粵港澳大灣區", "粤港澳大湾区"),
        ("習近平總書記在全國人大常委會會議上強調，推進粵港澳大灣區建設。", "习近平总书记在全国人大常委会会议上强调，推进粤港澳大湾区建设。"),
        ("2024年GDP增長5.2%，與時俱進，成效顯著。", "2024年GDP增长5.2%，与时俱进，成效显著。"),
    ]

    @Test(arguments: pairs) func traditionalSegmentsLikeSimplified(_ traditional: String, _ simplified: String) {
        for mode in Segmenter.Mode.allCases {
            let ours = Self.folding.tokens(in: traditional, mode: mode)
            let expected = Shared.segmenter.tokens(in: simplified, mode: mode)
            #expect(ours.map(\.scalarRange) == expected.map(\.scalarRange), "\(traditional) \(mode)")
            #expect(ours.map(\.kind) == expected.map(\.kind))
            #expect(tiles(ours.filter { !$0.isSubword }, traditional))
            // Token text is the original (Traditional) text.
            let text = ours.map { String($0.text(in: traditional)) }.joined()
            #expect(mode == .search || text == traditional)
        }
        #expect(Self.folding.words(in: "習近平").first == "習近平")
        #expect(Self.folding.words(in: "全國人大常委會") == ["全國人大常委會"])
        #expect(Self.folding.words(in: "粵港澳大灣區") == ["粵港澳大灣區"])
    }

    /// Offsets are the original text's, also where the UTF-8 lengths differ around the
    /// folded characters (ASCII, full-width forms, a supplementary character, line breaks).
    @Test func offsetsAreTheOriginalsInMixedText() {
        let text = "Ｇ２０峰會：習近平說 “𠀀” abc\n粵港澳大灣區，显著进展。"
        let tokens = Self.folding.tokens(in: text)
        #expect(tiles(tokens, text))
        let words = tokens.filter { $0.kind != .whitespace }.map { String($0.text(in: text)) }
        #expect(words.contains("習近平") && words.contains("粵港澳大灣區") && words.contains("显著"))
        // The byte range of 粵港澳大灣區 is where it is in the text.
        let range = text.range(of: "粵港澳大灣區")
        if let range, let token = tokens.first(where: { $0.text(in: text) == "粵港澳大灣區" }) {
            #expect(token.utf8Range == text.utf8.distance(from: text.startIndex, to: range.lowerBound)..<text.utf8.distance(from: text.startIndex, to: range.upperBound))
        }
    }

    /// Off by default: a default segmenter reads Traditional characters as they are.
    @Test func offByDefault() throws {
        #expect(Shared.segmenter.folding == .none)
        #expect(Self.folding.folding == .traditional)
        #expect(Shared.segmenter.words(in: "粵港澳大灣區") != ["粵港澳大灣區"])
        let icu = try Segmenter.icuBaseline(folding: .traditional)
        #expect(icu.folding == .traditional && icu.icuOnly)
        #expect(icu.tokens(in: "全國人民").map(\.scalarRange) == Shared.icu.tokens(in: "全国人民").map(\.scalarRange))
    }

    /// Random mixes of Traditional, Simplified and other text still tile.
    @Test func randomMixedTextTiles() {
        let pieces = ["習近平", "总书记", "會議", "，", "a", " ", "\n", "１２", "𠀀", "甚麼", "沈重", "顯著", "“", "的", "國"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(tiles(Self.folding.tokens(in: text), text), "\(text)")
        }
    }
}
