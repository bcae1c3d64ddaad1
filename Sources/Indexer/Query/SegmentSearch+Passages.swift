#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SegmentSearch {
    // MARK: Passages

    /// Scores of the passages of document `d` that hold a match of one of the query's clauses
    /// (a word, all words of a multi-word clause, a phrase as in the query), by the same
    /// units as documents: single terms by their tf in the passage, phrases by their frequency.
    mutating func passageScores(_ d: Int) -> [(Int, Double)] {
        let record: SegmentReader.DocRecord, starts: [Int]
        do {
            record = try segment.doc(d)
            guard record.passageCount > 0 else { return [] }
            starts = try segment.passageStarts(record)
        } catch {
            if failure == nil { failure = error }
            return []
        }
        guard starts.count == record.passageCount + 1 else {
            if failure == nil { failure = .corrupt(file: segment.path, reason: "passage records of document \(d) damaged") }
            return []
        }
        let passageCount = record.passageCount
        let singles = plan.singles, phrases = plan.phrases
        let units = singles.count + phrases.count
        var counts = [Int](repeating: 0, count: passageCount * units)
        func passage(of position: UInt32) -> Int {
            // The last passage starting at or before the position.
            var lo = 0, hi = passageCount
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] <= Int(position) { lo = mid + 1 } else { hi = mid }
            }
            return max(0, lo - 1)
        }
        for (u, t) in singles.enumerated() where prepared.present[t] && cursors[t].advance(to: d) == d {
            for position in cursors[t].positions() { counts[passage(of: position) * units + u] += 1 }
        }
        for (i, c) in phrases.enumerated() where hasAllTerms(c, d) {
            let lo = plan.clauseOffsets[c], hi = plan.clauseOffsets[c + 1]
            phraseStarts.removeAll(keepingCapacity: true)
            _ = Self.phraseOccurrences(cursors, plan.flatTerms[lo..<hi], offsets: plan.flatOffsets[lo..<hi], limit: .max,
                                       starts: &phraseStarts)
            for p in phraseStarts { counts[passage(of: p) * units + singles.count + i] += 1 }
        }
        var out: [(Int, Double)] = []
        let scorer = context.passageScorer
        for p in 0..<passageCount {
            let row = p * units
            // A passage counts when one of the clauses matches inside it.
            var matched = false
            for c in 0..<plan.clausePhrase.count where !matched {
                if let i = phrases.firstIndex(of: c) {
                    matched = counts[row + singles.count + i] > 0
                } else {
                    matched = plan.flatTerms[plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1]].allSatisfy { t in
                        singles.firstIndex(of: t).map { counts[row + $0] > 0 } ?? false
                    }
                }
            }
            guard matched else { continue }
            let length = max(1, starts[p + 1] - starts[p])
            var score = 0.0
            for u in 0..<singles.count where counts[row + u] > 0 {
                score += scorer.weight(idf: context.idf[singles[u]], tf: counts[row + u], length: length)
            }
            // Readings of one phrase score as one, by the better.
            var family = 0.0
            for i in 0..<phrases.count {
                if plan.phraseFamily[i] == i { score += family; family = 0 }
                let count = counts[row + singles.count + i]
                if count > 0 {
                    family = max(family, scorer.weight(idf: context.phraseIDF[i], tf: count, length: length))
                }
            }
            score += family
            out.append((p, score))
        }
        return out
    }

    mutating func scorePassages(_ d: Int, top: inout TopK<HitLocation>) {
        for (p, score) in passageScores(d) {
            top.insert(HitLocation(segment: s, ordinal: d, passage: p), score: score, id: globalID(d) << 16 | min(p, 0xFFFF))
        }
    }

    /// The positions in document `d` of each of the plan's terms (none for a term it lacks),
    /// for snippet highlights.
    mutating func termPositions(_ d: Int) -> [[UInt32]] {
        (0..<plan.termBytes.count).map { t in prepared.present[t] && cursors[t].advance(to: d) == d ? cursors[t].positions() : [] }
    }

    /// The best passage of document `d` for the query.
    mutating func bestPassage(_ d: Int) -> Int? {
        passageScores(d).max { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }?.0
    }
}
