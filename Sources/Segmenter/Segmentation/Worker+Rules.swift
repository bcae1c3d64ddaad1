/// Rules of ours on top of ICU's words, for what ICU splits but every standard keeps whole:
///
/// - a number with its percent sign or Chinese magnitude/approximation suffixes:
///   `5.5%`, `14万亿`, `1800多亿`, `60余`;
/// - dates: a four-digit year with 年 (`2024年`; `36 年` stays two words), a month 1–12
///   with 月, a day 1–31 with 日 or 号;
/// - ordinals: 第 with its numeral (`第十二`, `第15`);
/// - codes joined by hyphens: `COVID-19`, `G20-2`.
///
/// And one correction: ICU treats `，` `；` `：` as number separators (so `2.5，5.1` would be
/// one word); in Chinese they end clauses, so ICU's words are split there.
///
/// Rule tokens are atomic: the resolver never cuts them, though a dictionary word may cover
/// one whole.
extension Worker {
    private static let percentLike = ScalarSet("%‰℃")
    private static let numberSuffixes = ScalarSet("万亿千百余多")
    private static let nian: UInt32 = 0x5E74, yue: UInt32 = 0x6708, ri: UInt32 = 0x65E5, hao: UInt32 = 0x53F7
    private static let di: UInt32 = 0x7B2C  // 第

    /// Rewrites the ICU segments in place into the base segments, and fills `segOf`.
    mutating func applyRules() {
        let n = scalars.count
        segStart.removeAll(keepingCapacity: true)
        segEnd.removeAll(keepingCapacity: true)
        segRule.removeAll(keepingCapacity: true)
        segAtomic.removeAll(keepingCapacity: true)
        var pos = 0
        for k in 0..<icuStart.count {
            let e = Int(icuEnd[k])
            if e <= pos { continue }
            let s = max(Int(icuStart[k]), pos)
            // Split at clause punctuation inside a non-ideographic ICU word.
            if e - s > 1 && !ScalarClass.isHan(scalars[s]) {
                var pieceStart = s
                for i in s..<e where ScalarClass.isClausePunctuation(scalars[i]) {
                    let ps = max(pieceStart, pos)
                    if ps < i { pos = piece(ps, i, n: n) }
                    if pos <= i {
                        addSegment(i, i + 1, rule: false)
                        pos = i + 1
                    }
                    pieceStart = i + 1
                }
                let ps = max(pieceStart, pos)
                if ps < e { pos = piece(ps, e, n: n) }
                continue
            }
            pos = piece(s, e, n: n)
        }
        if pos < n { addSegment(pos, n, rule: false) }
        // segOf: the segment of every scalar, written through a pointer in one pass.
        segOf.removeAll(keepingCapacity: true)
        segOf.append(contentsOf: repeatElement(0, count: n))
        segStart.withUnsafeBufferPointer { starts in
            segEnd.withUnsafeBufferPointer { ends in
                segOf.withUnsafeMutableBufferPointer { of in
                    for k in 0..<starts.count {
                        for i in Int(starts[k])..<Int(ends[k]) { of[i] = Int32(k) }
                    }
                }
            }
        }
    }

    /// Adds the piece [s, e) of an ICU word, extended by a rule where one applies.
    /// - Returns: the end of what was added (beyond `e` when a rule reached further).
    private mutating func piece(_ s: Int, _ e: Int, n: Int) -> Int {
        let end = ruleEnd(s, e, n: n)
        if end > e {
            addSegment(s, end, rule: true)
            return end
        }
        if end > s && end < e {
            // The rule token is a prefix of ICU's word (第十四届 -> 第十四 + 届).
            addSegment(s, end, rule: true)
            addSegment(end, e, rule: false)
            return e
        }
        addSegment(s, e, rule: false)
        return e
    }

    private mutating func addSegment(_ s: Int, _ e: Int, rule: Bool) {
        segStart.append(Int32(s))
        segEnd.append(Int32(e))
        segRule.append(rule)
        // Dictionary words may cut ideographic ICU words; everything else is atomic.
        segAtomic.append(rule || !(ScalarClass.isHan(scalars[s]) && ScalarClass.isHan(scalars[e - 1])))
    }

    /// Where a rule token starting at `s` ends, given the ICU word [s, e); `e` when no rule applies.
    private func ruleEnd(_ s: Int, _ e: Int, n: Int) -> Int {
        let first = scalars[s]
        if first == Self.di && s + 1 < n {
            var j = s + 1
            while j < n && (ScalarClass.isHanNumeral(scalars[j]) || ScalarClass.isASCIIDigit(scalars[j])) { j += 1 }
            return j > s + 1 ? j : e
        }
        if ScalarClass.isASCIIDigit(first) || ScalarClass.isASCIILetter(first) {
            var j = e
            // Hyphenated codes: COVID-19.
            while j + 1 < n && scalars[j] == 0x2D && isAlnum(scalars[j + 1]) && isAlnum(scalars[j - 1]) {
                j += 1
                while j < n && (isAlnum(scalars[j]) || (scalars[j] == 0x2E && j + 1 < n && ScalarClass.isASCIIDigit(scalars[j + 1]))) { j += 1 }
            }
            guard isNumber(s, e) else { return j }
            if j < n && Self.percentLike.contains(scalars[j]) { return j + 1 }
            var k = j
            while k < n && k - j < 4 && Self.numberSuffixes.contains(scalars[k]) { k += 1 }
            if k > j { return k }
            if j < n {
                let next = scalars[j]
                let digits = j - s
                if next == Self.nian && digits == 4 && allDigits(s, j) { return j + 1 }
                if next == Self.yue || next == Self.ri || next == Self.hao, digits <= 2, allDigits(s, j) {
                    let value = numericValue(s, j)
                    let limit = next == Self.yue ? 12 : 31
                    if value >= 1 && value <= limit { return j + 1 }
                }
            }
            return j
        }
        return e
    }

    @inline(__always)
    private func isAlnum(_ v: UInt32) -> Bool { ScalarClass.isASCIIDigit(v) || ScalarClass.isASCIILetter(v) }

    /// Digits with at most decimal points and separators between them.
    private func isNumber(_ s: Int, _ e: Int) -> Bool {
        guard ScalarClass.isASCIIDigit(scalars[s]) else { return false }
        for i in s..<e {
            let v = scalars[i]
            if !(ScalarClass.isASCIIDigit(v) || v == 0x2E || v == 0x2C) { return false }
        }
        return true
    }

    private func allDigits(_ s: Int, _ e: Int) -> Bool {
        for i in s..<e where !ScalarClass.isASCIIDigit(scalars[i]) { return false }
        return true
    }

    private func numericValue(_ s: Int, _ e: Int) -> Int {
        var value = 0
        for i in s..<e { value = value * 10 + Int(scalars[i] - 0x30) }
        return value
    }
}
