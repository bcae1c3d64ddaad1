/// Foreign provinces, states and regions with their suffix (issue 17 §3; thirteenth session,
/// names19). The standard keeps a place's administrative suffix on it (重庆市, 渝中区); ICU
/// and the lexicon leave a foreign first-level division's 省 or 州 alone (伊德利卜|省,
/// 加利福尼亚|州, 柬埔寨|磅|湛|省). Three shapes are joined with the suffix:
///
/// - **A word that spells a foreign name** (ICU's or the lexicon's, not a user's word): two
///   characters of the transliteration alphabet, or three or more with at most one character
///   outside it and its rarer part (佛罗里达, 田纳西, 马德望; not 代表|省, 外务|省, 生态|省).
/// - **A transliteration run the names pass has just joined** (`transliteration`) before the
///   suffix: the run takes it (霍|姆|斯|省 → 霍姆斯省).
/// - **Two to four of ICU's single characters after a country's name or a compass word**
///   (柬埔寨|磅|湛|省, 也门|北部|焦|夫|省), none a character names or places avoid (a
///   particle, numeral, determiner or level character: 中国|各|省).
///
/// Not before a character that makes a word with the suffix (省|长, 州|立, 省|级:
/// `Provinces.boundAfter`). The suffixes carry `CompoundClasses.placeSuffix` (the class that
/// sends the token before a place suffix to the rules), so the first test gains no comparison;
/// `Names.placeSuffixes`, which the Chinese place rules test, does not hold them.
///
/// **Foreign places' heads** (place20, issue 17 §3): a word that spells a foreign name (as above,
/// not ending in a level character, no everyday word: 瓦斯|地带) or a transliteration run takes
/// 县, 岛 or 湾 alone (里弗赛德|县, 萨哈林|岛, 芬兰|湾; not before 县城, 岛国, 湾区 …) or ICU's
/// 海峡, 半岛, 群岛, 高原, 盆地, 运河, 地带 (加沙|地带 → 加沙地带, 所罗门|群岛; not 卡塔尔|半岛|电视台),
/// with 圣 alone before it (圣|马丁|岛 → 圣马丁岛). Not 港: a port is its city and 港 (比雷埃夫斯|港).
/// The first characters of the heads that are no place suffix carry `CompoundClasses.autonomy`
/// (with 自), so a token before them goes to `joinNearPlaceHead`, which asks the head first and
/// sends the token on where the first test would have sent it without them.
///
/// **Names glued to a title** (place22): a foreign name whose first character ICU glued to a
/// title's last (秘书|长安|南, 国|王菲|利|普) is re-cut, title and name (`titleCrossing`,
/// `joinAcrossTitle`), asked from `join` for ICU's single characters of the alphabet only.
extension NameJoiner {
    /// Token `r + 1` is 省 or 州 alone (the caller has compared the character at `end`) and token
    /// `r` (`start..<end`) ends a foreign place's name: returns the write index where the name
    /// starts (`w` for one token, earlier for single characters already written), or nil.
    func foreignProvince(_ r: Int, _ w: Int, _ start: Int, _ end: Int, _ count: Int) -> Int? {
        guard Int(path[r + 1].end) == end + 1, path[r + 1].edge == Worker.Edge.base,
              !(path[r].edge >= 0 && isUser[Int(path[r].edge)]), !provinceBound(r + 2, count) else { return nil }
        if end - start >= 2 { return spellsForeignName(start, end) ? w : nil }
        return singlesAfterCountry(r, w, start)
    }

    /// Token `last + 1` is 省 or 州 alone, not before a character that makes a word with it, or
    /// 河 or 湖 alone, not before a character that makes a word or a compass point with it
    /// (`Provinces.riverBoundAfter`: 河|畔, 湖|南), or a foreign place's head (县, 岛, 湾 alone or
    /// 海峡, 半岛, 群岛 …, as `foreignPlace` takes them): returns `last + 1` (a transliteration run
    /// ending at token `last` takes the suffix or the head: 霍|姆|斯|省, 利|塔|尼|河,
    /// 乌|伦|古|湖, 托|里|尼|岛), else `last`. Asked only after a run the pass joins, so the head costs
    /// nothing elsewhere (河南, 湖北 and ICU's 河水 never reach it).
    func provinceAfterRun(_ last: Int, _ count: Int) -> Int {
        guard last + 1 < count, path[last + 1].edge == Worker.Edge.base else { return last }
        let next = range(last + 1)
        if next.count == 2 { return longPlaceSuffix(last + 1, count) ? last + 1 : last }  // 霍|尔|木|兹|海峡 (place20)
        guard next.count == 1 else { return last }
        let v = scalars[next.lowerBound]
        if v == Provinces.he || v == Provinces.hu { return riverBound(last + 2, count) ? last : last + 1 }  // 利|塔|尼|河 (names19c)
        if Provinces.placeHeads.contains(v) { return suffixBound(last + 2, count) ? last : last + 1 }  // 里|弗|赛|德|县 (place20)
        guard Provinces.levels.contains(v), !provinceBound(last + 2, count) else { return last }
        return last + 1
    }

