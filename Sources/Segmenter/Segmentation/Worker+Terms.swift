/// Names and terms the names pass (`NameJoiner`, `Worker+Names.swift`) joins from a cue in the
/// token before them or a head after them (twelfth session, issue 17 §3):
///
/// - **Laws and regulations named without book-title marks**: a dictionary term of three
///   characters or more and 法 alone (医疗保障|法 → 医疗保障法, 社会救助|法), or of four or more and
///   条例 (公平竞争审查|条例). Not when 法 begins a transliteration (科学家|法|克里扎德, 发言人|法|希:
///   a token beginning with a character of the alphabet follows) or a word ICU left in pieces
///   (资产阶级|法|权).
/// - **A country's name + 城, 港 or 岛**: one place (科威特|城 → 科威特城, 吉布提|港, 西班牙|港),
///   unless a single character follows that makes a word of the last one (阿根廷|城|铁).
/// - **A capital after 首都 or 首府**: two of ICU's single characters of a name's classes (朱|巴 →
///   朱巴, 苏|瓦 → 苏瓦), before punctuation, a function character or a word; none a character
///   names avoid (首都|亚|的|…, 首都|萨|那).
/// - **A foreign name of two characters after a title or a country**: two of ICU's single
///   characters of the transliteration alphabet, before punctuation, a function character or a
///   cue (总理|菲|佐|在 → 菲佐).
/// - **A rarer character closing a run** of the transliteration alphabet, before punctuation or a
///   function character (阿泽维|多|在 → 阿泽维多; `Names.rareTransliteration`, `NameJoiner.transliterationRun`).
/// - **A county named by one character** after its province or city (甘肃|岷|县 → 岷县).
///
/// Like the pass's other rules they join whole tokens that are not a user's word, and run only
/// for the tokens that the pass's first test lets through: a term before 法 or 条 (the class
/// `CharacterClasses.compoundHead`), a token before 城/港/岛 or 县 (`CompoundClasses.placeSuffix`),
/// a single character of a surname or the alphabet; each rule's first test is one comparison.
extension NameJoiner {
    /// Is token `j` (unread) one ICU character of the rarer alphabet (`Names.rareTransliteration`)
    /// that closes a run of the alphabet: after `after` characters of the alphabet itself (three
    /// at least, the last not a rarer one) and before punctuation, the end, or a function
    /// character (的, 在, 和, 、 …: `Laws.afterRareEnd`)? (奥斯瓦尔|多|在 → 奥斯瓦尔多, 努库阿洛|法|的 →
    /// 努库阿洛法; not 电|费|多|达.)
    func rareCloses(_ j: Int, _ count: Int, after: Int) -> Bool {
        guard after >= 3, j >= 1, path[j].edge == Worker.Edge.base else { return false }
        let r = range(j)
        guard r.count == 1, compoundClasses[Int(min(scalars[r.lowerBound], 0xFFFF))] & CompoundClasses.rareTransliteration != 0 else { return false }
        let before = range(j - 1)
        guard before.count > 1 || compoundClasses[Int(min(scalars[before.lowerBound], 0xFFFF))] & CompoundClasses.rareTransliteration == 0
                || has(scalars[before.lowerBound], CharacterClasses.transliteration) else { return false }
        guard j + 1 < count else { return true }
        let next = range(j + 1)
        let v = scalars[next.lowerBound]
        return ScalarClass.kind(of: v) == .punctuation || (next.count == 1 && Laws.afterRareEnd.contains(v))
    }

    /// Token `r` (at `start`) and token `r + 1` are two of ICU's single characters of the
    /// transliteration alphabet after a title or a country's name (the last written token),
    /// before punctuation, the end, a function character (`Laws.afterRareEnd`) or a cue: a
    /// foreign name of two characters (斯洛伐克|总理|菲|佐|在 → 菲佐). Returns `r + 1`, or nil. Neither
    /// is a character that is also a preposition, postposition or unit (加, 西, 南, 内 …) or one
    /// that names avoid.
    func shortForeignName(_ r: Int, _ w: Int, _ start: Int, _ count: Int) -> Int? {
        guard w >= 1, r + 1 < count, has(scalars[start + 1], CharacterClasses.transliteration), Int(path[r + 1].end) == start + 2,
              Int(path[w - 1].end) == start, path[r + 1].edge == Worker.Edge.base else { return nil }
        let v1 = scalars[start], v2 = scalars[start + 1]
        guard
              !Names.boundTransliterationSingles.contains(v1), !Names.boundTransliterationSingles.contains(v2),
              !has(v1, CharacterClasses.notInNames), !has(v2, CharacterClasses.notInNames) else { return nil }
        let writtenStart = w >= 2 ? Int(path[w - 2].end) : 0
        guard start - writtenStart >= 2, path[w - 1].edge != Worker.Edge.remainder,
              Names.titles.contains(key(start - 2, start)) || Laws.countries.contains(Laws.longKey(scalars, writtenStart, start))
        else { return nil }
        guard r + 2 < count else { return r + 1 }
        let after = range(r + 2)
        let v = scalars[after.lowerBound]
        if ScalarClass.kind(of: v) == .punctuation || followedByCue(r + 2, count) { return r + 1 }
        if after.count >= 2 && cityAfterCountry(r, writtenStart, start, count) { return r + 1 }  // 阿尔及利亚|奥|兰|举办 (`Worker+Bare.swift`)
        return after.count == 1 && Laws.afterRareEnd.contains(v) ? r + 1 : nil
    }

