import Testing
import Segmenter

/// The third names round of the thirteenth session (`Worker+Surnames.swift`): names with a
/// two-character surname that ICU reads as one word. Examples written for these tests (none
/// from a measuring set).
@Suite struct SurnamesClasses {
    @Test(arguments: [
        ("欧阳建华带队检查了防汛物资。", "欧阳建华"),  // two given characters, no cue
        ("诸葛秀芳在会上发言。", "诸葛秀芳"),
        ("司马俊说，今年的收成不错。", "司马俊"),  // one given character before a verb of saying
        ("皇甫明表示，项目进展顺利。", "皇甫明"),
        ("司徒丽君、王建国等人出席。", "司徒丽君"),
        ("慕容春生把工厂搬回了家乡。", "慕容春生"),  // a given name ICU keeps as one word
        ("轩辕立民和同事们赶到现场。", "轩辕立民"),
        ("闻人浩然当选理事长。", "闻人浩然"),
    ])
    func aNameWithATwoCharacterSurname(_ pair: (String, String)) {
        #expect(whole(pair.0, pair.1), "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func noNameWithATitleOrADepartment() {
        // A title is no given name.
        let title = Shared.segmenter.cut("司马先生来了。")
        #expect(!title.contains("司马先生"), "\(title)")
        // 司 alone is a ministry's department, never a surname.
        let department = Shared.segmenter.cut("外交部军控司相关负责人介绍了情况。")
        #expect(!department.contains("司相关"), "\(department)")
        let level = Shared.segmenter.cut("委员司处级干部参加培训。")
        #expect(!level.contains("司处"), "\(level)")
    }
}

/// A name opening a clause before a word of two function characters (`Worker+Bare.swift`,
/// `Names.afterBareNameWords`; thirteenth session). Examples written for these tests.
@Suite struct BareNameBeforeAWord {
    @Test(arguments: [
        ("潘明林曾经在乡里当过会计。", "潘明林"),
        ("如今，郑晓光已经是厂里的技术骨干。", "郑晓光"),
    ])
    func aNameOpeningAClauseBeforeCengjingOrYijing(_ pair: (String, String)) {
        let tokens = Shared.segmenter.tokens(in: pair.0)
        #expect(tiles(tokens, pair.0))
        #expect(tokens.contains { $0.text(in: pair.0) == pair.1 }, "\(Shared.segmenter.cut(pair.0))")
    }

    @Test func notAfterAGivenNameOfOneWord() {
        // A surname's character before a word is no name before 已经 (牛|产业, "the cattle industry").
        let cut = Shared.segmenter.cut("今年，牛产业已经带动三千户增收。")
        #expect(!cut.contains("牛产业"), "\(cut)")
    }
}