    /// Token `r + 1` may be a foreign place's head (the caller has seen its first character: 县
    /// or 岛 in `join`'s place rules, the others from `CompoundClasses.autonomy`) and token `r`
    /// (`start..<end`, ICU's or the lexicon's word, not a user's) spells a foreign name (`spellsForeignName`: 加沙, 比雷埃夫斯, 所罗门)
    /// that does not end in a level character (南昌市|湾) and is no everyday word of the alphabet
    /// (`Provinces.notPlaceStems`: 瓦斯|地带): returns `r + 1` when token `r + 1` is a foreign
    /// place's head (县, 岛 or 湾 alone, not before a character that makes a word with it;
    /// 海峡, 半岛, 群岛, 高原, 盆地, 运河 or 地带, not before 电视台), else nil (place20).
    func foreignPlace(_ r: Int, _ start: Int, _ end: Int, _ count: Int) -> Int? {
        guard end - start >= 2 else { return nil }
        // The head first: most tokens sent here stand before 地区, 群众, 高质量 ….
        let headLength = Int(path[r + 1].end) - end
        if headLength == 2 {
            guard longPlaceSuffix(r + 1, count) else { return nil }
        } else {
            guard headLength == 1, path[r + 1].edge == Worker.Edge.base, Provinces.placeHeads.contains(scalars[end]),
                  !suffixBound(r + 2, count) else { return nil }
        }
        guard !(path[r].edge >= 0 && isUser[Int(path[r].edge)]), spellsForeignName(start, end),
              !Names.parentSuffixes.contains(scalars[end - 1]), !Provinces.notPlaceStems.contains(key(start, end)) else { return nil }
        return r + 1
    }

    /// Where a transliteration run at `start` (write index `w`) joins from: 代 or 别 before it
    /// (`transliterationStart`), or, when it has taken a place's suffix or head (`headed`), 圣
    /// alone before it (圣|托|里|尼|岛 → 圣托里尼岛).
    ///
    /// Else, a single character after a title, when the run ends before punctuation, a
    /// function character or a cue (`titledSingleBefore`: 总理|鲍|里|索|夫|在 → 鲍里索夫).
    @inline(__always)
    func runStart(_ w: Int, _ start: Int, headed: Bool, last: Int, _ count: Int) -> Int {
        let from = transliterationStart(w, start)
        if from != w { return from }
        return headed ? saintBefore(w, start) : titledSingleBefore(w, start, last, count)
    }

    /// The write index of the single character before `start` when it begins a foreign name
    /// whose run starts at `start` and ends at token `last`: ICU's character (no character
    /// names avoid: 和, 在, 对 …; no preposition of company: 同, 跟), after a title or role
    /// (`Names.titles`: 总理, 总统, 主席), and the run before punctuation, the end, a function
    /// character (`Laws.afterRareEnd`) or a cue (`Names.afterWords`): 总理|英|格|利|希|在 →
    /// 英格利希, 总理|鲍|里|索|夫|表示 → 鲍里索夫 (place20). Else `w`.
    private func titledSingleBefore(_ w: Int, _ start: Int, _ last: Int, _ count: Int) -> Int {
        guard w >= 2, start >= 3, path[w - 1].edge == Worker.Edge.base, Int(path[w - 2].end) == start - 1 else { return w }
        let v = scalars[start - 1]
        guard ScalarClass.isHan(v), !has(v, CharacterClasses.notInNames), !Names.afterNameSingles.contains(v),
              !Provinces.notBeforeTitledRun.contains(v),
              path[w - 2].edge != Worker.Edge.remainder, start - 1 - (w >= 3 ? Int(path[w - 3].end) : 0) >= 2,
              Names.titles.contains(key(start - 3, start - 1)) else { return w }
        guard last + 1 < count else { return w - 1 }
        let next = range(last + 1)
        let n = scalars[next.lowerBound]
        if ScalarClass.kind(of: n) == .punctuation || (next.count == 1 && Laws.afterRareEnd.contains(n)) { return w - 1 }
        return next.count <= 3 && Names.afterWords.contains(key(next.lowerBound, next.upperBound)) ? w - 1 : w
    }

