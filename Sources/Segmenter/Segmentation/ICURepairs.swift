/// ICU words that the segmentation standard (PKU's, see `../shared/devset/README.md` and
/// `Dictionaries/README.md`) splits, by class:
///
/// - a numeral glued to its classifier or counted noun: 一个, 一批, 三年, 多个, 两国, 七成 →
///   一|个, 一|批 … (the numeral and the classifier are words of their own);
/// - a structural particle glued to its neighbour: 新的, 他的, 最好的, 的是 → 新|的 …,
///   到了, 有了, 了一 → 到|了 …, 肩负着 → 肩负|着, 深深地 → 深深|地;
/// - 是 glued to an adverb, a pronoun or its object: 也是, 都是, 不是, 它是, 是在 → 也|是 ….
///
/// Each class has the words where the character is part of the word kept whole (目的, 的确,
/// 为了, 了解, 随着, 一起 is no numeral + classifier, 就是, 还是 …). The pieces are ordinary
/// ideographic segments: a dictionary word may still join them.
enum ICURepairs {
    /// Where to split the ideographic ICU word `scalars[s..<e]`, or `nil` to keep it;
    /// `classes` is `CharacterClasses.table`.
    @inline(__always)
    static func splitPoint(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int, classes: UnsafeBufferPointer<UInt8>) -> Int? {
        let length = e - s
        if length < 2 || length > 4 { return nil }
        if length == 4, let cut = compoundSplit(scalars, s, e) { return cut }  // 航空|公司 (ICURepairs+Compounds.swift)
        if length == 3, let cut = threeCharacterSplit(scalars, s, e) { return cut }  // 都|没有, 建立|起 (ICURepairs+Threes.swift)
        let first = scalars[s], last = scalars[e - 1]
        let lastClass = CharacterClasses.of(last, in: classes)
        let firstClass = CharacterClasses.of(first, in: classes)
        // Most words: no classifier or particle at the end (是 is a head particle), no particle
        // at the start; one branch.
        let firstMore = CharacterClasses.of(first, in: classes, more: true)
        let lastMore = CharacterClasses.of(last, in: classes, more: true)
        let more = (firstMore & CharacterClasses.moreFirst) | (lastMore & CharacterClasses.moreLast)
        if (lastClass & (CharacterClasses.classifier | CharacterClasses.tailParticle | CharacterClasses.headParticle))
            | (firstClass & CharacterClasses.headParticle) == 0 {
            return more == 0 ? nil : moreSplit(scalars, s, e, firstMore: firstMore, lastMore: lastMore, lastClass: lastClass)
        }
        let cut = particleSplit(scalars, s, e, lastClass: lastClass, firstClass: firstClass)
        if cut == nil && more != 0 {
            return moreSplit(scalars, s, e, firstMore: firstMore, lastMore: lastMore, lastClass: lastClass)
        }
        return cut
    }

    /// The first classes (numeral + classifier, particles, 是).
    @inline(__always)
    private static func particleSplit(
        _ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int, lastClass: UInt8, firstClass: UInt8
    ) -> Int? {
        let first = scalars[s], last = scalars[e - 1]
        if lastClass & CharacterClasses.tailParticle == 0 && last != shi && firstClass & CharacterClasses.headParticle == 0 {
            // No particle and no 是 (which are head particles too): only a numeral with its
            // classifier may be split (most words ending in a classifier, 中国, 市场, 形成, end here).
            if lastClass & CharacterClasses.classifier == 0 { return nil }
            return isNumeral(first) ? numeralSplit(scalars, s, e) : halfSplit(scalars, s, e)
        }
        return split(scalars, s, e, lastClass: lastClass)
    }