    /// Token `r` (at `start`) is one of ICU's single characters and token `r + 1` 县 alone (as
    /// `lonePlace`, its caller, has seen), right after a place with its own suffix or a
    /// province's short name (甘肃|岷|县 → 岷县, 庆阳市|宁|县, 安徽|歙|县): a county named by one
    /// character. Returns `w`, or nil. Not a character names or places avoid (辽宁|各|县,
    /// 全市|七|县), a ranking or qualifier of counties (强, 大, 贫, 老 …), nor before a level word's
    /// end (赣|县|区, 县|级).
    func oneCharacterCounty(_ r: Int, _ w: Int, _ start: Int, _ count: Int) -> Int? {
        let v = scalars[start]
        guard ScalarClass.isHan(v), !has(v, CharacterClasses.notInNames), !Names.notInPlaces.contains(v),
              !Names.notInAutonomousBodies.contains(v), !Names.notLoneCountyBodies.contains(v),
              !Names.notPlaceBodyEnds.contains(v), !Names.notGluedPlaceBodies.contains(v), placeParent(w) || countyOpens(w, start) else { return nil }
        if r + 2 < count {
            let after = range(r + 2)
            if after.count == 1 && Names.levelWordEnds.contains(scalars[after.lowerBound]) { return nil }
        }
        return w
    }

    /// Token `r` (`start..<end`) is a dictionary term and token `r + 1` the 法 or 条例 that makes it
    /// a law or a regulation (the caller has seen 法 or 条 after it): returns `r + 1`, or nil.
    func lawName(_ r: Int, _ start: Int, _ end: Int, _ count: Int) -> Int? {
        guard r + 1 < count, end - start >= 3,
              path[r].edge >= 0, !isUser[Int(path[r].edge)] else { return nil }
        for p in start..<end where !ScalarClass.isHan(scalars[p]) { return nil }
        let next = range(r + 1)
        if next.count == 1 {
            guard scalars[next.lowerBound] == Laws.law, path[r + 1].edge == Worker.Edge.base else { return nil }
            if r + 2 < count {
                let after = range(r + 2)
                let v = scalars[after.lowerBound]
                if has(v, CharacterClasses.transliteration) || (after.count == 1 && Laws.notAfterLaw.contains(v)) { return nil }
            }
            return r + 1
        }
        guard next.count == 2, end - start >= 4, key(next.lowerBound, next.upperBound) == Laws.regulations,
              !(path[r + 1].edge >= 0 && isUser[Int(path[r + 1].edge)]) else { return nil }
        return r + 1
    }

    /// Token `r` (a dictionary term of three characters or more, not a user's word) ends at
    /// `end`, and token `r + 1` (`end..<next`, not a remainder) follows it: returns the last token of a named plan or
    /// regulation they begin, or nil (issue 17 §3, fourteenth session). Either token `r + 1` is
    /// a plan's head of two words (乡村振兴|行动|方案, 数字经济|实施|意见: `Laws.planFirstHalves`
    /// and `planSecondHalves`, as two tokens or one), or it is a topic word (发展, 建设, 保护 …:
    /// `Laws.planTopics`) and the token after it is a plan's head (生态环境|保护|条例,
    /// 数字经济|发展|规划). A verb before a head (加快|编制|规划) is no topic word.
    func namedPlan(_ r: Int, _ end: Int, _ next: Int, _ count: Int) -> Int? {
        let start = r == 0 ? 0 : Int(path[r - 1].end)
        guard scalars[end - 1] != Laws.xing, key(start, end) != Laws.community else { return nil }
        if next - end == 4 {
            return planHalves(end) ? r + 1 : nil
        }
        guard next - end == 2 else { return nil }
        let head = key(end, next)
        if Laws.planFirstHalves.contains(head) { return planSecondHalf(r + 2, count) ? r + 2 : nil }
        guard Laws.planTopics.contains(head), r + 2 < count, !userOrRemainder(r + 2) else { return nil }
        let after = range(r + 2)
        if after.count == 2 {
            let k = key(after.lowerBound, after.upperBound)
            if Laws.planHeads.contains(k) { return planOutline(r + 2, k, count) }
            return Laws.planFirstHalves.contains(k) && planSecondHalf(r + 3, count) ? r + 3 : nil
        }
        return after.count == 4 && planHalves(after.lowerBound) ? r + 2 : nil
    }

