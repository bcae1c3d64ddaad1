import CLexiconData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chinese person names with no cue (issue 17 §3, thirteenth session, names19b; fourteenth,
/// names20): a surname and one or two given-name characters, or a given name ICU reads as a
/// word, that no title, byline, repetition or verb of saying announces (谢文华带来的…,
/// 村干部与张德顺商量…, 王|建国|把…), joined when a small statistical model says they are far
/// likelier a name than words of their own.
///
/// The model (`NameModel`) is trained on our own text: `Benchmarks/scripts/name-model.py`
/// counts, over the corpus, in how many distinct names that the cue rules joined *with a cue in
/// the same line* each character is the surname or a given-name character, and how often ICU
/// leaves it as a word of its own; `Dictionaries/name-model.tsv` holds those counts (no corpus
/// text). A character's score is the log-likelihood ratio of the two: how much likelier it is
/// in a name's role than as one of ICU's single characters. A name is joined when the scores
/// of its surname and given characters add up to more than a margin (`NameModel.margin3`,
/// `margin2`), tuned on the corpus by judged samples of the changes, never on a gold set.
/// A given name ICU reads as a word (王|建国, 杨|树林) has a score of its own
/// (`NameModel.givenWordScore`, from `Dictionaries/name-words.tsv`: per word, how many cued
/// names have it as their given name and how often ICU's output has it as a word), so that an
/// everyday word (高|质量, 张|建设) never passes its margin (`marginWord`; after a surname that is
/// also an everyday character, 石|智勇, a higher one: `marginAmbiguousWord`, names22). A word of
/// the built-in lexicon that ICU splits (陈|铁军) is weighed by its characters instead (`margin3`).
///
/// It is asked only where `personName` found a surname of ICU's single characters followed by
/// one or two given-name characters or a given-name word and no cue (so no per-token cost), and only:
/// - after the text's start, punctuation, a word of two characters or more, or a single
///   character that introduces a person (`Names.beforeModelName`: 与, 对, 为, 给, 把, 向 …) — not
///   after another single character, whose word the surname may end;
/// - before punctuation, the end, a function character (`Names.afterModelName`: 的, 和, 在, 是,
///   也, 就, 给 …) or a single character that an aspect particle follows (胡振邦|带|着); before
///   another single character the run may go on (潘|雪|考|上, 叶|青|守|着);
/// - before a word for two given characters or a given-name word; after one given character
///   only before a word that opens with a function character and follows a subject (已经, 曾经,
///   也是: `Names.afterBareNameWords`) or one that follows the corpus's title-cued names (带领,
///   获得: `Names.afterCuedNameWords`, names21), as the given name may go on into another word
///   (赵志|全力, 马培|清和).
///
/// A second given character that ICU glued to 和, 作 or 也 after the name (吴|玉|良作) is cut
/// off that word when a cue precedes or the three characters pass the model (`gluedGivenName`).
///
/// The model's names are remembered for the rest of the call like the cue rules' names
/// (`knownNames`: 何玥 joined with no cue is joined again in 何|玥|说 … 何|玥|的, wherever the
/// text names it).
extension NameJoiner {
    /// How many tokens from `i` (a surname at `start`, written up to `w`) the model takes as a
    /// name with up to `most` (1 or 2) given-name characters after it — which `personName` has
    /// found to be given-name characters with no cue around them —, or nil. Two given characters
    /// are tried first, then one.
    func modelName(_ i: Int, _ w: Int, _ start: Int, _ count: Int, most: Int) -> Int? {
        // The context first (cheap), then the scores.
        if w > 0 && start > 0 {
            let s = w >= 2 ? Int(path[w - 2].end) : 0
            if start - s == 1 && ScalarClass.isHan(scalars[s]) && !Names.beforeModelName.contains(scalars[s]) { return nil }
        }
        let model = NameModel.builtin
        let surname = model.surnameScore(scalars[start])
        var given = most
        while given >= 1 {
            // A function character is no name's last character (唐|英|已|涉嫌).
            if !Names.afterModelName.contains(scalars[start + given]), modelNameEnds(i + 1 + given, count, word: given == 2) {
                var score = surname
                for k in 1...given { score += model.givenScore(scalars[start + k]) }
                if score > (given == 2 ? NameModel.margin3 : NameModel.margin2) { return given + 1 }
            }
            given -= 1
        }
        return nil
    }

    /// How many tokens from `i` (a surname at `start`, written up to `w`) the model takes as a
    /// name whose given name is ICU's word of two characters after it (王|建国, 杨|树林), or nil
    /// — which `personName` has found to be a possible given name with no cue around it. In the
    /// contexts of `modelName` (after the start, punctuation, a word or a preposition; before
    /// punctuation, a function character, a verb with 着/了/过 or a word), with the word's own
    /// score (`NameModel.givenWordScore`: how much likelier a given name than a word of the
    /// corpus) and the surname's above `margin` (`NameModel.marginWord`, or
    /// `marginAmbiguousWord` after a surname that is also an everyday character: 石, 钱, 齐 …).
    /// A word of the built-in lexicon (陈|铁军: one ICU splits) is weighed by its characters'
    /// given-name scores instead, above `margin3` (names22: on the corpus, every candidate above
    /// 2.00 is a name — 蒋成华 5.3 … 陈铁军 2.5 —, the words below: 岑|科创 1.3, 唐|城际 1.1).
    func modelWordName(_ i: Int, _ w: Int, _ start: Int, _ count: Int, margin: Int) -> Int? {
        if w > 0 && start > 0 {
            let s = w >= 2 ? Int(path[w - 2].end) : 0
            if start - s == 1 && ScalarClass.isHan(scalars[s]) && !Names.beforeModelName.contains(scalars[s]) { return nil }
        }
        guard !Names.afterModelName.contains(scalars[start + 2]), modelNameEnds(i + 2, count, word: true) else { return nil }
        if path[i + 1].edge >= 0 {
            // A lexicon word (铁军, 发文: ICU splits it, so the word table cannot weigh it): its
            // characters' given-name scores, as for a name of single characters (`margin3`).
            let model = NameModel.builtin
            let score = model.surnameScore(scalars[start]) + model.givenScore(scalars[start + 1]) + model.givenScore(scalars[start + 2])
            return score > max(margin, NameModel.margin3) ? 2 : nil
        }
        let model = NameModel.builtinWords
        let score = model.surnameScore(scalars[start]) + model.givenWordScore(scalars[start + 1], scalars[start + 2])
        return score > margin ? 2 : nil
    }

    /// Is the name at `start` an item inside a list: 、 just before it, and token `j` (after it)
    /// 、 or 等 (、苏|树林|、: `NameModel.marginListWord`, names22)?
    func insideList(_ j: Int, _ start: Int, _ count: Int) -> Bool {
        guard start > 0, scalars[start - 1] == 0x3001, j < count else { return false }
        let r = range(j)
        return r.count == 1 && (scalars[r.lowerBound] == 0x3001 || scalars[r.lowerBound] == Names.deng)
    }

    /// A surname and a given character of ICU's single characters (at `i`, `i + 1`) whose second
    /// given character ICU glued to a function character after the name (吴|玉|良作, 刘|菊|英和,
    /// 冯|士|友也): `3 | splitsLast` when the three characters are a name — after a title or a
    /// byline mark (`precededByCue`), or in the model's contexts (after the start, punctuation, a
    /// word or a preposition) with the characters' scores above `NameModel.margin3` —, or nil.
    /// The caller cuts ICU's word after its first character (吴玉良|作).
    func gluedGivenName(_ i: Int, _ w: Int, _ start: Int, _ count: Int) -> Int? {
        let j = i + 2
        guard j < count, path[j].edge == Worker.Edge.base else { return nil }
        let r = range(j)
        guard r.count == 2, Names.gluedAfterName.contains(scalars[r.lowerBound + 1]) else { return nil }
        let g = scalars[r.lowerBound]
        guard ScalarClass.isHan(g), !has(g, CharacterClasses.notInNames), !Names.afterModelName.contains(g) else { return nil }
        if precededByCue(w, start) { return 3 | Self.splitsLast }
        if w > 0 && start > 0 {
            let s = w >= 2 ? Int(path[w - 2].end) : 0
            if start - s == 1 && ScalarClass.isHan(scalars[s]) && !Names.beforeModelName.contains(scalars[s]) { return nil }
        }
        let model = NameModel.builtin
        let score = model.surnameScore(scalars[start]) + model.givenScore(scalars[start + 1]) + model.givenScore(g)
        return score > NameModel.margin3 ? 3 | Self.splitsLast : nil
    }

    /// The bit of `personName`'s answer that says the name ends inside its last token, one
    /// character before that token's end (`gluedGivenName`).
    static let splitsLast = 0x100

    /// May a name end before token `j` (unread)? At the end, before punctuation, a function
    /// character (`Names.afterModelName`), a single character names do not avoid that an aspect
    /// particle or a complement of `ICURepairs.complementPairs` follows (a verb: 胡振邦|带|着,
    /// 刘云清|沉|下; not 潘雪|考|上|了), or — when `word` (a name of two given characters) — an ICU word or
    /// a dictionary word of two characters or more.
    private func modelNameEnds(_ j: Int, _ count: Int, word: Bool) -> Bool {
        guard j < count else { return true }
        let r = range(j)
        let v = scalars[r.lowerBound]
        if ScalarClass.kind(of: v) == .punctuation { return true }
        if r.count >= 2 {
            // After one given character, only a word that opens with a function character
            // and ends a clause's subject (曾经, 已经, 也是: `Names.afterBareNameWords`), or one
            // that follows the corpus's title-cued names (带领, 获得, 陪同: `Names.afterCuedNameWords`).
            guard ScalarClass.isHan(v) else { return false }
            if word { return true }
            guard r.count == 2 else { return false }
            let k = key(r.lowerBound, r.upperBound)
            return Names.afterBareNameWords.contains(k) || Names.afterCuedNameWords.contains(k)
        }
        if Names.afterModelName.contains(v) { return true }
        guard j + 1 < count, ScalarClass.isHan(v), !has(v, CharacterClasses.notInNames) else { return false }  // not 考|上|了
        let next = range(j + 1)
        guard next.count == 1 else { return false }
        // A verb before its particle, or before the complement of a word that the repairs split
        // (童志鹏|写|下, 潘玉龙|爬|上: `ICURepairs.complementPairs`).
        return Names.aspectParticles.contains(scalars[next.lowerBound])
            || ICURepairs.complementPairs.contains(key(r.lowerBound, next.upperBound))
    }
}

extension Names {
    /// Single characters after which a name with no cue may begin: prepositions and verbs
    /// that take a person (与张德顺, 对范志勇, 给薛刚, 派余海波), 和, 及 and 、.
    static let beforeModelName = ScalarSet("与和同跟对为给向把被让请由派叫帮陪及、")
    /// Function characters that may follow a name of one given character for the model.
    /// 作, 做 and 因 too: read on the corpus as a verb or conjunction after a name (李楠|做, 马馼|作, 丁姣|因),
    /// never its last character.
    static let afterModelName = ScalarSet("的和与及在是说等也都就又还将把被对向从为给了已曾即仍便却则作做因")
    /// Function characters ICU glues to a name's last given character (良作, 英和, 友也); not 在,
    /// whose words of two are mostly words (樊伟|正在, read on the corpus).
    static let gluedAfterName = ScalarSet("和作也")
    /// Aspect particles: a single character before one is a verb (带|着, 回|了, 去|过).
    static let aspectParticles = ScalarSet("着了过")
    /// Words after which a name of one given character with no cue may end (吴刚|带领, names21):
    /// the words of two characters that follow at least three distinct names a title or byline
    /// announces in the corpus (`name-model.py`'s cued names, cued *before* the name, so that
    /// the cue does not choose the word), less the cues (`afterWords`, `titles`) and 等到 (等 of a
    /// list). Read from the corpus with names21's miner, never from a measuring set.
    static let afterCuedNameWords = SortedKeys([
        "分别", "今天", "先后", "违规", "获得", "举行", "邀请", "应邀", "陪同", "家中", "夺得",
        "当天", "公款", "带领", "就是", "发言", "近日",
    ].map(ICURepairs.key))
}

/// The statistics of the model of Chinese person names with no cue (`Worker+NameModel.swift`):
/// per character, a surname score and a given-name score, in hundredths of a natural log.
///
/// Read from `Dictionaries/name-model.tsv` (embedded in the binary; `builtin`), whose lines are
/// `CHAR<TAB>SURNAME<TAB>GIVEN<TAB>SINGLE` (counts: distinct cued names with the character as
/// surname, as a given-name character, and ICU's single-character tokens of it), `#` comments
/// and blank lines. A character's score in a role is
/// `ln((role + 0.5) / (roleTotal + 0.5·V)) − ln((single + 1) / (singleTotal + V))`, V the number of
/// characters listed. A character that is not listed scores `unlisted`: never a name's.
public struct NameModel: Sendable {
    /// Surname and given-name scores, indexed by scalar − U+4E00 (the CJK Unified Ideographs).
    private let surname: [Int16]
    private let given: [Int16]
    /// How many characters the model lists.
    public let count: Int
    /// `ln P(c | given-name character)` per character (hundredths), for the words the word
    /// table does not list; empty until the words are read (`withWords`).
    private var givenLog: [Int16] = []
    /// Given names ICU reads as a word (`Dictionaries/name-words.tsv`): their keys
    /// (`wordKey`), sorted, and their word scores (hundredths).
    private var wordKeys: [UInt32] = []
    private var wordScores: [Int16] = []
    /// `−ln P(w | ICU's words)` of a word the table does not list (seen 0 times; hundredths).
    private var unseenWord = 0
    /// How many words the word table lists.
    public var wordCount: Int { wordKeys.count }

    /// The first scalar of the indexed range.
    static let first: UInt32 = 0x4E00
    /// The number of indexed scalars (U+4E00…U+9FFF).
    static let size = 0x5200
    /// The score of a character the model does not list (no name is joined with it).
    public static let unlisted: Int = -30_000
    /// The margin a name of a surname and two given characters must beat (hundredths).
    public static let margin3 = 200
    /// The margin for a surname and one given character (hundredths): higher, as two
    /// characters are more often a word.
    public static let margin2 = 300
    /// The margin for a surname and a given name ICU reads as a word (hundredths): the word's
    /// score counts its frequency as a word in the corpus, so an everyday word never passes.
    public static let marginWord = 100
    /// The margin for a given name ICU reads as a word after a surname of
    /// `Names.ambiguousSurnames` (石, 钱, 齐, 周 …, everyday characters too; hundredths): higher,
    /// as most of their candidates are words (任|江苏, 周|韩国, 金|大桥 score 1–2.5; names22).
    public static let marginAmbiguousWord = 300
    /// The margin for a given name ICU reads as a word inside a 、 list (、 before, 、 or 等
    /// after; hundredths): lower, as a list's items are alike (、苏树林、 −1.96, 、杨成长、 −1.39;
    /// everyday words in lists score far below: 严要求 −10.7, 顾大局 −3.8, 许健康 −5.1; names22).
    public static let marginListWord = -200
    /// The margin for a given name ICU reads as a word after an ambiguous surname (not 任, 曾)
    /// that a title precedes (hundredths): 金立群 0.8, 余欣荣 −0.3, 高国力 −3.2 pass; words after
    /// a title (党员|包|粽子, 代表|高|风险) and foreign names (米格尔 −5.4) score lower (names22).
    public static let marginTitledAmbiguousWord = -400

    /// The model read from the embedded `Dictionaries/name-model.tsv`: built once, on first use
    /// (a few hundred lines). Empty (joins nothing) if the file were missing or malformed,
    /// which the `NameModelFile` tests rule out for the shipped file.
    static let builtin: NameModel = {
        // Safe because: the embedded files are static data, alive for the process.
        guard let (bytes, count) = embedded("name-model.tsv"),
              case .success(let model) = parse(buffer: UnsafeBufferPointer(start: bytes, count: count), file: "name-model.tsv")
        else { return NameModel(surname: [], given: [], count: 0) }
        return model
    }()

    /// `builtin` with the embedded word table (`Dictionaries/name-words.tsv`) read: built once,
    /// on the first given name that is an ICU word (a text with none never reads the table).
    static let builtinWords: NameModel = {
        // Safe because: the embedded files are static data, alive for the process.
        guard let (words, count) = embedded("name-words.tsv"),
              case .success(let full) = builtin.withWords(buffer: UnsafeBufferPointer(start: words, count: count), file: "name-words.tsv")
        else { return builtin }
        return full
    }()

    /// The embedded file `name`'s bytes and length, or nil.
    private static func embedded(_ name: String) -> (UnsafePointer<UInt8>, Int)? {
        for index in 0..<segtool_embedded_file_count() {
            let f = segtool_embedded_file_at(index)
            if let n = f.name, String(cString: n) == name, let bytes = f.bytes { return (bytes, f.count) }
        }
        return nil
    }

    /// The embedded model's source text (`Dictionaries/name-model.tsv`), for tests and tools.
    public static var builtinText: [UInt8] {
        guard let (bytes, count) = embedded("name-model.tsv") else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: count))
    }

    /// The embedded word table's source text (`Dictionaries/name-words.tsv`), for tests and tools.
    public static var builtinWordsText: [UInt8] {
        guard let (bytes, count) = embedded("name-words.tsv") else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: count))
    }

    private init(surname: [Int16], given: [Int16], count: Int, givenLog: [Int16] = []) {
        self.surname = surname
        self.given = given
        self.count = count
        self.givenLog = givenLog
    }

    /// The key of a word of two CJK Unified Ideographs (U+4E00…U+9FFF), or nil.
    @inline(__always)
    static func wordKey(_ a: UInt32, _ b: UInt32) -> UInt32? {
        guard a >= first, a - first < UInt32(size), b >= first, b - first < UInt32(size) else { return nil }
        return (a - first) << 16 | (b - first)
    }

    /// The score of `a` `b`, a word of ICU's, as a given name (hundredths of a natural log):
    /// `ln P(ab | given name) − ln P(ab | ICU's words)`, where a given name's probability is its
    /// characters' (`P(a | given)·P(b | given)`) plus its own share of the cued given names, and
    /// a word's its count among ICU's words of the corpus (add-1) — so 建国 (a cued given name)
    /// scores high, 光荣 (a word of hundreds) low, 安全 (thousands) far lower. `unlisted` when
    /// either character is no given-name character of the model.
    public func givenWordScore(_ a: UInt32, _ b: UInt32) -> Int {
        guard let k = Self.wordKey(a, b), !givenLog.isEmpty else { return Self.unlisted }
        let la = Int(givenLog[Int(a - Self.first)]), lb = Int(givenLog[Int(b - Self.first)])
        guard la != Self.unlisted && lb != Self.unlisted else { return Self.unlisted }
        // Binary search of the sorted keys (asked only for a candidate name: rare).
        var lo = 0, hi = wordKeys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if wordKeys[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        if lo < wordKeys.count && wordKeys[lo] == k { return Int(wordScores[lo]) }
        return la + lb + unseenWord
    }

    /// The surname score of `v` (hundredths of a natural log), or `unlisted`.
    @inline(__always)
    public func surnameScore(_ v: UInt32) -> Int {
        let i = Int(v &- Self.first)
        return v >= Self.first && i < surname.count ? Int(surname[i]) : Self.unlisted
    }

    /// The given-name score of `v` (hundredths of a natural log), or `unlisted`.
    @inline(__always)
    public func givenScore(_ v: UInt32) -> Int {
        let i = Int(v &- Self.first)
        return v >= Self.first && i < given.count ? Int(given[i]) : Self.unlisted
    }

    /// Reads a model file (`bytes`, named `file` in errors). A line is blank, a `#` comment, or
    /// `CHAR<TAB>SURNAME<TAB>GIVEN<TAB>SINGLE` with one CJK Unified Ideograph (U+4E00…U+9FFF)
    /// and three decimal counts below 10⁹; a character is listed once. Errors name the line.
    public static func parse(_ bytes: [UInt8], file: String) -> Result<NameModel, SegmenterError> {
        bytes.withUnsafeBufferPointer { parse(buffer: $0, file: file) }
    }

    /// The decimal count in `b[s..<t]` (one to nine digits), or nil.
    @inline(__always)
    static func count(in b: UnsafeBufferPointer<UInt8>, _ s: Int, _ t: Int) -> Int? {
        guard t > s && t - s <= 9 else { return nil }
        var value = 0
        for q in s..<t {
            guard b[q] >= 0x30 && b[q] <= 0x39 else { return nil }
            value = value * 10 + Int(b[q] - 0x30)
        }
        return value
    }

    /// The line of `b` that starts at `p`: where its text ends (before LF, and before a CR
    /// ending it) and where the next line starts (after the LF, or `b.count + 1` at the end).
    @inline(__always)
    static func line(in b: UnsafeBufferPointer<UInt8>, from p: Int) -> (end: Int, next: Int) {
        var e = p
        while e < b.count && b[e] != 0x0A { e += 1 }
        let next = e + 1
        if e > p && b[e - 1] == 0x0D { e -= 1 }
        return (e, next)
    }

    /// `parse(_:file:)` over bytes in place: one pass, no allocation per line (the built-in
    /// model is read by every process that meets a name with no cue).
    static func parse(buffer b: UnsafeBufferPointer<UInt8>, file: String) -> Result<NameModel, SegmenterError> {
        var rows: [(i: Int, surname: Int, given: Int, single: Int)] = []
        rows.reserveCapacity(1024)
        var listed = [Bool](repeating: false, count: size)
        var bounds: [(Int, Int)] = []
        bounds.reserveCapacity(8)
        var line = 0
        var p = 0
        let n = b.count
        while p < n {
            line += 1
            let (e, next) = Self.line(in: b, from: p)
            defer { p = next }
            if e == p || b[p] == 0x23 { continue }  // blank or `#`
            func fail(_ reason: String) -> Result<NameModel, SegmenterError> {
                .failure(.malformedDictionaryLine(file: file, line: line, reason: reason))
            }
            // The fields' bounds (four, separated by tabs).
            bounds.removeAll(keepingCapacity: true)
            var f = p
            for q in p...e where q == e || b[q] == 0x09 {
                bounds.append((f, q))
                f = q + 1
            }
            guard bounds.count == 4 else {
                return fail("expected CHAR<TAB>SURNAME<TAB>GIVEN<TAB>SINGLE, got \(bounds.count) field\(bounds.count == 1 ? "" : "s")")
            }
            // U+4E00…U+9FFF are the three-byte sequences E4 B8 80 … E9 BF BF: decoded in place.
            let (k0, k1) = bounds[0]
            var v: UInt32 = 0
            if k1 - k0 == 3 && (0xE4...0xE9).contains(b[k0]) && b[k0 + 1] & 0xC0 == 0x80 && b[k0 + 2] & 0xC0 == 0x80 {
                v = UInt32(b[k0] & 0x0F) << 12 | UInt32(b[k0 + 1] & 0x3F) << 6 | UInt32(b[k0 + 2] & 0x3F)
            }
            guard v >= first, Int(v - first) < size else {
                guard let text = String(validating: UnsafeBufferPointer(rebasing: b[k0..<k1]), as: UTF8.self) else {
                    return fail("the character is not valid UTF-8")
                }
                return fail("`\(text)` is not one CJK ideograph (U+4E00…U+9FFF)")
            }
            var counts = (0, 0, 0)
            for k in 1...3 {
                let (s, t) = bounds[k]
                guard let value = Self.count(in: b, s, t) else {
                    let field = String(decoding: UnsafeBufferPointer(rebasing: b[s..<t]), as: UTF8.self)
                    return fail("\(["SURNAME", "GIVEN", "SINGLE"][k - 1]) count `\(field)` is not a decimal number below 10^9")
                }
                if k == 1 { counts.0 = value } else if k == 2 { counts.1 = value } else { counts.2 = value }
            }
            let i = Int(v - first)
            guard !listed[i] else {
                return fail("`\(String(decoding: UnsafeBufferPointer(rebasing: b[k0..<k1]), as: UTF8.self))` is listed twice")
            }
            listed[i] = true
            rows.append((i, counts.0, counts.1, counts.2))
        }
        var surname = [Int16](repeating: Int16(unlisted), count: size)
        var given = [Int16](repeating: Int16(unlisted), count: size)
        let v = Double(rows.count)
        var (surnames, givens, singles) = (0.0, 0.0, 0.0)
        for row in rows {
            surnames += Double(row.surname)
            givens += Double(row.given)
            singles += Double(row.single)
        }
        let logSingles = log(singles + v)
        let logSurnames = log(surnames + 0.5 * v)
        let logGivens = log(givens + 0.5 * v)
        func score(_ count: Int, _ logTotal: Double, _ single: Int) -> Int16 {
            let ratio = log(Double(count) + 0.5) - logTotal - log(Double(single) + 1) + logSingles
            return Int16(max(-29_999, min(29_999, (ratio * 100).rounded())))
        }
        var givenLog = [Int16](repeating: Int16(unlisted), count: size)
        for row in rows {
            surname[row.i] = score(row.surname, logSurnames, row.single)
            given[row.i] = score(row.given, logGivens, row.single)
            givenLog[row.i] = Int16(max(-29_999, min(29_999, ((log(Double(row.given) + 0.5) - logGivens) * 100).rounded())))
        }
        return .success(NameModel(surname: surname, given: given, count: rows.count, givenLog: givenLog))
    }

    /// This model with the word table `bytes` (named `file` in errors) read: given names ICU
    /// reads as a word. A line is blank, a `#` comment, or `WORD<TAB>GIVEN<TAB>WORDS` with two
    /// CJK Unified Ideographs and two decimal counts below 10⁹ (distinct cued names with it as
    /// their given name; ICU's tokens of it in the corpus); a word is listed once. A word's
    /// score is `ln(P(a | given)·P(b | given) + GIVEN / (ΣGIVEN + 1)) − ln((WORDS + 1) / (ΣWORDS + W))`,
    /// W the number of words listed; a word the table does not list scores as seen 0 times.
    public func withWords(_ bytes: [UInt8], file: String) -> Result<NameModel, SegmenterError> {
        bytes.withUnsafeBufferPointer { withWords(buffer: $0, file: file) }
    }

    /// `withWords(_:file:)` over bytes in place.
    func withWords(buffer b: UnsafeBufferPointer<UInt8>, file: String) -> Result<NameModel, SegmenterError> {
        var keys: [UInt32] = [], givenCounts: [Int32] = [], wordCounts: [Int32] = [], lines: [Int32] = []
        keys.reserveCapacity(b.count / 12)
        givenCounts.reserveCapacity(b.count / 12)
        wordCounts.reserveCapacity(b.count / 12)
        lines.reserveCapacity(b.count / 12)
        var line = 0
        var p = 0
        let n = b.count
        // One CJK Unified Ideograph (U+4E00…U+9FFF: a three-byte sequence E4 B8 80 … E9 BF BF) at `o`, or 0.
        func ideograph(_ o: Int) -> UInt32 {
            guard (0xE4...0xE9).contains(b[o]) && b[o + 1] & 0xC0 == 0x80 && b[o + 2] & 0xC0 == 0x80 else { return 0 }
            return UInt32(b[o] & 0x0F) << 12 | UInt32(b[o + 1] & 0x3F) << 6 | UInt32(b[o + 2] & 0x3F)
        }
        // The usual line (`WORD\tDIGITS\tDIGITS\n`) read in one pass; nil for anything else,
        // which the general reading below takes (and names when it is wrong).
        func fast(_ p: Int) -> (next: Int, key: UInt32, given: Int, words: Int)? {
            guard p + 9 < n, b[p + 6] == 0x09, let key = Self.wordKey(ideograph(p), ideograph(p + 3)) else { return nil }
            var q = p + 7
            var given = 0, words = 0
            let g0 = q
            while q < n && b[q] >= 0x30 && b[q] <= 0x39 { given = given &* 10 &+ Int(b[q] - 0x30); q += 1 }
            guard q - g0 >= 1 && q - g0 <= 9 && q < n && b[q] == 0x09 else { return nil }
            q += 1
            let w0 = q
            while q < n && b[q] >= 0x30 && b[q] <= 0x39 { words = words &* 10 &+ Int(b[q] - 0x30); q += 1 }
            guard q - w0 >= 1 && q - w0 <= 9 else { return nil }
            if q == n { return (q, key, given, words) }
            if b[q] == 0x0A { return (q + 1, key, given, words) }
            if b[q] == 0x0D && q + 1 < n && b[q + 1] == 0x0A { return (q + 2, key, given, words) }
            return nil
        }
        while p < n {
            line += 1
            if b[p] != 0x23, let row = fast(p) {
                keys.append(row.key)
                givenCounts.append(Int32(row.given))
                wordCounts.append(Int32(row.words))
                lines.append(Int32(line))
                p = row.next
                continue
            }
            let (e, next) = Self.line(in: b, from: p)
            defer { p = next }
            if e == p || b[p] == 0x23 { continue }  // blank or `#`
            func fail(_ reason: String) -> Result<NameModel, SegmenterError> {
                .failure(.malformedDictionaryLine(file: file, line: line, reason: reason))
            }
            // The fields' ends (three, separated by tabs).
            var ends = (0, 0, 0)
            var fields = 0
            for q in p...e where q == e || b[q] == 0x09 {
                fields += 1
                if fields == 1 { ends.0 = q } else if fields == 2 { ends.1 = q } else if fields == 3 { ends.2 = q }
            }
            guard fields == 3 else {
                return fail("expected WORD<TAB>GIVEN<TAB>WORDS, got \(fields) field\(fields == 1 ? "" : "s")")
            }
            let k1 = ends.0
            let key = k1 - p == 6 ? Self.wordKey(ideograph(p), ideograph(p + 3)) : nil
            guard let key else {
                let text = String(decoding: UnsafeBufferPointer(rebasing: b[p..<k1]), as: UTF8.self)
                return fail("`\(text)` is not two CJK ideographs (U+4E00…U+9FFF)")
            }
            var counts = (0, 0)
            for k in 1...2 {
                let (s, t) = k == 1 ? (ends.0 + 1, ends.1) : (ends.1 + 1, ends.2)
                guard let value = Self.count(in: b, s, t) else {
                    let field = String(decoding: UnsafeBufferPointer(rebasing: b[s..<t]), as: UTF8.self)
                    return fail("\(["GIVEN", "WORDS"][k - 1]) count `\(field)` is not a decimal number below 10^9")
                }
                if k == 1 { counts.0 = value } else { counts.1 = value }
            }
            keys.append(key)
            givenCounts.append(Int32(counts.0))
            wordCounts.append(Int32(counts.1))
            lines.append(Int32(line))
        }
        // In key order (the script writes them so: then no sort), each word once.
        var sorted = true
        for j in keys.indices.dropFirst() where keys[j - 1] >= keys[j] { sorted = false; break }
        if !sorted {
            let order = keys.indices.sorted { (keys[$0], lines[$0]) < (keys[$1], lines[$1]) }
            keys = order.map { keys[$0] }
            givenCounts = order.map { givenCounts[$0] }
            wordCounts = order.map { wordCounts[$0] }
            lines = order.map { lines[$0] }
        }
        var (givens, words) = (0.0, 0.0)
        for j in keys.indices {
            if j > 0 && keys[j - 1] == keys[j] {
                let a = Unicode.Scalar(keys[j] >> 16 + Self.first).map(String.init) ?? ""
                let c = Unicode.Scalar(keys[j] & 0xFFFF + Self.first).map(String.init) ?? ""
                return .failure(.malformedDictionaryLine(file: file, line: Int(lines[j]), reason: "`\(a)\(c)` is listed twice"))
            }
            givens += Double(givenCounts[j])
            words += Double(wordCounts[j])
        }
        var model = self
        let logWords = log(words + Double(keys.count))
        model.unseenWord = Int((logWords * 100).rounded())
        var scores = [Int16](repeating: Int16(Self.unlisted), count: keys.count)
        if !givenLog.isEmpty {
            for j in keys.indices {
                let a = givenLog[Int(keys[j] >> 16)], c = givenLog[Int(keys[j] & 0xFFFF)]
                guard a != Int16(Self.unlisted) && c != Int16(Self.unlisted) else { continue }
                // ln P(ab | given): the characters' (in log space) and, for a cued given name, its share.
                var given = (Double(a) + Double(c)) / 100
                if givenCounts[j] > 0 { given = log(exp(given) + Double(givenCounts[j]) / (givens + 1)) }
                let ratio = given - log(Double(wordCounts[j]) + 1) + logWords
                scores[j] = Int16(max(-29_999, min(29_999, (ratio * 100).rounded())))
            }
        }
        model.wordKeys = keys
        model.wordScores = scores
        return .success(model)
    }
}
