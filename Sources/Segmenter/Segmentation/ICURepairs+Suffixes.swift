/// Suffixes of general words that ICU leaves alone after the word they make a noun of:
/// 取暖|器 → 取暖器, 公开|赛 → 公开赛, 积分|榜 → 积分榜, 文学|奖 → 文学奖, 收购|价 → 收购价,
/// 物业|费 → 物业费, 加工|厂 → 加工厂, 便利|店 → 便利店, 体育|馆 → 体育馆, 会议|室 → 会议室,
/// 交易|量 → 交易量, 代表|团 → 代表团, 铁路|网 → 铁路网, 生产|线 → 生产线, 文化|节 → 文化节,
/// 纪念|品 → 纪念品, 抑郁|症 → 抑郁症, 诈骗|罪 → 诈骗罪, 体育|课 → 体育课, 自由|泳 → 自由泳,
/// 太极|拳 → 太极拳. PKU keeps such words whole, as the team's gold sets do (取暖器, 公开赛,
/// 积分榜, 文学奖, 收购价, 成交量, 代表团, 生产线, 文化节, 纪念品).
///
/// They are marked with `CharacterClasses.suffix`, so the names pass's rule "a word and its
/// suffix" (`Worker+Names.swift`: a two-character word, then the suffix as a single character
/// of ICU's) joins them as it joins 积极|性 and 工作|者, when `mayJoinWordSuffix` allows it.
/// Left out, because the character after a two-character word is as often something else
/// (one in ten or more of the joins on the corpus wrong): 队 (PKU: 中国 队, 北京 队, but
/// 篮球队), 展 (服饰 展), 船 (中国|船), 城 (进|城, 正在|城|里), 站 (坚定|站|在), 场 (走过|场),
/// 级, 车, 所 (人民|所), 院 (科研|院|所), 库, 额, 商, 组 (冬奥|组|委), 证, 款, 片, 卡 (常常|卡),
/// 房 (一看|房).
extension ICURepairs {
    /// The suffix characters of this class (see above), added to the names pass's suffixes.
    static let wordSuffixes = "器赛榜奖价费厂店馆室量团网线节品症罪课泳拳"

    /// `wordSuffixes` as a set.
    static let wordSuffixSet = ScalarSet(wordSuffixes)

    /// Single characters that may follow the joined word: function characters and the
    /// location words that PKU writes apart (办公室|里, 公开赛|上, 春节|前). Any other single
    /// character after the suffix is taken to make a word with it (奖|补, 量|身, 费|率, 馆|藏,
    /// 品|类, 节|节), and the suffix is left alone.
    static let afterWordSuffix = ScalarSet("的地得了着过和与及或并等里中内外上下前后时间在于向从由被把将已达超均占约较比为近也都又还就仍再亦即是所同对")

    /// 网 and 线 before 上 or 下 begin a word (线|上 "online", 网|下), so do not take them there.
    static let beforeUpDown = ScalarSet("网线")
    static let upDown = ScalarSet("上下")
}

extension NameJoiner {
    /// May the two-character word `start..<end` (token `r`) take the suffix at `end` (token
    /// `r + 1`)? Always for the names pass's own suffixes (性, 者, 员 …); for those of
    /// `ICURepairs.wordSuffixes`, not after a number or ordinal (由三|节, 十八|品, 第一|节), not
    /// before a single character that is no function character (`ICURepairs.afterWordSuffix`),
    /// and not when the suffix begins a transliteration (大臣|费|萨尔, 出席|费|利|佩).
    @inline(__always)
    func mayJoinWordSuffix(_ r: Int, _ start: Int, _ end: Int, _ count: Int) -> Bool {
        let suffix = scalars[end]
        guard ICURepairs.wordSuffixSet.contains(suffix) else { return true }
        if ScalarClass.isHanNumeral(scalars[end - 1]) || scalars[start] == 0x7B2C { return false }  // 第
        guard r + 2 < count else { return true }
        let next = range(r + 2)
        let first = scalars[next.lowerBound]
        if has(suffix, CharacterClasses.transliteration) && has(first, CharacterClasses.transliteration) { return false }
        if next.count == 1 && ScalarClass.isHan(first) {
            if ICURepairs.beforeUpDown.contains(suffix) && ICURepairs.upDown.contains(first) { return false }
            return ICURepairs.afterWordSuffix.contains(first)
        }
        return true
    }
}
