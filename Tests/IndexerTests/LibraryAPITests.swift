import Foundation
import Testing
@testable import Indexer
import Segmenter

/// The library API of the index (Index, Searcher), dates, fields, filters and trends.
@Suite struct LibraryAPI {
    static let documents: [IndexDocument] = [
        IndexDocument(id: "r2018", title: "报告", text: "扎实推进乡村振兴。\n推动共同富裕取得更为明显的实质性进展。",
                      date: DocumentDate("2018"), fields: ["source": "report"]),
        IndexDocument(id: "n20210301", text: "共同富裕是社会主义的本质要求。共同富裕不是少数人的富裕。",
                      date: DocumentDate("2021-03-01"), fields: ["source": "news"]),
        IndexDocument(id: "n20210615", text: "全面推进乡村振兴，加快农业农村现代化。",
                      date: DocumentDate("2021-06-15"), fields: ["source": "news"]),
        IndexDocument(id: "n20220110", text: "扎实推动共同富裕，促进人的全面发展。",
                      date: DocumentDate("2022-01-10"), fields: ["source": "news", "author": "新华社"]),
        IndexDocument(id: "undated", text: "共同富裕和乡村振兴。"),
    ]

    func make() throws -> Indexer.Index {
        let index = try Indexer.Index.create(at: temporaryIndexPath())
        let writer = try index.writer()
        try writer.add(Self.documents)
        try writer.commit()
        return index
    }

    @Test func theReadmeExampleWorks() throws {
        // The README's example, as written there.
        let index = try Indexer.Index.create(at: temporaryIndexPath())
        let writer = try index.writer()
        try writer.add([IndexDocument(id: "a", text: "全面推进乡村振兴", date: DocumentDate("2024-03-05"))])
        try writer.commit()
        let hits = try index.searcher().search("乡村振兴 -北京", top: 10)
        #expect(hits.map(\.id) == ["a"])
        #expect(hits.first?.snippet.marked(open: "[", close: "]") == "全面推进[乡村振兴]")
        #expect(hits.first?.date == DocumentDate("2024-03-05"))
    }

    @Test func datesParseAndOrder() {
        #expect(DocumentDate("2018")?.description == "2018")
        #expect(DocumentDate("2018-06")?.description == "2018-06")
        #expect(DocumentDate("2024-02-29") != nil)
        for bad in ["2023-02-29", "2018-13", "18", "2018-6", "2018-06-1", "2018/06", "", "2018-06-01T00", "０２０１"] {
            #expect(DocumentDate(bad) == nil, "\(bad)")
        }
        let dates = ["2018-01-02", "2018", "2018-01-01", "2017-12", "2018-01"].compactMap { DocumentDate($0) }
        #expect(dates.sorted().map(\.description) == ["2017-12", "2018", "2018-01", "2018-01-01", "2018-01-02"])
    }

    @Test func searchReturnsFieldsSnippetsAndPages() throws {
        let searcher = try make().searcher()
        let all = try searcher.search("共同富裕", top: 10)
        #expect(Set(all.map(\.id)) == ["r2018", "n20210301", "n20220110", "undated"])
        let news = try #require(all.first { $0.id == "n20210301" })
        #expect(news.fields == ["source": "news"])
        #expect(news.date == DocumentDate("2021-03-01"))
        #expect(news.snippet.marked(open: "[", close: "]").contains("[共同富裕]"))
        // BM25: the shortest text first; twice in a short text before once in longer ones.
        #expect(all.map(\.id) == ["undated", "n20210301", "n20220110", "r2018"])
        // Paging: the second page continues the first.
        let page1 = try searcher.search("共同富裕", top: 2), page2 = try searcher.search("共同富裕", top: 2, offset: 2)
        #expect((page1 + page2).map(\.id) == all.map(\.id))
        // Stored documents by id.
        let doc = try #require(try searcher.document(id: "n20220110"))
        #expect(doc.document == Self.documents[3])
        #expect(try searcher.document(id: "none") == nil)
    }

