/// Chinese numbers written in Han numerals, which ICU cuts at its dictionary's whims:
/// 三百|多, 两千|余, 一千|八|百余, 七|十多岁, 三十|多|万, 九|时. The standard (PKU, the dev set's
/// `30余`, `1800多亿`) keeps a number whole with its 多/余/几 and its magnitudes, and the unit
/// apart: 三百多万|人次, 两千余|公里, 一千八百余|份, 七十多|岁, 十几|个, 几十|年.
/// A date or time unit joins a number that can be one (十一月, 二十日, 九时, 二〇二五年).
///
/// The number is a rule token (atomic); a dictionary word may still cover it whole (十四五).
extension ICURepairs {
    /// Where a Han number starting at `s` (the start of the ICU word [s, e)) ends, or `nil`
    /// when what starts there is no number to join (a single numeral, 十分, 百姓, 一一, 三令五申 …).
    /// `classes` is `CharacterClasses.table`; the caller has checked the `hanNumeral` flag of
    /// `scalars[s]`.
    ///
    /// A number is a run of numerals (一 … 九, 两, 零, 〇) and magnitudes (十 百 千 万 亿) that
    /// holds a magnitude, with at most one 多, 余 or 几 after a magnitude (三十多万, 八百余万,
    /// 十几) or 几 before magnitudes (几十, 几百万); or digits alone before 年 (二〇二五年), or a
    /// month, day or hour (十二月, 三十一日, 九时; not 一时, 一日, which are words of their own).
    /// Inside ICU's word a number without 多/余/几 is cut off only before one character
    /// (两百|元), so that ICU's idioms stay whole (十万火急).
    ///
    /// - Complexity: O(length of the run).
    @inline(__always)
    static func hanNumberEnd(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Int? {
        let n = scalars.count
        if scalars[s] == jiChar {
            // 几 before magnitudes: 几十, 几百万.
            var k = s + 1
            while k < n && isMagnitude(scalars[k]) { k += 1 }
            return k > s + 1 && (k >= e || e - k == 1) ? k : nil
        }
        var j = s
        var magnitudes = 0
        var digits = 0
        var approximate = false
        var lastWasMagnitude = false
        var lastOrder = 0
        while j < n {
            let v = scalars[j]
            if isMagnitude(v) {
                // A magnitude right after one is a larger one (十万, 百万, 万亿); 百万|千瓦, 亿万,
                // 千千万万 are no number of that kind.
                let order = magnitudeOrder(v)
                if lastWasMagnitude && order <= lastOrder { break }
                lastOrder = order
                magnitudes += 1
                lastWasMagnitude = true
            } else if !approximate && digitValue(v) != nil {
                digits += 1
                lastWasMagnitude = false
            } else if !approximate && lastWasMagnitude && isApproximation(v) {
                approximate = true  // 三十多, 八百余, 十几; then magnitudes only (三十多万)
                lastWasMagnitude = false
            } else {
                break
            }
            j += 1
        }
        let length = j - s
        if j < n && !approximate {
            let next = scalars[j]
            if magnitudes == 0 && digits == 4 && next == nianChar { return j + 1 }  // 二〇二五年
            if length <= 3, next == yueChar || next == riChar || next == haoChar || next == shiChar,
               let value = smallValue(scalars, s, j) {
                let limit: Int = next == yueChar ? 12 : next == shiChar ? 24 : 31
                // 一 alone is a month only (一月); 一时, 一日, 一号 are words or counts.
                // The unit ends ICU's word or starts one (not 六月|份, 十月|革命), and is no
                // month before 份, 底, 初 … (ICU's 三|月份, 八|月底 stay as they are).
                if value >= 1 && value <= limit && (length > 1 || value > 1 || next == yueChar) && j + 1 >= e
                    && !(next == yueChar && j + 1 < n && monthSuffixes.contains(scalars[j + 1])) {
                    return j + 1
                }
            }
        }
        if length < 2 || magnitudes == 0 { return nil }
        if j < e && !approximate && e - j != 1 { return nil }
        return j
    }

    /// 十 百 千 万 亿.
    @inline(__always)
    private static func isMagnitude(_ v: UInt32) -> Bool {
        v == 0x5341 || v == 0x767E || v == 0x5343 || v == 0x4E07 || v == 0x4EBF
    }

    /// 十 1, 百 2, 千 3, 万 4, 亿 8.
    @inline(__always)
    private static func magnitudeOrder(_ v: UInt32) -> Int {
        switch v {
        case 0x5341: return 1
        case 0x767E: return 2
        case 0x5343: return 3
        case 0x4E07: return 4
        default: return 8
        }
    }

    @inline(__always)
    private static func isApproximation(_ v: UInt32) -> Bool { v == duoChar || v == yuChar || v == jiChar }

    /// The value of a number of at most three characters of digits and 十 (十二, 二十一, 九),
    /// or `nil` for anything else.
    private static func smallValue(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Int? {
        var value = 0
        var pending = -1  // a digit not yet placed
        for i in s..<e {
            let v = scalars[i]
            if v == 0x5341 {  // 十
                value += (pending < 0 ? 1 : pending) * 10
                pending = -1
            } else if let d = digitValue(v), pending < 0 {
                pending = d
            } else {
                return nil
            }
        }
        if pending >= 0 { value += pending }
        return value
    }

    /// 零〇一二三四五六七八九两 as 0…9, 2.
    private static func digitValue(_ v: UInt32) -> Int? {
        switch v {
        case 0x96F6, 0x3007: return 0
        case 0x4E00: return 1
        case 0x4E8C, 0x4E24: return 2
        case 0x4E09: return 3
        case 0x56DB: return 4
        case 0x4E94: return 5
        case 0x516D: return 6
        case 0x4E03: return 7
        case 0x516B: return 8
        case 0x4E5D: return 9
        default: return nil
        }
    }

    /// The Han numerals and magnitudes of `hanNumberEnd`, marked in `CharacterClasses`.
    static let hanNumberCharacters = "零〇一二三四五六七八九两十百千万亿几"

    /// What follows a month in ICU's words 月份, 月底, 月初, 月末, 月中, 月间.
    private static let monthSuffixes = ScalarSet("份底初末中间")

    private static let duoChar: UInt32 = 0x591A   // 多
    private static let yuChar: UInt32 = 0x4F59    // 余
    private static let jiChar: UInt32 = 0x51E0    // 几
    private static let nianChar: UInt32 = 0x5E74  // 年
    private static let yueChar: UInt32 = 0x6708   // 月
    private static let riChar: UInt32 = 0x65E5    // 日
    private static let haoChar: UInt32 = 0x53F7   // 号
    private static let shiChar: UInt32 = 0x65F6   // 时
}
