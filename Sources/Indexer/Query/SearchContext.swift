#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a search needs across segments.
final class SearchContext {
    let ranking: Ranking
    let terms: [[UInt8]]
    let idf: [Double]
    /// Per phrase clause of the plan (`QueryPlan.phrases`): the sum of its terms' idf, and that
    /// scaled as `scaledIDF`.
    let phraseIDF: [Double]
    let phraseScaledIDF: [Double]
    let averageLength: Double
    let averagePassageLength: Double

    /// Per term: idf·(k1+1) for BM25, idf for TF-IDF (the constant factor of a weight).
    let scaledIDF: [Double]
    let isBM25: Bool
    /// k1·b/avgdl, k1·(1−b): BM25's length norm is k1(1−b) + k1·b·len/avgdl.
    let normSlope: Double
    let normBase: Double

    /// Per segment, per scoring term: its postings' info (nil when the segment lacks it).
    let termInfos: [[SegmentReader.TermInfo?]]

    init(ranking: Ranking, terms: [[UInt8]], idf: [Double], phraseIDF: [Double], averageLength: Double, averagePassageLength: Double,
         termInfos: [[SegmentReader.TermInfo?]]) {
        self.phraseIDF = phraseIDF
        phraseScaledIDF = ranking == .bm25 ? phraseIDF.map { $0 * (Ranking.k1 + 1) } : phraseIDF
        self.termInfos = termInfos
        self.ranking = ranking
        self.terms = terms
        self.idf = idf
        self.averageLength = averageLength
        self.averagePassageLength = averagePassageLength
        isBM25 = ranking == .bm25
        scaledIDF = isBM25 ? idf.map { $0 * (Ranking.k1 + 1) } : idf
        normSlope = Ranking.k1 * Ranking.b / max(averageLength, 1e-9)
        normBase = Ranking.k1 * (1 - Ranking.b)
    }

    /// A document's length factor, computed once for all of its terms: BM25's norm, or
    /// TF-IDF's 1/√len.
    @inline(__always)
    func norm(length: Int) -> Double {
        isBM25 ? normBase + normSlope * Double(length) : 1 / Double(max(length, 1)).squareRoot()
    }

    /// Term `t`'s weight in a document with this tf and norm: the formulas of `Ranking`.
    @inline(__always)
    func weight(term t: Int, tf: Int, norm: Double) -> Double {
        weight(scaledIDF: scaledIDF[t], tf: tf, norm: norm)
    }

    /// A weight from a scaled idf (a term's or a phrase's), a frequency and a norm.
    @inline(__always)
    func weight(scaledIDF: Double, tf: Int, norm: Double) -> Double {
        let f = Double(tf)
        if isBM25 { return scaledIDF * f / (f + norm) }
        return (tf == 1 ? 1 : 1 + log(f)) * scaledIDF * norm
    }

    @inline(__always)
    func weight(term t: Int, tf: Int, length: Int) -> Double {
        weight(term: t, tf: tf, norm: norm(length: length))
    }

    /// An upper bound of a term's weight in any document of a block or list with these
    /// bound data (tfidf factor, max tf, min BM25 norm at the segment's own average length;
    /// the reasoning is in `SegmentFormat`).
    @inline(__always)
    func bound(term t: Int, tfidf: Float, maxTF: UInt32, minNorm: Float, segmentAverageLength: Double) -> Double {
        switch ranking {
        case .tfidf:
            return idf[t] * Double(tfidf) * 1.000001
        case .bm25:
            guard maxTF > 0, minNorm.isFinite, minNorm >= 0 else { return .infinity }
            let x = 1 / max(averageLength, 1e-9), x0 = 1 / max(segmentAverageLength, 1e-9)
            let atX0 = Double(minNorm)
            var g = atX0
            if x < x0 {
                let atZero = Ranking.k1 * (1 - Ranking.b) / Double(maxTF)
                g = atZero + (atX0 - atZero) * (x / x0)
            }
            return idf[t] * (Ranking.k1 + 1) / (1 + max(g, 0)) * 1.000001
        }
    }
}
