import Indexer
import Segmenter

// Fuzz target: any text → `Query(_:analyzer:)` (the query parser: words, OR, -exclusions,
// straight and Chinese quotes).
// Invariants: every clause has terms, none empty; a phrase has two or more terms; every term
// is a normalized term of the analyzer (not a stop word); scoring terms are distinct.

/// Stops the run (libFuzzer saves the input) when an invariant does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant: \(message())") }
}

/// The query analyzer the CLI uses (precise mode, built-in stop words).
let analyzer: Analyzer = {
    do {
        return Analyzer(segmenter: try Segmenter(), mode: .precise, stopWords: StopWords.builtin)
    } catch { fatalError("cannot build the segmenter: \(error)") }
}()

/// The analyzer's stop words as bytes.
let stopBytes = Set(analyzer.stopWords.map { Array($0.utf8) })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let query = Query(text, analyzer: analyzer)
    let all = Array(query.groups.joined()) + query.excluded
    for (i, clause) in all.enumerated() {
        require(!clause.terms.isEmpty, "a clause without terms")
        // A phrase has several words, or is one of a phrase's two readings.
        let reading = clause.isVariant || (i + 1 < all.count && all[i + 1].isVariant)
        require(!clause.isPhrase || clause.terms.count > 1 || reading, "a phrase of one term")
        require(clause.offsets.count == clause.terms.count && clause.offsets.first == 0, "offsets do not match the terms")
        require(!clause.isPhrase || zip(clause.offsets, clause.offsets.dropFirst()).allSatisfy { $0 < $1 }, "phrase offsets not increasing")
        for term in clause.terms {
            require(!term.isEmpty, "an empty term")
            require(Analyzer.normalize(term) == term, "term `\(term)` is not normalized")
            // By bytes, as the index matches stop words (not by canonical equivalence).
            require(!stopBytes.contains(Array(term.utf8)), "stop word `\(term)` kept")
        }
    }
    for group in query.groups { require(!group.isEmpty, "an empty OR group") }
    let scoring = query.scoringTerms
    require(Set(scoring).count == scoring.count, "scoring terms repeat")
    return 0
}