    /// Token `r` (`start..<end`, two characters, sent by its last character:
    /// `CompoundClasses.viewEnd`) is a plan's head (规划, 纲要, 条例), and the written tokens
    /// before it are a topic word (发展, 建设, 保护, 促进) and a stem of one or two of ICU's words
    /// of two Han characters (生态|环境|保护|条例, 全国|农业|发展|纲要: issue 17 §3, fifteenth
    /// session, comp23; comp22's rule, asked from the rare head instead of the frequent stem).
    /// Returns the write index where the named plan begins, or nil; the caller joins through
    /// the head (and a 纲要 after 规划: `planOutline`). The stem needs a left end: the text's
    /// start, punctuation (《 included), a verb that issues or drafts a plan (制定, 印发 …:
    /// `Laws.planVerbs`), or 全国 or a place before it (`planPlace`), which the plan takes. With
    /// none (加强|城市|建设|规划, 和|社会|发展|规划) the tokens stay apart; no verb, adverb or
    /// determiner is a stem's word (`Laws.notStemWords`), and 法 after the head makes a law's
    /// name (国家|发展|规划|法) that this rule leaves alone.
    func headFirstPlan(_ r: Int, _ w: Int, _ start: Int, _ end: Int, _ count: Int) -> Int? {
        guard w >= 2, Laws.planHeads.contains(key(start, end)), !userOrRemainder(r), path[r].edge != Worker.Edge.joined else { return nil }
        // The topic word: written token w - 1, two characters, ending where the head begins.
        let topicStart = Int(path[w - 2].end)
        guard start - topicStart == 2, Laws.planTopics.contains(key(topicStart, start)), plainWord(w - 1) else { return nil }
        if r + 1 < count && Int(path[r + 1].end) == end + 1 && scalars[end] == Laws.law { return nil }
        // The stem: written token w - 2, two Han characters, and perhaps w - 3 before it.
        let stemStart = w >= 3 ? Int(path[w - 3].end) : 0
        guard stemWord(w - 2, stemStart, topicStart) else { return nil }
        if w >= 3 {
            let s = w >= 4 ? Int(path[w - 4].end) : 0
            if stemWord(w - 3, s, stemStart), let from = stemLeftEnd(w - 3, s) { return from }
        }
        return stemLeftEnd(w - 2, stemStart)
    }

    /// Token `r` (`start..<end`, two characters) is a plan's head (规划, 纲要, 条例; 规划 with a
    /// 纲要 after it: `planOutline`) that closes a title in book-title marks (》 or 〉 next), and
    /// the written tokens back to the opening mark (《 or 〈) are two to ten words of Han
    /// characters, none a user's word or a remainder, the title 24 characters at most
    /// (《|全国|经济|普查|条例|》, 《|中华人民共和国|技术|进出口|管理|条例|》, 《|国家|中长期|科学|和|技术|发展|规划|纲要|》:
    /// issue 17 §3, fifteenth session, comp24). The marks say where the name begins, which the
    /// stem rules must guess (`headFirstPlan`). Returns the write index of the title's first word
    /// and the last unread token of the head, or nil: not for one word before the head, mostly a
    /// short reference to a title written out before (《|总体|规划|》, 《|规划|纲要|》, 《|条例|》), nor a
    /// title with digits, quotes or brackets in it.
    func titledPlan(_ r: Int, _ w: Int, _ start: Int, _ end: Int, _ count: Int) -> (from: Int, last: Int)? {
        let head = key(start, end)
        guard w >= 2, Laws.planHeads.contains(head), !userOrRemainder(r) else { return nil }
        let last = planOutline(r, head, count)
        let close = Int(path[last].end)
        guard last + 1 < count, close < scalars.count else { return nil }
        let open: UInt32
        switch scalars[close] {
        case Laws.titleClose: open = Laws.titleOpen
        case Laws.innerTitleClose: open = Laws.innerTitleOpen
        default: return nil
        }
        var i = w - 1
        var s = start
        while i >= 0 && w - i <= 11 {
            let ts = i == 0 ? 0 : Int(path[i - 1].end)
            if s - ts == 1 && scalars[ts] == open { return i + 2 < w ? (i + 1, last) : nil }
            // A numbered period in quotes right after the opening mark (《|“|十四五|”|文化|和|旅游|发展|规划|》):
            // the name after it, two words or more, becomes the token; the marks and the period stay apart.
            if s - ts == 1 && scalars[ts] == Laws.quoteClose { return quotedPeriod(i, ts, open) && i + 2 < w ? (i + 1, last) : nil }
            guard close - ts <= 24, !userOrRemainder(i) else { return nil }
            for p in ts..<s where !ScalarClass.isHan(scalars[p]) { return nil }
            s = ts
            i -= 1
        }
        return nil
    }

