import Testing
import Segmenter

@Suite struct DictionaryParsing {
    func parse(_ text: String) throws(SegmenterError) -> DictionaryFile {
        try DictionaryFile(bytes: Array(text.utf8), name: "t.txt")
    }

    @Test func jiebaFormat() throws {
        let file = try parse("\u{FEFF}# comment\n渝事好商量 5000 nz\r\n专精特新 300\n新质生产力\nNew York\t100\tns\n\n两个确立\tnz\n")
        #expect(file.hasBOM)
        #expect(file.crlfLineCount == 1)
        #expect(file.lines.map(\.word) == ["渝事好商量", "专精特新", "新质生产力", "New York", "两个确立"])
        #expect(file.lines[0].frequency == 5000 && file.lines[0].tag == "nz" && file.lines[0].line == 2)
        #expect(file.lines[1].frequency == 300 && file.lines[1].tag == nil)
        #expect(file.lines[2].frequency == nil)
        #expect(file.lines[3].tabSeparated && file.lines[3].tag == "ns")
        #expect(file.lines[4].tag == "nz" && file.lines[4].frequency == nil)
    }

    @Test(arguments: [
        ("a b c d\n", 1, "too many fields"),
        ("ok 1 n\nNew York 100 ns\n", 2, "separate the fields with tabs"),
        ("ok\nword 12x\n", 2, "frequency `12x` is not valid: a frequency must be a non-negative integer"),
        // Issue 13, item 14: a frequency is a non-negative integer; a tag is a known tag.
        ("数智渝城 -5\n", 1, "frequency `-5` is not valid: a frequency must be a non-negative integer"),
        ("数智渝城 3.5 nz\n", 1, "frequency `3.5` is not valid"),
        ("数智渝城 1e308\n", 1, "frequency `1e308` is not valid"),
        ("数智渝城\t+7\n", 1, "frequency `+7` is not valid"),
        ("数智渝城 abc\n", 1, "`abc` is neither a frequency (a non-negative integer) nor a known tag"),
        ("数智渝城 abc nz\n", 1, "`abc` is not a frequency (a non-negative integer): the fields are `word [freq] [tag]`"),
        ("数智渝城 5 abc\n", 1, "`abc` is not a known tag (n, nr, ns"),
        ("数智渝城\t5\tNZ\n", 1, "`NZ` is not a known tag"),
        ("ok\n\nword 99999999999999999999\n", 3, "too large"),
        ("w\u{1}x 1\n", 1, "control character"),
        ("w 1 n extra\n", 1, "too many fields"),
    ])
    func malformedLinesNameTheLine(_ c: (String, Int, String)) {
        do {
            _ = try parse(c.0)
            Issue.record("no error for \(c.0.debugDescription)")
        } catch {
            guard case .malformedDictionaryLine(let file, let line, let reason) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(file == "t.txt")
            #expect(line == c.1)
            #expect(reason.contains(c.2), "\(reason)")
        }
    }

    @Test func knownTagsAndFrequenciesAreAccepted() throws {
        let file = try parse("甲 0 nz\n乙 12 nnt\n丙 nrfg\n丁\t7\tns\n戊 1000000000000\n")
        #expect(file.lines.map(\.tag) == ["nz", "nnt", "nrfg", "ns", nil])
        #expect(file.lines.map(\.frequency) == [0, 12, nil, 7, 1_000_000_000_000])
        // Every tag of the built-in lexicon is known.
        #expect(DictionaryTags.isKnown("nnt") && !DictionaryTags.isKnown("abc") && !DictionaryTags.isKnown("-5"))
    }

    @Test func invalidUTF8NamesLineAndOffset() {
        let bytes: [UInt8] = Array("好 1\n".utf8) + [0x41, 0xFF, 0x0A]
        #expect(throws: SegmenterError.dictionaryNotUTF8(file: "b.txt", line: 2, byteOffset: 7)) {
            try DictionaryFile(bytes: bytes, name: "b.txt")
        }
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: SegmenterError.self) { try Segmenter(userDictionaries: ["/nonexistent/dict.txt"]) }
        do {
            _ = try Segmenter(userDictionaries: ["/nonexistent/dict.txt"])
        } catch {
            #expect(error.description.contains("/nonexistent/dict.txt"))
        }
    }
}

@Suite struct UserWords {
    @Test func precedenceUserOverBuiltinOverICU() throws {
        var s = Shared.segmenter
        #expect(s.cut("渝事好商量平台") == "渝事好商量|平台")
        // A built-in word wins over ICU's split.
        #expect(s.tokens(in: "习近平").first?.source == .builtinDictionary)
        // A user word of the same text takes over the entry.
        s.addWord("习近平", frequency: 10, tag: "x")
        #expect(s.tokens(in: "习近平").first?.source == .userDictionary)
        #expect(s.lexicon.entry(for: "习近平")?.tag == "x")
        // A user word beats built-in words around it (cost below built-in words).
        s.addWord("平台建设", frequency: 100_000)
        #expect(s.cut("渝事好商量平台建设") == "渝事好商量|平台建设")
    }

    @Test func addAndRemoveMakeNewSnapshots() throws {
        let original = Shared.segmenter
        var changed = original
        #expect(original.cut("数智渝城") != "数智渝城")
        changed.addWord("数智渝城")
        #expect(changed.cut("推进数智渝城") == "推进|数智渝城")
        // The original copy keeps its snapshot.
        #expect(original.cut("推进数智渝城") != "推进|数智渝城")
        let removed = changed.removeWord("数智渝城")
        let removedAgain = changed.removeWord("数智渝城")
        #expect(removed)
        #expect(!removedAgain)
        #expect(changed.cut("推进数智渝城") == original.cut("推进数智渝城"))
        // Removing a built-in word.
        changed.removeWord("全过程人民民主")
        #expect(changed.cut("全过程人民民主") != "全过程人民民主")
        #expect(original.cut("全过程人民民主") == "全过程人民民主")
    }

    @Test func fullWidthMatchesLikeASCII() {
        var s = Shared.segmenter
        s.addWord("AI大模型")
        #expect(s.cut("发展ＡＩ大模型") == "发展|ＡＩ大模型")
    }

    @Test func noBuiltinDictionary() throws {
        let s = try Segmenter(builtinDictionary: false)
        #expect(s.lexicon.count == 0)
        #expect(s.cut("习近平") == "习|近平")
    }

    @Test func builtinLexiconLoadsAndIsLarge() throws {
        let (lexicon, duration) = try BuiltinDictionary.loaded.get()
        #expect(lexicon.count >= 5000)
        #expect(duration < .seconds(5))  // a sanity bound only; speed is measured by `segtool bench`
        #expect(lexicon.entry(for: "全过程人民民主")?.origin == .builtin(file: "lexicon/02-ideology.txt"))
    }
}
