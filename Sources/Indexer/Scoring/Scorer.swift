#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one implementation of the ranking formulas (`Ranking` states them): a ranking with the
/// collection's statistics (its number of units and their mean length), giving a term's idf,
/// its weight in a unit, and the upper bound of that weight over a block of postings.
///
/// Every scoring path calls it: the search strategies (`SegmentSearch+*.swift`), phrases,
/// passages in the index and `PassageRanker`. A weight is computed in two parts, so that a
/// loop over many postings does the per-term and per-document work once:
/// `weight(factor:tf:norm:)` with `factor(idf:)` (per term) and `norm(length:)` (per unit).
///
/// - TF-IDF: factor = idf, norm = 1/√|d|, weight = (1 + ln tf) · factor · norm.
/// - BM25: factor = idf·(k1+1), norm = k1(1 − b) + k1·b·|d|/avgdl, weight = factor · tf / (tf + norm).
public struct Scorer: Sendable {
    /// The ranking whose formulas are used.
    public let ranking: Ranking
    /// The number of units (documents or passages) in the collection, N of the idf.
    public let documents: Int
    /// The mean length of a unit in terms (avgdl of BM25).
    public let averageLength: Double

    /// Whether the ranking is BM25 (checked in inner loops).
    @usableFromInline let isBM25: Bool
    /// k1·b/avgdl and k1·(1−b): BM25's norm is normBase + normSlope·|d|.
    @usableFromInline let normSlope: Double
    @usableFromInline let normBase: Double

    /// A scorer for a collection of `documents` units of mean length `averageLength`.
    public init(ranking: Ranking, documents: Int, averageLength: Double) {
        self.ranking = ranking
        self.documents = documents
        self.averageLength = averageLength
        isBM25 = ranking == .bm25
        normSlope = Ranking.k1 * Ranking.b / max(averageLength, 1e-9)
        normBase = Ranking.k1 * (1 - Ranking.b)
    }

    /// The idf of a term found in `df` of the collection's units (0 when df or N is 0).
    public func idf(df: Int) -> Double { Self.idf(ranking, df: df, n: documents) }

    /// The idf of a term found in `df` of `n` units under `ranking`.
    public static func idf(_ ranking: Ranking, df: Int, n: Int) -> Double {
        guard df > 0, n > 0 else { return 0 }
        switch ranking {
        case .tfidf: return log(1 + Double(n) / Double(df))
        case .bm25: return log(1 + (Double(n) - Double(df) + 0.5) / (Double(df) + 0.5))
        }
    }

    /// A term's constant factor from its idf (a phrase's: the sum of its words'): idf·(k1+1)
    /// for BM25, the idf for TF-IDF.
    @inlinable @inline(__always)
    public func factor(idf: Double) -> Double { isBM25 ? idf * (Ranking.k1 + 1) : idf }

    /// A unit's length factor, computed once for all of its terms: BM25's norm, TF-IDF's 1/√|d|.
    @inlinable @inline(__always)
    public func norm(length: Int) -> Double {
        isBM25 ? normBase + normSlope * Double(length) : 1 / Double(max(length, 1)).squareRoot()
    }

    /// A term's (or a phrase's) weight in a unit: its `factor(idf:)`, its frequency there
    /// (≥ 1) and the unit's `norm(length:)`.
    @inlinable @inline(__always)
    public func weight(factor: Double, tf: Double, norm: Double) -> Double {
        if isBM25 { return factor * tf / (tf + norm) }
        return (tf == 1 ? 1 : 1 + log(tf)) * factor * norm
    }

    /// `weight(factor:tf:norm:)` with an integer frequency.
    @inlinable @inline(__always)
    public func weight(factor: Double, tf: Int, norm: Double) -> Double {
        weight(factor: factor, tf: Double(tf), norm: norm)
    }

    /// A term's weight in a unit of `length` terms where it occurs `tf` times (0 when tf ≤ 0).
    @inlinable @inline(__always)
    public func weight(idf: Double, tf: Int, length: Int) -> Double {
        guard tf > 0 else { return 0 }
        return weight(factor: factor(idf: idf), tf: tf, norm: norm(length: length))
    }

    /// An upper bound of a term's weight in any document of a block (or list) of postings,
    /// from the block's bound data as `SegmentFormat` records them: the TF-IDF factor
    /// max (1 + ln tf)/√|d|, the largest tf, and the least `bm25Norm` at the segment's own
    /// average length (the reasoning is in `SegmentFormat`). Infinite when the data is unusable.
    @inlinable @inline(__always)
    public func bound(idf: Double, tfidf: Float, maxTF: UInt32, minNorm: Float, segmentAverageLength: Double) -> Double {
        guard isBM25 else { return idf * Double(tfidf) * 1.000001 }
        guard maxTF > 0, minNorm.isFinite, minNorm >= 0 else { return .infinity }
        let x = 1 / max(averageLength, 1e-9), x0 = 1 / max(segmentAverageLength, 1e-9)
        let atX0 = Double(minNorm)
        var g = atX0
        if x < x0 {
            let atZero = Ranking.k1 * (1 - Ranking.b) / Double(maxTF)
            g = atZero + (atX0 - atZero) * (x / x0)
        }
        return idf * (Ranking.k1 + 1) / (1 + max(g, 0)) * 1.000001
    }

    /// BM25's length-and-frequency term for one posting, stored per block by the index:
    /// k1(1 − b)/tf + k1·b·|d|/(tf·avgdl). A posting's weight is idf·(k1+1)/(1 + this), so the
    /// least value over a block gives the block's highest weight.
    @inline(__always)
    public static func bm25Norm(tf: UInt32, length: UInt32, averageLength: Double) -> Double {
        let t = Double(max(tf, 1))
        return Ranking.k1 * (1 - Ranking.b) / t + Ranking.k1 * Ranking.b * Double(length) / (t * max(averageLength, 1e-9))
    }

    /// TF-IDF's bound factor for one posting, stored per block by the index: (1 + ln tf)/√|d|
    /// (a weight is idf times it).
    @inline(__always)
    public static func tfidfFactor(tf: UInt32, length: UInt32) -> Double {
        let logTF = tf <= 1 ? 0 : log(Double(tf))
        return (1 + logTF) / Double(max(length, 1)).squareRoot()
    }
}
