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
/// (上官, 公孙, 长孙, 南宫, 东方, 百里, 第五) are left: marking 上, 公, 长, 南 or 东 would send too
/// many tokens to the rules. Those ICU splits (令|狐, 端|木, 尉|迟) are below.
extension NameJoiner {
    /// Token `r` (at `start`) is ICU's word of a two-character surname of the closed list
    /// (`Names.compoundSurnames`) and a given name follows: returns how many tokens after it
    /// the name takes, or nil. The given name is one or two of ICU's single characters that
    /// names do not avoid (one when the second is a cue: 欧阳|明|说), or one ICU word of two
    /// characters that is no title or cue (慕容|春生, not 司马|先生). The surname is nearly
    /// never anything else, so no cue is needed around it.
    func compoundSurnameName(_ r: Int, _ start: Int, _ count: Int) -> Int? {
        guard Names.compoundSurnameSeconds.contains(scalars[start + 1]),
              Names.compoundSurnames.contains(key(start, start + 2)), r + 1 < count else { return nil }
        if givenCharacter(r + 1, count) {
            if followedByCue(r + 2, count) || closesGivenName(r + 2, count) { return 1 }
            return givenCharacter(r + 2, count) ? 2 : 1
        }
        return compoundGivenWord(r + 1, count) ? 1 : nil
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

extension Names {
    /// Two-character surnames of the classical surname lists whose first character is no
    /// everyday single character (reviewed: each is read on the corpus as a surname when ICU
    /// keeps it as one word before a given name); 钟离 and 宇文 added in the thirteenth
    /// session (names19).
    static let compoundSurnames = SortedKeys(["欧阳", "司马", "司徒", "诸葛", "皇甫", "慕容", "闻人", "轩辕", "钟离", "宇文"].map(ICURepairs.key))
    /// Their second characters: the cheap test before the key's.
    static let compoundSurnameSeconds = ScalarSet("阳马徒葛甫容人辕离文")
    /// Their first characters that are not surnames of `surnames` already, marked as surnames
    /// (`CharacterClasses.surname`) with `rarerSurnames`; each is a single surname of the
    /// classical lists too. With the first characters of `splitCompoundSurnames` that are no
    /// surname of `surnames` (令, 端, 尉 …).
    static let compoundSurnameFirsts = "司诸皇慕闻轩" + "宇令端尉澹呼淳鲜独闾赫"
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

    /// Is `v` one of 令, 呼, 宇, 尉, 淳, 澹, 独, 端, 赫, 闾, 鲜 (everyday characters, or rare
    /// ones, marked as surnames only for 令狐, 宇文 …), which `joinWordedName` does not take as
    /// the surname of a name glued across (局长|王国|强) either?
    @inline(__always)
    static func newCompoundSurnameFirst(_ v: UInt32) -> Bool {
        switch v {
        case 0x4EE4, 0x547C, 0x5B87, 0x5C09, 0x6DF3, 0x6FB9, 0x72EC, 0x7AEF, 0x8D6B, 0x95FE, 0x9C9C: return true
        default: return false
        }
    }
}
