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
    /// Turns ICU's words (`icuEnds`) into the base segments, and fills `segOf`.
    mutating func applyRules(icuOK: Bool) {
        let n = scalars.count
        convertICUEnds(icuOK: icuOK)
        // A tiling has at most one segment per scalar.
        segments.grow(toAtLeast: n, with: .zero)
        segOf.grow(toAtLeast: n, with: 0)
        var count = 0
        scalars.withUnsafeBufferPointer { scalars in
        segments.withUnsafeMutableBufferPointer { segments in
        segOf.withUnsafeMutableBufferPointer { segOf in
        icuEnds.withUnsafeBufferPointer { icuEnds in
        CharacterClasses.table.withUnsafeBufferPointer { classes in
            var rules = RuleWriter(scalars: scalars, segments: segments, segOf: segOf, classes: classes)
            var start = 0
            for end in icuEnds {
                rules.add(icuWord: start, Int(end))
                start = Int(end)
            }
            rules.finish()
            count = rules.count
        }
        }
        }
        }
        }
        segCount = count
    }
}

/// Writes the base segments (and every scalar's segment) through pointers while applying
/// the rules.
private struct RuleWriter {
    let scalars: UnsafeBufferPointer<UInt32>
    let segments: UnsafeMutableBufferPointer<Worker.BaseSegment>
    let segOf: UnsafeMutableBufferPointer<Int32>
    /// `CharacterClasses.table`.
    let classes: UnsafeBufferPointer<UInt8>
    let n: Int
    /// Segments written so far.
    var count = 0
    /// Where the segments written so far end (a rule may reach beyond an ICU word).
    var pos = 0

    private static let percentLike = ScalarSet("%‰℃")
    private static let numberSuffixes = ScalarSet("万亿千百余多")
    private static let nian: UInt32 = 0x5E74, yue: UInt32 = 0x6708, ri: UInt32 = 0x65E5, hao: UInt32 = 0x53F7
    private static let di: UInt32 = 0x7B2C  // 第

    init(
        scalars: UnsafeBufferPointer<UInt32>, segments: UnsafeMutableBufferPointer<Worker.BaseSegment>,
        segOf: UnsafeMutableBufferPointer<Int32>, classes: UnsafeBufferPointer<UInt8>
    ) {
        self.scalars = scalars
        self.classes = classes
        self.segments = segments
        self.segOf = segOf
        self.n = scalars.count
    }

    /// Adds ICU's word [start, e), less what a rule before it already covered.
    @inline(__always)
    mutating func add(icuWord start: Int, _ e: Int) {
        if e <= pos { return }
        let s = max(start, pos)
        // 人 left of 万人 after a number, and 次: 人次 (ICURepairs+Crossings.swift).
        if s > start, let end = ICURepairs.personTimesEnd(scalars, s, e) { append(s, end, rule: false); pos = end; return }
        let first = scalars[s]
        // An ideographic ICU word: the only rule that starts with Han is the ordinal's 第.
        if ScalarClass.isHan(first) && first != Self.di {
            // 创|新高, X人们 (ICURepairs+Crossings.swift)
            if (first == ICURepairs.chuang || first == ICURepairs.ren) && crossed(s, e) { return }
            // A Han number that ICU cut or glued (三百|多, 七|十多岁, 两百元): one rule token.
            if let end = appendedNumber(s, e) {
                pos = max(end, e)
                return
            }
            if e - s >= 2, let cut = ICURepairs.splitPoint(scalars, s, e, classes: classes) {  // (one character: no call)
                appendRepaired(s, cut)
                // A number after a particle ICU glued to it goes on into the next word (了三|十多年).
                if let end = appendedNumber(cut, e) {
                    pos = max(end, e)
                    return
                }
                appendRepaired(cut, e)
            } else {
                append(s, e, rule: false)
            }
            pos = e
            return
        }
        // Split at clause punctuation inside a non-ideographic ICU word.
        if e - s > 1 {
            var pieceStart = s
            for i in s..<e where ScalarClass.isClausePunctuation(scalars[i]) {
                let ps = max(pieceStart, pos)
                if ps < i { pos = piece(ps, i) }
                if pos <= i {
                    append(i, i + 1, rule: false)
                    pos = i + 1
                }
                pieceStart = i + 1
            }
            let ps = max(pieceStart, pos)
            if ps < e { pos = piece(ps, e) }
            return
        }
        pos = piece(s, e)
    }

