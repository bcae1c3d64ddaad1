import Foundation
import Indexer
import Segmenter
import Testing

/// The kept inputs of the query fuzz target (`Fuzz/Corpus/FuzzQuery/`), replayed with its
/// invariants in the ordinary test run.
@Suite struct QueryFuzzCorpus {
    @Test func queriesAreWellFormed() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/FuzzQuery").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(names.count >= 2, "the seed corpus is missing")
        let analyzer = Analyzer(segmenter: Shared.segmenter, mode: .precise, stopWords: StopWords.builtin)
        for name in names.sorted() {
            let bytes = FileManager.default.contents(atPath: folder + "/" + name) ?? Data()
            let query = Query(String(decoding: bytes, as: UTF8.self), analyzer: analyzer)
            for clause in query.groups.joined() + query.excluded {
                #expect(!clause.terms.isEmpty && clause.terms.allSatisfy { !$0.isEmpty }, "\(name)")
                #expect(!clause.isPhrase || clause.terms.count > 1, "\(name)")
                #expect(clause.terms.allSatisfy { Analyzer.normalize($0) == $0 && !analyzer.stopWords.contains($0) }, "\(name)")
            }
            #expect(Set(query.scoringTerms).count == query.scoringTerms.count, "\(name)")
        }
    }
}
