/// Repairs where the standard's word crosses the boundary between two of ICU's words (sixth
/// round of issue 17 §4; `Worker+Rules.swift`'s `RuleWriter` calls them, each behind one or two
/// comparisons that most words fail):
///
/// - 人次, the compound unit "person-times", after a number that took the 万 of ICU's 万人:
///   `12|万人|次` → `12万|人次`, `一百|多|万人|次` → `一百多万|人次`, `三千|余人|次` → `三千余|人次`
///   (ICU keeps `八万|人次` itself);
/// - 创新高 "hit a new high" before punctuation, 的 or the end: ICU's `创新|高` → `创|新高`
///   (创新高地, 创新高效 are ICU's `创新|高地`, `创新|高效` and stay);
/// - a noun of people X人 before 们, which ICU reads as X|人们: `工|人们` → `工人们`, `老|人们` →
///   `老人们` (rule 6 of the gold sets' standard keeps 们 on its noun).
extension ICURepairs {
    /// The end of 人次 when the piece [s, e) left of an ICU word is 人 alone and 次 follows it,
    /// else `nil`.
    @inline(__always)
    static func personTimesEnd(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Int? {
        e - s == 1 && scalars[s] == ren && e < scalars.count && scalars[e] == ci ? e + 1 : nil
    }

    /// Whether the ICU word [s, e) is 创新 before a 高 that ends ICU's next word: before
    /// punctuation or any other non-Han scalar, 的, 了, or the end of the text.
    @inline(__always)
    static func isNewHigh(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Bool {
        guard e - s == 2, scalars[s + 1] == xin, e < scalars.count, scalars[e] == gao else { return false }
        if e + 1 == scalars.count { return true }
        let after = scalars[e + 1]
        return !ScalarClass.isHan(after) || after == 0x7684 || after == 0x4E86  // 的, 了
    }

    /// Whether the one-character segment `x` before ICU's word 人们 [s, e) is the first character
    /// of a noun of people X人 (工人, 老人 …) that 们 follows.
    @inline(__always)
    static func isPeopleNounHead(_ scalars: UnsafeBufferPointer<UInt32>, _ x: UInt32, _ s: Int, _ e: Int) -> Bool {
        e - s == 2 && scalars[s + 1] == men && peopleNounHeads.contains(x)
    }

    /// 创, the first character `isNewHigh` needs (the caller tests it before the call).
    static let chuang: UInt32 = 0x521B
    /// 人.
    static let ren: UInt32 = 0x4EBA
    private static let ci: UInt32 = 0x6B21    // 次
    private static let xin: UInt32 = 0x65B0   // 新
    private static let gao: UInt32 = 0x9AD8   // 高
    private static let men: UInt32 = 0x4EEC   // 们

    /// X of the nouns of people X人 that are 10 or more tokens of segtool's output on the corpus
    /// and take 们 (工人 560, 老人 527, 军人 278, 夫人 257, 家人 230 … 艺人 12), read by hand; left
    /// out: 个人, 法人, 本人, 他人, 别人, 世人, 众人, 每人 and verbs and adjectives (令人, 感人, 惊人,
    /// 用人, 救人).
    static let peopleNounHeads = ScalarSet("工老军夫家敌病友客白亲游盲新行黑路证传名主爱商犯艺华")
}
