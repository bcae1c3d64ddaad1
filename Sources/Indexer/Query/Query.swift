/// A parsed query.
///
/// Syntax: words separated by spaces are ANDed; `OR` between two clauses makes them
/// alternatives (`a OR b OR c`); `-word` excludes documents with the word; `"a phrase"` needs
/// its words at adjacent positions. Each word is segmented like documents (precise mode): a
/// word that segments into several terms needs all of them.
public struct Query: Sendable, Equatable {
    /// One clause: all `terms` (for a phrase, at consecutive positions).
    public struct Clause: Sendable, Equatable {
        public var terms: [String]
        public var isPhrase: Bool
    }

    /// Every group must match: a group matches when any of its clauses does.
    public var groups: [[Clause]]
    /// A document matching any of these is excluded.
    public var excluded: [Clause]

    /// All distinct terms that count for the score (of groups, not exclusions), in order.
    public var scoringTerms: [String] {
        // Queries have a handful of terms: a linear scan beats hashing strings.
        var out: [String] = []
        for group in groups {
            for clause in group {
                for term in clause.terms where !out.contains(term) { out.append(term) }
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
            var negated = false
            if !raw.quoted && body.hasPrefix("-") && body.count > 1 {
                negated = true
                body.removeFirst()
            }
            let terms = analyzer.terms(in: body).map(\.term)
            if terms.isEmpty { pendingOr = false; continue }
            let clause = Clause(terms: terms, isPhrase: raw.quoted && terms.count > 1)
            if negated {
                excluded.append(clause)
            } else if pendingOr, !groups.isEmpty {
                groups[groups.count - 1].append(clause)
            } else {
                groups.append([clause])
            }
            pendingOr = false
        }
        self.groups = groups
        self.excluded = excluded
    }

    /// Splits on whitespace, keeping "quoted phrases" (straight or Chinese quotes) together.
    static func words(_ text: String) -> [(text: String, quoted: Bool)] {
        var out: [(String, Bool)] = []
        var current = ""
        var quote: Character?
        for ch in text {
            if let q = quote {
                if ch == q || (q == "“" && ch == "”") {
                    out.append((current, true))
                    current = ""
                    quote = nil
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" || ch == "“" {
                if !current.isEmpty { out.append((current, false)); current = "" }
                quote = ch
            } else if ch.isWhitespace {
                if !current.isEmpty { out.append((current, false)); current = "" }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append((current, quote != nil)) }
        return out
    }
}
