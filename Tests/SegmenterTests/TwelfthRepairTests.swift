import Testing
import Segmenter

/// The twelfth session's classes of ICU's own mistakes on general news (issue 17 §4), on
/// sentences written for these tests: no word here was taken from a gold set.
@Suite struct TwelfthRepairTests {
    /// Digits and 时 of a clock time are one token, and the minutes after it (rule 3 of the gold
    /// sets' README: one token per unit of a date or time), as 日 and 月 already were.
    @Test(arguments: [
        ("会议于上午9时30分开始", "会议|于|上午|9时|30分|开始"),
        ("截至昨日24时，新增病例两例", "截至|昨日|24时|，"),
        ("列车将于今晚8时许到站", "列车|将|于|今晚|8时|许|到站"),
    ])
    func clockTimesAreOneTokenPerUnit(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0).hasPrefix(pair.1), "\(Shared.segmenter.cut(pair.0))")
        #expect(!Shared.icu.cut(pair.0).hasPrefix(pair.1))
    }

    /// Not an hour above 24, not before a word of 时 (时段, 时间), and no minutes without an hour
    /// just before them: a duration's units stay apart (`2 小时 30 分`), and so does a score.
    @Test func notEveryNumberBefore时Or分IsATime() {
        let cut = { Shared.segmenter.cut($0).split(separator: "|").map(String.init) }
        #expect(!cut("全程用了36时").contains("36时"))
        #expect(!cut("早高峰5时段车流大").contains("5时"))
        #expect(!cut("比赛用了2小时30分").contains("30分"))
        #expect(!cut("他在比赛中拿下30分").contains("30分"))
        #expect(!cut("用时9时30分钟").contains("30分"))
    }

    /// A Han numeral that ICU glued to 分钟 is a numeral and its unit; ICU's 十分 "very" stays.
    @Test func aNumeralAndMinutesAreTwoWords() {
        #expect(Shared.segmenter.cut("只用了十分钟就修好了").contains("了|十|分钟|就"))
        #expect(Shared.segmenter.cut("等了两分钟").hasSuffix("两|分钟"))
        #expect(Shared.segmenter.cut("这件事十分重要") == "这|件|事|十分|重要")
        #expect(Shared.icu.cut("只用了十分钟就修好了").contains("十分钟"))
    }

    /// 岁 is a classifier a numeral never joins (九 岁, 四 岁); 万岁, 百岁 are words.
    @Test func aNumeralAndAgeAreTwoWords() {
        #expect(Shared.segmenter.cut("他的女儿九岁了").contains("九|岁"))
        #expect(Shared.segmenter.cut("人群高呼万岁").hasSuffix("万岁"))
        #expect(Shared.segmenter.cut("这位百岁老人身体硬朗").contains("百岁"))
        #expect(Shared.icu.cut("他的女儿九岁了").contains("九岁"))
    }

    /// An adverb, pronoun or conjunction of two characters and 是, glued by ICU, are two words
    /// (PKU: 仍然 是, 可能 是, 而 不 是); 是不是 and 也就是 stay.
    @Test(arguments: [
        ("问题仍然是资金不足", "问题|仍然|是|资金"),
        ("原因可能是天气太冷", "原因|可能|是|天气"),
        ("这是解决办法而不是问题", "这|是|解决|办法|而|不|是|问题"),
        ("今天是他的生日", "今天|是|他|的|生日"),
    ])
    func anAdverbAnd是AreTwoWords(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0).hasPrefix(pair.1), "\(Shared.segmenter.cut(pair.0))")
        #expect(!Shared.icu.cut(pair.0).hasPrefix(pair.1))
    }

    @Test func wordsOf是StayWhole() {
        #expect(Shared.segmenter.cut("你是不是学生").contains("是不是"))
    }

    /// The modal 可 and the verb 达 are two words (PKU: 可 达).
    @Test func theModal可AndAVerbAreTwoWords() {
        #expect(Shared.segmenter.cut("时速可达三百公里").hasPrefix("时速|可|达"))
        #expect(Shared.icu.cut("时速可达三百公里").contains("可达"))
    }

    /// Words of this session's vocabulary (`11-vocabulary.txt`, found on the corpus) that ICU
    /// splits into single characters come out whole.
    @Test func vocabularyOfTheTwelfthSession() {
        #expect(Shared.segmenter.cut("经营走上正轨") == "经营|走上|正轨")
        #expect(Shared.segmenter.cut("市民关注雷暴天气") == "市民|关注|雷暴|天气")
        #expect(Shared.icu.cut("经营走上正轨") != "经营|走上|正轨")
    }
}

/// Three-character ICU words of a function character and a word (`ICURepairs+Threes.swift`).
@Suite struct ThreeCharacterRepairTests {
    @Test(arguments: [
        ("大家都没有意见", "大家|都|没有|意见"),
        ("两国要建立起互信", "两|国|要|建立|起|互信"),
        ("我们不断地改进工作", "我们|不断|地|改进|工作"),
        ("这在世界上少见", "在|世界|上|"),
        ("他们也不能参加", "他们|也|不|能|参加"),
    ])
    func aFunctionCharacterAndAWordAreSplit(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0).contains(pair.1), "\(Shared.segmenter.cut(pair.0))")
        #expect(!Shared.icu.cut(pair.0).contains(pair.1))
    }

    /// The second list (5 to 11 occurrences on the corpus) and 几 + 年, a numeral and a classifier.
    @Test func theSecondListAnd几年() {
        #expect(Shared.segmenter.cut("大家要注意安全").contains("要|注意"))
        #expect(Shared.segmenter.cut("他再也不来了").hasPrefix("他|再也|不"))
        #expect(Shared.segmenter.cut("这几年变化很大").hasPrefix("这|几|年"))
        #expect(Shared.segmenter.cut("他工作多年").hasSuffix("多年"))
        #expect(Shared.icu.cut("这几年变化很大").contains("几年"))
    }

    /// Words of three characters that begin or end with the same characters stay whole.
    @Test func wordsStayWhole() {
        #expect(Shared.segmenter.cut("我们尽可能帮助他").contains("尽可能"))
        #expect(Shared.segmenter.cut("这基本上完成了").contains("基本上"))
        #expect(Shared.segmenter.cut("这也就是说").contains("也就是"))
    }
}
