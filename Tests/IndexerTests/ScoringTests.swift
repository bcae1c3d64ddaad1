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

@Suite struct OneScorer {
    /// A small deterministic generator (the tests must not depend on the system's).
    struct Mix {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    @Test(arguments: [Ranking.tfidf, .bm25])
    func weightInPartsIsTheRankingsFormula(ranking: Ranking) {
        let scorer = Scorer(ranking: ranking, documents: 1000, averageLength: 37.5)
        for df in [1, 7, 500, 1000] {
            let idf = scorer.idf(df: df)
            #expect(idf == ranking.idf(df: df, n: 1000))
            for tf in [1, 2, 5, 40] {
                for length in [1, 9, 37, 400] {
                    // The formulas as `Ranking` states them, written out here.
                    let expected: Double
                    switch ranking {
                    case .tfidf: expected = (1 + log(Double(tf))) * idf / Double(length).squareRoot()
                    case .bm25:
                        expected = idf * Double(tf) * (Ranking.k1 + 1)
                            / (Double(tf) + Ranking.k1 * (1 - Ranking.b + Ranking.b * Double(length) / 37.5))
                    }
                    let parts = scorer.weight(factor: scorer.factor(idf: idf), tf: tf, norm: scorer.norm(length: length))
                    #expect(abs(parts - expected) <= 1e-12 * expected)
                    #expect(scorer.weight(idf: idf, tf: tf, length: length) == parts)
                    #expect(ranking.weight(tf: tf, length: length, averageLength: 37.5, idf: idf) == parts)
                }
            }
        }
        #expect(scorer.weight(idf: 2, tf: 0, length: 10) == 0)
        #expect(scorer.idf(df: 0) == 0)
        #expect(Scorer(ranking: ranking, documents: 0, averageLength: 1).idf(df: 3) == 0)
    }

    /// A block's bound, from the data the index stores for it (narrowed to Float as stored),
    /// is at least every posting's weight, whether the query's mean length is the segment's,
    /// above it or below it (several segments give a different mean than each one's).
    @Test(arguments: [Ranking.tfidf, .bm25])
    func blockBoundHoldsEveryWeight(ranking: Ranking) {
        var mix = Mix(state: 12)
        for _ in 0..<300 {
            let segmentAverage = Double(5 + mix.next(200))
            let postings = (0..<(1 + mix.next(128))).map { _ in (tf: UInt32(1 + mix.next(30)), length: UInt32(1 + mix.next(900))) }
            var tfidf: Float = 0, maxTF: UInt32 = 0, minNorm = Double.infinity
            for p in postings {
                tfidf = max(tfidf, Float(Scorer.tfidfFactor(tf: p.tf, length: p.length)))
                maxTF = max(maxTF, p.tf)
                minNorm = min(minNorm, Scorer.bm25Norm(tf: p.tf, length: p.length, averageLength: segmentAverage))
            }
            for queryAverage in [segmentAverage, segmentAverage * 0.3, segmentAverage * 1.7, 1] {
                let scorer = Scorer(ranking: ranking, documents: 5000, averageLength: queryAverage)
                let idf = scorer.idf(df: 1 + mix.next(5000))
                let bound = scorer.bound(idf: idf, tfidf: tfidf, maxTF: maxTF, minNorm: SegmentBuilder.floatBelow(minNorm),
                                         segmentAverageLength: segmentAverage)
                let best = postings.map { scorer.weight(idf: idf, tf: Int($0.tf), length: Int($0.length)) }.max() ?? 0
                #expect(bound >= best, "\(ranking) segment avgdl \(segmentAverage), query avgdl \(queryAverage)")
                // Not a useless bound: at the segment's own mean length it is tight.
                if queryAverage == segmentAverage && idf > 0 { #expect(bound <= best * 1.0001) }
            }
        }
    }

    @Test func unusableBoundDataBoundsNothing() {
        let scorer = Scorer(ranking: .bm25, documents: 10, averageLength: 10)
        #expect(scorer.bound(idf: 1, tfidf: 1, maxTF: 0, minNorm: 1, segmentAverageLength: 10) == .infinity)
        #expect(scorer.bound(idf: 1, tfidf: 1, maxTF: 3, minNorm: .nan, segmentAverageLength: 10) == .infinity)
        #expect(scorer.bound(idf: 1, tfidf: 1, maxTF: 3, minNorm: -1, segmentAverageLength: 10) == .infinity)
    }
}
