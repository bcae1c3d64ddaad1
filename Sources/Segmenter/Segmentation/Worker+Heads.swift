/// Terms made by a head word of what precedes it, joined by the names pass (`NameJoiner`,
/// `Worker+Names.swift`) from the pieces ICU and the resolver left them in:
///
/// - **Hotlines**: a service number and the words up to 热线 (12315|热线 → 12315热线,
///   12348|公共法律服务|热线); without a number, one word before 热线 (市民|热线), or two when the
///   nearer says what the line does (政务服务|便民|热线, 环保|举报|热线).
/// - **Mediation**: a word before 调解 (商事|调解), or a word and 纠纷/争议 before it
///   (物业|纠纷|调解, 劳动|争议|调解).
/// - **National parks**: a place's name of two to five characters before 国家公园 or
///   国家文化公园 (钱|江|源|国家|公园, 长城|国家|文化|公园).
/// - **Worldviews**: an evaluative modifier before a word ending in 观 (正确|政绩观, 全球|治理观,
///   大|农业观), and a dictionary term before 观 alone (生态文明|观).
/// - **Model bodies**: a campaign's modifier before 机关 (模范|机关, 节约型|机关). Not a
///   category's noun (公安 机关, 监察 机关): the standard keeps those apart.
/// - **Plurals**: a word of three or four characters and 们 (志愿者|们 → 志愿者们), as PKU keeps
///   孩子们 whole.
///
/// Verbs, adverbs, determiners and units are no modifier (拨打|热线, 成功|调解, 推进|国家|公园,
/// 24|小时|热线: `Heads.notModifiers`), nor a function character, classifier, country or a place
/// with its own suffix (以|国家|公园, 首|批|国家|公园, 美国|黄石…, 云南|普达措…: the place before
/// the name stays apart). A word that the suffix rule makes takes 们 or 机关 with it
/// (讲解|员|们, 学习|型|机关).
/// Like the other rules of the pass, these join whole tokens that are not a user's word and
/// never cut one. Each rule starts from the token before the head, found by the first test of
/// `NameJoiner.run` from the head's first character (`CompoundClasses.termHead`), or from a
/// token ending in 观 (`CompoundClasses.viewEnd`); 国家 (公园) and the modifiers of 机关 from
/// their own last character and the next token's first (`CompoundClasses.pairLast`, `pairNext`).
extension NameJoiner {
    /// Applies the head rules alone to token `r` (at `start`), for the tokens that no other rule
    /// may start a join of: joins it with the head and the tokens before it, or copies it;
    /// advances `r`, `w` and `start`. A plan's head (规划, 纲要, 条例, or a dictionary word ending
    /// in one) comes here too, for the named plans of `Worker+Terms.swift` found from the head
    /// (`titledPlan`, `headFirstPlan`, `placedPlan`), and a token ending in 区 for the named zones
    /// (`namedZone`).
    mutating func joinHead(_ r: inout Int, _ w: inout Int, _ start: inout Int, _ count: Int) {
        let end = Int(path[r].end)
        // A pilot zone's head, 示范区 …, with its stem and a left end (`namedZone`, `Worker+Terms.swift`).
        if end - start == 3 && scalars[end - 1] == Laws.qu, let from = namedZone(r, w, start, end) {
            joinTokens(from: from, through: r, &r, &w, &start)
            return
        }
        if end - start == 2 || scalars[end - 1] == Laws.qu {
            // A token of two characters sent here by its last character (`CompoundClasses.viewEnd`:
            // a plan's head, 规划, or 观): a named plan of ICU's words before it (生态|环境|保护|条例,
            // `Worker+Terms.swift`), or, when no head rule sent it too, a copy.
            if end - start == 2 && Laws.beginsPlanHead(scalars[start]) {
                // A title in book-title marks (《|全国|经济|普查|条例|》: `titledPlan`), else a stem.
                if let (from, last) = titledPlan(r, w, start, end, count) {
                    joinTokens(from: from, through: last, &r, &w, &start)
                    return
                }
                if let from = headFirstPlan(r, w, start, end, count) {
                    joinTokens(from: from, through: planOutline(r, key(start, end), count), &r, &w, &start)
                    return
                }
            }
            let after = compoundClasses[Int(min(scalars[min(end, scalars.count - 1)], 0xFFFF))]
            let last = compoundClasses[Int(min(scalars[end - 1], 0xFFFF))]
            if after & CompoundClasses.termHead == 0 && (last & CompoundClasses.pairLast) << 1 & after & CompoundClasses.pairNext == 0 {
                copyToken(&r, &w, &start)
                return
            }
        }
        // A place before a dictionary word ending in a plan's head (辽宁省|优化营商环境条例:
        // `placedPlan`, `Worker+Terms.swift`).
        if end - start >= 4 && Laws.beginsPlanHead(scalars[end - 2]), let from = placedPlan(r, w, start, end) {
            joinTokens(from: from, through: r, &r, &w, &start)
            return
        }
        if let (from, last) = headTerm(r, w, start, end, count) {
            joinTokens(from: from, through: last, &r, &w, &start)
            return
        }
        if end - start >= 3 && scalars[end - 1] == Heads.guan && !isUserToken(path[r].edge), let from = viewModifier(w, start) {
            joinTokens(from: from, through: r, &r, &w, &start)
            return
        }
        copyToken(&r, &w, &start)
    }

