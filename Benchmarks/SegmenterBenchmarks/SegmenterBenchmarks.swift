import Benchmark
import Foundation
import Indexer
import Segmenter

// Segmentation throughput (ICU alone, precise, search) over the same text, and the cost of
// loading the built-in dictionary and of making a segmenter. See ../README.md.

/// Bytes of text segmented per second, timed around each pass and shown in thousands (so
/// 9000 K is 9 MB/s, the unit of `segtool bench`).
let textThroughput = BenchmarkMetric.custom("Text (bytes/s)", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    // One iteration segments the whole sample (about 2 MB), paragraph by paragraph: a pass
    // takes tens to hundreds of milliseconds, so no inner scaling; about 50 passes per mode.
    let segmentConfiguration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal, textThroughput],
        units: [textThroughput: .kilo],
        warmupIterations: 2,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 50
    )

    Benchmark("Segment/ICU alone", configuration: segmentConfiguration) { benchmark, segmenter in
        segmentSample(benchmark, segmenter, mode: .precise)
    } setup: {
        _ = Sample.shared
        return try Segmenter.icuBaseline()
    }

    Benchmark("Segment/precise", configuration: segmentConfiguration) { benchmark, segmenter in
        segmentSample(benchmark, segmenter, mode: .precise)
    } setup: {
        _ = Sample.shared
        return try Segmenter()
    }

    Benchmark("Segment/search", configuration: segmentConfiguration) { benchmark, segmenter in
        segmentSample(benchmark, segmenter, mode: .search)
    } setup: {
        _ = Sample.shared
        return try Segmenter()
    }

    // Parsing every embedded lexicon file and inserting its entries into a new Lexicon: what
    // `BuiltinDictionary.loaded` does once per process (which is why it is redone by hand here).
    Benchmark(
        "Dictionary/load",
        configuration: .init(
            metrics: [.throughput, .wallClock, .mallocCountTotal],
            warmupIterations: 1,
            scalingFactor: .one,
            maxDuration: .seconds(5),
            maxIterations: 50
        )
    ) { benchmark, files in
        for _ in benchmark.scaledIterations {
            var lexicon = Lexicon()
            for file in files {
                let parsed: DictionaryFile
                do {
                    parsed = try DictionaryFile(bytes: file.bytes, name: "Dictionaries/" + file.name)
                } catch {
                    fatalError("Dictionaries/\(file.name): \(error)")
                }
                for entry in parsed.entries(origin: .builtin(file: file.name)) { lexicon.insert(entry) }
            }
            blackHole(lexicon.count)
        }
    } setup: {
        BuiltinDictionary.lexiconFiles
    }

    // `Segmenter()` with the built-in lexicon already loaded (setup loads it): a copy of the
    // cached lexicon and a new ICU word-break engine. The first call in a process also pays
    // for Dictionary/load.
    Benchmark(
        "Segmenter/init",
        configuration: .init(
            metrics: [.throughput, .wallClock, .mallocCountTotal],
            warmupIterations: 10,
            scalingFactor: .kilo,
            maxDuration: .seconds(3)
        )
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            do {
                blackHole(try Segmenter())
            } catch {
                fatalError("Segmenter(): \(error)")
            }
        }
    } setup: {
        _ = try Segmenter()
    }

    // Index build: the sample's paragraphs as documents, analysed on all cores, written and
    // committed to a fresh directory each iteration.
    Benchmark(
        "Index/build",
        configuration: .init(
            metrics: [.throughput, .wallClock, .mallocCountTotal, textThroughput],
            units: [textThroughput: .kilo],
            warmupIterations: 1,
            scalingFactor: .one,
            maxDuration: .seconds(10),
            maxIterations: 10
        )
    ) { (benchmark: Benchmark, segmenter: Segmenter) in
        let documents = Sample.shared.documents
        let clock = ContinuousClock()
        for _ in benchmark.scaledIterations {
            let directory = NSTemporaryDirectory() + "segtool-bench-\(UUID().uuidString)"
            let start = clock.now
            do {
                let writer = try IndexWriter(directory: directory, create: true, segmenter: segmenter)
                writer.threads = ProcessInfo.processInfo.activeProcessorCount
                try writer.add(documents)
                try writer.commit()
            } catch {
                fatalError("index build: \(error)")
            }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if seconds > 0 { benchmark.measurement(textThroughput, Int(Double(Sample.shared.bytes.count) / seconds)) }
            try? FileManager.default.removeItem(atPath: directory)
        }
    } setup: {
        _ = Sample.shared
        return try Segmenter()
    }

    // Query latency by query type, warm, one thread, top 10, on an index of the sample.
    let queries: [(String, String)] = [
        ("frequent word", "发展"), ("rare word", "雄安新区"), ("2-word AND", "乡村振兴 粮食安全"),
        ("3-word OR", "教育 OR 医疗 OR 就业"), ("2-word phrase", "\"加快 发展\""),
    ]
    for (label, text) in queries {
        Benchmark(
            "Query/\(label)",
            configuration: .init(
                metrics: [.throughput, .wallClock, .mallocCountTotal],
                warmupIterations: 20,
                scalingFactor: .one,
                maxDuration: .seconds(3),
                maxIterations: 5000
            )
        ) { (benchmark: Benchmark, state: (reader: IndexReader, query: Query)) in
            for _ in benchmark.scaledIterations {
                do {
                    blackHole(try state.reader.search(state.query, options: SearchOptions(top: 10)))
                } catch {
                    fatalError("search: \(error)")
                }
            }
        } setup: { () throws -> (reader: IndexReader, query: Query) in
            let index = try SampleIndex.shared()
            return (reader: index, query: Query(text, analyzer: Analyzer(segmenter: try Segmenter(), mode: .precise)))
        }
    }

    // Keyword extraction (TF-IDF, top 10, built-in IDF and stop words), each paragraph a document.
    Benchmark(
        "Keywords/tfidf",
        configuration: .init(
            metrics: [.throughput, .wallClock, .mallocCountTotal, textThroughput],
            units: [textThroughput: .kilo],
            warmupIterations: 1,
            scalingFactor: .one,
            maxDuration: .seconds(5),
            maxIterations: 30
        )
    ) { (benchmark: Benchmark, extractor: KeywordExtractor) in
        let documents = Sample.shared.documents
        let clock = ContinuousClock()
        for _ in benchmark.scaledIterations {
            let start = clock.now
            var count = 0
            for d in documents { count += extractor.tfidf(d.text, top: 10).count }
            blackHole(count)
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if seconds > 0 { benchmark.measurement(textThroughput, Int(Double(Sample.shared.bytes.count) / seconds)) }
        }
    } setup: {
        _ = Sample.shared
        return KeywordExtractor(segmenter: try Segmenter(), idf: IDFTable.builtin ?? IDFTable(documents: 0, values: [:]), stopWords: StopWords.builtin)
    }
}

