import Foundation
import Testing
@testable import Indexer
import Segmenter

/// A fresh temporary directory for an index.
func temporaryIndexPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("segtool-test-\(UUID().uuidString)").path
}

/// Documents written by the team for the index tests.
enum Corpus {
    static let documents: [IndexDocument] = [
        IndexDocument(id: "rural", title: "乡村振兴", text: "全面推进乡村振兴，加快建设农业强国。\n乡村振兴要守住粮食安全底线，抓好高标准农田建设。"),
        IndexDocument(id: "grain", title: "粮食", text: "粮食安全是国之大者。\n各地加快发展现代农业，稳定粮食生产。"),
        IndexDocument(id: "cppcc", title: "协商", text: "市政协围绕成渝地区双城经济圈建设开展专题协商。\n委员们积极参政议政，推动提案办理。"),
        IndexDocument(id: "democracy", title: nil, text: "坚持发扬全过程人民民主，推进协商民主广泛多层制度化发展。"),
        IndexDocument(id: "reform", title: "改革", text: "深化改革开放，加快发展新质生产力，推动高质量发展。"),
        IndexDocument(id: "english", title: "GDP", text: "全年ＧＤＰ增长5.5%，COVID-19疫情防控平稳转段。"),
    ]

    static func build(_ path: String, documents: [IndexDocument] = documents) throws -> IndexReader {
        let writer = try IndexWriter(directory: path, create: true)
        try writer.add(documents)
        try writer.commit()
        return try IndexReader(directory: path)
    }

    static let queryAnalyzer = Analyzer(segmenter: Shared.segmenter, mode: .precise)

    static func ids(_ reader: IndexReader, _ query: String, ranking: Ranking = .tfidf, top: Int = 10) throws -> [String] {
        try reader.search(query, analyzer: queryAnalyzer, options: SearchOptions(top: top, ranking: ranking)).map(\.id)
    }
}

