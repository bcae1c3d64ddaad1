import Foundation
import Testing
@testable import Indexer
import Segmenter

/// The analysis recorded in an index (issue "Index, second edition", defect 4; hardening 4, 7).
@Suite struct RecordedAnalysis {
    static let dictionary = IndexAnalysis.UserDictionary(name: "mine.txt", bytes: Array("数智渝城 1000 nz\n".utf8))
    static let documents = [
        IndexDocument(id: "a", text: "建设数智渝城，推动高质量发展。"),
        IndexDocument(id: "b", text: "的经济发展。"),
    ]

    @Test func queriesUseTheRecordedAnalysis() throws {
        let path = temporaryIndexPath()
        let analysis = IndexAnalysis(userDictionaries: [Self.dictionary], stopWords: ["的"])
        let writer = try IndexWriter(directory: path, create: true, analysis: analysis)
        try writer.add(Self.documents)
        try writer.commit()
        let reader = try IndexReader(directory: path)
        #expect(try reader.analysis() == analysis)
        // The user word is one term for the index and, through the recorded analysis, for queries.
        let analyzer = try reader.queryAnalyzer()
        #expect(analyzer.terms(in: "数智渝城").map(\.term) == ["数智渝城"])
        #expect(try reader.search("数智渝城", analyzer: analyzer, options: SearchOptions()).map(\.id) == ["a"])
        #expect(reader.documentFrequency("数智渝城") == 1)
        // Stop words are not indexed and leave queries.
        #expect(reader.documentFrequency("的") == 0)
        #expect(try reader.search("的 经济", analyzer: analyzer, options: SearchOptions()).map(\.id) == ["b"])
        // A segmenter without the dictionary cuts the word otherwise.
        #expect(Analyzer(segmenter: Shared.segmenter, mode: .precise).terms(in: "数智渝城").count > 1)
    }

    @Test func anotherAnalysisIsRefused() throws {
        let path = temporaryIndexPath()
        _ = try IndexWriter(directory: path, create: true, analysis: IndexAnalysis(userDictionaries: [Self.dictionary]))
        #expect(throws: IndexError.self) { _ = try IndexWriter(directory: path, create: false, analysis: IndexAnalysis()) }
        #expect(throws: IndexError.self) { _ = try IndexWriter(directory: path, create: false, analysis: IndexAnalysis(icuOnly: true)) }
        #expect(throws: IndexError.self) {
            _ = try IndexWriter(directory: path, create: true, analysis: IndexAnalysis(userDictionaries: [Self.dictionary], stopWords: ["的"]))
        }
        // The same analysis, or none (the recorded one), is accepted.
        _ = try IndexWriter(directory: path, create: false, analysis: IndexAnalysis(userDictionaries: [Self.dictionary]))
        let writer = try IndexWriter(directory: path, create: false)
        #expect(writer.analysis.userDictionaries == [Self.dictionary])
    }

    @Test func changedAnalysisFilesAreCaught() throws {
        for file in ["stopwords.txt", "dict-1.txt", "analysis"] {
            for change in ["emptied", "deleted", "edited"] {
                let path = temporaryIndexPath()
                let writer = try IndexWriter(directory: path, create: true, analysis: IndexAnalysis(userDictionaries: [Self.dictionary], stopWords: ["的"]))
                try writer.add(Self.documents)
                try writer.commit()
                let target = path + "/" + file
                switch change {
                case "emptied": try Data().write(to: URL(fileURLWithPath: target))
                case "deleted": try FileManager.default.removeItem(atPath: target)
                default:
                    var data = try Data(contentsOf: URL(fileURLWithPath: target))
                    data.append(contentsOf: Array("经济\n".utf8))
                    try data.write(to: URL(fileURLWithPath: target))
                }
                let reader = try IndexReader(directory: path)
                #expect(throws: IndexError.self, "\(file) \(change)") { try reader.verify() }
                #expect(throws: IndexError.self, "\(file) \(change)") { _ = try reader.queryAnalyzer() }
                #expect(throws: IndexError.self, "\(file) \(change)") { _ = try IndexWriter(directory: path, create: false) }
            }
        }
    }

    @Test func aWriterTouchesOnlyItsOwnFiles() throws {
        // A folder that is not an index, with files of its own, is refused and left as it was.
        let path = temporaryIndexPath()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for name in ["seg-notes.txt", "x.tmp"] { FileManager.default.createFile(atPath: path + "/" + name, contents: Data("keep".utf8)) }
        #expect(throws: IndexError.notEmpty(path: path)) { _ = try IndexWriter(directory: path, create: true) }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: path)) == ["seg-notes.txt", "x.tmp"])
        // In an index, a file the writer did not make survives commits and merges.
        let index = temporaryIndexPath()
        let writer = try IndexWriter(directory: index, create: true)
        try writer.add(Self.documents)
        try writer.commit()
        FileManager.default.createFile(atPath: index + "/seg-notes.txt", contents: Data("keep".utf8))
        FileManager.default.createFile(atPath: index + "/seg-000099.idx.tmp", contents: Data())
        try writer.add([IndexDocument(id: "c", text: "乡村振兴")])
        try writer.commit()
        try writer.merge()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: index))
        #expect(names.contains("seg-notes.txt"))
        #expect(!names.contains("seg-000099.idx.tmp"))
        #expect(IndexWriter.isIndexFileName("seg-000001.del-3"))
        #expect(!IndexWriter.isIndexFileName("seg-1.idx"))
        #expect(!IndexWriter.isIndexFileName("notes.tmp"))
    }
}

