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
/// the table gets `defaultIDF`: the median of the table's values (as jieba does).
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

    public init(documents: Int, values: [String: Double]) {
        self.documents = documents
        self.values = values
        byBytes = WordTable(values.map { (Array($0.key.utf8), $0.value) })
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

    /// Parses a table. - Throws: `IndexError.malformedIDFLine` naming the line.
    public init(text: String, name: String) throws(IndexError) {
        var documents = 0
        var values: [String: Double] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            if lineNumber == 1 && line.first == "\u{FEFF}" { line = line.dropFirst() }
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ")
                if parts.count == 3 && parts[1] == "documents", let n = Int(parts[2]) { documents = n }
                continue
            }
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else {
                throw .malformedIDFLine(file: name, line: lineNumber, reason: "expected `word idf`")
            }
            guard let value = Double(parts[1]), value.isFinite, value >= 0 else {
                throw .malformedIDFLine(file: name, line: lineNumber, reason: "`\(parts[1])` is not a non-negative number")
            }
            values[Analyzer.normalize(String(parts[0]))] = value
        }
        self.init(documents: documents, values: values)
    }

    /// Builds a table from documents.
    /// - Parameters:
    ///   - documents: the texts, one per document.
    ///   - analyzer: how to get words (precise mode, stop words kept: the table serves any list).
    ///   - minimumDocumentFrequency: words in fewer documents are left out (they get the default).
    public static func build(documents: some Sequence<String>, analyzer: Analyzer, minimumDocumentFrequency: Int = 2) -> IDFTable {
        var df: [String: Int] = [:]
        var n = 0
        for text in documents {
            n += 1
            var seen = Set<String>()
            for occurrence in analyzer.terms(in: text) where occurrence.kind != .number {
                if seen.insert(occurrence.term).inserted { df[occurrence.term, default: 0] += 1 }
            }
        }
        var values: [String: Double] = [:]
        for (word, count) in df where count >= minimumDocumentFrequency {
            values[word] = log(Double(n) / Double(count))
        }
        return IDFTable(documents: n, values: values)
    }

    /// The table as text, sorted by word, idf with 4 decimals.
    public func serialized(comment: String? = nil) -> String {
        var out = "# segtool IDF table: word idf, idf = ln(N/df)\n# documents \(documents)\n"
        if let comment { out += "# \(comment)\n" }
        for (word, value) in values.sorted(by: { $0.key < $1.key }) {
            let scaled = Int((value * 10000).rounded())
            let frac = String(scaled % 10000)
            out += "\(word) \(scaled / 10000).\(String(repeating: "0", count: 4 - frac.count))\(frac)\n"
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
