import Testing
import Segmenter

/// The thirteenth session's classes of ICU's own mistakes on general news (issue 17 §4, sixth
/// round), on sentences written for these tests: no sentence here was taken from a gold set.
@Suite struct ThirteenthRepairTests {
    /// 人次 is one unit after a number that took the 万 of ICU's 万人, or the 余 of its 余人
    /// (`12万 人次`, `一百多万 人次`, `三千余 人次`), as it already was after `八万`.
    @Test(arguments: [
        ("全年服务旅客35万人次以上", "全年|服务|旅客|35万|人次|以上"),
        ("展会吸引观众两百多万人次", "展会|吸引|观众|两百多万|人次"),
        ("义诊惠及群众五千余人次", "义诊|惠及|群众|五千余|人次"),
        ("医院接诊六万人次", "医院|接诊|六万|人次"),
    ])
    func personTimesIsOneUnit(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1, "\(Shared.segmenter.cut(pair.0))")
    }

    /// 万人 and 人 stay what they are where no 次 follows.
    @Test func tenThousandPeopleWithout次() {
        #expect(Shared.segmenter.cut("三万人参加了比赛").contains("三万|人|参加"))
        #expect(Shared.segmenter.cut("来了一百多人").hasSuffix("一百多|人"))
    }

    /// 创新高 "hit a new high" before punctuation or 的 is 创 新高; 创新 "innovation" before 高地,
    /// 高效 stays.
    @Test func hittingANewHigh() {
        #expect(Shared.segmenter.cut("游客数量再创新高。") == "游客|数量|再|创|新高|。")
        #expect(Shared.segmenter.cut("成交价创新高的楼盘").contains("创|新高|的"))
        #expect(Shared.icu.cut("游客数量再创新高。").contains("创新|高"))
        #expect(Shared.segmenter.cut("建设科技创新高地").hasSuffix("创新|高地"))
        #expect(Shared.segmenter.cut("推动创新高效协同").contains("创新|高效"))
    }

    /// A noun of people X人 keeps its 们 (rule 6 of the gold sets' standard), where ICU reads
    /// X|人们; 人们 after anything else stays.
    @Test func peopleNounsKeepTheir们() {
        #expect(Shared.segmenter.cut("车间里的工人们正在加班").contains("工人们|正在"))
        #expect(Shared.segmenter.cut("敬老院的老人们看了演出").contains("老人们"))
        #expect(Shared.icu.cut("车间里的工人们正在加班").contains("工|人们"))
        #expect(Shared.segmenter.cut("这让人们很高兴").contains("让|人们"))
        #expect(Shared.segmenter.cut("我们要告诉人们真相").contains("告诉|人们"))
    }

    /// 半 "half" before 年 or 天 is a numeral and its unit (`半 年`, rule 3 of the gold sets'
    /// standard); 上半年 stays one word. 折 "a tenth off" is a classifier after a numeral.
    @Test func halfAndDiscountAreNumeralAndUnit() {
        #expect(Shared.segmenter.cut("工程用了半年时间").contains("用|了|半|年|时间"))
        #expect(Shared.segmenter.cut("他们排队等了半天").hasSuffix("半|天"))
        #expect(Shared.icu.cut("工程用了半年时间").contains("半年"))
        #expect(Shared.segmenter.cut("今年上半年经济平稳").contains("上半年"))
        #expect(Shared.segmenter.cut("全场商品一律七折").hasSuffix("七|折"))
        #expect(Shared.segmenter.cut("经历了很多挫折").hasSuffix("挫折"))
    }

    /// The adverb 只 "only" and the verb or preposition ICU glued to it are two words (只 需,
    /// 只 用); 只有, 只要, 只是 stay.
    @Test func onlyAndItsVerbAreTwoWords() {
        #expect(Shared.segmenter.cut("换一次滤芯只需五分钟").contains("只|需"))
        #expect(Shared.segmenter.cut("他只用了两天就完成了").contains("只|用|了"))
        #expect(Shared.icu.cut("换一次滤芯只需五分钟").contains("只需"))
        #expect(Shared.segmenter.cut("只有坚持下去才能成功").hasPrefix("只有"))
        #expect(Shared.segmenter.cut("只要大家努力就行").hasPrefix("只要"))
    }
}
