/// Nouns glued to a locative (fourteenth session, gen20, issue 17 §4): ICU words of a noun and
/// 上, 下, 里, 中, 内, 外 or 前 that are free combinations — PKU's standard writes the noun and the
/// one-character locative as two words (村 里, 船 上, 山 下, 门 前, 水 中, 馆 内, 窗 外; 操场 上,
/// 角落 里), as `ICURepairs.splitBeforeLastWords` already writes 世界 上, 人群 中, 餐桌 上.
///
/// A closed list, not the class: many nouns with a locative are lexicalised, listed by standard
/// dictionaries, and stay whole (国内, 海外, 境内, 室内, 户外, 野外, 家里, 家中, 心里, 心中,
/// 手里, 手中, 手上, 眼中, 身上, 身边, 路上, 网上, 海上, 空中, 地上, 地下, 水下, 水上, 台上,
/// 楼上, 楼下, 城里, 山里, 海里 (the nautical mile), 夜里, 党内, 体内, 表面上, 半空中, 睡梦中,
/// 灾后, 产前, 婚前, 酒后). So do those whose form PKU's practice does not settle, or that are
/// terms of the corpus's own: 省内, 市内, 区内, 校内, 校外 (校外培训), 岛内, 场内, 城中 (城中村),
/// 文中, 口中, 乡里, 井下; and 店内, whose 店 the suffix rule glued to the verb before it (正在店|内,
/// 导致店|内) on the corpus. The members were chosen from the ICU words of this form in segtool's
/// output on the corpus (`../shared/corpus`, every line), none from a measuring set.
extension ICURepairs {
    /// The two-character words; `splitPairs` holds them with `splitPairWords`.
    static let locativePairWords = [
        // a place or building + 里, 中, 内, 上, 下, 前, 外
        "村里", "村中", "村内", "镇上", "田里", "房里", "屋内", "馆内", "院内", "班上",
        "门前", "门外", "窗外", "桌上", "床上", "船上", "山上", "山下",
        // water + 中, 上
        "水中", "河中", "河上", "江中", "湖上",
        // weather and light + 中, 下 (雨 中, 灯 下) and the body + 上 (肩 上)
        "雨中", "风中", "雪中", "灯下", "肩上",
    ]

    /// The three-character words of a noun of two characters and a locative (or of a verb and
    /// 后, 前: 完成 后, 案发 前), split before the last; `splitBeforeLast` holds them with
    /// `splitBeforeLastWords`.
    static let locativeThreeWords = [
        "完成后", "案发前", "案发后", "操场上", "水面上", "江面上", "河面上", "书本上", "墙壁上",
        "山腰上", "马背上", "窗台上", "头顶上", "树枝上", "书桌上", "月球上", "车库里", "屋子里",
        "脑子里", "角落里", "脑海中",
    ]
}
