import Foundation
import Testing
import Segmenter

/// The shared segmenters of the tests (building one costs a few milliseconds).
enum Shared {
    static let segmenter: Segmenter = {
        do { return try Segmenter() } catch { fatalError("cannot build the segmenter: \(error)") }
    }()
    static let icu: Segmenter = {
        do { return try Segmenter.icuBaseline() } catch { fatalError("cannot open ICU: \(error)") }
    }()
}

/// Files of the repository, found from this source file's path.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static func fixture(_ relative: String) -> String { path("Tests/SegmenterTests/Fixtures/" + relative) }
    static func lines(_ relative: String) -> [String] {
        guard let text = try? String(contentsOfFile: fixture(relative), encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}

extension Segmenter {
    /// Precise words joined by `|`, for compact expectations.
    func cut(_ text: String, mode: Mode = .precise) -> String {
        words(in: text, mode: mode).joined(separator: "|")
    }
}

/// A repair of one of ICU's words: ICU keeps `icuWord` whole in `text`, and segtool's precise cut
/// of `text` contains `ours` (a `|`-joined stretch such as `村|里|`).
func expectRepaired(_ text: String, icuWord: String, ours: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(Shared.icu.cut(text).split(separator: "|").contains(Substring(icuWord)), sourceLocation: sourceLocation)
    let cut = Shared.segmenter.cut(text)
    #expect(cut.contains(ours), "\(cut)", sourceLocation: sourceLocation)
}

/// Search mode gives each of `parts` as a part (a subword token) of `text`: a long term joined in
/// precise mode keeps its pieces findable.
func expectSearchParts(_ text: String, _ parts: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) {
    let found = Shared.segmenter.tokens(in: text, mode: .search).filter(\.isSubword).map { String($0.text(in: text)) }
    for part in parts { #expect(found.contains(part), "\(found)", sourceLocation: sourceLocation) }
}

/// Checks the tiling invariant: tokens are contiguous and spell the input.
func tiles(_ tokens: [Token], _ text: String) -> Bool {
    var byte = 0, scalar = 0
    var rebuilt = ""
    for t in tokens {
        if t.utf8Range.lowerBound != byte || t.scalarRange.lowerBound != scalar { return false }
        byte = t.utf8Range.upperBound
        scalar = t.scalarRange.upperBound
        rebuilt += t.text(in: text)
    }
    return byte == text.utf8.count && scalar == text.unicodeScalars.count && rebuilt == text
}

/// Is `term` one token of `text`'s segmentation (the shared segmenter, precise mode), with the
/// tokens tiling the text? The rule-class tests' check.
func whole(_ text: String, _ term: String) -> Bool {
    let tokens = Shared.segmenter.tokens(in: text)
    guard tiles(tokens, text) else { return false }
    return tokens.contains { $0.text(in: text) == term }
}
