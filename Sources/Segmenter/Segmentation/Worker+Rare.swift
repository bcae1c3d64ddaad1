/// The rarer transliteration alphabet (`NameJoiner.transliterationRun`): characters that spell
/// foreign names too (多 of 别尔德穆哈梅多夫, 法 of 布基纳法索, 武 of 恰武什奥卢, 痕 of 布痕瓦尔德)
/// but stand alone in Chinese text often enough that a run of them alone is no name. One of
/// them is taken only *inside* a run of the alphabet: as one of ICU's single characters, after
/// a piece of the alphabet and before another, never two in a row, never first or last, and the
/// run holds three characters of the alphabet itself besides (斯|特|法|诺维奇 → 斯特法诺维奇,
/// 梅津|采|夫 → 梅津采夫, 德|累|斯顿 → 德累斯顿; not 伊朗|东|阿塞拜疆, whose 东 is no member).
extension NameJoiner {
    /// Is token `j` (unread) one ICU character of the rarer alphabet inside a run: after
    /// `after` characters of the run (one at least, the last not a rarer one) and before a
    /// piece of the alphabet itself (ICU's, of up to three characters)?
    func rareInside(_ j: Int, _ count: Int, after: Int) -> Bool {
        guard after >= 1, j + 1 < count, path[j].edge == Worker.Edge.base else { return false }
        let r = range(j)
        guard r.count == 1, compoundClasses[Int(min(scalars[r.lowerBound], 0xFFFF))] & CompoundClasses.rareTransliteration != 0,
              !isRare(j - 1) else { return false }
        guard path[j + 1].edge < 0 else { return false }
        let next = range(j + 1)
        guard next.count <= 3 else { return false }
        for p in next where !has(scalars[p], CharacterClasses.transliteration) { return false }
        return true
    }

    /// Drops the tokens at the end of a run `i..<j` that holds a rarer character back to its
    /// last piece of the alphabet that is no preposition, postposition or unit (the run's other
    /// rules may have cut it just after a rarer character; 皮斯托|瑞|斯|因, 电|费|多|达|约), counting
    /// them off `singles`, `characters` and `rare`; returns the new end.
    func withoutRareEnd(_ i: Int, _ j: Int, _ singles: inout Int, _ characters: inout Int, _ rare: inout Int) -> Int {
        var j = j
        while j > i {
            if isRare(j - 1) {
                rare -= 1
            } else {
                let r = range(j - 1)
                guard r.count == 1, Names.boundTransliterationSingles.contains(scalars[r.lowerBound]) else { break }
            }
            j -= 1
            singles -= 1
            characters -= 1
        }
        return j
    }

    /// Is token `j` one ICU character of the rarer alphabet that is not of the alphabet itself?
    @inline(__always)
    private func isRare(_ j: Int) -> Bool {
        guard j >= 0 else { return false }
        let r = range(j)
        guard r.count == 1 else { return false }
        let v = scalars[r.lowerBound]
        return compoundClasses[Int(min(v, 0xFFFF))] & CompoundClasses.rareTransliteration != 0
            && !has(v, CharacterClasses.transliteration)
    }
}

extension NameJoiner {
    /// Are the given name's tokens after `i` (a surname; `tokens` in all with the given name's
    /// two single characters or one ICU word) all of the transliteration alphabet, and is the
    /// token after them a piece of it too (总统|马|塔|雷|拉, 总统|穆|沙|拉|夫, 总统|穆|沙拉|夫)? Then they begin a
    /// foreign name, which the transliteration rule joins, not a Chinese one.
    func foreignRunGoesOn(_ i: Int, tokens: Int, _ count: Int) -> Bool {
        guard i + tokens < count, path[i + tokens].edge < 0 else { return false }
        let next = range(i + tokens)
        guard next.count <= 3 else { return false }
        // The surname may be outside the alphabet (总统|魏|茨|泽|克).
        for p in range(i + 1).lowerBound..<next.upperBound where !has(scalars[p], CharacterClasses.transliteration) { return false }
        return !(next.count == 1 && Names.boundTransliterationSingles.contains(scalars[next.lowerBound]))
    }
}

