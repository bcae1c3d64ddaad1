/// Chinese names with a two-character surname (欧阳|建|华 → 欧阳建华, 司马|俊 → 司马俊,
/// 慕容|春生 → 慕容春生), which ICU reads as one word of two characters and a given name of
/// single characters or one word. The names are not remembered as known names (a key holds
/// three characters); every occurrence is found by the rule itself.
///
/// The names pass's first test has no free class bit for these surnames: their first
/// characters that are no everyday single character (司, 诸, 皇, 慕, 闻, 轩; 欧 already is)
/// are marked as surnames (`Names.compoundSurnameFirsts`, joined to `Names.rarerSurnames`),
/// so that ICU's word of the two sends the token to `joinWordedName`, which tests the second
/// character and then the whole surname against a reviewed closed list before anything else.
/// Surnames whose first character is an everyday word alone and that ICU keeps as one word
/// (thirteenth session, names19c): 公, 东 and 南 carry the surnames' class too (few tokens
/// begin with them: 0.3% of the first 8 MB of the corpus's), are never one-character
/// surnames, and begin no name glued across (`newCompoundSurnameFirst`). 公孙 is nearly
/// never anything else and joins like 欧阳; 东方 and 南宫 are everyday words and a city
/// (东方红, 东方航空, 南宫市), so they take a given name only before a title or role
/// (`cuedCompoundSurnameName`). 上官 is left: marking 上 sent 2,500 single characters and
/// 1,600 words of the first 8 MB to the rules (+2 M instructions, 0.09%) for a surname the
/// corpus never holds. 长孙 is left: on the corpus every 长孙 before a name is a title's 长
/// and the surname 孙 (会长|孙春兰); 百里 and 第五 too (百里长江, 第五届).
/// Those ICU splits (令|狐, 端|木, 尉|迟) are below.
extension NameJoiner {
    /// Token `r` (at `start`) is ICU's word of a two-character surname of the closed list
    /// (`Names.compoundSurnames`) and a given name follows: returns how many tokens after it
    /// the name takes, or nil. The given name is one or two of ICU's single characters that
    /// names do not avoid (one when the second is a cue: 欧阳|明|说), or one ICU word of two
    /// characters that is no title or cue (慕容|春生, not 司马|先生). The surname is nearly
    /// never anything else, so no cue is needed around it.
    func compoundSurnameName(_ r: Int, _ start: Int, _ count: Int) -> Int? {
        guard Names.compoundSurnameSeconds.contains(scalars[start + 1]), r + 1 < count else { return nil }
        let surname = key(start, start + 2)
        if Names.cuedCompoundSurnames.contains(surname) { return cuedCompoundSurnameName(r, count) }  // 东方|明|亮|主任 (names19c)
        guard Names.compoundSurnames.contains(surname) else { return nil }
        if givenCharacter(r + 1, count) {
            if followedByCue(r + 2, count) || closesGivenName(r + 2, count) { return 1 }
            return givenCharacter(r + 2, count) ? 2 : 1
        }
        return compoundGivenWord(r + 1, count) ? 1 : nil
    }

    /// Token `r` is ICU's word of 东方 or 南宫 (`Names.cuedCompoundSurnames`), which are also
    /// everyday words or a place: returns how many tokens after it the name takes when a title
    /// or role follows the given name (东方|明|亮|主任, 南宫|晓燕|女士), else nil.
    private func cuedCompoundSurnameName(_ r: Int, _ count: Int) -> Int? {
        if givenCharacter(r + 1, count) {
            if doubleSurnameCue(r + 2, count) { return 1 }
            return givenCharacter(r + 2, count) && doubleSurnameCue(r + 3, count) ? 2 : nil
        }
        return compoundGivenWord(r + 1, count) && doubleSurnameCue(r + 2, count) ? 1 : nil
    }

    /// Is token `i` (unread) a cue that makes a name of what precedes it safe where the
    /// characters alone could be read otherwise: a title or role (`Names.titles`, by its last
    /// two characters: 女士, 主任, 书记)? Not a verb of saying: in the first run on the corpus
    /// 表示/认为 after four characters followed a transliteration or a body (雷|任|科|夫|表示,
    /// 苏|桑|当天|表示, 杜|马|议员|认为), never a double surname.
    func doubleSurnameCue(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return false }
        let r = range(i)
        return r.count >= 2 && Names.titles.contains(key(r.upperBound - 2, r.upperBound))
    }

    /// Is token `i` (unread) a single character that ends a given name of one character after
    /// a two-character surname: 和, 、, 等 (`Names.afterNameSingles`), or punctuation or the end?
    private func closesGivenName(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return true }
        let r = range(i)
        return (r.count == 1 && Names.afterNameSingles.contains(scalars[r.lowerBound])) || endsClause(i, count)
    }

    /// Is token `i` (unread) one of ICU's words of two Han characters, none that names avoid,
    /// and no title, role or verb of saying (司马|先生, 欧阳|表示)?
    private func compoundGivenWord(_ i: Int, _ count: Int) -> Bool {
        guard i < count, path[i].edge == Worker.Edge.base else { return false }
        let r = range(i)
        guard r.count == 2 else { return false }
        for p in r where !ScalarClass.isHan(scalars[p]) || has(scalars[p], CharacterClasses.notInNames) { return false }
        return !followedByCue(i, count)
    }
}

