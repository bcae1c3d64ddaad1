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
    var date: DocumentDate? = nil
    var fields: [String: String] = [:]
}

/// Field values longer than this are not stored (a warning says so, once per input).
let maxFieldBytes = 1024

/// Reads documents: a plain-text file is one document (its path is its id); a `.jsonl` file
/// holds one document per line, `{"id","title","text"}` (id defaults to `FILE:LINE`); no
/// files means standard input, one document (or JSON Lines with `--jsonl`).
enum Documents {
    static func read(_ paths: [String], stdinIsJSONL: Bool = false, each: (Document) throws -> Void) throws {
        if paths.isEmpty {
            try readOne(path: nil, jsonl: stdinIsJSONL, each: each)
            return
        }
        for path in paths {
            try readOne(path: path == "-" ? nil : path, jsonl: path.hasSuffix(".jsonl") || (path == "-" && stdinIsJSONL), each: each)
        }
    }

    private static func readOne(path: String?, jsonl: Bool, each: (Document) throws -> Void) throws {
        let name = path ?? "<stdin>"
        if jsonl {
            try readJSONLines(path: path, name: name, each: each)
            return
        }
        let bytes = try TextFile.bytes(path ?? "/dev/stdin")
        if let bad = firstInvalidUTF8Offset(bytes) {
            throw CLIError("\(name): invalid UTF-8 at byte offset \(bad)")
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.allSatisfy(\.isWhitespace) {
            Diagnostics.warning("\(name): empty input")
            return
        }
        try each(Document(id: name, title: nil, text: text))
    }

    /// Bytes read at a time from a JSON Lines input.
    static let jsonlBlock = 4 << 20

    /// Streams JSON Lines: the input is read in blocks, and each complete line (split at LF,
    /// trimmed of ASCII blanks and, on the first, a BOM) is checked for UTF-8 and parsed once
    /// for its "id", "title", "text" and "date" strings; its other top-level string fields
    /// (up to `maxFieldBytes` each) are the document's fields. Memory holds a block and the longest line,
    /// not the file.
    private static func readJSONLines(path: String?, name: String, each: (Document) throws -> Void) throws {
        let fd = try InputFile(path: path).open()
        defer { if fd != 0 { _ = closeFD(fd) } }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(2 * jsonlBlock)
        var block = [UInt8](repeating: 0, count: jsonlBlock)
        var bufferOffset = 0  // the file offset of buffer[0]
        var lineNumber = 0
        var atEnd = false
        var warnedLongField = false
        while !atEnd {
            let n = block.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError("\(name): \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                atEnd = true
            } else {
                buffer.append(contentsOf: block[0..<n])
            }
            // Every complete line; at the end, the last one too.
            let consumed = try buffer.withUnsafeBufferPointer { all -> Int in
                var start = 0
                while start < all.count {
                    guard let newline = all[start...].firstIndex(of: 0x0A) else {
                        if !atEnd { return start }
                        try parseLine(all, start..<all.count)
                        return all.count
                    }
                    try parseLine(all, start..<newline)
                    start = newline + 1
                }
                return start
            }
            bufferOffset += consumed
            buffer.removeFirst(consumed)
        }

        func parseLine(_ all: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws {
            lineNumber += 1
            var lo = range.lowerBound, hi = range.upperBound
            if lineNumber == 1 && hi - lo >= 3 && all[lo] == 0xEF && all[lo + 1] == 0xBB && all[lo + 2] == 0xBF { lo += 3 }
            while lo < hi && (all[lo] == 0x20 || all[lo] == 0x09 || all[lo] == 0x0D) { lo += 1 }
            while hi > lo && (all[hi - 1] == 0x20 || all[hi - 1] == 0x09 || all[hi - 1] == 0x0D) { hi -= 1 }
            guard lo < hi else { return }
            let line = UnsafeBufferPointer(rebasing: all[lo..<hi])
            if let bad = firstInvalidUTF8Offset(line) {
                throw CLIError("\(name):\(lineNumber): invalid UTF-8 at byte offset \(bufferOffset + lo + bad)")
            }
            guard line[0] == 0x7B else {
                throw CLIError("\(name):\(lineNumber): expected a JSON object with a \"text\" string")
            }
            var document = Document(id: "\(name):\(lineNumber)", title: nil, text: "")
            var hasText = false
            for (key, value) in JSONText.allStringFields(line) {
                switch key {
                case "id": document.id = value
                case "title": document.title = value
                case "text": document.text = value; hasText = true
                case "date":
                    guard let date = DocumentDate(value) else {
                        throw CLIError("\(name):\(lineNumber): date \"\(value)\" is not YYYY, YYYY-MM or YYYY-MM-DD")
                    }
                    document.date = date
                default:
                    if value.utf8.count > maxFieldBytes {
                        if !warnedLongField {
                            Diagnostics.warning("\(name):\(lineNumber): field \"\(key)\" is longer than \(maxFieldBytes) bytes: not stored (nor others as long in this input)")
                            warnedLongField = true
                        }
                    } else {
                        document.fields[key] = value
                    }
                }
            }
            guard hasText else {
                throw CLIError("\(name):\(lineNumber): expected a JSON object with a \"text\" string")
            }
            try each(document)
        }
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
