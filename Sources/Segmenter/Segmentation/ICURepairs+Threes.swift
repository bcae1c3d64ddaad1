/// Three-character ICU words that PKU writes as two or three words, by class (twelfth
/// session; the most frequent three-character tokens of segtool's output on the corpus that
/// are no lexicon entry, read one by one, 5 or more occurrences each):
///
/// - an adverb, preposition or pronoun of one character before a word of two: 都没有,
///   也可以, 很可能, 从去年, 在一起, 最主要 → 都|没有, 也|可以 … (then 不能, 不会 as
///   `splitPairs` has them: 都不能 → 都|不|能);
/// - a word of two characters before a verb, a complement or a location word of one:
///   已经有, 一定能, 建立起, 打造成, 转变为, 反映出, 不断地, 世界上, 条件下, 人群中 →
///   已经|有, 建立|起, 不断|地, 世界|上 … (PKU: 建立 起, 转变 为, 不断 地, 世界 上).
///
/// Kept whole, being words: 也就是, 尽可能, 基本上, 不可能, 能不能, 了不起, 跟不上, 经得起,
/// 离不开, 一部分, 大部分, 看一看; places and names (索马里, 新德里, 目的地, 所在地).
extension ICURepairs {
    /// Where to split the three-character ICU word [s, e), or `nil`. One set test of the
    /// first and of the last character comes before any lookup.
    @inline(__always)
    static func threeCharacterSplit(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Int? {
        if splitAfterFirstHeads.contains(scalars[s]) && splitAfterFirst.contains(key(scalars, s, e)) { return s + 1 }
        if splitBeforeLastTails.contains(scalars[e - 1]) && splitBeforeLast.contains(key(scalars, s, e)) { return e - 1 }
        return nil
    }

    /// The words split after their first character.
    static let splitAfterFirstWords = [
        "在一起", "都没有", "都可以", "都不能", "也没有", "从去年", "也不能", "都应该", "也可以", "很可能",
        "就不能", "最主要", "也不会", "就应该", "却没有", "而不能", "他认为", "已达成",
        // 5 to 11 occurrences
        "要注意", "才能够", "才不会", "还能够", "很简单", "最糟糕", "还只是", "只剩下",
    ]

    /// The words split before their last character (and `locativeThreeWords`).
    static let splitBeforeLastWords = [
        "已经有", "世界上", "条件下", "建立起", "一定能", "担负起", "打造成", "不断地", "田野上", "至少有",
        "转变为", "当选为", "反映出", "一年中", "体现出", "大约有", "暴露出", "只要有", "培育出", "不会有",
        "春天里", "划分为", "人群中",
        // 5 to 11 occurrences
        "再也不", "从小就", "才会有", "也会有", "如果有", "曾经有", "世界中", "不停地", "心目中", "描绘出",
        "餐桌上", "一路上", "地面上", "总共有",
    ]

    /// `splitAfterFirstWords` as keys.
    static let splitAfterFirst = SortedKeys(splitAfterFirstWords.map(key))
    /// `splitBeforeLastWords` as keys.
    static let splitBeforeLast = SortedKeys((splitBeforeLastWords + locativeThreeWords).map(key))
    /// The first characters of `splitAfterFirstWords`.
    static let splitAfterFirstHeads = ScalarSet(String(splitAfterFirstWords.compactMap(\.first)))
    /// The last characters of `splitBeforeLastWords` and `locativeThreeWords` (ICURepairs+Locatives.swift).
    static let splitBeforeLastTails = ScalarSet(String((splitBeforeLastWords + locativeThreeWords).compactMap(\.last)))
}