    /// Is written token `i` (at `s`) the closing quote of a numbered period in quotes right
    /// after the opening mark `open` of a title (《“十四五”…, 〈“十三五”…: “, a period of three Han
    /// characters 十…五, ”; `titledPlan`)?
    private func quotedPeriod(_ i: Int, _ s: Int, _ open: UInt32) -> Bool {
        guard i >= 3, s >= 5, Int(path[i - 1].end) == s, Int(path[i - 2].end) == s - 3, Int(path[i - 3].end) == s - 4 else { return false }
        return scalars[s - 5] == open && scalars[s - 4] == Laws.quoteOpen && scalars[s - 3] == Laws.shi && scalars[s - 1] == Laws.wu
            && ScalarClass.isHan(scalars[s - 2]) && (i == 3 ? s == 5 : Int(path[i - 4].end) == s - 5)
    }

    /// Token `r` (`start..<end`, three characters, sent by its last character 区:
    /// `CompoundClasses.viewEnd`) is a pilot zone's head (示范区, 试验区, 先行区, 先导区:
    /// `Laws.zoneHeads`), and the written tokens before it are a stem of two to four words of
    /// Han characters (two to five each; ICU's or the dictionary's, not a user's; none of
    /// `Laws.notStemWords`, no verb of `Laws.zoneVerbs`, not 国家) after a left end: 国家 or 国家级,
    /// which the zone takes (国家|文物|保护|利用|示范区; not a group's 国家, 中|东欧|国家: `Laws.countryGroups`), or a verb that sets up a zone (建设, 创建, 打造
    /// …: 创建|全域|旅游|示范区). Returns the write index where the zone begins, or nil (issue 17 §3,
    /// fifteenth session, comp24). One word before the head (上合|示范区, 展示|示范区) and stems after
    /// punctuation (总结|推广|博鳌|零碳|示范区) stay as they are: their left end is unclear.
    func namedZone(_ r: Int, _ w: Int, _ start: Int, _ end: Int) -> Int? {
        guard w >= 3, Laws.zoneHeads.contains(key(start, end)), !userOrRemainder(r) else { return nil }
        var i = w - 1
        var s = start
        var words = 0
        while i >= 0 {
            let ts = i == 0 ? 0 : Int(path[i - 1].end)
            let k = s - ts <= 3 ? key(ts, s) : 0
            if words >= 2 {
                if (s - ts == 2 && k == Laws.nation) || (s - ts == 3 && k == Laws.nationLevel) {
                    // Not the 国家 of a group of countries (中|东欧|国家, 阿拉伯|国家).
                    if i >= 1 && s - ts == 2 {
                        let ps = i >= 2 ? Int(path[i - 2].end) : 0
                        if ts - ps <= 3 && Laws.countryGroups.contains(key(ps, ts)) { return nil }
                    }
                    return i
                }
                if s - ts == 2 && Laws.zoneVerbs.contains(k) { return i + 1 }
            }
            guard words < 4, (2...5).contains(s - ts), plainWord(i) else { return nil }
            for p in ts..<s where !ScalarClass.isHan(scalars[p]) { return nil }
            if s - ts == 2 && (k == Laws.nation || Laws.notStemWords.contains(k) || Laws.zoneVerbs.contains(k)) { return nil }
            words += 1
            s = ts
            i -= 1
        }
        return nil
    }

    /// Token `r` (`start..<end`, four characters or more) is a dictionary word, not a user's,
    /// that ends in a plan's head (规划, 纲要, 条例: 优化营商环境条例), and the written token
    /// before it a place the plan is of (`planPlace`: 辽宁省|优化营商环境条例). Returns the write
    /// index of the place, or nil. Sent by the head's last character (`CompoundClasses.viewEnd`).
    func placedPlan(_ r: Int, _ w: Int, _ start: Int, _ end: Int) -> Int? {
        guard plainWord(r), path[r].edge >= 0, Laws.planHeads.contains(key(end - 2, end)) else { return nil }
        let place = planPlace(w)
        return place < w ? place : nil
    }

