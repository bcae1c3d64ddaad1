/// Names no lexicon can list, joined after the resolver from the single characters ICU
/// leaves them in:
///
/// - **Chinese person names**: a surname and one or two given-name characters (王|志|宏 →
///   王志宏, 刘|建国 → 刘建国), only in context: after a title or role (省委书记, 记者, 副市长 …),
///   a byline mark (□王志宏), or the previous name of a list (张伟平、刘建国); or before a title
///   or a verb of saying (李明华同志, 王伟说). Two characters are taken when the third is itself
///   the cue (王伟说), three when both given-name characters are free ones.
/// - **Transliterated foreign names and places**: a run of three or more characters of the
///   transliteration alphabet (克|林|顿 → 克林顿, 泽|连|斯|基 → 泽连斯基), in single characters or
///   ICU's short words of the same alphabet (布|林肯 → 布林肯).
///
/// - **Words and their suffixes**: a two-character word and a suffix ICU left alone
///   (积极|性 → 积极性, 世界|观 → 世界观, 工作|者 → 工作者, 公交|化 → 公交化).
/// - **Named plans and zones**: a dictionary term of three or more characters and a head that
///   makes it a plan or a zone (美丽中国|先行区 → 美丽中国先行区, 京津冀协同发展|规划), or a
///   responsibility system (党风廉政建设|责任制). Not 体系, 制度, 机制, 行动: after a term they
///   are the head of a phrase the term modifies, which the dev set's standard splits
///   (健康中国|行动, 党内法规|制度).
/// - **Places with their suffix**: after a place with its own suffix (浙江省, 湖州市) or a
///   province's short name (浙江), a place's body and a suffix ICU left alone (浙江省|安吉|县 →
///   安吉县, 黑龙江省|漠|河|市 → 漠河市, 吴忠市|红|寺|堡|区 → 红寺堡区); the place is then known
///   for the rest of the call (安吉|县 alone, later in the text → 安吉县).
/// - **Autonomous places in full**: a body, one or more ethnic names and 自治县, 自治州 or
///   自治旗 (长|阳|土|家族|自治|县 → 长阳土家族自治县, 杜尔伯特|蒙古族|自治|县).
/// - **Named meetings and bodies**: 中央 or 全国, up to five topic words (with 和 between two
///   of them), and 会议, 大会 or 座谈会 (中央|农村|工作|会议 → 中央农村工作会议,
///   全国|发展|和|改革|工作|会议); 中央, 全国, 国家 or 国务院, topic words, and 委员会 or 领导小组
///   (国家|防灾减灾救灾|委员会, 中央|应对|疫情|工作|领导小组).
///
/// - **Terms made by a head word** (`Worker+Heads.swift`): 12315|热线, 物业|纠纷|调解,
///   钱|江|源|国家|公园, 正确|政绩观, 模范|机关, 志愿者|们.
/// - **Names and terms announced by a cue or a head** (`Worker+Terms.swift`): 社会救助|法,
///   城市更新|条例, 科威特|城, 首都|苏|瓦, 总统|泽|曼, 阿泽维|多 (a rarer character closing a run),
///   甘肃|岷|县.
///
/// Names are joined from ICU's own pieces only (never a dictionary word, a rule token or a
/// piece the resolver cut), so the pass cannot undo a lexicon decision; suffixes and heads
/// extend a word, never cut one, and never a user's word (places and meetings join whole
/// tokens only, never a user's word or a name this pass joined). Joined tokens come out with
/// the source `rule`.
extension Worker {
    /// Rewrites `path[0..<pathCount]` with names joined.
    ///
    /// A name found in context is remembered for the rest of the call (`knownNames`: one
    /// document, or one line in the CLI), and its other occurrences in the chunk are joined
    /// too, with or without a cue (郭明义同志 … 郭明义和他的同事). So is a place joined after
    /// its province or city (浙江省安吉县 … 安吉县的竹林: `NameJoiner.placeKey`, kept in the same
    /// list under a bit of its own).
    mutating func joinNames(lexicon: Lexicon?) {
        let count = pathCount
        if count < 2 { return }
        var written = count
        var known = knownNames
        knownNames = []
        if !namesJapan { namesJapan = JapaneseNames.mentionsJapan(utf16) }
        let japan = namesJapan
        var japanese = knownJapaneseNames
        scalars.withUnsafeBufferPointer { scalars in
        path.withUnsafeMutableBufferPointer { path in
        (lexicon?.isUser ?? []).withUnsafeBufferPointer { isUser in
        CharacterClasses.table.withUnsafeBufferPointer { classes in
        CompoundClasses.table.withUnsafeBufferPointer { compoundClasses in
        NameJoiner.startMasks.withUnsafeBufferPointer { startMasks in
            var joiner = NameJoiner(scalars: scalars, path: path, classes: classes, compoundClasses: compoundClasses,
                                    startMasks: startMasks, isUser: isUser)
            // Japanese names first (`Worker+Japanese.swift`): the other rules leave them alone.
            if japan || !japanese.isEmpty { written = joiner.joinJapaneseNames(count, japan: japan, known: &japanese) }
            written = joiner.run(written)
            if !joiner.found.isEmpty {
                for name in joiner.found where !known.contains(name) { known.append(name) }
            }
            if !known.isEmpty { written = joiner.joinKnown(written, known) }
        }
        }
        }
        }
        }
        }
        knownNames = known
        knownJapaneseNames = japanese
        pathCount = written
    }
}

struct NameJoiner {
    let scalars: UnsafeBufferPointer<UInt32>
    let path: UnsafeMutableBufferPointer<Worker.PathStep>
    /// `CharacterClasses.table`.
    let classes: UnsafeBufferPointer<UInt8>
    /// `CompoundClasses.table`.
    let compoundClasses: UnsafeBufferPointer<UInt8>
    /// `NameJoiner.startMasks`.
    let startMasks: UnsafeBufferPointer<UInt32>
    /// Per dictionary entry: a user's word (never extended: the user chose its extent).
    let isUser: UnsafeBufferPointer<Bool>
    /// The keys of the person names joined by `run`.
    var found: [UInt64] = []

    @inline(__always)
    func has(_ v: UInt32, _ flag: UInt8) -> Bool {
        CharacterClasses.of(v, in: classes) & flag != 0
    }

    /// The class of `v` without a branch (U+FFFF, where astral scalars are clamped, has none).
    @inline(__always)
    private func classOf(_ v: UInt32) -> UInt8 {
        classes[Int(min(v, 0xFFFF))]
    }

    /// Rewrites the path in place (the write index never passes the read index); returns
    /// the new count.
    ///
    /// Most tokens can start no join: a first test without branches, from the token's length
    /// and edge and the classes of its first character and the next token's (`mayStartJoin`),
    /// passes them on with one well-predicted branch, and the next token's class is carried
    /// to the next round; the rules (`join`) run only for the tokens that pass it. Before it,
    /// a cheaper test of the same inputs (`startMasks`: any class bit that some rule of the
    /// token's length and edge reads) passes most tokens on at once.
    mutating func run(_ count: Int) -> Int {
        var w = 0          // tokens written
        var r = 0          // next token to read
        var start = 0      // where token r starts
        let last = scalars.count - 1
        var own = classOf(scalars[0])
        while r < count {
            let step = path[r]
            let end = Int(step.end)
            let nextScalar = scalars[min(end, last)]
            let next = classOf(nextScalar)
            let nextCompound = compoundClasses[Int(min(nextScalar, 0xFFFF))]
            let lastCompound = compoundClasses[Int(min(scalars[max(end - 1, 0)], 0xFFFF))]
            let bits = UInt32(own) | UInt32(next) << 8 | UInt32(nextCompound) << 16 | UInt32(lastCompound) << 24
            if bits & startMasks[Self.startIndex(step.edge, end - start)] == 0 {
                copyToken(&r, &w, &start)
                own = next
                continue
            }
            let may = Self.mayStartJoin(step, end - start, own, next, nextCompound, lastCompound)
            if may == 0 {
                copyToken(&r, &w, &start)
                own = next
                continue
            }
            // Tokens that only the head rules may start a join of (before 国家, 机关, 调解 …:
            // frequent) skip the other rules.
            if may == Self.headRulesOnly { joinHead(&r, &w, &start, count) } else if may == Self.wordedNameOnly {
                joinWordedName(&r, &w, &start, count)
            } else if nextCompound & CompoundClasses.autonomy != 0 {
                joinNearPlaceHead(&r, &w, &start, count)  // 加沙|地带 (`Worker+Provinces.swift`); 自治县
            } else { join(&r, &w, &start, count) }
            own = classOf(scalars[min(start, last)])
        }
        return w
    }