    /// Token `r` (ICU's single character of the transliteration alphabet, at `start`) begins
    /// a foreign name whose first character ICU glued to a title's last character (秘书|长安|南,
    /// 国防部|长达|契|奇, 国|王菲|利|普; place22): the written tokens end with the title's first
    /// characters and ICU's word of two characters whose second is of the alphabet, its first
    /// ending the title (`Names.titles` or `Provinces.crossedTitles`: 书长, 部长, 州长, 言人, 国王,
    /// 议长). The run is `r` through `last` (a run the pass joined: 契|奇) or, when `last` is
    /// nil, ICU's tokens of the alphabet from `r` (up to three characters each: 长达|菲). Returns
    /// the run's last token unless a single Han character that is no function character
    /// follows it (the name may go on: 国防部|长达|赫|甘), else nil. The caller re-cuts with
    /// `joinAcrossTitle` (秘书长|安南, 国防部长|达契奇, 国王|菲利普).
    func titleCrossing(_ r: Int, _ w: Int, _ start: Int, last: Int?, _ count: Int) -> Int? {
        guard w >= 2, start >= 3, path[w - 1].edge == Worker.Edge.base, Int(path[w - 2].end) == start - 2,
              has(scalars[start - 1], CharacterClasses.transliteration), ScalarClass.isHan(scalars[start - 3]),
              !(path[w - 2].edge >= 0 && isUser[Int(path[w - 2].edge)]) else { return nil }  // a user's word is never cut
        let title = key(start - 3, start - 1)
        guard Names.titles.contains(title) || Provinces.crossedTitles.contains(title) else { return nil }
        var j = r
        if let last { j = last + 1 } else {
            while j < count && path[j].edge == Worker.Edge.base {
                let t = range(j)
                guard t.count <= 3, t.allSatisfy({ has(scalars[$0], CharacterClasses.transliteration) }) else { break }
                j += 1
            }
            guard j > r else { return nil }
        }
        guard j < count else { return j - 1 }
        let next = range(j)
        let n = scalars[next.lowerBound]
        return next.count == 1 && ScalarClass.isHan(n) && !Names.afterModelName.contains(n) ? nil : j - 1
    }

    /// Re-cuts the title and the name that `titleCrossing` found (the run `r` through `last`):
    /// the title takes the glued word's first character (秘书 → 秘书长) and the name its second
    /// (安 + 南 → 安南). A title of two characters that the word before it ends with its first
    /// (外长, 议长 of `Provinces.splitTitles`: 国外|长安|普埃罗, 会议|长沙|希|德) is cut from
    /// that word (国|外长|安普埃罗, 会|议长|沙希德).
    mutating func joinAcrossTitle(through last: Int, _ r: inout Int, _ w: inout Int, _ start: inout Int) {
        let titleStart = w >= 3 ? Int(path[w - 3].end) : 0
        if start - 2 - titleStart >= 2 && Provinces.splitTitles.contains(key(start - 3, start - 1)) {
            path[w - 2] = Worker.PathStep(end: Int32(start - 3), edge: Worker.Edge.joined)
            path[w - 1] = Worker.PathStep(end: Int32(start - 1), edge: Worker.Edge.joined)
            joinTokens(from: w, through: last, &r, &w, &start)
            return
        }
        path[w - 2] = Worker.PathStep(end: Int32(start - 1), edge: Worker.Edge.joined)
        joinTokens(from: w - 1, through: last, &r, &w, &start)
    }

    /// The write index of 圣 when the written token before `start` is 圣 alone (ICU's
    /// character: 圣|马丁|岛, 圣|贝纳迪诺|县), else `w`: a saint's name begins the place.
    func saintBefore(_ w: Int, _ start: Int) -> Int {
        guard w >= 1, start >= 1, scalars[start - 1] == Provinces.saint, path[w - 1].edge == Worker.Edge.base,
              w == 1 || Int(path[w - 2].end) == start - 1 else { return w }
        return w - 1
    }

