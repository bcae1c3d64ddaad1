import ArgumentParser
import Indexer
import Segmenter

/// A document read from the command line's inputs.
struct Document {
    var id: String
    var title: String?
    var text: String
}

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
        let bytes: [UInt8]
        if let path {
            bytes = try TextFile.bytes(path)
        } else {
            bytes = try TextFile.bytes("/dev/stdin")
        }
        if let bad = firstInvalidUTF8Offset(bytes) {
            throw CLIError("\(name): invalid UTF-8 at byte offset \(bad)")
        }
        guard jsonl else {
            var text = String(decoding: bytes, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            if text.allSatisfy(\.isWhitespace) {
                Diagnostics.warning("\(name): empty input")
                return
            }
            try each(Document(id: name, title: nil, text: text))
            return
        }
        // JSON Lines, byte by byte: a line is split at LF, trimmed of ASCII blanks (and a BOM
        // on the first), and parsed once for its "id", "title" and "text" strings.
        try bytes.withUnsafeBufferPointer { all in
            var lineNumber = 0
            var start = all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF ? 3 : 0
            while start <= all.count {
                var end = start
                while end < all.count && all[end] != 0x0A { end += 1 }
                lineNumber += 1
                var lo = start, hi = end
                while lo < hi && (all[lo] == 0x20 || all[lo] == 0x09 || all[lo] == 0x0D) { lo += 1 }
                while hi > lo && (all[hi - 1] == 0x20 || all[hi - 1] == 0x09 || all[hi - 1] == 0x0D) { hi -= 1 }
                if lo < hi {
                    let line = UnsafeBufferPointer(rebasing: all[lo..<hi])
                    let fields = JSONText.documentFields(line)
                    guard line[0] == 0x7B, let body = fields.text else {
                        throw CLIError("\(name):\(lineNumber): expected a JSON object with a \"text\" string")
                    }
                    try each(Document(id: fields.id ?? "\(name):\(lineNumber)", title: fields.title, text: body))
                }
                start = end + 1
            }
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