    private static func split(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int, lastClass: UInt8) -> Int? {
        let length = e - s
        let first = scalars[s], last = scalars[e - 1]
        if lastClass & CharacterClasses.classifier != 0 && isNumeral(first) {
            return numeralSplit(scalars, s, e)
        }
        if lastClass & CharacterClasses.tailParticle != 0 {
            let key = Self.key(scalars, s, e)
            if keepWhole.contains(key) { return nil }
            if last == de2 {
                // 地 ends an adverb only after a reduplication (深深地, 慢慢地); elsewhere it is
                // a noun's (当地, 根据地).
                return length == 3 && scalars[s] == scalars[s + 1] ? e - 1 : nil
            }
            if last == le, length == 3, scalars[s + 1] == bu { return nil }  // 少不了, 受不了
            return e - 1
        }
        if length == 3 && last == shi && splitShi3.contains(Self.key(scalars, s, e)) { return e - 1 }  // 不仅|是
        if length == 2 {
            if first == de || first == le {
                return keepWhole.contains(Self.key(scalars, s, e)) ? nil : s + 1
            }
            if first == shi || last == shi {
                return splitShi.contains(Self.key(scalars, s, e)) ? s + 1 : nil
            }
        }
        return nil
    }

    /// The classes of `CharacterClasses`'s second half (the first character's or the last
    /// one's flags say whether a word can be one of them, before any lookup):
    ///
    /// - a demonstrative, ordinal or distributive glued to its classifier: 这位, 这次, 本届,
    ///   该项, 首批, 每位, 各个 → 这|位 …; before a numeral, 这几天, 每一件 → 这|几|天 …; and
    ///   个 glued to what it counts, 下个月, 每个人, 三个月 → 下|个|月 … (kept: `keepDemonstrative`);
    ///   每 glued to a unit of two characters, 每公斤, 每公里 → 每|公斤;
    /// - an adverb or pronoun glued to a verb, a modal or a preposition, a verb glued to its
    ///   complement of place or extent, 得 glued to a degree adverb: 已有, 也能, 不会, 都在,
    ///   他在, 也不, 我要, 放在, 降至, 送到, 得很 → 已|有 …; a verb glued to the particle 得, 做得, 看得 →
    ///   做|得 …; a numeral glued to 起, 多起, 几起 → 多|起 (a closed list, `splitPairs`), and 一起
    ///   before the noun of a case, 一起|案件 → 一|起|案件 (`isCaseClassifier`);
    /// - a degree adverb glued to what it grades: 较大, 更好, 很受, 更有 → 较|大 … (kept:
    ///   `keepDegree`);
    /// - a three-character word ending in 到, 在 or 至: a verb of two characters and its
    ///   complement, 增加到, 感受到, 停留在 → 增加|到 …, or an adverb before a word, 没想到,
    ///   一直在, 不存在 → 没|想到 … (kept: the potential forms 得不到, 想得到).
    private static func moreSplit(
        _ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int, firstMore: UInt8, lastMore: UInt8, lastClass: UInt8
    ) -> Int? {
        let length = e - s
        if length == 2 && firstMore & CharacterClasses.degreeAdverb != 0 {
            return keepDegree.contains(key(scalars, s, e)) ? nil : s + 1  // 较|大, 更|好, 很|受
        }
        if firstMore & CharacterClasses.demonstrative != 0 {
            let first = scalars[s], second = scalars[s + 1]
            // 上 and 下 only before 个 and 一 (上个月, 下一年; 上万, 下午 are other words).
            let upDown = first == shang || first == xia
            if upDown && second != ge && second != yi { return nil }
            if length == 2 {
                if lastClass & CharacterClasses.classifier != 0 || second == yi {
                    return keepDemonstrative.contains(key(scalars, s, e)) ? nil : s + 1
                }
                return nil
            }
            if length == 3 {
                if keepDemonstrative.contains(key(scalars, s, e)) { return nil }
                if second == ge { return e - 1 }                        // 下个|月, then 下|个
                if ScalarClass.isHanNumeral(second) || second == ji { return s + 1 }  // 这|几天
                if scalars[s] == mei { return s + 1 }                   // 每|公斤, 每|公里
            }
            return nil
        }
        if length == 2 {
            if firstMore & CharacterClasses.pairFirst != 0 && lastMore & CharacterClasses.pairLast != 0
                && splitPairs.contains(key(scalars, s, e)) {
                return s + 1
            }
            if isCaseClassifier(scalars, s, e) { return s + 1 }  // 一|起|案件 (ICURepairs+Context.swift)
            if isYearsAgo(scalars, s, e) { return s + 1 }  // 两|年|前 (ICURepairs+Context.swift)
            return nil
        }
        if length == 3 {
            let second = scalars[s + 1]
            if scalars[s] == bu && splitBu.contains(key(scalars, s, e)) { return s + 1 }  // 不|知道
            if firstMore & CharacterClasses.numeralFirst != 0 && second == ge { return e - 1 }  // 三个|月
            if firstMore & CharacterClasses.numeralFirst != 0 && isNumeralMinutes(scalars, s, e) { return s + 1 }  // 十|分钟
            if lastMore & CharacterClasses.placeComplement != 0 {
                if second == bu || second == de3 { return nil }         // 得不到, 想得到
                if firstMore & CharacterClasses.adverbFirst != 0 { return s + 1 }  // 没|想到
                return e - 1                                            // 增加|到
            }
        }
        return nil
    }

