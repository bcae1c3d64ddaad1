import Testing
import Segmenter

/// The twelfth session's (gen18c) repairs of ICU's own mistakes on general news (issue 17 §4, seventh
/// round), on sentences written for these tests: no sentence here was taken from a gold set.
@Suite struct FourteenthRepairTests {
    /// 元, 杯 and 队 after a numeral are the unit or classifier of rule 3 (`一 元`, `两 杯`,
    /// `两 队`), where ICU keeps them with the numeral.
    @Test(arguments: [
        ("公交票价只要一元钱", "公交|票价|只要|一|元|钱"),
        ("他要了两杯咖啡", "他|要|了|两|杯|咖啡"),
        ("比赛结束后两队球员互相致意", "比赛|结束|后|两|队|球员|互相|致意"),
    ])
    func numeralAndUnitAreTwoWords(_ pair: (String, String)) {
        #expect(Shared.icu.cut(pair.0) != pair.1)
        #expect(Shared.segmenter.cut(pair.0) == pair.1, "\(Shared.segmenter.cut(pair.0))")
    }

    /// 多元 "plural" and 二元 "binary" are words, not a number of 元.
    @Test func pluralAndBinaryStayWhole() {
        #expect(Shared.segmenter.cut("社会发展需要多元参与").contains("需要|多元|参与"))
        #expect(Shared.icu.cut("两种力量形成二元格局").contains("二元"))
        #expect(Shared.segmenter.cut("两种力量形成二元格局").contains("二元"))
    }

    /// Words of sport, weather and health from the corpus (`11-vocabulary.txt`, fourteenth
    /// session) are one token where ICU cut them into characters.
    @Test func vocabularyOfEverydayNewsIsWhole() {
        #expect(Shared.icu.cut("沙尘天气伴有扬沙和浮尘").contains("伴|有|扬|沙"))
        #expect(Shared.segmenter.cut("沙尘天气伴有扬沙和浮尘") == "沙尘|天气|伴有|扬沙|和|浮尘")
        #expect(Shared.segmenter.cut("医生为患者会诊") == "医生|为|患者|会诊")
        #expect(Shared.segmenter.cut("中共二大会址").hasSuffix("|会址"))
    }
}