/// Hardening: stored data and passages (issue "Hardening", items 2, 3, 6).
@Suite struct StoredDataChecks {
    @Test func aMissingStoreIsAClearErrorAtOpen() throws {
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        let store = try #require(try FileManager.default.contentsOfDirectory(atPath: path).first { $0.hasSuffix(".store") })
        try FileManager.default.removeItem(atPath: path + "/" + store)
        #expect(throws: IndexError.self) { _ = try IndexReader(directory: path) }
        do {
            _ = try IndexReader(directory: path)
        } catch {
            #expect("\(error)".contains(store))
        }
    }

    @Test func passageSearchSeesEveryDocumentAndDamage() throws {
        let path = temporaryIndexPath()
        let reader = try Corpus.build(path)
        // Passage mode finds the passages of every matching document.
        let documents = Set(try reader.search("乡村振兴 OR 粮食安全 OR 发展", analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 1000)).map(\.id))
        let passages = try reader.search("乡村振兴 OR 粮食安全 OR 发展", analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 1000, passages: true))
        #expect(Set(passages.map(\.id)) == documents)
        // A damaged passage table is an error, not fewer hits.
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: path).first { $0.hasSuffix(".idx") })
        let segment = try SegmentReader(directory: path, name: String(name.dropLast(4)))
        let offset = segment.fileOffset(of: .passages)
        #expect(offset > 0)
        var data = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
        data[offset] ^= 0x01
        try data.write(to: URL(fileURLWithPath: path + "/" + name))
        let damaged = try IndexReader(directory: path)
        #expect(throws: IndexError.self) {
            _ = try damaged.search("乡村振兴", analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 10, passages: true))
        }
    }

    @Test func tiesComeBackInOneOrder() throws {
        // Many equal scores: the same order in every process (hash seeds differ per process).
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("segtool")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }
        let path = temporaryIndexPath()
        var documents: [IndexDocument] = []
        for i in 0..<300 { documents.append(IndexDocument(id: "d\(i)", text: "我们在会上和代表们的讨论。\n在和的。")) }
        _ = try Corpus.build(path, documents: documents)
        var outputs: Set<String> = []
        for _ in 0..<4 {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["search", "--index", path, "的 OR 在 OR 和", "--passages", "--top", "1000", "--json"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let out = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            outputs.insert(String(decoding: out, as: UTF8.self))
        }
        #expect(outputs.count == 1)
        #expect(outputs.first?.contains("\"id\":\"d0\"") == true)
    }
}

/// Many alternatives (hardening item 18): scored term at a time, the same scores as the sum
/// of the words' own scores.
@Suite struct ManyAlternatives {
    @Test(arguments: [Ranking.tfidf, .bm25])
    func manyTermsScoreAsTheSumOfTheirWords(_ ranking: Ranking) throws {
        let words = (0..<40).map { "w\($0)" }
        var rng = SplitMix(seed: 99)
        var docs: [IndexDocument] = []
        for i in 0..<800 {
            let count = 1 + Int(rng.next() % 8)
            docs.append(IndexDocument(id: "d\(i)", text: (0..<count).map { _ in words[Int(rng.next() % 40)] }.joined(separator: " ")))
        }
        let reader = try Corpus.build(temporaryIndexPath(), documents: docs)
        var expected: [String: Double] = [:]
        for word in words {
            for hit in try reader.search(word, analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 100_000, ranking: ranking)) {
                expected[hit.id, default: 0] += hit.score
            }
        }
        let hits = try reader.search(words.joined(separator: " OR "), analyzer: Corpus.queryAnalyzer,
                                     options: SearchOptions(top: 10, ranking: ranking))
        let best = expected.values.sorted(by: >).prefix(10)
        #expect(hits.count == 10)
        for (hit, score) in zip(hits, best) {
            #expect(abs(hit.score - score) < 1e-9, "\(hit.id): \(hit.score) vs \(score)")
            #expect(abs((expected[hit.id] ?? 0) - hit.score) < 1e-9)
        }
    }
}