    /// Is token `i` (unread, two characters) 海峡, 半岛, 群岛, 高原, 盆地, 运河 or 地带 (ICU's or
    /// the lexicon's word, not a user's), not before a word it begins a name with (半岛|电视台)?
    private func longPlaceSuffix(_ i: Int, _ count: Int) -> Bool {
        let r = range(i)
        guard r.count == 2, Provinces.longPlaceHeads.contains(key(r.lowerBound, r.upperBound)) else { return false }
        let edge = path[i].edge
        guard edge == Worker.Edge.base || (edge >= 0 && !isUser[Int(edge)]) else { return false }
        guard i + 1 < count else { return true }
        let after = range(i + 1)
        return !(after.count <= 3 && Provinces.notAfterLongHeads.contains(key(after.lowerBound, after.upperBound)))
    }

    /// Is token `i` (unread) a single character that makes a word with 县, 岛 or 湾 before it
    /// (`Provinces.placeHeadBoundAfter`: 县|城, 岛|国, 湾|区)?
    @inline(__always)
    private func suffixBound(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return false }
        let r = range(i)
        return r.count == 1 && Provinces.placeHeadBoundAfter.contains(scalars[r.lowerBound])
    }

    /// Is token `i` (unread) a single character that makes a word or a compass point with 河
    /// or 湖 before it (`Provinces.riverBoundAfter`)?
    @inline(__always)
    private func riverBound(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return false }
        let r = range(i)
        return r.count == 1 && Provinces.riverBoundAfter.contains(scalars[r.lowerBound])
    }

    /// Does `start..<end` (two characters or more) spell a foreign name: two characters of the
    /// alphabet, or three or more Han characters with at most one outside the alphabet and its
    /// rarer part?
    private func spellsForeignName(_ start: Int, _ end: Int) -> Bool {
        var outside = 0
        for p in start..<end {
            let v = scalars[p]
            guard ScalarClass.isHan(v) else { return false }
            if has(v, CharacterClasses.transliteration) { continue }
            if end - start == 2 { return false }
            if compoundClasses[Int(min(v, 0xFFFF))] & CompoundClasses.rareTransliteration != 0 { continue }
            outside += 1
            if outside > 1 { return false }
        }
        return true
    }

    /// Token `r` (at `start`) is one of ICU's single characters, and one to three more are
    /// written right before it after a country's name (`Laws.countries`) or a compass word
    /// (`Provinces.compassWords`): returns the write index of the first single character, or
    /// nil. None is a character names or places avoid.
    private func singlesAfterCountry(_ r: Int, _ w: Int, _ start: Int) -> Int? {
        guard path[r].edge == Worker.Edge.base, placeCharacter(start) else { return nil }
        var from = w
        var s = start
        while from >= 1 && start - s < 3 {
            let before = from >= 2 ? Int(path[from - 2].end) : 0
            guard Int(path[from - 1].end) == s, s - before == 1, path[from - 1].edge == Worker.Edge.base,
                  placeCharacter(before) else { break }
            from -= 1
            s = before
        }
        guard from < w, from >= 1 else { return nil }
        let cueStart = from >= 2 ? Int(path[from - 2].end) : 0
        guard path[from - 1].edge != Worker.Edge.remainder else { return nil }
        let cue = s - cueStart
        if (2...4).contains(cue) && Laws.countries.contains(Laws.longKey(scalars, cueStart, s)) { return from }
        return (2...3).contains(cue) && Provinces.compassWords.contains(key(cueStart, s)) ? from : nil
    }

    /// Is the character at `p` a Han character that names and places do not avoid?
    @inline(__always)
    private func placeCharacter(_ p: Int) -> Bool {
        let v = scalars[p]
        return ScalarClass.isHan(v) && !has(v, CharacterClasses.notInNames) && !Names.notInPlaces.contains(v)
            && !Provinces.notInForeignPlaces.contains(v)
    }

    /// Is token `i` (unread) a single character that makes a word with 省 or 州 before it?
    @inline(__always)
    private func provinceBound(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return false }
        let r = range(i)
        return r.count == 1 && Provinces.boundAfter.contains(scalars[r.lowerBound])
    }
}