    /// Can a token of `length` with `step` start a join of `join`, given the classes of its
    /// first character (`own`) and of the next token's (`next`; clamped to the last scalar at
    /// the end: `join` checks that there is a next token)? A superset of the rules' first
    /// tests: a single ICU character of a surname or the transliteration alphabet, an ICU
    /// word of that alphabet before another of its characters, a two-character token before a suffix, a dictionary term before the first character of
    /// a compound head, a token before a place suffix, the first character of a meeting's
    /// head or 自 (自治县; `nextCompound`, the next token's `CompoundClasses`), an ICU word of two
    /// characters ending in a place suffix (安县 of 红|安县; `lastCompound`, its last character's). Computed with masks, not
    /// branches (tokens of all lengths alternate at random, which a branch would mispredict).
    ///
    /// Returns 0 when no rule applies, `headRulesOnly` when only the head rules of
    /// `Worker+Heads.swift` may (`joinHead`), another value when the others may (`join`).
    /// A rule added here that reads a class bit must add that bit to `startMasks` too (the
    /// test `NameJoinerStart.masksCoverEveryRule` fails until it does).
    @inline(__always)
    static func mayStartJoin(_ step: Worker.PathStep, _ length: Int, _ own: UInt8, _ next: UInt8, _ nextCompound: UInt8,
                                     _ lastCompound: UInt8) -> UInt8 {
        let single = mask(length == 1) & mask(step.edge < 0) & own
            & (CharacterClasses.surname | CharacterClasses.transliteration)
        let worded = mask(length == 2 || length == 3) & mask(step.edge == Worker.Edge.base) & own
            & (next | (nextCompound & CompoundClasses.rareTransliteration) >> 3) & CharacterClasses.transliteration
        let suffixed = mask(length == 2) & mask(step.edge != Worker.Edge.remainder) & next & CharacterClasses.suffix
        let headed = mask(length >= 3) & mask(step.edge >= 0) & next & CharacterClasses.compoundHead
        let tail = mask(step.edge != Worker.Edge.remainder) & mask(step.edge != Worker.Edge.joined) & nextCompound
            & (CompoundClasses.placeSuffix | CompoundClasses.meetingHead | CompoundClasses.autonomy)
        let glued = mask(length == 2) & mask(step.edge == Worker.Edge.base) & lastCompound & CompoundClasses.placeSuffix
        // The head rules (`Worker+Heads.swift`): a token before a head's first character, or
        // a token of three characters or more ending in 观.
        let termed = mask(step.edge != Worker.Edge.remainder) & nextCompound & CompoundClasses.termHead
        // … or a token of two characters ending like a plan's head (规划, 纲要, 条例: `headFirstPlan`,
        // `Worker+Terms.swift`; `joinHead` sends it on as without the bit when it is none).
        let viewed = mask(length >= 2) & mask(step.edge != Worker.Edge.remainder) & lastCompound & CompoundClasses.viewEnd
            | mask(length >= 2) & mask(step.edge != Worker.Edge.remainder)
            & ((lastCompound & CompoundClasses.pairLast) << 1) & nextCompound & CompoundClasses.pairNext
        let others = single | worded | suffixed | headed | tail | glued
        // An ICU word of two characters that begins with a surname, when nothing else applies
        // (`Worker+Rare.swift`: 局长|王国|强, 主|任何|立|峰).
        let surnamed = mask(length == 2) & mask(step.edge == Worker.Edge.base) & own & CharacterClasses.surname
        return (mask(others != 0) & 1) | (mask(termed | viewed != 0) & headRulesOnly)
            | (mask(others | termed | viewed == 0) & mask(surnamed != 0) & wordedNameOnly)
    }

    /// The index into `startMasks` of a token of `length` with `edge`: its length (1, 2, 3, or
    /// more) times five, plus its edge's kind (0: a code below `Edge.joined`, which the pass
    /// does not know; 1: joined; 2: remainder; 3: base; 4: a dictionary word). Clamped, with
    /// no branch (lengths and edges alternate at random).
    @inline(__always)
    static func startIndex(_ edge: Int32, _ length: Int) -> Int {
        let kind = Int(max(min(edge, 0), Worker.Edge.joined - 1)) - Int(Worker.Edge.joined - 1)
        return (min(max(length, 1), 4) - 1) * 5 + kind
    }

    /// Per `startIndex`: the class bits that some rule of `mayStartJoin` reads for a token of
    /// that length and edge (its first character's `CharacterClasses` in bits 0–7, the next
    /// token's in 8–15, the next token's `CompoundClasses` in 16–23, its last character's in
    /// 24–31). Of a rule that needs two bits at once, one is enough here. A token none of
    /// whose bits is set can start no join (`mayStartJoin` gives 0): a superset of its test,
    /// without its conjunctions.
    static let startMasks: [UInt32] = {
        var masks = [UInt32](repeating: 0, count: 20)
        for lengthKind in 0..<4 {
            let length = lengthKind + 1  // 4: four or more
            for kind in 0..<5 {
                let joined = kind == 1, remainder = kind == 2, base = kind == 3, word = kind == 4
                if kind == 0 {
                    masks[lengthKind * 5 + kind] = .max  // no such edge: every token is tested
                    continue
                }
                var own: UInt8 = 0, next: UInt8 = 0, nextCompound: UInt8 = 0, lastCompound: UInt8 = 0
                if length == 1 && !word { own |= CharacterClasses.surname | CharacterClasses.transliteration }  // single
                if (length == 2 || length == 3) && base { own |= CharacterClasses.transliteration }  // worded
                if length == 2 && base { own |= CharacterClasses.surname }  // surnamed
                if length == 2 && !remainder { next |= CharacterClasses.suffix }  // suffixed
                if length >= 3 && word { next |= CharacterClasses.compoundHead }  // headed
                if !remainder && !joined {  // tail
                    nextCompound |= CompoundClasses.placeSuffix | CompoundClasses.meetingHead | CompoundClasses.autonomy
                }
                if !remainder { nextCompound |= CompoundClasses.termHead }  // termed
                if length >= 2 && !remainder { nextCompound |= CompoundClasses.pairNext }  // viewed, pairs
                if length == 2 && base { lastCompound |= CompoundClasses.placeSuffix }  // glued
                if length >= 2 && !remainder { lastCompound |= CompoundClasses.viewEnd }  // viewed, plans
                masks[lengthKind * 5 + kind] = UInt32(own) | UInt32(next) << 8 | UInt32(nextCompound) << 16
                    | UInt32(lastCompound) << 24
            }
        }
        return masks
    }()

    /// The first test (`mayStartJoin`) asked again for token `r` (`start..<end`, a token
    /// follows) with bits of the next token's classes cleared: where a rule that one bit sent
    /// the token to has not applied, the token goes where the other bits would have sent it.
    private func mayStartJoin(_ r: Int, _ start: Int, _ end: Int, clearingNext: UInt8 = 0,
                              clearingNextCompound: UInt8 = 0) -> UInt8 {
        let v = scalars[end]
        return Self.mayStartJoin(path[r], end - start, classOf(scalars[start]), classOf(v) & ~clearingNext,
                                 compoundClasses[Int(min(v, 0xFFFF))] & ~clearingNextCompound,
                                 compoundClasses[Int(min(scalars[end - 1], 0xFFFF))])
    }

    /// `mayStartJoin`'s answer when only the head rules may apply.
    static let headRulesOnly: UInt8 = 2
    /// `mayStartJoin`'s answer when only `joinWordedName` may apply.
    static let wordedNameOnly: UInt8 = 4

    /// All ones for true, zero for false (a comparison's flag, with no branch).
    @inline(__always)
    private static func mask(_ b: Bool) -> UInt8 {
        0 &- UInt8(truncatingIfNeeded: b ? 1 : 0)
    }

