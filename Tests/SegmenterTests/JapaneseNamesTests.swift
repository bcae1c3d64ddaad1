import Testing
import Segmenter

/// Japanese people's names (foreign22, `Worker+Japanese.swift`): a Japanese family name and a
/// given name in a text that names Japan, remembered for the rest of the text. Examples written
/// for these tests (invented names, none from a measuring set).
@Suite struct JapaneseNamesClasses {
    @Test(arguments: [
        ("日本防卫相中川雅彦今天在记者会上表示，日方将加强合作。", "中川雅彦"),  // a given name ICU keeps as a word
        ("日本众议员小山昭夫说，两国应当对话。", "小山昭夫"),
        ("日本驻华大使横井拓。", "横井拓"),                                  // one given character before a clause end
        ("日本前外相高桥春男出席。", "高桥春男"),                            // a family name of two single characters
    ])
    func aJapaneseNameInATextThatNamesJapan(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func noJapaneseNameWithoutJapan() {
        // The same name with no 日本 or 日方 in the text: a family name and a word.
        let cut = Shared.segmenter.cut("中川雅彦今天在记者会上表示，将加强合作。")
        #expect(!cut.split(separator: "|").contains("中川雅彦"), "\(cut)")
        #expect(whole("日本客人说，中川雅彦今天在记者会上表示，将加强合作。", "中川雅彦"))
    }

    @Test func theFamilyNameAloneLaterInTheText() {
        // 鸠|山 alone is joined once the text has named 鸠山健夫.
        let text = "日本前首相鸠山健夫出席。鸠山说，日中关系很重要。"
        let tokens = Shared.segmenter.cut(text).split(separator: "|")
        #expect(tokens.contains("鸠山健夫") && tokens.contains("鸠山"), "\(tokens)")
        // Not when the text has not named him.
        let alone = Shared.segmenter.cut("日本客人来了。鸠山说，日中关系很重要。").split(separator: "|")
        #expect(!alone.contains("鸠山"), "\(alone)")
    }

    @Test func japaneseFamilyNamesThatAreOrdinaryWords() {
        // 中村 a village, 小林 a grove, 铃木 a firm, 石川 a prefecture, 福岛 before an ordinal: no
        // given name follows them.
        let text = "日本客人参观了中村的稻田，又走进小林，小林子里很安静。中村书记陪同。日方认为，铃木公司应当整改，石川县也发布通知，福岛第一核电站。"
        let tokens = Shared.segmenter.tokens(in: text)
        #expect(tiles(tokens, text))
        let cut = Shared.segmenter.cut(text)
        for word in ["中村的", "小林子", "中村书记", "铃木公司", "石川县", "福岛第一"] {
            #expect(!cut.split(separator: "|").contains(Substring(word)), "\(word): \(cut)")
        }
        // A word that ends in a character given names end in is no given name (安倍|政权, 安倍|等人).
        let words = Shared.segmenter.cut("日本方面说，安倍政权和岸田内阁，安倍等人。").split(separator: "|")
        #expect(!words.contains("安倍政权") && !words.contains("安倍等人"), "\(words)")
    }
}
