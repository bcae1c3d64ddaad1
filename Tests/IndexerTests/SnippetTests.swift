import Foundation
import Testing
@testable import Indexer
import Segmenter

/// Snippet highlights (`PassageHighlighter`): the scan and the index's positions find what
/// segmenting the whole passage finds, and a phrase's words light up only where the phrase matches.
@Suite struct SnippetHighlights {
    static let analyzer = Analyzer(segmenter: Shared.segmenter, mode: .search)
    static let queryAnalyzer = Analyzer(segmenter: Shared.segmenter, mode: .precise)

    /// The team's sample documents: the index tests' and the report in Samples/.
    static var samples: [String] {
        var texts = Corpus.documents.map(\.text)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        if let report = try? String(contentsOf: root.appendingPathComponent("Samples/government-report.txt"), encoding: .utf8) {
            texts.append(report)
        }
        return texts
    }

    /// The highlights as the search path gave them before the highlighter: every search-mode
    /// term of the passage that is one of the query's words.
    static func oldHighlights(_ query: Query, passage: String) -> [Range<Int>] {
        let wanted = Set(query.scoringTerms)
        return PassageRanker.merged(analyzer.terms(in: passage).filter { wanted.contains($0.term) }.map(\.utf8Range))
    }

    /// The byte scan (no index positions), over one passage of `text`.
    static func scanned(_ highlighter: PassageHighlighter, _ text: String, _ passage: Range<Int>) -> [Range<Int>] {
        var copy = text
        return copy.withUTF8 { bytes in
            highlighter.matches(in: bytes, passage: passage)
                .map { ($0.lowerBound - passage.lowerBound)..<($0.upperBound - passage.lowerBound) }
        }
    }

    /// Words (no phrases): the scan equals the old whole-passage path on every passage of the
    /// samples, for each of their words as a query.
    @Test func wordsAsBefore() throws {
        var compared = 0, highlighted = 0
        for text in Self.samples {
            let words = Set(Self.queryAnalyzer.terms(in: text).map(\.term))
            for passage in PassageSplitter().passages(in: text) {
                let passageText = String(decoding: Array(text.utf8)[passage.utf8Range], as: UTF8.self)
                for word in words.sorted().prefix(60) {
                    let query = Query(word, analyzer: Self.queryAnalyzer)
                    let highlighter = PassageHighlighter(query: query, analyzer: Self.analyzer)
                    let old = Self.oldHighlights(query, passage: passageText)
                    let new = Self.scanned(highlighter, text, passage.utf8Range)
                    #expect(new == old, "\(word) in \(passageText)")
                    #expect(highlighter.matches(in: passageText) == old, "\(word) in \(passageText)")
                    compared += 1
                    highlighted += old.count
                }
            }
        }
        #expect(compared > 300 && highlighted > 100, "\(compared) compared, \(highlighted) highlights")
    }