    /// Applies the rules to token `r` (at `start`): joins it with the tokens after it and
    /// writes the joined token, or copies it; advances `r`, `w` and `start`.
    private mutating func join(_ r: inout Int, _ w: inout Int, _ start: inout Int, _ count: Int) {
        let end = Int(path[r].end)
        if end - start == 1 && path[r].edge < 0 {
            let v = scalars[start]
            if v == Names.jun || v == Names.fang, let from = countrySide(r, w, start, count) {  // 以|军, 越|方 (`Worker+Bare.swift`)
                joinTokens(from: from, through: r, &r, &w, &start)
                return
            }
            if Names.beginsSplitSurname(v), let taken = splitSurnameName(r, start, count) {  // 令|狐|春|梅 (`Worker+Surnames.swift`)
                joinTokens(from: w, through: r + taken, &r, &w, &start)  // not remembered: found again anywhere
                return
            }
            if has(v, CharacterClasses.surname), r + 3 < count, has(scalars[start + 1], CharacterClasses.surname),
               let taken = doubleSurnameName(r, w, start, count) {  // 陈|林|丽华|女士 (`Worker+Surnames.swift`)
                joinTokens(from: w, through: r + taken, &r, &w, &start)  // not remembered: a key holds three characters
                return
            }
            if has(v, CharacterClasses.surname), v != Names.jun, !Names.onlyInCompoundSurnames(v), let answer = personName(r, start, count, w) {
                if answer & NameJoiner.splitsLast != 0 {  // 吴|玉|良作 → 吴玉良|作 (`Worker+NameModel.swift`)
                    let nameEnd = start + 3
                    let wordEnd = path[r + 2].end
                    found.append(key(start, nameEnd))
                    path[w] = Worker.PathStep(end: Int32(nameEnd), edge: Worker.Edge.joined)
                    path[w + 1] = Worker.PathStep(end: wordEnd, edge: Worker.Edge.remainder)
                    w += 2
                    r += 3
                    start = Int(wordEnd)
                    return
                }
                found.append(key(start, Int(path[r + answer - 1].end)))  // the model's names too (`Worker+NameModel.swift`)
                joinTokens(from: w, through: r + answer - 1, &r, &w, &start)
                return
            }
            if has(v, CharacterClasses.transliteration), let taken = transliteration(r, count) {
                let last = provinceAfterRun(r + taken - 1, count)  // 霍|姆|斯|省 (`Worker+Provinces.swift`)
                let from = runStart(w, start, headed: last != r + taken - 1, last: last, count)  // 代|尔祖尔 (`Worker+Bare.swift`)
                if from == w, titleCrossing(r, w, start, last: last, count) != nil {  // 州|长安|德|鲁 (`Worker+Provinces.swift`)
                    return joinAcrossTitle(through: last, &r, &w, &start)
                }
                joinTokens(from: from, through: last, &r, &w, &start)
                return
            }
            if start >= 2 && scalars[start - 2] == Laws.shou, let last = capitalName(r, w, start, count) {  // 首都|萨|那
                joinTokens(from: w, through: last, &r, &w, &start)
                return
            }
            if has(v, CharacterClasses.transliteration), let last = shortForeignName(r, w, start, count) {  // 总理|菲|佐
                joinTokens(from: w, through: last, &r, &w, &start)
                return
            }
            if has(v, CharacterClasses.transliteration), let last = titleCrossing(r, w, start, last: nil, count) {  // 秘书|长安|南
                return joinAcrossTitle(through: last, &r, &w, &start)
            }
        }
        // A transliteration ICU read as words of its alphabet (库尔|斯克, 贝尔|格莱德, 赫尔|松).
        if path[r].edge == Worker.Edge.base && (2...3).contains(end - start) && has(scalars[start], CharacterClasses.transliteration),
           let taken = transliteration(r, count) {
            let last = provinceAfterRun(r + taken - 1, count)
            joinTokens(from: runStart(w, start, headed: last != r + taken - 1, last: last, count), through: last, &r, &w, &start)
            return
        }
        // A term and a head that makes it a named plan or zone (美丽中国|先行区) or a
        // responsibility system (粮食安全|责任制).
        if path[r].edge >= 0 && end - start >= 3 && r + 1 < count && path[r + 1].edge != Worker.Edge.remainder
            && !isUser[Int(path[r].edge)] {
            let next = Int(path[r + 1].end)
            if next - end >= 2 && next - end <= 4 {
                let head = key(end, next)
                if Names.compoundHeads.contains(head)
                    || (Names.systemHeads.contains(head) && !Names.adjectiveEnds.contains(scalars[end - 1])) {
                    // A place before a named plan of it (浙江省|数字经济|规划: `planPlace`).
                    let plan = Laws.planHeads.contains(head)
                    joinTokens(from: plan ? planPlace(w) : w, through: plan ? planOutline(r + 1, head, count) : r + 1, &r, &w, &start)
                    return
                }
                if let last = namedPlan(r, end, next, count) {  // 野生动物|保护|条例, 乡村振兴|行动|方案 (`Worker+Terms.swift`)
                    joinTokens(from: planPlace(w), through: last, &r, &w, &start)
                    return
                }
                // Sent here by a plan's first characters alone (发展, 行动 …: frequent), the
                // token starts no other rule.
                if Laws.planFirsts.contains(scalars[end])
                    && mayStartJoin(r, start, end, clearingNext: CharacterClasses.compoundHead) == 0 {
                    copyToken(&r, &w, &start)
                    return
                }
                if head == Names.comprehensive, let last = comprehensiveZone(r + 2, count) {  // 跨境电商|综合|试验区 (place20)
                    joinTokens(from: w, through: last, &r, &w, &start)
                    return
                }
            }
        }
        if r + 1 < count && (scalars[end] == Laws.law || scalars[end] == Laws.tiao), let last = lawName(r, start, end, count) {  // 医疗保障|法
            joinTokens(from: scalars[end] == Laws.tiao ? planPlace(w) : w, through: last, &r, &w, &start)  // 江苏省|安全生产|条例
            return
        }
        // A county or district whose suffix ICU glued to the body's last character, after
        // a place (黄冈市|红|安县, 无锡市|惠|山区).
        if end - start == 2 && path[r].edge == Worker.Edge.base, let from = gluedPlace(r, w, start, end, count) {
            let place = placeKey(start - 1, end)
            if place != .max { found.append(place) }
            joinTokens(from: from, through: r, &r, &w, &start)
            return
        }
        // A place's body and its suffix after a place (浙江省|安吉|县), or a named meeting or
        // body (中央|农村|工作|会议): joined with tokens already written. A place is
        // remembered for the rest of the call (安吉|县 alone, later).
        if r + 1 < count && path[r].edge != Worker.Edge.remainder && path[r].edge != Worker.Edge.joined {
            if Laws.isCountryPlaceHead(scalars[end]), let last = countryPlace(r, start, end, count) {  // 科威特|城
                joinTokens(from: w, through: last, &r, &w, &start)
                return
            }
            if scalars[end] == Provinces.sheng || scalars[end] == Provinces.zhou, let from = foreignProvince(r, w, start, end, count) {  // 伊德利卜|省 (`Worker+Provinces.swift`)
                joinTokens(from: from, through: r + 1, &r, &w, &start)
                return
            }
            if Provinces.isPlaceSuffixHead(scalars[end]), let last = foreignPlace(r, start, end, count) {  // 里弗赛德|县 (`Worker+Provinces.swift`)
                joinTokens(from: saintBefore(w, start), through: last, &r, &w, &start)  // 圣|马丁|岛
                return
            }
            if let from = placeBody(r, w, start, end, count) ?? lonePlace(r, w, start, end, count) {
                let bodyStart = from == 0 ? 0 : Int(path[from - 1].end)
                let place = placeKey(bodyStart, Int(path[r + 1].end))
                if place != .max { found.append(place) }
                joinTokens(from: from, through: r + 1, &r, &w, &start)
                return
            }
            if let from = meeting(r, w, start, end, count) {
                joinTokens(from: from, through: r + 1, &r, &w, &start)
                return
            }
            // An autonomous county, prefecture or banner in full (长|阳|土|家族|自治|县).
            if let (from, last) = autonomousPlace(r, w, start, end, count) {
                joinTokens(from: from, through: last, &r, &w, &start)
                return
            }
        }
        // A term made by a head (`Worker+Heads.swift`): 12315|热线, 物业|纠纷|调解,
        // 钱|江|源|国家|公园, 模范|机关, 志愿者|们; 正确|政绩观.
        if let (from, last) = headTerm(r, w, start, end, count) {
            joinTokens(from: from, through: last, &r, &w, &start)
            return
        }
        if end - start >= 3 && scalars[end - 1] == Heads.guan && !(path[r].edge >= 0 && isUser[Int(path[r].edge)]),
           let from = viewModifier(w, start) {
            joinTokens(from: from, through: r, &r, &w, &start)
            return
        }
        // A word and its suffix (积极|性, 世界|观, 工作|者; 负责|制 and 知情|权 unless a character
        // follows that the suffix begins a word with: 精确|制|导, 打击|制|售).
        if end - start == 2 && path[r].edge != Worker.Edge.remainder && r + 1 < count
            && !(path[r].edge >= 0 && isUser[Int(path[r].edge)])
            && path[r + 1].edge == Worker.Edge.base && Int(path[r + 1].end) == end + 1
            && has(scalars[end], CharacterClasses.suffix)
            && ScalarClass.isHan(scalars[start]) && ScalarClass.isHan(scalars[start + 1])
            && !(Names.boundSuffixes.contains(scalars[end]) && singleHan(r + 2, count)) && mayJoinWordSuffix(r, start, end, count) {
            // With an evaluative modifier before a worldview (正确|权力|观), and a head that
            // takes the word made (讲解|员|们, 学习|型|机关: `Worker+Heads.swift`).
            let from = scalars[end] == Heads.guan ? viewModifier(w, start) ?? w : w
            joinTokens(from: from, through: r + 1 + suffixHead(r + 2, end + 1, count), &r, &w, &start)
            return
        }
        // At the text's end the first test read the token's own last character as the next one
        // (clamped): asked again as before a character of no class, a head that ends the text
        // (国家|文物|保护|利用|示范区) goes to the head rules, as it would in the middle.
        if end == scalars.count && end - start >= 2
            && Self.mayStartJoin(path[r], end - start, classOf(scalars[start]), 0, 0,
                                 compoundClasses[Int(min(scalars[end - 1], 0xFFFF))]) == Self.headRulesOnly {
            joinHead(&r, &w, &start, count)
            return
        }
        copyToken(&r, &w, &start)
    }

    /// Token `r` comes before a token that begins with 自 or with a foreign place's head that
    /// is no place suffix (湾, 海峡, 半岛, 地带 …: `CompoundClasses.autonomy`). Before 自, `join`.
    /// Before a head, joins a foreign name with it (`foreignPlace`), or sends the token where
    /// the first test would have sent it without the bit (`join`, `joinHead`,
    /// `joinWordedName`: 夏海|荣, or copies it), so that the other rules cost nothing more.
    @inline(never)
    private mutating func joinNearPlaceHead(_ r: inout Int, _ w: inout Int, _ start: inout Int, _ count: Int) {
        let end = Int(path[r].end)
        guard r + 1 < count, scalars[end] != Names.zi else { return join(&r, &w, &start, count) }
        if let last = foreignPlace(r, start, end, count) {  // 加沙|地带 (`Worker+Provinces.swift`)
            joinTokens(from: saintBefore(w, start), through: last, &r, &w, &start)  // 圣|马丁|岛
            return
        }
        let may = mayStartJoin(r, start, end, clearingNextCompound: CompoundClasses.autonomy)
        if may & 1 != 0 { join(&r, &w, &start, count) } else if may == Self.headRulesOnly { joinHead(&r, &w, &start, count) } else if may == Self.wordedNameOnly {
            joinWordedName(&r, &w, &start, count)
        } else { copyToken(&r, &w, &start) }
    }

    /// Token `i` (unread, after 综合) is a zone's head of `Names.compoundHeads` ending in 区
    /// (试验区, 示范区, 先行区 …), ICU's or the lexicon's word: returns `i`, else nil. A term, 综合
    /// and the head are one zone, as the lexicon writes 跨境电子商务综合试验区 (跨境电商|综合|试验区,
    /// 数据要素|综合|试验区); not a plan (综合|规划).
    private func comprehensiveZone(_ i: Int, _ count: Int) -> Int? {
        guard i < count, path[i].edge == Worker.Edge.base || (path[i].edge >= 0 && !isUser[Int(path[i].edge)]) else { return nil }
        let zone = range(i)
        guard zone.count == 3, scalars[zone.upperBound - 1] == Names.qu,
              Names.compoundHeads.contains(key(zone.lowerBound, zone.upperBound)) else { return nil }
        return i
    }

    /// Writes the tokens from written index `from` (those already written from there on, and
    /// unread tokens `r...last`) as one joined token, and moves past them: the rules' one way
    /// to emit a join.
    @inline(__always)
    func joinTokens(from: Int, through last: Int, _ r: inout Int, _ w: inout Int, _ start: inout Int) {
        let end = path[last].end
        w = emit(from, end: end)
        start = Int(end)
        r = last + 1
    }

    /// Writes token `r` unchanged and moves past it.
    @inline(__always)
    func copyToken(_ r: inout Int, _ w: inout Int, _ start: inout Int) {
        if w != r { path[w] = path[r] }
        start = Int(path[r].end)
        w += 1
        r += 1
    }