    /// Token `r` (`start..<end`) precedes a head (热线, 调解, 国家公园, 国家文化公园, 观, 机关, 们)
    /// that makes a term of it and, for some heads, of written tokens before it: returns the
    /// write index where the term starts and the last unread token of the head, or nil.
    func headTerm(_ r: Int, _ w: Int, _ start: Int, _ end: Int, _ count: Int) -> (from: Int, last: Int)? {
        guard r + 1 < count, end - start >= 1, !isUserToken(path[r].edge),
              path[r].edge != Worker.Edge.remainder else { return nil }
        // 国家 itself, before 公园 or 文化|公园: the park's name is written before it.
        if end - start == 2 && key(start, end) == Heads.state { return nationalPark(r, w, start, count) }
        let headEnd = Int(path[r + 1].end)
        let headLength = headEnd - end
        let first = scalars[end]
        if headLength == 1 {
            guard path[r + 1].edge == Worker.Edge.base else { return nil }
            if first == Heads.men {
                // 志愿者|们: a word of three or four Han characters, not ending in a character names
                // avoid unless it is a dictionary word (人大代表|们; ICU's 代|表 stay apart).
                guard (3...4).contains(end - start), allHan(start..<end),
                      path[r].edge >= 0 || !has(scalars[end - 1], CharacterClasses.notInNames) else { return nil }
                return (w, r + 1)
            }
            if first == Heads.guan {
                // 生态文明|观: a dictionary term of three characters or more, not before a
                // single character (观|鸟: 观 begins a word there).
                guard path[r].edge >= 0, end - start >= 3, allHan(start..<end),
                      !(r + 2 < count && range(r + 2).count == 1 && ScalarClass.isHan(scalars[headEnd])) else { return nil }
                return (w, r + 1)
            }
            return nil
        }
        guard headLength == 2, !isUserToken(path[r + 1].edge) else { return nil }
        let head = key(end, headEnd)
        if head == Heads.hotline { return hotline(r, w, start, end) }
        if head == Heads.mediation { return mediation(r, w, start, end) }
        if head == Heads.institution {
            // 模范|机关, 节约型|机关.
            let k = key(start, end)
            guard Heads.institutionModifiers.contains(k)
                    || (end - start == 3 && scalars[end - 1] == Heads.xing && allHan(start..<end)
                        && !Heads.notModifiers.contains(key(start, end - 1))) else { return nil }
            return (w, r + 1)
        }
        return nil
    }

    /// After a word the suffix rule makes (ending at `at`, its suffix at `at - 1`): 1 when
    /// token `i` is 们 (讲解|员|们), or 机关 after 型 (学习|型|机关), else 0.
    func suffixHead(_ i: Int, _ at: Int, _ count: Int) -> Int {
        guard i < count, path[i].edge == Worker.Edge.base || path[i].edge >= 0, !isUserToken(path[i].edge) else { return 0 }
        let piece = range(i)
        if piece.count == 1 && scalars[at] == Heads.men && path[i].edge == Worker.Edge.base { return 1 }
        if piece.count == 2 && scalars[at - 1] == Heads.xing && key(piece.lowerBound, piece.upperBound) == Heads.institution { return 1 }
        return 0
    }