    /// Two-character ICU words of a degree adverb (较, 很, 更) that are words: the adverbs
    /// 更加, 更为, 较为, the quantities 很多, 更多 and 很快 (as the team's gold sets have them), and
    /// words of 更 "change" and 较 "compare" (更新, 更换, 较量). Every other one is the adverb and
    /// the adjective or verb it grades, two words in PKU's standard and the dev set's (较 大,
    /// 更 好, 很 受, 更 有).
    static let keepDegree = SortedKeys([
        "更加", "更为", "较为", "很多", "更多", "很快", "更新", "更换", "更名", "更改", "更替",
        "更迭", "更正", "更鼓", "更衣", "更生", "更年", "较量", "较真", "较劲",
    ].map(key))

    /// Three-character ICU words of 不 and a word that PKU (and the gold sets: 不 知道, 不 看好,
    /// 不 适合) writes as two: 不 + a verb or adjective of two characters, counted on the corpus.
    /// Not here, because they are words: 不得不, 不一定, 不动产, 不锈钢, 不列颠, 不景气, 不由得,
    /// 不至于, 不起眼, 不得已, 不在乎, 不可能, 不作为.
    static let splitBu = SortedKeys([
        "不知道", "不需要", "不参加", "不注意", "不履行", "不合理", "不平衡", "不充分", "不平等",
        "不信任", "不健全", "不公平", "不完全", "不一致", "不健康", "不均衡", "不正常", "不干涉",
        "不相容", "不成立", "不在意", "不透明", "不明朗", "不适合", "不及时", "不看好",
    ].map(key))

    /// Three-character ICU words of a two-character conjunction or adverb and 是, two words
    /// (不仅 是, 不再 是, 不管 是, 仍然 是, 可能 是); 也就是, 就是说, 是不是, 岂不是 are not here.
    static let splitShi3 = SortedKeys([
        "不仅是", "不只是", "不再是", "不论是", "不管是", "不光是", "不止是", "不愧是", "无论是",
        "尤其是", "特别是", "主要是", "而且是", "并且是", "甚至是", "还要是",
        // An adverb, pronoun or conjunction of two characters and 是 (twelfth session, the
        // three-character ICU words ending in 是 on the corpus, 5 or more each: 仍然是 88,
        // 一直是 68, 首先是 63 …); 而不是, 也不是, 都不是 → 而不|是, then 而|不 (`splitPairs`).
        "仍然是", "一直是", "首先是", "而不是", "可能是", "永远是", "依然是", "今天是", "到底是",
        "无疑是", "或者是", "究竟是", "也不是", "只要是", "都不是", "其实是", "大多是", "原本是",
        "即使是", "同样是", "其次是", "原来是", "往往是", "当然是", "本来是",
    ].map(key))