    /// Is token `i` (unread) one Han character?
    @inline(__always)
    private func singleHan(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return false }
        let r = range(i)
        return r.count == 1 && ScalarClass.isHan(scalars[r.lowerBound])
    }

    /// Can a token (unread `r`, or written) be part of a place's body or a meeting's topic:
    /// ICU's word or a built-in dictionary word, Han characters only, none that names avoid
    /// (particles, numerals, level characters) when it is one character?
    @inline(__always)
    private func bodyPiece(_ range: Range<Int>, _ edge: Int32) -> Bool {
        if edge == Worker.Edge.remainder || edge == Worker.Edge.joined { return false }
        if edge >= 0 && isUser[Int(edge)] { return false }
        for p in range where !ScalarClass.isHan(scalars[p]) { return false }
        return range.count > 1 || !has(scalars[range.lowerBound], CharacterClasses.notInNames)
    }

    /// Token `r + 1` is a place suffix ICU left alone (市, 县, 区, 旗, 镇, 乡) and token `r`
    /// (`start..<end`) ends a place's body of two or three characters (one token, or two or
    /// three single characters: 漠|河, 红|寺|堡) right after a place with its own suffix (浙江省,
    /// 湖州市, 某某自治州):
    /// returns the write index where the body starts, or nil. Not when the suffix begins a
    /// level word (北京市|成立|市|级, 推进|县|域).
    private func placeBody(_ r: Int, _ w: Int, _ start: Int, _ end: Int, _ count: Int) -> Int? {
        let suffixEnd = Int(path[r + 1].end)
        guard suffixEnd == end + 1, path[r + 1].edge == Worker.Edge.base,
              Names.placeSuffixes.contains(scalars[end]) else { return nil }
        var from = w          // where the body starts among the written tokens
        var bodyStart = start
        if end - start == 1 {
            // Two single characters (漠|河|市): the written token before must be one too.
            guard w >= 1, path[w - 1].edge == Worker.Edge.base, start >= 1,
                  w == 1 || Int(path[w - 2].end) == start - 1 else { return nil }
            from = w - 1
            bodyStart = start - 1
            guard bodyPiece(bodyStart..<start, path[w - 1].edge) else { return nil }
            // A third single character before them (红|寺|堡|区, 呼|图|壁|县), when it is none
            // that stands before a place (宜昌市|至|兴|山|县).
            if w >= 3, path[w - 2].edge == Worker.Edge.base, Int(path[w - 3].end) == start - 2,
               !Names.notInAutonomousBodies.contains(scalars[start - 2]), bodyPiece(start - 2..<start - 1, path[w - 2].edge),
               placeParent(w - 2) {
                from = w - 2
                bodyStart = start - 2
            }
        }
        guard (2...3).contains(end - bodyStart), bodyPiece(start..<end, path[r].edge),
              !(end - bodyStart == 2 && Names.notPlaceBodies.contains(key(bodyStart, end))) else { return nil }
        for p in bodyStart..<end where Names.notInPlaces.contains(scalars[p]) { return nil }
        if Names.notPlaceBodyEnds.contains(scalars[end - 1]) { return nil }  // 产粮|大|县
        guard placeParent(from) else { return nil }
        // Not a level word (市|级, 县|域).
        if r + 2 < count {
            let after = range(r + 2)
            if after.count == 1 && Names.levelWordEnds.contains(scalars[after.lowerBound]) { return nil }
        }
        return from
    }

    /// Token `r` (`start..<end`) is an ICU word of two characters ending in a place suffix
    /// (安县, 南县, 山区) and the written token before it one ICU character (红, 沂, 惠) after a
    /// place that announces a place (黄冈市, 临沂市, 无锡市): returns the write index of that
    /// character, or nil. Not when the word is a common noun of its level (城区, 景区, 社区:
    /// `gluedCommonNouns`) or the character one names and places avoid (a particle, a
    /// numeral, a determiner), a ranking (大) or a qualifier (老|城区, 主|城区), nor before a
    /// level word's end (县|级).
    private func gluedPlace(_ r: Int, _ w: Int, _ start: Int, _ end: Int, _ count: Int) -> Int? {
        guard Names.placeSuffixes.contains(scalars[end - 1]), w >= 1, start >= 1,
              path[w - 1].edge == Worker.Edge.base, w == 1 || Int(path[w - 2].end) == start - 1 else { return nil }
        let first = scalars[start - 1], second = scalars[start]
        guard ScalarClass.isHan(first), ScalarClass.isHan(second),
              !has(first, CharacterClasses.notInNames), !has(second, CharacterClasses.notInNames),
              !Names.notInPlaces.contains(first), !Names.notInPlaces.contains(second),
              !Names.notGluedPlaceBodies.contains(first),
              !Names.gluedCommonNouns.contains(key(start, end)),
              !Names.notPlaceBodies.contains(key(start - 1, start + 1)),
              placeParent(w - 1) else { return nil }
        if r + 1 < count {
            let after = range(r + 1)
            if after.count == 1 && Names.levelWordEnds.contains(scalars[after.lowerBound]) { return nil }
        }
        return w - 1
    }

    /// Is the written token before write index `from` a place that announces a place after
    /// it: a dictionary word or a joined place ending in a level character, or a province's
    /// short name?
    func placeParent(_ from: Int) -> Bool {
        guard from >= 1 else { return false }
        let parentEnd = Int(path[from - 1].end)
        let parentStart = from >= 2 ? Int(path[from - 2].end) : 0
        let parentEdge = path[from - 1].edge
        return parentEnd - parentStart >= 2 && parentEdge != Worker.Edge.remainder
            && (((parentEdge >= 0 || parentEdge == Worker.Edge.joined) && Names.parentSuffixes.contains(scalars[parentEnd - 1]))
                || Names.provinces.contains(key(parentStart, parentEnd)))
    }

    /// Token `r + 1` is a meeting's head (会议, 大会, 座谈会) or a body's (委员会, 领导小组) and
    /// token `r` (`start..<end`) the last of one to five topic words after 中央 or 全国 (a
    /// body's also after 国家 or 国务院), with 和 between two of them (发展|和|改革): returns
    /// the write index of the first word, or nil. Topic words are whole words of two characters
    /// or more, none ordinal or a verb of holding a meeting (全国|委员会|第一|次|会议,
    /// 国务院|召开|…); a 委员会 has three topic characters at least; 16 characters in all at most.
    private func meeting(_ r: Int, _ w: Int, _ start: Int, _ end: Int, _ count: Int) -> Int? {
        let headEnd = Int(path[r + 1].end)
        let headLength = headEnd - end
        let body: Bool
        if (2...3).contains(headLength) && Names.meetingHeads.contains(key(end, headEnd)) {
            body = false
        } else if (headLength == 3 && key(end, headEnd) == Names.committee)
                    || (headLength == 4 && key(end, end + 2) == Names.leading && key(end + 2, headEnd) == Names.group) {
            body = true
        } else {
            return nil
        }
        guard topicWord(start..<end, path[r].edge) else { return nil }
        var characters = headEnd - start
        var topics = 1
        var topicCharacters = end - start
        var afterConjunction = false
        var i = w - 1
        while i >= 0 && topics <= 5 {
            let piece = (i == 0 ? 0 : Int(path[i - 1].end))..<Int(path[i].end)
            characters += piece.count
            if characters > 16 { return nil }
            if piece.count <= 3 {
                let k = key(piece.lowerBound, piece.upperBound)
                if Names.meetingPrefixes.contains(k) || (body && Names.bodyPrefixes.contains(k)) {
                    // A committee named by one two-character word is mostly a common noun's
                    // (国家|管理|委员会, 全国|领导|委员会): three topic characters at least.
                    if afterConjunction || (headLength == 3 && body && topicCharacters < 3) { return nil }
                    return i
                }
            }
            if piece.count == 1 && scalars[piece.lowerBound] == Names.conjunction && !afterConjunction {
                afterConjunction = true
            } else if topicWord(piece, path[i].edge) {
                afterConjunction = false
                topics += 1
                topicCharacters += piece.count
            } else {
                return nil
            }
            i -= 1
        }
        return nil
    }

    /// Token `r + 1` begins an autonomous place's suffix (自治县, 自治州 or 自治旗: one token, or
    /// 自治 and the level character) and the text up to `end` ends in one or more ethnic names,
    /// each with 族 or, for a name of two characters or more, without (土家族苗族, 蒙古, 塔吉克),
    /// after the place's body (长|阳|土|家族|自治|县 → 长阳土家族自治县, 喀|喇|沁|左翼|蒙古族|自治|县).
    /// The body is the rest of the token the names begin in and the tokens before it up to two
    /// characters, then ICU's single characters up to five (never a function character, a
    /// level character or a place with its own suffix: 云南省|澜|沧|…, 在|巴|马|…); none when
    /// the place is named by its one people (东乡族自治县, 鄂伦春自治旗). Returns the write index
    /// where the place starts and the last unread token of the suffix, or nil.
    private func autonomousPlace(_ r: Int, _ w: Int, _ start: Int, _ end: Int, _ count: Int) -> (from: Int, last: Int)? {
        // The suffix.
        let next = Int(path[r + 1].end)
        let last: Int
        let levelAt: Int
        if next - end == 3 {
            last = r + 1
            levelAt = end + 2
        } else if next - end == 2 && r + 2 < count && Int(path[r + 2].end) == next + 1 {
            last = r + 2
            levelAt = next
        } else {
            return nil
        }
        guard scalars[end] == Names.zi, scalars[end + 1] == Names.zhi,
              Names.autonomousLevels.contains(scalars[levelAt]) else { return nil }
        for i in r...last where path[i].edge >= 0 && isUser[Int(path[i].edge)] { return nil }
        // The ethnic names, read backwards from `end`.
        var ethnicStart = end
        var names = 0
        var firstLength = 0
        while names < 6 {
            if ethnicStart >= 2 && scalars[ethnicStart - 1] == Names.zu,
               let n = Names.ethnicName(endingAt: ethnicStart - 1, in: scalars, minimum: 1) {
                ethnicStart -= n + 1
                firstLength = n
            } else if let n = Names.ethnicName(endingAt: ethnicStart, in: scalars, minimum: 2) {
                ethnicStart -= n
                firstLength = n
            } else {
                break
            }
            names += 1
        }
        guard names > 0 else { return nil }
        // The tokens that hold them: token `r` and written ones before it.
        var from = w
        var bodyStart = start
        while bodyStart > ethnicStart {
            guard from >= 1 else { return nil }
            from -= 1
            bodyStart = from == 0 ? 0 : Int(path[from - 1].end)
            if path[from].edge >= 0 && isUser[Int(path[from].edge)] { return nil }
        }
        // The body: up to two characters of whole tokens, then single characters up to five.
        while ethnicStart - bodyStart < 2 && from >= 1 {
            let s = from >= 2 ? Int(path[from - 2].end) : 0
            let edge = path[from - 1].edge
            guard ethnicStart - s <= 5, autonomousBody(s..<bodyStart, edge, extending: false) else { break }
            from -= 1
            bodyStart = s
        }
        while ethnicStart - bodyStart >= 2 && ethnicStart - bodyStart < 5 && from >= 1 {
            let s = from >= 2 ? Int(path[from - 2].end) : 0
            guard bodyStart - s == 1, path[from - 1].edge < 0,
                  autonomousBody(s..<bodyStart, path[from - 1].edge, extending: true) else { break }
            from -= 1
            bodyStart = s
        }
        let body = ethnicStart - bodyStart
        if body == 0 {
            guard names == 1 && firstLength >= 2 else { return nil }
        } else {
            guard (2...5).contains(body) else { return nil }
            for p in bodyStart..<ethnicStart
            where !ScalarClass.isHan(scalars[p]) || Names.notInAutonomousBodies.contains(scalars[p]) { return nil }
        }
        return (from, last)
    }

    /// Can a written token (`range`, with `edge`) be part of an autonomous place's body: Han
    /// characters, not a user's word, not a place with its own suffix or a province's short
    /// name (the place before), not a title (同志|藏族自治州), none of `notInAutonomousBodies`
    /// (and, when `extending` past two characters, no conjunction: 巍山…自治县|与|漾濞…)?
    private func autonomousBody(_ range: Range<Int>, _ edge: Int32, extending: Bool) -> Bool {
        if edge >= 0 && isUser[Int(edge)] { return false }
        for p in range {
            let v = scalars[p]
            if !ScalarClass.isHan(v) || Names.notInAutonomousBodies.contains(v) { return false }
            if extending && Names.notBeforeAutonomousBodies.contains(v) { return false }
        }
        if range.count >= 2 && (edge >= 0 || edge == Worker.Edge.joined)
            && Names.parentSuffixes.contains(scalars[range.upperBound - 1]) { return false }
        if range.count >= 2 && Names.titles.contains(suffixKey(range.lowerBound, range.upperBound)) { return false }  // 同志|藏族…
        return !Names.provinces.contains(key(range.lowerBound, range.upperBound))
    }

    /// Can `range` (a token with `edge`) be a topic word of a meeting's name?
    @inline(__always)
    private func topicWord(_ range: Range<Int>, _ edge: Int32) -> Bool {
        range.count >= 2 && bodyPiece(range, edge) && scalars[range.lowerBound] != Names.ordinal
            && !(range.count <= 3 && Names.notTopics.contains(key(range.lowerBound, range.upperBound)))
    }

    /// Joins the other occurrences of `known` names and places. A name: a surname and one or
    /// two given-name characters, each one of ICU's single characters (the longer one first),
    /// or one ICU word of two, spelling a known name. A place: two tokens or more spelling a known place
    /// (`placeKey`), not before a level character (安吉|县|级). Returns the new count.
    func joinKnown(_ count: Int, _ known: [UInt64]) -> Int {
        // First characters of the known places, as a 64-bit mask (a test per token).
        var placeFirsts: UInt64 = 0
        for k in known where k & Self.placeTag != 0 { placeFirsts |= 1 << ((k >> 45 & 0x7FFF) & 63) }
        var w = 0, r = 0, start = 0
        while r < count {
            let end = Int(path[r].end)
            // One branch for most tokens (see `mayStartJoin`).
            if Self.mask(end - start == 1) & Self.mask(path[r].edge < 0) & classOf(scalars[start]) & CharacterClasses.surname != 0,
               let taken = knownName(r, start, count, known) {
                joinTokens(from: w, through: r + taken - 1, &r, &w, &start)
                continue
            }
            if placeFirsts >> ((UInt64(scalars[start]) &- 0x3400) & 63) & 1 != 0,
               let last = knownPlace(r, start, count, known) {
                joinTokens(from: w, through: last, &r, &w, &start)
                continue
            }
            copyToken(&r, &w, &start)
        }
        return w
    }

    /// How many tokens from `r` (a surname at `start`) spell a known name, or nil: single
    /// characters, or one ICU word as the given name (陈|立群).
    private func knownName(_ r: Int, _ start: Int, _ count: Int, _ known: [UInt64]) -> Int? {
        if wordGivenName(r + 1, count) && known.contains(key(start, Int(path[r + 1].end))) { return 2 }
        var length = 3  // the longer one first
        while length >= 2 {
            let last = r + length - 1
            if last < count {
                var singles = true
                for i in (r + 1)...last where !givenCharacter(i, count) { singles = false }
                if singles && known.contains(key(start, Int(path[last].end))) { return length }
            }
            length -= 1
        }
        return nil
    }

    /// The last of two tokens or more from `r` (at `start`) that spell a known place, or nil.
    private func knownPlace(_ r: Int, _ start: Int, _ count: Int, _ known: [UInt64]) -> Int? {
        var last = r
        while last < count {
            let e = Int(path[last].end)
            if e - start > 4 { return nil }
            if path[last].edge >= 0 && isUser[Int(path[last].edge)] { return nil }
            if last > r && e - start >= 3 && known.contains(placeKey(start, e)) {
                // Not a level word (安吉县|级).
                if last + 1 < count {
                    let after = range(last + 1)
                    if after.count == 1 && Names.levelWordEnds.contains(scalars[after.lowerBound]) { return nil }
                }
                return last
            }
            last += 1
        }
        return nil
    }

    /// The bit that marks a place's key among the known names (names' keys never have it).
    static let placeTag: UInt64 = 1 << 63

    /// A place of three or four characters of U+3400–U+B3FF as a key (15 bits a character
    /// from U+3400, the first character highest, the length above them, then `placeTag`), or
    /// `.max` for another string.
    @inline(__always)
    func placeKey(_ s: Int, _ e: Int) -> UInt64 {
        guard (3...4).contains(e - s) else { return .max }
        var k: UInt64 = 0
        for i in 0..<4 {
            k <<= 15
            if s + i < e {
                let v = scalars[s + i]
                guard v >= 0x3400 && v < 0x3400 + 0x8000 else { return .max }
                k |= UInt64(v - 0x3400)
            }
        }
        return Self.placeTag | UInt64(e - s) << 60 | k
    }

    func emit(_ w: Int, end: Int32) -> Int {
        path[w] = Worker.PathStep(end: end, edge: Worker.Edge.joined)
        return w + 1
    }

    /// Token `i`'s range in the unread part of the path.
    @inline(__always)
    func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(path[i - 1].end))..<Int(path[i].end)
    }

    /// Is token `i` (unread) one ICU character that may be part of a given name?
    @inline(__always)
    func givenCharacter(_ i: Int, _ count: Int) -> Bool {
        guard i < count, path[i].edge < 0 else { return false }
        let r = range(i)
        return r.count == 1 && ScalarClass.isHan(scalars[r.lowerBound]) && !has(scalars[r.lowerBound], CharacterClasses.notInNames)
    }

    /// How many tokens from `i` (a surname) form a person's name, or nil.
    private func personName(_ i: Int, _ start: Int, _ count: Int, _ w: Int) -> Int? {
        guard i + 1 < count else { return nil }
        // The cheap tests first: the cues (table lookups) only for a surname followed by
        // what could be a given name.
        if givenCharacter(i + 1, count) {
            if followedByCue(i + 2, count) { return 2 }
            if givenCharacter(i + 2, count) {
                guard !foreignRunGoesOn(i, tokens: 3, count) else { return nil }  // 总统|马|塔|雷|拉
                return precededByCue(w, start) || followedByCue(i + 3, count) || listGoesOn(i + 3, count)
                    || bareName(i + 3, w, start, count) ? 3 : modelName(i, w, start, count, most: 2)  // no cue: `Worker+NameModel.swift`
            }
            // A second given character ICU glued to a function character (吴|玉|良作).
            if let glued = gluedGivenName(i, w, start, count) { return glued }
            // A two-character name after a title, ending a clause (记者 李豪。).
            return endsClause(i + 2, count) && precededByCue(w, start) ? 2 : modelName(i, w, start, count, most: 1)
        }
        // A given name ICU keeps as one word (刘|建国, 陈|立群): a real word, so only after a
        // title or before a title or a verb of saying (陈立群表示), never a title or cue
        // itself (周|总理, 郭|师傅), and not after surnames that are everyday words (曾|警告,
        // 方|谈判).
        // Before a cue, not after a single character (the surname would end its word:
        // 淡水河|谷|公司|表示, 科|莫|提醒) and not before 等, which follows lists of nouns
        // (农|林|渔业|等).
        // A word of the lexicon may be the given name too (陈|铁军, 蔡|发文: 11-vocabulary's
        // words that ICU splits; names22), and after an ambiguous surname only a title before it
        // or the model, with a higher margin (石|智勇|是: names22).
        guard wordGivenName(i + 1, count), !foreignRunGoesOn(i, tokens: 2, count) else { return nil }
        let ambiguous = Names.ambiguousSurnames.contains(scalars[start])
        if !ambiguous {
            if precededByCue(w, start) { return 2 }
            if (followedByCue(i + 2, count) && !singleHanWritten(w, start) && !isDeng(i + 2, count)) || bareName(i + 2, w, start, count) { return 2 }
        } else if !Names.verbSurnames.contains(scalars[start]) && precededByTitle(w, start) {
            // After a title, the model with a margin far lower (行长 金立群, 院长 周孝信; names22).
            return path[i + 1].edge == Worker.Edge.base ? modelWordName(i, w, start, count, margin: NameModel.marginTitledAmbiguousWord) : nil
        }
        let margin = ambiguous ? NameModel.marginAmbiguousWord
            : insideList(i + 2, start, count) ? NameModel.marginListWord : NameModel.marginWord
        return modelWordName(i, w, start, count, margin: margin)  // no cue: `Worker+NameModel.swift`
    }

    /// Is the written token before `start` (the last written, at `w - 1`) one Han character?
    private func singleHanWritten(_ w: Int, _ start: Int) -> Bool {
        guard w > 0 else { return false }
        let s = w >= 2 ? Int(path[w - 2].end) : 0
        return start - s == 1 && ScalarClass.isHan(scalars[s])
    }

    /// Does the written token before `start` end in a title or role (`precededByCue`, less its
    /// single marks: a byline mark, 、 after a name)?
    private func precededByTitle(_ w: Int, _ start: Int) -> Bool {
        guard w > 0 else { return false }
        let s = w >= 2 ? Int(path[w - 2].end) : 0
        return start - s >= 2 && precededByCue(w, start)
    }

    /// Is token `i` (unread) 等?
    private func isDeng(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return false }
        let r = range(i)
        return r.count == 1 && scalars[r.lowerBound] == Names.deng
    }

    /// Is token `i` (unread) one of ICU's words, or a word of the built-in lexicon, of two Han
    /// characters that may be a given name: none of them a character names avoid, and not
    /// itself a title or a cue? A lexicon word's two characters must both be listed by the
    /// name model (seen in a cued name: not 苏|梅州 or 韩|检方, places and nouns after a list or
    /// before 称).
    private func wordGivenName(_ i: Int, _ count: Int) -> Bool {
        guard i < count, plainWord(i) else { return false }
        let r = range(i)
        guard r.count == 2 && ScalarClass.isHan(scalars[r.lowerBound]) && ScalarClass.isHan(scalars[r.lowerBound + 1])
            && !has(scalars[r.lowerBound], CharacterClasses.notInNames) && !has(scalars[r.lowerBound + 1], CharacterClasses.notInNames)
            && !followedByCue(i, count) && !Names.kinship.contains(key(r.lowerBound, r.upperBound)) else { return false }
        guard path[i].edge >= 0 else { return true }
        let model = NameModel.builtin
        return model.givenScore(scalars[r.lowerBound]) != NameModel.unlisted && model.givenScore(scalars[r.lowerBound + 1]) != NameModel.unlisted
    }

    /// Does the written token before `start` announce a name: a title or role at its end,
    /// a byline mark, or a list mark after a name?
    func precededByCue(_ w: Int, _ start: Int) -> Bool {
        guard w > 0 else { return false }
        let s = w >= 2 ? Int(path[w - 2].end) : 0
        let e = start
        let length = e - s
        if length == 1 {
            let v = scalars[s]
            if Names.bylineMarks.contains(v) { return true }
            if v == 0x3001 && w >= 2 && path[w - 2].edge == Worker.Edge.joined { return true }  // 、
            return false
        }
        return Names.titles.contains(suffixKey(s, e))
    }

    /// Is token `i` (unread) a title, a role or a verb of saying?
    func followedByCue(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return false }
        let r = range(i)
        if r.count == 1 { return Names.afterCharacters.contains(scalars[r.lowerBound]) }
        if r.count <= 3 && Names.afterWords.contains(key(r.lowerBound, r.upperBound)) { return true }
        return r.count >= 2 && Names.titles.contains(suffixKey(r.lowerBound, r.upperBound))
    }

    /// Is token `i` (unread) punctuation, or past the end?
    func endsClause(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return true }
        let r = range(i)
        return ScalarClass.kind(of: scalars[r.lowerBound]) == .punctuation
    }

    /// How many tokens from `i` form a transliterated name, or nil: single characters and
    /// ICU words of up to three characters, all of the transliteration alphabet, two tokens
    /// and three characters or more in all.
    ///
    /// A run that starts with a single character and holds two or more (克|林|顿, 布|林肯,
    /// 阿|姆|斯特朗) is taken as it is. Otherwise its words are most of it (库尔|斯克,
    /// 贝尔|格莱德, 赫尔|松), and a word that names a country, city or people or is an everyday
    /// word (`notTransliterations`: 伊朗|伊斯兰, 巴西|里|约, 森林|里) ends it. A word of three
    /// characters is ICU's own and none of those in either case (雅|格|乌克兰). A run with a
    /// word does not end in a character that is also a preposition, postposition or unit
    /// (阿桑|奇|因, 南疆|内) unless it is of the first kind (普|林西|比), nor begins with one
    /// (西|巴尔|干).
    private func transliteration(_ i: Int, _ count: Int) -> Int? {
        if range(i).count == 1, let taken = transliterationRun(i, count, excluding: false), taken.singles >= 2 {
            return locativeFrame(i, taken.tokens, count) ? nil : taken.tokens  // 把|祖|林|里|的
        }
        guard let taken = transliterationRun(i, count, excluding: true) else { return nil }
        return taken.tokens
    }

    /// The run of `transliteration` from `i` (words of `notTransliterations` end it: all when
    /// `excluding`, those of three characters always), without trailing bound characters
    /// after a word when `excluding`; nil when it is shorter than two tokens or three characters.
    private func transliterationRun(_ i: Int, _ count: Int, excluding: Bool) -> (tokens: Int, singles: Int)? {
        // Nor begins with one before a word (西|巴尔|干).
        if excluding, range(i).count == 1, Names.boundTransliterationSingles.contains(scalars[range(i).lowerBound]) { return nil }
        var j = i
        var characters = 0
        var singles = 0
        var hasWord = false
        var rare = 0       // characters of the rarer alphabet inside the run (`rareInside`)
        var closing = false  // the run ends in a rarer character (`rareCloses`)
        while j < count && path[j].edge < 0 {
            let r = range(j)
            if r.count > 3 { break }
            var ok = true
            for p in r where !has(scalars[p], CharacterClasses.transliteration) { ok = false; break }
            if !ok {
                if rareInside(j, count, after: characters) {
                    rare += 1; singles += 1; characters += 1; j += 1
                    continue
                }
                // A rarer character that closes the run (奥斯瓦尔|多|在, 努库阿洛|法|的: `Worker+Terms.swift`).
                if rareCloses(j, count, after: characters - rare) { closing = true; rare += 1; singles += 1; characters += 1; j += 1 }
                break
            }
            if r.count == 1 {
                singles += 1
            } else {
                if r.count == 3 && path[j].edge != Worker.Edge.base { break }
                if (excluding || r.count == 3) && Names.notTransliterations.contains(key(r.lowerBound, r.upperBound)) { break }
                hasWord = true
            }
            characters += r.count
            j += 1
        }
        // No bound character at the end after a word (阿桑|奇|因).
        while excluding && hasWord && j - i > 2 {
            let r = range(j - 1)
            guard r.count == 1 && Names.boundTransliterationSingles.contains(scalars[r.lowerBound]) else { break }
            j -= 1
            singles -= 1
            characters -= 1
        }
        if excluding && hasWord && j - i == 2 {
            let r = range(j - 1)
            if r.count == 1 && Names.boundTransliterationSingles.contains(scalars[r.lowerBound]) { return nil }
        }
        if rare > 0 && !closing { j = withoutRareEnd(i, j, &singles, &characters, &rare) }
        let taken = j - i
        return taken >= 2 && characters >= 3 && characters - rare >= 3 ? (taken, singles) : nil
    }

    @inline(__always)
    func key(_ s: Int, _ e: Int) -> UInt64 {
        ICURepairs.key(scalars, s, e)
    }

    /// The last two characters' key (titles are two characters: 书记, 省长, 记者).
    @inline(__always)
    private func suffixKey(_ s: Int, _ e: Int) -> UInt64 {
        e - s >= 2 ? key(e - 2, e) : .max
    }
}

