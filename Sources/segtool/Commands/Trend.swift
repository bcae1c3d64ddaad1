import ArgumentParser
import Indexer
import Segmenter

/// `segtool trend`: how often terms were used, period by period.
struct Trend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How often terms were used, year by year or month by month.",
        discussion: """
            For each term (a word, or a phrase: `高质量 发展`) and each period from the first dated \
            document's to the last's: the documents containing it, its occurrences, and those per \
            10,000 words of the period's documents. Documents without a date (the "date" field of \
            JSON Lines: YYYY, YYYY-MM or YYYY-MM-DD) are left out, and by month those dated to a \
            year only. Output: a table, --csv or --json.
            """)

    @Option(name: .customLong("index"), help: ArgumentHelp("The index directory.", valueName: "dir"))
    var directory: String

    @Argument(help: "Terms or phrases.")
    var terms: [String]

    @Option(help: "year or month.")
    var by: TrendPeriod = .year

    @OptionGroup var filterOptions: FilterOptions

    @Flag(help: "CSV with a header line: period,term,documents,occurrences,per_10k_words,period_documents,period_words.")
    var csv = false

    @Flag(help: "One JSON object per row (JSON Lines): period, term, documents, occurrences, per10kWords, periodDocuments, periodWords.")
    var json = false

    func validate() throws {
        if terms.isEmpty { throw ValidationError("give at least one term") }
        if let n = terms.firstIndex(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw ValidationError("term \(n + 1) is empty")
        }
        if csv && json { throw ValidationError("--csv and --json exclude each other") }
    }

    func run() throws {
        try reportingErrors {
            let rows: [TrendRow]
            do {
                let searcher = try Indexer.Index.open(at: directory).searcher()
                // A term is read as a quoted phrase; one with a quote left open is refused, as
                // `search` refuses it, rather than read some other way.
                for (n, term) in terms.enumerated() {
                    do throws(QueryError) { _ = try searcher.parse(term) } catch {
                        if case .unclosedQuote(let offset) = error {
                            throw CLIError("term \(n + 1): the quote at character \(offset + 1) is not closed")
                        }
                    }
                }
                rows = try searcher.trend(terms, by: by, filter: try filterOptions.filter())
            } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
            var out = OutputBuffer()
            if csv {
                out.append("period,term,documents,occurrences,per_10k_words,period_documents,period_words\n")
                for r in rows {
                    out.append("\(r.period),\(csvField(r.term)),\(r.documents),\(r.occurrences),\(number(r.perTenThousandWords)),\(r.periodDocuments),\(r.periodWords)\n")
                }
            } else if json {
                for r in rows {
                    out.append("{\"period\":\(jsonString(r.period)),\"term\":\(jsonString(r.term)),\"documents\":\(r.documents),\"occurrences\":\(r.occurrences),\"per10kWords\":\(number(r.perTenThousandWords)),\"periodDocuments\":\(r.periodDocuments),\"periodWords\":\(r.periodWords)}\n")
                }
            } else {
                out.append("period\tterm\tdocuments\toccurrences\tper 10k words\tperiod documents\n")
                for r in rows {
                    out.append("\(r.period)\t\(tabSeparatedField(r.term))\t\(r.documents)\t\(r.occurrences)\t\(number(r.perTenThousandWords))\t\(r.periodDocuments)\n")
                }
            }
            out.flush()
            if rows.isEmpty {
                if filterOptions.isEmpty {
                    Diagnostics.warning("\(directory): no dated documents (give JSON Lines a \"date\" field)")
                } else {
                    Diagnostics.warning("\(directory): no dated document matches --from, --to and --where")
                }
            }
        }
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
}

extension String {
    /// This string with every `target` replaced (no Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}

extension TrendPeriod: ExpressibleByArgument {}

/// Date and field filters shared by `search` and `trend`.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only documents dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only documents dated on or before this (2022-06 includes all of June).", valueName: "date"))
    var to: String?

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Only documents whose field has this value (FIELD=VALUE; repeatable: one value of a field suffices, every field must match).",
        valueName: "field=value"))
    var conditions: [String] = []

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, DocumentDate(value) == nil { throw ValidationError("\(name) \(value): not a date (YYYY, YYYY-MM or YYYY-MM-DD)") }
        }
        for c in conditions where !c.contains("=") || c.hasPrefix("=") {
            throw ValidationError("--where \(c): expected FIELD=VALUE")
        }
    }

    /// Whether no date or field condition was given.
    var isEmpty: Bool { from == nil && to == nil && conditions.isEmpty }

    /// The filter these options describe.
    func filter() throws -> SearchFilter {
        var fields: [String: Set<String>] = [:]
        for c in conditions {
            guard let eq = c.firstIndex(of: "=") else { continue }
            fields[String(c[..<eq]), default: []].insert(String(c[c.index(after: eq)...]))
        }
        return SearchFilter(from: from.flatMap { DocumentDate($0) }, to: to.flatMap { DocumentDate($0) }, fields: fields)
    }
}