    /// Token `r` (`start..<end`, of three characters or more) ends in 观: returns the write index
    /// of an evaluative modifier written before it (正确|政绩观), or of ICU's single 大 (大|农业观:
    /// the "big picture" view), or nil.
    func viewModifier(_ w: Int, _ start: Int) -> Int? {
        guard w >= 1 else { return nil }
        let s = w >= 2 ? Int(path[w - 2].end) : 0
        let edge = path[w - 1].edge
        guard edge != Worker.Edge.remainder, !isUserToken(edge) else { return nil }
        if start - s == 1 { return edge == Worker.Edge.base && scalars[s] == Heads.da ? w - 1 : nil }
        guard start - s == 2, Heads.viewModifiers.contains(key(s, start)) else { return nil }
        return w - 1
    }

    /// 热线 after token `r`: a service number of five or six digits (12315, 96110) before it and
    /// up to three words between; or one word before it, two when the nearer is a line's
    /// function (服务, 便民, 举报 …).
    private func hotline(_ r: Int, _ w: Int, _ start: Int, _ end: Int) -> (from: Int, last: Int)? {
        if serviceNumber(start..<end) { return (w, r + 1) }
        guard modifierWord(start..<end, path[r].edge) else { return nil }
        // Up to three words back to a number.
        var i = w - 1
        var words = 1
        var characters = 2 + (end - start)
        while i >= 0 && words <= 3 {
            let piece = writtenRange(i)
            characters += piece.count
            if characters > 16 { break }
            if serviceNumber(piece) { return (i, r + 1) }
            guard modifierWord(piece, path[i].edge) else { break }
            words += 1
            i -= 1
        }
        // No number: the word before, and one more when it is a line's function.
        if end - start <= 3 && Heads.lineFunctions.contains(key(start, end)) {
            guard w >= 1, modifierWord(writtenRange(w - 1), path[w - 1].edge) else { return nil }
            return (w - 1, r + 1)
        }
        return (w, r + 1)
    }

    /// 调解 after token `r`: a word, or a word and 纠纷/争议 (or a word ending in 纠纷, 矛盾纠纷).
    private func mediation(_ r: Int, _ w: Int, _ start: Int, _ end: Int) -> (from: Int, last: Int)? {
        guard modifierWord(start..<end, path[r].edge), !mediator(start..<end) else { return nil }
        let dispute = end - start >= 2 && Heads.disputes.contains(key(end - 2, end))
        if dispute && end - start == 2 {
            // 物业|纠纷|调解: the word before 纠纷 names the dispute.
            guard w >= 1, modifierWord(writtenRange(w - 1), path[w - 1].edge) else { return nil }
            return (w - 1, r + 1)
        }
        return (w, r + 1)
    }

    /// Token `r` (at `start`) is 国家, before 公园 or 文化|公园, and the written tokens before it
    /// are a place's name of two to five characters in whole tokens (ICU's words or single
    /// characters), none a function character, classifier, verb or place with its own suffix.
    private func nationalPark(_ r: Int, _ w: Int, _ start: Int, _ count: Int) -> (from: Int, last: Int)? {
        // The rest of the head: 公园, or 文化 and 公园.
        var last = r + 1
        guard last < count, path[last].edge == Worker.Edge.base || path[last].edge >= 0 else { return nil }
        var piece = range(last)
        if piece.count == 2 && key(piece.lowerBound, piece.upperBound) == Heads.culture {
            last += 1
            guard last < count else { return nil }
            piece = range(last)
        }
        guard piece.count == 2, key(piece.lowerBound, piece.upperBound) == Heads.park,
              !isUserToken(path[last].edge) else { return nil }
        var from = w
        var nameStart = start
        while from >= 1 {
            let s = writtenRange(from - 1)
            guard start - s.lowerBound <= 5, parkPiece(s, path[from - 1].edge) else { break }
            from -= 1
            nameStart = s.lowerBound
        }
        guard start - nameStart >= 2 else { return nil }
        return (from, last)
    }

    /// Can a token be part of a national park's name: Han characters, not a user's word, a
    /// verb, a determiner or a place with its own suffix or a province's short name (the place
    /// before the name), nor one character that is a function character or a classifier?
    private func parkPiece(_ piece: Range<Int>, _ edge: Int32) -> Bool {
        guard edge != Worker.Edge.remainder, !isUserToken(edge), allHan(piece) else { return false }
        if piece.count == 1 {
            let v = scalars[piece.lowerBound]
            return !has(v, CharacterClasses.notInNames) && !has(v, CharacterClasses.classifier)
                && !Heads.notInModifiers.contains(v) && !Names.notInAutonomousBodies.contains(v)
                && !Heads.notParkSingles.contains(v)
        }
        if piece.count <= 3 && (Heads.notModifiers.contains(key(piece.lowerBound, piece.upperBound))
                                || Names.provinces.contains(key(piece.lowerBound, piece.upperBound))
                                || Names.notTransliterations.contains(key(piece.lowerBound, piece.upperBound))) { return false }
        for p in piece where Heads.notInModifiers.contains(scalars[p]) { return false }
        return !((edge >= 0 || edge == Worker.Edge.joined) && Names.parentSuffixes.contains(scalars[piece.upperBound - 1]))
    }