/// An index built with `folding: .traditional`: documents and queries are folded alike, so a
/// Simplified query finds a Traditional document and the other way round.
@Suite struct FoldedIndex {
    static let documents = [
        IndexDocument(id: "hant", text: "習近平出席全國人大常委會會議，推進粵港澳大灣區建設，成效顯著。"),
        IndexDocument(id: "hans", text: "国务院常务会议研究粤港澳大湾区发展，成效显著，与时俱进。"),
    ]

    @Test func queriesInEitherScriptFindBoth() throws {
        let path = temporaryIndexPath()
        let analysis = IndexAnalysis(folding: .traditional)
        let writer = try IndexWriter(directory: path, create: true, analysis: analysis)
        try writer.add(Self.documents)
        try writer.commit()
        let reader = try IndexReader(directory: path)
        #expect(try reader.analysis() == analysis)
        #expect(try reader.analysis().folding == .traditional)
        let analyzer = try reader.queryAnalyzer()
        func ids(_ query: String) throws -> Set<String> {
            Set(try reader.search(query, analyzer: analyzer, options: SearchOptions()).map(\.id))
        }
        #expect(try ids("粤港澳大湾区") == ["hant", "hans"])
        #expect(try ids("粵港澳大灣區") == ["hant", "hans"])
        #expect(try ids("习近平") == ["hant"])
        #expect(try ids("全国人大常委会") == ["hant"])
        #expect(try ids("國務院") == ["hans"])
        #expect(try ids("显著") == ["hant", "hans"] && ids("顯著") == ["hant", "hans"])
        #expect(try ids("\"大灣區建設\"") == ["hant"])
        // Terms are the folded text.
        #expect(reader.documentFrequency("全国人大常委会") == 1 && reader.documentFrequency("全國人大常委會") == 0)
        // Without folding, the Traditional document is not found by the Simplified word.
        let plainPath = temporaryIndexPath()
        let plain = try IndexWriter(directory: plainPath, create: true, analysis: IndexAnalysis())
        try plain.add(Self.documents)
        try plain.commit()
        let plainReader = try IndexReader(directory: plainPath)
        #expect(Set(try plainReader.search("粤港澳大湾区", analyzer: try plainReader.queryAnalyzer(), options: SearchOptions()).map(\.id)) == ["hans"])
        // The two analyses differ, and an addition with the other is refused.
        #expect(IndexAnalysis().differences(from: analysis) == ["Traditional characters read as written"])
        #expect(throws: IndexError.self) { _ = try IndexWriter(directory: path, create: false, analysis: IndexAnalysis()) }
    }

    /// Keywords of a Traditional text, with a folding segmenter, are those of its Simplified
    /// form (found in the IDF table under their Simplified form), by TF-IDF and TextRank.
    @Test func keywordsOfTraditionalTextAreThoseOfItsSimplifiedForm() throws {
        let simplified = "全面推进乡村振兴，抓好高标准农田建设，守住粮食安全底线。乡村振兴要坚持农业农村优先发展，乡村振兴取得新进展。"
        let traditional = "全面推進鄉村振興，抓好高標準農田建設，守住糧食安全底線。鄉村振興要堅持農業農村優先發展，鄉村振興取得新進展。"
        let table = IDFTable(documents: 100, values: ["乡村振兴": 2.0, "粮食安全": 3.0, "高标准农田": 4.0, "建设": 0.5])
        let plain = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: [])
        let folding = KeywordExtractor(segmenter: try Segmenter(folding: .traditional), idf: table, stopWords: [])
        let expected = plain.tfidf(simplified, top: 6)
        #expect(expected.first?.word == "高标准农田" || expected.first?.word == "乡村振兴")
        #expect(folding.tfidf(traditional, top: 6).map(\.word) == expected.map(\.word))
        #expect(folding.tfidf(traditional, top: 6).map(\.weight) == expected.map(\.weight))
        #expect(folding.textRank(traditional, top: 5).map(\.word) == plain.textRank(simplified, top: 5).map(\.word))
    }
}
