import ArgumentParser
import Dispatch
import Indexer
import Segmenter
#if canImport(Glibc)
import Glibc
#endif

/// `segtool bench`: segmentation throughput, ICU alone against precise and search modes.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure segmentation throughput: ICU alone, precise and search mode, alternating.",
        discussion: """
            Runs ICU alone, precise mode and search mode in turn over the same text, round after \
            round, and reports the median MB/s and tokens/s of each and their ratio to ICU alone \
            in the same run. --corpus takes plain text or JSON Lines with a "text" field \
            (e.g. politics.jsonl); without it a generated sample is used.
            """)

    @Option(help: "Text to segment: plain UTF-8, or .jsonl with a \"text\" field per line.")
    var corpus: String?

    @Option(help: "Use at most this many MB of the corpus.")
    var mb: Int = 8

    @Option(help: "Run rounds for about this many seconds in all.")
    var seconds: Double = 10

    @Option(help: "Also measure ICU alone and precise mode on this many threads.")
    var threads: Int = 1

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Also measure keyword extraction (TF-IDF, top 10, each line a document).")
    var keywords = false

    @OptionGroup var dictionaryOptions: DictionaryOptions

    func validate() throws {
        if mb < 1 { throw ValidationError("--mb must be at least 1") }
        if seconds <= 0 { throw ValidationError("--seconds must be positive") }
        if !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
    }

    func run() throws {
        try reportingErrors {
            let clock = ContinuousClock()
            let t0 = clock.now
            let segmenter = try dictionaryOptions.makeSegmenter()
            let ready = clock.now - t0
            let icu = try DictionaryOptions.icuBaseline()
            let lines = try loadLines()
            let bytes = lines.reduce(0) { $0 + $1.utf8.count }
            guard bytes > 0 else { throw CLIError("the corpus has no text") }

            var candidates: [(String, Segmenter, Segmenter.Mode, Int)] = [
                ("icu", icu, .precise, 1), ("precise", segmenter, .precise, 1), ("search", segmenter, .search, 1),
            ]
            if threads > 1 {
                // ICU alone on the same threads too: how far the machine itself scales.
                candidates.append(("icu×\(threads)", icu, .precise, threads))
                candidates.append(("precise×\(threads)", segmenter, .precise, threads))
            }
            // threads == 0 marks keyword extraction.
            if keywords { candidates.append(("keywords", segmenter, .precise, 0)) }
            let extractor = KeywordExtractor(segmenter: segmenter, idf: IDFTable.builtin ?? IDFTable(documents: 0, values: [:]), stopWords: StopWords.builtin)
            var times: [[Double]] = Array(repeating: [], count: candidates.count)
            var tokenCounts = Array(repeating: 0, count: candidates.count)
            var ratios: [[Double]] = Array(repeating: [], count: candidates.count)
            let start = clock.now
            var rounds = 0
            // Each round interleaves the modes slice by slice (about 256 KB each), so that a
            // slow patch of the machine falls on all of them alike.
            let slices = Self.slices(lines, bytes: 256 * 1024)
            repeat {
                var round = Array(repeating: 0.0, count: candidates.count)
                var counts = Array(repeating: 0, count: candidates.count)
                for slice in slices {
                    for (i, c) in candidates.enumerated() {
                        let (seconds, tokens) = c.3 == 0 ? measureKeywords(slice, extractor) : measure(slice, c.1, c.2, threads: c.3)
                        round[i] += seconds
                        counts[i] += tokens
                    }
                }
                for i in candidates.indices {
                    times[i].append(round[i])
                    tokenCounts[i] = counts[i]
                    ratios[i].append(round[0] / round[i])
                }
                rounds += 1
            } while rounds < 3 || (clock.now - start) < .seconds(seconds)

            var usage = rusage()
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            let peakMiB = Double(usage.ru_maxrss) / 1024
            let loadTime = (try? BuiltinDictionary.loaded.get().duration) ?? .zero
            let mbytes = Double(bytes) / 1e6
            if json {
                let rows = candidates.indices.map { i in
                    let t = median(times[i])
                    return "{\"name\":\(jsonString(candidates[i].0)),\"mbPerSecond\":\(f(mbytes / t)),\"tokensPerSecond\":\(Int(Double(tokenCounts[i]) / t)),\"ratioToICU\":\(f(median(ratios[i])))}"
                }
                print("{\"bytes\":\(bytes),\"rounds\":\(rounds),\"peakMemoryMiB\":\(f(peakMiB)),\"builtinLoadMilliseconds\":\(milliseconds(loadTime)),\"segmenterReadyMilliseconds\":\(milliseconds(ready)),\"results\":[\(rows.joined(separator: ","))]}")
                return
            }
            print("text: \(f(mbytes)) MB in \(lines.count) lines; \(rounds) alternating rounds; medians")
            print("mode           MB/s   tokens/s    × ICU alone")
            for i in candidates.indices {
                let t = median(times[i])
                let name = candidates[i].0.padding(10)
                print("\(name) \(pad2(f(mbytes / t), 8)) \(pad2(String(Int(Double(tokenCounts[i]) / t)), 10))    \(f(median(ratios[i])))")
            }
            print("peak memory \(f(peakMiB)) MiB; built-in lexicon loaded in \(milliseconds(loadTime)) ms; segmenter ready in \(milliseconds(ready)) ms")
        }
    }

    static func slices(_ lines: [String], bytes: Int) -> [ArraySlice<String>] {
        var out: [ArraySlice<String>] = []
        var start = 0, size = 0
        for (i, line) in lines.enumerated() {
            size += line.utf8.count
            if size >= bytes {
                out.append(lines[start...i])
                start = i + 1
                size = 0
            }
        }
        if start < lines.count { out.append(lines[start...]) }
        return out
    }

    /// Extracts the top 10 keywords of every line; returns seconds and the keyword count.
    private func measureKeywords(_ lines: ArraySlice<String>, _ extractor: KeywordExtractor) -> (Double, Int) {
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        for line in lines { count += extractor.tfidf(line, top: 10).count }
        let (s, atto) = (clock.now - start).components
        return (Double(s) + Double(atto) / 1e18, count)
    }

    /// Segments every line; returns seconds and the token count (whitespace excluded).
    private func measure(_ lines: ArraySlice<String>, _ segmenter: Segmenter, _ mode: Segmenter.Mode, threads: Int) -> (Double, Int) {
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        if threads == 1 {
            var tokens: [Token] = []
            for line in lines {
                tokens.removeAll(keepingCapacity: true)
                var copy = line
                copy.withUTF8 { buf in _ = try? segmenter.segment(utf8: buf, mode: mode, into: &tokens) }
                count += tokens.count
            }
        } else {
            let job = ParallelCount(lines: Array(lines), segmenter: segmenter, mode: mode, parts: threads * 8)
            DispatchQueue.concurrentPerform(iterations: job.parts) { job.run($0) }
            count = job.total
        }
        let d = clock.now - start
        let (s, atto) = d.components
        return (Double(s) + Double(atto) / 1e18, count)
    }

    private func loadLines() throws -> [String] {
        guard let corpus else { return Self.generatedSample(bytes: mb * 1_000_000) }
        let limit = mb * 1_000_000
        var lines: [String] = []
        var total = 0
        for line in try TextFile.lines(corpus) {
            let texts = Documents.isJSONLines(corpus) ? (JSONText.field("text", in: line).map { $0.split(separator: "\n").map(String.init) } ?? []) : [line]
            for t in texts where !t.isEmpty {
                lines.append(t)
                total += t.utf8.count
                if total >= limit { return lines }
            }
        }
        return lines
    }

    /// A sample made by recombining sentences the team wrote, when no corpus is given.
    static func generatedSample(bytes: Int) -> [String] {
        let parts = [
            "坚持发扬全过程人民民主", "深入学习贯彻习近平新时代中国特色社会主义思想", "持续推进“渝事好商量”协商平台建设",
            "各区县政协围绕成渝地区双城经济圈建设开展专题协商", "全年地区生产总值增长5.5%", "城镇新增就业62.3万人",
            "加快构建现代化产业体系", "大力培育新质生产力", "全面推进乡村振兴", "严格落实中央八项规定精神",
            "坚决做到“两个维护”", "深刻领悟“两个确立”的决定性意义", "统筹发展和安全", "奋力谱写中国式现代化新篇章",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var lines: [String] = []
        var total = 0
        while total < bytes {
            var line = ""
            for k in 0..<8 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                line += parts[Int(state >> 33) % parts.count] + (k == 7 ? "。" : "，")
            }
            total += line.utf8.count
            lines.append(line)
        }
        return lines
    }
}

