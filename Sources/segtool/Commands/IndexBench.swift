import ArgumentParser
import Indexer
import Segmenter

extension Index {
    /// `segtool index bench`: query latency, warm, one thread, in process.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure query latency on an index (warm, one thread): p50/p90/p99 per query.",
            discussion: """
                --queries takes lines `LABEL<TAB>QUERY`. Each query runs --warmup times, then \
                --rounds times, timed one by one: the whole search (top k with ids and titles \
                read from the store, as `segtool search` gets them) and, alternately, the top k \
                alone (documents and scores, no stored field read). Also reports the time to \
                open the index.
                """)

        @Option(name: .customLong("index"), help: ArgumentHelp("The index directory.", valueName: "dir"))
        var directory: String

        @Option(help: "Queries: LABEL<TAB>QUERY a line.")
        var queries: String

        @Option(help: "Timed runs per query.")
        var rounds: Int = 200

        @Option(help: "Untimed runs per query first.")
        var warmup: Int = 20

        @Option(help: "How many results.")
        var top: Int = 10

        @Option(help: "tfidf or bm25.")
        var rank: Ranking = .tfidf

        @Flag(help: "Rank passages.")
        var passages = false

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            try reportingErrors {
                let clock = ContinuousClock()
                var opens: [Double] = []
                var reader: IndexReader?
                for _ in 0..<5 {
                    let start = clock.now
                    do { reader = try IndexReader(directory: directory) } catch { throw CLIError("\(error)") }
                    opens.append(microseconds(clock.now - start))
                }
                guard let reader else { return }
                let analyzer: Analyzer
                do { analyzer = try reader.queryAnalyzer() } catch { throw CLIError("\(error)") }
                var rows: [String] = []
                var text: [String] = ["query                          p50 µs   p90 µs   p99 µs   top-k only p50 µs   hits"]
                for (index, line) in try TextFile.lines(queries).enumerated() where !line.isEmpty && !line.hasPrefix("#") {
                    let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { throw CLIError("\(queries):\(index + 1): expected LABEL<TAB>QUERY: \(line)") }
                    // A query that cannot run (an unclosed quote) is an error, not a time of nothing.
                    let query: Query
                    do { query = try Query.parse(parts[1], analyzer: analyzer) } catch {
                        throw CLIError("\(queries):\(index + 1): \(error)")
                    }
                    let options = SearchOptions(top: top, ranking: rank, passages: passages)
                    var hits = 0
                    for _ in 0..<warmup { hits = (try? reader.search(query, options: options).count) ?? 0 }
                    var times: [Double] = [], topOnly: [Double] = []
                    for _ in 0..<rounds {
                        var start = clock.now
                        _ = try? reader.search(query, options: options)
                        times.append(microseconds(clock.now - start))
                        start = clock.now
                        _ = try? reader.topDocuments(query, options: options)
                        topOnly.append(microseconds(clock.now - start))
                    }
                    times.sort()
                    topOnly.sort()
                    let p = { (q: Double) in times.isEmpty ? 0 : times[min(times.count - 1, Int(Double(times.count) * q))] }
                    let topP50 = topOnly.isEmpty ? 0 : topOnly[topOnly.count / 2]
                    rows.append("{\"label\":\(jsonString(parts[0])),\"query\":\(jsonString(parts[1])),\"p50\":\(number(p(0.5))),\"p90\":\(number(p(0.9))),\"p99\":\(number(p(0.99))),\"topOnlyP50\":\(number(topP50)),\"hits\":\(hits)}")
                    text.append("\(parts[0].padded(28)) \(fixed(p(0.5), 8)) \(fixed(p(0.9), 8)) \(fixed(p(0.99), 8)) \(fixed(topP50, 19))   \(hits)")
                }
                opens.sort()
                if json {
                    print("{\"openMicroseconds\":\(number(opens[opens.count / 2])),\"queries\":[\(rows.joined(separator: ","))]}")
                } else {
                    print(text.joined(separator: "\n"))
                    print("open: \(fixed(opens[opens.count / 2], 1)) µs (median of 5)")
                }
            }
        }
    }
}

func microseconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) * 1e6 + Double(atto) / 1e12
}

func fixed(_ x: Double, _ width: Int) -> String {
    let s = String(Int(x.rounded()))
    return String(repeating: " ", count: max(0, width - s.count)) + s
}

extension String {
    func padded(_ width: Int) -> String {
        let w = unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
        return self + String(repeating: " ", count: max(0, width - w))
    }
}
