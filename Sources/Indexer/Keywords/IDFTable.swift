#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Segmenter

/// Inverse document frequencies of words, for keyword extraction without an index.
///
/// The file format is jieba's `idf.txt` (`word idf` a line), with a comment header that
/// records the collection: `# documents N`. `idf(w) = ln(N / df(w))`. A word that is not in
/// the table gets `defaultIDF`: the median of the table's values (as jieba does). A line may
/// have a third column, the word's predicate share (`predicateShares`), which tables built by
/// `build` write.
public struct IDFTable: Sendable {
    /// Number of documents the table was built from (0 when the file does not say).
    public private(set) var documents: Int
    /// Word -> idf.
    public private(set) var values: [String: Double]
    /// The idf of a word the table does not know: the median of its values.
    public private(set) var defaultIDF: Double
    /// The same values keyed by UTF-8 bytes: hashing bytes is much cheaper than hashing a
    /// String (which hashes its normalized form).
    let byBytes: WordTable
    /// Word -> the share of its occurrences in the collection that come right after an adverb
    /// or an auxiliary (不, 将, 已经, 进一步, 很, 可以 …) or right before an aspect particle
    /// (了, 着, 过): what verbs and adjectives take and terms seldom do, so a high share marks a
    /// predicate (推进, 慷慨, 忽略), a low one a term (菲律宾, 艾滋病). Only for words seen at
    /// least `predicateMinimumCount` times and with a share of at least 0.005; empty for a
    /// table without the column.
    public private(set) var predicateShares: [String: Double]
    /// `predicateShares` keyed by UTF-8 bytes.
    private(set) var predicateBytes: WordTable

    /// A table of `values` (and, if given, `predicateShares`) for a collection of `documents`.
    public init(documents: Int, values: [String: Double], predicateShares: [String: Double] = [:]) {
        self.documents = documents
        self.values = values
        self.predicateShares = predicateShares
        byBytes = WordTable(values)
        predicateBytes = WordTable(predicateShares)
        let sorted = values.values.sorted()
        defaultIDF = sorted.isEmpty ? 1 : sorted[sorted.count / 2]
    }

    /// The idf of `word` (normalized as the Analyzer does).
    public func idf(_ word: String) -> Double { indexLookup?(word) ?? values[word] ?? defaultIDF }

    /// For a table backed by an index: its documents' frequencies, looked up per word.
    private var indexLookup: (@Sendable (String) -> Double?)?

    /// A table of an index's own statistics: `idf(w) = ln(N / df(w))`, N the index's documents
    /// (deleted ones not yet merged away included); words the index lacks get ln(N).
    /// - Throws: `IndexError.corrupt` when the index's term tables are damaged.
    public init(index reader: IndexReader) throws(IndexError) {
        try reader.checkTables()
        let n = Double(max(reader.storedDocumentCount, 1))
        self.init(documents: reader.storedDocumentCount, values: [:])
        defaultIDF = log(n)
        // An index counts documents, not neighbours: the predicate shares are the built-in
        // table's (the same table, not a copy).
        if let builtin = IDFTable.builtin {
            predicateShares = builtin.predicateShares
            predicateBytes = builtin.predicateBytes
        }
        indexLookup = { word in
            let df = reader.documentFrequency(word)
            return df > 0 ? log(n / Double(df)) : nil
        }
    }

    /// The idf of a word given as normalized UTF-8 bytes, with their hash
    /// (`TermInterner.hash`) and `WordTable.key`.
    func idf(bytes: UnsafeBufferPointer<UInt8>, low: UInt64, high: UInt64, hash: UInt64) -> Double {
        if let indexLookup { return indexLookup(String(decoding: bytes, as: UTF8.self)) ?? defaultIDF }
        return byBytes.value(for: bytes, low: low, high: high, hash: hash) ?? defaultIDF
    }

    /// Whether the table has a value of its own for a word given as normalized UTF-8 bytes
    /// (with its hash and `WordTable.key`), rather than the default.
    func knows(bytes: UnsafeBufferPointer<UInt8>, low: UInt64, high: UInt64, hash: UInt64) -> Bool {
        if let indexLookup { return indexLookup(String(decoding: bytes, as: UTF8.self)) != nil }
        return byBytes.value(for: bytes, low: low, high: high, hash: hash) != nil
    }

    /// The predicate share of a word given as normalized UTF-8 bytes (with its hash and
    /// `WordTable.key`): 0 when the table has none for it.
    func predicateShare(bytes: UnsafeBufferPointer<UInt8>, low: UInt64, high: UInt64, hash: UInt64) -> Double {
        predicateBytes.count == 0 ? 0 : predicateBytes.value(for: bytes, low: low, high: high, hash: hash) ?? 0
    }