/// Two-character surnames that ICU splits into two single characters (令|狐|春|梅 → 令狐春梅,
/// 夏|侯|玉兰 → 夏侯玉兰, 澹|台子|华 → 澹台子华; thirteenth session, names19). Their first
/// characters carry the surnames' class (`Names.compoundSurnameFirsts`) but are never taken
/// as one-character surnames (`Names.onlyInCompoundSurnames`: 令, 独, 端 are everyday
/// characters), so `join` asks `splitSurnameName` of them, which tests the next character
/// (a `ScalarSet`) and then the pair against a reviewed closed list before anything else.
extension NameJoiner {
    /// Token `r` (at `start`) is one of ICU's single characters that begins a two-character
    /// surname of `Names.splitCompoundSurnames`, and the second character is token `r + 1`
    /// alone or begins it (澹|台子: ICU glued the given name's first character to it): returns
    /// how many tokens after `r` the name takes, or nil. The given name is as after a surname
    /// ICU keeps whole (`compoundSurnameName`): one or two single characters names do not avoid
    /// (one before a cue, 和/、/等 or punctuation), or one ICU word of two that is no title or
    /// cue; after a glued second character, one more single character at most.
    func splitSurnameName(_ r: Int, _ start: Int, _ count: Int) -> Int? {
        guard r + 2 < count, Names.splitSurnameSeconds.contains(scalars[start + 1]),
              Names.splitCompoundSurnames.contains(key(start, start + 2)), path[r + 1].edge == Worker.Edge.base else { return nil }
        let second = range(r + 1)
        if second.count == 2 {  // 澹|台子|华
            guard ScalarClass.isHan(scalars[start + 2]), !has(scalars[start + 2], CharacterClasses.notInNames),
                  !followedByCue(r + 1, count) else { return nil }
            return givenCharacter(r + 2, count) && !followedByCue(r + 3, count) ? 2 : 1
        }
        guard second.count == 1 else { return nil }
        if givenCharacter(r + 2, count) {
            if followedByCue(r + 3, count) || closesGivenName(r + 3, count) { return 2 }
            return givenCharacter(r + 3, count) ? 3 : 2
        }
        return compoundGivenWord(r + 2, count) ? 2 : nil
    }
}

/// Married women's double surnames (陈|林|丽华|女士 → 陈林丽华; thirteenth session, names19c):
/// the husband's surname and her own, then a given name of two characters. Two surnames in a
/// row also open rosters and lists (and a three-character name may follow a surname-like
/// character), so the name is joined only before a title or role (`doubleSurnameCue`: 女士,
/// 主任, 书记 …) and not after a single Han character.
extension NameJoiner {
    /// Token `r` (at `start`) is one of ICU's single characters of a surname, and token `r + 1`
    /// another, then two given characters or one ICU word, then a cue: returns how many tokens
    /// after `r` the name takes (3 or 2), or nil. Asked by `join` before `personName`.
    func doubleSurnameName(_ r: Int, _ w: Int, _ start: Int, _ count: Int) -> Int? {
        guard r + 3 < count, path[r + 1].edge < 0, Int(path[r + 1].end) == start + 2 else { return nil }
        let first = scalars[start], second = scalars[start + 1]
        guard has(second, CharacterClasses.surname), second != Names.jun, !Names.onlyInCompoundSurnames(second),
              first != Names.jun, !Names.onlyInCompoundSurnames(first), !Names.ambiguousSurnames.contains(first) else { return nil }
        // Not after a single Han character (向|王|李|明|华 …: a word may end in it).
        if w > 0 {
            let s = w >= 2 ? Int(path[w - 2].end) : 0
            if start - s == 1 && ScalarClass.isHan(scalars[s]) { return nil }
        }
        if givenCharacter(r + 2, count) {
            return givenCharacter(r + 3, count) && doubleSurnameCue(r + 4, count) ? 3 : nil
        }
        guard path[r + 2].edge == Worker.Edge.base else { return nil }
        let given = range(r + 2)
        guard given.count == 2 else { return nil }
        for p in given where !ScalarClass.isHan(scalars[p]) || has(scalars[p], CharacterClasses.notInNames) { return nil }
        return !doubleSurnameCue(r + 2, count) && doubleSurnameCue(r + 3, count) ? 2 : nil
    }
}

