/// A document's date, to a year, a month or a day (`2018`, `2018-06`, `2018-06-01`), as
/// analysts date political texts: a work report by its year, a bulletin by its day.
///
/// Dates order by their first day: `2018` < `2018-01` < `2018-01-01` < `2018-01-02`.
public struct DocumentDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year (1–9999).
    public let year: Int
    /// The month (1–12), when known.
    public let month: Int?
    /// The day of the month, when known (only with a month).
    public let day: Int?

    /// A date; nil when out of range (no month 13, no 30 February).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month { guard (1...12).contains(month) else { return nil } }
        if let day {
            guard let month, day >= 1, day <= Self.days(inMonth: month, year: year) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil for anything else.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]) else { return nil }
        self.init(year: year, month: parts.count > 1 ? Int(parts[1]) : nil, day: parts.count > 2 ? Int(parts[2]) : nil)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The date packed in 32 bits (year << 9 | month << 5 | day, unknown parts 0): ordered as
    /// dates are; 0 means no date.
    var packed: UInt32 { UInt32(year) << 9 | UInt32(month ?? 0) << 5 | UInt32(day ?? 0) }

    init?(packed: UInt32) {
        guard packed != 0 else { return nil }
        let month = Int(packed >> 5 & 0xF), day = Int(packed & 0x1F)
        self.init(year: Int(packed >> 9), month: month == 0 ? nil : month, day: day == 0 ? nil : day)
    }

    /// The packed value of the last day this date covers (`2018` → 2018-12-31), for range ends.
    var packedEnd: UInt32 {
        let m = month ?? 12
        return UInt32(year) << 9 | UInt32(m) << 5 | UInt32(day ?? Self.days(inMonth: m, year: year))
    }

    public static func < (a: DocumentDate, b: DocumentDate) -> Bool { a.packed < b.packed }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        if let month { s += "-" + two(month) }
        if let day { s += "-" + two(day) }
        return s
    }
}

/// Which documents a search or a trend considers: a date range and field values.
///
/// ```swift
/// let filter = SearchFilter(from: DocumentDate("2018"), to: DocumentDate("2022-06"), fields: ["source": ["xwlb"]])
/// ```
public struct SearchFilter: Sendable, Equatable {
    /// Documents dated on or after this date's first day (undated documents are left out when
    /// a date bound is given).
    public var from: DocumentDate?
    /// Documents dated on or before this date's last day (`2022-06` includes 30 June).
    public var to: DocumentDate?
    /// For each field, the values allowed (a document matches one of them); every field given
    /// must match.
    public var fields: [String: Set<String>]

    /// A filter; the default lets every document through.
    public init(from: DocumentDate? = nil, to: DocumentDate? = nil, fields: [String: Set<String>] = [:]) {
        self.from = from
        self.to = to
        self.fields = fields
    }

    /// Whether it lets every document through.
    public var isEmpty: Bool { from == nil && to == nil && fields.isEmpty }
}
