#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SegmentSearch {
    // MARK: Counting a phrase's occurrences in a document

    /// How often phrase clause `c` occurs in document `d`, whose terms are all at `d`: from
    /// its terms' positions decoded once per document (`PhraseScratch`), so that a term that
    /// several readings share (的, or the phrase's other words) is decoded once for them all.
    /// Counts as `phraseOccurrences` does; a damaged position block marks its cursor damaged
    /// and counts nothing.
    mutating func decodedPhraseOccurrences(_ c: Int, _ d: Int) -> Int {
        let lo = clauseStarts[c], hi = clauseStarts[c + 1]
        let n = hi - lo
        guard n > 0 else { return 0 }
        let memory = scratch
        if memory.positionsFor != d {
            // Another document: the positions decoded so far are stale (a new generation).
            memory.positionsFor = d
            memory.generation += 1
            memory.used = 0
        }
        let generation = memory.generation
        for k in lo..<hi {
            let t = clauseTerms[k]
            if memory.positionsGeneration[t] == generation { continue }
            guard var stream = cursors[t].positionStream() else { return 0 }
            let start = memory.used
            while let p = stream.next() { memory.append(p) }
            if stream.damaged {
                cursors[t].markDamaged()
                memory.used = start
                return 0
            }
            guard memory.used > start else { return 0 }
            memory.positionsGeneration[t] = generation
            memory.positionsStart[t] = start
            memory.positionsCount[t] = memory.used - start
        }
        // The walk of `phraseOccurrences`, over arrays: for each position p of the first term,
        // term i must be at p + (its offset − the first's).
        let base = memory.positions
        let first = clauseTerms[lo], firstOffset = plan.flatOffsets[lo]
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * n) { scratch in
            let at = scratch.baseAddress!, end = at + n, want = at + 2 * n
            for i in 1..<n {
                let t = clauseTerms[lo + i]
                at[i] = memory.positionsStart[t]
                end[i] = at[i] + memory.positionsCount[t]
                want[i] = plan.flatOffsets[lo + i] &- firstOffset
            }
            var count = 0
            let from = memory.positionsStart[first], to = from + memory.positionsCount[first]
            // When another term has far fewer positions here (的 before 核心), the walk goes
            // over that term's positions instead, and finds the first term's by galloping.
            var rare = 0
            for i in 1..<n where end[i] - at[i] < (rare == 0 ? to - from : end[rare] - at[rare]) { rare = i }
            if rare > 0 && 4 * (end[rare] - at[rare]) < to - from && (1..<n).allSatisfy({ want[$0] >= 0 }) {
                return Self.occurrencesFrom(rare, base: base, from: from, to: to, at: at, end: end, want: want, n: n)
            }
            outer: for j in from..<to {
                let p = base[j]
                for i in 1..<n {
                    let target = p &+ UInt32(truncatingIfNeeded: want[i])
                    if target < p { continue outer }  // past the largest position
                    var k = at[i]
                    while base[k] < target {
                        k += 1
                        if k == end[i] { return count }
                    }
                    at[i] = k
                    if base[k] != target { continue outer }
                }
                count += 1
            }
            return count
        }
    }

    /// The count of `decodedPhraseOccurrences` walking term `rare`'s positions: each distinct
    /// position q of it puts the first term at p = q − want[rare]; p counts as often as the
    /// first term has it, when every other term i is at p + want[i]. The same count as the
    /// walk over the first term's positions (a term's later positions are larger, so one
    /// that runs out ends the count there too).
    static func occurrencesFrom(
        _ rare: Int, base: UnsafeMutablePointer<UInt32>, from: Int, to: Int,
        at: UnsafeMutablePointer<Int>, end: UnsafeMutablePointer<Int>, want: UnsafeMutablePointer<Int>, n: Int
    ) -> Int {
        var count = 0
        var first = from  // the first term's next candidate position, by index
        var j = at[rare]
        outer: while j < end[rare] {
            let q = Int(base[j])
            j += 1
            while j < end[rare] && Int(base[j]) == q { j += 1 }
            let p = q - want[rare]
            if p < 0 { continue }
            // Gallop the first term to p.
            var step = 1
            while first + step < to && Int(base[first + step - 1]) < p { first += step; step *= 2 }
            while first < to && Int(base[first]) < p { first += 1 }
            if first == to { return count }
            if Int(base[first]) != p { continue }
            for i in 1..<n where i != rare {
                let target = p + want[i]
                var k = at[i]
                while k < end[i] && Int(base[k]) < target { k += 1 }
                at[i] = k
                if k == end[i] { return count }
                if Int(base[k]) != target { continue outer }
            }
            var same = first
            while same < to && Int(base[same]) == p { same += 1 }
            count += same - first
        }
        return count
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
                let base = offsets.first ?? 0
                for (i, o) in offsets.enumerated() { want[i] = UInt32(truncatingIfNeeded: o &- base) }
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
}
