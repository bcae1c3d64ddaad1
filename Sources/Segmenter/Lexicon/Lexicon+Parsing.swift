#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry line of a dictionary file, as written.
public struct DictionaryLine: Hashable, Sendable {
    /// 1-based line number in the file.
    public var line: Int
    /// The word.
    public var word: String
    /// The frequency, if given.
    public var frequency: Int?
    /// The tag, if given.
    public var tag: String?
    /// Whether the fields were separated by tabs.
    public var tabSeparated: Bool
}

/// A dictionary file in the format jieba users have, parsed but not yet loaded.
///
/// One entry a line: `word [freq] [tag]`, separated by whitespace, or by tabs when the word
/// contains spaces; `#` starts a comment line; UTF-8 with or without BOM; LF or CRLF.
public struct DictionaryFile: Sendable {
    /// The name used in errors and origins.
    public var name: String
    /// The entry lines.
    public var lines: [DictionaryLine]
    /// Whether the file starts with a UTF-8 byte order mark.
    public var hasBOM: Bool
    /// How many lines end in CRLF.
    public var crlfLineCount: Int

    /// Parses dictionary text.
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - name: the file name for errors.
    /// - Throws: `SegmenterError.dictionaryNotUTF8` or `.malformedDictionaryLine`, naming the line.
    public init(bytes: some Collection<UInt8>, name: String) throws(SegmenterError) {
        self.name = name
        var lines: [DictionaryLine] = []
        var hasBOM = false
        var crlf = 0
        let array = Array(bytes)
        let result: Result<Void, SegmenterError> = array.withUnsafeBufferPointer { buf in
            var start = 0
            if buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF {
                hasBOM = true
                start = 3
            }
            var lineNumber = 0
            while start < buf.count {
                lineNumber += 1
                var end = start
                while end < buf.count && buf[end] != 0x0A { end += 1 }
                var contentEnd = end
                if contentEnd > start && buf[contentEnd - 1] == 0x0D { contentEnd -= 1; crlf += 1 }
                let slice = UnsafeBufferPointer(rebasing: buf[start..<contentEnd])
                if let bad = UTF8Decoding.firstInvalidOffset(slice) {
                    return .failure(.dictionaryNotUTF8(file: name, line: lineNumber, byteOffset: start + bad))
                }
                if let fast = Self.parseSimpleLine(slice, line: lineNumber) {
                    if let entry = fast.entry { lines.append(entry) }
                    start = end + 1
                    continue
                }
                let text = String(decoding: slice, as: UTF8.self)
                switch Self.parseLine(text, line: lineNumber, file: name) {
                case .success(let entry?): lines.append(entry)
                case .success(nil): break
                case .failure(let error): return .failure(error)
                }
                start = end + 1
            }
            return .success(())
        }
        try result.get()
        self.lines = lines
        self.hasBOM = hasBOM
        self.crlfLineCount = crlf
    }

    /// Reads and parses the dictionary file at `path`.
    public init(contentsOf path: String) throws(SegmenterError) {
        try self.init(bytes: try FileBytes.contents(of: path), name: path)
    }

    /// The entries of this file, with `origin`.
    public func entries(origin: Lexicon.Origin) -> [Lexicon.Entry] {
        lines.map { .init(word: $0.word, frequency: $0.frequency, tag: $0.tag, origin: origin) }
    }