/// The tables of `Worker+Provinces.swift`: common words.
enum Provinces {
    /// 省 and 州, the suffixes of foreign first-level divisions.
    static let levelCharacters = "省州"
    /// The same as a set.
    static let levels = ScalarSet(levelCharacters)
    /// 省 and 州 as scalars, compared at `join`'s call site (no table).
    static let sheng: UInt32 = 0x7701
    static let zhou: UInt32 = 0x5DDE
    /// Characters that make a word with 省 or 州 before them (省长, 州长, 省会, 省份, 省级, 省委,
    /// 州立, 省界, 州际, 州府; 省督 of 巴勒莫|省|督, a prefect).
    static let boundAfter = ScalarSet("长会份级委立界际府督")
    /// Compass words before a place (也门|北部|焦|夫|省).
    static let compassWords = SortedKeys(["北部", "南部", "东部", "西部", "中部", "西北部", "东北部", "西南部", "东南部"].map(ICURepairs.key))
    /// Single characters of counting and quantity, which no foreign place's name begins or
    /// holds as one of ICU's single characters (美国|多|个|州, 全国|几|个|省).
    static let notInForeignPlaces = ScalarSet("个多几两全强大小")
    /// 河 and 湖, the heads of rivers and lakes a transliteration run takes (names19c), as
    /// scalars compared after the run.
    static let he: UInt32 = 0x6CB3
    static let hu: UInt32 = 0x6E56
    /// Characters that make a word or a compass point with 河 or 湖 before them (河畔, 河道,
    /// 河口, 河谷, 湖泊, 湖区; 河南, 湖北 …): the head is not taken before them.
    static let riverBoundAfter = ScalarSet("东南西北畔边岸道流水床段口谷堤泊区心面")
    /// 县, 岛 and 湾, the one-character heads a foreign name takes (里弗赛德|县, 萨哈林|岛, 芬兰|湾;
    /// place20). Not 港: a city's port is the city and 港 (比雷埃夫斯|港, as the held-out sets
    /// write it), and a city whose name ends in 港 cannot be told from it by its form.
    static let placeHeads = ScalarSet("县岛湾")
    /// Characters that make a word with 县, 岛 or 湾 before them (县城, 县委, 县级, 岛国, 岛链,
    /// 湾区): the head is not taken before them.
    static let placeHeadBoundAfter = ScalarSet("长委级域城市区乡镇政志屿国链礁")
    /// The two-character heads a foreign name takes (加沙|地带, 所罗门|群岛, 霍尔木兹|海峡; place20).
    static let longPlaceHeads = SortedKeys(["海峡", "半岛", "群岛", "高原", "盆地", "运河", "地带"].map(ICURepairs.key))
    /// The first characters of `placeHeads` and `longPlaceHeads` that are no place suffix (县
    /// and 岛 are), marked `CompoundClasses.autonomy` for the names pass's first test.
    static let placeHeadFirsts = "湾海半群高盆运地"
    /// Prepositions and verbs of company that stand between a title and a name (主席|同|迪亚斯,
    /// 总统|偕|夫人): no first character of a name after a title (`titledSingleBefore`).
    static let notBeforeTitledRun = ScalarSet("同跟给请让叫致邀派携偕陪")
    /// Titles and roles before a foreign name whose last character ICU glues to the name's
    /// first (国|王菲|利|普, 会议|长沙|希|德, 领导|人马|沙|尔), as keys of their last two
    /// characters, beside `Names.titles` (`titleCrossing`; place22, read on the corpus).
    static let crossedTitles = SortedKeys(["国王", "女王", "议长", "外长", "导人", "首相", "总督"].map(ICURepairs.key))
    /// The titles of `crossedTitles` whose first character ICU reads as the last of a word
    /// before them (国外|长, 会议|长): `joinAcrossTitle` cuts the title from that word.
    static let splitTitles = SortedKeys(["外长", "议长"].map(ICURepairs.key))
    /// 圣, which begins a place named after a saint (圣马丁岛).
    static let saint: UInt32 = 0x5723
    /// Is `v` 县 or 岛, the heads of `placeHeads` that are place suffixes (asked in `join`'s
    /// place rules; the others are asked before them, from `CompoundClasses.autonomy`)? Two
    /// comparisons.
    @inline(__always)
    static func isPlaceSuffixHead(_ v: UInt32) -> Bool { v == 0x53BF || v == 0x5C9B }
    /// Words after a two-character head that make a name of it (卡塔尔|半岛|电视台, Al Jazeera).
    static let notAfterLongHeads = SortedKeys(["电视台", "电视", "台"].map(ICURepairs.key))
    /// Everyday words spelled with the transliteration alphabet, which take no place head
    /// (瓦斯|地带, 福泽|高原), read on the corpus.
    static let notPlaceStems = SortedKeys(["瓦斯", "福泽"].map(ICURepairs.key))
}