    /// Is written token `i` (`s..<e`) a word of a plan's stem of ICU's words: two Han
    /// characters, an ICU word or a dictionary word not a user's, no topic word and none of
    /// `Laws.notStemWords`?
    private func stemWord(_ i: Int, _ s: Int, _ e: Int) -> Bool {
        guard e - s == 2, plainWord(i), ScalarClass.isHan(scalars[s]), ScalarClass.isHan(scalars[s + 1]) else { return false }
        let k = key(s, e)
        return !Laws.planTopics.contains(k) && !Laws.notStemWords.contains(k)
    }

    /// Is token `i` an ICU word or a dictionary word that is not a user's (not joined, not a
    /// remainder)?
    @inline(__always)
    func plainWord(_ i: Int) -> Bool {
        let edge = path[i].edge
        return edge == Worker.Edge.base || (edge >= 0 && !isUser[Int(edge)])
    }

    /// The write index where a plan whose stem begins at write index `w` (at `s`) begins, or
    /// nil when nothing before the stem ends it on the left (`headFirstPlan`).
    private func stemLeftEnd(_ w: Int, _ s: Int) -> Int? {
        guard w >= 1, s >= 1 else { return w }
        if ScalarClass.kind(of: scalars[s - 1]) == .punctuation { return w }
        let ps = w >= 2 ? Int(path[w - 2].end) : 0
        if s - ps == 2 {
            let k = key(ps, s)
            if k == Laws.nationwide { return w - 1 }
            if Laws.planVerbs.contains(k) { return w }
        }
        let place = planPlace(w)
        // Not a zone's name (河套深港科技创新合作区|深圳|园区|发展|规划: the zone stays whole).
        guard place < w, s - ps < 3 || !Laws.zoneEnds.contains(key(s - 3, s)) else { return nil }
        return place
    }

    /// Token `i` (unread) is a plan's head `head`: returns `i + 1` when it is 规划 and token
    /// `i + 1` 纲要 (社会信用体系建设|规划|纲要: one head), else `i`.
    func planOutline(_ i: Int, _ head: UInt64, _ count: Int) -> Int {
        guard head == Laws.plan, i + 1 < count, !userOrRemainder(i + 1) else { return i }
        let h = range(i + 1)
        return h.count == 2 && key(h.lowerBound, h.upperBound) == Laws.outline ? i + 1 : i
    }

    /// Are the four characters at `s` a plan's head of two words (行动方案, 实施意见)?
    @inline(__always)
    private func planHalves(_ s: Int) -> Bool {
        Laws.planFirstHalves.contains(key(s, s + 2)) && Laws.planSecondHalves.contains(key(s + 2, s + 4))
    }

    /// Is token `i` (unread) the second word of a plan's head (方案, 意见, 计划), not a user's word?
    @inline(__always)
    private func planSecondHalf(_ i: Int, _ count: Int) -> Bool {
        guard i < count, !userOrRemainder(i) else { return false }
        let h = range(i)
        return h.count == 2 && Laws.planSecondHalves.contains(key(h.lowerBound, h.upperBound))
    }

    /// Is token `i` (unread) a remainder or a user's word, which no rule joins?
    @inline(__always)
    private func userOrRemainder(_ i: Int) -> Bool {
        let edge = path[i].edge
        return edge == Worker.Edge.remainder || (edge >= 0 && isUser[Int(edge)])
    }

    /// The write index where a named plan or regulation starting at write index `w` begins:
    /// `w - 1` when the written token before it is a place that the plan is of — a province's
    /// short name, or a dictionary word or joined place of three characters or more ending in
    /// 省, 市, 县, 区 or 州 (浙江省|数字经济发展规划, 江苏|安全生产条例), not a determiner's or a
    /// level's (全省, 本市, 自治区: `Laws.notPlanPlaceFirsts`) —, else `w`.
    func planPlace(_ w: Int) -> Int {
        guard w >= 1 else { return w }
        let placeEnd = Int(path[w - 1].end)
        let placeStart = w >= 2 ? Int(path[w - 2].end) : 0
        let edge = path[w - 1].edge
        guard placeEnd - placeStart >= 2, edge != Worker.Edge.remainder, !(edge >= 0 && isUser[Int(edge)]),
              !Laws.notPlanPlaceFirsts.contains(scalars[placeStart]) else { return w }
        if placeEnd - placeStart >= 3 && (edge >= 0 || edge == Worker.Edge.joined)
            && Laws.planPlaceSuffixes.contains(scalars[placeEnd - 1]) { return w - 1 }
        return Names.provinces.contains(key(placeStart, placeEnd)) ? w - 1 : w
    }

