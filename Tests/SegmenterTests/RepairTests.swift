import Testing
import Segmenter

/// The classes of ICU's mistakes that the rules repair (ICURepairs.swift, Worker+Names.swift),
/// on sentences written by the team. Each case names the class, not an instance list: the
/// words here are not in any dictionary of ours.
@Suite struct ICURepairTests {
    @Test(arguments: [
        // A numeral glued to its classifier or counted noun (ICU: 一批, 三成, 两国, 多个).
        ("新建一批项目", "新建|一|批|项目"),
        ("超过三成的企业", "超过|三|成|的|企业"),
        ("两国外长举行会谈", "两|国|外长|举行|会谈"),
        ("多个部门联合发布通知", "多|个|部门|联合|发布|通知"),
        // Words of numerals that are no numeral + classifier stay whole.
        ("大家一起努力", "大家|一起|努力"),
        ("多年来一直如此", "多年来|一直|如此"),
        // A particle glued to its neighbour (ICU: 新的, 他的, 到了, 有了, 的是, 肩负着).
        ("迈出了新的步伐", "迈出|了|新|的|步伐"),
        ("他的目的很明确", "他|的|目的|很|明确"),
        ("工程有了进展", "工程|有|了|进展"),
        ("值得注意的是", "值得|注意|的|是"),
        ("我们肩负着使命", "我们|肩负|着|使命"),
        // 是 glued to an adverb or a pronoun (ICU: 也是, 不是, 它是); 就是, 还是 are words.
        ("这也是一种选择", "这|也|是|一|种|选择"),
        ("它不是问题", "它|不|是|问题"),
        ("关键就是落实", "关键|就是|落实"),
        // 比 glued to the 上 of 上年 (ICU: 比上|年).
        ("产值比上年增长", "产值|比|上年|增长"),
    ])
    func splits(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
        #expect(Shared.icu.cut(pair.0) != pair.1 || pair.0.contains("一起") || pair.0.contains("就是"))
    }

    @Test(arguments: [
        // A demonstrative, ordinal or distributive glued to its classifier (ICU: 这位, 本届, 首批).
        ("这位老人每天散步", "这|位|老人|每天|散步"),
        ("本届论坛开幕", "本|届|论坛|开幕"),
        ("首座大桥通车", "首|座|大桥|通车"),
        // 个 glued to what it counts and a demonstrative before a numeral (下个月, 这几天).
        ("下个月开工", "下|个|月|开工"),
        ("这几天降温", "这|几|天|降温"),
        // Adverb or pronoun + verb, modal or preposition (ICU: 已有, 也能, 不会, 他在).
        ("全县已有八个村通车", "全县|已|有|八|个|村|通车"),
        ("这里也能看到", "这里|也|能|看到"),
        ("他不会来", "他|不|会|来"),
        ("他们都不同意", "他们|都|不|同意"),
        ("他要出差", "他|要|出差"),
        // Verb + complement of place or extent (ICU: 放在, 降至, 增加到, 没想到).
        ("把书放在桌上", "把|书|放|在|桌|上"),
        ("利率降至低位", "利率|降|至|低位"),
        ("人数增加到三千", "人数|增加|到|三千"),
        ("没想到下雨", "没|想到|下雨"),
        // 得 + degree adverb (ICU: 得很).
        ("开得很足", "开|得|很|足"),
    ])
    func splitsOfTheSecondRound(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
        #expect(Shared.icu.cut(pair.0) != pair.1)
    }

