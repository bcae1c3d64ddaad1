/// Words of the news's frame that are never a document's keyword, and general suffixes that
/// make a word generic, by their form (the seventh round: judged on nine samples, a word
/// ending in 们 was good 0 times in 40, an ordinal 0 in 40, a word ending in 性 0 in 22, in 式
/// 2 in 24, a measure in 量 2 in 34). Written by the segtool team.
extension KeywordExtractor {
    /// 们 (E4 BB AC), 第 (E7 AC AC).
    private static let men: UInt32 = 0x4EEC, di: UInt32 = 0x7B2C
    /// 届 次: the classifiers of a session or a meeting's number (第十三届, 十四届, 第二次).
    private static let sessionUnits: [UInt32] = [0x5C4A, 0x6B21]

    /// Whether a word is no keyword by its form: a plural of people or a pronoun (我们,
    /// 同事们, 科学家们, 乡亲们: a word ending in 们), or an ordinal (第十三届, 第二次, 第三十次,
    /// 十四届: 第 and numerals, perhaps with 届 or 次, or numerals with 届 or 次). A dictionary
    /// term that holds such a part (二十届三中全会, 第一书记) is none of these.
    static func isFrameWord(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard w.count >= 6, w.count % 3 == 0, let last = threeByteScalar(w, w.count - 3) else { return false }
        if last == men { return true }
        guard let first = threeByteScalar(w, 0) else { return false }
        if first == di {
            // 第 + numerals (+ 届/次).
            var at = 3
            while at < w.count {
                guard let value = threeByteScalar(w, at) else { return false }
                if !numerals.contains(value) && !(at + 3 == w.count && at > 3 && sessionUnits.contains(value)) { return false }
                at += 3
            }
            return true
        }
        return w.count >= 9 && sessionUnits.contains(last)
            && isNumerals(UnsafeBufferPointer(rebasing: w[0..<w.count - 3]), inner: [], last: [])
    }

    /// 性 式 量 力.
    private static let xing: UInt32 = 0x6027, shi: UInt32 = 0x5F0F, liang: UInt32 = 0x91CF, li: UInt32 = 0x529B

    /// Whether a word of three characters or more ends in a general suffix: 性 (积极性, 针对性,
    /// 可靠性: a quality), 式 (开幕式, 非正式, 跨越式: a manner or a ceremony) or 量 (吞吐量,
    /// 客流量, 用电量: a measure; not 力量, a force). Such a word weighs as a generic word.
    static func endsWithGeneralSuffix(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard w.count >= 9, w.count % 3 == 0, let last = threeByteScalar(w, w.count - 3) else { return false }
        if last == xing || last == shi { return true }
        return last == liang && threeByteScalar(w, w.count - 6) != li
    }
}