    /// Token `r` (`start..<end`) is a country's name and token `r + 1` one of ICU's single
    /// characters 城, 港 or 岛 (the caller has seen `Laws.isCountryPlaceHead`): returns `r + 1`, or nil. Not when the token after is a single
    /// Han character other than a function character (阿根廷|城|铁: 城铁).
    func countryPlace(_ r: Int, _ start: Int, _ end: Int, _ count: Int) -> Int? {
        guard r + 1 < count, Int(path[r + 1].end) == end + 1,
              path[r + 1].edge == Worker.Edge.base, (2...4).contains(end - start),
              !(path[r].edge >= 0 && isUser[Int(path[r].edge)]),
              Laws.countries.contains(Laws.longKey(scalars, start, end)) else { return nil }
        if r + 2 < count {
            let after = range(r + 2)
            let v = scalars[after.lowerBound]
            if after.count == 1 && ScalarClass.isHan(v) && !Names.afterNameSingles.contains(v) && v != Names.de { return nil }
        }
        return r + 1
    }

    /// Token `r` (at `start`) is one of ICU's single characters after 首都 or 首府 (the last
    /// written token; the caller has seen 首 before it), and token `r + 1` another: a capital's name of two characters (首都|萨|那|，).
    /// Returns `r + 1`, or nil. Neither is a character names avoid; the token after is
    /// punctuation or the end, a function character (和, 、, 的, 在 …) or a word of two
    /// characters or more that does not begin with a character of the alphabet (the name would
    /// go on: 首都|亚|的|斯亚贝巴).
    func capitalName(_ r: Int, _ w: Int, _ start: Int, _ count: Int) -> Int? {
        guard start >= 2, w >= 1, r + 1 < count, Int(path[w - 1].end) == start,
              w == 1 || Int(path[w - 2].end) == start - 2,
              Laws.capitalCues.contains(key(start - 2, start)), givenCharacter(r + 1, count),
              !has(scalars[start], CharacterClasses.notInNames) else { return nil }
        guard r + 2 < count else { return r + 1 }
        let after = range(r + 2)
        let v = scalars[after.lowerBound]
        if ScalarClass.kind(of: v) == .punctuation { return r + 1 }
        if after.count == 1 { return Names.afterNameSingles.contains(v) || Laws.afterCapitalSingles.contains(v) ? r + 1 : nil }
        return ScalarClass.isHan(v) && !has(v, CharacterClasses.transliteration) ? r + 1 : nil
    }
}