    /// Parses a table (`word idf` or `word idf share` a line).
    /// - Throws: `IndexError.malformedIDFLine` naming the line.
    public init(text: String, name: String) throws(IndexError) {
        var documents = 0
        var values: [String: Double] = [:]
        var shares: [String: Double] = [:]
        // Read as bytes, lines at LF and fields at spaces and tabs (ASCII, so never inside a
        // character): splitting the String by Characters took ~40% of the 850 M instructions
        // that parsing the built-in table cost every process that extracts keywords.
        var text = text
        let failure = text.withUTF8 { (bytes: UnsafeBufferPointer<UInt8>) -> IndexError? in
            func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            var fields: [Range<Int>] = []
            // Room for a word a line at once (growing the dictionaries rehashed every String).
            var lines = 1
            for b in bytes where b == 0x0A { lines += 1 }
            values.reserveCapacity(lines)
            shares.reserveCapacity(lines)
            var lineNumber = 0
            var at = 0
            while at < bytes.count {
                lineNumber += 1
                var end = at
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                var start = at
                var stop = end
                at = end + 1
                if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
                if lineNumber == 1 && stop - start >= 3 && bytes[start] == 0xEF && bytes[start + 1] == 0xBB && bytes[start + 2] == 0xBF {
                    start += 3
                }
                if start == stop { continue }
                let comment = bytes[start] == 0x23  // `#`
                fields.removeAll(keepingCapacity: true)
                var i = start
                while i < stop {
                    while i < stop && (bytes[i] == 0x20 || (!comment && bytes[i] == 0x09)) { i += 1 }
                    let s = i
                    while i < stop && !(bytes[i] == 0x20 || (!comment && bytes[i] == 0x09)) { i += 1 }
                    if i > s { fields.append(s..<i) }
                }
                if comment {
                    if fields.count == 3 && string(fields[1]) == "documents", let n = Int(string(fields[2])) { documents = n }
                    continue
                }
                guard fields.count == 2 || fields.count == 3 else {
                    return .malformedIDFLine(file: name, line: lineNumber, reason: "expected `word idf` (or `word idf share`)")
                }
                let numberBytes = UnsafeBufferPointer(rebasing: bytes[fields[1]])
                guard let value = IDFTable.plainDecimal(numberBytes) ?? Double(string(fields[1])), value.isFinite, value >= 0 else {
                    return .malformedIDFLine(file: name, line: lineNumber, reason: "`\(string(fields[1]))` is not a non-negative number")
                }
                let word = Analyzer.normalize(string(fields[0]))
                values[word] = value
                if fields.count == 3 {
                    let shareBytes = UnsafeBufferPointer(rebasing: bytes[fields[2]])
                    guard let share = IDFTable.plainDecimal(shareBytes) ?? Double(string(fields[2])), share.isFinite, share >= 0, share <= 1 else {
                        return .malformedIDFLine(file: name, line: lineNumber, reason: "`\(string(fields[2]))` is not a share between 0 and 1")
                    }
                    shares[word] = share
                }
            }
            return nil
        }
        if let failure { throw failure }
        self.init(documents: documents, values: values, predicateShares: shares)
    }

    /// Powers of ten that a `Double` holds exactly (10^0 … 10^22).
    private static let exactPowersOfTen: [Double] = {
        var powers: [Double] = [1]
        for _ in 1...22 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// The value of a plain decimal (`digits` or `digits.digits`, at most 15 digits in all),
    /// or nil for any other text (then `Double(_:)` parses it). The digits as an integer (below
    /// 2^53) and 10^k (k ≤ 22) are both exact doubles, so their quotient, rounded once, is the
    /// correctly rounded value that `Double(_:)` gives for the same text (Clinger's fast path);
    /// `Double(_:)` cost ~40 M instructions at every start of a process that extracts keywords.
    static func plainDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = -1  // digits after the point; -1: no point yet
        for b in text {
            if b == 0x2E {  // `.`
                guard fraction < 0, digits > 0 else { return nil }
                fraction = 0
                continue
            }
            let d = b &- 0x30
            guard d < 10 else { return nil }
            mantissa = mantissa &* 10 &+ UInt64(d)
            digits += 1
            if fraction >= 0 { fraction += 1 }
        }
        guard digits > 0, digits <= 15, fraction != 0 else { return nil }
        return fraction < 0 ? Double(mantissa) : Double(mantissa) / exactPowersOfTen[fraction]
    }

