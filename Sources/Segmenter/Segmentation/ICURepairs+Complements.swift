/// Verbs glued to a complement of direction or result (thirteenth session, gen19, issue 17 §4):
/// two-character ICU words of a one-character action verb and 到, 进, 出, 回, 走, 完, 上 or 下
/// that are free combinations — PKU writes them as two words (买 到, 放 进, 跑 出, 带 走, 做 完,
/// 戴 上, 摘 下), as `ICURepairs.splitPairWords` already writes 送 到, 搬 到, 跑 到.
///
/// A closed list, not the class: many such pairs are lexicalised and stay whole (得到, 看到,
/// 找到, 拿到, 来到, 接到, 推进, 引进, 提出, 指出, 演出, 返回, 收回, 逃走, 留下, 拿下, 登上 …).
/// The members were chosen from the ICU words of this form in segtool's output on the corpus
/// (`../shared/corpus`, every line, 2 or more occurrences for most), leaving out every pair that a
/// standard dictionary lists as a word or whose form PKU's practice does not settle (走进, 走出,
/// 迈出, 打进 and 踢进 of a goal, 落到, 起到, 占到, 用到, 找回, 夺回, 说出, 看出, 得出, 决出, 交给 …).
extension ICURepairs {
    /// The words as keys, for the name model: a name may end before a verb and its complement
    /// (`Worker+NameModel.swift`, 刘云清|沉|下).
    static let complementPairs = SortedKeys(complementPairWords.map(key))

    /// The words; `splitPairs` holds them with `splitPairWords`.
    static let complementPairWords = [
        // verb + 到 of result ("manage to") or of place
        "买到", "拍到", "冲到", "站到", "潜到", "捡到", "飞到", "打到", "挣到", "交到", "请到",
        "逃到", "抓到", "撞到", "吃到", "坐到", "抢到", "问到", "改到", "嫁到", "查到", "退到",
        "撤到", "推到", "追到", "跳到", "爬到", "吹到", "拖到", "修到", "派到", "渗到", "扔到",
        "练到", "喝到", "流到", "投到", "订到", "刮到", "骑到", "换到", "挂到", "翻到", "贴到",
        "伸到", "排到", "掉到", "写到", "讲到",
        // verb + 进
        "冲进", "送进", "写进", "放进", "收进", "跳进", "照进", "混进", "塞进", "掉进",
        "拉进", "接进", "扫进", "划进", "倒进", "输进", "藏进", "压进", "栽进",
        // verb + 出
        "跑出", "结出", "伸出", "腾出", "抓出", "跳出", "干出", "搬出", "驶出", "唱出", "滑出",
        "喷出", "拨出", "舞出", "喊出", "挖出", "捐出", "摆出", "赶出", "拍出", "掏出", "吸出",
        "飞出", "拉出", "凿出", "拼出", "剪出", "逃出", "甩出", "踢出", "吐出", "跨出", "吃出",
        "扑出", "算出", "敲出", "炸出", "哭出", "挂出", "撞出", "拖出", "踏出", "爬出", "送出",
        // verb + 回
        "追回", "搬回", "救回", "捡回", "寄回", "拉回", "拿回", "取回", "放回",
        // verb + 走
        "带走", "撤走", "冲走", "卷走", "搬走", "夺走", "拉走", "骗走", "接走", "迁走", "送走",
        "拿走", "领走", "偷走",
        // verb + 完
        "做完", "看完", "吃完", "收完", "转完", "开完", "售完", "用完", "干完", "接完", "卖完",
        "签完", "洗完",
        // verb + 上 or 下 of direction (put on, take off)
        "戴上", "穿上", "披上", "插上", "扣上", "搬上", "骑上", "抬上", "挤上", "摘下", "脱下",
        "拔下", "撕下", "剪下", "拆下", "扔下", "拍下", "录下", "抄下",
        // more verbs + 上 or 下 (fourteenth session, gen20: the ICU words of this form left in
        // segtool's output on the corpus, 献上 47, 写下 40, 按下 33, 犯下 32 …; kept, being
        // words or unsettled: 送上 and 跃上 (lexicon entries), 走上, 迈上, 登上, 踏上, 赶上,
        // 跟上, 遇上, 碰上, 打下, 创下, 留下, 拿下, 落下, 放下, 剩下, 坐下, 倒下, 接下)
        "献上", "奉上", "吃上", "喝上", "患上", "染上", "撞上", "搭上", "坐上",
        "爬上", "跨上", "蒙上", "提上", "连上", "爱上", "花上", "盯上", "划上", "签上", "写下",
        "按下", "犯下", "降下", "停下", "走下", "跳下", "冲下", "省下", "欠下", "夺下", "投下",
        "埋下", "播下", "栽下", "扎下", "啃下", "吞下", "吃下", "卸下", "沉下", "俯下", "拉下",
    ]
}
