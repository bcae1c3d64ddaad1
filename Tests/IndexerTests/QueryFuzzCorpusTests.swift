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
            let all = Array(query.groups.joined()) + query.excluded
            for (i, clause) in all.enumerated() {
                #expect(!clause.terms.isEmpty && clause.terms.allSatisfy { !$0.isEmpty }, "\(name)")
                // A phrase has several words, or is one of a phrase's two readings.
                let reading = clause.isVariant || (i + 1 < all.count && all[i + 1].isVariant)
                #expect(!clause.isPhrase || clause.terms.count > 1 || reading, "\(name)")
                #expect(clause.offsets.count == clause.terms.count && clause.offsets.first == 0, "\(name)")
                #expect(zip(clause.offsets, clause.offsets.dropFirst()).allSatisfy { $0 < $1 } || !clause.isPhrase, "\(name)")
                // Stop words are matched by their bytes, as the index matches them (a compatibility
                // ideograph such as U+F965 is not the stop word 便 U+4FBF it is canonically equal to).
                let stopBytes = Set(analyzer.stopWords.map { Array($0.utf8) })
                #expect(clause.terms.allSatisfy { Analyzer.normalize($0) == $0 && !stopBytes.contains(Array($0.utf8)) }, "\(name)")
            }
            #expect(Set(query.scoringTerms).count == query.scoringTerms.count, "\(name)")
        }
    }
}
