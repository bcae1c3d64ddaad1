/// A query resolved once for all segments: its scoring terms numbered, its clauses flattened
/// (no nested arrays or string hashing per candidate), and the evaluation strategy.
final class QueryPlan {
    enum Shape {
        case single(Int)
        case alternatives([Int])
        case conjunction([Int])
        /// All groups single clauses, some of them phrases: a conjunction whose candidates
        /// that would enter the top k have their phrases checked.
        case conjunctionWithPhrases([Int])
        case general
    }

    let termBytes: [[UInt8]]
    /// Clause c's terms are flatTerms[clauseOffsets[c]..<clauseOffsets[c+1]]; group g's
    /// clauses are groupClauses[g].
    let flatTerms: [Int]
    /// For phrase clauses: each term's position relative to the phrase's first (parallel to
    /// `flatTerms`).
    let flatOffsets: [Int]
    let clauseOffsets: [Int]
    let clausePhrase: [Bool]
    /// The scoring units: the distinct terms of clauses that are not phrases (each scored by
    /// its tf), and the phrase clauses (each scored by its phrase frequency).
    let singles: [Int]
    let phrases: [Int]
    /// Per phrase (index into `phrases`): the index of the phrase it is a reading of (itself
    /// for a first reading). Readings of one phrase score as one: by the better of them.
    let phraseFamily: [Int]
    /// Per term: in how many scoring units it counts (its bound is counted as often).
    let multiplicity: [Double]
    let groupClauses: [Range<Int>]
    /// Terms every match has (those of single-clause groups), and the terms of the first
    /// group (the candidates' source when nothing is required).
    let required: [Int]
    let firstGroupTerms: [Int]
    /// Excluded clauses: their terms' bytes, flattened the same way.
    let excludedTerms: [[UInt8]]
    let excludedOffsets: [Int]
    let excludedPhrase: [Bool]
    /// Excluded phrases' relative positions, parallel to `excludedTerms`.
    let excludedPositions: [Int]
    let shape: Shape

    convenience init(_ query: Query, passages: Bool) {
        if !passages && query.excluded.isEmpty && query.groups.count == 1 && (1...16).contains(query.groups[0].count)
            && query.groups[0].allSatisfy({ !$0.isPhrase && $0.terms.count == 1 }) {
            self.init(alternatives: query.groups[0].map { $0.terms[0] })
        } else {
            self.init(general: query, passages: passages)
        }
    }