/// The tables of `Worker+Terms.swift`'s rules: public facts and common words.
enum Laws {
    /// The heads of a named plan or regulation after which `NameJoiner.planPlace` takes a place
    /// before the term (规划, 纲要, 条例), and which follow a topic word (`namedPlan`).
    static let planHeads = SortedKeys(["规划", "纲要", "条例"].map(ICURepairs.key))
    /// The first words of a plan's head of two (行动方案, 实施方案, 实施意见, 行动计划); their first
    /// characters join `CharacterClasses.compoundHead`.
    static let planFirstHalves = SortedKeys(planFirstHalfWords.map(ICURepairs.key))
    /// `planFirstHalves` as written.
    static let planFirstHalfWords = ["行动", "实施"]
    /// The second words of a plan's head of two.
    static let planSecondHalves = SortedKeys(["方案", "意见", "计划"].map(ICURepairs.key))
    /// Topic words between a term and a plan's head (数字经济|发展|规划, 生态环境|保护|条例), as
    /// written; their first characters join `CharacterClasses.compoundHead`.
    static let planTopicWords = ["发展", "建设", "保护", "促进"]
    /// The first characters of `planHeadWords` that begin no other head of the names pass
    /// (发, 建, 保, 促, 行), after which `join` stops early when nothing else sent the token.
    static let planFirsts = ScalarSet("发建保促行")
    /// The keys of `planTopicWords`.
    static let planTopics = SortedKeys(planTopicWords.map(ICURepairs.key))
    /// The first words of `planFirstHalves` and the topic words, as written (their first
    /// characters join `CharacterClasses.compoundHead`).
    static let planHeadWords = planFirstHalfWords + planTopicWords
    /// 规划 and 纲要, which make one head (规划纲要).
    static let plan = ICURepairs.key("规划")
    /// 纲要.
    static let outline = ICURepairs.key("纲要")
    /// 性, the end of an adjective, which is no plan's stem (综合性|实施方案: of a longer name).
    static let xing: UInt32 = 0x6027
    /// 共同体, mostly the end of 命运共同体 ICU leaves in two (命运|共同体|行动|计划), no stem alone.
    static let community = ICURepairs.key("共同体")
    /// The last characters of the heads of `planHeads` (划, 要, 例), marked
    /// `CompoundClasses.viewEnd`: the first test sends a token of two characters ending in one
    /// to `NameJoiner.headFirstPlan`.
    static let planHeadLastCharacters = "划要例"
    /// Is `v` 规, 纲 or 条, the first character of a head of `planHeads`? Three comparisons
    /// (`NameJoiner.joinHead` asks it of the tokens of two characters `planHeadLastCharacters`
    /// sent on, 重要 and 计划 among them).
    @inline(__always)
    static func beginsPlanHead(_ v: UInt32) -> Bool { v == 0x89C4 || v == 0x7EB2 || v == 0x6761 }
    /// The heads of a zone's name (合作区, 示范区, 试验区 …), which a plan of ICU's ordinary words
    /// does not take before its stem as a place (`NameJoiner.headFirstPlan`).
    static let zoneEnds = SortedKeys(["合作区", "示范区", "试验区", "先行区", "先导区", "开发区", "实验区", "功能区"].map(ICURepairs.key))
    /// 全国, which a plan of ICU's ordinary words takes before its stem (全国农业发展纲要).
    static let nationwide = ICURepairs.key("全国")
    /// Verbs that issue, draft or carry out a plan, after which a stem of ICU's ordinary words
    /// begins (印发|生态|环境|保护|规划: `NameJoiner.headFirstPlan`).
    static let planVerbs = SortedKeys(planVerbWords.map(ICURepairs.key))
    /// `planVerbs` as written.
    static let planVerbWords = ["制定", "实施", "印发", "出台", "编制", "修订", "颁布", "发布", "审议", "通过",
                                "贯彻", "落实", "执行", "批准", "起草", "修改", "公布", "施行"]
    /// Words that are no part of a plan's stem of ICU's ordinary words: the verbs of
    /// `planVerbs`, other verbs and adverbs before a plan (发挥|国家|发展|规划, 坚持|保护|规划,
    /// 认真|落实 …) and determiners (各项, 有关).
    static let notStemWords = SortedKeys((planVerbWords + [
        "发挥", "实现", "适应", "坚持", "统筹", "抓好", "对接", "涵盖", "培育", "加强",
        "推进", "推动", "完善", "优化", "加快", "深化", "支持", "鼓励", "引导", "提供", "负责", "深入", "开展", "做好",
        "组织", "研究", "全面", "认真", "积极", "重点", "有关", "相关", "各项", "各类", "衔接", "服从", "符合", "纳入",
        "依据", "根据", "按照", "结合", "围绕", "服务", "融入", "对标", "参照", "依照", "遵循", "突出", "着力", "注重",
    ]).map(ICURepairs.key))
    /// Last characters of a place before a named plan (浙江省, 杭州市, 雄安新区, 恩施州).
    static let planPlaceSuffixes = ScalarSet("省市县区州")
    /// First characters of words ending like a place that are a determiner's, a level's or a
    /// kind's (全省, 本市, 各县, 自治区, 城市, 中心城区), which no plan is of.
    static let notPlanPlaceFirsts = ScalarSet("全各本该此每某其这那我贵自城都中市县省区地")