/// The tables of `NameJoiner`: common facts of Chinese names and transliteration.
enum Names {
    /// Common single-character surnames; those that are also everyday function words (和, 成,
    /// 时, 向, 全, 应 …) are left out, as a name after them would rarely be missed by the cues.
    static let surnames = (
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍喻祁蒲房滕屈饶牟艾尤阳穆卓吉缪简麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁荣巫寇桑郎甄丛仲虞敖巩佘池查苑迟邝")

    /// Surnames that are also everyday words, taken with a two-character word after them only
    /// by the name model, with a higher margin or after a title (曾|警告 "once warned", 方|谈判,
    /// 高|水平 stay apart; 石智勇, 行长 金立群 join: names22).
    static let ambiguousSurnames = ScalarSet("任曾方高金石白万钱龙包齐易尚宁余周常江毛房简费卫米宗全")
    /// Ambiguous surnames that follow a title as a verb or adverb (同志|任|江苏省委书记, 部长|曾|…):
    /// the only ones a title before them does not make a surname of a word given name (names22).
    static let verbSurnames = ScalarSet("任曾")

    /// Characters that do not occur in given names as ICU's single characters: particles,
    /// pronouns, prepositions, numerals, classifiers, verbs of saying, place suffixes.
    static let notInNames = (
        "的了着地得过在是和与及或等对把被将为由向从以于而并也都就又还再更很最不没无这那其之所有各该此每本某们个位名次说称讲问答指表省市县区镇乡村街路号年月日时分秒上下中内外前后里一二三四五六七八九十百千万亿两零〇几多")

    /// Titles and roles, by their last two characters (省委书记, 副市长 and 本报记者 end in one).
    static let titles = SortedKeys([
        "书记", "记者", "省长", "市长", "县长", "区长", "镇长", "乡长", "州长", "主席", "总理",
        "部长", "主任", "局长", "厅长", "处长", "科长", "院长", "校长", "所长", "社长", "会长",
        "事长", "经理", "委员", "代表", "教授", "院士", "专家", "员长", "书长", "队长", "组长",
        "法官", "察官", "民警", "医生", "老师", "同志", "常委", "讯员", "摄影", "编辑", "作者",
        "选手", "动员", "大使", "言人", "持人", "领导", "干部", "党员", "村民", "居民", "师傅",
        "先生", "女士", "司令", "政委", "军长", "师长", "旅长", "团长", "将军", "上将", "中将",
        "少将", "董事", "总裁", "厂长", "站长", "台长", "行长", "席长", "负责人", "责人",
        // Roles found before names left in characters on the corpus (夫人, 总干事, 航天员,
        // 研究员, 工程师, 被告人, 获得者, 设计师 …).
        "夫人", "干事", "总统", "天员", "究员", "教师", "战士", "程师", "告人", "队员", "得者",
        "小将", "学家", "护士", "计师", "患者", "队友",
    ].map(ICURepairs.key))

    /// Heads that make a dictionary term or place of three characters or more before them a
    /// named plan or zone (生态文明|试验区, 美丽中国|先行区; not 各项|规划). Not 行动, 体系, 计划, 委员会: after a term they are mostly a
    /// modifier's head (健康中国|行动, 医疗保障|体系), which the standard keeps apart.
    static let compoundHeads = SortedKeys(compoundHeadWords.map(ICURepairs.key))
    /// The heads of `compoundHeads`, as written (their first characters are a class of
    /// `CharacterClasses`, the names pass's first test).
    static let compoundHeadWords = [
        "规划", "纲要", "示范区", "试验区", "先行区", "实验区", "先导区", "合作区",
    ]
    /// 综合, which a zone's head may follow as one head (跨境电商|综合|试验区: place20); 综 is
    /// marked `CharacterClasses.compoundHead` with the first characters of `compoundHeadWords`.
    static let comprehensive = ICURepairs.key("综合")
    /// 区, the last character of a zone's head.
    static let qu: UInt32 = 0x533A

    /// Heads that make a dictionary term of three characters or more before them a
    /// responsibility system (党风廉政建设|责任制, 粮食安全|责任制: all of the corpus's 29).
    /// Not 体系, 制度, 机制, 行动 (see `NameJoiner`'s rules above).
    static let systemHeads = SortedKeys(systemHeadWords.map(ICURepairs.key))
    /// The heads of `systemHeads`, as written (their first characters join `compoundHead`).
    static let systemHeadWords = ["责任制"]
    /// Last characters of adjectives, which a system head does not make a term (常态化|责任制).
    static let adjectiveEnds = ScalarSet("性化")

    /// Suffixes of `suffixes` that also begin words (制导, 制售, 权益): joined only when no
    /// single character follows them.
    static let boundSuffixes = ScalarSet("制权")

    /// Suffixes of a place ICU leaves alone after its body (安吉|县).
    static let placeSuffixes = ScalarSet(placeSuffixCharacters)
    /// The characters of `placeSuffixes` (a class of `CompoundClasses`).
    static let placeSuffixCharacters = "市县区旗镇乡"
    /// Last characters of a place with its own suffix, which announces a place after it
    /// (浙江省, 湖州市, 新疆维吾尔自治区, 黔东南州, 阿拉善盟, 某某县).
    static let parentSuffixes = ScalarSet("省市区州县盟旗")
    /// Characters after a place suffix that make it a level word (市级, 县域, 区县, 市县).
    static let levelWordEnds = ScalarSet("级域县市区镇乡")

    /// The heads of a named meeting (全国教育|大会, 中央城市工作|会议).
    static let meetingHeads = SortedKeys(["会议", "大会", "座谈会"].map(ICURepairs.key))
    /// The heads of a named meeting or body, as written (their first characters are a class
    /// of `CompoundClasses`).
    static let namedHeadWords = ["会议", "大会", "座谈会", "委员会", "领导小组"]
    /// A body's heads: 委员会, and 领导小组 in two keys (a key holds three characters).
    static let committee = ICURepairs.key("委员会")
    /// The first half of 领导小组.
    static let leading = ICURepairs.key("领导")
    /// The second half of 领导小组.
    static let group = ICURepairs.key("小组")
    /// The words that begin a named meeting or body.
    static let meetingPrefixes = SortedKeys(["中央", "全国"].map(ICURepairs.key))
    /// The words that begin a named body only (国家|反恐|委员会, 国务院|西部地区|开发|领导小组).
    static let bodyPrefixes = SortedKeys(["国家", "国务院"].map(ICURepairs.key))
    /// The short names of the province-level units, which announce a place after them
    /// (浙江|安吉|县) as a full name does.
    static let provinces = SortedKeys([
        "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
        "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州",
        "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
    ].map(ICURepairs.key))
    /// Determiners, level characters and 一, which no place's body holds (湖南|各地|市, 三省|市,
    /// 乌鲁木齐市|一早|市).
    static let notInPlaces = ScalarSet("各该此每本某其这那等诸省市县区乡镇一")
    /// 大 before a level character, which makes a ranking, not a place (安徽|产|粮|大|县 "a
    /// large grain county"; not 强: 枣强县, 武强县 are counties).
    static let notPlaceBodyEnds = ScalarSet("大")
    /// Determiners, quantities and qualifiers, which are no place's body (浙江省|部分|县,
    /// 全省|贫困|县).
    static let notPlaceBodies = SortedKeys([
        "部分", "所有", "各个", "等地", "全部", "其他", "其余", "周边", "相关", "有关", "多个", "一些", "沿线", "试点", "重点", "贫困", "脱贫",
    ].map(ICURepairs.key))
    /// 自 and 治, which begin an autonomous place's suffix (自治县).
    static let zi: UInt32 = 0x81EA
    /// 治.
    static let zhi: UInt32 = 0x6CBB
    /// 族, after an ethnic name (土家族).
    static let zu: UInt32 = 0x65CF
    /// The level characters after 自治 (自治县, 自治州, 自治旗; the autonomous regions are
    /// lexicon entries).
    static let autonomousLevels = ScalarSet("县州旗")
    /// The names of China's peoples that autonomous places bear (without 族), and 各 (龙胜各族
    /// 自治县). A name of one character is taken with 族 only (回族, 白族); longer ones also
    /// without it (博尔塔拉蒙古自治州, 塔什库尔干塔吉克自治县).
    static let ethnicNames: [[UInt32]] = [
        "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
        "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "拉祜", "水", "东乡", "纳西",
        "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯",
        "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固",
        "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各",
    ].map { $0.unicodeScalars.map(\.value) }.sorted { $0.count > $1.count }

    /// The length of the longest ethnic name of `minimum` characters or more that ends at
    /// `end` in `scalars`, or nil.
    static func ethnicName(endingAt end: Int, in scalars: UnsafeBufferPointer<UInt32>, minimum: Int) -> Int? {
        for name in ethnicNames where name.count >= minimum && name.count <= end {
            var same = true
            for (i, v) in name.enumerated() where scalars[end - name.count + i] != v { same = false; break }
            if same { return name.count }
        }
        return nil
    }
    /// Characters no autonomous place's body holds: determiners, level characters, particles,
    /// prepositions and verbs of motion (在|巴马…, 到|三江…, 全省|各…).
    static let notInAutonomousBodies = ScalarSet(
        "各该此每本某其这那等诸省市县区乡镇一的了着地得过在是与及或对把被将为由向从以于而并也就又还再很最不没无之所有们个位名次说称讲问答到去来往赴至距离近经沿临和")
    /// Conjunctions, which end a body read past two characters (巍山…自治县|与|漾濞…; 和 is
    /// in `notInAutonomousBodies`).
    static let notBeforeAutonomousBodies = ScalarSet("与及同跟")
    /// 和, between two topic words (发展和改革).
    static let conjunction: UInt32 = 0x548C
    /// 第, which begins an ordinal, never a topic (第一|次|会议).
    static let ordinal: UInt32 = 0x7B2C
    /// Words before a meeting's head that are not its topic: verbs of holding or attending a
    /// meeting, determiners, bodies whose sessions are numbered (全国|委员会|…|会议) and
    /// adjectives of importance (中央|重要|会议).
    static let notTopics = SortedKeys([
        "召开", "举行", "举办", "参加", "出席", "列席", "主持", "贯彻", "落实", "实施", "提交",
        "提请", "通过", "审议", "筹备", "有关", "各地", "各级", "这次", "本次", "此次", "专门",
        "全体", "常务", "委员会", "成员", "以及", "一次", "期间", "相关", "重要", "主要", "专题",
    ].map(ICURepairs.key))

    /// One-token cues after a name: verbs of saying and 等.
    static let afterWords = SortedKeys([
        "表示", "指出", "强调", "介绍", "认为", "告诉", "说道", "坦言", "透露", "回忆", "等人",
        "一行", "同志", "主持", "出席", "会见", "会见了", "率团", "带队", "致辞", "讲话",
    ].map(ICURepairs.key))

    /// Kinship words after a surname, which PKU keeps apart (麦|婆婆, 陆|大姐, 赵|大爷).
    static let kinship = SortedKeys([
        "大姐", "大哥", "大爷", "大妈", "大娘", "大婶", "大叔", "婆婆", "阿姨", "奶奶", "爷爷",
        "阿婆", "阿公", "伯伯", "叔叔", "姐姐", "哥哥", "妹妹", "弟弟", "老汉", "老伯",
    ].map(ICURepairs.key))
    /// 等, after a list of nouns (a cue after a name of single characters only).
    static let deng: UInt32 = 0x7B49
    /// One-character cues after a name (摄 of a photograph's byline: 记者王伟摄).
    static let afterCharacters = ScalarSet("说称等摄")

    /// Suffixes that make a word of the two-character word before them (PKU keeps 积极性,
    /// 现代化, 工作者, 世界观, 增长率, 服务业, 孩子们 whole). Left out because they also begin
    /// or are words after a two-character word: 家 (回到|家), 学, 所, 会, 站, and 人 (很多|人,
    /// 促进|人与自然: the agent nouns 负责人, 领导人 are vocabulary entries instead). 制 and 权
    /// (负责制, 知情权) only when no single character follows (`boundSuffixes`).
    static let suffixes = ("性化者观率型式界感力度员业区机局法们制权")

    /// Byline marks that precede a reporter's name (□王志宏).
    static let bylineMarks = ScalarSet("□■●▲◆★◎")

    /// Characters of transliterated foreign names and places that rarely stand alone in
    /// Chinese text (common words such as 东, 多, 法, 华, 金, 明, 文 are left out).
    static let transliteration = (
        "阿埃艾安奥巴拜邦贝比彼波伯博布查达戴丹德迪蒂丁杜厄恩尔菲费芬弗福盖冈戈格贡古哈汉赫亨霍吉基加杰捷卡凯坎康柯科克肯库夸奎拉莱赖兰朗劳勒雷黎里利莉丽廉列林琳龙卢鲁伦罗洛马玛迈麦曼芒梅门蒙孟米密莫默姆穆纳娜奈南内尼涅努诺欧帕潘庞佩彭皮普奇齐契恰乔切钦琼丘热若撒萨塞赛桑瑟森沙莎珊舍什施斯松苏索塔泰坦汤唐特提汀图托瓦旺威韦维温沃乌伍西希锡夏辛休雅亚扬耶伊因尤约泽扎詹兹佐茨琴蕾娃妮黛薇茜瑙连顿夫卜罕疆戎"
        // Found inside runs of the alphabet on the corpus (尤祖姆居, 内贾德, 波罗申科, 普拉昌达,
        // 布热津斯基, 科摩罗, 阿济莫夫, 卡舒吉, 施耐德, 曼彻斯特, 马萨诸塞, 奥廷加, 格拉西缅科,
        // 斯派塞, 威斯敏斯特, 汉班托塔; 奥比昂, 普密蓬, 威马逊, 安提瓜), each read there: no
        // everyday word stands alone in them. Not 士 (基辛格|博士 would join: X博士).
        + "祖贾申昌津摩济舒耐彻诸廷缅派敏班昂蓬逊瓜")
}

extension Names {
    /// Countries' names that both the transliteration pass (`notTransliterations`: a run ends
    /// on them) and the country + 城/港/岛 rule (`Terms.countries`) know. Public facts.
    static let countryNames = [
        "伊朗", "伊拉克", "乌克兰", "巴西", "古巴", "沙特", "阿曼", "苏丹", "马里", "蒙古", "印度",
        "叙利亚", "利比亚", "约旦", "也门", "卡塔尔", "科威特", "巴林", "土耳其", "埃及", "突尼斯", "摩洛哥",
        "尼日尔", "加纳", "肯尼亚", "索马里", "南非", "赞比亚", "安哥拉", "刚果", "卢旺达", "乌干达", "尼泊尔",
        "不丹", "缅甸", "泰国", "老挝", "越南", "文莱", "朝鲜", "韩国", "日本", "俄罗斯", "波兰",
        "德国", "法国", "英国", "意大利", "西班牙", "葡萄牙", "希腊", "瑞典", "挪威", "芬兰", "丹麦",
        "荷兰", "比利时", "瑞士", "奥地利", "匈牙利", "捷克", "美国", "加拿大", "墨西哥", "阿根廷", "智利",
        "秘鲁", "乌拉圭", "巴拉圭", "新西兰", "斐济", "以色列", "冰岛", "爱尔兰", "立陶宛", "马耳他", "印尼",
        "菲律宾"
    ]

