/// Four-character ICU words that PKU writes as two words of two characters: 航空公司 →
/// 航空|公司, 日常生活 → 日常|生活, 昨天下午 → 昨天|下午, 清华大学 → 清华|大学, 两国人民 →
/// 两国|人民 (then 两|国, as every numeral and classifier). ICU's dictionary holds many such
/// compounds of ordinary words (institutions, categories of people and places, verb +
/// object, adverb + verb); the team's gold sets and the dev set split them as PKU does
/// (航空 公司, 日常 生活, 最低 气温, 昨天 下午, 北京 协和 医院). A closed list, read on the
/// corpus: the 1,000 most frequent four-character tokens of segtool's output that are no entry
/// of the lexicon, with idioms (因地制宜, 一如既往), names and places (巴基斯坦, 乌鲁木齐),
/// fractions and units (三分之一, 平方公里), political terms (一国两制, 人民政府, 两岸关系,
/// 国家安全), the heads of terms (交通事故 of 交通事故调解, 民主政治 of 社会主义民主政治,
/// 交通安全 of 道路交通安全法: taken out after the corpus check), named meetings and laws
/// (联席会议, 暂行条例), festivals (新春佳节) and words whose halves are no words (另一方面,
/// 从今天起) left out; and none in the text of the dev set (中小企业, 职业教育, 科研成果 were
/// taken out for that).
extension ICURepairs {
    /// Where to split the four-character ICU word `scalars[s..<e]` (`e - s == 4`), or `nil`.
    @inline(__always)
    static func compoundSplit(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> Int? {
        splitCompounds.contains(key4(scalars, s)) ? s + 2 : nil
    }

    /// Four BMP scalars as one key (16 bits each); a word with a supplementary character
    /// gets a key no table holds.
    @inline(__always)
    static func key4(_ scalars: UnsafeBufferPointer<UInt32>, _ s: Int) -> UInt64 {
        var k: UInt64 = 0
        for i in s..<(s + 4) {
            let v = scalars[i]
            if v > 0xFFFF { return .max }
            k = k << 16 | UInt64(v)
        }
        return k
    }

    /// The words of `splitCompounds`.
    static let splitCompoundWords = [
        "两国人民", "各界人士", "有限公司", "中美关系", "高等教育", "航空公司", "学前教育", "财政支出", "水利工程", "驻华大使", "总结经验",
        "疑似病例", "迫切需要", "行政管理", "深入基层", "切身利益", "全党同志", "中东地区", "日益增长", "春节假期", "清华大学", "亚太地区",
        "关键时刻", "发展潜力", "密切配合", "坚定信念", "坚定信心", "妥善处理", "充分利用", "主要原因", "日常生活", "颁奖典礼", "如期完成",
        "全线通车", "全线贯通", "维和部队", "统筹规划", "户外运动", "最低气温", "刑事案件", "坚守岗位", "身心健康", "文职人员",
        "知名人士", "合理布局", "财政预算", "示范作用", "联欢晚会", "人口普查", "高等院校", "刑事犯罪", "复旦大学", "无人驾驶", "依法严惩",
        "公职人员", "与会人士", "深入探讨", "分组讨论", "资产负债", "扩建工程", "货物运输", "收支平衡", "紧急情况", "昨天下午",
        "昨天晚上", "妇幼保健", "公益事业", "防空警报", "偏远地区", "民间团体", "交通工具", "追究责任", "就职仪式", "住院费用",
        "耕地面积", "贸易顺差", "健身运动", "跨海大桥", "华北地区", "华南地区", "颁奖仪式", "地理位置", "贷款额度", "通力合作", "协和医院",
        "中印关系",
        // A second pass, the next 600 by frequency (4 to 11 occurrences on the corpus):
        "宗教信仰", "跨国企业", "踊跃发言", "政界人士", "互致问候", "现役军官", "节约用水", "新生事物", "实兵演练", "高票当选", "资格考试",
        "精心设计", "中等教育", "男女平等", "因公殉职", "授勋仪式", "开学典礼", "应邀参加", "卡车司机", "连年丰收", "灵活运用", "铁路干线",
        "合理密植", "产前检查", "提高警惕", "集散中心", "土木工程", "昨天中午", "电视直播", "主办单位", "娱乐场所", "授旗仪式", "逃离现场",
        "阵亡将士", "微量元素", "抗战时期", "推卸责任", "州际公路", "加倍努力", "传统观念", "公务人员", "精密机械", "深切关怀", "油料作物",
        "主治医生", "借此机会", "度假胜地", "随身携带", "深受感动", "实兵演习", "外籍人士", "求救信号", "崇高理想", "投资收益", "民用机场",
        "行政诉讼", "解决办法", "叛乱分子", "宣告破产", "鲜明对比", "低空飞行", "课余时间", "如期举行", "止跌回升", "实弹演习", "专任教师",
        "深感忧虑", "隔离病房", "华中地区", "田园风光", "安享晚年", "常设机构", "初等教育", "趋于平稳", "人身自由", "公共秩序", "野生植物",
        "流血冲突", "理工学院", "原始森林", "诗歌朗诵", "供需平衡", "示威抗议", "劫持人质", "查明真相", "消防大队", "问卷调查", "精神饱满",
        "两栖登陆", "握手道别", "坚守阵地", "丘陵地带", "心灵深处", "人文景观", "农忙时节", "常务理事", "春耕时节", "儿科医生", "高等法院",
    ]

    /// `splitCompoundWords` as keys.
    static let splitCompounds = SortedKeys(splitCompoundWords.map { word in
        let values = word.unicodeScalars.map(\.value)
        return values.count == 4 ? values.withUnsafeBufferPointer { key4($0, 0) } : .max
    })
}
