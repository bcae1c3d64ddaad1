/// A parsed query.
///
/// Syntax: words separated by spaces are ANDed; `OR` between two clauses makes them
/// alternatives (`a OR b OR c`); `-word` excludes documents with the word, `-"a phrase"` those
/// with the phrase; `"a phrase"` needs its words where they are in the quoted text: each next
/// word starting where the one before ends (see `Analyzer` for what punctuation and line
/// breaks do). Each word is segmented like documents (precise mode): a word that segments into
/// several terms needs all of them.
public struct Query: Sendable, Equatable {
    /// One clause: all `terms` (for a phrase, at consecutive positions).
    public struct Clause: Sendable, Equatable {
        /// The clause's terms, in order.
        public var terms: [String]
        /// Whether the terms must occur as in the quoted text.
        public var isPhrase: Bool
        /// For a phrase: each term's position relative to the first term's (0 for the first).
        public var offsets: [Int]
        /// True for a phrase's second reading: the words as typed where the whole phrase
        /// segments otherwise (乡村振兴战略 as one word, or 乡村振兴 and 战略). It belongs to the
        /// clause before it: a document matches either, and is scored by the better.
        public var isVariant = false

        /// Makes a clause; `offsets` default to consecutive words' (0 for all but phrases).
        public init(terms: [String], isPhrase: Bool, offsets: [Int]? = nil) {
            self.terms = terms
            self.isPhrase = isPhrase
            self.offsets = offsets ?? Array(repeating: 0, count: terms.count)
        }
    }

    /// Every group must match: a group matches when any of its clauses does.
    public var groups: [[Clause]]
    /// A document matching any of these is excluded.
    public var excluded: [Clause]

    /// All distinct terms that count for the score (of groups, not exclusions), in order.
    public var scoringTerms: [String] {
        // Queries have a handful of terms: a linear scan beats hashing strings (a set once
        // there are many, as phrases' further readings bring).
        // (Hashed by bytes: `TermKey`.)
        var out: [String] = []
        var seen: Set<TermKey> = []
        for group in groups {
            for clause in group {
                for term in clause.terms where out.count < 16 ? !out.contains(where: { $0.utf8.elementsEqual(term.utf8) })
                                                              : !seen.contains(TermKey(term)) {
                    out.append(term)
                    if out.count == 16 { seen = Set(out.map(TermKey.init)) } else if out.count > 16 { seen.insert(TermKey(term)) }
                }
            }
        }
        return out
    }

    /// Parses `text` with `analyzer` (precise mode) for its terms.
    public init(_ text: String, analyzer: Analyzer) {
        var groups: [[Clause]] = []
        var excluded: [Clause] = []
        var pendingOr = false
        for raw in Self.words(text) {
            if raw.text == "OR" && !raw.quoted {
                pendingOr = !groups.isEmpty
                continue
            }
            var body = raw.text
            var negated = raw.negated
            if !raw.quoted && body.hasPrefix("-") && body.count > 1 {
                negated = true
                body.removeFirst()
            }
            // In a phrase, spaces between Chinese characters are not text: "高质量 发展" is the
            // phrase 高质量发展, segmented as a whole (its words are then the words a document
            // containing 高质量发展 has there, in whatever long token it sits); where the words as
            // typed differ from that, they are a second reading of the same phrase.
            var readings = [analyzer.terms(in: raw.quoted ? Self.joiningHan(body) : body)]
            if raw.quoted {
                let typed = analyzer.terms(in: body)
                if typed.map(\.term) != readings[0].map(\.term) && typed.count > 1 { readings.append(typed) }
            }
            var clauses: [Clause] = []
            for (r, occurrences) in readings.enumerated() {
                guard let first = occurrences.first?.position else { continue }
                // With two readings, both are phrases (one of a single word, maybe).
                let isPhrase = raw.quoted && (occurrences.count > 1 || readings.count > 1)
                var clause = Clause(terms: occurrences.map(\.term), isPhrase: isPhrase,
                                    offsets: occurrences.map { isPhrase ? $0.position - first : 0 })
                clause.isVariant = r > 0 && !clauses.isEmpty
                clauses.append(clause)
            }
            if clauses.isEmpty { pendingOr = false; continue }
            if negated {
                excluded += clauses
            } else if (pendingOr || clauses.count > 1), !groups.isEmpty, pendingOr {
                groups[groups.count - 1] += clauses
            } else {
                groups.append(clauses)
            }
            pendingOr = false
        }
        self.groups = groups
        self.excluded = excluded
    }