    /// 《 and 》, the book-title marks around a titled plan or regulation (`NameJoiner.titledPlan`).
    static let titleOpen: UInt32 = 0x300A
    /// 》.
    static let titleClose: UInt32 = 0x300B
    /// 〈 and 〉, the marks of a title inside a title (《国务院关于修改〈…条例〉的决定》).
    static let innerTitleOpen: UInt32 = 0x3008
    /// 〉.
    static let innerTitleClose: UInt32 = 0x3009
    /// “ and ”, the quotes around a numbered period in a title (《“十四五”…规划》: `NameJoiner.titledPlan`).
    static let quoteOpen: UInt32 = 0x201C
    /// ” (`quoteOpen`).
    static let quoteClose: UInt32 = 0x201D
    /// 十 and 五, the first and last characters of a numbered five-year period (十四五: `NameJoiner.titledPlan`).
    static let shi: UInt32 = 0x5341
    /// 五 (`shi`).
    static let wu: UInt32 = 0x4E94
    /// 区, the last character of a zone's head, marked `CompoundClasses.viewEnd` (`NameJoiner.namedZone`).
    static let qu: UInt32 = 0x533A
    /// The heads of a pilot zone's name of ICU's ordinary words (`NameJoiner.namedZone`).
    static let zoneHeads = SortedKeys(["示范区", "试验区", "先行区", "先导区"].map(ICURepairs.key))
    /// Verbs that set up a zone, after which its stem begins (创建|全域|旅游|示范区: `NameJoiner.namedZone`).
    static let zoneVerbs = SortedKeys(["建设", "创建", "打造", "建好", "争创", "获批", "入选", "建成", "推进", "设立",
                                       "批复", "命名"].map(ICURepairs.key))
    /// 国家, which a zone of ICU's ordinary words takes before its stem (国家|文物|保护|利用|示范区).
    static let nation = ICURepairs.key("国家")
    /// Words before 国家 that make it a group of countries, no zone's 国家 (中|东欧|国家: `NameJoiner.namedZone`).
    static let countryGroups = SortedKeys(["东欧", "中东欧", "西欧", "北欧", "南欧", "阿拉伯", "沿线", "周边", "成员", "友好",
                                           "西方", "发达", "发展中", "拉美", "非洲", "欧洲", "亚洲", "东盟", "中亚", "海湾"].map(ICURepairs.key))
    /// 国家级, the same.
    static let nationLevel = ICURepairs.key("国家级")
    /// 法, which names a law after a term.
    static let law: UInt32 = 0x6CD5
    /// 条, which begins 条例.
    static let tiao: UInt32 = 0x6761
    /// 首, which begins 首都 and 首府.
    static let shou: UInt32 = 0x9996
    /// 条例.
    static let regulations = ICURepairs.key("条例")
    /// The heads of `NameJoiner.lawName`, as written (their first characters join
    /// `CharacterClasses.compoundHead`, the pass's first test).
    static let headWords = ["法", "条例"]
    /// Single characters after 法 that make a word with it, which ICU left apart (法|权).
    static let notAfterLaw = ScalarSet("权人学官院师律治规典令")
    /// Is `v` 城, 港 or 岛, which make a place of a country's name before them (科威特城, 西班牙港)?
    /// Three comparisons (the names pass asks it of many tokens).
    @inline(__always)
    static func isCountryPlaceHead(_ v: UInt32) -> Bool { v == 0x57CE || v == 0x6E2F || v == 0x5C9B }
    /// The characters of `isCountryPlaceHead` (marked `CompoundClasses.placeSuffix`, the pass's
    /// first test for the token before them).
    static let countryPlaceHeadCharacters = "城港岛"
    /// 首都 and 首府, which announce a capital's name.
    static let capitalCues = SortedKeys(["首都", "首府"].map(ICURepairs.key))
    /// Function characters after a foreign name that let a rarer character close it.
    static let afterRareEnd = ScalarSet("的和与及、等在是将说称")
    /// Single characters after a capital's name that are no part of it (首都|萨|那|以|西).
    static let afterCapitalSingles = ScalarSet("的在是于以也将已到为")

    /// Countries' names of two to four characters (`longKey`), before 城, 港 or 岛.
    static let countries = SortedKeys((Names.countryNames + [
        "中国", "新加坡", "马来西亚",
        "巴基斯坦", "孟加拉国", "斯里兰卡", "巴拿马", "危地马拉", "伯利兹", "安道尔", "梵蒂冈",
        "吉布提", "摩纳哥", "卢森堡", "圣马力诺", "列支敦士登", "塞浦路斯", "毛里求斯", "牙买加",
        "海地", "多米尼加", "格林纳达", "巴哈马", "巴巴多斯", "萨摩亚", "汤加", "瑙鲁", "帕劳",
        "科摩罗", "塞舌尔", "马尔代夫", "东帝汶", "巴布亚", "格陵兰", "特立尼达", "厄瓜多尔",
        "哥伦比亚", "委内瑞拉", "玻利维亚", "尼加拉瓜", "洪都拉斯", "萨尔瓦多", "哥斯达黎加",
        "阿尔及利亚", "毛里塔尼亚", "塞内加尔", "几内亚", "利比里亚", "喀麦隆", "加蓬", "贝宁",
        "多哥", "乍得", "苏里南", "圭亚那", "阿富汗", "黎巴嫩", "阿联酋", "格鲁吉亚",
        "亚美尼亚", "阿塞拜疆", "白俄罗斯", "罗马尼亚", "保加利亚", "塞尔维亚", "克罗地亚",
        "斯洛伐克", "爱沙尼亚", "拉脱维亚", "阿尔巴尼亚", "黑山", "蒙特内格罗", "澳大利亚",
        "埃塞俄比亚", "坦桑尼亚", "莫桑比克", "马达加斯加", "津巴布韦", "纳米比亚", "博茨瓦纳",
        "尼日利亚",
    ]).compactMap { word -> UInt64? in
        let values = word.unicodeScalars.map(\.value)
        guard (2...4).contains(values.count) else { return nil }
        return values.withUnsafeBufferPointer { longKey($0, 0, $0.count) }
    })

    /// A word of two to four BMP characters as a key (16 bits a character, the first highest;
    /// no character is 0, so words of different lengths differ), or `.max`.
    @inline(__always)
    static func longKey(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> UInt64 {
        guard (2...4).contains(e - s) else { return .max }
        var k: UInt64 = 0
        for i in s..<e {
            let v = scalars[i]
            if v > 0xFFFF || v == 0 { return .max }
            k = k << 16 | UInt64(v)
        }
        return k
    }
}