    @Test func filtersByDateAndField() throws {
        let searcher = try make().searcher()
        func ids(_ q: String, _ filter: SearchFilter) throws -> Set<String> { Set(try searcher.search(q, top: 10, filter: filter).map(\.id)) }
        #expect(try ids("共同富裕", SearchFilter(from: DocumentDate("2021"))) == ["n20210301", "n20220110"])
        #expect(try ids("共同富裕", SearchFilter(to: DocumentDate("2021"))) == ["r2018", "n20210301"])
        // A month bound covers the whole month; a year-dated document counts from 1 January.
        #expect(try ids("乡村振兴", SearchFilter(from: DocumentDate("2021-06"), to: DocumentDate("2021-06"))) == ["n20210615"])
        #expect(try ids("乡村振兴", SearchFilter(from: DocumentDate("2018"), to: DocumentDate("2018-01-01"))) == ["r2018"])
        #expect(try ids("共同富裕", SearchFilter(fields: ["source": ["report"]])) == ["r2018"])
        #expect(try ids("共同富裕", SearchFilter(fields: ["source": ["report", "news"]])) == ["r2018", "n20210301", "n20220110"])
        #expect(try ids("共同富裕", SearchFilter(fields: ["source": ["news"], "author": ["新华社"]])) == ["n20220110"])
        #expect(try ids("共同富裕", SearchFilter(from: DocumentDate("2023"))).isEmpty)
        // Passages are filtered the same way.
        #expect(Set(try searcher.search("共同富裕", top: 10, passages: true, filter: SearchFilter(fields: ["source": ["report"]])).map(\.id)) == ["r2018"])
    }

    @Test func trendsCountByPeriod() throws {
        let searcher = try make().searcher()
        let years = try searcher.trend(["共同富裕", "乡村振兴"], by: .year)
        let rich = years.filter { $0.term == "共同富裕" }
        #expect(rich.map(\.period) == ["2018", "2019", "2020", "2021", "2022"])
        #expect(rich.map(\.documents) == [1, 0, 0, 1, 1])
        #expect(rich.map(\.occurrences) == [1, 0, 0, 2, 1])
        #expect(rich.map(\.periodDocuments) == [1, 0, 0, 2, 1])
        let rural = years.filter { $0.term == "乡村振兴" }
        #expect(rural.map(\.documents) == [1, 0, 0, 1, 0])
        let y2021 = try #require(rich.first { $0.period == "2021" })
        #expect(y2021.periodWords > 0)
        #expect(abs(y2021.perTenThousandWords - 2 * 10_000 / Double(y2021.periodWords)) < 1e-9)
        // By month: year-only dates are left out; empty months in between are listed.
        let months = try searcher.trend(["共同富裕"], by: .month)
        #expect(months.first?.period == "2021-03" && months.last?.period == "2022-01")
        #expect(months.count == 11)
        // A phrase of sub-words counts its occurrences.
        let phrase = try searcher.trend(["农业 农村"], by: .year)
        #expect(phrase.first { $0.period == "2021" }?.occurrences == 1)
        // Filters apply.
        let news = try searcher.trend(["共同富裕"], by: .year, filter: SearchFilter(fields: ["source": ["news"]]))
        #expect(news.map(\.period) == ["2021", "2022"])
    }

    @Test func queryErrorsSayWhatAndWhere() throws {
        let searcher = try make().searcher()
        #expect(throws: SearchError.query(.unclosedQuote(offset: 5))) { _ = try searcher.search("共同富裕 \"乡村") }
        #expect(throws: SearchError.query(.noPositiveTerm)) { _ = try searcher.search("-北京") }
        #expect(throws: SearchError.query(.noPositiveTerm)) { _ = try searcher.search("，。") }
        var limited = searcher
        limited.limits = QueryLimits(maxTerms: 3, maxPhraseWords: 2, maxTop: 5)
        #expect(throws: SearchError.query(.tooManyTerms(count: 4, limit: 3))) { _ = try limited.search("共同富裕 乡村振兴 农业 农村") }
        #expect(throws: SearchError.self) { _ = try limited.search("\"扎实 推动 共同富裕\"") }
        #expect(throws: SearchError.query(.topTooLarge(top: 6, limit: 5))) { _ = try limited.search("共同富裕", top: 6) }
        // Many terms cost little: a 200-term OR answers.
        let many = (0..<199).map { "词\($0)" }.joined(separator: " OR ")
        _ = try searcher.search("共同富裕 OR " + many, top: 1000)
    }

    @Test func aSearcherIsASnapshot() throws {
        let index = try make()
        let searcher = try index.searcher()
        let writer = try index.writer()
        writer.mergeAbove = 1
        try writer.add([IndexDocument(id: "new", text: "共同富裕新篇章")])
        _ = writer.delete(id: "r2018")
        try writer.commit()
        try writer.merge()
        // The old snapshot still answers, and reads every stored document.
        #expect(Set(try searcher.search("共同富裕", top: 10).map(\.id)) == ["r2018", "n20210301", "n20220110", "undated"])
        for id in ["r2018", "n20210301", "n20210615", "n20220110", "undated"] {
            #expect(try searcher.document(id: id)?.document.id == id)
        }
        #expect(Set(try index.searcher().search("共同富裕", top: 10).map(\.id)) == ["new", "n20210301", "n20220110", "undated"])
    }
}
