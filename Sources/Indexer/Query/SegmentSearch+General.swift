#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SegmentSearch {
    // MARK: General

    mutating func general(passages: Bool, top: inout TopK<HitLocation>) {
        // Required terms: those of groups with one clause.
        let required = plan.required
        if required.contains(where: { !prepared.present[$0] }) { return }
        var driver: [Int]
        if !required.isEmpty {
            let c = cursors
            driver = required.sorted { c[$0].info.docFreq < c[$1].info.docFreq }
        } else {
            driver = plan.firstGroupTerms.filter { prepared.present[$0] }
            if driver.isEmpty { return }
        }
        // A group of several clauses (a phrase and its readings) matches only where one of its
        // clauses has its anchor (`anchors(of:…)`): when those together are rarer than the
        // rarest required term, their union gives the candidates (required terms are then
        // checked).
        var union: [Int] = []
        var unionCost = required.isEmpty ? Int.max : cursors[driver[0]].info.docFreq
        for g in plan.groupClauses where g.count > 1 {
            var anchors: [Int] = [], cost = 0
            for c in g {
                let rarest = prepared.clauseAnchorTerm[c]
                guard rarest >= 0 else { continue }
                if !anchors.contains(rarest) {
                    anchors.append(rarest)
                    cost += cursors[rarest].info.docFreq
                }
            }
            if anchors.isEmpty { return }
            if cost < unionCost {
                unionCost = cost
                union = anchors
            }
        }
        let unionDriven = !union.isEmpty
        // Each union term's document when last advanced (≤ its cursor's: cursors only move
        // on), read from one small array instead of from each cursor; a value below the
        // current document is brought up to date. Stale values can only make a candidate
        // early (checked like any other), never skip one.
        var unionAt = [Int](repeating: -1, count: union.count)
        // When the union's terms are exactly the phrase readings' anchors (one group of
        // phrases and their readings, nothing else anchored), finding the next candidate also
        // finds the anchors at it, handed to `structuredScore` (`anchorsFound`), which then
        // does not look over every anchor again; and the union is walked as a few dense
        // anchors, looked at per candidate, and the sparse rest, looked at only when the
        // candidate reaches the least document among them (`tailMin`): "高质量 发展" has 45
        // anchors, of which 质量 and 高质量发展 bring most candidates. The same candidates,
        // the same anchors at each.
        var unionAnchor: [Int] = []
        if unionDriven && !passages && union.count == prepared.anchorTerms.count && union.count > 1 {
            union.sort { cursors[$0].info.docFreq > cursors[$1].info.docFreq }
            unionAnchor = union.map { t in prepared.anchorTerms.firstIndex(of: t) ?? -1 }
            if unionAnchor.contains(-1) { unionAnchor = [] }
        }
        let handsAnchors = !unionAnchor.isEmpty
        // Dense: the anchors with at least 1/32 of the densest one's documents (1/8 and 1/128 were
        // slower on "高质量 发展" and "科 学院"; a heap of the sparse ones was slower than this scan).
        let headCount = handsAnchors ? max(1, union.firstIndex { 32 * cursors[$0].info.docFreq < cursors[union[0]].info.docFreq } ?? union.count) : 0
        var tailMin = -1
        var anchorsFound = 0
        let anchorDoc = scratch.anchorDoc, atD = scratch.anchorsAtDocument
        let requiredSet = Set(required)
        let optionalBound = cursors.indices.filter { !requiredSet.contains($0) }.reduce(0.0) { $0 + termBound($1) * plan.multiplicity[$1] }
        var d = 0
        var windowEnd = -1
        var windowBound = Double.infinity
        outer: while true {
            // Next candidate.
            if handsAnchors {
                // Spent anchors stay, at `exhausted` (never below d, never the least).
                var m = PostingCursor.exhausted
                for k in 0..<headCount {
                    var x = unionAt[k]
                    if x < d {
                        x = cursors[union[k]].advance(to: d)
                        unionAt[k] = x
                        anchorDoc[unionAnchor[k]] = x
                    }
                    m = min(m, x)
                }
                if tailMin < d {
                    tailMin = PostingCursor.exhausted
                    for k in headCount..<union.count {
                        var x = unionAt[k]
                        if x < d {
                            x = cursors[union[k]].advance(to: d)
                            unionAt[k] = x
                            anchorDoc[unionAnchor[k]] = x
                        }
                        tailMin = min(tailMin, x)
                    }
                }
                m = min(m, tailMin)
                if m == PostingCursor.exhausted { return }
                d = m
                anchorsFound = 0
                for k in 0..<headCount where unionAt[k] == m {
                    atD[anchorsFound] = unionAnchor[k]
                    anchorsFound += 1
                }
                if tailMin == m {
                    for k in headCount..<union.count where unionAt[k] == m {
                        atD[anchorsFound] = unionAnchor[k]
                        anchorsFound += 1
                    }
                }
                for t in required {
                    let x = cursors[t].advance(to: d)
                    if x == PostingCursor.exhausted { return }
                    if x > d {
                        d = x
                        continue outer
                    }
                }
            } else if unionDriven {
                var m = PostingCursor.exhausted
                var k = 0
                while k < union.count {
                    var x = unionAt[k]
                    if x < d {
                        x = cursors[union[k]].advance(to: d)
                        unionAt[k] = x
                    }
                    if x == PostingCursor.exhausted {
                        // Spent: out of the union.
                        union.swapAt(k, union.count - 1)
                        union.removeLast()
                        unionAt.swapAt(k, unionAt.count - 1)
                        unionAt.removeLast()
                        continue
                    }
                    m = min(m, x)
                    k += 1
                }
                if m == PostingCursor.exhausted { return }
                d = m
                for t in required {
                    let x = cursors[t].advance(to: d)
                    if x == PostingCursor.exhausted { return }
                    if x > d {
                        d = x
                        continue outer
                    }
                }
            } else if !required.isEmpty {
                d = cursors[driver[0]].advance(to: d)
                if d == PostingCursor.exhausted { return }
                if !passages && top.threshold > -.infinity {
                    // Block-max for conjunctions: the blocks of the required terms that would
                    // hold the candidate (from the block tables, nothing decoded) plus the
                    // other terms' list bounds; skip the stretch where they cannot compete.
                    // The bound stands until the first of those blocks ends.
                    if d > windowEnd {
                        windowBound = optionalBound
                        windowEnd = Int.max
                        for t in required {
                            guard let (b, last) = shallowBound(t, d) else { return }
                            windowBound += b * plan.multiplicity[t]
                            windowEnd = min(windowEnd, last)
                        }
                    }
                    if windowBound <= top.threshold {
                        if windowEnd == Int.max { return }
                        d = windowEnd + 1
                        continue
                    }
                }
                for t in driver.dropFirst() {
                    let x = cursors[t].advance(to: d)
                    if x == PostingCursor.exhausted { return }
                    if x > d {
                        d = x
                        continue outer
                    }
                }
            } else {
                var m = PostingCursor.exhausted
                for t in driver { m = min(m, cursors[t].advance(to: d)) }
                if m == PostingCursor.exhausted { return }
                d = m
            }
            if passages {
                if !isDeleted(d), matches(d), !excluded(d) { scorePassages(d, top: &top) }
            } else {
                if let score = structuredScore(d, threshold: top.threshold, anchorsFound: handsAnchors ? anchorsFound : nil) {
                    top.insert(HitLocation(segment: s, ordinal: d, passage: 0), score: score, id: globalID(d))
                }
            }
            d += 1
        }
    }
}
