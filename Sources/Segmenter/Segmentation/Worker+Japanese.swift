#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Japanese people's names, written in Chinese characters, which ICU leaves as a family name
/// and the pieces of a given name (村山|富|市, 鸠|山|由|纪|夫, 横井|裕) (foreign22).
///
/// In a text that names Japan (日本 anywhere in the call so far: `mentionsJapan`), a
/// common Japanese family name (`JapaneseNames.families`: ICU's word, or two of its single
/// characters) and a given name of one to three characters (ICU's single characters or a word
/// of its own, none a character names avoid) are one token when the given name ends in a
/// character Japanese given names end in (`givenEnds`: 郎, 夫, 雄, 彦, 子 …), or, for a given
/// name of one character (`givenSingles`: 裕, 拓, 晃 …), when a clause end, a list mark or a
/// verb of saying follows it. A name joined is remembered for the rest of the call, and its
/// family name spelt by two single characters is joined alone too (高|市 after 高市|早|苗 … →
/// 高市). Never a dictionary word, a rule token or a piece the resolver cut: the pass reads
/// ICU's own pieces only, and runs before the other names rules, which leave its tokens alone.
extension NameJoiner {
    /// Rewrites the path with Japanese names joined (`japan`: the call names Japan; `known`:
    /// the names joined so far in the call, a family name's key and its given name's key a pair).
    /// Returns the new count.
    @inline(never)
    mutating func joinJapaneseNames(_ count: Int, japan: Bool, known: inout [UInt64]) -> Int {
        // A byte per character (no bounds check on the table, no bit to pick out): the test
        // of every token of a text that names Japan.
        JapaneseNames.firstsTable.withUnsafeBufferPointer { firsts in
            var w = 0, r = 0, start = 0
            while r < count {
                let v = scalars[start]
                if v < 0x10000 && firsts[Int(v)] != 0 {
                    if path[r].edge == Worker.Edge.base, let last = japaneseName(r, start, count, japan: japan, known: &known) {
                        joinTokens(from: w, through: last, &r, &w, &start)
                        continue
                    }
                    if path[r].edge >= 0 { rememberListedName(start, Int(path[r].end), &known) }  // 高市早苗 … 高|市
                }
                // `copyToken`, without its overflow checks (w <= r < count).
                if w != r { path[w] = path[r] }
                start = Int(path[r].end)
                w &+= 1
                r &+= 1
            }
            return w
        }
    }

    /// The last token of a Japanese name from token `r` (at `start`), or nil.
    private func japaneseName(_ r: Int, _ start: Int, _ count: Int, japan: Bool, known: inout [UInt64]) -> Int? {
        // The family name: one ICU word, or two of its single characters.
        var familyLast = -1
        let first = range(r)
        if first.count >= 2 {
            if first.count <= 3 && JapaneseNames.families.contains(key(first.lowerBound, first.upperBound)) { familyLast = r }
        } else if r + 1 < count && path[r + 1].edge == Worker.Edge.base && range(r + 1).count == 1
                    && JapaneseNames.families.contains(key(start, start + 2)) {
            familyLast = r + 1
        }
        guard familyLast >= 0 else { return nil }
        let family = key(start, Int(path[familyLast].end))
        // The given name: the longest of one to three characters that may be one.
        var characters = 0
        var i = familyLast + 1
        var best = -1
        var bestKey: UInt64 = 0
        // Its first character no particle, preposition or numeral (安倍|等人, 福岛|第一),
        // but those Japanese given names begin with (由纪夫, 五典, 一郎).
        let givenStart = Int(path[familyLast].end)
        if givenStart < scalars.count {
            let initial = scalars[givenStart]
            if has(initial, CharacterClasses.notInNames) && !JapaneseNames.givenInitials.contains(initial) || initial == JapaneseNames.di { i = count }
        }
        while i < count && path[i].edge == Worker.Edge.base {
            let piece = range(i)
            characters += piece.count
            if characters > 3 { break }
            var ok = true
            for p in piece where !ScalarClass.isHan(scalars[p]) { ok = false; break }
            if !ok { break }
            let given = key(givenStart, piece.upperBound)
            let end = scalars[piece.upperBound - 1]
            // An everyday word is no given name (铃木|公司, 福岛|疫苗), nor begins one (高|市|机场|也).
            if piece.count >= 2 && JapaneseNames.everydayWords.contains(key(piece.lowerBound, piece.upperBound)) { break }
            let afterWord = i > familyLast + 1 && range(i - 1).count >= 2
            if knownPair(family, given, known) {
                best = i; bestKey = given
            } else if japan {
                if characters >= 2 && JapaneseNames.givenEnds.contains(end) && !afterWord
                    && !(piece.count == 1 && JapaneseNames.wordOnlyEnds.contains(end)) {
                    best = i; bestKey = given
                } else if characters == 1 && JapaneseNames.givenSingles.contains(end) && closesGivenName(i + 1, count) {
                    best = i; bestKey = given
                }
            }
            i += 1
        }
        if best >= 0 {
            if !knownPair(family, bestKey, known) { known.append(family); known.append(bestKey) }
            return best
        }
        // The family name alone, spelt by two single characters, when the call has named its bearer.
        if familyLast == r + 1 && knownFamily(family, known) { return familyLast }
        return nil
    }

