#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SegmentSearch {
    // MARK: Matching the query's structure: clauses, phrases, exclusions

    /// Whether every group has a clause whose terms are all in document `d` (phrases as in
    /// the query).
    mutating func matches(_ d: Int) -> Bool {
        for g in 0..<plan.groupClauses.count {
            var any = false
            for c in plan.groupClauses[g] {
                // A phrase reading whose anchor was last seen past `d` cannot be at `d`.
                let a = prepared.clauseAnchor[c]
                if a >= 0 && scratch.anchorDoc[a] > d { continue }
                guard clauseMatches(c, d) else { continue }
                any = true
                break
            }
            if !any { return false }
        }
        return true
    }

    mutating func clauseMatches(_ c: Int, _ d: Int) -> Bool {
        plan.clausePhrase[c] ? phraseFrequency(c, d) > 0 : hasAllTerms(c, d)
    }

    /// Whether document `d` has every term of clause `c` (the cursors move to it).
    mutating func hasAllTerms(_ c: Int, _ d: Int) -> Bool {
        for k in clauseStarts[c]..<clauseStarts[c + 1] {
            let t = clauseTerms[k]
            guard prepared.present[t], cursors[t].advance(to: d) == d else { return false }
        }
        return true
    }

    /// How often phrase clause `c` occurs in document `d` (counted once per document).
    mutating func phraseFrequency(_ c: Int, _ d: Int) -> Int {
        if phraseDoc[c] == d { return phraseCount[c] }
        var count = 0
        if hasAllTerms(c, d) {
            // A reading of one term (a longer term in place of the whole phrase: 社会主义现代化
            // for "社会主义 现代化") occurs as often as the term: its tf, which is how many
            // positions it has; nothing to decode.
            let lo = clauseStarts[c]
            count = clauseStarts[c + 1] - lo == 1 ? cursors[clauseTerms[lo]].tf : decodedPhraseOccurrences(c, d)
        }
        phraseDoc[c] = d
        phraseCount[c] = count
        return count
    }

    /// The score of document `d`, or nil when it does not match the query or cannot beat
    /// `threshold`. Single terms score by tf, phrases by phrase frequency. The bound from the
    /// term frequencies alone (a phrase occurs at most as often as its rarest word) is checked
    /// first: positions, alternatives and exclusions only for a document that could enter the
    /// top k.
    ///
    /// `anchorsFound`: when the caller found the phrase anchors at `d` (all of them), how many
    /// it wrote to the start of `scratch.anchorsAtDocument` (keeping `scratch.anchorDoc` as
    /// this would); nil: they are found here.
    mutating func structuredScore(_ d: Int, threshold: Double, anchorsFound: Int? = nil) -> Double? {
        // The length norm only once a weight needs it (most candidates of a phrase with many
        // readings have no reading with all its terms).
        var norm = 0.0, normKnown = false
        var score = 0.0
        for t in plan.singles where prepared.present[t] && cursors[t].advance(to: d) == d {
            if !normKnown {
                norm = context.scorer.norm(length: Int(lengths[d]))
                normKnown = true
            }
            score += context.weight(term: t, tf: cursors[t].tf, norm: norm)
        }
        let phrases = plan.phrases.count
        guard phrases > 0 else {
            return score > threshold && !isDeleted(d) && matches(d) && !excluded(d) ? score : nil
        }
        // Per phrase family, the best reading's bound, then its weight; per reading whose
        // terms are all in `d` its bound, so that a reading that cannot beat its family's
        // best has no positions counted. Only the readings whose anchor (rarest term) is at
        // `d` are visited: the anchors' documents as last seen (`anchorDoc`, never ahead of
        // their cursors, which only move on) say which, without touching the others'
        // cursors. The scratch memory is the search's own (`PhraseScratch`).
        let best = scratch.best, anchorAt = scratch.anchorDoc
        let atD = scratch.anchorsAtDocument
        for j in 0..<prepared.families.count { best[prepared.families[j]] = 0 }
        // The anchors at `d`. (A heap of the anchors by document was tried: slower than this
        // pass at a few dozen anchors.)
        var found = 0
        if let anchorsFound {
            found = anchorsFound
        } else {
            for a in 0..<prepared.anchorTerms.count where anchorAt[a] <= d {
                let at = cursors[prepared.anchorTerms[a]].advance(to: d)
                anchorAt[a] = at
                if at == d {
                    atD[found] = a
                    found += 1
                }
            }
        }
        // A first bound from the anchors alone (a reading occurs at most as often as its
        // anchor): when it cannot beat the threshold, the readings' other terms are not read.
        if found > 0 && threshold > -.infinity {
            if !normKnown {
                norm = context.scorer.norm(length: Int(lengths[d]))
                normKnown = true
            }
            if prepared.families.count == 1 && plan.singles.isEmpty && context.scorer.isBM25 {
                // One phrase alone scores (BM25): the bound is the best anchor's weight
                // factor·tf/(tf + norm), checked without dividing, factor·tf against
                // threshold·(tf + norm), with a margin (10⁻⁹, far above rounding) on the
                // side of not pruning: what is pruned here the division prunes too, and what
                // it would prune that this lets by fails the checks below.
                let limit = threshold * (1 - 1e-9)
                for j in 0..<found {
                    let a = atD[j], tf = Double(cursors[prepared.anchorTerms[a]].tf)
                    for e in prepared.anchorFamilyStarts[a]..<prepared.anchorFamilyStarts[a + 1]
                    where prepared.anchorFamilyFactors[e] * tf > limit * (tf + norm) {
                        return structuredScoreReadings(d, threshold: threshold, found: found, score: score, norm: norm)
                    }
                }
                return nil
            }
            // Per anchor and family the readings' highest idf (a weight grows with it).
            for j in 0..<found {
                let a = atD[j], tf = cursors[prepared.anchorTerms[a]].tf
                for e in prepared.anchorFamilyStarts[a]..<prepared.anchorFamilyStarts[a + 1] {
                    let f = prepared.anchorFamilies[e]
                    best[f] = max(best[f], context.scorer.weight(factor: prepared.anchorFamilyFactors[e], tf: tf, norm: norm))
                }
            }
            var loose = 0.0
            for j in 0..<prepared.families.count {
                loose += best[prepared.families[j]]
                best[prepared.families[j]] = 0
            }
            if score + loose <= threshold { return nil }
        }
        return structuredScoreReadings(d, threshold: threshold, found: found, score: score, norm: normKnown ? norm : nil)
    }

    /// The rest of `structuredScore` for document `d` once the anchors at it (`found` of them
    /// in `scratch.anchorsAtDocument`) passed the first bound: the readings whose terms are
    /// all at `d`, their bounds, then phrase frequencies. `score`: the single words' part;
    /// `norm`: the length norm if known.
    @inline(__always)
    mutating func structuredScoreReadings(_ d: Int, threshold: Double, found: Int, score: Double, norm known: Double?) -> Double? {
        var norm = known ?? 0, normKnown = known != nil
        let best = scratch.best, touched = scratch.touched, touchedBound = scratch.touchedBound
        let atD = scratch.anchorsAtDocument
        var n = 0
        for j in 0..<found {
            let a = atD[j]
            for r in prepared.anchorStarts[a]..<prepared.anchorStarts[a + 1] {
                let i = prepared.anchorReadings[r], c = phraseClauses[i]
                var least = Int.max
                for k in clauseStarts[c]..<clauseStarts[c + 1] {
                    let t = clauseTerms[k]
                    guard prepared.present[t], cursors[t].advance(to: d) == d else { least = 0; break }
                    least = min(least, cursors[t].tf)
                }
                if least > 0 {
                    if !normKnown {
                        norm = context.scorer.norm(length: Int(lengths[d]))
                        normKnown = true
                    }
                    let f = phraseFamily[i]
                    let bound = context.scorer.weight(factor: phraseFactors[i], tf: least, norm: norm)
                    touched[n] = i
                    touchedBound[n] = bound
                    n += 1
                    best[f] = max(best[f], bound)
                }
            }
        }
        // The families' sum (the other entries are 0), in order.
        var sum = 0.0
        for j in 0..<prepared.families.count { sum += best[prepared.families[j]] }
        guard score + sum > threshold, !isDeleted(d), matches(d), !excluded(d) else { return nil }
        for j in 0..<prepared.families.count { best[prepared.families[j]] = 0 }
        // The readings in the query's order (anchors group them otherwise).
        if n > 1 && prepared.anchorTerms.count > 1 {
            // Insertion sort by reading (a handful), bounds along.
            for j in 1..<n {
                let i = touched[j], b = touchedBound[j]
                var k = j
                while k > 0 && touched[k - 1] > i {
                    touched[k] = touched[k - 1]
                    touchedBound[k] = touchedBound[k - 1]
                    k -= 1
                }
                touched[k] = i
                touchedBound[k] = b
            }
        }
        for j in 0..<n {
            let i = touched[j], f = phraseFamily[i]
            guard touchedBound[j] > best[f] else { continue }
            let pf = phraseFrequency(phraseClauses[i], d)
            if pf > 0 {
                best[f] = max(best[f], context.scorer.weight(factor: phraseFactors[i], tf: pf, norm: norm))
            }
        }
        sum = 0
        for j in 0..<prepared.families.count { sum += best[prepared.families[j]] }
        let total = score + sum
        return total > threshold ? total : nil
    }

    mutating func excluded(_ d: Int) -> Bool {
        for i in 0..<plan.excludedPhrase.count {
            let lo = plan.excludedOffsets[i], hi = plan.excludedOffsets[i + 1]
            var all = true
            for j in lo..<hi where !prepared.excludedPresent[j] || excludedCursors[j].advance(to: d) != d {
                all = false
                break
            }
            guard all else { continue }
            if !plan.excludedPhrase[i]
                || Self.phraseOccurrences(excludedCursors, lo..<hi, offsets: plan.excludedPositions[lo..<hi], limit: 1) > 0 {
                return true
            }
        }
        return false
    }
}