@Suite struct StorageRoundTrips {
    @Test func bitPackingRoundTripsAnyWidthAndCount() {
        var rng = SystemRandomNumberGenerator()
        for width in 0...32 {
            for count in [0, 1, 7, 127, 128] {
                let values: [UInt32] = (0..<count).map { _ in
                    width == 0 ? 0 : (width == 32 ? UInt32.random(in: 0...UInt32.max, using: &rng) : UInt32.random(in: 0..<(1 << UInt32(width)), using: &rng))
                }
                var w = ByteWriter()
                let measured = values.withUnsafeBufferPointer { BitPacking.width($0) }
                #expect(measured <= width)
                values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &w) }
                #expect(w.count == BitPacking.byteCount(count: count, width: width))
                // Exactly the packed bytes (the careful path at the end of data), and the same
                // bytes with others before and after (the 8-bytes-at-a-time path).
                for (before, after) in [(0, 0), (3, 16)] {
                    let bytes = [UInt8](repeating: 0xA5, count: before) + w.bytes + [UInt8](repeating: 0x5A, count: after)
                    var out = [UInt32](repeating: 9, count: 128)
                    let ok = bytes.withUnsafeBytes { raw in
                        out.withUnsafeMutableBufferPointer { BitPacking.unpack(ByteReader(base: raw), at: before, count: count, width: width, into: $0) }
                    }
                    #expect(ok)
                    #expect(Array(out[0..<count]) == values, "width \(width) count \(count) padding \(before)/\(after)")
                }
            }
        }
        // Out of bounds is refused, not read.
        var out = [UInt32](repeating: 0, count: 128)
        let refused = [UInt8](repeating: 0xFF, count: 3).withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { BitPacking.unpack(ByteReader(base: raw), at: 0, count: 128, width: 9, into: $0) }
        }
        #expect(!refused)
    }

    /// Rice blocks (tfs) and PFOR blocks (document gaps): random values of several scales,
    /// outliers that take the escape or the patches, and damaged bytes refused rather than
    /// read out of bounds.
    @Test func riceAndPatchedFrameRoundTrips() {
        var rng = SplitMix(seed: 11)
        for scale in [0, 1, 3, 40, 900, 70_000] {
            for count in [1, 2, 31, 128] {
                var values: [UInt32] = (0..<count).map { _ in scale == 0 ? 0 : UInt32(rng.next() % UInt64(scale + 1)) }
                if count > 2 { values[count / 2] = UInt32.max - UInt32(rng.next() % 1000) }  // an outlier
                var w = ByteWriter()
                w.u8(0xEE)  // data before the block
                let start = w.count
                values.withUnsafeBufferPointer { RiceCoding.encode($0, into: &w) }
                let riceEnd = w.count
                values.withUnsafeBufferPointer { PatchedFrame.encode($0, into: &w) }
                let pforEnd = w.count
                w.append(repeatElement(0, count: RiceCoding.padding))
                w.bytes.withUnsafeBytes { raw in
                    let reader = ByteReader(base: raw)
                    var out = [UInt32](repeating: 7, count: count)
                    let end = out.withUnsafeMutableBufferPointer { RiceCoding.decode(reader, at: start, count: count, into: $0.baseAddress!) }
                    #expect(end == riceEnd, "rice scale \(scale) count \(count)")
                    #expect(out == values, "rice scale \(scale) count \(count)")
                    var patched = [UInt32](repeating: 7, count: count)
                    let pEnd = patched.withUnsafeMutableBufferPointer { PatchedFrame.decode(reader, at: riceEnd, count: count, into: $0.baseAddress!) }
                    #expect(pEnd == pforEnd)
                    #expect(patched == values, "pfor scale \(scale) count \(count)")
                }
                // Missing its last byte: refused, never read past the end.
                let cut = Array(w.bytes[0..<riceEnd - 1])
                cut.withUnsafeBytes { raw in
                    var out = [UInt32](repeating: 0, count: count)
                    let end = out.withUnsafeMutableBufferPointer { RiceCoding.decode(ByteReader(base: raw), at: start, count: count, into: $0.baseAddress!) }
                    #expect(end == nil)
                }
            }
        }
        // A run of zeros longer than any quotient is damage.
        let zeros = [UInt8](repeating: 0, count: 32)
        zeros.withUnsafeBytes { raw in
            var out = [UInt32](repeating: 0, count: 4)
            #expect(out.withUnsafeMutableBufferPointer { RiceCoding.decode(ByteReader(base: raw), at: 0, count: 4, into: $0.baseAddress!) } == nil)
        }
    }

    /// Position blocks (`PositionCoding`): postings of random frequencies in documents of
    /// random lengths, positions of several scales and outliers that take the escape list;
    /// every posting read after skipping the ones before it, as a cursor does; a cut block
    /// refused.
    @Test func positionBlocksRoundTrip() {
        var rng = SplitMix(seed: 12)
        for scale in [1, 30, 2_000, 300_000] {
            for postings in [1, 2, 17, 128] {
                let tfs: [UInt32] = (0..<postings).map { _ in UInt32(1 + (rng.next() % 4 == 0 ? rng.next() % 60 : rng.next() % 3)) }
                let scales: [Int] = (0..<postings).map { _ in Int(PositionCoding.scale(length: Int(rng.next() % 5_000))) }
                // Per posting: the first position, then tf − 1 gaps.
                var values: [UInt32] = []
                for tf in tfs { for _ in 0..<tf { values.append(UInt32(rng.next() % UInt64(scale + 1))) } }
                if values.count > 3 { values[values.count / 2] = UInt32.max - UInt32(rng.next() % 1000) }  // an outlier
                var w = ByteWriter()
                w.u8(0xEE)  // data before the block
                let start = w.count
                var scratch = PositionCoding.Scratch()
                PositionCoding.encode(values, tfs: tfs[...], scales: scales, scratch: &scratch, into: &w)
                let end = w.count
                w.append(repeatElement(0, count: RiceCoding.padding))
                do {
                    w.bytes.withUnsafeBytes { raw in
                        let reader = ByteReader(base: raw)
                        var first = 0
                        for p in 0..<postings {
                            let hasGaps = tfs.contains { $0 > 1 }
                            guard var cursor = RiceCursor(reader, at: start, hasGaps: hasGaps) else {
                                Issue.record("block refused: scale \(scale) postings \(postings)")
                                return
                            }
                            var total = 0
                            for q in 0..<postings {
                                total += PositionCoding.remainderBits(tf: Int(tfs[q]), scale: scales[q], firstBase: cursor.firstBase, gapBase: cursor.gapBase)
                            }
                            let started = cursor.start(values: values.count, remainderBits: total)
                            #expect(started)
                            var bits = 0
                            for q in 0..<p {
                                bits += PositionCoding.remainderBits(tf: Int(tfs[q]), scale: scales[q], firstBase: cursor.firstBase, gapBase: cursor.gapBase)
                            }
                            let skipped = cursor.skip(first, remainderBits: bits)
                            #expect(skipped)
                            var read: [UInt32] = []
                            for k in 0..<Int(tfs[p]) {
                                let width = PositionCoding.width(base: k == 0 ? cursor.firstBase : cursor.gapBase, scale: scales[p], tf: Int(tfs[p]))
                                if let v = cursor.next(width: width) { read.append(v) }
                            }
                            #expect(read == Array(values[first..<first + Int(tfs[p])]), "scale \(scale) postings \(postings) posting \(p)")
                            first += Int(tfs[p])
                        }
                    }
                    // Cut inside the block: refused or short, never read past the end.
                    let cut = Array(w.bytes[0..<max(start + 1, end - 2)])
                    cut.withUnsafeBytes { raw in
                        guard var cursor = RiceCursor(ByteReader(base: raw), at: start, hasGaps: tfs.contains { $0 > 1 }) else { return }
                        var total = 0
                        for q in 0..<postings {
                            total += PositionCoding.remainderBits(tf: Int(tfs[q]), scale: scales[q], firstBase: cursor.firstBase, gapBase: cursor.gapBase)
                        }
                        guard cursor.start(values: values.count, remainderBits: total) else { return }
                        var n = 0
                        for (p, tf) in tfs.enumerated() {
                            for k in 0..<Int(tf) {
                                guard cursor.next(width: PositionCoding.width(base: k == 0 ? cursor.firstBase : cursor.gapBase, scale: scales[p], tf: Int(tf))) != nil else { break }
                                n += 1
                            }
                        }
                        #expect(n < values.count)
                    }
                }
            }
        }
    }

    @Test func varintsAndChecksums() {
        var w = ByteWriter()
        let values: [UInt32] = [0, 1, 127, 128, 300, 16384, UInt32.max]
        for v in values { w.varint(v) }
        w.bytes.withUnsafeBytes { raw in
            let r = ByteReader(base: raw)
            var at = 0
            for v in values {
                let (x, next) = r.varint(at) ?? (1, 0)
                #expect(x == v)
                at = next
            }
            #expect(r.varint(at) == nil)
        }
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array(repeating: 0xAB, count: 1000)) == CRC32.checksum(Array(repeating: 0xAB, count: 1000)))
    }
}