    /// Remembers a dictionary word `s..<e` that is a Japanese name (高市早苗, 岸田文雄: a family
    /// name of `JapaneseNames.families` and a given name of two or three characters ending in
    /// one of `givenEnds`), so that its family name alone is joined later in the call.
    private func rememberListedName(_ s: Int, _ e: Int, _ known: inout [UInt64]) {
        guard (4...5).contains(e - s), JapaneseNames.givenEnds.contains(scalars[e - 1]) else { return }
        for familyLength in 2...3 where e - s - familyLength >= 2 {
            let family = key(s, s + familyLength)
            guard JapaneseNames.families.contains(family) else { continue }
            let given = key(s + familyLength, e)
            if !knownPair(family, given, known) { known.append(family); known.append(given) }
            return
        }
    }

    /// Does token `i` (unread) close a one-character given name: punctuation or the end, a list
    /// mark or 和, 等, or a verb of saying?
    private func closesGivenName(_ i: Int, _ count: Int) -> Bool {
        guard i < count else { return true }
        let r = range(i)
        if r.count == 1 && Names.afterNameSingles.contains(scalars[r.lowerBound]) { return true }
        return endsClause(i, count) || followedByCue(i, count)
    }

    /// Is `family` with `given` among the `known` pairs?
    private func knownPair(_ family: UInt64, _ given: UInt64, _ known: [UInt64]) -> Bool {
        var k = 0
        while k + 1 < known.count {
            if known[k] == family && known[k + 1] == given { return true }
            k += 2
        }
        return false
    }

    /// Is `family` the family name of one of the `known` pairs?
    private func knownFamily(_ family: UInt64, _ known: [UInt64]) -> Bool {
        var k = 0
        while k + 1 < known.count {
            if known[k] == family { return true }
            k += 2
        }
        return false
    }
}

/// The tables of `NameJoiner.joinJapaneseNames`: public facts of Japanese names.
enum JapaneseNames {
    /// Common Japanese family names of two or three characters, and those of Japanese public
    /// figures (Simplified forms, as Chinese news writes them).
    static let familyNames: [String] = [
        "佐藤", "铃木", "高桥", "田中", "伊藤", "渡边", "山本", "中村", "小林", "加藤", "吉田", "山田",
        "佐佐木", "山口", "松本", "井上", "木村", "斋藤", "清水", "山崎", "池田", "桥本", "阿部", "石川",
        "山下", "中岛", "石井", "小川", "前田", "冈田", "长谷川", "藤田", "后藤", "近藤", "村上", "远藤",
        "青木", "坂本", "福田", "太田", "西村", "藤井", "金子", "冈本", "藤原", "中野", "三浦", "原田",
        "中川", "松田", "竹内", "小野", "田村", "中山", "和田", "石田", "森田", "上田", "柴田", "酒井",
        "工藤", "横山", "宫崎", "宫本", "内田", "高木", "安藤", "岛田", "谷口", "大野", "高田", "丸山",
        "今井", "河野", "藤本", "村田", "武田", "上野", "杉山", "增田", "小山", "大冢", "平野", "菅原",
        "久保", "松井", "千叶", "岩崎", "樱井", "木下", "野口", "松尾", "菊地", "野村", "新井", "渡部",
        "岸田", "石破", "高市", "安倍", "野田", "鸠山", "村山", "小泉", "麻生", "小渊", "细川", "羽田",
        "海部", "宇野", "竹下", "中曾根", "大平", "三木", "玄叶", "前原", "枝野", "小泽", "二阶", "茂木",
        "上川", "岩屋", "中谷", "小野寺", "稻田", "小池", "玉木", "志位", "森本", "横井", "丹羽", "甘利",
        "西田", "船桥", "福山", "辻元", "野中", "宫泽", "河村", "町村", "高村", "额贺", "北泽", "浜田",
        "森山", "细田", "萩生田", "世耕", "松野", "木原", "宫下", "武藤", "大岛", "伊吹", "尾身", "逢泽",
        "赤羽", "山添", "吉川", "片山", "滨田", "岩田", "谷内", "秋山", "北村", "石原", "猪口", "桥下",
        "东条", "板垣", "松冈", "广田", "近卫", "冈村", "田村", "杉山",
    ]

    /// `familyNames` as keys.
    static let families = SortedKeys(familyNames.map(ICURepairs.key))