/// One index of the sample per process, for the query benchmarks.
enum SampleIndex {
    nonisolated(unsafe) private static var reader: IndexReader?

    static func shared() throws -> IndexReader {
        if let reader { return reader }
        let directory = NSTemporaryDirectory() + "segtool-bench-index-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: directory)
        let writer = try IndexWriter(directory: directory, create: true, segmenter: try Segmenter())
        try writer.add(Sample.shared.documents)
        try writer.commit()
        let opened = try IndexReader(directory: directory)
        reader = opened
        return opened
    }
}

/// Segments every paragraph of the sample once, into a reused token buffer.
func segmentSample(_ benchmark: Benchmark, _ segmenter: Segmenter, mode: Segmenter.Mode) {
    let sample = Sample.shared
    var tokens: [Token] = []
    tokens.reserveCapacity(16 * 1024)
    let clock = ContinuousClock()
    for _ in benchmark.scaledIterations {
        var count = 0
        let start = clock.now
        sample.bytes.withUnsafeBufferPointer { all in
            for range in sample.paragraphs {
                tokens.removeAll(keepingCapacity: true)
                do {
                    try segmenter.segment(utf8: UnsafeBufferPointer(rebasing: all[range]), mode: mode, into: &tokens)
                } catch {
                    fatalError("segment: \(error)")
                }
                count += tokens.count
            }
        }
        let elapsed = clock.now - start
        blackHole(count)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if seconds > 0 {
            benchmark.measurement(textThroughput, Int(Double(sample.bytes.count) / seconds))
        }
    }
}

/// The text every segmentation benchmark reads: the first ~2 MB of the corpus's `text` fields,
/// split into paragraphs, or a generated sample when there is no corpus.
struct Sample: Sendable {
    static let targetBytes = 2_000_000

    /// All paragraphs' UTF-8 bytes, one after another.
    let bytes: [UInt8]
    /// Each paragraph's range in `bytes`.
    let paragraphs: [Range<Int>]
    /// Where the text came from.
    let origin: String

    /// The paragraphs as documents, for the index and keyword benchmarks.
    var documents: [IndexDocument] {
        paragraphs.enumerated().map { i, range in
            IndexDocument(id: "p\(i)", text: String(decoding: bytes[range], as: UTF8.self))
        }
    }

