extension SegmentationScore {
    /// The words two segmentations share when their texts differ, as the bakeoff's `score`
    /// finds them: it writes each segmentation one word a line and runs `diff`, and the lines
    /// `diff` leaves unchanged are the correct words. That is a longest common subsequence of
    /// the two word sequences (words compared as strings), found here by dynamic programming
    /// after setting aside the common beginning and end (as `diff` does).
    ///
    /// - Returns: the matched pairs (gold index, test index), both increasing.
    /// - Throws: `TooLongToAlign` when the part left to align has more than `alignmentLimit`
    ///   pairs of words.
    /// - Complexity: O(n·m) time and n·m/4 bytes for the part between the common beginning and
    ///   end; O(n + m) when one side of it is empty.
    static func commonWords(_ gold: [String], _ test: [String]) throws(TooLongToAlign) -> [(gold: Int, test: Int)] {
        // Words as integers, so that the inner loop compares numbers.
        var ids: [String: Int32] = [:]
        let a = gold.map { word -> Int32 in
            if let id = ids[word] { return id }
            let id = Int32(ids.count)
            ids[word] = id
            return id
        }
        // A tested word that is no gold word matches nothing: it gets an id of its own (-1).
        let b = test.map { ids[$0] ?? -1 }
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix
            && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let n = a.count - prefix - suffix, m = b.count - prefix - suffix
        var pairs: [(gold: Int, test: Int)] = (0..<prefix).map { ($0, $0) }
        if n > 0 && m > 0 {
            guard n <= alignmentLimit / m else { throw TooLongToAlign(goldWords: n, testWords: m) }
            pairs += middleAlignment(a[prefix..<(prefix + n)], b[prefix..<(prefix + m)])
        }
        pairs += (0..<suffix).map { (a.count - suffix + $0, b.count - suffix + $0) }
        return pairs
    }

    /// A longest common subsequence of two non-empty sequences, as index pairs into them.
    private static func middleAlignment(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>) -> [(gold: Int, test: Int)] {
        let n = a.count, m = b.count
        let a0 = a.startIndex, b0 = b.startIndex
        let a = Array(a), b = Array(b)
        // Lengths of the best alignments of a[..<i] and b[..<j], two rows at a time; and per
        // cell the step taken, 2 bits: 0 both words (a match), 1 skip a's word, 2 skip b's.
        var previous = [Int32](repeating: 0, count: m + 1)
        var current = previous
        var steps = [UInt64](repeating: 0, count: (n * m + 31) / 32)
        for i in 1...n {
            let word = a[i - 1]
            current[0] = 0
            for j in 1...m {
                let cell = (i - 1) * m + (j - 1)
                let step: UInt64
                if word == b[j - 1] {
                    current[j] = previous[j - 1] + 1
                    step = 0
                } else if previous[j] >= current[j - 1] {
                    current[j] = previous[j]
                    step = 1
                } else {
                    current[j] = current[j - 1]
                    step = 2
                }
                steps[cell >> 5] |= step << UInt64((cell & 31) * 2)
            }
            swap(&previous, &current)
        }
        // Walk back from the end.
        var pairs: [(gold: Int, test: Int)] = []
        pairs.reserveCapacity(Int(previous[m]))
        var i = n, j = m
        while i > 0 && j > 0 {
            let cell = (i - 1) * m + (j - 1)
            switch (steps[cell >> 5] >> UInt64((cell & 31) * 2)) & 3 {
            case 0:
                pairs.append((a0 + i - 1, b0 + j - 1))
                i -= 1
                j -= 1
            case 1: i -= 1
            default: j -= 1
            }
        }
        return pairs.reversed()
    }
}
