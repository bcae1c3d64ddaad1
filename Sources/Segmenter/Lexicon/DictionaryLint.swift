/// Checks dictionary files for what breaks or weakens segmentation.
///
/// Errors (a file that should not ship): lines that do not parse, invalid UTF-8, the same
/// word twice (with the same or conflicting tags), words with control or invisible
/// characters, words that fold to the same text (`ＧＤＰ`/`GDP`), entries that can never win
/// (segmenting the word alone with all the dictionaries does not give it back whole).
/// Warnings (worth a look): a BOM, CRLF line ends, a tag that looks like the rest of a word
/// with spaces (`New York ns` without tabs), punctuation inside a word, and generic entries
/// that ICU already keeps whole (any tag but the proper-name tags nr, ns, nt, nz).
public enum DictionaryLint {
    /// One finding.
    public struct Finding: Sendable, CustomStringConvertible {
        public enum Severity: String, Sendable { case error, warning }
        public var severity: Severity
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String {
            "\(file)\(line.map { ":\($0)" } ?? ""): \(severity.rawValue): \(message)"
        }
    }

    /// Proper-name tags: an entry with one of them is useful even where ICU keeps it whole.
    public static let properNameTags: Set<String> = ["nr", "ns", "nt", "nz", "nnt"]

    /// Lints `files` (name and bytes) together: duplicates are found across all of them.
    /// - Parameter base: the segmenter (with its dictionaries) in which the entries would
    ///   be used; the files' entries are added to it for the shadowing check.
    public static func lint(files: [(name: String, bytes: [UInt8])], base: Segmenter) throws(SegmenterError) -> [Finding] {
        var findings: [Finding] = []
        var parsed: [DictionaryFile] = []
        for (name, bytes) in files {
            do {
                parsed.append(try DictionaryFile(bytes: bytes, name: name))
            } catch {
                switch error {
                case .malformedDictionaryLine(let file, let line, let reason):
                    findings.append(.init(severity: .error, file: file, line: line, message: reason))
                case .dictionaryNotUTF8(let file, let line, let offset):
                    findings.append(.init(severity: .error, file: file, line: line, message: "invalid UTF-8 at byte offset \(offset)"))
                default:
                    throw error
                }
            }
        }
        var segmenter = base
        let icu = try Segmenter.icuBaseline()
        var firstSeen: [String: (file: String, line: Int, tag: String?)] = [:]
        for file in parsed {
            if file.hasBOM {
                findings.append(.init(severity: .warning, file: file.name, line: 1, message: "starts with a byte order mark"))
            }
            if file.crlfLineCount > 0 {
                findings.append(.init(severity: .warning, file: file.name, line: nil, message: "\(file.crlfLineCount) lines end in CRLF"))
            }
            for entry in file.lines {
                let folded = Lexicon.fold(entry.word)
                if let first = firstSeen[folded] {
                    let same = first.tag == entry.tag
                    let what = folded == entry.word && first.file == file.name ? "duplicate" : "duplicate"
                    findings.append(.init(
                        severity: .error, file: file.name, line: entry.line,
                        message: same
                            ? "\(what) of `\(entry.word)` (\(first.file):\(first.line))"
                            : "`\(entry.word)` again with a conflicting tag \(entry.tag ?? "none") (\(first.file):\(first.line) has \(first.tag ?? "none"))"))
                    continue
                }
                firstSeen[folded] = (file.name, entry.line, entry.tag)
                for s in entry.word.unicodeScalars where s.properties.generalCategory == .format || s.value == 0xFFFD {
                    findings.append(.init(severity: .error, file: file.name, line: entry.line,
                                          message: "`\(entry.word)` contains the invisible or invalid character U+\(String(s.value, radix: 16, uppercase: true))"))
                }
                if !entry.tabSeparated, let tag = entry.tag, tag.contains(where: { $0.isUppercase }) || tag.count > 5 {
                    findings.append(.init(severity: .warning, file: file.name, line: entry.line,
                                          message: "tag `\(tag)` looks like part of the word; separate a word that contains spaces with tabs"))
                }
                if entry.word.unicodeScalars.contains(where: { ScalarClass.kind(of: ScalarClass.fold($0.value)) == .punctuation }) {
                    findings.append(.init(severity: .warning, file: file.name, line: entry.line,
                                          message: "`\(entry.word)` contains punctuation"))
                }
                segmenter.lexicon.insert(.init(word: entry.word, frequency: entry.frequency, tag: entry.tag, origin: .user(file: file.name)))
            }
        }
        // Shadowing and generic entries, once all entries are in.
        for file in parsed {
            for entry in file.lines where firstSeen[Lexicon.fold(entry.word)]?.line == entry.line
                && firstSeen[Lexicon.fold(entry.word)]?.file == file.name {
                let tokens = segmenter.tokens(in: entry.word)
                if tokens.count != 1 {
                    let cut = segmenter.words(in: entry.word).joined(separator: "|")
                    findings.append(.init(severity: .error, file: file.name, line: entry.line,
                                          message: "`\(entry.word)` can never come out whole (alone it is cut \(cut))"))
                }
                if !properNameTags.contains(entry.tag ?? ""), icu.tokens(in: entry.word).count == 1 {
                    findings.append(.init(severity: .warning, file: file.name, line: entry.line,
                                          message: "`\(entry.word)` is generic: ICU already keeps it whole"))
                }
            }
        }
        return findings
    }
}
