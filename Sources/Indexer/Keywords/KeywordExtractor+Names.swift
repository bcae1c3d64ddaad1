import Segmenter

/// Names and phrases the segmenter leaves in pieces, put together at the keyword level from
/// what recurs in one document (the segmenter's own passes decide without the document's
/// repetition).
extension KeywordExtractor {
    /// Common Chinese surnames (single characters), written by us; characters that are more
    /// often a word of their own in news text (时, 成, 明, 党, 华, 方, 路 …) are left out, so a
    /// lone one of them is not read as a surname.
    static let surnameCharacters =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范石廖贾夏韦付白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤康施牛樊葛邢乔伍庞颜倪庄聂章岳翟殷詹欧耿焦俞左柳甘祝舒阮柯纪梅童凌毕季裴霍涂苗盛翁冉骆蓝辛靳柴蒙鲍喻祁蒲滕屈饶牟艾尤穆卓缪褚娄窦戚岑晏佟臧闵苟邬卞栾隋刁巫寇郎甄仲虞敖巩佘邝"

    /// `surnameCharacters` as a set.
    static let surnames = ScalarSet(surnameCharacters)

    /// Whether a scalar value is one of `surnameCharacters`.
    @inline(__always)
    static func isSurname(_ value: UInt32) -> Bool { surnames.contains(value) }

    /// Whether tokens `index`, `index + 1` and `index + 2` are a person's name that the
    /// segmenter left as three lone characters (毕|井|泉, 郭|明|义): a surname and two
    /// characters that can be pieces of a word (not 的, 在, 和 …), with no such lone character
    /// right before or after them (so a longer run of single characters, such as a
    /// transliteration or a list of abbreviations, is no name). The caller keeps the name only
    /// when it recurs in the document.
    /// - Parameters:
    ///   - index: the first token.
    ///   - count: the number of tokens.
    ///   - lone: the scalar of token `i` when it is a lone character that can be a piece of a
    ///     word, else `noNeighbour` (see `loneCharacter`).
    static func singleCharacterName(at index: Int, count: Int, lone: (Int) -> UInt32) -> Bool {
        guard index + 2 < count else { return false }
        let first = lone(index)
        guard first != noNeighbour, isSurname(first) else { return false }
        guard lone(index + 1) != noNeighbour, lone(index + 2) != noNeighbour else { return false }
        if index > 0 && lone(index - 1) != noNeighbour { return false }
        if index + 3 < count && lone(index + 3) != noNeighbour { return false }
        return true
    }
}

/// Bilateral abbreviations the segmenter leaves as two lone characters: 中|塔 (China and
/// Tajikistan), 柬|中, and a country and 方 (the Canadian side) where the segmenter's own
/// rule for a country's abbreviation and 军/方 (`Worker+Bare.swift`) did not join them.
/// Written by the segtool team from the usage of diplomatic news.
extension KeywordExtractor {
    /// Characters that stand for a country in bilateral abbreviations (中塔关系, 柬中友谊, 加方):
    /// the first character of the country's name, as the news uses them; and of the two
    /// regions it pairs so (中非 with 非洲, 中欧 with 欧洲 or 欧盟).
    static let countryAbbreviations =
        "美俄日韩朝英法德意西葡荷比瑞奥希土伊埃印巴孟斯缅泰越老柬马菲尼澳加墨古阿智秘委哥蒙哈吉塔乌库以沙叙约黎也卡科丹挪芬冰波捷匈罗保塞克黑白立拉爱苏肯坦赞津安刚喀乍贝突摩利汤斐萨非欧"

    /// `countryAbbreviations` as a set.
    static let countryAbbreviationSet = ScalarSet(countryAbbreviations)

    /// Whether a scalar value is one of `countryAbbreviations`.
    @inline(__always)
    static func isCountryAbbreviation(_ value: UInt32) -> Bool { countryAbbreviationSet.contains(value) }

    /// 中 and 方.
    static let zhong: UInt32 = 0x4E2D, fang: UInt32 = 0x65B9

    /// The country character of a bilateral abbreviation that the segmenter left as the two lone
    /// characters `index` and `index + 1` — 中 and a country (中|塔), a country and 中 (柬|中), a
    /// country and 方 (加|方) — with no lone character right before or after them (中|老|缅|泰 is
    /// a list, 朝|中|社 a news agency); else nil. The caller keeps the pair only when the
    /// document has a word starting with that character (加拿大 for 中|加), so that a 中 or 方 of
    /// another sentence is not read as a country.
    /// - Parameters:
    ///   - index: the first token.
    ///   - count: the number of tokens.
    ///   - lone: the scalar of token `i` when it is a lone character that can be a piece of a
    ///     word, else `noNeighbour` (see `loneCharacter`).
    static func bilateralPartner(at index: Int, count: Int, lone: (Int) -> UInt32) -> UInt32? {
        guard index + 1 < count else { return nil }
        let first = lone(index), second = lone(index + 1)
        guard first != noNeighbour, second != noNeighbour else { return nil }
        if index > 0 && lone(index - 1) != noNeighbour { return nil }
        if index + 2 < count && lone(index + 2) != noNeighbour { return nil }
        if first == zhong && isCountryAbbreviation(second) { return second }
        if second == zhong && isCountryAbbreviation(first) { return first }
        if second == fang && isCountryAbbreviation(first) && !notSides.unicodeScalars.contains(where: { $0.value == first }) {
            return first
        }
        return nil
    }

    /// Country characters that make a common word with 方 (比方 "for example", 西方 "the West",
    /// 立方 "cube"): never read as the side of a country.
    static let notSides = "比西立"
}
