/// Times of day and durations, as the standard writes them (PKU, the gold sets' rule 3: one
/// token per unit of a date or time, the unit of a duration apart):
///
/// - digits and 时 of a clock time are one token, as 日 and 月 are (`3时 30分`, `凌晨 2时`,
///   `10时 许`; ICU writes 3|时), for an hour 0–24 when 时 is no start of a word (5|时段,
///   4|时间); then digits and 分 right after such a time are the minutes (`9时 30分`; minutes
///   0–59);
/// - a Han numeral glued by ICU to 分钟 is a numeral and its unit (十分钟 → 十|分钟, 五分钟,
///   两分钟, 几分钟; ICU's 十分 "very" is untouched: 十分|重要).
extension ICURepairs {
    /// Where a clock-time token of the digits `scalars[s..<j]` ends (`j + 1`, taking the 时 or
    /// 分 at `j`), or `nil` when what follows the digits is no unit of a time of day.
    /// The caller has checked that `s..<j` is a number of ASCII digits (with at most `.` and
    /// `,`) and that `j < scalars.count`.
    @inline(__always)
    static func clockTimeEnd(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ j: Int) -> Int? {
        let unit = scalars[j]
        guard unit == shiUnit || unit == fenUnit else { return nil }  // one test for most numbers
        guard j - s <= 2, ScalarClass.isASCIIDigit(scalars[s]), ScalarClass.isASCIIDigit(scalars[j - 1]) else { return nil }
        let value = j - s == 1 ? Int(scalars[s] - 0x30) : Int(scalars[s] - 0x30) * 10 + Int(scalars[s + 1] - 0x30)
        if unit == shiUnit {
            if value > 24 { return nil }
            if j + 1 < scalars.count && wordsAfterShi.contains(scalars[j + 1]) { return nil }  // 5|时段
            return j + 1
        }
        // Minutes only right after an hour: 9时30分 (not 30|分 of a score or 5 分 of a grade).
        guard value <= 59, s > 0, scalars[s - 1] == shiUnit, s >= 2, ScalarClass.isASCIIDigit(scalars[s - 2]) else { return nil }
        if j + 1 < scalars.count && scalars[j + 1] == zhongChar { return nil }  // 30|分钟
        return j + 1
    }

    /// Is the three-character ICU word [s, e) a Han numeral and 分钟 (十分钟, 五分钟)?
    /// The caller has checked the numeral flag of the first character.
    @inline(__always)
    static func isNumeralMinutes(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Bool {
        e - s == 3 && scalars[s + 1] == fenUnit && scalars[s + 2] == zhongChar
    }

    /// Second characters of ICU words that begin with 时 (时段, 时间, 时期 …): after such a 时 the
    /// digits are no clock time.
    static let wordsAfterShi = ScalarSet("段间期代候刻速长光节尚效任空差装针区事局态髦钟日辰机令序势")

    private static let shiUnit: UInt32 = 0x65F6   // 时
    private static let fenUnit: UInt32 = 0x5206   // 分
    private static let zhongChar: UInt32 = 0x949F // 钟
}