@Suite struct QuerySemantics {
    @Test func booleanAndPhraseQueries() throws {
        let path = temporaryIndexPath()
        let reader = try Corpus.build(path)
        #expect(reader.documentCount == 6)
        #expect(Set(try Corpus.ids(reader, "乡村振兴")) == ["rural"])
        #expect(Set(try Corpus.ids(reader, "粮食安全")) == ["rural", "grain"])
        // AND by default.
        #expect(Set(try Corpus.ids(reader, "粮食安全 乡村振兴")) == ["rural"])
        // OR.
        #expect(Set(try Corpus.ids(reader, "乡村振兴 OR 协商民主")) == ["rural", "democracy"])
        // Exclusion.
        #expect(Set(try Corpus.ids(reader, "粮食安全 -乡村振兴")) == ["grain"])
        // Phrase: adjacent positions only.
        #expect(Set(try Corpus.ids(reader, "\"加快 发展\"")) == ["grain", "reform"])
        #expect(Set(try Corpus.ids(reader, "加快 发展")) == ["grain", "reform"])
        #expect(try Corpus.ids(reader, "\"发展 加快\"").isEmpty)
        // Three words: all adjacent, in order.
        #expect(try Corpus.ids(reader, "\"加快 发展 现代\"") == ["grain"])
        #expect(try Corpus.ids(reader, "\"各地 加快 发展 现代 农业\"") == ["grain"])
        #expect(try Corpus.ids(reader, "\"加快 现代 发展\"").isEmpty)
        #expect(try Corpus.ids(reader, "\"加快 发展 农业\"").isEmpty)
        // Search-mode sub-words: a part of a long term finds it.
        #expect(Set(try Corpus.ids(reader, "人民民主")).contains("democracy"))
        // Full-width and case folding.
        #expect(try Corpus.ids(reader, "gdp") == ["english"])
        #expect(try Corpus.ids(reader, "ＣＯＶＩＤ-19") == ["english"])
        // Nothing, and terms the index lacks.
        #expect(try Corpus.ids(reader, "量子计算").isEmpty)
        #expect(try Corpus.ids(reader, "，。").isEmpty)
    }

