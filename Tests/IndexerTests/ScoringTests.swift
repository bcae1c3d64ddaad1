import Foundation
import Testing
@testable import Indexer
import Segmenter

enum Shared {
    static let segmenter: Segmenter = {
        do { return try Segmenter() } catch { fatalError("cannot build the segmenter: \(error)") }
    }()
}

@Suite struct ScoringFormulas {
    @Test func tfidfByHand() {
        // N = 4 units, df = 1: idf = ln(1 + 4/1) = ln 5.
        let idf = Ranking.tfidf.idf(df: 1, n: 4)
        #expect(abs(idf - log(5.0)) < 1e-12)
        // tf = 3, |d| = 9: (1 + ln 3) · ln 5 / 3.
        let w = Ranking.tfidf.weight(tf: 3, length: 9, averageLength: 5, idf: idf)
        #expect(abs(w - (1 + log(3.0)) * log(5.0) / 3) < 1e-12)
        #expect(Ranking.tfidf.weight(tf: 0, length: 9, averageLength: 5, idf: idf) == 0)
    }

    @Test func bm25ByHand() {
        // N = 10, df = 2: idf = ln(1 + (10 − 2 + 0.5)/(2 + 0.5)) = ln(4.4).
        let idf = Ranking.bm25.idf(df: 2, n: 10)
        #expect(abs(idf - log(4.4)) < 1e-12)
        // tf = 2, |d| = 20, avgdl = 10: 2·2.2 / (2 + 1.2·(0.25 + 0.75·2)) = 4.4 / 4.1.
        let w = Ranking.bm25.weight(tf: 2, length: 20, averageLength: 10, idf: idf)
        #expect(abs(w - log(4.4) * 4.4 / 4.1) < 1e-12)
    }

    @Test func topKKeepsTheBestInOrder() {
        var top = TopK<String>(3)
        for (i, s) in [5.0, 1.0, 9.0, 7.0, 3.0, 9.0].enumerated() { top.insert("x\(i)", score: s, id: i) }
        let kept = top.sorted()
        #expect(kept.map(\.score) == [9, 9, 7])
        #expect(kept.map(\.item) == ["x2", "x5", "x3"])  // equal scores: lower id first
        #expect(TopK<Int>(0).sorted().isEmpty)
    }
}