extension NameJoiner {
    /// Token `r` (`start..<end`) and the written token before it are two of ICU's single
    /// characters, and token `r + 1` is 县 alone: a county named with no province or city before
    /// it (鄱|阳|县 → 鄱阳县, 澜|沧|县 → 澜沧县, 兵|库|县). Returns the write index of the first
    /// character, or nil. Not when a single character precedes them (聂|拉|木|县: the name is
    /// longer), when either is a character names and places avoid (a particle, numeral,
    /// determiner or level character), nor a ranking or qualifier of counties (产|粮|大|县,
    /// 省|直|管|县, 重|灾|县: `Names.notLoneCountyBodies`), nor before a level word's end (县|级).
    func lonePlace(_ r: Int, _ w: Int, _ start: Int, _ end: Int, _ count: Int) -> Int? {
        guard end - start == 1, scalars[end] == Names.county, Int(path[r + 1].end) == end + 1,
              path[r + 1].edge == Worker.Edge.base, path[r].edge == Worker.Edge.base else { return nil }
        guard w >= 1, start >= 1 else { return oneCharacterCounty(r, w, start, count) }  // 沛|县 opening the text (`Worker+Bare.swift`)
        if (w == 1 ? start == 1 : Int(path[w - 2].end) == start - 1), Names.beforeLoneCountySingles.contains(scalars[start - 1]) {  // 在|沛|县
            return oneCharacterCounty(r, w, start, count)
        }
        // One character after a place (甘肃|岷|县: `Worker+Terms.swift`).
        guard path[w - 1].edge == Worker.Edge.base, w == 1 || Int(path[w - 2].end) == start - 1 else {
            return oneCharacterCounty(r, w, start, count)
        }
        // The token before the pair: none, or not one Han character.
        if w >= 2 {
            let s = w >= 3 ? Int(path[w - 3].end) : 0
            if start - 1 - s == 1 && ScalarClass.isHan(scalars[s]) { return nil }
        }
        for p in (start - 1)...start {
            let v = scalars[p]
            if !ScalarClass.isHan(v) || has(v, CharacterClasses.notInNames) || Names.notInPlaces.contains(v)
                || Names.notInAutonomousBodies.contains(v) || Names.notLoneCountyBodies.contains(v) { return nil }
        }
        if Names.notPlaceBodyEnds.contains(scalars[start]) { return nil }
        if r + 2 < count {
            let after = range(r + 2)
            if after.count == 1 && Names.levelWordEnds.contains(scalars[after.lowerBound]) { return nil }
        }
        return w - 1
    }
}

extension NameJoiner {
    /// Are the `tokens` tokens from `i` three single characters that end in 里 or 内 between a
    /// preposition of place (把, 在, 从, 往, 到, 进, 向, 于) and 的, punctuation or the end: a noun
    /// and its postposition (把|祖|林|里|的 "in the ancestral grove"), not a foreign name?
    func locativeFrame(_ i: Int, _ tokens: Int, _ count: Int) -> Bool {
        guard tokens == 3 else { return false }
        let first = range(i).lowerBound
        let last = range(i + 2)
        guard last.count == 1, last.upperBound - first == 3, first >= 1,
              Names.postpositions.contains(scalars[last.lowerBound]),
              Names.placePrepositions.contains(scalars[first - 1]) else { return false }
        guard i + 3 < count else { return true }
        let after = range(i + 3)
        let v = scalars[after.lowerBound]
        return (after.count == 1 && v == Names.de) || ScalarClass.kind(of: v) == .punctuation
    }
}

extension NameJoiner {
    /// Token `r` (at `start`) is one of ICU's words of two characters that begins with a
    /// surname, and no other rule of the pass may start at it. Joins a person's name ICU
    /// glued across (局长|王国|强 → 王国强; 主|任何|立|峰 → 主任|何立峰), or copies the token;
    /// advances `r`, `w` and `start`.
    ///
    /// - A surname and a given-name character in one ICU word, then one more given-name
    ///   character alone, after a title and before punctuation, 和, 、, 等 or a cue
    ///   (副主任|韩文|秀|， → 韩文秀); not after a surname that is an everyday word (曾|经).
    /// - A title's last character glued to a surname (任何 after 主): the title gets it back
    ///   and the surname takes one given-name character before punctuation, 和, 、, 等 or a cue
    ///   (主任|何琳|、), or two (主任|何立峰).
    mutating func joinWordedName(_ r: inout Int, _ w: inout Int, _ start: inout Int, _ count: Int) {
        if let taken = compoundSurnameName(r, start, count) {  // 欧阳|建|华 (`Worker+Surnames.swift`)
            joinTokens(from: w, through: r + taken, &r, &w, &start)  // not remembered: found again anywhere
            return
        }
        guard r + 1 < count, givenCharacter(r + 1, count), ScalarClass.isHan(scalars[start + 1]),
              scalars[start] != Names.jun,  // 军 has the surnames' class only for 以|军 (`Worker+Bare.swift`)
              !Names.newCompoundSurnameFirst(scalars[start]) else {  // 令, 独 … only for 令狐, 独孤 (`Worker+Surnames.swift`)
            copyToken(&r, &w, &start)
            return
        }
        let closes = closesName(r + 2, count)
        // 主|任何: the written token before is one character that makes a title with the first.
        if w >= 1, start >= 1, has(scalars[start + 1], CharacterClasses.surname), !Names.everydayCompoundSurnameFirst(scalars[start + 1]),
           path[w - 1].edge == Worker.Edge.base, w == 1 || Int(path[w - 2].end) == start - 1,
           Names.titles.contains(key(start - 1, start + 1)) {
            let last = closes ? r + 1 : (givenCharacter(r + 2, count) ? r + 2 : -1)
            if last > 0 {
                path[w - 1] = Worker.PathStep(end: Int32(start + 1), edge: Worker.Edge.joined)
                let nameEnd = path[last].end
                found.append(key(start + 1, Int(nameEnd)))
                w = emit(w, end: nameEnd)
                start = Int(nameEnd)
                r = last + 1
                return
            }
        }
        // 局长|王国|强: a name of three characters.
        if closes, !has(scalars[start + 1], CharacterClasses.notInNames),
           !Names.ambiguousSurnames.contains(scalars[start]), precededByCue(w, start) {
            joinTokens(from: w, through: r + 1, &r, &w, &start)
            return
        }
        copyToken(&r, &w, &start)
    }

