import Testing
import Segmenter

/// The names19 round of the thirteenth session: foreign provinces and states with their
/// suffix (`Worker+Provinces.swift`), surnames ICU splits (`Worker+Surnames.swift`), and the
/// reviewed foreign places of the lexicon (08-divisions.txt). Examples written for these tests
/// (none from a measuring set).
@Suite struct ForeignProvincesClasses {
    @Test(arguments: [
        ("叙利亚伊德利卜省局势持续紧张。", "伊德利卜省"),  // a word of the alphabet
        ("美国佛罗里达州遭遇飓风袭击。", "佛罗里达州"),  // one character outside the alphabet
        ("俄罗斯库尔斯克州今天发布了预警。", "库尔斯克州"),
        ("当地时间周日，霍姆斯省北部发生交火。", "霍姆斯省"),
        ("也门北部焦夫省遭到空袭。", "焦夫省"),  // the lexicon's (reviewed corpus place)
    ])
    func aForeignPlaceKeepsItsSuffix(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func aStatesPlaceAnnouncesTheCityAfterIt() {
        // The joined state is a place with its own suffix: the city after it keeps its suffix.
        let text = "美国佛罗里达州好莱坞市警方发布通报。"
        #expect(whole(text, "好莱坞市"), "\(Shared.segmenter.cut(text))")
    }

    @Test func noForeignPlaceBeforeABoundCharacterOrAfterACommonWord() {
        // 州长 is the governor's title: the state does not take its first character.
        let governor = Shared.segmenter.words(in: "库尔斯克州长当天表示。")
        #expect(!governor.contains("库尔斯克州"), "\(governor)")
        // Words that are no foreign names before 省, and counting words before 州.
        for (text, wrong) in [("他代表省里发言。", "代表省"), ("推动生态省建设。", "生态省"),
                              ("美国多个州出现降温。", "多个州"), ("美国有两个州出现降温。", "两个州")] {
            let words = Shared.segmenter.words(in: text)
            #expect(!words.contains(wrong), "\(text): \(words)")
        }
    }
}

@Suite struct SplitSurnamesClasses {
    @Test(arguments: [
        ("令狐志刚在会上发言。", "令狐志刚"),  // ICU's 令|狐 and two given characters
        ("夏侯明说，工程进展顺利。", "夏侯明"),  // one given character before a verb of saying
        ("端木红霞当选为理事长。", "端木红霞"),
        ("尉迟建国和同事们赶到现场。", "尉迟建国"),
        ("独孤晓燕把调查报告交给了区里。", "独孤晓燕"),
        ("钟离振华带队检查了消防设施。", "钟离振华"),  // ICU's word 钟离
        ("宇文晓峰表示，明年还会再来。", "宇文晓峰"),
    ])
    func aNameWithASplitSurname(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func theFirstCharactersAreNoSurnamesAlone() {
        // 令, 独, 端 are everyday characters: no one-character surname of a name.
        for (text, wrong) in [("这令人振奋。", "令人振"), ("他独自完成了任务。", "独自完")] {
            let words = Shared.segmenter.words(in: text)
            #expect(!words.contains(wrong), "\(text): \(words)")
        }
        // 西门 is not on the list: 西门子 (Siemens) is no name with a given name 子同.
        let company = Shared.segmenter.words(in: "希望西门子同中国伙伴合作。")
        #expect(!company.contains("西门子同"), "\(company)")
    }
}

@Suite struct ForeignPlacesLexicon {
    @Test(arguments: [
        ("油轮穿过霍尔木兹海峡。", "霍尔木兹海峡"),
        ("东京都政府发布了通知。", "东京都"),
        ("密歇根州警方正在调查。", "密歇根州"),
        ("关塔那摩监狱仍未关闭。", "关塔那摩"),
    ])
    func aReviewedForeignPlaceIsWhole(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }
}

/// The place20 round of the fourteenth session: a foreign name and the head that makes it a
/// place (`NameJoiner.foreignPlace`, `Worker+Provinces.swift`). Sentences written for these
/// tests (none from a measuring set).
@Suite struct ForeignPlaceHeadsClasses {
    @Test(arguments: [
        ("以军当天继续空袭加沙地带北部。", "加沙地带"),  // ICU's word and ICU's 地带
        ("所罗门群岛政府宣布了新措施。", "所罗门群岛"),  // one character outside the alphabet
        ("科考队前往雷克雅内斯半岛。", "雷克雅内斯半岛"),
        ("一艘货轮在萨哈林岛附近搁浅。", "萨哈林岛"),  // a one-character head
        ("芬兰湾沿岸气温下降。", "芬兰湾"),
        ("加州里弗赛德县警方发布通报。", "里弗赛德县"),  // a transliteration run and its head
        ("游客在圣托里尼岛拍照。", "圣托里尼岛"),  // 圣 alone before the place
    ])
    func aForeignNameTakesItsPlaceHead(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func noHeadAfterAnEverydayWordOrBeforeAWordItBegins() {
        for (text, wrong) in [
            ("矿井的瓦斯地带需要加强通风。", "瓦斯地带"),  // an everyday word of the alphabet
            ("卡塔尔半岛电视台报道说。", "卡塔尔半岛"),  // 半岛电视台, a broadcaster
            ("货轮驶入比雷埃夫斯港卸货。", "比雷埃夫斯港"),  // a port is its city and 港
            ("托克逊县城的街道很干净。", "托克逊县"),  // 县城, the county's town
        ] {
            let words = Shared.segmenter.words(in: text)
            #expect(!words.contains(wrong), "\(text): \(words)")
        }
    }

    @Test func aTokenBeforeAHeadCharacterStillReachesTheOtherRules() {
        // 海 begins 海峡: the token before it is sent to the heads' rule, which hands a name
        // ICU glued across on to the rule that joins it (夏海|荣).
        let text = "所长夏海荣等人受到处分。"
        #expect(whole(text, "夏海荣"), "\(Shared.segmenter.cut(text))")
    }
}

/// place20: a transliteration whose first character ICU leaves alone as a word or a surname,
/// after a title (`NameJoiner.titledSingleBefore`, `Worker+Provinces.swift`). Sentences written
/// for these tests (none from a measuring set).
@Suite struct TitledTransliterationClasses {
    @Test(arguments: [
        ("会后，该国总理鲍里索夫表示支持。", "鲍里索夫"),  // 鲍, a surname, before a cue
        ("总理真蒂洛尼在会上发言。", "真蒂洛尼"),  // 真, a word, before a function character
    ])
    func theFirstCharacterJoinsTheName(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func aPrepositionOfCompanyIsNoFirstCharacter() {
        for (text, wrong) in [("主席同迪亚斯举行了会谈。", "同迪亚斯"), ("总统对马克龙表示感谢。", "对马克龙")] {
            let words = Shared.segmenter.words(in: text)
            #expect(!words.contains(wrong), "\(text): \(words)")
        }
    }
}

/// The place21 round of the fourteenth session: Japanese prefectures with 县 or 府, ports whose
/// name holds 港, and monarchs with their regnal number, from the lexicon (08-divisions.txt,
/// 09-people.txt). Examples written for these tests (none from a measuring set).
@Suite struct JapanesePrefecturesPortsAndRegnalNamesClasses {
    @Test(arguments: [
        ("日本神奈川县知事当天召开记者会。", "神奈川县"),  // ICU: 神奈川|县
        ("山区和岐阜县北部出现强降雪。", "岐阜县"),
        ("大阪府政府宣布延长相关措施。", "大阪府"),
        ("货轮在马来西亚巴生港靠泊。", "巴生港"),  // Port Klang: 港 is in the name
        ("英国女王伊丽莎白二世出席仪式。", "伊丽莎白二世"),  // ICU: 伊|丽|莎|白|二世
        ("西班牙国王费利佩六世发表讲话。", "费利佩六世"),
    ])
    func aNameKeepsItsHeadOrNumber(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func aCitysPortAndACountysTownStayApart() {
        // A port named as its city is the city and 港 (the held-out sets' convention), and a
        // prefecture's 县 does not take the 城 of 县城.
        for (text, parts) in [("比雷埃夫斯港的吞吐量增长。", ["比雷埃夫斯", "港"]),
                              ("他站在山口县城的方向张望。", ["县城"])] {
            let words = Shared.segmenter.words(in: text)
            #expect(parts.allSatisfy(words.contains), "\(text): \(words)")
        }
    }
}

/// The place22 round of the fifteenth session: a foreign name whose first character ICU glued
/// to a title's last character (秘书|长安|南, 国防部|长达|契|奇, 国|王菲|利|普): the title takes
/// the character back and the name is one token (`titleCrossing`, `Worker+Provinces.swift`).
/// Examples written for these tests (none from a measuring set).
@Suite struct TitleCrossingClasses {
    @Test(arguments: [
        ("该国国防部长达维斯当天抵达首都。", "达维斯"),  // ICU: 国防部|长达|维|斯 (a run of singles)
        ("该国交通部长达菲罗说，新线路将于年底开通。", "达菲罗"),
        ("比利时国王菲利普邀请各方出席仪式。", "菲利普"),  // ICU: 国|王菲|利|普 (国王, a role)
        ("秘书长安南为此发表声明。", "安南"),  // two characters before a function word
    ])
    func theTitleGivesTheNameItsFirstCharacter(_ pair: (String, String)) {
        let words = Shared.segmenter.words(in: pair.0)
        #expect(words.contains(pair.1), "\(pair.0): \(words)")
        // The title keeps its last character: no piece of the glued word is left.
        #expect(!words.contains("长达") && !words.contains("长安") && !words.contains("王菲"), "\(words)")
    }

    @Test func aTwoCharacterTitleIsCutFromTheWordBeforeIt() {
        // ICU: 该|国外|长安|德拉德: the title 外长 is cut from 国外 as well.
        let text = "该国外长安德拉德表示，双方应加强合作。"
        let words = Shared.segmenter.words(in: text)
        #expect(words.contains("外长") && words.contains("安德拉德"), "\(words)")
        #expect(words.joined() == text)
    }

    @Test func aUsersWordBeforeTheTitleIsNeverCut() {
        var s = Shared.segmenter
        s.addWord("国外")
        let words = s.words(in: "该国外长安德拉德表示，双方应加强合作。")
        #expect(words.contains("国外") && !words.contains("外长"), "\(words)")
    }

    @Test func aNameThatMayGoOnIsLeft() {
        // A single character that is no function character after the run: the name may go on
        // (ICU: 国防部|长达|赫|甘), so nothing is re-cut into a name's piece.
        let text = "国防部长达赫甘表示反对。"
        let words = Shared.segmenter.words(in: text)
        #expect(!words.contains("达赫") && !words.contains("国防部长"), "\(words)")
        #expect(words.joined() == text)
    }
}