    /// Adds the Han number that starts at `s`, the start of ICU's word or of its last piece
    /// [s, e), and the rest of that word when the number ends inside it.
    /// - Returns: the number's end, or `nil` (nothing added) when no number starts there or it
    ///   is the whole of [s, e) (ICU's word stays as it is).
    @inline(__always)
    private mutating func appendedNumber(_ s: Int, _ e: Int) -> Int? {
        guard CharacterClasses.of(scalars[s], in: classes, more: true) & CharacterClasses.hanNumeral != 0,
              let end = ICURepairs.hanNumberEnd(scalars, s, e), end != e else { return nil }
        append(s, end, rule: true)
        if end < e {
            if let unit = ICURepairs.personTimesEnd(scalars, end, e) { append(end, unit, rule: false); return unit }  // 万|人次
            appendRepaired(end, e)
        }
        return end
    }

    /// Adds a piece of a repaired ICU word, itself repaired (下个月 → 下个|月 → 下|个|月).
    private mutating func appendRepaired(_ s: Int, _ e: Int) {
        if e - s >= 2, let cut = ICURepairs.splitPoint(scalars, s, e, classes: classes) {
            appendRepaired(s, cut)
            appendRepaired(cut, e)
        } else {
            append(s, e, rule: false)
        }
    }

    /// Covers what is left after the last ICU word.
    mutating func finish() {
        if pos < n { append(pos, n, rule: false) }
    }

    /// Adds the piece [s, e) of an ICU word, extended by a rule where one applies.
    /// - Returns: the end of what was added (beyond `e` when a rule reached further).
    private mutating func piece(_ s: Int, _ e: Int) -> Int {
        let end = ruleEnd(s, e)
        if end > e {
            append(s, end, rule: true)
            return end
        }
        if end > s && end < e {
            // The rule token is a prefix of ICU's word (第十四届 -> 第十四 + 届).
            append(s, end, rule: true)
            append(end, e, rule: false)
            return e
        }
        append(s, e, rule: false)
        return e
    }

    /// The repairs across ICU's words of `ICURepairs+Crossings.swift` for the ICU word [s, e)
    /// that starts with 创 or 人: 创新|高 → 创|新高 before punctuation; X|人们 → X人们 (one rule
    /// token) when X begins a noun of people. Whether one was made (`pos` is then set).
    private mutating func crossed(_ s: Int, _ e: Int) -> Bool {
        if scalars[s] == ICURepairs.chuang {
            guard ICURepairs.isNewHigh(scalars, s, e) else { return false }
            append(s, s + 1, rule: true)
            append(s + 1, e + 1, rule: true)
            pos = e + 1
            return true
        }
        guard count > 0 else { return false }
        let last = segments[count - 1]
        guard Int(last.end) == s, Int(last.start) == s - 1, !last.isRule,
              ICURepairs.isPeopleNounHead(scalars, scalars[s - 1], s, e) else { return false }
        count -= 1
        append(s - 1, e, rule: true)
        pos = e
        return true
    }

    @inline(__always)
    private mutating func append(_ s: Int, _ e: Int, rule: Bool) {
        // Dictionary words may cut ideographic ICU words; everything else is atomic.
        let atomic = rule || !(ScalarClass.isHan(scalars[s]) && ScalarClass.isHan(scalars[e - 1]))
        segments[count] = .init(start: Int32(s), end: Int32(e), isRule: rule, isAtomic: atomic)
        let k = Int32(count)
        for i in s..<e { segOf[i] = k }
        count += 1
    }

    /// Where a rule token starting at `s` ends, given the ICU word [s, e); `e` when no rule applies.
    private func ruleEnd(_ s: Int, _ e: Int) -> Int {
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
                if let end = ICURepairs.clockTimeEnd(scalars, s, j) { return end }  // 3时, 9时30分 (ICURepairs+Times.swift)
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