    @Test func queryParsing() {
        let q = Query("乡村振兴 粮食安全 OR 高标准农田 -改革 \"加快 发展\"", analyzer: Corpus.queryAnalyzer)
        #expect(q.groups.count == 3)
        #expect(q.groups[1].map(\.terms) == [["粮食安全"], ["高标准农田"]])
        #expect(q.excluded.map(\.terms) == [["改革"]])
        #expect(q.groups[2].first?.isPhrase == true)
        #expect(q.groups[2].first?.terms == ["加快", "发展"])
    }
}

@Suite struct Ranking_ {
    @Test func scoresMatchHandComputedValues() throws {
        let path = temporaryIndexPath()
        let reader = try Corpus.build(path)
        let n = 6.0
        let hits = try reader.search("粮食安全", analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 10, ranking: .tfidf))
        #expect(hits.count == 2)
        // Document lengths: their precise terms (punctuation dropped).
        func length(_ id: String) -> Double {
            let text = Corpus.documents.first { $0.id == id }?.text ?? ""
            return Double(Shared.segmenter.tokens(in: text).filter { ![.punctuation, .whitespace, .symbol].contains($0.kind) }.count)
        }
        let idf = log(1 + n / 2)
        let expected = ["rural": 1 * idf / length("rural").squareRoot(), "grain": 1 * idf / length("grain").squareRoot()]
        for hit in hits { #expect(abs(hit.score - (expected[hit.id] ?? 0)) < 1e-9, "\(hit.id)") }

        let bm25 = try reader.search("乡村振兴", analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 1, ranking: .bm25))
        let avg = Double(reader.totalLength) / n
        let idfBM = log(1 + (n - 1 + 0.5) / (1 + 0.5))
        let tf = 2.0
        let want = idfBM * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length("rural") / avg))
        #expect(abs((bm25.first?.score ?? 0) - want) < 1e-9)
    }

    /// Pruned top-k (block-max, MaxScore, block-max AND) against exhaustive scoring, on a
    /// corpus large enough for many blocks.
    @Test(arguments: [Ranking.tfidf, .bm25])
    func prunedTopKEqualsExhaustive(_ ranking: Ranking) throws {
        let words = ["改革", "开放", "创新", "协调", "绿色", "共享", "安全", "民生", "教育", "医疗"]
        var rng = SplitMix(seed: 42)
        var docs: [IndexDocument] = []
        for i in 0..<1500 {
            let count = 1 + Int(rng.next() % 12)
            let body = (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: "，")
            docs.append(IndexDocument(id: "d\(i)", text: body + "。"))
        }
        let path = temporaryIndexPath()
        let reader = try Corpus.build(path, documents: docs)
        try expectPrunedMatchesExhaustive(reader, ranking: ranking, queries: [
            "改革", "医疗", "改革 开放", "改革 开放 医疗", "创新 OR 绿色 OR 医疗", "教育 OR 民生", "\"改革 开放\"",
            "\"改革 开放\" 医疗", "改革 创新 OR 绿色", "安全 -民生", "安全 -\"民生 教育\""])
    }

    /// The top 10 with pruning has the scores of the top 10 of an exhaustive search (a top
    /// larger than the index: the threshold never rises, nothing is skipped).
    /// - Returns: each query's exhaustive hits.
    @discardableResult
    func expectPrunedMatchesExhaustive(_ reader: IndexReader, ranking: Ranking, queries: [String]) throws -> [String: [SearchHit]] {
        var results: [String: [SearchHit]] = [:]
        for query in queries {
            let pruned = try reader.search(query, analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 10, ranking: ranking))
            let all = try reader.search(query, analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 100_000, ranking: ranking))
            #expect(pruned.count == min(10, all.count), "\(query)")
            for (a, b) in zip(pruned, all.prefix(10)) {
                #expect(abs(a.score - b.score) < 1e-9, "\(query): \(a.id) \(a.score) vs \(b.id) \(b.score)")
            }
            results[query] = all
        }
        return results
    }

    /// The same across segments whose own average lengths differ from the index's (the
    /// BM25 block bounds are computed at each segment's average and must hold at any other),
    /// with deleted documents.
    @Test(arguments: [Ranking.tfidf, .bm25])
    func prunedTopKEqualsExhaustiveAcrossSegments(_ ranking: Ranking) throws {
        let words = ["改革", "开放", "创新", "协调", "绿色", "共享", "安全", "民生", "教育", "医疗"]
        var rng = SplitMix(seed: 7)
        let path = temporaryIndexPath()
        let writer = try IndexWriter(directory: path, create: true)
        for (segment, lengths) in [(0, 1...3), (1, 10...40), (2, 2...12)] {
            var docs: [IndexDocument] = []
            for i in 0..<700 {
                let count = lengths.lowerBound + Int(rng.next() % UInt64(lengths.count))
                // Skewed word choice: some words repeat within a document (tf > 1).
                let body = (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count)) * Int(rng.next() % 2) ] }
                docs.append(IndexDocument(id: "s\(segment)-\(i)", text: body.joined(separator: "，") + "。"))
            }
            try writer.add(docs)
            try writer.commit()
        }
        for i in stride(from: 0, to: 700, by: 9) { _ = writer.delete(id: "s1-\(i)") }
        try writer.commit()
        let reader = try IndexReader(directory: path)
        #expect(reader.segments.count == 3)
        try expectPrunedMatchesExhaustive(reader, ranking: ranking, queries: [
            "改革", "医疗", "改革 开放", "改革 开放 医疗", "创新 OR 绿色 OR 医疗", "\"改革 开放\"", "安全 -民生"])
    }

    /// Alternatives of rare terms over many documents: one-block lists, so MaxScore's windows
    /// span the whole segment and are cut into sub-windows of a few thousand documents.
    @Test(arguments: [Ranking.tfidf, .bm25])
    func alternativesOfRareTermsOverManyDocuments(_ ranking: Ranking) throws {
        let rare = ["经济", "浦东", "深圳", "海南"]
        let common = ["改革", "开放", "创新", "协调"]
        var rng = SplitMix(seed: 23)
        var docs: [IndexDocument] = []
        for i in 0..<9000 {
            var words = (0..<3).map { _ in common[Int(rng.next() % UInt64(common.count))] }
            if rng.next() % 90 == 0 { words.append(rare[Int(rng.next() % UInt64(rare.count))]) }
            if rng.next() % 400 == 0 { words += Array(repeating: rare[Int(rng.next() % UInt64(rare.count))], count: 2) }
            docs.append(IndexDocument(id: "m\(i)", text: words.joined(separator: "，") + "。"))
        }
        let reader = try Corpus.build(temporaryIndexPath(), documents: docs)
        let queries = ["经济 OR 浦东 OR 深圳", "海南 OR 经济", "经济 OR 改革"]
        let exhaustive = try expectPrunedMatchesExhaustive(reader, ranking: ranking, queries: queries)
        for query in queries {
            // Every document with a query word is found (no window lost).
            let words = query.split(separator: " ").filter { $0 != "OR" }
            let expected = docs.filter { doc in words.contains { doc.text.contains($0) } }.count
            #expect(expected > 10 && exhaustive[query]?.count == expected, "\(query)")
        }
    }

    @Test func passageHits() throws {
        let reader = try Corpus.build(temporaryIndexPath())
        let hits = try reader.search("粮食安全", analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 10, passages: true))
        #expect(hits.count == 2)
        for hit in hits {
            let text = try reader.text(of: hit)
            let range = try #require(hit.passageRange)
            let passage = String(decoding: Array(text.utf8)[range], as: UTF8.self)
            #expect(passage.contains("粮食安全"), "\(passage)")
        }
        // A document hit's best passage is the one with the term.
        let doc = try #require(try reader.search("高标准农田", analyzer: Corpus.queryAnalyzer, options: SearchOptions()).first)
        let best = try reader.bestPassage(of: doc, query: Query("高标准农田", analyzer: Corpus.queryAnalyzer), ranking: .tfidf)
        #expect(best.index == 1)
        // A phrase ranked by passages: the positions of each posting are read for the phrase
        // check and again to place the matches in passages.
        let phraseHits = try reader.search("\"加快 发展\"", analyzer: Corpus.queryAnalyzer, options: SearchOptions(top: 10, passages: true))
        #expect(Set(phraseHits.map { "\($0.id)#\($0.passageIndex ?? -1)" }) == ["grain#1", "reform#0"])
        for hit in phraseHits {
            let range = try #require(hit.passageRange)
            let passage = String(decoding: Array(try reader.text(of: hit).utf8)[range], as: UTF8.self)
            #expect(passage.contains("加快发展"), "\(passage)")
        }
    }
}