    /// Words of the transliteration alphabet that end a run of it (`NameJoiner.transliteration`):
    /// names of countries, cities and regions (a place before or after a name: 伊朗|伊斯兰,
    /// 沙特|吉达, 巴西|里约), of peoples and faiths, Chinese provinces and cities, and everyday
    /// words spelled with its characters (施加, 基因, 比赛, 森林). Public facts and common words.
    static let notTransliterations = SortedKeys((countryNames + [
        // Regions.
        "欧盟", "欧洲", "亚洲", "非洲",
        "美洲", "拉美", "欧亚", "南亚", "西亚", "东亚", "中东", "北非", "西非", "东非", "南美", "北美",
        // Cities.
        "莫斯科", "巴黎", "罗马", "马德里", "伦敦", "柏林", "华盛顿", "纽约", "东京", "首尔",
        "德黑兰", "巴格达", "开罗", "基辅", "明斯克", "里约", "雅典", "维也纳", "日内瓦", "迪拜",
        "安卡拉", "利雅得", "多哈", "曼谷", "河内", "马尼拉", "雅加达", "新德里",
        // Peoples and faiths.
        "伊斯兰", "穆斯林", "阿拉伯", "犹太", "基督", "佛教", "拉丁",
        // Chinese provinces, regions and cities.
        "吉林", "西藏", "新疆", "南疆", "北疆", "西安", "拉萨", "南宁", "哈密", "泰安", "西宁",
        "兰州", "福州", "南京", "南昌", "哈尔滨", "安徽", "海南", "云南", "湖南", "河南", "济南",
        // Everyday words.
        "施加", "基因", "比赛", "福利", "密切", "森林", "加密", "雷达", "西南", "东南", "西北",
        "马克思", "乌兰", "热门", "科普", "马列", "默默",
    ]).map(ICURepairs.key))