    @Test(arguments: [
        // Words of the same characters that stay whole: demonstrative + classifier words
        // (各国, 首次, 每年, 本人), adverb + verb words (还有, 只有, 不要, 才能), complements that
        // are words (得到, 达到, 看到, 来到, 正在, 存在) and the potential forms (得不到).
        ("各国代表首次参加", ["各国", "首次"]),
        ("每年本人都去", ["每年", "本人"]),
        ("还有问题只有靠改革", ["还有", "只有"]),
        ("不要着急才能做好", ["不要", "才能"]),
        ("得到支持达到目标", ["得到", "达到"]),
        ("正在看到存在的问题", ["正在", "看到", "存在"]),
        ("有些人得不到帮助", ["得不到"]),
        ("截至目前下一步工作", ["截至", "下一步"]),
    ])
    func wordsOfTheSecondRoundStayWhole(_ pair: (String, [String])) {
        let words = Shared.segmenter.cut(pair.0).split(separator: "|").map(String.init)
        for word in pair.1 { #expect(words.contains(word), "\(word) in \(words)") }
    }

    @Test(arguments: [
        // A person's name after a title, a byline or a previous name, or before a title or a
        // verb of saying.
        ("本报记者王志宏报道", "本报记者|王志宏|报道"),
        ("省委书记李明华同志指出", "省委书记|李明华|同志|指出"),
        ("市长张伟平、副市长刘建国出席", "市长|张伟平|、|副市长|刘建国|出席"),
        ("黄卫东表示同意", "黄卫东|表示|同意"),
        ("□杨春燕", "□|杨春燕"),
        // Transliterated names and places (基金会 is a word of 11-vocabulary.txt).
        ("克林顿基金会", "克林顿|基金会"),
        ("抵达伊斯坦布尔", "抵达|伊斯坦布尔"),
        // A word and its suffix.
        ("认识紧迫性", "认识|紧迫性"),
        ("树立正确的世界观", "树立|正确|的|世界观"),
        ("广大参与者", "广大|参与者"),
        ("朋友们笑了", "朋友们|笑|了"),
    ])
    func joins(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
    }

    @Test func namedPlansAndZones() {
        // A term of three or more characters and the head of a plan or zone.
        #expect(Shared.segmenter.cut("建设美丽中国先行区") == "建设|美丽中国先行区")
        // 综合 and a zone's head after a term: one zone (place20), but 综合 and a plan stay apart.
        #expect(Shared.segmenter.cut("推进生态文明综合试验区建设") == "推进|生态文明综合试验区|建设")
        #expect(Shared.segmenter.cut("编制乡村振兴综合规划") == "编制|乡村振兴|综合|规划")
        // Not after a two-character word, and not with heads that mostly follow a modifier.
        #expect(!Shared.segmenter.cut("落实各项规划").contains("各项规划"))
        #expect(!Shared.segmenter.cut("健全医疗保障体系").contains("医疗保障体系"))
        // A user's word keeps the extent the user gave it.
        var user = Shared.segmenter
        user.addWord("数智渝城")
        #expect(user.cut("建设数智渝城示范区") == "建设|数智渝城|示范区")
    }

    @Test(arguments: [
        // A place's body and its suffix after a place with its own suffix (one ICU word or two
        // single characters as the body).
        ("浙江省安吉县的竹林", "浙江省|安吉县|的|竹林"),
        ("湖北省罗田县召开大会", "湖北省|罗田县|召开|大会"),
        ("浙江安吉县的竹林", "浙江|安吉县|的|竹林"),
        // A named meeting: 中央 or 全国, topic words (和 between two), and its head.
        ("中央农村工作会议召开", "中央农村工作会议|召开"),
        ("全国发展和改革工作会议", "全国发展和改革工作会议"),
        ("全国科技大会在京举行", "全国科技大会|在京|举行"),
        // A named body: 中央, 全国, 国家 or 国务院, topic words, and 委员会 or 领导小组.
        ("国家防灾减灾救灾委员会启动响应", "国家防灾减灾救灾委员会|启动|响应"),
        ("中央应对疫情工作领导小组", "中央应对疫情工作领导小组"),
        // A term and 责任制; a two-character word and 制 or 权.
        ("落实粮食安全责任制", "落实|粮食安全责任制"),
        ("实行首问负责制", "实行|首|问|负责制"),
        ("保障公民知情权", "保障|公民|知情权"),
    ])
    func placesMeetingsAndSystems(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
    }

    @Test func placesMeetingsAndSystemsNeedTheirCues() {
        // No place before the body: ICU's pieces stay (a verb and a level word are no place).
        #expect(!Shared.segmenter.cut("推进县域商业体系建设").contains("推进县"))
        #expect(Shared.segmenter.cut("北京市成立市级工作专班").hasPrefix("北京市|成立|市|级"))
        // Determiners and quantities are no body (浙江省|部分|县, 湖南|各地|市).
        #expect(Shared.segmenter.cut("浙江省部分县") == "浙江省|部分|县")
        #expect(!Shared.segmenter.cut("湖南各地市").contains("各地市"))
        // An ordinal or a verb of holding a meeting is no topic.
        #expect(!Shared.segmenter.cut("全国委员会第一次会议").contains("全国委员会第一次会议"))
        #expect(Shared.segmenter.cut("国务院召开第四次廉政工作会议").contains("廉政|工作|会议"))
        // A committee named by one two-character word is mostly a common noun's; an adjective
        // of importance is no topic.
        #expect(!Shared.segmenter.cut("国家管理委员会").contains("国家管理委员会"))
        #expect(!Shared.segmenter.cut("中央重要会议").contains("中央重要会议"))
        // The nearest 中央 or 全国 begins the name.
        #expect(Shared.segmenter.cut("中央召开的全国金融工作会议") == "中央|召开|的|全国金融工作会议")
        // A modifier's head after a term stays apart (the dev set's 健康中国|行动).
        #expect(Shared.segmenter.cut("推进健康中国行动").hasSuffix("健康中国|行动"))
        // 制 and 权 that begin the next word are no suffix (制导, 制售).
        #expect(!Shared.segmenter.cut("精确制导武器").contains("精确制"))  // 制导 is a word of 11-vocabulary
        #expect(!Shared.segmenter.cut("打击制售假药").contains("打击制"))
        // A user's word is never a meeting's topic or a place's body.
        var user = Shared.segmenter
        user.addWord("农村工作")
        #expect(user.cut("中央农村工作会议") == "中央|农村工作|会议")
    }

    @Test func namesNeedContext() {
        // With no title, byline or verb of saying around them, characters are joined only when the
        // name model (`Worker+NameModel.swift`, names19b) finds them far likelier a name than words
        // of their own: 李明华 is; 严|新|华 (新 is mostly a word alone) is not.
        #expect(Shared.segmenter.cut("李明华参加活动") == "李明华|参加|活动")
        #expect(Shared.segmenter.cut("严新华参加活动") == Shared.icu.cut("严新华参加活动"))
        // A title is not a given name (周|总理 is "Premier Zhou"), nor an everyday word after
        // a surname that is one too (曾|警告 "once warned").
        #expect(Shared.segmenter.cut("周总理说") == "周|总理|说")
        #expect(Shared.segmenter.cut("发言人曾警告") == "发言人|曾|警告")
    }

    @Test func aNameFoundInContextIsKnownElsewhereInTheText() {
        // 严新华 is a name by its title in the second sentence; the first has no cue, and the name
        // model does not join it alone (毕井泉 it does: `Worker+NameModel.swift`).
        #expect(Shared.segmenter.cut("严新华和毕井泉参加活动。严新华同志表示同意。")
            == "严新华|和|毕井泉|参加|活动|。|严新华|同志|表示|同意|。")
        // Each call starts afresh: the name is not remembered from the previous text.
        #expect(Shared.segmenter.cut("严新华和毕井泉参加活动。") == "严|新|华|和|毕井泉|参加|活动|。")
    }