    /// Can a token be a head's modifier: a word of two to eight Han characters, not a user's
    /// word, none of `Heads.notInModifiers`, and no verb, adverb, determiner or unit of
    /// `Heads.notModifiers`?
    private func modifierWord(_ piece: Range<Int>, _ edge: Int32) -> Bool {
        guard (2...8).contains(piece.count), edge != Worker.Edge.remainder, !isUserToken(edge), allHan(piece) else { return false }
        for p in piece where Heads.notInModifiers.contains(scalars[p]) { return false }
        return !(piece.count <= 3 && Heads.notModifiers.contains(key(piece.lowerBound, piece.upperBound)))
    }

    /// Is `piece` one who mediates rather than a kind of mediation: a country, city or people
    /// (俄罗斯|调解: `Names.notTransliterations`), or a person called by 老 or 小 and a surname
    /// (老杨|调解)?
    private func mediator(_ piece: Range<Int>) -> Bool {
        if piece.count <= 3 && Names.notTransliterations.contains(key(piece.lowerBound, piece.upperBound)) { return true }
        let first = scalars[piece.lowerBound]
        return piece.count == 2 && (first == Heads.lao || first == Heads.xiao)
            && has(scalars[piece.lowerBound + 1], CharacterClasses.surname)
    }

    /// Is `piece` a service number: five or six ASCII digits, the first 1 or 9 (12345, 96110)?
    private func serviceNumber(_ piece: Range<Int>) -> Bool {
        guard (5...6).contains(piece.count) else { return false }
        let first = scalars[piece.lowerBound]
        guard first == 0x31 || first == 0x39 else { return false }
        for p in piece where !ScalarClass.isASCIIDigit(scalars[p]) { return false }
        return true
    }

    /// Written token `i`'s range.
    @inline(__always)
    private func writtenRange(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(path[i - 1].end))..<Int(path[i].end)
    }

    @inline(__always)
    private func allHan(_ piece: Range<Int>) -> Bool {
        for p in piece where !ScalarClass.isHan(scalars[p]) { return false }
        return true
    }

    /// Is `edge` a user's dictionary word?
    @inline(__always)
    private func isUserToken(_ edge: Int32) -> Bool {
        edge >= 0 && isUser[Int(edge)]
    }
}

/// The tables of the head rules (`NameJoiner.headTerm`).
enum Heads {
    /// 们.
    static let men: UInt32 = 0x4EEC
    /// 观.
    static let guan: UInt32 = 0x89C2
    /// 大, before a worldview (大|农业观, 大|食物观).
    static let da: UInt32 = 0x5927
    /// 老 and 小, before a surname (老杨, 小王).
    static let lao: UInt32 = 0x8001
    /// 小.
    static let xiao: UInt32 = 0x5C0F
    /// 型 (节约型, 学习型: a modifier of a model body).
    static let xing: UInt32 = 0x578B
    /// 热线.
    static let hotline = ICURepairs.key("热线")
    /// 调解.
    static let mediation = ICURepairs.key("调解")
    /// 机关.
    static let institution = ICURepairs.key("机关")
    /// 国家, which begins 国家公园 and 国家文化公园.
    static let state = ICURepairs.key("国家")
    /// 文化, of 国家文化公园.
    static let culture = ICURepairs.key("文化")
    /// 公园.
    static let park = ICURepairs.key("公园")
    /// The first characters of the heads found from the token before them, as written (a class
    /// of `CompoundClasses`): 热线, 调解, 们, 观.
    static let headFirstCharacters = "热调们观"
    /// The last characters of the tokens that begin a head's pair, 国家 (公园) and the
    /// modifiers of 机关 (模范, 清廉, 廉洁, X型), and the first characters of the tokens after
    /// them (公园, 文化, 机关): two classes of `CompoundClasses` tested together, rarer than
    /// either (国 and 机 begin many words).
    static let pairLastCharacters = "家范廉洁型"
    /// See `pairLastCharacters`.
    static let pairNextCharacters = "公文机"

