import Foundation
import Testing
@testable import Indexer
import Segmenter

/// Phrases and positions (issue: "Index, second edition", defects 1 and 5; hardening item 1).
@Suite struct Phrases {
    static let documents: [IndexDocument] = [
        IndexDocument(id: "modern", text: "全面建设社会主义现代化国家，推动高质量发展。"),
        IndexDocument(id: "people", text: "发展全过程人民民主，全面推进乡村振兴。"),
        IndexDocument(id: "strategy", text: "实施乡村振兴战略。"),
        IndexDocument(id: "quoted", text: "他谈到“乡村振兴”战略的意义。"),
        IndexDocument(id: "spaced", text: "乡村振兴 战略是总抓手。"),
        IndexDocument(id: "sentence", text: "我们要加快。发展经济是中心。"),
        IndexDocument(id: "paragraph", text: "必须加快\n\n发展新质生产力。"),
        IndexDocument(id: "once", text: "加快发展现代农业。各地加快推进改革，发展产业，加快建设，推动发展。"),
        IndexDocument(id: "thrice", text: "加快发展，加快发展，再加快发展。"),
    ]

    func build() throws -> IndexReader {
        try Corpus.build(temporaryIndexPath(), documents: Self.documents)
    }

    @Test func positionsAreWhereWordsStart() {
        let analyzer = Analyzer(segmenter: Shared.segmenter, mode: .search)
        let terms = analyzer.terms(in: "加快，发展现代农业")
        // 加快 at 0, ， takes one character, 发展 at 3.
        #expect(terms.first { $0.term == "加快" }?.position == 0)
        #expect(terms.first { $0.term == "发展" }?.position == 3)
        // Sub-words have their own positions inside their token.
        let long = analyzer.terms(in: "建设社会主义现代化国家")
        let parent = long.first { !$0.isSubword && $0.term.hasPrefix("社会主义") }
        #expect(parent != nil)
        if let parent, parent.term.count > 4 {
            #expect(long.first { $0.isSubword && $0.term == "现代化" }?.position == parent.position + 4)
        }
        // Spaces and tabs take no room; a line break does.
        #expect(analyzer.terms(in: "乡村振兴 \t战略").map(\.position).last == 4)
        #expect(analyzer.terms(in: "乡村振兴\n战略").map(\.position).last == 5)
    }

    @Test func phrasesOfSubwordsMatch() throws {
        let reader = try build()
        #expect(try Corpus.ids(reader, "\"社会主义 现代化 国家\"") == ["modern"])
        #expect(try Corpus.ids(reader, "\"现代化 国家\"") == ["modern"])
        #expect(try Corpus.ids(reader, "\"高质量 发展\"") == ["modern"])
        #expect(try Corpus.ids(reader, "\"全过程 人民民主\"") == ["people"])
        #expect(Set(try Corpus.ids(reader, "\"乡村 振兴\"")) == ["people", "strategy", "quoted", "spaced"])
        // Out of order or with a gap: no match.
        #expect(try Corpus.ids(reader, "\"国家 现代化\"").isEmpty)
        #expect(try Corpus.ids(reader, "\"社会主义 国家\"").isEmpty)
    }

    @Test func punctuationAndLineBreaksEndAPhrase() throws {
        let reader = try build()
        // Spaces do not count; punctuation does.
        #expect(Set(try Corpus.ids(reader, "\"乡村振兴 战略\"")) == ["strategy", "spaced"])
        // Typed with its punctuation, the phrase matches one character there.
        #expect(try Corpus.ids(reader, "\"乡村振兴”战略\"") == ["quoted"])
        // Not across a sentence end or a paragraph.
        #expect(Set(try Corpus.ids(reader, "\"加快 发展\"")) == ["once", "thrice"])
        #expect(Set(try Corpus.ids(reader, "加快 发展")).isSuperset(of: ["sentence", "paragraph", "once", "thrice"]))
    }

    @Test func phrasesRankByHowOftenTheyOccur() throws {
        let reader = try build()
        for ranking in [Ranking.tfidf, .bm25] {
            // "once" has more 加快 and 发展 but the phrase once; "thrice" has it three times.
            #expect(try Corpus.ids(reader, "\"加快 发展\"", ranking: ranking) == ["thrice", "once"])
        }
    }

