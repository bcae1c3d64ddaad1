import Dispatch

extension NGramCounts {
    /// A frequent string that passed the first filters, before its neighbours are counted.
    private struct Pending {
        var key: NGramKey
        var length: Int
        var count: UInt32
        var cohesion: Double
    }

    /// The ranked candidates: cohesion and function characters first (from the tables), then
    /// one pass over the text for the remaining strings' neighbours and cuts.
    func candidates(options: WordDiscovery.Options) -> [WordDiscovery.Candidate] {
        let notFirst = Set(FunctionCharacters.notFirst.map { HanCode.code($0.value) })
        let notLast = Set(FunctionCharacters.notLast.map { HanCode.code($0.value) })
        let numeric = Set(FunctionCharacters.numeric.map { HanCode.code($0.value) })
        let lengths = max(2, options.lengths.lowerBound)...min(8, options.lengths.upperBound)
        guard lengths.lowerBound <= lengths.upperBound, total > 0 else { return [] }
        var pending: [Pending] = []
        pending.reserveCapacity(1 << 16)
        let n = Double(total)
        for length in lengths where length < tables.count {
            for table in tables[length] {
                table.forEach { key, count in
                    if notFirst.contains(key.code(0)) || notLast.contains(key.code(length - 1)) { return }
                    if numeric.contains(key.code(0)),
                       FunctionCharacters.isNumberWithClassifier((0..<length).map { HanCode.scalar(key.code($0)) }) { return }
                    var cohesion = Double.infinity
                    for cut in 1..<length {
                        let a = Double(self.count(key.slice(0, cut), length: cut))
                        let b = Double(self.count(key.slice(cut, length), length: length - cut))
                        guard a > 0, b > 0 else { cohesion = -.infinity; break }
                        cohesion = min(cohesion, _log(Double(count) * n / (a * b)))
                    }
                    if cohesion >= options.minCohesion {
                        pending.append(Pending(key: key, length: length, count: count, cohesion: cohesion))
                    }
                }
            }
        }
        guard !pending.isEmpty, pending.count < 1 << 24 else { return [] }
        // First pass: how often each is already one token, and how often its ends fall on
        // token boundaries; those mostly whole, or mostly cutting through tokens, go.
        let shares = tokenShares(of: pending.map { ($0.key, $0.length) }, lengths: lengths)
        var survivors: [Pending] = []
        var wholeShares: [Double] = [], alignedShares: [Double] = []
        for (c, p) in pending.enumerated() {
            let total = Double(max(p.count, 1))
            let whole = Double(shares.whole[c]) / total, aligned = Double(shares.aligned[c]) / total
            if whole > options.maxWholeShare || aligned < options.minAlignedShare { continue }
            survivors.append(p)
            wholeShares.append(whole)
            alignedShares.append(aligned)
        }
        pending = survivors
        guard !pending.isEmpty else { return [] }
        let index = NGramTable(expected: pending.count)
        for (i, p) in pending.enumerated() { index.set(p.key, UInt32(i)) }
        let records = occurrences(of: index, pending: pending.map { (UInt32($0.length), $0.count) }, lengths: lengths)

        // Figures per candidate, in parallel over ranges of candidates.
        let parts = max(1, options.threads) * 4
        let results = Slots<[WordDiscovery.Candidate]>(count: parts)
        let job = UncheckedSendable((pending, records, wholeShares, alignedShares))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let (pending, records, wholeShares, alignedShares) = job.value
            let lo = pending.count * part / parts, hi = pending.count * (part + 1) / parts
            var out: [WordDiscovery.Candidate] = []
            var left: [UInt16] = [], right: [UInt16] = [], cuts: [UInt8] = []
            for c in lo..<hi {
                let p = pending[c]
                let slice = records.offsets[c]..<records.offsets[c + 1]
                left.removeAll(keepingCapacity: true); right.removeAll(keepingCapacity: true); cuts.removeAll(keepingCapacity: true)
                for r in records.items[slice] {
                    left.append(UInt16(truncatingIfNeeded: r >> 16))
                    right.append(UInt16(truncatingIfNeeded: r))
                    cuts.append(UInt8(truncatingIfNeeded: (r >> 32) & 0x7F))
                }
                let hl = Self.entropy(&left), hr = Self.entropy(&right)
                if min(hl, hr) < options.minEntropy { continue }
                let wholeShare = wholeShares[c], alignedShare = alignedShares[c]
                let cut = Self.commonCut(p.key, length: p.length, masks: &cuts)
                if Self.hasFunctionPiece(p.key, length: p.length, mask: cut.mask)
                    || Self.hasNumeralAndClassifier(p.key, length: p.length, mask: cut.mask) { continue }
                let score = _log(Double(p.count)) * min(p.cohesion, 8) * min(hl, hr, 4) * alignedShare * Self.shape(cut.mask, length: p.length)
                out.append(WordDiscovery.Candidate(
                    word: HanCode.string(p.key), count: Int(p.count), cohesion: p.cohesion,
                    leftEntropy: hl, rightEntropy: hr, wholeShare: wholeShare, alignedShare: alignedShare,
                    commonCut: cut.text, score: score))
            }
            results[part] = out
        }
        var all: [WordDiscovery.Candidate] = []
        for part in 0..<parts { all += results[part] ?? [] }
        all.sort { $0.score != $1.score ? $0.score > $1.score : ($0.count != $1.count ? $0.count > $1.count : $0.word < $1.word) }
        return Self.droppingCovered(all)
    }

    /// Leaves out a candidate when a better one contains it and holds most (≥ 80%) of its
    /// occurrences: it is a piece of that one.
    static func droppingCovered(_ ranked: [WordDiscovery.Candidate]) -> [WordDiscovery.Candidate] {
        var covered: [String: Int] = [:]
        var kept: [WordDiscovery.Candidate] = []
        for c in ranked {
            if let outer = covered[c.word], Double(outer) >= 0.8 * Double(c.count) { continue }
            kept.append(c)
            let scalars = Array(c.word.unicodeScalars)
            for lo in 0..<scalars.count {
                for hi in (lo + 2)..<(scalars.count + 1) where hi - lo < scalars.count {
                    var s = String.UnicodeScalarView()
                    s.append(contentsOf: scalars[lo..<hi])
                    let sub = String(s)
                    covered[sub] = max(covered[sub] ?? 0, c.count)
                }
            }
        }
        return kept
    }

    /// Branching entropy of neighbour codes (0 = a run edge, each one a neighbour of its own).
    static func entropy(_ codes: inout [UInt16]) -> Double {
        guard !codes.isEmpty else { return 0 }
        codes.sort()
        let n = Double(codes.count)
        var h = 0.0
        var i = 0
        while i < codes.count {
            var j = i + 1
            if codes[i] != 0 { while j < codes.count && codes[j] == codes[i] { j += 1 } }
            let p = Double(j - i) / n
            h -= p * _log(p)
            i = j
        }
        return h
    }

    /// The most common way the segmenter cuts the string, as `a|b`.
    static func commonCut(_ key: NGramKey, length: Int, masks: inout [UInt8]) -> (text: String, mask: UInt8) {
        masks.sort()
        var best: UInt8 = 0, bestRun = 0, i = 0
        while i < masks.count {
            var j = i + 1
            while j < masks.count && masks[j] == masks[i] { j += 1 }
            if j - i > bestRun { bestRun = j - i; best = masks[i] }
            i = j
        }
        var s = String.UnicodeScalarView()
        for k in 0..<length {
            if k > 0 && (best >> UInt8(k - 1)) & 1 == 1 { s.append("|") }
            s.append(HanCode.scalar(key.code(k)))
        }
        return (String(s), best)
    }

    /// Whether the cut leaves a function character (的, 和 …) as a piece of its own inside.
    static func hasFunctionPiece(_ key: NGramKey, length: Int, mask: UInt8) -> Bool {
        guard length >= 3 else { return false }
        for k in 1..<(length - 1) where (mask >> UInt8(k - 1)) & 1 == 1 && (mask >> UInt8(k)) & 1 == 1 {
            // A token starts at k and at k + 1: character k stands alone.
            if FunctionCharacters.notInside.contains(HanCode.scalar(key.code(k))) { return true }
        }
        return false
    }

    /// Whether the cut leaves a numeral and the character after it as single pieces (两|国|元首,
    /// 打造|一|批, 多|种|形式): a number with its classifier, which PKU's standard cuts apart,
    /// so the string is a phrase.
    static func hasNumeralAndClassifier(_ key: NGramKey, length: Int, mask: UInt8) -> Bool {
        // A token starts at character k (the string's own start and end count as starts).
        func starts(_ k: Int) -> Bool { k == 0 || k == length || (mask >> UInt8(k - 1)) & 1 == 1 }
        for k in 0..<(length - 1) where starts(k) && starts(k + 1) && starts(k + 2) {
            if FunctionCharacters.numeric.contains(HanCode.scalar(key.code(k))) { return true }
        }
        return false
    }

    /// 1 when the segmenter's usual cut of a string leaves a single character and at most one
    /// longer piece (计算|机, 阿|联|酋: a word it does not know), 0.4 when it is two or more
    /// words of its own (国民|经济, 充分|发挥: more often a phrase than a word).
    static func shape(_ mask: UInt8, length: Int) -> Double {
        var pieces: [Int] = []
        var start = 0
        for k in 1..<length where (mask >> UInt8(k - 1)) & 1 == 1 {
            pieces.append(k - start)
            start = k
        }
        pieces.append(length - start)
        let longer = pieces.count(where: { $0 > 1 })
        return longer <= 1 && pieces.count > 1 && pieces.contains(1) ? 1 : 0.4
    }

    /// Per candidate, how many of its occurrences are one token, and how many start and end
    /// on token boundaries; in parallel over ranges of the text, with counters per range.
    private func tokenShares(of keys: [(NGramKey, Int)], lengths: ClosedRange<Int>) -> (whole: [UInt32], aligned: [UInt32]) {
        let index = NGramTable(expected: keys.count)
        for (i, k) in keys.enumerated() { index.set(k.0, UInt32(i)) }
        let n = text.codes.count, parts = partitions, count = keys.count
        let found = Slots<([UInt32], [UInt32])>(count: parts)
        let job = UncheckedSendable((text, maxLength, index))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let (text, maxLength, index) = job.value
            let lo = n * part / parts, hi = n * (part + 1) / parts
            var whole = [UInt32](repeating: 0, count: count), aligned = [UInt32](repeating: 0, count: count)
            text.codes.withUnsafeBufferPointer { codes in
                text.cuts.withUnsafeBufferPointer { cuts in
                    guard let base = codes.baseAddress else { return }
                    for i in lo..<hi where cuts[i] & 1 != 0 {
                        let longest = min(Int(maxLength[i]), lengths.upperBound)
                        guard longest >= lengths.lowerBound else { continue }
                        var inner = false
                        for length in 2...longest {
                            if cuts[i + length - 1] & 1 != 0 { inner = true }
                            guard length >= lengths.lowerBound, cuts[i + length] & 1 != 0 else { continue }
                            // Safe because: maxLength[i] >= length means codes i ..< i+length
                            // are characters, and the text ends with a 0 code.
                            let key = NGramKey(base, start: i, length: length)
                            guard let c = index.value(key, hash: key.mixed) else { continue }
                            aligned[Int(c)] &+= 1
                            if !inner { whole[Int(c)] &+= 1 }
                        }
                    }
                }
            }
            found[part] = (whole, aligned)
        }
        var whole = [UInt32](repeating: 0, count: count), aligned = [UInt32](repeating: 0, count: count)
        for part in 0..<parts {
            guard let (w, a) = found[part] else { continue }
            for c in 0..<count { whole[c] &+= w[c]; aligned[c] &+= a[c] }
        }
        return (whole, aligned)
    }

    /// The neighbour code of a position: its character, or at a run edge 0xFFFE when the
    /// non-Han text there is a number on that side, 0xFFFD when it is Latin, 0 otherwise (an
    /// edge, which counts as a neighbour of its own each time). Numbers are one neighbour, so
    /// that 亿元, 万吨 and 日上午, always after a number, have little variety on the left.
    @inline(__always)
    static func neighbour(_ code: UInt16, _ cut: UInt8, digit: UInt8, letter: UInt8) -> UInt16 {
        if code != 0 { return code }
        if cut & digit != 0 { return 0xFFFE }
        if cut & letter != 0 { return 0xFFFD }
        return 0
    }

    /// Every occurrence of the candidates in `index`, grouped by candidate (`offsets[c]` is
    /// where candidate c's start). A record: bits 32–38 = the cuts inside (bit k: a token starts after character k), bits 16–31 =
    /// the character before (0 at a run edge), bits 0–15 = the character after.
    private func occurrences(
        of index: NGramTable, pending: [(length: UInt32, count: UInt32)], lengths: ClosedRange<Int>
    ) -> (items: [UInt64], offsets: [Int]) {
        let n = text.codes.count
        let parts = partitions
        let found = Slots<[UInt64]>(count: parts)
        let job = UncheckedSendable((text, maxLength, index))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let (text, maxLength, index) = job.value
            let lo = n * part / parts, hi = n * (part + 1) / parts
            var out: [UInt64] = []
            text.codes.withUnsafeBufferPointer { codes in
                text.cuts.withUnsafeBufferPointer { cuts in
                    guard let base = codes.baseAddress else { return }
                    for i in lo..<hi {
                        let longest = min(Int(maxLength[i]), lengths.upperBound)
                        guard longest >= lengths.lowerBound else { continue }
                        let before = i > 0 ? UInt64(Self.neighbour(codes[i - 1], cuts[i - 1], digit: 4, letter: 16)) : 0
                        for length in lengths.lowerBound...longest {
                            // Safe because: maxLength[i] >= length means codes i ..< i+length
                            // are characters, and the text ends with a 0 code.
                            let key = NGramKey(base, start: i, length: length)
                            guard let c = index.value(key, hash: key.mixed) else { continue }
                            var inner: UInt64 = 0
                            for k in 1..<length where cuts[i + k] & 1 != 0 { inner |= 1 << UInt64(k - 1) }
                            let after = UInt64(Self.neighbour(codes[i + length], cuts[i + length], digit: 2, letter: 8))
                            out.append(UInt64(c) << 40 | inner << 32 | before << 16 | after)
                        }
                    }
                }
            }
            found[part] = out
        }
        var offsets = [Int](repeating: 0, count: pending.count + 1)
        for (c, p) in pending.enumerated() { offsets[c + 1] = offsets[c] + Int(p.count) }
        var fill = offsets
        var items = [UInt64](repeating: 0, count: offsets[pending.count])
        for part in 0..<parts {
            for r in found[part] ?? [] {
                let c = Int(r >> 40)
                // Every occurrence of a frequent string was counted, so a bucket holds exactly
                // its count; the guard only protects against a bug of ours.
                guard fill[c] < offsets[c + 1] else { continue }
                items[fill[c]] = r & 0xFF_FFFF_FFFF
                fill[c] += 1
            }
        }
        return (items, offsets)
    }
}

/// The natural logarithm (the C library's, so that the module needs no Foundation).
@inline(__always)
func _log(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.log(x)
    #else
    return Darwin.log(x)
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