/// Lines split among threads, each counting its tokens.
final class ParallelCount: @unchecked Sendable {
    // @unchecked Sendable: each part writes only its own slot of `counts`.
    let lines: [String]
    let segmenter: Segmenter
    let mode: Segmenter.Mode
    let parts: Int
    private var counts: [Int]

    init(lines: [String], segmenter: Segmenter, mode: Segmenter.Mode, parts: Int) {
        self.lines = lines
        self.segmenter = segmenter
        self.mode = mode
        self.parts = parts
        counts = Array(repeating: 0, count: parts)
    }

    func run(_ part: Int) {
        let per = (lines.count + parts - 1) / parts
        let lower = part * per, upper = min(lines.count, lower + per)
        guard lower < upper else { return }
        var tokens: [Token] = []
        var count = 0
        for line in lines[lower..<upper] {
            tokens.removeAll(keepingCapacity: true)
            var copy = line
            copy.withUTF8 { buf in _ = try? segmenter.segment(utf8: buf, mode: mode, into: &tokens) }
            count += tokens.count
        }
        counts.withUnsafeMutableBufferPointer { $0[part] = count }
    }

    var total: Int { counts.reduce(0, +) }
}

private func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

private func f(_ x: Double) -> String {
    let hundredths = Int((x * 100).rounded())
    let frac = hundredths % 100
    return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
}

private func pad2(_ s: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - s.count)) + s
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
