import Testing
import Segmenter

/// The thirteenth session's (gen19b) general vocabulary written by domain (issue 17 §4, ninth round,
/// gen19b; the "gen19b" sections of `11-vocabulary.txt`): everyday words of sport, daily life,
/// food, housing, transport, health, weather, school, shopping, family, work, nature and
/// entertainment that ICU splits. The sentences were written for these tests; none is taken
/// from a gold set or the corpus.
@Suite struct GeneralVocabularyTests {
    /// A sample of the new words, one per sentence: ICU alone cuts the word, segtool keeps it as
    /// one token (and its tokens tile the sentence).
    @Test(arguments: [
        ("主帅在发布会上总结了这场比赛", "主帅"),
        ("双方在补时阶段各入一球", "补时"),
        ("新赛季的揭幕战今晚打响", "揭幕战"),
        ("两队积分相同时比较净胜球", "净胜球"),
        ("志愿者给游客送去矿泉水", "矿泉水"),
        ("夜市上的小龙虾卖得很火", "小龙虾"),
        ("购买食品时要留意保质期", "保质期"),
        ("他把方便面放进背包就出发了", "方便面"),
        ("业主找到开发商反映漏水问题", "开发商"),
        ("这个楼盘主推小户型", "户型"),
        ("一辆面包车停在村口", "面包车"),
        ("旅客在检票口排起长队", "检票口"),
        ("司机调整了一下后视镜", "后视镜"),
        ("这次受伤没有留下后遗症", "后遗症"),
        ("社区为老人免费配发助听器", "助听器"),
        ("出门前最好看看天气预报", "天气预报"),
        ("三伏天里人们纷纷躲进空调房", "三伏天"),
        ("今年中考将于六月举行", "中考"),
        ("全校教职工参加了培训", "教职工"),
        ("商场向会员发放优惠券", "优惠券"),
        ("她把几件商品加入了购物车", "购物车"),
        ("他是家里的独生子女", "独生子女"),
        ("大学生到福利院看望孩子", "福利院"),
        ("工地上招了一批临时工", "临时工"),
        ("夏夜的草丛里飞着萤火虫", "萤火虫"),
        ("这部连续剧共有四十集", "连续剧"),
        ("交响乐团在音乐厅举办新年音乐会", "音乐厅"),
        ("警方查处了一家非法棋牌室", "棋牌室"),
        ("全村老少一起植树造林", "植树造林"),
        ("商户必须明码标价", "明码标价"),
        ("这家公司的首席执行官宣布了新计划", "首席执行官"),
        ("司机打开雾灯缓慢前行", "雾灯"),
        ("学校的校训刻在大门旁", "校训"),
    ])
    func everydayWordIsWhole(_ row: (text: String, word: String)) {
        let icu = Shared.icu.cut(row.text).split(separator: "|")
        #expect(!icu.contains(Substring(row.word)), "ICU keeps \(row.word) whole: nothing to test")
        #expect(whole(row.text, row.word), "\(Shared.segmenter.cut(row.text))")
    }

    /// Drafted words taken out after reading their changes on the corpus stay out: 杯赛 cut
    /// 世界杯赛 to 世界|杯赛, 加强针 took the 针 of 针对, 米线 joined a measure's 米 to 线 (`1米线`).
    @Test(arguments: [
        ("这是一届世界杯赛", "世界杯"),
        ("两国同意加强针对走私的合作", "针对"),
        ("排队时请站在1米线外", "米"),
    ])
    func takenOutWordsDoNotCut(_ row: (text: String, word: String)) {
        #expect(whole(row.text, row.word), "\(Shared.segmenter.cut(row.text))")
    }
}