    /// Builds a table from documents.
    /// - Parameters:
    ///   - documents: the texts, one per document.
    ///   - analyzer: how to get words (precise mode, stop words kept: the table serves any list).
    ///   - minimumDocumentFrequency: words in fewer documents are left out (they get the default).
    ///
    /// Also counts each word's predicate share (`predicateShares`): its occurrences right after
    /// one of `predicateMarkers` or right before 了, 着 or 过, with nothing between them.
    public static func build(documents: some Sequence<String>, analyzer: Analyzer, minimumDocumentFrequency: Int = 2) -> IDFTable {
        var df: [String: Int] = [:]
        var occurrences: [String: Int] = [:]
        var predicateUses: [String: Int] = [:]
        var n = 0
        for text in documents {
            n += 1
            var seen = Set<String>()
            let terms = analyzer.terms(in: text).filter { !$0.isSubword }
            for (i, occurrence) in terms.enumerated() where occurrence.kind != .number {
                if seen.insert(occurrence.term).inserted { df[occurrence.term, default: 0] += 1 }
                occurrences[occurrence.term, default: 0] += 1
                let afterMarker = i > 0 && terms[i - 1].utf8Range.upperBound == occurrence.utf8Range.lowerBound
                    && predicateMarkers.contains(terms[i - 1].term)
                let beforeAspect = i + 1 < terms.count && terms[i + 1].utf8Range.lowerBound == occurrence.utf8Range.upperBound
                    && aspectParticles.contains(terms[i + 1].term)
                if afterMarker || beforeAspect { predicateUses[occurrence.term, default: 0] += 1 }
            }
        }
        var values: [String: Double] = [:]
        var shares: [String: Double] = [:]
        for (word, count) in df where count >= minimumDocumentFrequency {
            values[word] = log(Double(n) / Double(count))
            let total = occurrences[word] ?? 0
            if total >= predicateMinimumCount, let uses = predicateUses[word] {
                let share = Double(uses) / Double(total)
                if share >= 0.005 { shares[word] = (share * 1000).rounded() / 1000 }
            }
        }
        return IDFTable(documents: n, values: values, predicateShares: shares)
    }

    /// The words a predicate share counts after: adverbs of negation, time, frequency, degree
    /// and manner, and auxiliaries — words that stand before verbs and adjectives, seldom
    /// before a noun.
    public static let predicateMarkers: Set<String> = Set("""
        不 没 没有 未 将 要 已 已经 正在 也 都 还 就 会 能 可 可以 应 应当 应该 必须 继续 不断 进一步
        更加 很 非常 十分 最 更 较 比较 越来越 仍 仍然 均 又 再 曾 曾经 并 正 便 才 相继 纷纷 逐步 所
        积极 认真 大力 努力 坚决 切实 主动 深入 得到 加以 予以 给予 开始 能够 相互 互相 彼此
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// The aspect particles a predicate share counts before.
    static let aspectParticles: Set<String> = ["了", "着", "过"]

    /// A word's predicate share is kept only when it was seen at least this often.
    public static let predicateMinimumCount = 3

    /// The table as text, sorted by word, idf with 4 decimals.
    public func serialized(comment: String? = nil) -> String {
        var out = "# segtool IDF table: word idf [predicate share], idf = ln(N/df)\n# documents \(documents)\n"
        if let comment { out += "# \(comment)\n" }
        func decimals(_ value: Double, _ places: Int) -> String {
            var unit = 1
            for _ in 0..<places { unit *= 10 }
            let scaled = Int((value * Double(unit)).rounded())
            let frac = String(scaled % unit)
            return "\(scaled / unit).\(String(repeating: "0", count: places - frac.count))\(frac)"
        }
        for (word, value) in values.sorted(by: { $0.key < $1.key }) {
            out += "\(word) \(decimals(value, 4))"
            if let share = predicateShares[word] { out += " \(decimals(share, 3))" }
            out += "\n"
        }
        return out
    }

    /// The built-in table (`Dictionaries/idf.txt`, built from the project's news corpus by
    /// `segtool idf build`), parsed once per process; nil when the binary has none.
    public static let builtin: IDFTable? = {
        guard let file = BuiltinDictionary.files.first(where: { $0.name == "idf.txt" }), !file.bytes.isEmpty else { return nil }
        return try? IDFTable(text: String(decoding: file.bytes, as: UTF8.self), name: "Dictionaries/idf.txt")
    }()
}

/// Stop words: the built-in list (`Dictionaries/stopwords.txt`) and users' lists, one word a
/// line, `#` comment lines.
public enum StopWords {
    /// The built-in list.
    public static let builtin: Set<String> = {
        guard let file = BuiltinDictionary.files.first(where: { $0.name == "stopwords.txt" }) else { return [] }
        return parse(String(decoding: file.bytes, as: UTF8.self))
    }()

    /// The words of a stop-word list.
    public static func parse(_ text: String) -> Set<String> {
        var words = Set<String>()
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var word = Substring(line)
            while let last = word.last, last == " " || last == "\t" || last == "\r" { word = word.dropLast() }
            while let first = word.first, first == " " || first == "\t" || first == "\u{FEFF}" { word = word.dropFirst() }
            if word.isEmpty || word.hasPrefix("#") { continue }
            words.insert(Analyzer.normalize(String(word)))
        }
        return words
    }
}