    /// The common case on raw bytes: a comment, a blank line, or `word [freq] [tag]` separated
    /// by spaces, with nothing unusual in the word. Returns nil for anything else, which the
    /// general parser then reads (and reports errors for).
    static func parseSimpleLine(_ b: UnsafeBufferPointer<UInt8>, line: Int) -> (entry: DictionaryLine?, Void)? {
        var i = 0
        while i < b.count && b[i] == 0x20 { i += 1 }
        if i == b.count || b[i] == 0x23 { return (nil, ()) }  // blank or comment
        // Fields separated by runs of spaces; tabs go to the general parser.
        var fields: [Range<Int>] = []
        while i < b.count {
            let start = i
            while i < b.count && b[i] != 0x20 {
                if b[i] == 0x09 || b[i] < 0x20 || b[i] == 0x7F { return nil }
                i += 1
            }
            fields.append(start..<i)
            if fields.count > 3 { return nil }
            while i < b.count && b[i] == 0x20 { i += 1 }
        }
        guard let wordRange = fields.first else { return (nil, ()) }
        // No C1 controls (C2 80–9F), BOM (EF BB BF) or zero-width space (E2 80 8B) in the word.
        var j = wordRange.lowerBound
        while j < wordRange.upperBound {
            let c = b[j]
            if c == 0xC2 && j + 1 < wordRange.upperBound && b[j + 1] < 0xA0 { return nil }
            if c == 0xEF && j + 2 < wordRange.upperBound && b[j + 1] == 0xBB && b[j + 2] == 0xBF { return nil }
            if c == 0xE2 && j + 2 < wordRange.upperBound && b[j + 1] == 0x80 && b[j + 2] == 0x8B { return nil }
            j += 1
        }
        var frequency: Int?
        var tag: String?
        var k = 1
        if k < fields.count {
            let f = fields[k]
            if f.allSatisfy({ b[$0] >= 0x30 && b[$0] <= 0x39 }) {
                guard f.count <= 12 else { return nil }
                var value = 0
                for x in f { value = value * 10 + Int(b[x] - 0x30) }
                frequency = value
                k += 1
            }
        }
        if k < fields.count {
            let t = fields[k]
            let first = b[t.lowerBound]
            guard !(first >= 0x30 && first <= 0x39), t.count <= 8 else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[t]), as: UTF8.self)
            guard DictionaryTags.isKnown(text) else { return nil }  // the general parser says why
            tag = text
            k += 1
        }
        if k < fields.count { return nil }
        let word = String(decoding: UnsafeBufferPointer(rebasing: b[wordRange]), as: UTF8.self)
        return (DictionaryLine(line: line, word: word, frequency: frequency, tag: tag, tabSeparated: false), ())
    }

    static func parseLine(_ raw: String, line: Int, file: String) -> Result<DictionaryLine?, SegmenterError> {
        let trimmed = raw.drop(while: { $0 == " " || $0 == "\t" })
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return .success(nil) }
        func fail(_ reason: String) -> Result<DictionaryLine?, SegmenterError> {
            .failure(.malformedDictionaryLine(file: file, line: line, reason: reason))
        }
        let tabbed = raw.contains("\t")
        var fields: [Substring]
        if tabbed {
            fields = raw.split(separator: "\t", omittingEmptySubsequences: true)
                .map { $0.trimmingSpaces() }
                .filter { !$0.isEmpty }
        } else {
            fields = raw.split(separator: " ", omittingEmptySubsequences: true)
        }
        guard let wordField = fields.first else { return .success(nil) }
        if fields.count > 3 {
            return fail("too many fields (\(fields.count)): expected `word [freq] [tag]`; separate the fields with tabs when the word contains spaces")
        }
        for s in wordField.unicodeScalars {
            if s.value < 0x20 || s.value == 0x7F || (s.value >= 0x80 && s.value < 0xA0) {
                return fail("the word contains a control character U+\(String(s.value, radix: 16, uppercase: true))")
            }
            if s.value == 0xFEFF || s.value == 0x200B {
                return fail("the word contains an invisible character U+\(String(s.value, radix: 16, uppercase: true))")
            }
        }
        var frequency: Int?
        var tag: String?
        var rest = fields.dropFirst()
        let spacesHint = tabbed ? "" : "; if the word contains spaces, separate the fields with tabs"
        // The field after the word is a frequency when it looks like a number, or when a tag
        // follows it.
        if let f = rest.first, Self.looksNumeric(f) || fields.count == 3 {
            guard f.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                if Self.looksNumeric(f) {
                    return fail("frequency `\(f)` is not valid: a frequency must be a non-negative integer (0, 1, 2, …)")
                }
                return fail("`\(f)` is not a frequency (a non-negative integer): the fields are `word [freq] [tag]`" + spacesHint)
            }
            guard let value = Int(f), value <= 1_000_000_000_000 else {
                return fail("frequency `\(f)` is too large (at most 1000000000000)")
            }
            frequency = value
            rest = rest.dropFirst()
        }
        if let t = rest.first {
            guard DictionaryTags.isKnown(t) else {
                let known = "a known tag (\(DictionaryTags.examples), …: jieba's part-of-speech tags)"
                if frequency == nil {
                    return fail("`\(t)` is neither a frequency (a non-negative integer) nor \(known)" + spacesHint)
                }
                return fail("`\(t)` is not \(known)" + spacesHint)
            }
            tag = String(t)
            rest = rest.dropFirst()
        }
        if let extra = rest.first {
            return fail("unexpected field `\(extra)` after the tag")
        }
        return .success(DictionaryLine(line: line, word: String(wordField), frequency: frequency, tag: tag, tabSeparated: tabbed))
    }
}

extension DictionaryFile {
    /// Whether a field was meant as a number: it starts with a digit, or with a sign or a
    /// point followed by a digit (`-5`, `+3`, `.5`, `3.5`, `1e308`).
    static func looksNumeric(_ field: Substring) -> Bool {
        guard let first = field.first else { return false }
        if first.isASCII && first.isNumber { return true }
        guard first == "-" || first == "+" || first == "." else { return false }
        return field.dropFirst().first.map { $0.isASCII && ($0.isNumber || $0 == ".") } ?? false
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}

/// Whole-file reads through the C library (this module does not use Foundation).
enum FileBytes {
    /// Reads the file at `path`.
    /// - Throws: `SegmenterError.unreadableFile` naming the file and the system's reason.
    static func contents(of path: String) throws(SegmenterError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadableFile(path: path, reason: Self.reason(errno)) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadableFile(path: path, reason: "is a directory")
        }
        guard let bytes = readAllBytes(fileDescriptor: fd) else {
            throw .unreadableFile(path: path, reason: Self.reason(errno))
        }
        return bytes
    }

    static func reason(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }
}

/// Reads a file descriptor to its end (retrying interrupted reads).
/// - Returns: the bytes, or nil on a read error (`errno` says which).
public func readAllBytes(fileDescriptor fd: Int32) -> [UInt8]? {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            return nil
        }
        if n == 0 { return out }
        out.append(contentsOf: chunk[0..<n])
    }
}

/// The names in a directory (without `.` and `..`), or none when it cannot be read.
public func directoryEntries(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}