    /// Words of a place suffix's level that are common nouns (城区, 景区, 社区), never the
    /// glued end of a county's or district's name (`NameJoiner.gluedPlace`).
    static let gluedCommonNouns = SortedKeys([
        "城区", "市区", "郊区", "辖区", "景区", "园区", "社区", "新区", "矿区", "灾区", "牧区", "老区",
        "片区", "小区", "街区", "专区", "特区", "湾区", "林区", "垦区", "营区", "禁区", "校区", "库区",
        "厂区", "军区", "战区", "选区", "苏区", "藏区", "农区", "湖区", "港区", "地区", "县区", "市县",
        "城市", "都市", "集市", "夜市", "早市", "股市", "楼市", "车市", "菜市", "上市", "城镇", "集镇",
        "乡镇", "城乡", "家乡", "故乡", "老乡", "下乡", "返乡", "异乡", "水乡", "他乡",
        "全市", "全县", "全区", "全镇", "全乡", "全旗",
    ].map(ICURepairs.key))
    /// Characters before a glued place word that make a qualifier or ranking of it, not a
    /// name (老|城区, 主|城区, 大|县, 全|市县).
    static let notGluedPlaceBodies = ScalarSet("老主大小全深偏远近旧原")

    /// Single characters of the alphabet that are also prepositions, postpositions or units
    /// (内, 里, 因, 约, 米, 比, 加): no run of mostly words takes them (南疆|内, 米|比赛).
    static let boundTransliterationSingles = ScalarSet("内里因约米比加以西南")
}

/// A small set of word keys (`ICURepairs.key`), sorted: `contains` is a binary search, with no
/// hashing (the tables are consulted on hot paths, per candidate).
struct SortedKeys: Sendable {
    private let keys: [UInt64]
    /// 4,096 bits, one set per key's hash: most keys not in the list stop here, before the
    /// binary search's cache misses (no key in the list is ever stopped).
    private let filter: [UInt64]

