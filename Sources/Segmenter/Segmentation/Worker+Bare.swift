/// Names and places the names pass (`NameJoiner`, `Worker+Names.swift`) joins with no title or
/// place before them (twelfth session, second names round, issue 17 §3):
///
/// - **A person's name that opens a clause before a function character**: a surname and two of
///   ICU's single characters, or a surname and one ICU word of two, at the start of the text or
///   after punctuation, before one of the characters a clause's subject is followed by (孟|繁星|曾 →
///   孟繁星曾, 。殷|雪|梅|将 → 殷雪梅|将; `Names.afterBareName`).
/// - **A country's abbreviation and 军 or 方**: one of ICU's single characters that stands for a
///   country (`Names.countrySides`, `Names.countryArmies`) and 军 or 方 alone (以|军 → 以军,
///   越|方 → 越方), as the lexicon's 美军 and 巴方; not before a single character that would make a
///   word with 军 or 方 (以|方|便).
/// - **Rarer surnames** (`Names.rarerSurnames`: 仝, 蔺, 阚, 谌 …) join the surnames of the name rules.
/// - **A transliteration whose first character ICU left alone before 尔** (代|尔祖尔 → 代尔祖尔,
///   别|尔德穆哈梅多夫): 代 or 别 alone, not after another single Han character.
/// - **A city of two characters after a country's name before a word** (南非|德|班|举行 → 德班):
///   `shortForeignName`'s two characters of the alphabet, before an ICU word that does not begin
///   with the alphabet, after a country (not a title).
/// - **A county named by one character at a clause's start** or after a verb of going (沛|县 →
///   沛县 at the start of a sentence, 来到|莒|县): `oneCharacterCounty` without a place before it.
///
/// They reach the rules through the pass's first test as its other rules do: the name through
/// the surname's class, 方 through its own (a surname too), 军 marked with the surnames' class
/// (`CharacterClasses`; `personName` is never asked of it), the county through 县's
/// `CompoundClasses.placeSuffix`.
extension NameJoiner {
    /// Is token `i` one of ICU's single characters of `Names.afterBareName`, and does the name
    /// before it, at `start` (written up to `w`), open a clause (the text's start, or punctuation
    /// or a space before it) and not end in a modal verb (莫|方|愿|在: `Names.modalEnds`)?
    func bareName(_ i: Int, _ w: Int, _ start: Int, _ count: Int) -> Bool {
        guard i < count else { return false }
        let after = range(i)
        // Or a word of two such characters' (潘|明|林|曾经 → 潘明林; `Names.afterBareNameWords`),
        // after a given name of single characters only (not 马|产业|已经).
        if after.count == 2 && (path[i].edge == Worker.Edge.base || path[i].edge >= 0) {
            guard i >= 1, range(i - 1).count == 1 else { return false }
            return Names.afterBareNameWords.contains(key(after.lowerBound, after.upperBound))
                && !Names.modalEnds.contains(scalars[after.lowerBound - 1]) && opensClause(w, start)
        }
        guard path[i].edge == Worker.Edge.base else { return false }
        guard after.count == 1, Names.afterBareName.contains(scalars[after.lowerBound]),
              !Names.modalEnds.contains(scalars[after.lowerBound - 1]) else { return false }
        return opensClause(w, start)
    }

    /// Is the text's start at `start`, or the written token before it (ending at `start`)
    /// punctuation or a space?
    func opensClause(_ w: Int, _ start: Int) -> Bool {
        guard w > 0, start > 0 else { return true }
        let kind = ScalarClass.kind(of: scalars[start - 1])
        return kind == .punctuation || kind == .whitespace
    }

    /// Token `r` (at `start`) is 军 or 方 alone (the caller has seen it) and the written token
    /// before it one of ICU's single characters that stands for a country: returns the write
    /// index of that character, or nil. Not when the character before the abbreviation is one
    /// of ICU's single Han characters other than a function character (it may make a word with
    /// it), nor before a single character that makes a word with 军 or 方 (以|方|便, 英|军|事).
    func countrySide(_ r: Int, _ w: Int, _ start: Int, _ count: Int) -> Int? {
        guard w >= 1, start >= 1, Int(path[w - 1].end) == start, path[w - 1].edge == Worker.Edge.base,
              path[r].edge == Worker.Edge.base else { return nil }
        let abbreviationStart = w >= 2 ? Int(path[w - 2].end) : 0
        guard start - abbreviationStart == 1 else { return nil }
        let a = scalars[abbreviationStart]
        guard scalars[start] == Names.jun ? Names.countryArmies.contains(a) : Names.countrySides.contains(a) else { return nil }
        if w >= 2 {
            let s = w >= 3 ? Int(path[w - 3].end) : 0
            if abbreviationStart - s == 1 && ScalarClass.isHan(scalars[s]) && !Names.beforeCountrySide.contains(scalars[s]) { return nil }
        }
        if r + 1 < count {
            let next = range(r + 1)
            let v = scalars[next.lowerBound]
            if next.count == 1 && (scalars[start] == Names.jun ? Names.afterArmyBound : Names.afterSideBound).contains(v) { return nil }
        }
        return w - 1
    }

    /// The write index where a transliteration that begins at `start` with 尔 begins: the
    /// written token before it when that is 代 or 别 alone (代|尔祖尔 → 代尔祖尔), else `w`. Not
    /// when 代 or 别 follows a single Han character (一|代|…: it may end a word).
    func transliterationStart(_ w: Int, _ start: Int) -> Int {
        guard scalars[start] == Names.er, w >= 1, start >= 1, path[w - 1].edge == Worker.Edge.base,
              Names.beforeEr.contains(scalars[start - 1]) else { return w }
        let s = w >= 2 ? Int(path[w - 2].end) : 0
        guard start - s == 1 else { return w }
        if w >= 2 {
            let t = w >= 3 ? Int(path[w - 3].end) : 0
            if s - t == 1 && ScalarClass.isHan(scalars[t]) { return w }
        }
        return w - 1
    }