/// A deterministic generator for test corpora.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct KeywordsFromAnIndex {
    @Test func idfFromTheIndexStatistics() throws {
        let reader = try Corpus.build(temporaryIndexPath())
        let table = try IDFTable(index: reader)
        // 粮食安全 is in 2 of 6 documents: ln(6/2); an unknown word gets ln(6).
        #expect(abs(table.idf("粮食安全") - log(3.0)) < 1e-12)
        #expect(abs(table.idf("量子计算") - log(6.0)) < 1e-12)
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: table, stopWords: StopWords.builtin)
        let top = extractor.tfidf(Corpus.documents[0].text, top: 3).map(\.word)
        #expect(top.first == "乡村振兴")
    }

    @Test func particlesAndOrdinalsAreNotKeywords() {
        let extractor = KeywordExtractor(segmenter: Shared.segmenter, idf: IDFTable(documents: 1, values: [:]), stopWords: [])
        let words = extractor.candidates("她的第24届会议作了报告。")
        #expect(!words.contains("她的") && !words.contains("作了") && !words.contains("第24"))
        let fast = extractor.tfidf("她的第24届会议作了报告。", top: 10).map(\.word)
        #expect(!fast.contains("她的") && !fast.contains("作了") && !fast.contains("第24"))
    }
}