    /// A phrase's words are highlighted where the phrase is, not on their own elsewhere: 高 of
    /// "高质量 发展" is not lit in 高水平 (the old path lit it).
    @Test func phraseWordsOnlyWhereThePhraseIs() throws {
        let text = "推动高质量发展，建设高水平开放型经济，经济发展质量提高。"
        let query = Query("\"高质量 发展\"", analyzer: Self.queryAnalyzer)
        let highlighter = PassageHighlighter(query: query, analyzer: Self.analyzer)
        let range = 0..<text.utf8.count
        let marked = Snippet.make(text: text, passage: range, highlighter: highlighter, maxCharacters: 160).marked(open: "[", close: "]")
        #expect(marked == "推动[高质量发展]，建设高水平开放型经济，经济发展质量提高。")
        let old = Snippet.make(text: text, passage: range, matches: Self.oldHighlights(query, passage: text), maxCharacters: 160)
        #expect(old.marked(open: "[", close: "]") != marked)  // the defect this fixes
        // The same with the whole passage segmented (a phrase with a gap takes that path).
        #expect(PassageRanker.merged(highlighter.matches(in: text)) == highlighter.matches(in: text))
        #expect(Self.scanned(highlighter, text, range) == highlighter.matches(in: text))
        // Words beside the phrase still light up everywhere.
        let mixed = PassageHighlighter(query: Query("\"高质量 发展\" 经济", analyzer: Self.queryAnalyzer), analyzer: Self.analyzer)
        #expect(Snippet.make(text: text, passage: range, highlighter: mixed, maxCharacters: 160).marked(open: "[", close: "]")
            == "推动[高质量发展]，建设高水平开放型[经济]，[经济]发展质量提高。")
    }

    /// Through a search (phrase readings and expansion included): the snippet lights the
    /// phrase, not its words elsewhere.
    @Test func searchSnippetOfAPhrase() throws {
        let index = try Indexer.Index.create(at: temporaryIndexPath())
        let writer = try index.writer()
        try writer.add([
            IndexDocument(id: "a", text: "推动高质量发展，建设高水平开放型经济，经济发展质量提高。"),
            IndexDocument(id: "b", text: "高水平保护支撑高质量发展。"),
        ])
        try writer.commit()
        let hits = try index.searcher().search("\"高质量 发展\"")
        #expect(hits.count == 2)
        for hit in hits {
            let marked = hit.snippet.marked(open: "[", close: "]")
            #expect(marked.contains("[高质量发展]") && !marked.contains("[高]") && !marked.contains("[发展]质量"), "\(marked)")
        }
        // A word query lights every occurrence, as before.
        let word = try index.searcher().search("发展").first { $0.id == "a" }
        #expect(word?.snippet.marked(open: "[", close: "]") == "推动高质量[发展]，建设高水平开放型经济，经济[发展]质量提高。")
    }

    /// Phrases of the samples (two or three consecutive words of a passage): the highlights are
    /// the old path's minus words lit outside a phrase match, and include the phrase's text.
    @Test func samplePhrases() throws {
        var checked = 0
        for text in Self.samples {
            for passage in PassageSplitter().passages(in: text) {
                let passageText = String(decoding: Array(text.utf8)[passage.utf8Range], as: UTF8.self)
                let words = Shared.segmenter.tokens(in: passageText).filter { $0.kind == .ideographic }.map { String($0.text(in: passageText)) }
                guard words.count >= 3 else { continue }
                for i in stride(from: 0, to: words.count - 2, by: 3) {
                    let phrase = words[i..<i + 2].joined()
                    guard passageText.contains(phrase) else { continue }
                    let query = Query("\"\(words[i]) \(words[i + 1])\"", analyzer: Self.queryAnalyzer)
                    let highlighter = PassageHighlighter(query: query, analyzer: Self.analyzer)
                    let new = Self.scanned(highlighter, text, passage.utf8Range)
                    #expect(new == highlighter.matches(in: passageText), "\(phrase)")
                    let old = Self.oldHighlights(query, passage: passageText)
                    // Every new highlight lies inside an old one.
                    #expect(new.allSatisfy { h in old.contains { $0.contains(h.lowerBound) && h.upperBound <= $0.upperBound } }, "\(phrase)")
                    // The phrase's text is highlighted where it first occurs.
                    if let at = passageText.range(of: phrase) {
                        let start = passageText.utf8.distance(from: passageText.utf8.startIndex, to: at.lowerBound)
                        #expect(new.contains { $0.contains(start) }, "\(phrase) in \(passageText)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 30)
    }

    /// Through searches: every hit's snippet (its highlights placed by the index's positions
    /// where they can be) equals the snippet made from segmentation — of the whole document where
    /// the positions apply (the index's own words, names remembered across the text), of the
    /// passage alone elsewhere — for words of the samples and, when present, of 120 documents of
    /// the shared corpus.
    @Test func indexedPositionsAsSegmented() throws {
        var documents = Corpus.documents
        documents.append(IndexDocument(id: "report", text: Self.samples.last ?? ""))
        if let data = FileManager.default.contents(atPath: "../shared/corpus/politics.jsonl") {
            for (i, line) in data.split(separator: UInt8(ascii: "\n")).prefix(120).enumerated() {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      let text = object["text"] as? String else { continue }
                documents.append(IndexDocument(id: "corpus-\(i)", text: text))
            }
        }
        let index = try Indexer.Index.create(at: temporaryIndexPath())
        let writer = try index.writer()
        try writer.add(documents)
        try writer.commit()
        let searcher = try index.searcher()
        var words: [String] = []
        for document in documents {
            let terms = Self.queryAnalyzer.terms(in: document.text).map(\.term)
            words += stride(from: 0, to: terms.count, by: 131).map { terms[$0] }
        }
        var compared = 0, byPositions = 0
        var documentTerms: [String: [TermOccurrence]] = [:]  // each document segmented once
        var documentIndex: [String: [String: [Int]]] = [:]  // and its occurrences by term, once
        for word in Set(words).sorted() {
            let highlighter = PassageHighlighter(query: try searcher.parse(word), analyzer: searcher.documentAnalyzer)
            for passages in [false, true] {
                for hit in try searcher.search(word, top: 10, passages: passages) {
                    guard let text = try searcher.document(id: hit.id)?.document.text else { continue }
                    var copy = text
                    let positionsApply = copy.withUTF8 { PassageHighlighter.positionsApply($0, hit.passageRange) }
                    // Where the index's positions apply, the highlights are the index's words: the
                    // whole document segmented (a name the text named earlier is remembered, as the
                    // index remembered it); elsewhere the passage is segmented alone.
                    let whole: [Range<Int>]
                    if positionsApply {
                        let terms = documentTerms[hit.id] ?? searcher.documentAnalyzer.terms(in: text)
                        documentTerms[hit.id] = terms
                        let byTerm = documentIndex[hit.id] ?? Dictionary(grouping: terms.indices, by: { terms[$0].term })
                        documentIndex[hit.id] = byTerm
                        // The query's words' occurrences alone, in the document's order:
                        // `matches(among:)` drops every other term first, so it gives the same
                        // highlights (looking all of a long document's terms up again for every
                        // hit made this test take ~110 s in a debug build).
                        let queryTerms = highlighter.number.keys.flatMap { byTerm[$0] ?? [] }.sorted().map { terms[$0] }
                        whole = highlighter.matches(among: queryTerms).filter {
                            $0.lowerBound >= hit.passageRange.lowerBound && $0.upperBound <= hit.passageRange.upperBound
                        }
                    } else {
                        let passageText = String(decoding: Array(text.utf8)[hit.passageRange], as: UTF8.self)
                        whole = highlighter.matches(in: passageText)
                            .map { ($0.lowerBound + hit.passageRange.lowerBound)..<($0.upperBound + hit.passageRange.lowerBound) }
                    }
                    let expected = Snippet.make(text: text, passage: hit.passageRange, matches: whole, maxCharacters: 160)
                    #expect(hit.snippet == expected, "\(word) in \(hit.id): \(hit.snippet.highlights) \(expected.highlights)")
                    compared += 1
                    if positionsApply { byPositions += 1 }
                }
            }
        }
        #expect(compared > 100 && byPositions > compared / 3, "\(byPositions) of \(compared)")
    }

    /// The shared corpus (skipped when absent): for words drawn from its passages, the byte
    /// scan equals segmenting the whole passage.
    @Test func corpusWordsScanAsSegmented() throws {
        let path = "../shared/corpus/politics.jsonl"
        guard let data = FileManager.default.contents(atPath: path) else { return }
        var rng = SplitMix(seed: 20261207)
        var compared = 0, differing: [String] = []
        for line in data.split(separator: UInt8(ascii: "\n")).prefix(400) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = object["text"] as? String else { continue }
            let passages = PassageSplitter().passages(in: text)
            guard !passages.isEmpty else { continue }
            let passage = passages[Int(rng.next() % UInt64(passages.count))]
            let passageText = String(decoding: Array(text.utf8)[passage.utf8Range], as: UTF8.self)
            let terms = Self.analyzer.terms(in: passageText).map(\.term)
            guard !terms.isEmpty else { continue }
            for _ in 0..<5 {
                let word = terms[Int(rng.next() % UInt64(terms.count))]
                let highlighter = PassageHighlighter(query: Query(word, analyzer: Self.queryAnalyzer), analyzer: Self.analyzer)
                let whole = highlighter.matches(in: passageText)
                if Self.scanned(highlighter, text, passage.utf8Range) != whole { differing.append("\(word) in \(passageText)") }
                compared += 1
            }
        }
        #expect(differing.isEmpty, "\(differing.count) of \(compared): \(differing.prefix(5))")
        #expect(compared > 1_000)
    }
}

/// The snippet's window (`Snippet.make`): cut on characters around the first match, as a plain
/// list of every character's start would cut it.
@Suite struct SnippetWindow {
    /// The cut worked out with every character boundary kept in an array (the way `make` did
    /// it before it counted instead).
    static func reference(_ text: String, passage: Range<Int>, matches: [Range<Int>], maxCharacters: Int) -> Snippet {
        let bytes = Array(text.utf8)
        var starts: [Int] = []
        var i = passage.lowerBound
        while i < passage.upperBound {
            starts.append(i)
            let b = bytes[i]
            i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        }
        starts.append(passage.upperBound)
        let count = starts.count - 1
        var lo = 0, hi = count
        if count > maxCharacters {
            let first = matches.first?.lowerBound ?? passage.lowerBound
            let at = starts.firstIndex(where: { $0 >= first }) ?? 0
            lo = max(0, at - maxCharacters / 4)
            hi = min(count, lo + maxCharacters)
        }
        let from = starts[lo], to = starts[hi]
        var highlights = matches.compactMap { m -> Range<Int>? in
            let a = max(m.lowerBound, from), b = min(m.upperBound, to)
            return a < b ? (a - from)..<(b - from) : nil
        }
        var snippet = String(decoding: bytes[from..<to], as: UTF8.self)
        if lo > 0 {
            snippet = "…" + snippet
            highlights = highlights.map { ($0.lowerBound + 3)..<($0.upperBound + 3) }
        }
        if hi < count { snippet += "…" }
        return Snippet(text: snippet, highlights: highlights)
    }

    /// Random texts of one- to four-byte characters, random passages on character boundaries,
    /// random sorted matches and window sizes: the same snippet as the reference.
    @Test func cutAsWithEveryBoundaryKept() {
        var rng = SplitMix(seed: 14)
        let alphabet: [Character] = ["a", " ", "。", "发", "展", "，", "é", "𠀋", "\n", "国"]
        var compared = 0, cut = 0
        for _ in 0..<3_000 {
            let length = Int(rng.next() % 400)
            let text = String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            var boundaries: [Int] = []
            var offset = 0
            for s in text.unicodeScalars { boundaries.append(offset); offset += String(s).utf8.count }
            boundaries.append(offset)
            let a = Int(rng.next() % UInt64(boundaries.count)), b = Int(rng.next() % UInt64(boundaries.count))
            let passage = boundaries[min(a, b)]..<boundaries[max(a, b)]
            // Sorted, disjoint matches inside the passage, on character boundaries.
            let inside = boundaries.filter { passage.contains($0) || $0 == passage.upperBound }
            var matches: [Range<Int>] = []
            var k = 0
            while k + 1 < inside.count, matches.count < 6 {
                k += 1 + Int(rng.next() % 40)
                guard k + 1 < inside.count else { break }
                let end = min(inside.count - 1, k + 1 + Int(rng.next() % 3))
                matches.append(inside[k]..<inside[end])
                k = end
            }
            let maxCharacters = 20 + Int(rng.next() % 200)
            let made = Snippet.make(text: text, passage: passage, matches: matches, maxCharacters: maxCharacters)
            let expected = Self.reference(text, passage: passage, matches: matches, maxCharacters: maxCharacters)
            #expect(made == expected, "\(passage) \(matches) \(maxCharacters)")
            compared += 1
            if made.text.hasPrefix("…") || made.text.hasSuffix("…") { cut += 1 }
        }
        #expect(compared == 3_000 && cut > 300, "\(cut) cut")
    }
}

