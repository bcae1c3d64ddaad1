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
        // names20: a given name ICU reads as a word, far likelier a given name than a word of
        // the corpus (`Dictionaries/name-words.tsv`).
        ("王建国把文件交给了我。", "王建国"),
        ("刘光明已经回到了村里。", "刘光明"),
        ("村里请马文华给孩子们上课。", "马文华"),
        // One given character before a word that follows a clause's subject.
        ("李明已经退休了。", "李明"),
        // A second given character ICU glued to 和 or 作 after the name: the word is cut.
        ("张桂英和邻居们一起包饺子。", "张桂英"),
        ("主任委员孙德良作了说明。", "孙德良"),
        // names21: one given character before a word that follows the corpus's title-cued
        // names (`Names.afterCuedNameWords`).
        ("吴刚带领村民修路。", "吴刚"),
        ("这次比赛，周杰获得第一名。", "周杰"),
        ("张伟陪同客人参观了展馆。", "张伟"),
        // names22: after a surname that is also an everyday character (石, 钱, 齐), a given
        // name ICU reads as a word with a score above the higher margin (3.00).
        ("石智勇是举重运动员。", "石智勇"),
        ("钱文忠回到了家乡。", "钱文忠"),
        // names22: inside a 、 list (、 before, 、 or 等 after), a word given name above −2.00.
        ("出席的有王民、刘光辉、张雷等。", "刘光辉"),
        ("获奖的有李丰、周平、杨成长等人。", "杨成长"),
        // names22: after a title, an ambiguous surname's word given name above −4.00.
        ("银行行长金立群出席论坛。", "金立群"),
        ("院长周孝信参观了实验室。", "周孝信"),
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
        // names20: everyday words after a surname character stay apart (the word's own count
        // in the corpus outweighs its characters as a given name).
        ("高质量发展是首要任务。", ["高质量"]),
        ("祝大家新年快乐。", ["祝大家"]),
        ("史教育和国情教育都要抓。", ["史教育"]),
        ("他们把段已经修好了。", ["段已经"]),
        ("顾大局，识大体。", ["顾大局"]),
        // 正在 is a word: 在 is no character the glued rule cuts off.
        ("医生樊伟正在查房。", ["樊伟正"]),
        // names21: a word that follows cued names does not make a name of what precedes it
        // when the characters fail the margin (队 is no given name's), nor of a word.
        ("全队获得冠军。", ["全队"]),
        ("他以高分获得录取。", ["以高", "以高分"]),
        // names22: after an ambiguous surname, a word between 1.00 and 3.00 stays apart (江苏
        // 1.1 with 任), and everyday words far below as before.
        ("老同志任江苏省委副书记多年。", ["任江苏"]),
        ("同志们，高要求是好事。", ["高要求"]),
        // Everyday words inside a 、 list stay far below the list's margin.
        ("要做到严管理、严要求、严考核。", ["严要求", "严考核"]),
        // After a title, a word far below −4.00 (包粽子 after 党员, a first version's error).
        ("社区老党员包粽子过节。", ["包粽子"]),
    ])
    func ordinaryPhrasesStaySplit(_ pair: (String, [String])) {
        let cut = Shared.segmenter.cut(pair.0)
        let tokens = cut.split(separator: "|").map(String.init)
        for wrong in pair.1 { #expect(!tokens.contains(wrong), "\(cut)") }
    }
}

/// A name the model joined is remembered for the rest of the text, like a name a cue
/// announced: joined again where no context would let the model join it (after 说, 夸).
@Suite struct NameModelMemory {
    @Test(arguments: [
        ("秦立伟回家了。邻居都说秦立伟是个好人。", "秦立伟", 2),
        ("何丽萍把菜卖了。大家都夸何丽萍能干。", "何丽萍", 2),
    ])
    func aModelNameIsRemembered(_ c: (String, String, Int)) {
        let tokens = Shared.segmenter.cut(c.0).split(separator: "|").map(String.init)
        #expect(tokens.filter { $0 == c.1 }.count == c.2, "\(tokens)")
    }

    @Test func theSecondOccurrenceAloneStaysSplit() {
        // The same clause alone: nothing names 何丽萍 before it, and 夸 is no context of the model.
        let tokens = Shared.segmenter.cut("大家都夸何丽萍能干。").split(separator: "|").map(String.init)
        #expect(!tokens.contains("何丽萍"), "\(tokens)")
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

    @Test func theShippedWordTableParses() throws {
        let model = try NameModel.parse(NameModel.builtinText, file: "name-model.tsv").get()
            .withWords(NameModel.builtinWordsText, file: "name-words.tsv").get()
        #expect(model.wordCount >= 1000, "only \(model.wordCount) words")
        func score(_ w: String) -> Int {
            let v = w.unicodeScalars.map(\.value)
            return model.givenWordScore(v[0], v[1])
        }
        // 建国 is a given name of cued names; 质量 and 安全 are everyday words of the corpus.
        #expect(score("建国") > score("质量"))
        #expect(score("建国") > score("安全"))
        #expect(score("建国") > 0 && score("安全") < 0)
        // A word with a character no given name has is never a given name.
        #expect(score("的确") == NameModel.unlisted)
    }

    @Test(arguments: [
        ("# c\n建国\t2\t199\n国\t1\t1\n", 3, "`国` is not two CJK ideographs (U+4E00…U+9FFF)"),
        ("建国\t2\n", 1, "expected WORD<TAB>GIVEN<TAB>WORDS, got 2 fields"),
        ("建国\tx\t1\n", 1, "GIVEN count `x` is not a decimal number below 10^9"),
        ("建国\t1\t1\n光明\t0\t5\n建国\t0\t1\n", 3, "`建国` is listed twice"),
    ])
    func badWordLinesAreNamed(_ c: (String, Int, String)) throws {
        let model = try NameModel.parse(Array("王\t3\t0\t10\n建\t0\t4\t20\n国\t0\t4\t20\n".utf8), file: "m.tsv").get()
        #expect(model.withWords(Array(c.0.utf8), file: "w.tsv").map(\.wordCount)
            == .failure(.malformedDictionaryLine(file: "w.tsv", line: c.1, reason: c.2)))
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

/// A given name that is a word of the built-in lexicon (铁军, 发文: words ICU splits, which
/// `11-vocabulary.txt` joins) is a given name where a cue announces it (names22); with no cue
/// it stays apart (the model's word counts are ICU's), and a lexicon word whose characters the
/// name model never saw in a name is no given name even after a list of names or before 称.
@Suite struct NamesWithALexiconWordAsGivenName {
    @Test(arguments: [
        ("书记蔡发文主持会议。", "蔡发文"),
        ("陈铁军表示，要加强管理。", "陈铁军"),
        ("医院教授屈铁军正在门诊。", "屈铁军"),
        // With no cue, by its characters' given-name scores (2.47 > 2.00).
        ("陈铁军受到表彰。", "陈铁军"),
    ])
    func joinedAfterOrBeforeACue(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test(arguments: [
        ("哈尔科夫州、苏梅州和基辅州发布了警报。", ["苏梅州"]),
        ("韩检方称案件仍在审理。", ["韩检方"]),
        // Characters below the margin (岑 + 科 + 创: 1.32).
        ("浦东岑科创中心开园。", ["岑科创"]),
    ])
    func notJoined(_ pair: (String, [String])) {
        let cut = Shared.segmenter.cut(pair.0)
        let tokens = cut.split(separator: "|").map(String.init)
        for wrong in pair.1 { #expect(!tokens.contains(wrong), "\(cut)") }
    }
}