    /// `text` without the whitespace that stands between two Han characters.
    static func joiningHan(_ text: String) -> String {
        func isHan(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
            default: return false
            }
        }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c.properties.isWhitespace, let before = out.last, isHan(before) {
                var j = i
                while j < scalars.count && scalars[j].properties.isWhitespace { j += 1 }
                if j < scalars.count && isHan(scalars[j]) {
                    i = j
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// Splits on whitespace, keeping "quoted phrases" (straight or Chinese quotes) together;
    /// a `-` right before a quote negates the phrase.
    static func words(_ text: String) -> [(text: String, quoted: Bool, negated: Bool)] {
        var out: [(String, Bool, Bool)] = []
        var current = ""
        var quote: Character?
        var negated = false
        for ch in text {
            if let q = quote {
                if ch == q || (q == "“" && ch == "”") {
                    out.append((current, true, negated))
                    current = ""
                    quote = nil
                    negated = false
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" || ch == "“" {
                negated = current == "-"
                if !current.isEmpty && !negated { out.append((current, false, false)) }
                current = ""
                quote = ch
            } else if ch.isWhitespace {
                if !current.isEmpty { out.append((current, false, false)); current = "" }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append((current, quote != nil, quote != nil && negated)) }
        return out
    }
}

/// Limits on what a query may ask: a server exposes searches to anyone, and a query's cost
/// grows with its terms and the number of hits asked for.
public struct QueryLimits: Sendable, Equatable {
    /// Most distinct terms (words of all clauses, exclusions included).
    public var maxTerms: Int
    /// Most words in one phrase.
    public var maxPhraseWords: Int
    /// Most hits one search returns.
    public var maxTop: Int
    /// Longest query text, in bytes.
    public var maxBytes: Int

    /// Limits; the defaults suit interactive search.
    public init(maxTerms: Int = 256, maxPhraseWords: Int = 32, maxTop: Int = 10_000, maxBytes: Int = 8_192) {
        self.maxTerms = maxTerms
        self.maxPhraseWords = maxPhraseWords
        self.maxTop = maxTop
        self.maxBytes = maxBytes
    }
}

/// What is wrong with a query, and where (a character offset into the query text).
public enum QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A quote opened at `offset` is not closed.
    case unclosedQuote(offset: Int)
    /// No positive term: only exclusions, stop words or punctuation.
    case noPositiveTerm
    /// More distinct terms than the limit.
    case tooManyTerms(count: Int, limit: Int)
    /// A phrase longer than the limit, starting at `offset`.
    case phraseTooLong(offset: Int, words: Int, limit: Int)
    /// A query text longer than the limit.
    case tooLong(bytes: Int, limit: Int)
    /// More hits asked for than the limit.
    case topTooLarge(top: Int, limit: Int)

    public var description: String {
        switch self {
        case .unclosedQuote(let offset): "the quote at character \(offset + 1) is not closed"
        case .noPositiveTerm:
            "the query needs at least one word to find (it has only exclusions like -word, stop words or punctuation)"
        case .tooManyTerms(let count, let limit): "the query has \(count) distinct words; at most \(limit) are allowed"
        case .phraseTooLong(let offset, let words, let limit):
            "the phrase at character \(offset + 1) has \(words) words; at most \(limit) are allowed"
        case .tooLong(let bytes, let limit): "the query is \(bytes) bytes long; at most \(limit) are allowed"
        case .topTooLarge(let top, let limit): "\(top) results asked for; at most \(limit) are allowed"
        }
    }
}

extension Query {
    /// Parses a query strictly: an unclosed quote, a query without a positive word, or one over
    /// `limits` is an error saying where.
    public static func parse(_ text: String, analyzer: Analyzer, limits: QueryLimits = QueryLimits()) throws(QueryError) -> Query {
        let bytes = text.utf8.count
        if bytes > limits.maxBytes { throw .tooLong(bytes: bytes, limit: limits.maxBytes) }
        // Quotes: each opened one must close; a phrase may not be too long.
        var open: (Character, Int)?
        var content = ""
        for (offset, ch) in text.enumerated() {
            if let (q, start) = open {
                if ch == q || (q == "“" && ch == "”") {
                    open = nil
                    let words = analyzer.terms(in: joiningHan(content)).count
                    if words > limits.maxPhraseWords { throw .phraseTooLong(offset: start, words: words, limit: limits.maxPhraseWords) }
                    content = ""
                } else {
                    content.append(ch)
                }
            } else if ch == "\"" || ch == "“" {
                open = (ch, offset)
            }
        }
        if let (_, offset) = open { throw .unclosedQuote(offset: offset) }
        let query = Query(text, analyzer: analyzer)
        if query.groups.isEmpty { throw .noPositiveTerm }
        var distinct = Set(query.scoringTerms)
        for clause in query.excluded { distinct.formUnion(clause.terms) }
        if distinct.count > limits.maxTerms { throw .tooManyTerms(count: distinct.count, limit: limits.maxTerms) }
        return query
    }
}