    /// Does token `i` (unread) close a name: punctuation or the end, 和, 、 or 等, or a cue
    /// (a title, a verb of saying)?
    private func closesName(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return true }
        let r = range(i)
        if r.count == 1 && Names.afterNameSingles.contains(scalars[r.lowerBound]) { return true }
        return endsClause(i, count) || followedByCue(i, count)
    }
}

extension NameJoiner {
    /// Is token `j` (unread) 、 before another name of single characters, a surname and a
    /// given-name character (王|洪|文|、|张|春|桥|、): the first name of a list, which the list
    /// mark after a joined name then carries on?
    func listGoesOn(_ j: Int, _ count: Int) -> Bool {
        guard j + 2 < count, path[j].edge == Worker.Edge.base else { return false }
        let mark = range(j)
        guard mark.count == 1, scalars[mark.lowerBound] == 0x3001 else { return false }
        let next = range(j + 1)
        return next.count == 1 && path[j + 1].edge < 0 && has(scalars[next.lowerBound], CharacterClasses.surname)
            && !Names.everydayCompoundSurnameFirst(scalars[next.lowerBound]) && givenCharacter(j + 2, count)  // 、|东 (names19c)
    }
}

extension Names {
    /// Single characters after a name that close it (王国强和…, 韩文秀、…).
    static let afterNameSingles = ScalarSet("和与及、等")
    /// 里 and 内, which end a noun of place as postpositions (`NameJoiner.locativeFrame`).
    static let postpositions = ScalarSet("里内")
    /// Prepositions of place before a noun and its postposition (把|祖|林|里, 在|…|里).
    static let placePrepositions = ScalarSet("把在从往到进向于")
    /// 的.
    static let de: UInt32 = 0x7684
    /// 县.
    static let county: UInt32 = 0x53BF
    /// Characters of rankings and qualifiers of counties, which no county named alone holds
    /// (省|直|管|县, 重|灾|县, 强|县, 穷|县, 特|困|县, 小|县).
    static let notLoneCountyBodies = ScalarSet("直管灾强穷困贫富弱小示范点")

    /// The rarer transliteration alphabet: characters found on the corpus (`politics.jsonl`)
    /// as ICU's single characters between two pieces of the alphabet, twice or more, and read
    /// there as part of a foreign name every time (霍贾穆哈梅|多|夫, 斯|特|法|诺维奇,
    /// 马特维|延|科, 恰|武|什奥卢, 阿尔茨|海|默, 阿勒坦|呼|雅|格, 梅津|采|夫, 克利姆|别|托夫,
    /// 额|勒贝格|道|尔|吉, 阿布杜扎|依|尔, 额|尔|登|巴特, 格里|包|斯凯特, 伊|谢|克舍夫, 皮斯托|瑞|斯,
    /// 德|累|斯顿, 厄|立|特里亚, 加|季|洛夫, 额|济|纳, 基|孔|肯雅热, 格里|先|科, 姆|纳|察|卡尼扬,
    /// 布|痕|瓦尔德, 达卡沙|迦|拉, 克里斯|滕|森, 萨|金|巴耶夫, 腾|格里, 乌|力|格尔,
    /// 施泰因布|吕|克, 巴|音|布鲁克, 莫斯科|伏|努科沃, 比斯卡|廖|夫, 巴|甫|洛达尔,
    /// 扎泽尔|果|德). Left out although found so: function characters and prepositions (和, 的,
    /// 与, 在, 对, 就, 为, 将, 同, 及, 从, 向, 以), level characters (省, 州, 县, 市, 乡), verbs
    /// and words that also stand between two names (称, 驻, 是, 至, 到, 让, 开, 爱, 代), and
    /// characters read there outside names as often (东, 文, 江, 雪, 铁, 新, 都, 那, 万, 日).
    static let rareTransliteration = "多法延武海呼采别道依登包谢瑞累立季额孔先察痕迦滕金腾力吕音陀伏廖甫果"
}