    static let shared: Sample = {
        let sample = load()
        FileHandle.standardError.write(Data(
            "SegmenterBenchmarks: \(sample.bytes.count) bytes in \(sample.paragraphs.count) paragraphs from \(sample.origin)\n".utf8))
        return sample
    }()

    init(paragraphs texts: [String], origin: String) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for text in texts {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            ranges.append(start..<bytes.count)
        }
        self.bytes = bytes
        self.paragraphs = ranges
        self.origin = origin
    }

    static func load() -> Sample {
        guard let path = corpusPath() else { return generated() }
        do {
            return try fromCorpus(path)
        } catch {
            FileHandle.standardError.write(Data("SegmenterBenchmarks: cannot read \(path) (\(error)); using the generated sample\n".utf8))
            return generated()
        }
    }

    /// `$SEGTOOL_CORPUS`, else `../shared/corpus/politics.jsonl` from the repository root (the
    /// folder above this package, found from the source file or the working directory).
    static func corpusPath() -> String? {
        if let path = ProcessInfo.processInfo.environment["SEGTOOL_CORPUS"], !path.isEmpty {
            return path
        }
        let fm = FileManager.default
        var roots: [URL] = [
            // .../Benchmarks/SegmenterBenchmarks/SegmenterBenchmarks.swift -> the repository root
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent(),
        ]
        var dir = URL(fileURLWithPath: fm.currentDirectoryPath)
        while dir.path != "/" {
            if fm.fileExists(atPath: dir.appendingPathComponent("Benchmarks/SegmenterBenchmarks").path) { roots.append(dir) }
            dir = dir.deletingLastPathComponent()
        }
        for root in roots {
            let candidate = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/politics.jsonl").standardizedFileURL.path
            if fm.isReadableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Reads JSON Lines until the `text` fields' paragraphs reach `targetBytes`.
    static func fromCorpus(_ path: String) throws -> Sample {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var texts: [String] = []
        var total = 0
        var pending = Data()
        func take(_ line: Data) throws -> Bool {
            guard !line.isEmpty else { return false }
            let object = try JSONSerialization.jsonObject(with: line)
            guard let text = (object as? [String: Any])?["text"] as? String else { return false }
            for paragraph in text.split(separator: "\n") where !paragraph.isEmpty {
                texts.append(String(paragraph))
                total += paragraph.utf8.count
                if total >= targetBytes { return true }
            }
            return false
        }
        reading: while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty {
                _ = try take(pending)
                break
            }
            pending.append(chunk)
            var lineStart = pending.startIndex
            while let newline = pending[lineStart...].firstIndex(of: 0x0A) {
                if try take(Data(pending[lineStart..<newline])) { break reading }
                lineStart = newline + 1
            }
            pending = Data(pending[lineStart...])
        }
        guard total > 0 else { return generated() }
        return Sample(paragraphs: texts, origin: path)
    }

    /// About `targetBytes` of paragraphs recombined from a few sentences in the style of
    /// political news (written for this benchmark), with a fixed seed.
    static func generated() -> Sample {
        let clauses = [
            "国务院常务会议研究部署进一步优化营商环境的政策措施",
            "会议强调要坚持稳中求进工作总基调",
            "十四届全国人大常委会第十二次会议在京闭幕",
            "各地区各部门要认真贯彻落实党中央决策部署",
            "推动经济社会高质量发展不断取得新成效",
            "外交部发言人就近期中美经贸磋商有关问题答记者问",
            "切实保障和改善民生，扎实推进共同富裕",
            "持续深入打好蓝天、碧水、净土保卫战",
            "深化国有企业改革，增强核心功能、提升核心竞争力",
            "省委常委会召开会议传达学习中央经济工作会议精神",
            "今年一季度全省规模以上工业增加值同比增长6.2%",
            "全国政协委员围绕粮食安全和种业振兴建言资政",
            "市纪委监委通报3起违反中央八项规定精神典型问题",
            "加快建设全国统一大市场，稳步扩大制度型开放",
        ]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        var texts: [String] = []
        var total = 0
        while total < targetBytes {
            let count = 4 + next(6)
            var paragraph = ""
            for k in 0..<count {
                paragraph += clauses[next(clauses.count)] + (k == count - 1 ? "。" : (next(3) == 0 ? "；" : "，"))
            }
            texts.append(paragraph)
            total += paragraph.utf8.count
        }
        return Sample(paragraphs: texts, origin: "the generated sample (no corpus found; set SEGTOOL_CORPUS)")
    }
}