    /// The first characters of `familyNames`, 1 at their scalar values (a test per token).
    static let firstsTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        for name in familyNames {
            if let s = name.unicodeScalars.first, s.value < 0x10000 { table[Int(s.value)] = 1 }
        }
        return table
    }()

    /// Characters Japanese given names of two or three characters end in (文雄, 晋三, 由纪夫,
    /// 光一郎, 百合子, 富市); not those that end everyday words after a name too often (平 of
    /// 和平, 和, 一 of 第一, 明, 生).
    static let givenEnds = ScalarSet("郎夫雄彦子美男树太介助也之司二三典久博志人史浩弘敏充纯惠诚辅作市稔宇斗纪景枝奈香穗苗宏裕隆晃茂毅修淳洋亮哲卓忠康雅胜幸健秀昭吾悟哉藏造朗彰")

    /// Ends of `givenEnds` that are particles too: a given name ends in them only as ICU's
    /// word (克也, 博之), never as a single character (安倍|也).
    static let wordOnlyEnds = ScalarSet("也之")

    /// Everyday words ending in one of `givenEnds`, which ICU may leave after a family name
    /// that is also a place or a firm (铃木|公司, 福岛|疫苗, 石川|帮助): no given name.
    static let everydayWords = SortedKeys([
        "公司", "上司", "官司", "孩子", "日子", "分子", "样子", "例子", "院子", "村子", "房子", "妻子", "儿子", "女子", "男子",
        "种子", "电子", "原子", "个人", "大人", "他人", "等人", "别人", "家人", "本人", "工人", "历史", "工作", "合作", "同志",
        "杂志", "意志", "标志", "总之", "城市", "都市", "长久", "持久", "经典", "植树", "真诚", "健康", "取胜", "不幸", "稳健",
        "优秀", "制造", "改造", "西藏", "伊朗", "表彰", "世博", "海洋", "维修", "兴隆", "明亮", "欧美", "完美", "英雄", "疫苗",
        "丈夫", "工夫", "功夫", "中介", "简介", "援助", "帮助", "资助", "协助", "救助", "赞助", "世纪", "战斗", "奋斗", "前景",
        "背景", "优惠", "互惠", "富裕", "觉悟", "无奈", "过敏", "单纯", "创造", "打造", "建造", "营造", "动作", "写作", "操作",
        "著作", "协作", "学子", "游子", "汉子", "老子", "影子", "面子", "天子", "主人", "客人", "商人", "军人", "诗人", "名人",
        "友人", "夫人", "华人", "股市", "楼市", "新市",
    ].map(ICURepairs.key))

    /// Japanese given names of one character (裕, 拓, 晃, 元, 彻 …), taken only before a clause end,
    /// a list mark or a verb of saying.
    static let givenSingles = ScalarSet("裕拓晃元彻宏聪岳敏毅茂修隆浩刚勇彰肇馨薰淳亮哲卓忠")

    /// Characters names avoid (`CharacterClasses.notInNames`) that begin Japanese given names
    /// (由纪夫, 五典, 一郎, 三郎, 千寻).
    static let givenInitials = ScalarSet("由一二三五八千")

    /// 第, which begins an ordinal (福岛|第一|核电站), never a given name.
    static let di: UInt32 = 0x7B2C

    /// Does the text name Japan (日本)? Read in `utf16`, ICU's copy of the folded scalars (one
    /// unit each for 日 and 本, never a surrogate; half the bytes of the scalars), with the C
    /// library's `memchr` (vectorised) on 本, rarer than 日 (every date has one): most texts do
    /// not, and a loop of our own over every character would cost more than the rule.
    @inline(never)
    static func mentionsJapan(_ utf16: [UInt16]) -> Bool {
        utf16.withUnsafeBufferPointer { preceded($0, 0x672C, by: 0x65E5) }  // 本 after 日
    }

    /// Is some `second` in `s` preceded by `first`? `memchr` finds the bytes equal to
    /// `second`'s lowest (a Han character's lowest byte: 1 character in 256 besides `second`),
    /// at a unit's first byte on the little-endian machines we build for (on a big-endian one
    /// it finds none, and the rule does not run: never a wrong join).
    private static func preceded(_ s: UnsafeBufferPointer<UInt16>, _ second: UInt16, by first: UInt16) -> Bool {
        guard let base = s.baseAddress, s.count >= 2 else { return false }
        let bytes = UnsafeRawPointer(base)
        let limit = s.count * 2
        var offset = 2  // the first unit has no previous one
        while offset < limit {
            guard let p = memchr(bytes + offset, Int32(second & 0xFF), limit - offset) else { return false }
            let at = UnsafeRawPointer(p) - bytes
            if at & 1 == 0 && s[at >> 1] == second && s[(at >> 1) - 1] == first { return true }
            offset = at + 1
        }
        return false
    }
}
