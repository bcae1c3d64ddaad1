import Testing
import Segmenter

@Suite struct GoldenSegmentation {
    /// Sentences written by the team in the style of political news, with their expected
    /// precise segmentation (PKU standard plus whole political terms).
    static let sentences: [(String, String)] = [
        ("坚持发扬全过程人民民主", "坚持|发扬|全过程人民民主"),
        ("深入学习贯彻习近平新时代中国特色社会主义思想", "深入|学习|贯彻|习近平新时代中国特色社会主义思想"),
        ("习近平总书记在二十届三中全会上发表重要讲话", "习近平|总书记|在|二十届三中全会|上|发表|重要|讲话"),
        // A level prefix is not joined to the body (issue 17): 市|政协, as 县|纪委书记.
        ("市政协围绕成渝地区双城经济圈建设开展专题协商", "市|政协|围绕|成渝地区双城经济圈|建设|开展|专题协商"),
        ("做到两个维护，增强四个意识", "做到|两个维护|，|增强|四个意识"),
        ("重庆市渝中区和巫溪县", "重庆市|渝中区|和|巫溪县"),
        ("全国人大常委会审议通过", "全国人大常委会|审议|通过"),
        ("国家监察委员会和中央纪委", "国家监察委员会|和|中央纪委"),
        // ICU reads 二十|大和: the dictionary word cuts ICU's word, leaving the conjunction.
        ("党的二十大和二十届三中全会精神", "党|的|二十大|和|二十届三中全会|精神"),
    ]

    @Test(arguments: sentences)
    func golden(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
    }

    @Test(arguments: [
        ("2024年GDP增长5.5%", "2024年|GDP|增长|5.5%"),
        ("比值约为3.14", "比值|约|为|3.14"),
        ("连续36年居全国首位", "连续|36|年|居|全国|首位"),
        ("经济总量突破14万亿元", "经济|总量|突破|14万亿|元"),
        ("发行专项债券1800多亿元", "发行|专项债券|1800多亿|元"),
        ("60余名代表", "60余|名|代表"),
        ("COVID-19疫情和5G网络", "COVID-19|疫情|和|5G|网络"),
        ("２０２４年增长５．１％", "２０２４年|增长|５．１％"),
        ("第十二条规定", "第十二|条|规定"),
        ("增长2.5%，达到5.1%", "增长|2.5%|，|达到|5.1%"),
        ("5月1日起施行", "5月|1日|起|施行"),
    ])
    func numbersAndLatin(_ pair: (String, String)) {
        #expect(Shared.segmenter.cut(pair.0) == pair.1)
    }

    @Test func icuAloneSplitsPoliticalTerms() {
        #expect(Shared.icu.cut("习近平") == "习|近平")
        #expect(Shared.icu.cut("二十大") == "二十|大")
        #expect(Shared.segmenter.cut("二十大") == "二十大")
    }