    @Test func joinedTokensAreRulesAndTile() {
        let text = "本报记者王志宏报道，克林顿基金会认识紧迫性。"
        let tokens = Shared.segmenter.tokens(in: text)
        #expect(tiles(tokens, text))
        let sources = Dictionary(tokens.map { (String($0.text(in: text)), $0.source) }, uniquingKeysWith: { a, _ in a })
        #expect(sources["王志宏"] == .rule)
        #expect(sources["克林顿"] == .rule)
        #expect(sources["紧迫性"] == .rule)
    }

    @Test(arguments: [
        // A Han number that ICU cuts or glues to its unit: with 多/余/几 and its magnitudes one
        // token, the unit apart (ICU: 三百|多, 两千|余, 七|十多岁, 三十|多|万, 两百元).
        ("参观人数达三百多万", "参观|人数|达|三百多万"),
        ("修建公路两千余公里", "修建|公路|两千余|公里"),
        ("老人七十多岁了", "老人|七十多|岁|了"),
        ("发放一千八百余份", "发放|一千八百余|份"),
        ("花了两百元", "花|了|两百|元"),
        ("十几个人用了几十年", "十几|个|人|用|了|几十|年"),
        // A year of digits, a month, a day and an hour (ICU: 一九|五八|年, 九|时).
        ("一九五八年十一月二十日九时", "一九五八年|十一月|二十日|九时"),
        // After a particle ICU glued to the number (了三|十多年).
        ("教了三十多年书", "教|了|三十多|年|书"),
    ])
    func hanNumbers(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
        #expect(Shared.icu.cut(pair.0) != pair.1)
    }

    @Test func hanNumbersLeaveWordsOfNumeralsAlone() {
        // Words and idioms of numerals are no number (十分, 千方百计, 十万火急 stay as ICU has
        // them), nor are magnitudes in a falling order (百万|千瓦, 千千万万), a month
        // before 份 or 底, or 一 before 时 or 日.
        for (text, kept) in [("十分重要", "十分|重要"), ("千方百计", "千方百计"), ("十万火急", "十万|火急"),
                             ("装机百万千瓦", "百万|千瓦"), ("千千万万的人", "千|千万|万"), ("六月份", "六月份"),
                             ("三月底", "三|月底"), ("一时难以", "一时|难以"), ("一日三餐", "一日|三餐")] {
            #expect(Shared.segmenter.cut(text).contains(kept), "\(text): \(Shared.segmenter.cut(text))")
        }
        // The number is a rule token and the tokens tile the text.
        let text = "三十多万名考生"
        let tokens = Shared.segmenter.tokens(in: text)
        #expect(tiles(tokens, text))
        #expect(tokens.first.map { String($0.text(in: text)) } == "三十多万")
        #expect(tokens.first?.source == .rule)
        // 百年, 千年, 万年 are words (as 多年), not a numeral and its classifier.
        #expect(Shared.segmenter.cut("百年大计千年古城") == "百年|大计|千年|古城")
    }

