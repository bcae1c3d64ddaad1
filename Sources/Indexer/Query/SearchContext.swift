#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a search needs across segments.
final class SearchContext {
    let ranking: Ranking
    /// The formulas with the index's statistics: documents and their mean length.
    let scorer: Scorer
    /// The same for passages (the index's documents for the idf, passages' mean length).
    let passageScorer: Scorer
    let terms: [[UInt8]]
    let idf: [Double]
    /// Per phrase clause of the plan (`QueryPlan.phrases`): the sum of its terms' idf, and
    /// its `Scorer.factor(idf:)`.
    let phraseIDF: [Double]
    let phraseFactors: [Double]
    /// Per term: its `Scorer.factor(idf:)` (the constant factor of its weights).
    let factors: [Double]

    /// Per segment, per scoring term: its postings' info (nil when the segment lacks it).
    let termInfos: [[SegmentReader.TermInfo?]]

    init(scorer: Scorer, passageScorer: Scorer, terms: [[UInt8]], idf: [Double], phraseIDF: [Double],
         termInfos: [[SegmentReader.TermInfo?]]) {
        ranking = scorer.ranking
        self.scorer = scorer
        self.passageScorer = passageScorer
        self.terms = terms
        self.idf = idf
        self.phraseIDF = phraseIDF
        phraseFactors = phraseIDF.map { scorer.factor(idf: $0) }
        factors = idf.map { scorer.factor(idf: $0) }
        self.termInfos = termInfos
    }

    /// Term `t`'s weight in a document with this tf and norm (`Scorer.norm(length:)`).
    @inline(__always)
    func weight(term t: Int, tf: Int, norm: Double) -> Double {
        scorer.weight(factor: factors[t], tf: tf, norm: norm)
    }

    /// Term `t`'s weight in a document of `length` terms where it occurs `tf` (≥ 1) times.
    @inline(__always)
    func weight(term t: Int, tf: Int, length: Int) -> Double {
        scorer.weight(factor: factors[t], tf: tf, norm: scorer.norm(length: length))
    }
}