    /// What a line does, which a word before names (政务服务|便民|热线, 环保|举报|热线,
    /// 心理|援助|热线).
    static let lineFunctions = SortedKeys([
        "服务", "便民", "举报", "投诉", "援助", "求助", "救助", "维权", "咨询", "直通", "关爱",
        "报修", "值班", "监察", "资助", "受理", "管理",
    ].map(ICURepairs.key))
    /// 纠纷 and 争议, after the word that names a dispute (物业|纠纷|调解).
    static let disputes = SortedKeys(["纠纷", "争议"].map(ICURepairs.key))
    /// Modifiers that make a worldview a named stance (正确|政绩观, 全球|治理观, 积极|婚育观).
    static let viewModifiers = SortedKeys(["正确", "科学", "积极", "全球", "新型"].map(ICURepairs.key))
    /// Campaign modifiers of 机关 (模范机关, 清廉机关); words ending in 型 are taken too.
    static let institutionModifiers = SortedKeys(["模范", "清廉", "廉洁"].map(ICURepairs.key))

    /// Verbs, adverbs, determiners, quantities and units, which are no head's modifier
    /// (拨打|热线, 开通|热线, 成功|调解, 依法|调解, 推进|国家|公园, 24|小时|热线, 我国|国家|公园).
    static let notModifiers = SortedKeys([
        // Verbs of setting up, running and using a line, a service or a park.
        "拨打", "开通", "设立", "开设", "公布", "接听", "畅通", "通过", "接到", "打通", "启用",
        "强化", "推动", "推进", "完善", "建设", "创建", "开展", "深化", "加快", "加强", "打造",
        "构建", "建立", "启动", "实施", "落实", "提升", "提高", "出台", "纳入", "成为", "进行",
        "参与", "负责", "协助", "帮助", "支持", "组织", "从事", "发挥", "用于", "前往", "申请",
        "申报", "设置", "整合", "优化", "规范", "健全", "探索", "引入", "推广", "依托", "利用",
        "位于", "包括", "属于", "涉及", "联系", "回复", "变成", "觉得", "介入", "经过", "需要",
        "进入", "走进", "来到", "参观", "游览", "考察", "调研", "视察",
        // Modal and control verbs (联合国|愿意|调解).
        "愿意", "希望", "能够", "可以", "应当", "应该", "必须", "继续", "开始", "同意", "拒绝",
        "试图", "尝试", "努力", "提出", "要求", "呼吁", "准备", "决定", "请求",
        // Adverbs and manner words.
        "依法", "及时", "成功", "认真", "耐心", "主动", "反复", "多次", "共同", "联合", "积极",
        "亲自", "专门", "义务", "居中", "出面", "正在", "已经", "曾经", "就是", "还是", "各方",
        "双方", "多方", "最终", "随后", "同时", "一起", "免费", "直接", "首次", "再次",
        // Determiners, quantities, units and places too general to name.
        "小时", "分钟", "全天", "我国", "中国", "全国", "各地", "各级", "这些", "这个", "那个",
        "一个", "多个", "多部", "各个", "所有", "其他", "有关", "相关", "部分", "一批", "首批",
        "现有", "全部", "专用", "任何", "方面", "局势", "小组", "制定", "正确",
        // ICU's words of the adverb 就 (就 itself is no character a modifier avoids: 就业).
        "就地", "就近", "就要", "就会", "就能", "就将", "就在", "就此", "就把", "早就", "也就", "那就", "这就",
    ].map(ICURepairs.key))
    /// Characters no modifier holds: particles, prepositions, conjunctions, pronouns and
    /// numerals (的, 在, 和, 以, 这, 一 …). Not 就, which begins 就业 (就业|服务|热线): its
    /// adverb's words are in `notModifiers`, and alone it is one character, never a modifier.
    static let notInModifiers = ScalarSet(
        "的了着地得过在是和与及或对把被将为由向从以于而并也都又还再更很最不没无这那其之所各该此每本某们个位名次说称等首批座")
    /// Single characters before a park's name that are verbs (建|…, 让|…, 进|…), not its
    /// first character.
    static let notParkSingles = ScalarSet("建设让属占进入把将用做搞好环省市县区乡镇州盟旗")
}
