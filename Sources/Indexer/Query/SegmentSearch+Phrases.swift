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
            for c in plan.groupClauses[g] where clauseMatches(c, d) {
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
        for k in plan.clauseOffsets[c]..<plan.clauseOffsets[c + 1] {
            let t = plan.flatTerms[k]
            guard present[t], cursors[t].advance(to: d) == d else { return false }
        }
        return true
    }

    /// How often phrase clause `c` occurs in document `d` (counted once per document).
    mutating func phraseFrequency(_ c: Int, _ d: Int) -> Int {
        if phraseDoc[c] == d { return phraseCount[c] }
        var count = 0
        if hasAllTerms(c, d) {
            let lo = plan.clauseOffsets[c], hi = plan.clauseOffsets[c + 1]
            count = Self.phraseOccurrences(cursors, plan.flatTerms[lo..<hi], offsets: plan.flatOffsets[lo..<hi], limit: .max)
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
    mutating func structuredScore(_ d: Int, threshold: Double) -> Double? {
        let norm = context.norm(length: Int(lengths[d]))
        var score = 0.0
        for t in plan.singles where present[t] && cursors[t].advance(to: d) == d {
            score += context.weight(term: t, tf: cursors[t].tf, norm: norm)
        }
        let phrases = plan.phrases.count
        guard phrases > 0 else {
            return score > threshold && !isDeleted(d) && matches(d) && !excluded(d) ? score : nil
        }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * phrases) { scratch -> Double? in
            // Per phrase family, the best reading's bound, then its weight; per reading its
            // bound (0: a term missing), so that a reading that cannot beat its family's best
            // has no positions counted.
            let best = UnsafeMutableBufferPointer(rebasing: scratch[0..<phrases])
            let readingBound = UnsafeMutableBufferPointer(rebasing: scratch[phrases...])
            best.initialize(repeating: 0)
            let flatTerms = plan.flatTerms, clauseOffsets = plan.clauseOffsets, family = plan.phraseFamily
            let phraseClauses = plan.phrases, scaledIDF = context.phraseScaledIDF, phraseAnchor = phraseAnchor, present = present
            for (i, c) in phraseClauses.enumerated() {
                readingBound[i] = 0
                // Its rarest term first: most readings fail there.
                let anchor = phraseAnchor[i]
                guard anchor >= 0, cursors[anchor].advance(to: d) == d else { continue }
                var least = Int.max
                for k in clauseOffsets[c]..<clauseOffsets[c + 1] {
                    let t = flatTerms[k]
                    guard present[t], cursors[t].advance(to: d) == d else { least = 0; break }
                    least = min(least, cursors[t].tf)
                }
                if least > 0 {
                    let f = family[i]
                    readingBound[i] = context.weight(scaledIDF: scaledIDF[i], tf: least, norm: norm)
                    best[f] = max(best[f], readingBound[i])
                }
            }
            let bound = score + best.reduce(0, +)
            guard bound > threshold, !isDeleted(d), matches(d), !excluded(d) else { return nil }
            best.update(repeating: 0)
            for (i, c) in phraseClauses.enumerated() {
                let f = family[i]
                guard readingBound[i] > best[f] else { continue }
                let pf = phraseFrequency(c, d)
                if pf > 0 {
                    best[f] = max(best[f], context.weight(scaledIDF: scaledIDF[i], tf: pf, norm: norm))
                }
            }
            let total = score + best.reduce(0, +)
            return total > threshold ? total : nil
        }
    }

    /// The occurrences of a phrase in the current documents of `cursors[terms]`: the positions
    /// p where each term i is at p + offsets[i]. Positions are decoded as the walk needs them;
    /// it stops after `limit` occurrences, and appends their first positions to `starts` when
    /// given. A damaged position block marks its cursor damaged and counts nothing.
    static func phraseOccurrences(
        _ cursors: UnsafeMutableBufferPointer<PostingCursor>, _ terms: some Collection<Int>, offsets: some Collection<Int>,
        limit: Int, starts: UnsafeMutablePointer<[UInt32]>? = nil
    ) -> Int {
        let n = terms.count
        guard n > 0, offsets.count == n else { return 0 }
        return withUnsafeTemporaryAllocation(of: PositionStream.self, capacity: n) { streams in
            var made = 0
            defer {
                for (i, t) in terms.prefix(made).enumerated() where streams[i].damaged { cursors[t].markDamaged() }
                _ = streams.prefix(made).deinitialize()
            }
            for t in terms {
                guard let stream = cursors[t].positionStream() else { return 0 }
                streams.initializeElement(at: made, to: stream)
                made += 1
            }
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * n) { scratch in
                // current[i]: term i's current position; want[i]: its offset in the phrase.
                let current = scratch.baseAddress!, want = scratch.baseAddress! + n
                for (i, o) in offsets.enumerated() { want[i] = UInt32(truncatingIfNeeded: o &- offsets.first!) }
                for i in 1..<n {
                    guard let q = streams[i].next() else { return 0 }
                    current[i] = q
                }
                var count = 0
                outer: while let p = streams[0].next() {
                    for i in 1..<n {
                        let target = p &+ want[i]
                        if target < p { continue outer }  // past the largest position
                        while current[i] < target {
                            guard let q = streams[i].next() else { return count }
                            current[i] = q
                        }
                        if current[i] != target { continue outer }
                    }
                    count += 1
                    starts?.pointee.append(p)
                    if count >= limit { return count }
                }
                return count
            }
        }
    }

    mutating func excluded(_ d: Int) -> Bool {
        for i in 0..<plan.excludedPhrase.count {
            let lo = plan.excludedOffsets[i], hi = plan.excludedOffsets[i + 1]
            var all = true
            for j in lo..<hi where !excludedPresent[j] || excludedCursors[j].advance(to: d) != d {
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