    @Test func tokensCarryKindAndSource() throws {
        let text = "2024年，习近平强调GDP 增长。"
        let tokens = Shared.segmenter.tokens(in: text)
        #expect(tiles(tokens, text))
        let byText = Dictionary(tokens.map { (String($0.text(in: text)), $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["2024年"]?.kind == .number)
        #expect(byText["2024年"]?.source == .rule)
        #expect(byText["习近平"]?.source == .builtinDictionary)
        #expect(byText["习近平"]?.kind == .ideographic)
        #expect(byText["GDP"]?.kind == .letters)
        #expect(byText["，"]?.kind == .punctuation)
        #expect(byText[" "]?.kind == .whitespace)
        #expect(byText["强调"]?.source == .icu)
    }

    @Test func offsetsPointIntoTheOriginalText() {
        let text = "ＧＤＰ增长５％"
        let tokens = Shared.segmenter.tokens(in: text)
        #expect(tokens.map { String($0.text(in: text)) } == ["ＧＤＰ", "增长", "５％"])
        #expect(tokens[0].utf8Range == 0..<9)
        #expect(tokens[0].scalarRange == 0..<3)
    }
}

@Suite struct SearchMode {
    @Test func subwordsOfLongWords() {
        let text = "中国特色社会主义"
        let tokens = Shared.segmenter.tokens(in: text, mode: .search)
        let words = tokens.map { String($0.text(in: text)) }
        #expect(words.first == "中国特色社会主义")
        #expect(tokens.first?.isSubword == false)
        for part in ["中国", "特色", "社会主义", "社会", "主义"] {
            #expect(words.contains(part), "missing \(part)")
        }
        // Each sub-word has its own offsets.
        for t in tokens.dropFirst() {
            #expect(t.isSubword)
            #expect(t.scalarRange.lowerBound >= 0 && t.scalarRange.upperBound <= 8)
        }
        let she = tokens.first { $0.text(in: text) == "社会" }
        #expect(she?.scalarRange == 4..<6)
    }

    @Test func preciseTokensAreAPrefixSubsequence() {
        let text = "推进成渝地区双城经济圈建设，全面建设社会主义现代化国家。"
        let precise = Shared.segmenter.tokens(in: text)
        let search = Shared.segmenter.tokens(in: text, mode: .search)
        #expect(search.filter { !$0.isSubword } == precise)
        #expect(search.count > precise.count)
    }
}

@Suite struct Tiling {
    static let hostile: [String] = [
        "", " ", "\n\n", "a", "中", "👍🏽👨‍👩‍👧‍👦中文", "é́́ combining marks ǹ̈",
        "ＡＢＣ１２３ full width，。！", "繁體中文與簡體中文混排", "𠀀𠀁𪚥 extension B",
        "مرحبا بالعالم שלום", "\u{FEFF}BOM inside", "tab\tand\r\nCRLF", "5.5%，3.14；60余",
        String(repeating: "中华人民共和国", count: 5000),
        String(repeating: "a", count: 70000), String(repeating: "，", count: 100),
        "第", "第一", "2024", "年", "%", "-19", "COVID-", "---", "1-2-3-4-5",
    ]

    @Test(arguments: hostile)
    func tilesHostileInput(_ text: String) {
        for mode in [Segmenter.Mode.precise] {
            #expect(tiles(Shared.segmenter.tokens(in: text, mode: mode), text))
        }
        #expect(tiles(Shared.icu.tokens(in: text), text))
    }

    @Test func tilesRandomInput() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = Array("中国共产党习近平二十大全过程人民民主，。、；：！？“”（）0123456789.%年月日第十万亿余多abcXYZ-_ ＧＤＰ１２３４％．\t\n👍é".unicodeScalars)
            + [Unicode.Scalar(0x301)!, Unicode.Scalar(0x200D)!, Unicode.Scalar(0x20000)!, Unicode.Scalar(0xFE0F)!]
        for _ in 0..<300 {
            let length = Int.random(in: 0..<200, using: &rng)
            var s = String.UnicodeScalarView()
            for _ in 0..<length { s.append(alphabet.randomElement(using: &rng)!) }
            let text = String(s)
            let tokens = Shared.segmenter.tokens(in: text)
            #expect(tiles(tokens, text), "does not tile: \(text.debugDescription)")
            let search = Shared.segmenter.tokens(in: text, mode: .search)
            #expect(search.filter { !$0.isSubword } == tokens)
        }
    }

    @Test func longInputIsChunkedWithoutLosingText() {
        let sentence = "坚持发扬全过程人民民主，深入学习贯彻习近平新时代中国特色社会主义思想。"
        let text = String(repeating: sentence, count: 3000)  // ~300 KB, several chunks
        let tokens = Shared.segmenter.tokens(in: text)
        #expect(tiles(tokens, text))
        let single = Shared.segmenter.tokens(in: sentence).count
        #expect(tokens.count == single * 3000)
    }

    @Test func invalidUTF8IsAnErrorWithItsOffset() {
        let bytes: [UInt8] = Array("中文".utf8) + [0xFF] + Array("abc".utf8)
        #expect(throws: SegmenterError.invalidUTF8(byteOffset: 6)) {
            var tokens: [Token] = []
            try bytes.withUnsafeBufferPointer { try Shared.segmenter.segment(utf8: $0, into: &tokens) }
        }
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0x80]] {
            #expect(firstInvalidUTF8Offset(bad) == 0)
        }
        #expect(firstInvalidUTF8Offset(Array("全过程人民民主 ok".utf8)) == nil)
    }

    /// Decoding's fast paths for three-byte sequences (leads E1–EC, EE–EF; and runs led by
    /// E4–EC, read four bytes at once) against the full check: for every lead byte from E0 to
    /// EF, with continuation bytes good, bad or cut off by the end, after a Han character, at
    /// the very end of the text and twice in a row, the segmenter fails at the validator's
    /// offset or, on valid text, gives tokens that tile the text with the scalars Swift decodes.
    @Test func threeByteSequencesDecodeAsTheValidatorSays() throws {
        let seconds: [UInt8] = [0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0]
        let thirds: [UInt8] = [0x41, 0x80, 0xBF, 0xC0]
        var cases: [[UInt8]] = []
        for lead in UInt8(0xE0)...0xEF {
            cases.append(Array("中".utf8) + [lead])
            for second in seconds {
                cases.append(Array("中".utf8) + [lead, second])
                for third in thirds {
                    cases.append(Array("中".utf8) + [lead, second, third] + Array("文a".utf8))
                    cases.append(Array("中".utf8) + [lead, second, third])
                    cases.append(Array("中".utf8) + [lead, second, third, lead, second, third] + Array("文".utf8))
                }
            }
        }
        var valid = 0
        for bytes in cases {
            var tokens: [Token] = []
            let bad = firstInvalidUTF8Offset(bytes)
            do {
                try bytes.withUnsafeBufferPointer { _ = try Shared.segmenter.segment(utf8: $0, into: &tokens) }
                #expect(bad == nil, "\(bytes) segmented, but the validator says \(bad ?? -1)")
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(tokens.first?.utf8Range.lowerBound == 0 && tokens.last?.utf8Range.upperBound == bytes.count)
                #expect(tokens.last?.scalarRange.upperBound == text.unicodeScalars.count)
                for (a, b) in zip(tokens, tokens.dropFirst()) {
                    #expect(a.utf8Range.upperBound == b.utf8Range.lowerBound && a.scalarRange.upperBound == b.scalarRange.lowerBound)
                }
                for token in tokens {
                    let piece = String(decoding: bytes[token.utf8Range], as: UTF8.self)
                    #expect(piece.unicodeScalars.count == token.scalarRange.count, "\(bytes): \(token)")
                }
                valid += 1
            } catch {
                #expect(error as? SegmenterError == .invalidUTF8(byteOffset: bad ?? -1), "\(bytes): \(error)")
            }
        }
        #expect(valid > 0 && valid < cases.count)
    }
}

@Suite struct Concurrency {
    @Test func manyTasksGiveIdenticalResults() async {
        let texts = (0..<64).map { i in
            "第\(i)次会议强调，坚持发扬全过程人民民主，推进成渝地区双城经济圈建设，GDP增长\(i).5%。"
        }
        let expected = texts.map { Shared.segmenter.tokens(in: $0, mode: .search) }
        let segmenter = Shared.segmenter
        let results = await withTaskGroup(of: (Int, [Token]).self) { group in
            for round in 0..<8 {
                for (i, text) in texts.enumerated() {
                    group.addTask { (i, segmenter.tokens(in: text, mode: round % 2 == 0 ? .search : .search)) }
                }
            }
            var all: [(Int, [Token])] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 64 * 8)
        for (i, tokens) in results { #expect(tokens == expected[i]) }
    }
}