    /// Demonstrative + classifier words that are words (PKU: 各国, 各项, 首次, 每年, 本人 …).
    static let keepDemonstrative = SortedKeys([
        "各国", "各项", "各种", "各类", "各位", "各层", "各部", "各处", "各人", "各家", "各户",
        "各年", "首次", "首位", "首层", "首年", "首部", "本台", "本国", "本人", "本周", "本部",
        "本片", "本位", "本名", "本家", "本所", "本年", "每年", "每天", "每周", "每人", "这天",
        "那天", "这年", "那年", "这周", "下一步", "下一代", "上一代", "下一轮",
    ].map(key))

    /// Two-character ICU words that are two words, by class: adverb + verb, modal or
    /// preposition; pronoun or conjunction + 在; verb + 在, 到 or 至 of place or extent;
    /// 得 + degree adverb; verb + 得; numeral + 起. Words such as 还有, 只有, 只要, 才能, 共有, 不要, 不得, 不可, 将会,
    /// 将要, 达到, 得到, 看到, 来到, 存在, 现在, 正在, 所在, 截至, 甚至, 乃至 are not here.
    static let splitPairs = SortedKeys((splitPairWords + complementPairWords + locativePairWords).map(key))  // ICURepairs+Complements.swift, +Locatives.swift

    /// The words of `splitPairs`.
    static let splitPairWords = [
        // adverb + verb, modal or preposition
        "已有", "已在", "已被", "已将", "已把", "已对", "已从", "已向", "也能", "也会", "也要",
        "也有", "也在", "也将", "也可", "也被", "也把", "也对", "也向", "也从", "也去", "都能",
        "都会", "都要", "都有", "都在", "都将", "都可", "都被", "都把", "都对", "都向", "都去",
        "就会", "就能", "就要", "就有", "就在", "就将", "就被", "就把", "就得", "就去", "就向",
        "就从", "才会", "才有", "才可", "才将", "不会", "不能", "不去", "不把", "不向", "不被",
        "不让", "仍有", "仍在", "仍将", "仍能", "仍要", "仍会", "仍应", "仍可", "又要", "又有",
        "又在", "又能", "又将", "又被", "又把", "又去", "又对", "还把", "还被", "还从", "还让",
        "还去", "还向", "再有", "再向", "再把", "再去", "再到", "均有", "均在", "均被", "均可",
        "均能", "均将", "皆可", "皆有", "只在", "只将", "只被", "只从", "将使", "将能", "将被",
        "将在", "将对", "将向", "将从", "将把", "曾在", "曾有", "曾被", "尚在", "常在", "可在",
        "可达",
        // 只 + verb or preposition, 5 or more on the corpus (thirteenth session: 只需 29, 只用 28,
        // 只为 20 …; kept: 只有, 只要, 只是, 只好, 只顾, and the modal 只能)
        "只需", "只用", "只为", "只花", "只想", "只做",
        // pronoun or conjunction + 在
        "我在", "你在", "他在", "她在", "它在", "但在", "并在", "而在",
        // adverb, conjunction or pronoun + 不 (决不, 绝不, 毫不, 从不, 永不 are words)
        "也不", "都不", "就不", "更不", "很不", "最不", "而不", "既不", "我不", "他不", "她不",
        "并不",
        // 不 + the degree adverb 太 (不太熟悉)
        "不太",
        // pronoun + verb or modal
        "我要", "我想", "我有", "我也", "你会", "你有", "他要", "他有", "他想", "她要", "她有",
        // verb + complement of place or extent
        "放在", "站在", "走在", "留在", "设在", "住在", "坐在", "写在", "落在", "困在", "排在",
        "躺在", "睡在", "停在", "挂在", "摆在", "用在", "花在", "建在", "藏在", "印在", "记在",
        "刻在", "升至", "降至", "增至", "减至", "涨至", "跌至", "延至", "送至", "运至", "送到",
        "运到", "赶到", "降到", "升到", "涨到", "跌到", "减到", "放到", "搬到", "跑到", "带到",
        "寄到", "调到", "移到", "传到",
        // 得 + degree adverb
        "得很", "得太", "得更", "得最",
        // a verb or adjective + the structural particle 得 (PKU: 做 得 好, 看 得 清楚); the
        // words of 得, 取得, 获得, 值得, 觉得, 变得, 显得, 记得, 懂得, 难得, 来得 …, are not here
        "做得", "过得", "走得", "管得", "吃得", "搞得", "留得", "稳得", "放得", "干得", "摸得",
        "看得", "说得", "打得", "进得", "长得", "开得", "忙得", "住得", "卖得", "叫得", "美得",
        "买得", "少得", "提得", "传得", "冻得", "低得", "好得", "玩得", "排得", "演得", "想得",
        "跳得", "谈得", "烧得", "活得", "练得", "翻得", "快得", "铺得", "站得", "守得", "写得",
        "讲得", "唱得", "跑得", "办得", "听得", "拿得", "用得", "抓得", "建得",
        // the preposition 比 + 上 of 上年, 上月, 上周 (比上年 is read 比上|年: 344 times on the corpus)
        "比上",
        // a numeral + 起, the classifier of events (一起 "together" is a word)
        "两起", "三起", "几起", "多起",
        // 几 + 年 (几 年, as the gold sets; 多年 is a word and stays)
        "几年",
    ]

