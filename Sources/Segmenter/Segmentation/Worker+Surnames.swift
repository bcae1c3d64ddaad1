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
/// Surnames whose first character is an everyday word alone (上官, 公孙, 长孙, 南宫, 东方,
/// 端木, 令狐, 尉迟) are left: marking 上, 公, 长, 南 or 东 would send too many tokens to the
/// rules.
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

extension Names {
    /// Two-character surnames of the classical surname lists whose first character is no
    /// everyday single character (reviewed: each is read on the corpus as a surname when ICU
    /// keeps it as one word before a given name).
    static let compoundSurnames = SortedKeys(["欧阳", "司马", "司徒", "诸葛", "皇甫", "慕容", "闻人", "轩辕"].map(ICURepairs.key))
    /// Their second characters: the cheap test before the key's.
    static let compoundSurnameSeconds = ScalarSet("阳马徒葛甫容人辕")
    /// Their first characters that are not surnames of `surnames` already, marked as surnames
    /// (`CharacterClasses.surname`) with `rarerSurnames`; each is a single surname of the
    /// classical lists too.
    static let compoundSurnameFirsts = "司诸皇慕闻轩"
    /// 司, which has the surnames' class only for 司马 and 司徒: alone it is a ministry's
    /// department (外交部军控司|相关负责人, 司|处级), never taken as a one-character surname.
    static let si: UInt32 = 0x53F8
}