    @Test func negatedPhrasesExclude() throws {
        let reader = try build()
        #expect(Set(try Corpus.ids(reader, "乡村振兴 -\"乡村振兴 战略\"")) == ["people", "quoted"])
        #expect(Set(try Corpus.ids(reader, "发展 -\"加快 发展\"")) == ["modern", "people", "sentence", "paragraph"])
        #expect(Set(try Corpus.ids(reader, "发展 -\"加快\"")) == ["modern", "people"])
        let q = Query("乡村振兴 -\"加快 发展\"", analyzer: Corpus.queryAnalyzer)
        #expect(q.groups.count == 1)
        #expect(q.excluded.first?.isPhrase == true)
    }

    @Test func passagesHoldTheirPhrase() throws {
        let reader = try build()
        let hits = try reader.search("\"加快 发展\"", analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 50, passages: true))
        #expect(!hits.isEmpty)
        for hit in hits {
            let text = try reader.text(of: hit)
            let range = try #require(hit.passageRange)
            let passage = String(decoding: Array(text.utf8)[range], as: UTF8.self)
            #expect(passage.contains("加快发展"), "\(hit.id)#\(hit.passageIndex ?? -1): \(passage)")
        }
    }

    /// Phrases drawn at random from the shared corpus (skipped when it is absent): every hit
    /// contains the phrase; the share of the documents containing it that are hits is reported
    /// and must stay high (see the issue note for why a word index cannot reach all of them).
    @Test func randomCorpusPhrases() throws {
        let path = "../shared/corpus/politics.jsonl"
        guard let data = FileManager.default.contents(atPath: path) else { return }
        var documents: [IndexDocument] = []
        for line in data.split(separator: UInt8(ascii: "\n")).prefix(1500) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let id = object["id"] as? String, let text = object["text"] as? String else { continue }
            documents.append(IndexDocument(id: id, text: text))
        }
        let reader = try Corpus.build(temporaryIndexPath(), documents: documents)
        let plain = documents.map { Analyzer.normalize($0.text).replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\t", with: "") }
        var rng = SplitMix(seed: 20261206)
        var phrases: [String] = []
        while phrases.count < 200 {
            let doc = documents[Int(rng.next() % UInt64(documents.count))].text
            let paragraphs = doc.split(separator: "\n").filter { $0.count > 20 }
            guard !paragraphs.isEmpty else { continue }
            let paragraph = String(paragraphs[Int(rng.next() % UInt64(paragraphs.count))])
            let words = Shared.segmenter.tokens(in: paragraph).filter { $0.kind == .ideographic }.map { String($0.text(in: paragraph)) }
            let n = 2 + Int(rng.next() % 3)
            guard words.count >= n else { continue }
            let i = Int(rng.next() % UInt64(words.count - n + 1))
            // Consecutive in the text (no punctuation between them).
            let phrase = words[i..<i + n].joined()
            guard paragraph.contains(phrase) else { continue }
            phrases.append(words[i..<i + n].joined(separator: " "))
        }
        var contained = 0, found = 0
        for phrase in phrases {
            let hits = Set(try reader.search("\"\(phrase)\"", analyzer: Corpus.queryAnalyzer,
                                             options: SearchOptions(top: 100_000)).map(\.id))
            let needle = Analyzer.normalize(phrase.replacingOccurrences(of: " ", with: ""))
            let containing = Set(documents.indices.filter { plain[$0].contains(needle) }.map { documents[$0].id })
            #expect(hits.isSubset(of: containing), "\(phrase): hits without the phrase \(hits.subtracting(containing).prefix(3))")
            contained += containing.count
            found += containing.intersection(hits).count
        }
        let recall = Double(found) / Double(max(contained, 1))
        print("random phrases: \(found) of \(contained) containing documents found (\(recall))")
        // Measured 0.84 on this sample: the misses are strings that, elsewhere, sit across a
        // word boundary the index does not have (的核 inside 的|核心, 领导人 inside 领导人员).
        #expect(recall >= 0.8)
    }
}