    @Test(arguments: [
        // A degree adverb glued to what it grades (ICU: 较大, 更好, 很受, 更有; 并不, 不太).
        ("雨量较大", "雨量|较|大"),
        ("更好满足需求", "更|好|满足|需求"),
        ("很受学生欢迎", "很|受|学生|欢迎"),
        ("更有温度的服务", "更|有|温度|的|服务"),
        ("效果并不理想", "效果|并|不|理想"),
        // 不 + a two-character word ICU takes as one (不知道, 不合理), and an adverb or
        // conjunction + 是 (尤其是, 不仅是).
        ("谁都不知道", "谁|都|不|知道"),
        ("清理不合理收费", "清理|不|合理|收费"),
        ("尤其是农村", "尤其|是|农村"),
        ("这不仅是速度", "这|不仅|是|速度"),
        ("不太熟悉", "不|太|熟悉"),
    ])
    func degreeAdverbs(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
        #expect(Shared.icu.cut(pair.0) != pair.1)
    }

    @Test func degreeWordsStayWhole() {
        // The adverbs 更加, 较为, the quantities 很多, 更多, and words of 更 "change" are words.
        let words = Shared.segmenter.cut("更加重视，较为突出，很多人，更多机会，系统更新").split(separator: "|").map(String.init)
        for word in ["更加", "较为", "很多", "更多", "更新"] { #expect(words.contains(word), "\(word) in \(words)") }
        // Words of 不 stay whole (不得不, 不一定, 不动产).
        let bu = Shared.segmenter.cut("不得不说，不一定，不动产").split(separator: "|").map(String.init)
        for word in ["不得不", "不一定", "不动产"] { #expect(bu.contains(word), "\(word) in \(bu)") }
    }

    @Test(arguments: [
        // Two-character words that ICU splits into single characters, found on the corpus
        // (11-vocabulary.txt): 快|讯, 钟|声, 至|关|重要 in ICU's output.
        ("航班快讯称", "快讯"),
        ("新年的钟声", "钟声"),
        ("这一点至关重要", "至关重要"),
    ])
    func vocabularyOfSingleCharacterPairs(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0).split(separator: "|").contains(Substring(pair.1)))
        #expect(!Shared.icu.cut(pair.0).split(separator: "|").contains(Substring(pair.1)))
    }

    @Test func dictionaryWordsAreNotUndone() {
        // A user word over the same characters wins over the name rule's join.
        var segmenter = Shared.segmenter
        segmenter.addWord("王志")
        #expect(segmenter.cut("本报记者王志宏报道") == "本报记者|王志|宏|报道")
    }
}

/// A dictionary word that begins inside ICU's word, when the character before that word and
/// the word's first character make one word of ICU's dictionary (落|实习|近平: 落实 and 习近平;
/// the resolver's paired head, `Worker+Resolve.swift`). Sentences written by the team.
@Suite struct PairedHeadTests {
    @Test(arguments: [
        ("各地认真落实习近平总书记的要求", "落实|习近平|总书记"),
        ("要严防疫情反弹", "严防|疫情|反弹"),
        ("控制新增产能", "新增|产能"),
    ])
    func joins(_ pair: (String, String)) {
        let cut = Shared.segmenter.cut(pair.0)
        #expect(cut.contains(pair.1), "\(cut)")
    }

    /// Not after a function character: 能生|产出 and 为人|民办 are no readings.
    @Test func notAfterAFunctionCharacter() {
        #expect(Shared.segmenter.cut("机器就能生产出零件").contains("能|生产|出"))
        #expect(Shared.segmenter.cut("好好为人民办实事").contains("为|人民"))
    }

    /// A preposition or particle ICU glued to the first character of a longer dictionary word
    /// of three or more characters is cut off without the cut penalty (在内|蒙古 → 在|内蒙古,
    /// 在家|门口 → 在|家门口); before a two-character word it still pays.
    @Test func freeHeads() {
        #expect(Shared.segmenter.cut("今天在内蒙古考察").contains("在|内蒙古|考察"))
        #expect(Shared.segmenter.cut("中国和白俄罗斯签署协议").contains("和|白俄罗斯"))
        #expect(Shared.icu.cut("今天在内蒙古考察").contains("在内|蒙古"))
    }

    /// ICU alone keeps its own reading (no dictionary of ours, no pair edge).
    @Test func icuAloneUnchanged() {
        #expect(Shared.icu.cut("认真落实习近平总书记的要求").contains("落|实习|近平"))
    }
}
