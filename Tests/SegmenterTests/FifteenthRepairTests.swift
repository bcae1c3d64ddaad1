import Testing
import Segmenter

/// The thirteenth session's (gen19) repairs of ICU's own mistakes on general news (issue 17 §4, eighth
/// round, gen19), on sentences written for these tests: no sentence here was taken from a gold set.
@Suite struct FifteenthRepairTests {
    /// A one-character verb and a free complement of direction or result are two words in PKU's
    /// standard (`ICURepairs+Complements.swift`), where ICU keeps them as one.
    @Test(arguments: [
        ("他在网上买到了一本旧书", "买到", "买|到|了"),
        ("洪水冲走了河边的小桥", "冲走", "洪水|冲|走|了"),
        ("她戴上眼镜看完了这封信", "戴上", "她|戴|上|眼镜|看|完|了"),
        ("工人们从仓库里搬出几箱设备", "搬出", "仓库|里|搬|出"),
        ("民警追回了被盗的电动车", "追回", "民警|追|回|了"),
    ])
    func verbAndFreeComplementAreTwoWords(_ row: (text: String, icuWord: String, ours: String)) {
        expectRepaired(row.text, icuWord: row.icuWord, ours: row.ours)
    }

    /// Lexicalised verb + complement words stay whole: 找到, 看到, and 打进 of a goal.
    @Test func lexicalisedComplementsStayWhole() {
        #expect(Shared.segmenter.cut("他终于找到了丢失的钥匙").contains("终于|找到|了"))
        #expect(Shared.segmenter.cut("记者看到村民们正在劳作").hasPrefix("记者|看到|"))
        #expect(Shared.segmenter.cut("他在比赛中打进一球").contains("|打进|"))
    }

    /// ICU's 年前 after a number is the unit and the locative (`两 年 前`); alone it is the word
    /// "before the New Year" and stays whole.
    @Test func yearsAgoAfterANumberAreTwoWords() {
        #expect(Shared.icu.cut("两年前开始建设").contains("年前"))
        #expect(Shared.segmenter.cut("两年前开始建设") == "两|年|前|开始|建设")
        #expect(Shared.segmenter.cut("这座桥建于30年前").hasSuffix("30|年|前"))
        #expect(Shared.segmenter.cut("年前要把工作做完").hasPrefix("年前|"))
    }

    /// Everyday words of business, courts, culture and farming from the corpus
    /// (`11-vocabulary.txt`, thirteenth session) are one token where ICU cut them.
    @Test func vocabularyOfEverydayNewsIsWhole() {
        #expect(Shared.icu.cut("记者看到村民们正在劳作").hasSuffix("劳|作"))
        #expect(Shared.segmenter.cut("记者看到村民们正在劳作").hasSuffix("|劳作"))
        #expect(Shared.icu.cut("这种做法有以权谋私之嫌").contains("以|权|谋|私"))
        #expect(Shared.segmenter.cut("这种做法有以权谋私之嫌").contains("|以权谋私|"))
        #expect(Shared.segmenter.cut("交通问题关系国计民生").hasSuffix("|国计民生"))
        #expect(Shared.segmenter.cut("这家支行为小微企业提供低息贷款").contains("家|支行|为"))
        #expect(Shared.segmenter.cut("老师在信中写道孩子进步很大").contains("|写道|"))
    }
}
