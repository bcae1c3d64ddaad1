/// Repairs of ICU words that depend on what follows them (`ICURepairs.moreSplit` calls them;
/// the word's own characters decide first, so most words never look further):
///
/// - 一起 before the noun of a case or an incident is the numeral and the classifier 起
///   (一|起|案件, 一|起|交通|事故, 一|起|火灾), as 两起, 多起 are (`splitPairs`); elsewhere it is
///   the adverb "together" (我们|一起|努力), one word.
extension ICURepairs {
    /// Is the ICU word [s, e) 一起 with the noun of a case or an incident right after it?
    @inline(__always)
    static func isCaseClassifier(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Bool {
        guard e - s == 2, scalars[s] == 0x4E00, scalars[s + 1] == 0x8D77, e + 2 <= scalars.count else { return false }  // 一起
        return caseNouns.contains(key(scalars, e, e + 2))
    }

    /// Two-character words that begin the noun an event classifier 起 counts (案件, 事故, 火灾 …,
    /// and modifiers that come first: 重大, 严重, 交通, 电信, 刑事 …): after 一起 the numeral and
    /// the classifier, never the adverb.
    static let caseNouns = SortedKeys([
        "案件", "事故", "火灾", "车祸", "命案", "事件", "纠纷", "爆炸", "袭击", "诈骗", "交通",
        "刑事", "重大", "严重", "恶性", "特大", "安全", "盗窃", "抢劫", "枪击", "醉驾", "非法",
        "电信", "案例", "涉嫌", "生产", "食品", "医疗", "劳动", "合同", "民事", "行政", "典型",
        "校园", "网络", "故意", "走私", "贪污", "受贿", "坠机", "撞车", "追尾", "踩踏", "矿难",
    ].map(key))
}

/// 年前 after a number (thirteenth session, gen19, issue 17 §4): ICU's word 年前 is "before the
/// New Year" (年前 要 把 工作 做 完); after a number it is the unit 年 and the locative 前, two
/// words in PKU's standard and the gold sets' (`五 年 前`, `三千多 年 前`): `10|年前` → `10|年|前`,
/// `两|年前` → `两|年|前`, `多|年前` → `多|年|前` (where the lexicon's 多年 may join 多 and 年).
extension ICURepairs {
    /// Is the ICU word [s, e) 年前 right after a digit, a Han numeral, 多, 余 or 几?
    @inline(__always)
    static func isYearsAgo(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Bool {
        guard e - s == 2, s > 0, scalars[s] == 0x5E74, scalars[s + 1] == 0x524D else { return false }  // 年前
        let before = scalars[s - 1]
        return ScalarClass.isASCIIDigit(before) || ScalarClass.isHanNumeral(before)
            || before == 0x591A || before == 0x4F59 || before == 0x51E0  // 多 余 几
    }
}