    /// The plan of any query.
    init(general query: Query, passages: Bool) {
        let scoring = query.scoringTerms
        // A handful of terms: linear search, no string hashing.
        // Phrases' further readings can bring dozens of terms: then a table.
        // (Keyed by bytes: `TermKey`.) Each clause's terms are looked up once.
        let table = scoring.count > 16 ? Dictionary(scoring.enumerated().map { (TermKey($1), $0) }, uniquingKeysWith: { a, _ in a }) : [:]
        // By bytes, as the index compares terms (`String`'s == would check canonical
        // equivalence, slow for Chinese text).
        func index(_ term: String) -> Int? {
            scoring.count > 16 ? table[TermKey(term)] : scoring.firstIndex { $0.utf8.elementsEqual(term.utf8) }
        }
        let numbered: [[[Int?]]] = query.groups.map { $0.map { $0.terms.map(index) } }
        termBytes = scoring.map { Array($0.utf8) }
        var flat: [Int] = [], offsets: [Int] = [], starts: [Int] = [0], phrase: [Bool] = [], ranges: [Range<Int>] = []
        var singles: [Int] = [], phrases: [Int] = [], family: [Int] = []
        var multiplicity = [Double](repeating: 0, count: scoring.count)
        for (g, group) in query.groups.enumerated() {
            let first = phrase.count
            for (c, clause) in group.enumerated() {
                let terms = numbered[g][c].map { $0 ?? 0 }
                if clause.isPhrase {
                    family.append(clause.isVariant && !family.isEmpty ? family[family.count - 1] : phrases.count)
                    phrases.append(phrase.count)
                    // A family scores as its best reading: each of its terms bounds it once.
                    for t in Set(terms) where !clause.isVariant || multiplicity[t] == 0 { multiplicity[t] += 1 }
                } else {
                    for t in terms where !singles.contains(t) {
                        singles.append(t)
                        multiplicity[t] += 1
                    }
                }
                flat += terms
                offsets += clause.isPhrase ? clause.offsets : Array(repeating: 0, count: terms.count)
                starts.append(flat.count)
                phrase.append(clause.isPhrase)
            }
            ranges.append(first..<phrase.count)
        }
        flatTerms = flat
        flatOffsets = offsets
        self.singles = singles
        self.phrases = phrases
        phraseFamily = family
        self.multiplicity = multiplicity
        clauseOffsets = starts
        clausePhrase = phrase
        groupClauses = ranges
        var required: [Int] = []
        for g in numbered where !g.isEmpty {
            // The terms every clause of the group has (all of a one-clause group's).
            var common = Set(g[0].compactMap { $0 })
            for clause in g.dropFirst() where !common.isEmpty { common.formIntersection(clause.compactMap { $0 }) }
            for t in g[0].compactMap({ $0 }) where common.contains(t) && !required.contains(t) { required.append(t) }
        }
        required.sort()
        self.required = required
        var first: [Int] = []
        for t in (numbered.first ?? []).flatMap({ $0.compactMap { $0 } }) where !first.contains(t) { first.append(t) }
        firstGroupTerms = first.sorted()
        var excluded: [[UInt8]] = [], excludedStarts = [0], excludedPositions: [Int] = []
        for clause in query.excluded {
            excluded += clause.terms.map { Array($0.utf8) }
            excludedPositions += clause.offsets
            excludedStarts.append(excluded.count)
        }
        self.excludedPositions = excludedPositions
        excludedTerms = excluded
        excludedOffsets = excludedStarts
        excludedPhrase = query.excluded.map(\.isPhrase)
        let groups = query.groups
        if passages || !query.excluded.isEmpty || groups.isEmpty {
            shape = .general
        } else if groups.count == 1 && groups[0].allSatisfy({ $0.terms.count == 1 && !$0.isPhrase }) {
            let terms = groups[0].map { index($0.terms[0]) ?? 0 }
            shape = terms.count == 1 ? .single(terms[0]) : .alternatives(terms)
        } else if groups.allSatisfy({ $0.count == 1 && !$0[0].isPhrase }) {
            shape = .conjunction(required)
        } else if groups.allSatisfy({ $0.count == 1 }) {
            shape = .conjunctionWithPhrases(required)
        } else {
            shape = .general
        }
    }

    /// The plan of one group of single words (`a` or `a OR b OR c`), made without the general
    /// path's nested arrays and sets: what that path gives for such a query (each distinct
    /// word a single scoring unit, in order of first use; required only a word every clause
    /// has, that is, when all clauses are the same word).
    private init(alternatives words: [String]) {
        var scoring: [String] = []
        scoring.reserveCapacity(words.count)
        var numbered: [Int] = []
        numbered.reserveCapacity(words.count)
        for word in words {
            if let t = scoring.firstIndex(where: { $0.utf8.elementsEqual(word.utf8) }) {
                numbered.append(t)
            } else {
                numbered.append(scoring.count)
                scoring.append(word)
            }
        }
        let n = words.count, distinct = scoring.count
        termBytes = scoring.map { Array($0.utf8) }
        flatTerms = numbered
        flatOffsets = Array(repeating: 0, count: n)
        clauseOffsets = Array(0...n)
        clausePhrase = Array(repeating: false, count: n)
        singles = Array(0..<distinct)
        phrases = []
        phraseFamily = []
        multiplicity = Array(repeating: 1, count: distinct)
        groupClauses = [0..<n]
        required = distinct == 1 ? [0] : []
        firstGroupTerms = Array(0..<distinct)
        excludedTerms = []
        excludedOffsets = [0]
        excludedPhrase = []
        excludedPositions = []
        shape = n == 1 ? .single(numbered[0]) : .alternatives(numbered)
    }
}
