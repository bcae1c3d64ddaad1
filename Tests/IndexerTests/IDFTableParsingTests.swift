import Testing
@testable import Indexer

/// The IDF table's byte parser (`IDFTable(text:name:)`: lines at LF, fields at spaces and tabs)
/// on what a hand-edited or foreign table may hold. (review21, a second reading of speed20's
/// parser.)
@Suite struct IDFTableParsing {
    static func error(_ text: String) -> String? {
        do {
            _ = try IDFTable(text: text, name: "t.txt")
            return nil
        } catch {
            return error.description
        }
    }

    /// The idf the keyword extractor reads: by the word's bytes (`WordTable`), not by String.
    static func byteIDF(_ table: IDFTable, _ word: String) -> Double {
        Array(word.utf8).withUnsafeBufferPointer { bytes in
            let (low, high) = WordTable.key(bytes)
            return table.idf(bytes: bytes, low: low, high: high, hash: WordTable.hash(bytes))
        }
    }

    @Test func numbersThatAreNotFiniteNonNegativeAreRefusedWithTheirLine() throws {
        for bad in ["nan", "NaN", "inf", "-inf", "infinity", "1e400", "-1", "-0.5", "1,5", "1_0", "０.５", "½", "0x", ""] {
            let text = "甲 1\n乙 \(bad)\n"
            let reason = bad.isEmpty ? "expected `word idf` (or `word idf share`)" : "`\(bad)` is not a non-negative number"
            #expect(Self.error(text) == "t.txt:2: \(reason)", "\(bad)")
        }
        for bad in ["nan", "inf", "1.0001", "-0.1", "2"] {
            #expect(Self.error("甲 1\n\n乙 1 \(bad)\n") == "t.txt:3: `\(bad)` is not a share between 0 and 1", "\(bad)")
        }
        // What Double reads is taken as written (a huge but finite idf, an exponent, zero).
        let table = try IDFTable(text: "甲 1e300\n乙 2E-3\n丙 0\n丁 +4", name: "t.txt")
        #expect(table.values == ["甲": 1e300, "乙": 0.002, "丙": 0, "丁": 4])
    }

    @Test func fieldsLinesAndLineNumbers() throws {
        // Tabs and runs of blanks between fields, blank lines and comments counted as lines,
        // CRLF, a BOM on the first line only, no final newline.
        let text = "\u{FEFF}# documents 12\r\n\r\n甲\t1.5\r\n  乙   2\t0.25  \r\n# a note\n丙 3"
        let table = try IDFTable(text: text, name: "t.txt")
        #expect(table.documents == 12)
        #expect(table.values == ["甲": 1.5, "乙": 2, "丙": 3])
        #expect(table.predicateShares == ["乙": 0.25])
        #expect(Self.error(text + "\n丁 x\r\n") == "t.txt:7: `x` is not a non-negative number")
        // A BOM after the first line is part of the word (as the String parser had it).
        #expect(try IDFTable(text: "甲 1\n\u{FEFF}乙 2\n", name: "t").values["乙"] == nil)
        // A carriage return alone does not end a line: three fields.
        #expect(Self.error("甲 1\r乙 2\n") == "t.txt:1: `1\r乙` is not a non-negative number")
        // A line of blanks is skipped only when empty; one of spaces has no field.
        #expect(Self.error("甲 1\n   \n") == "t.txt:2: expected `word idf` (or `word idf share`)")
        #expect(Self.error("甲\n") == "t.txt:1: expected `word idf` (or `word idf share`)")
        #expect(Self.error("甲 1 0.5 x\n") == "t.txt:1: expected `word idf` (or `word idf share`)")
    }

    @Test func commentsDuplicatesAndNormalizedWords() throws {
        // `# documents N` is read only as three space-separated fields with an Int; anything
        // else on a `#` line is a comment (a huge count does not overflow: it is ignored).
        #expect(try IDFTable(text: "# documents 99999999999999999999999\n甲 1\n", name: "t").documents == 0)
        #expect(try IDFTable(text: "# documents\t7\n甲 1\n", name: "t").documents == 0)
        #expect(try IDFTable(text: "# documents 7 more\n甲 1\n", name: "t").documents == 0)
        #expect(try IDFTable(text: "#documents 7\n", name: "t").values.isEmpty)
        // A later line for the same word wins, also when two spellings normalize alike.
        let table = try IDFTable(text: "甲 1\n甲 2\nABC 3\nabc 4\n乙 9\n丙 9\n", name: "t")
        #expect(table.values == ["甲": 2, "abc": 4, "乙": 9, "丙": 9])
        #expect(table.defaultIDF == 9)
        // The byte-keyed table agrees with the String-keyed one.
        #expect(Self.byteIDF(table, "甲") == 2 && Self.byteIDF(table, "abc") == 4)
        #expect(Self.byteIDF(table, "ABC") == table.defaultIDF)  // the caller normalizes first
        // An empty table: the default is 1, no documents.
        let empty = try IDFTable(text: "", name: "t")
        #expect(empty.values.isEmpty && empty.defaultIDF == 1 && empty.documents == 0)
        #expect(try IDFTable(text: "\u{FEFF}", name: "t").values.isEmpty)
        // Words of one byte up to long ones (the inline key holds 15 bytes, longer ones aside).
        let long = String(repeating: "国", count: 40)
        let mixed = try IDFTable(text: "a 1\n\(long) 5\n中华人民共和国 3\n", name: "t")
        #expect(Self.byteIDF(mixed, "a") == 1 && Self.byteIDF(mixed, long) == 5 && Self.byteIDF(mixed, "中华人民共和国") == 3)
        #expect(mixed.defaultIDF == 3 && Self.byteIDF(mixed, String(long.dropLast())) == 3)
    }
}
