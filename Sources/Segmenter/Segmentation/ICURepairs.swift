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
        let first = scalars[s], last = scalars[e - 1]
        let lastClass = CharacterClasses.of(last, in: classes)
        let firstClass = CharacterClasses.of(first, in: classes)
        // Most words: no classifier or particle at the end (是 is a head particle), no particle
        // at the start; one branch.
        if (lastClass & (CharacterClasses.classifier | CharacterClasses.tailParticle | CharacterClasses.headParticle))
            | (firstClass & CharacterClasses.headParticle) == 0 {
            return nil
        }
        if lastClass & CharacterClasses.tailParticle == 0 && last != shi && firstClass & CharacterClasses.headParticle == 0 {
            // No particle and no 是 (which are head particles too): only a numeral with its
            // classifier may be split (most words ending in a classifier, 中国, 市场, 形成, end here).
            return lastClass & CharacterClasses.classifier != 0 && isNumeral(first) ? numeralSplit(scalars, s, e) : nil
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

    /// A numeral + classifier word: split before the classifier when every character before
    /// it is a numeral (几 and 多 only alone, and not before 年: 多年 is a word).
    private static func numeralSplit(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Int? {
        for i in s..<(e - 1) where !isNumeral(scalars[i]) { return nil }
        let first = scalars[s]
        if first == duo || first == ji {
            if e - s != 2 || scalars[e - 1] == nian { return nil }
        }
        return e - 1
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

    /// Classifiers and counted nouns a numeral never joins (PKU: 一 个, 三 年, 两 国).
    /// Not here, because the numeral + character is a word: 道 (一道 "together"), 点, 号, 代,
    /// 步, 级, 期, 方, 时, 月, 日, 大 (十八大), 岸, 会, 院 (两岸, 两会, 两院).
    static let classifiers = ("个批次项名位家条件种成台所座场支篇份张架艘辆只根块片层轮枚幅颗句套段股栋群圈幕把封间户人国年天周倍届笔处例款首部类")

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

    /// The flags, indexed by scalar value below U+10000.
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        func mark(_ members: String, _ flag: UInt8) {
            for s in members.unicodeScalars where s.value < 0x10000 { table[Int(s.value)] |= flag }
        }
        mark(ICURepairs.classifiers, classifier)
        mark(ICURepairs.tailParticles, tailParticle)
        mark("的了是", headParticle)
        mark(String((Names.compoundHeadWords + Names.systemHeadWords).compactMap(\.unicodeScalars.first).map(Character.init)), compoundHead)
        mark(Names.surnames, surname)
        mark(Names.transliteration, transliteration)
        mark(Names.suffixes, suffix)
        mark(Names.notInNames, notInNames)
        return table
    }()

    /// The flags of `v` (none above the BMP).
    @inline(__always)
    static func of(_ v: UInt32, in table: UnsafeBufferPointer<UInt8>) -> UInt8 {
        v < 0x10000 ? table[Int(v)] : 0
    }
}
