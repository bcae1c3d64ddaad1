import Segmenter

/// Two-word terms (the ninth round): two adjacent words of a news item that the corpus
/// uses as a unit — 超级|计算机, 户外|运动, 公私|合营, 量子|通信 — are a keyword of their own
/// when the item repeats them, though each word also stands alone (which the phrase rule,
/// two words always side by side, does not take). Only pairs of `Dictionaries/keyword-pairs.txt`
/// count: built from the corpus by `Benchmarks/scripts/keyword-pairs.py` (both words of two
/// characters or more, neither generic, each with an idf of at least 3.5, the pair at least
/// 0.2 of the rarer word's occurrences); each pair has its own idf there. Written by the
/// segtool team.
public struct KeywordPairs: Sendable {
    /// The pairs by the bytes of the two words together, their idf as value.
    let table: WordTable
    /// The pairs' first words (value 1): a word that starts none is not looked up further.
    let firsts: WordTable
    /// How many pairs.
    public var count: Int { table.count }

    /// The pairs of a table's text: `first second idf` a line (words as the extractor
    /// normalizes them: the table's script writes Han words only), `#` comment lines.
    /// - Throws: `KeywordPairsError` naming the line of a malformed entry.
    public init(text: String, name: String = "keyword pairs") throws {
        try self.init(bytes: Array(text.utf8), name: name)
    }

    /// The pairs of a table's bytes (UTF-8), read without making a String a line: the built-in
    /// table is read by every process that extracts keywords.
    init(bytes: [UInt8], name: String) throws {
        // The entries as ranges of `bytes` first, then straight into the tables (no array of
        // bytes made and freed per entry: ~20 M instructions at every start).
        var entries: [(first: Range<Int>, second: Range<Int>, value: Double)] = []
        entries.reserveCapacity(bytes.count / 24)
        var fields: [Range<Int>] = []
        var number = 0
        var at = 0
        while at < bytes.count {
            number += 1
            var end = at
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            defer { at = end + 1 }
            if end == at || bytes[at] == 0x23 { continue }  // empty, or `#`
            fields.removeAll(keepingCapacity: true)
            var i = at
            while i < end {
                while i < end && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D) { i += 1 }
                let s = i
                while i < end && bytes[i] != 0x20 && bytes[i] != 0x09 && bytes[i] != 0x0D { i += 1 }
                if i > s { fields.append(s..<i) }
            }
            guard fields.count == 3, let value = Self.number(bytes[fields[2]]) else {
                throw KeywordPairsError(name: name, line: number, message: "expected `first second idf`")
            }
            entries.append((fields[0], fields[1], value))
        }
        var table = WordTable(capacity: entries.count)
        var firsts = WordTable(capacity: entries.count)
        var pair: [UInt8] = []
        bytes.withUnsafeBufferPointer { bytes in
            for entry in entries {
                pair.removeAll(keepingCapacity: true)
                pair.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[entry.first]))
                pair.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[entry.second]))
                pair.withUnsafeBufferPointer { table.insert($0, entry.value) }
                firsts.insert(UnsafeBufferPointer(rebasing: bytes[entry.first]), 1)
            }
        }
        self.table = table
        self.firsts = firsts
    }

    /// A non-negative decimal number (`6.5719`, `7`), or nil.
    static func number(_ digits: ArraySlice<UInt8>) -> Double? {
        var value = 0.0, scale = 0.0, seen = false
        for b in digits {
            if b == 0x2E {
                guard scale == 0 else { return nil }
                scale = 1
            } else if b >= 0x30 && b <= 0x39 {
                seen = true
                if scale == 0 {
                    value = value * 10 + Double(b - 0x30)
                } else {
                    scale /= 10
                    value += Double(b - 0x30) * scale
                }
            } else {
                return nil
            }
        }
        return seen ? value : nil
    }

    /// No pairs.
    public static let empty = KeywordPairs()

    private init() {
        table = WordTable([])
        firsts = WordTable([])
    }

    /// The built-in table (`Dictionaries/keyword-pairs.txt`), parsed once per process; empty
    /// when the binary has none.
    public static let builtin: KeywordPairs = {
        guard let file = BuiltinDictionary.files.first(where: { $0.name == "keyword-pairs.txt" }), !file.bytes.isEmpty,
            let pairs = try? KeywordPairs(bytes: file.bytes, name: "Dictionaries/keyword-pairs.txt")
        else { return .empty }
        return pairs
    }()
}

/// A malformed line of a keyword-pairs table.
public struct KeywordPairsError: Error, CustomStringConvertible {
    /// The table's name (its file).
    public var name: String
    /// The line (from 1).
    public var line: Int
    /// What is wrong.
    public var message: String
    /// `FILE:LINE: what is wrong`.
    public var description: String { "\(name):\(line): \(message)" }
}

extension KeywordExtractor {
    /// One occurrence of a pair of the table in a text: the bytes of the two words, the token
    /// index of the first, the distinct candidates of both, the pair's idf.
    struct PairOccurrence {
        var start: Int
        var count: Int
        var token: Int
        var first: Int32
        var second: Int32
        var idf: Double
    }

    /// Whether the same Han token stands beside every occurrence of a pair on one side
    /// (`offset` −1: before its first word; +2: after its second): the pair is then a piece of
    /// a longer term (农产品|精深|加工, 军队|有偿|服务), not a term.
    static func pairIsPiece(_ occurrences: ArraySlice<PairOccurrence>, offset: Int, tokens: [Token],
                            bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var seen: Range<Int>? = nil
        for o in occurrences {
            let at = o.token + offset
            guard at >= 0, at < tokens.count, tokens[at].kind == .ideographic else { return false }
            let range = tokens[at].utf8Range
            if let s = seen {
                if !bytes[s].elementsEqual(bytes[range]) { return false }
            } else {
                seen = range
            }
        }
        return seen != nil
    }
}