    /// A numeral + classifier word: split before the classifier when every character before
    /// it is a numeral (几 and 多 only alone, and not before 年: 多年 is a word; nor 百年, 千年, 万年).
    private static func numeralSplit(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Int? {
        for i in s..<(e - 1) where !isNumeral(scalars[i]) { return nil }
        let first = scalars[s]
        if first == duo || first == ji {
            if e - s != 2 || scalars[e - 1] == nian { return nil }
        }
        // 百年, 千年, 万年 are words ("a century", "millennia"), as 多年 is.
        if e - s == 2 && scalars[e - 1] == nian && (first == bai || first == qian || first == wan) { return nil }
        // 万岁, 万万岁, 百岁, 千岁 are words (a cheer, "a centenarian"); 九岁, 十八岁 are a number and 岁.
        if scalars[e - 1] == sui && (first == bai || first == qian || first == wan) { return nil }
        // 多元, 二元 are words ("plural", "binary"); 一元, 十元, 两元 are a number and its unit.
        if e - s == 2 && scalars[e - 1] == yuan && (first == duo || first == er) { return nil }
        return e - 1
    }

    /// 半年, 半天 → 半|年, 半|天: 半 "half" is a numeral before a unit of time, as the gold sets
    /// write it (`半 年`, rule 3); 上半年, 下半年, 大半天 are other ICU words and stay.
    @inline(__always)
    private static func halfSplit(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Int? {
        e - s == 2 && scalars[s] == ban && (scalars[s + 1] == nian || scalars[s + 1] == tian) ? s + 1 : nil
    }

    @inline(__always)
    private static func isNumeral(_ v: UInt32) -> Bool {
        ScalarClass.isHanNumeral(v) || v == duo || v == ji
    }

    /// Up to three BMP scalars as one key (16 bits each, the length on top); a word with a
    /// supplementary character gets a key no table holds.
    @inline(__always)
    static func key(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> UInt64 {
        if e - s > 3 { return .max }
        var k: UInt64 = 0
        for i in s..<e {
            let v = scalars[i]
            if v > 0xFFFF { return .max }
            k = k << 16 | UInt64(v)
        }
        return k | UInt64(e - s) << 60
    }

    static func key(_ word: String) -> UInt64 {
        let values = word.unicodeScalars.map(\.value)
        return values.withUnsafeBufferPointer { key($0, 0, $0.count) }
    }

    private static let de: UInt32 = 0x7684    // 的
    private static let le: UInt32 = 0x4E86    // 了
    private static let de2: UInt32 = 0x5730   // 地
    private static let shi: UInt32 = 0x662F   // 是
    private static let bu: UInt32 = 0x4E0D    // 不
    private static let duo: UInt32 = 0x591A   // 多
    private static let ji: UInt32 = 0x51E0    // 几
    private static let nian: UInt32 = 0x5E74  // 年
    private static let de3: UInt32 = 0x5F97   // 得
    private static let ge: UInt32 = 0x4E2A    // 个
    private static let bai: UInt32 = 0x767E   // 百
    private static let qian: UInt32 = 0x5343  // 千
    private static let wan: UInt32 = 0x4E07   // 万
    private static let yi: UInt32 = 0x4E00    // 一
    private static let shang: UInt32 = 0x4E0A // 上
    private static let xia: UInt32 = 0x4E0B   // 下
    private static let mei: UInt32 = 0x6BCF   // 每
    private static let sui: UInt32 = 0x5C81   // 岁
    private static let yuan: UInt32 = 0x5143  // 元
    private static let er: UInt32 = 0x4E8C    // 二
    private static let ban: UInt32 = 0x534A   // 半
    private static let tian: UInt32 = 0x5929  // 天

    /// Classifiers and counted nouns a numeral never joins (PKU: 一 个, 三 年, 两 国).
    /// Not here, because the numeral + character is a word: 道 (一道 "together"), 点, 号, 代,
    /// 步, 级, 期, 方, 时, 月, 日, 大 (十八大), 岸, 会, 院 (两岸, 两会, 两院). 折 is the
    /// discount (八|折, 五|折; thirteenth session). 元, 杯 and 队 (一|元, 两|杯, 两|队; fourteenth
    /// session), but 多元 and 二元 ("plural", "binary") are words (`numeralSplit`).
    static let classifiers = ("个批次项名位家条件种成台所座场支篇份张架艘辆只根块片层轮枚幅颗句套段股栋群圈幕把封间户人国年天周倍届笔处例款首部类桶斤趟岁折元杯队")

    /// Particles that ICU glues to the word before them.
    static let tailParticles = "的了着地"

    /// Words ending or starting with a particle in which it is part of the word.
    static let keepWhole = SortedKeys([
        // 的
        "目的", "有的", "似的", "是的", "真的", "的确", "的话", "的士", "的哥",
        "总的",
        // 了
        "为了", "除了", "罢了", "算了", "得了", "极了", "了了", "了解", "了结", "了却", "了无",
        "了然", "了得", "了不", "了如", "末了", "临了",
        // 着
        "随着", "沿着", "朝着", "本着", "接着", "跟着", "顺着", "向着", "照着", "为着", "按着",
        "凭着", "意味着", "沉着", "执着", "衣着", "紧接着", "紧跟着", "穿着", "睡着", "犯不着",
        "用不着",
    ].map(key))

    /// Two-character ICU words of 是 that are two words (PKU: 也 是, 不 是, 它 是, 是 在).
    /// Words such as 就是, 还是, 但是, 而是, 只是, 正是, 可是, 总是, 于是, 是否, 是非 stay whole.
    static let splitShi = SortedKeys([
        "的是", "是在", "是有", "是不", "是用", "是为", "是从", "是对", "是把", "是由", "是以",
        "它是", "他是", "她是", "我是", "你是", "这是", "那是", "谁是",
        "也是", "都是", "不是", "更是", "又是", "才是", "已是", "曾是", "仍是", "既是", "便是",
        "即是", "均是", "皆是", "全是", "亦是", "乃是", "一是", "二是", "三是", "四是", "五是",
        "六是", "七是", "八是", "九是", "十是",
    ].map(key))
}

/// One byte of flags per BMP scalar for the repairs' character classes, so that the hot
/// loops test a class with one load (the tables' strings stay beside their rules).
enum CharacterClasses {
    static let classifier: UInt8 = 1
    static let tailParticle: UInt8 = 2
    static let headParticle: UInt8 = 4
    static let surname: UInt8 = 8
    static let transliteration: UInt8 = 16
    static let suffix: UInt8 = 32
    static let notInNames: UInt8 = 64
    /// The first characters of the names pass's compound heads (规划, 示范区, 体系, 行动 …).
    static let compoundHead: UInt8 = 128

    // The second half of the table (`of(_:in:more:)`): the repairs of `ICURepairs.moreSplit`.
    /// 这 那 该 本 首 每 各 上 下: a demonstrative, ordinal or distributive (first character).
    static let demonstrative: UInt8 = 1
    /// The first characters of `ICURepairs.splitPairs`, and 年 (`ICURepairs.isYearsAgo`).
    static let pairFirst: UInt8 = 2
    /// The last characters of `ICURepairs.splitPairs`.
    static let pairLast: UInt8 = 4
    /// 到 在 至 (last character of a three-character word).
    static let placeComplement: UInt8 = 8
    /// Adverbs and pronouns before a verb + 到/在 (没想到, 一直在, 我看到).
    static let adverbFirst: UInt8 = 16
    /// Han numerals (三个月).
    static let numeralFirst: UInt8 = 32
    /// Han numerals and magnitudes (`ICURepairs.hanNumberCharacters`): a Han number may start.
    static let hanNumeral: UInt8 = 64
    /// 较 很 更: a degree adverb (first character of a two-character word).
    static let degreeAdverb: UInt8 = 128
    /// The flags that let a word's first character start a repair of the second half.
    static let moreFirst: UInt8 = demonstrative | pairFirst | numeralFirst | degreeAdverb
    /// The flags that let a word's last character end one.
    static let moreLast: UInt8 = placeComplement

    /// The flags, indexed by scalar value below U+10000; then, from U+10000 on, the flags of
    /// the second half for the same scalars.
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x20000)
        func mark(_ members: String, _ flag: UInt8, more: Bool = false) {
            for s in members.unicodeScalars where s.value < 0x10000 { table[Int(s.value) + (more ? 0x10000 : 0)] |= flag }
        }
        mark(ICURepairs.classifiers, classifier)
        mark(ICURepairs.tailParticles, tailParticle)
        mark("的了是", headParticle)
        mark(String((Names.compoundHeadWords + Names.systemHeadWords + Laws.headWords + Laws.planHeadWords + ["综合"]).compactMap(\.unicodeScalars.first).map(Character.init)), compoundHead)
        mark(Names.surnames + Names.rarerSurnames, surname)
        mark("军", surname)  // reaches the names pass's country abbreviation rule (以|军), never `personName`
        mark(Names.transliteration, transliteration)
        mark(Names.suffixes + ICURepairs.wordSuffixes, suffix)
        mark(Names.notInNames, notInNames)
        mark("这那该本首每各上下", demonstrative, more: true)
        mark("到在至", placeComplement, more: true)
        mark("没再只不还也都就已又仍才将曾均皆我你他她它", adverbFirst, more: true)
        mark("一二三四五六七八九十两几", numeralFirst, more: true)
        mark(ICURepairs.hanNumberCharacters, hanNumeral, more: true)
        mark("较很更", degreeAdverb, more: true)
        mark("年", pairFirst, more: true)  // 年前 after a number (`ICURepairs.isYearsAgo`)
        for key in ICURepairs.splitPairWords + ICURepairs.complementPairWords + ICURepairs.locativePairWords {
            mark(String(key.prefix(1)), pairFirst, more: true)
            mark(String(key.suffix(1)), pairLast, more: true)
        }
        return table
    }()

    /// The flags of `v` (none above the BMP).
    @inline(__always)
    static func of(_ v: UInt32, in table: UnsafeBufferPointer<UInt8>) -> UInt8 {
        v < 0x10000 ? table[Int(v)] : 0
    }

    /// The flags of `v` in the second half (none above the BMP).
    @inline(__always)
    static func of(_ v: UInt32, in table: UnsafeBufferPointer<UInt8>, more: Bool) -> UInt8 {
        v < 0x10000 ? table[Int(v) | 0x10000] : 0
    }
}
