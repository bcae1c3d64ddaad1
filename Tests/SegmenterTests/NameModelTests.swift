import Testing
import Segmenter

/// Chinese person names with no cue, joined by the names pass's statistical model
/// (`Worker+NameModel.swift`, `Dictionaries/name-model.tsv`; issue 17 §3, names19b). Examples
/// written for these tests (none from a measuring set).
@Suite struct NameModelNames {
    @Test(arguments: [
        ("冯秀梅把大棚里的菜卖到了县城。", "冯秀梅"),  // opening the sentence, before 把
        ("村里请罗秀英给孩子们上课。", "罗秀英"),  // after 请, before 给
        ("秦立伟回家了。", "秦立伟"),  // before a word
        ("孟丽娟把这笔钱存进了银行。", "孟丽娟"),
        ("大家把奖状送给邹晓梅。", "邹晓梅"),  // before punctuation
        ("吕平已被警方控制。", "吕平"),  // one given character before a function character
    ])
    func aNameWithNoCue(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    /// Ordinary words around surname-like characters stay as they were: a function character
    /// is no given name's last (吕平|已), a run of single characters goes on (潘|雪|考|上), and a
    /// surname after another single character may end its word.
    @Test(arguments: [
        ("这是一种新的做法。", ["一种新", "种新"]),
        ("今年高度重视安全生产。", ["高度重"]),
        ("这里的石头又高又大。", ["高又", "又高又"]),
        ("吕平已被警方控制。", ["吕平已"]),
        ("周雪考上了大学。", ["周雪考"]),
        ("要严把质量关。", ["严把"]),
    ])
    func ordinaryPhrasesStaySplit(_ pair: (String, [String])) {
        let cut = Shared.segmenter.cut(pair.0)
        let tokens = cut.split(separator: " ").map(String.init)
        for wrong in pair.1 { #expect(!tokens.contains(wrong), "\(cut)") }
    }
}

/// The model file's parser (`NameModel.parse`): the shipped file reads, and bad lines are
/// named by file and line.
@Suite struct NameModelFile {
    @Test func theShippedModelParses() throws {
        let model = try NameModel.parse(NameModel.builtinText, file: "name-model.tsv").get()
        #expect(model.count >= 300, "only \(model.count) characters")
        // What the corpus says: 王 opens names far more often than ICU leaves it alone; 新
        // and 的 are no names' (的 is not listed at all).
        #expect(model.surnameScore(("王" as Unicode.Scalar).value) > 0)
        #expect(model.givenScore(("新" as Unicode.Scalar).value) < model.givenScore(("华" as Unicode.Scalar).value))
        #expect(model.givenScore(("的" as Unicode.Scalar).value) == NameModel.unlisted)
    }

    @Test(arguments: [
        ("# comment\n王\t3\t0\t10\n李\t2\t1\n", 3, "expected CHAR<TAB>SURNAME<TAB>GIVEN<TAB>SINGLE, got 3 fields"),
        ("王\t3\t0\t10\n\nab\t1\t1\t1\n", 3, "`ab` is not one CJK ideograph (U+4E00…U+9FFF)"),
        ("A\t1\t1\t1\n", 1, "`A` is not one CJK ideograph (U+4E00…U+9FFF)"),
        ("王\t3\t-1\t10\n", 1, "GIVEN count `-1` is not a decimal number below 10^9"),
        ("王\t3\t0\t\n", 1, "SINGLE count `` is not a decimal number below 10^9"),
        ("王\t3\t0\t10\n# x\n王\t1\t1\t1\n", 3, "`王` is listed twice"),
    ])
    func badLinesAreNamed(_ c: (String, Int, String)) {
        let result = NameModel.parse(Array(c.0.utf8), file: "m.tsv")
        #expect(result.map(\.count) == .failure(.malformedDictionaryLine(file: "m.tsv", line: c.1, reason: c.2)))
    }

    @Test func invalidUTF8IsAnErrorNotACrash() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x09, 0x31, 0x09, 0x31, 0x09, 0x31, 0x0A]
        #expect(NameModel.parse(bytes, file: "m.tsv").map(\.count)
            == .failure(.malformedDictionaryLine(file: "m.tsv", line: 1, reason: "the character is not valid UTF-8")))
    }

    @Test func aGoodFileReadsWithCRLFAndComments() throws {
        let model = try NameModel.parse(Array("# header\r\n王\t5\t0\t10\r\n华\t0\t4\t20\r\n".utf8), file: "m.tsv").get()
        #expect(model.count == 2)
        #expect(model.surnameScore(("王" as Unicode.Scalar).value) > model.surnameScore(("华" as Unicode.Scalar).value))
        #expect(model.givenScore(("华" as Unicode.Scalar).value) > model.givenScore(("王" as Unicode.Scalar).value))
        #expect(model.surnameScore(("李" as Unicode.Scalar).value) == NameModel.unlisted)
    }
}
