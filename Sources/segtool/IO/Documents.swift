#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Indexer
import Segmenter

/// A document read from the command line's inputs.
struct Document {
    var id: String
    var title: String?
    var text: String
    /// Where `text` starts in its file: 3 for a plain-text file with a BOM, else 0 (JSON
    /// Lines texts are unescaped strings and have no file offsets).
    var offsetInFile = 0
    /// The date of a JSON Lines record ("date": YYYY, YYYY-MM or YYYY-MM-DD).
    var date: DocumentDate? = nil
    /// Its other top-level string fields (up to 1 KiB each).
    var fields: [String: String] = [:]
}

/// Reads documents: a plain-text file is one document (its path is its id); a `.jsonl` file
/// holds one document per line, `{"id","title","text"}` (id defaults to `FILE:LINE`); no
/// files means standard input, one document (or JSON Lines with `--jsonl`).
///
/// A bad input does not stop the others: a missing or unreadable file, binary input (a NUL
/// byte), invalid UTF-8, or a JSON Lines record that is not a document is reported through
/// `problem` (file, line, byte offset) and skipped, and the reading goes on; the caller exits
/// non-zero at the end when any was reported.
enum Documents {
    /// Calls `each` with every document of `paths` in order, and `problem` with the message
    /// of every bad file or record.
    /// - Returns: how many problems were reported.
    /// - Throws: what `each` throws (which stops the reading).
    @discardableResult
    static func read(
        _ paths: [String], stdinIsJSONL: Bool = false,
        problem: (String) -> Void = { Diagnostics.error($0) },
        each: (Document) throws -> Void
    ) throws -> Int {
        var problems = 0
        let inputs: [String?] = paths.isEmpty ? [nil] : paths.map { $0 == "-" ? nil : $0 }
        for path in inputs {
            let jsonl = path.map(isJSONLines) ?? stdinIsJSONL
            do {
                try readOne(path: path, jsonl: jsonl, problem: { problems += 1; problem($0) }, each: each)
            } catch let error as InputProblem {
                problems += 1
                problem(error.message)
            }
        }
        return problems
    }

    /// Whether the file at `path` is read as JSON Lines: its name ends in `.jsonl` or `.ndjson`.
    static func isJSONLines(_ path: String) -> Bool {
        path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
    }

    /// A bad input file: reported, and the next one is read.
    private struct InputProblem: Error { var message: String }

    private static func readOne(path: String?, jsonl: Bool, problem: (String) -> Void, each: (Document) throws -> Void) throws {
        let name = path ?? "<stdin>"
        if jsonl {
            try readJSONLines(path: path, name: name, problem: problem, each: each)
            return
        }
        let bytes: [UInt8]
        do { bytes = try TextFile.bytes(path ?? "/dev/stdin") } catch let error as CLIError {
            throw InputProblem(message: error.description)
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw InputProblem(message: "\(name): binary input (NUL byte at byte offset \(nul)); segtool reads UTF-8 text")
        }
        if let bad = firstInvalidUTF8Offset(bytes) {
            // The line too, as `segment` reports it.
            let line = 1 + bytes[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw InputProblem(message: "\(name):\(line): invalid UTF-8 at byte offset \(bad) (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))")
        }
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let text = String(decoding: bytes[bom...], as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) {
            Diagnostics.warning("\(name): empty input")
            return
        }
        if name.hasSuffix(".json") {
            Diagnostics.warning("\(name): read as one plain-text document (JSON Lines files are named .jsonl or .ndjson)")
        }
        try each(Document(id: name, title: nil, text: text, offsetInFile: bom))
    }

    /// Bytes read at a time from a JSON Lines input.
    static let jsonlBlock = 4 << 20

    /// Streams JSON Lines through `JSONLinesSplitter`: the input is read in blocks, so memory
    /// holds a block and the longest line, not the file. A bad record is reported and skipped.
    private static func readJSONLines(path: String?, name: String, problem: (String) -> Void, each: (Document) throws -> Void) throws {
        let fd: Int32
        do { fd = try InputFile(path: path).open() } catch let error as CLIError {
            throw InputProblem(message: error.description)
        }
        defer { if fd != 0 { _ = closeFD(fd) } }
        var splitter = JSONLinesSplitter()
        var block = [UInt8](repeating: 0, count: jsonlBlock)
        var warnedLongField = false
        func handle(_ record: JSONLinesSplitter.Record) throws {
            switch record.result {
            case .success(let fields):
                var date: DocumentDate?
                if let raw = fields.date {
                    guard let parsed = DocumentDate(raw) else {
                        problem("\(name):\(record.line): date \"\(raw)\" is not YYYY, YYYY-MM or YYYY-MM-DD")
                        return
                    }
                    date = parsed
                }
                if let long = fields.longField, !warnedLongField {
                    Diagnostics.warning("\(name):\(record.line): field \"\(long)\" is longer than \(JSONDocumentFields.maxFieldBytes) bytes: not stored (nor others as long in this input)")
                    warnedLongField = true
                }
                try each(Document(id: fields.id ?? "\(name):\(record.line)", title: fields.title, text: fields.text,
                                  date: date, fields: fields.fields))
            case .failure(let error):
                problem("\(name):\(record.line): \(error)")
            }
        }
        while true {
            let n = block.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputProblem(message: "\(name): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            try block.withUnsafeBufferPointer { try splitter.feed(UnsafeBufferPointer(rebasing: $0[0..<n]), handle) }
        }
        try splitter.finish(handle)
    }
}

extension Substring {
    func trimmingCharacters(_ set: String) -> Substring {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}

/// Stop-word options shared by keywords and rank.
struct StopWordOptions: ParsableArguments {
    @Option(name: .customLong("stopwords"), help: ArgumentHelp("A stop-word list (one word a line) that replaces the built-in one.", valueName: "file"))
    var stopWordsFile: String?

    @Flag(name: .customLong("extend-stopwords"), help: "Add --stopwords to the built-in list instead of replacing it.")
    var extend = false

    @Flag(name: .customLong("no-stopwords"), help: "Use no stop words.")
    var none = false

    func validate() throws {
        if extend && stopWordsFile == nil { throw ValidationError("--extend-stopwords needs --stopwords FILE") }
        if none && stopWordsFile != nil { throw ValidationError("--no-stopwords and --stopwords exclude each other") }
    }

    func load() throws -> Set<String> {
        if none { return [] }
        guard let stopWordsFile else { return StopWords.builtin }
        let lines = try TextFile.lines(stopWordsFile)
        let words = StopWords.parse(lines.joined(separator: "\n"))
        return extend ? words.union(StopWords.builtin) : words
    }
}
