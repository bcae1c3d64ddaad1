import Dispatch

/// The frequent strings of a `HanText` and their counts, counted level by level.
///
/// A string of *n* characters at position *i* is counted only when its first and its last
/// *n*−1 characters are frequent (at least `minCount`): no string can be more frequent than
/// its parts, so nothing frequent is missed, and the tables hold few rare strings. `maxLength[i]`
/// is the length of the longest frequent string starting at *i*. Each level is counted by
/// `threads` threads, each over the whole text but for the keys of its own hash partition, so
/// no table is shared while written.
struct NGramCounts {
    let text: HanText
    /// `tables[n][p]`: the frequent strings of length n (2…8) of partition p.
    private(set) var tables: [[NGramTable]] = []
    /// Counts of single characters by code.
    private(set) var unigrams: [UInt32]
    /// Per position, the length of the longest frequent string that starts there (0…8).
    private(set) var maxLength: [UInt8]
    /// The number of Han characters.
    let total: Int
    let partitions: Int
    let minCount: UInt32

    init(text: HanText, options: WordDiscovery.Options) {
        self.text = text
        let n = text.codes.count
        partitions = max(1, options.threads)
        minCount = UInt32(clamping: max(1, options.minCount))
        var unigrams = [UInt32](repeating: 0, count: 1 << 16)
        var total = 0
        for c in text.codes where c != 0 {
            unigrams[Int(c)] &+= 1
            total += 1
        }
        self.unigrams = unigrams
        self.total = total
        var maxLength = [UInt8](repeating: 0, count: n)
        for i in 0..<n where text.codes[i] != 0 && unigrams[Int(text.codes[i])] >= minCount { maxLength[i] = 1 }
        tables = [[], []]
        let top = min(8, max(2, options.lengths.upperBound))
        for length in 2...top {
            let level = Self.count(length: length, text: text, maxLength: maxLength, partitions: partitions, minCount: minCount)
            tables.append(level.tables)
            maxLength = level.maxLength
            if level.tables.allSatisfy({ $0.count == 0 }) { break }
        }
        self.maxLength = maxLength
    }

    /// The count of `key` (of `length` characters), or 0 when it is not frequent.
    @inline(__always)
    func count(_ key: NGramKey, length: Int) -> UInt32 {
        if length == 1 { return unigrams[Int(key.code(0))] }
        guard length < tables.count else { return 0 }
        let hash = key.mixed
        return tables[length][Self.partition(hash, partitions)].value(key, hash: hash) ?? 0
    }

    @inline(__always)
    static func partition(_ hash: UInt64, _ partitions: Int) -> Int {
        Int(truncatingIfNeeded: (hash >> 40) % UInt64(partitions))
    }

    /// Counts the strings of `length` characters whose two parts are frequent; gives the
    /// frequent ones and the new `maxLength`.
    private static func count(
        length: Int, text: HanText, maxLength: [UInt8], partitions: Int, minCount: UInt32
    ) -> (tables: [NGramTable], maxLength: [UInt8]) {
        let n = text.codes.count
        let previous = UInt8(length - 1)
        let counted = Slots<NGramTable>(count: partitions)
        let job = UncheckedSendable((text, maxLength))
        // Counting: each thread scans the text for the keys of its own partition.
        DispatchQueue.concurrentPerform(iterations: partitions) { p in
            let (text, maxLength) = job.value
            let table = NGramTable(expected: 1 << 16)
            text.codes.withUnsafeBufferPointer { codes in
                maxLength.withUnsafeBufferPointer { maxLength in
                    // Safe because: `maxLength[i + 1] >= previous >= 1` means codes
                    // i+1 ..< i+length are characters, so the key stays inside the buffer.
                    guard let base = codes.baseAddress else { return }
                    var i = 0
                    while i + 1 < n {
                        if maxLength[i] >= previous && maxLength[i + 1] >= previous {
                            let key = NGramKey(base, start: i, length: length)
                            let hash = key.mixed
                            if partition(hash, partitions) == p { table.increment(key, hash: hash) }
                        }
                        i += 1
                    }
                }
            }
            counted[p] = table.keeping(atLeast: minCount)
        }
        let tables = (0..<partitions).map { counted[$0] ?? NGramTable() }
        // The new longest frequent lengths: ranges of positions, in parallel.
        let ranges = partitions * 4
        let next = Slots<[UInt8]>(count: ranges)
        let lookup = UncheckedSendable((text, maxLength, tables))
        DispatchQueue.concurrentPerform(iterations: ranges) { r in
            let (text, maxLength, tables) = lookup.value
            let lo = n * r / ranges, hi = n * (r + 1) / ranges
            var out = Array(maxLength[lo..<hi])
            text.codes.withUnsafeBufferPointer { codes in
                guard let base = codes.baseAddress else { return }
                for i in lo..<hi where i + 1 < n && maxLength[i] >= previous && maxLength[i + 1] >= previous {
                    let key = NGramKey(base, start: i, length: length)
                    let hash = key.mixed
                    if tables[partition(hash, partitions)].value(key, hash: hash) != nil { out[i - lo] = UInt8(length) }
                }
            }
            next[r] = out
        }
        var merged: [UInt8] = []
        merged.reserveCapacity(n)
        for r in 0..<ranges { merged.append(contentsOf: next[r] ?? []) }
        return (tables, merged)
    }
}