extension Names {
    /// Two-character surnames of the classical surname lists whose first character is no
    /// everyday single character (reviewed: each is read on the corpus as a surname when ICU
    /// keeps it as one word before a given name); 钟离 and 宇文 added in the thirteenth
    /// session (names19).
    static let compoundSurnames = SortedKeys(["欧阳", "司马", "司徒", "诸葛", "皇甫", "慕容", "闻人", "轩辕", "钟离", "宇文",
                                              "公孙"].map(ICURepairs.key))  // 公孙: names19c
    /// Two-character surnames that ICU keeps as one word and that are also everyday words or
    /// a place (东方, 南宫): a name only before a cue (`cuedCompoundSurnameName`; names19c).
    static let cuedCompoundSurnames = SortedKeys(["东方", "南宫"].map(ICURepairs.key))
    /// The second characters of both lists: the cheap test before the key's.
    static let compoundSurnameSeconds = ScalarSet("阳马徒葛甫容人辕离文孙方宫")
    /// Their first characters that are not surnames of `surnames` already, marked as surnames
    /// (`CharacterClasses.surname`) with `rarerSurnames`; each is a single surname of the
    /// classical lists too. With the first characters of `splitCompoundSurnames` that are no
    /// surname of `surnames` (令, 端, 尉 …).
    static let compoundSurnameFirsts = "司诸皇慕闻轩" + "宇令端尉澹呼淳鲜独闾赫" + "公东南"  // 公孙, 东方, 南宫: names19c
    /// Two-character surnames of the classical surname lists that ICU splits into two single
    /// characters (reviewed on the corpus: it holds few of them; 西门 was dropped after the
    /// first run: 西|门|子 is Siemens, 西|门|购物|中心 a mall in Nairobi).
    static let splitCompoundSurnames = SortedKeys(["令狐", "端木", "尉迟", "澹台", "夏侯", "呼延", "申屠", "淳于", "鲜于", "独孤", "赫连", "闾丘"].map(ICURepairs.key))
    /// Their second characters: the cheap test before the key's.
    static let splitSurnameSeconds = ScalarSet("狐木迟台侯延屠于孤连丘")
    /// Is `v` a first character of `splitCompoundSurnames` (令, 呼, 夏, 尉, 淳, 澹, 独, 申, 端,
    /// 赫, 闾, 鲜)? A switch, not a table (a `static let` is reached through a once-guard):
    /// `join` asks it of every single surname character.
    @inline(__always)
    static func beginsSplitSurname(_ v: UInt32) -> Bool {
        switch v {
        case 0x4EE4, 0x547C, 0x590F, 0x5C09, 0x6DF3, 0x6FB9, 0x72EC, 0x7533, 0x7AEF, 0x8D6B, 0x95FE, 0x9C9C: return true
        default: return false
        }
    }

    /// Is `v` a character with the surnames' class that is never a one-character surname: 司
    /// (a ministry's department: 外交部军控司|相关负责人, 司|处级) and the names19 first
    /// characters that are no surnames of `surnames` (`newCompoundSurnameFirst`)? `join` does
    /// not ask `personName` of them.
    @inline(__always)
    static func onlyInCompoundSurnames(_ v: UInt32) -> Bool {
        v == 0x53F8 || newCompoundSurnameFirst(v)
    }

    /// Is `v` one of 令, 呼, 宇, 尉, 淳, 澹, 独, 端, 赫, 闾, 鲜, 公, 东, 南 (everyday characters,
    /// or rare ones, marked as surnames only for 令狐, 宇文, 公孙 …), which `joinWordedName` does not take as
    /// the surname of a name glued across (局长|王国|强) either?
    @inline(__always)
    static func newCompoundSurnameFirst(_ v: UInt32) -> Bool {
        switch v {
        case 0x4EE4, 0x547C, 0x5B87, 0x5C09, 0x6DF3, 0x6FB9, 0x72EC, 0x7AEF, 0x8D6B, 0x95FE, 0x9C9C: return true
        case 0x516C, 0x4E1C, 0x5357: return true  // 公, 东, 南 (names19c)
        default: return false
        }
    }

    /// Is `v` one of 公, 东, 南 (names19c: everyday characters marked as surnames only for 公孙,
    /// 东方, 南宫)? `joinWordedName` does not read them as a surname glued to a title's last
    /// character (主|任公), nor `listGoesOn` as a name after 、.
    @inline(__always)
    static func everydayCompoundSurnameFirst(_ v: UInt32) -> Bool {
        switch v {
        case 0x516C, 0x4E1C, 0x5357: return true
        default: return false
        }
    }
}