    init(_ keys: [UInt64]) {
        self.keys = Array(Set(keys)).sorted()
        var filter = [UInt64](repeating: 0, count: 64)
        for key in self.keys {
            let bit = Self.bit(key)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.filter = filter
    }

    @inline(__always)
    private static func bit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 52) }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        let bit = Self.bit(key)
        if filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == key
    }
}

/// One byte of flags per BMP scalar for the names pass's place and meeting rules, apart from
/// `CharacterClasses` (whose eight flags are taken): the first test of a token reads the next
/// token's first character here, as it reads its `CharacterClasses`.
enum CompoundClasses {
    /// A place suffix (市, 县, 区, 旗, 镇, 乡).
    static let placeSuffix: UInt8 = 1
    /// The first character of a meeting's or a body's head (会议, 大会, 座谈会, 委员会, 领导小组).
    static let meetingHead: UInt8 = 2
    /// 自, which begins an autonomous place's suffix (自治县), and the first characters of a
    /// foreign place's heads that are no place suffix (湾, 海峡, 地带 …: `Provinces.placeHeadFirsts`):
    /// read for the next token only, so a word ending in them (上海, 各地) is not sent on.
    static let autonomy: UInt8 = 4
    /// The first character of a head that makes a term of what precedes it (热线, 调解,
    /// 国家公园, 机关, 们, 观: `Heads.headFirstCharacters`).
    static let termHead: UInt8 = 8
    /// 观, the last character of a worldview (政绩观), which an evaluative modifier may precede;
    /// and the last characters of a plan's heads (划, 要, 例: 规划, 纲要, 条例), read for a token
    /// of two characters or more (`NameJoiner.headFirstPlan`, `placedPlan`, `titledPlan`;
    /// `joinHead` copies the others, 重要 and 计划 among them); and 区, of a zone's head
    /// (示范区: `NameJoiner.namedZone`; 地区, 社区 … copied).
    static let viewEnd: UInt8 = 16
    /// The last character of 国家 or of a modifier of 机关 (`Heads.pairLastCharacters`); one
    /// bit below `pairNext`, which it is shifted onto.
    static let pairLast: UInt8 = 32
    /// The first character of 公园, 文化 or 机关 (`Heads.pairNextCharacters`).
    static let pairNext: UInt8 = 64
    /// A character of the rarer transliteration alphabet (`Names.rareTransliteration`), taken
    /// only inside a run of the alphabet; three bits above `CharacterClasses.transliteration`.
    static let rareTransliteration: UInt8 = 128

    /// The flags, indexed by scalar value below U+10000.
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        for s in Names.placeSuffixCharacters.unicodeScalars { table[Int(s.value)] |= placeSuffix }
        for s in Laws.countryPlaceHeadCharacters.unicodeScalars { table[Int(s.value)] |= placeSuffix }  // 科威特|城
        for s in Provinces.levelCharacters.unicodeScalars { table[Int(s.value)] |= placeSuffix }  // 伊德利卜|省 (`Worker+Provinces.swift`)
        for s in Provinces.placeHeadFirsts.unicodeScalars { table[Int(s.value)] |= autonomy }  // 加沙|地带 (`Worker+Provinces.swift`)
        for word in Names.namedHeadWords {
            if let s = word.unicodeScalars.first { table[Int(s.value)] |= meetingHead }
        }
        table[Int(Names.zi)] |= autonomy
        for s in Heads.headFirstCharacters.unicodeScalars { table[Int(s.value)] |= termHead }
        table[Int(Heads.guan)] |= viewEnd
        for s in Laws.planHeadLastCharacters.unicodeScalars { table[Int(s.value)] |= viewEnd }  // 规划, 纲要, 条例
        table[Int(Laws.qu)] |= viewEnd  // 示范区, 试验区 … (`NameJoiner.namedZone`)
        for s in Heads.pairLastCharacters.unicodeScalars { table[Int(s.value)] |= pairLast }
        for s in Heads.pairNextCharacters.unicodeScalars { table[Int(s.value)] |= pairNext }
        for s in Names.rareTransliteration.unicodeScalars { table[Int(s.value)] |= rareTransliteration }
        return table
    }()
}
