import Segmenter

/// A ranked passage.
public struct PassageHit: Sendable {
    /// The document's id (its file name, or the id of a JSON Lines record).
    public var documentID: String
    /// The passage, with UTF-8 offsets into its document.
    public var passage: Passage
    public var score: Double
    /// The UTF-8 ranges (in the document) of the query terms found in the passage.
    public var matches: [Range<Int>]
}

/// Ranks the passages of a set of documents by query terms, without an index: the same
/// analysis, passage splitting and scoring as the index uses.
///
/// Documents are analysed in search mode (so 社会主义 finds 中国特色社会主义); the query in
/// precise mode, its terms deduplicated. A passage that contains any query term is a
/// candidate; N, df and the mean length are taken over all passages given.
public struct PassageRanker: Sendable {
    public var documentAnalyzer: Analyzer
    public var queryAnalyzer: Analyzer
    public var splitter: PassageSplitter
    public var ranking: Ranking

    public init(segmenter: Segmenter, stopWords: Set<String> = [], ranking: Ranking = .tfidf, splitter: PassageSplitter = PassageSplitter()) {
        documentAnalyzer = Analyzer(segmenter: segmenter, mode: .search, stopWords: stopWords)
        queryAnalyzer = Analyzer(segmenter: segmenter, mode: .precise, stopWords: stopWords)
        self.splitter = splitter
        self.ranking = ranking
    }

    /// The query's terms.
    public func queryTerms(_ query: String) -> [String] {
        var seen = Set<String>()
        return queryAnalyzer.terms(in: query).map(\.term).filter { seen.insert($0).inserted }
    }

    /// The top `k` passages of `documents` for `query`, best first.
    public func rank(query: String, documents: [(id: String, text: String)], top k: Int) -> [PassageHit] {
        let terms = queryTerms(query)
        guard !terms.isEmpty else { return [] }
        let wanted = Set(terms)
        struct Unit { var doc: Int; var passage: Passage; var length: Int; var tf: [String: Int]; var matches: [Range<Int>] }
        var units: [Unit] = []
        for (d, document) in documents.enumerated() {
            let occurrences = documentAnalyzer.terms(in: document.text)
            var o = 0
            for passage in splitter.passages(in: document.text) {
                var unit = Unit(doc: d, passage: passage, length: 0, tf: [:], matches: [])
                // Occurrences are in text order; passages too.
                while o < occurrences.count && occurrences[o].utf8Range.lowerBound < passage.utf8Range.lowerBound { o += 1 }
                while o < occurrences.count && occurrences[o].utf8Range.lowerBound < passage.utf8Range.upperBound {
                    let occurrence = occurrences[o]
                    if !occurrence.isSubword { unit.length += 1 }  // precise tokens, not sub-words
                    if wanted.contains(occurrence.term) {
                        unit.tf[occurrence.term, default: 0] += 1
                        unit.matches.append(occurrence.utf8Range)
                    }
                    o += 1
                }
                units.append(unit)
            }
        }
        let n = units.count
        let averageLength = n == 0 ? 0 : Double(units.reduce(0) { $0 + $1.length }) / Double(n)
        var df: [String: Int] = [:]
        for unit in units { for term in unit.tf.keys { df[term, default: 0] += 1 } }
        let scorer = Scorer(ranking: ranking, documents: n, averageLength: averageLength)
        let idf = Dictionary(uniqueKeysWithValues: terms.map { ($0, scorer.idf(df: df[$0] ?? 0)) })
        var top = TopK<Int>(k)
        for (u, unit) in units.enumerated() where !unit.tf.isEmpty {
            var score = 0.0
            for (term, tf) in unit.tf {
                score += scorer.weight(idf: idf[term] ?? 0, tf: tf, length: unit.length)
            }
            top.insert(u, score: score, id: u)
        }
        return top.sorted().map { entry in
            let unit = units[entry.item]
            return PassageHit(documentID: documents[unit.doc].id, passage: unit.passage, score: entry.score, matches: Self.merged(unit.matches))
        }
    }

    /// Sorted, overlapping ranges merged (a term and its sub-words highlight once).
    public static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