    /// The two characters of a short foreign name at `start` (`shortForeignName` has checked
    /// them) follow a country's name (`writtenStart..<start`, not a title) and come before token
    /// `r + 2`, an ICU word of two characters or more whose first character is no character of
    /// the alphabet (the name would go on): a city of two characters (阿尔及利亚|奥|兰|举办 →
    /// 奥兰).
    func cityAfterCountry(_ r: Int, _ writtenStart: Int, _ start: Int, _ count: Int) -> Bool {
        guard r + 2 < count, path[r + 2].edge == Worker.Edge.base else { return false }
        let v = scalars[range(r + 2).lowerBound]
        return ScalarClass.isHan(v) && !has(v, CharacterClasses.transliteration)
            && Laws.countries.contains(Laws.longKey(scalars, writtenStart, start))
    }

    /// Does the county of one character at `start` (written up to `w`) open a clause, or follow a
    /// verb of going or being somewhere (`Names.beforeLoneCounty`: 来到|莒|县, 在|沛|县)?
    func countyOpens(_ w: Int, _ start: Int) -> Bool {
        if opensClause(w, start) { return true }
        let s = w >= 2 ? Int(path[w - 2].end) : 0
        guard start - s <= 2 else { return false }
        return start - s == 1 ? Names.beforeLoneCountySingles.contains(scalars[s]) : Names.beforeLoneCounty.contains(key(s, start))
    }
}

extension Names {
    /// Rarer single-character surnames of the classical surname lists, none an everyday word
    /// as one of ICU's single characters (marked `CharacterClasses.surname` with `surnames`).
    static let rarerSurnames = "仝蔺冼鄢訾亓逯昝宓郇竺谯帅蒯隗郜阚邰眭笪綦芮钮郦郗郄晁邸鞠谌糜禹茹邴扈冀庹郏厉廉" + compoundSurnameFirsts  // 司|马 … (`Worker+Surnames.swift`)
    /// 尔, which begins the rest of a transliteration whose first character (代, 别) ICU left
    /// alone (代|尔祖尔, 别|尔德…).
    static let er: UInt32 = 0x5C14
    /// First characters of transliterations before 尔 that are no characters of the alphabet
    /// (代尔祖尔 "Deir ez-Zor", 别尔哥罗德 "Belgorod").
    static let beforeEr = ScalarSet("代别")
    /// Function characters after a clause's subject, which end a name that opens the clause
    /// (孟繁星|曾, 葛振宇|也, 殷雪梅|将).
    static let afterBareName = ScalarSet("曾也在将就已还又则便却都")
    /// Modal verbs, which end no name before a function character (莫|方|愿|在: 莫方 愿 在).
    static let modalEnds = ScalarSet("愿要应能会可想")
    /// Words of two characters after a clause's subject that begin with a function character of
    /// `afterBareName` and end a name that opens the clause as it does (潘明林|曾经, 郑晓光|已经):
    /// ICU's or the lexicon's words.
    static let afterBareNameWords = SortedKeys(["曾经", "曾任", "曾是", "曾在", "曾获", "曾于", "也是", "也在", "将在", "已经"].map(ICURepairs.key))
    /// 军, after a country's abbreviation (以军).
    static let jun: UInt32 = 0x519B
    /// 方, after a country's abbreviation (越方).
    static let fang: UInt32 = 0x65B9
    /// One-character abbreviations of countries that take 方 ("the X side": 越方, 日方, 尼方 …), read
    /// on the corpus's single characters before 方; not those that make an everyday word with it
    /// (南方, 东方, 西方, 北方, 秘方, 土方, 几方, 外方, 我方, 双方).
    static let countrySides = ScalarSet("以越阿日尼新法马泰斯哈埃蒙澳欧老加哥孟意英缅科印厄非波莫白古葡菲委沙苏文墨爱瑞荷智赞叙挪拉密坦希匈津刚伊毛摩罗保捷布亚玻萨朝韩俄美乌巴德黎柬约卡塔吉")
    /// One-character abbreviations of countries that take 军 ("the X army": 以军, 叙军, 法军 …);
    /// not those that are frequent surnames before a given name 军 (马军, 李军, 黎军, 韩军,
    /// 华军) or make a word with it (我军, 建军, 强军).
    static let countryArmies = ScalarSet("以叙伊法英德日俄美乌朝印菲土越泰巴澳加意苏缅柬埃")
    /// Single characters that make a word with 方 before them (方便, 方向, 方案 …), which ICU may have
    /// left apart.
    static let afterSideBound = ScalarSet("便向式法面案针位圆言块阵格子略剂")
    /// Single characters that make a word with 军 before them (军事, 军队, 军人, 军歌 …).
    static let afterArmyBound = ScalarSet("事队人民区委官舰机费地营团训工种校医属令功衔歌旗装服港用嫂史纪魂徽号礼乐粮需械火备阀政情演威心")
    /// Single characters before a country's abbreviation that make no word with it (与|以|方,
    /// 对|以|军).
    static let beforeCountrySide = ScalarSet("与和同对向跟及被让给由从在的是为将已也就")
    /// Verbs of going or being somewhere before a county named alone (来到|莒|县).
    static let beforeLoneCounty = SortedKeys(["来到", "前往", "走进", "抵达", "深入", "地处", "位于"].map(ICURepairs.key))
    /// The same, of one character (在|沛|县, 赴|沛|县).
    static let beforeLoneCountySingles = ScalarSet("在到赴")
}
