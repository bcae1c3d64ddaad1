import Segmenter

// JSON Lines documents at the byte level: the splitter that the CLI's document reader and the
// fuzz target (Fuzz/) share. Only the standard library and Segmenter's UTF-8 check, so the
// fuzz package can compile this file on its own.

/// The "id", "title", "text" and "date" strings of one JSON Lines record, and its other
/// top-level string fields.
struct JSONDocumentFields: Equatable {
    var id: String?
    var title: String?
    var text: String
    /// The "date" string as written (the CLI checks its form).
    var date: String? = nil
    /// Other top-level string fields of at most `maxFieldBytes` bytes.
    var fields: [String: String] = [:]
    /// The first field left out for being longer than `maxFieldBytes`.
    var longField: String? = nil

    /// Field values longer than this are not kept.
    static let maxFieldBytes = 1024
}

/// What is wrong with one line of a JSON Lines input.
enum JSONLineProblem: Error, Equatable, CustomStringConvertible {
    /// Invalid UTF-8; the offset is into the whole input.
    case invalidUTF8(byteOffset: Int)
    /// A NUL byte (binary input); the offset is into the whole input.
    case nulByte(byteOffset: Int)
    /// Not an object with a "text" string.
    case notADocument

    var description: String {
        switch self {
        case .invalidUTF8(let offset): "invalid UTF-8 at byte offset \(offset)"
        case .nulByte(let offset): "binary input (NUL byte at byte offset \(offset)); segtool reads UTF-8 text"
        case .notADocument: "expected a JSON object with a \"text\" string"
        }
    }
}

/// Splits JSON Lines fed in blocks of any size into records: each complete line (split at LF,
/// trimmed of ASCII blanks and, on the first line, a BOM; blank lines skipped but counted) is
/// checked for NUL bytes and UTF-8 and parsed once for its "id", "title" and "text" strings.
/// Memory holds the unfinished line, not the input; the records do not depend on how the input
/// was cut into blocks.
struct JSONLinesSplitter {
    /// One non-blank line: its 1-based number and its fields or what is wrong with it.
    struct Record {
        var line: Int
        var result: Result<JSONDocumentFields, JSONLineProblem>
    }

    private var buffer: [UInt8] = []
    /// The input offset of `buffer[0]`.
    private var bufferOffset = 0
    private var lineNumber = 0

    init() {}

    /// Adds `block` and hands out the records of the lines it completes.
    mutating func feed(_ block: UnsafeBufferPointer<UInt8>, _ each: (Record) throws -> Void) rethrows {
        buffer.append(contentsOf: block)
        try drain(atEnd: false, each)
    }

    /// Ends the input: hands out the record of a last line without LF.
    mutating func finish(_ each: (Record) throws -> Void) rethrows {
        try drain(atEnd: true, each)
    }

    private mutating func drain(atEnd: Bool, _ each: (Record) throws -> Void) rethrows {
        var lineNumber = self.lineNumber
        let base = bufferOffset
        let consumed = try buffer.withUnsafeBufferPointer { all -> Int in
            var start = 0
            while start < all.count {
                let end: Int
                if let newline = all[start...].firstIndex(of: 0x0A) {
                    end = newline
                } else if atEnd {
                    end = all.count
                } else {
                    return start
                }
                lineNumber += 1
                if let record = Self.parse(all, start..<end, line: lineNumber, base: base) { try each(record) }
                start = end + 1
            }
            return all.count
        }
        self.lineNumber = lineNumber
        bufferOffset += consumed
        buffer.removeFirst(min(consumed, buffer.count))
    }

    /// The record of the line at `range` of `all` (nil for a blank line); `base` is the input
    /// offset of `all[0]`.
    private static func parse(_ all: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, line: Int, base: Int) -> Record? {
        var lo = range.lowerBound, hi = range.upperBound
        if line == 1 && hi - lo >= 3 && all[lo] == 0xEF && all[lo + 1] == 0xBB && all[lo + 2] == 0xBF { lo += 3 }
        while lo < hi && (all[lo] == 0x20 || all[lo] == 0x09 || all[lo] == 0x0D) { lo += 1 }
        while hi > lo && (all[hi - 1] == 0x20 || all[hi - 1] == 0x09 || all[hi - 1] == 0x0D) { hi -= 1 }
        guard lo < hi else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: all[lo..<hi])
        if let nul = bytes.firstIndex(of: 0) {
            return Record(line: line, result: .failure(.nulByte(byteOffset: base + lo + nul)))
        }
        if let bad = firstInvalidUTF8Offset(bytes) {
            return Record(line: line, result: .failure(.invalidUTF8(byteOffset: base + lo + bad)))
        }
        // An object from { to }: a line cut short (an interrupted download) or with text after
        // the object is not a document.
        guard bytes[0] == 0x7B, bytes[bytes.count - 1] == 0x7D else { return Record(line: line, result: .failure(.notADocument)) }
        var document = JSONDocumentFields(id: nil, title: nil, text: "")
        var hasText = false
        for (key, value) in JSONText.allStringFields(bytes, numbersOf: ["id", "date"]) {
            switch key {
            case "id": document.id = value
            case "title": document.title = value
            case "text": document.text = value; hasText = true
            case "date": document.date = value
            default:
                if value.utf8.count > JSONDocumentFields.maxFieldBytes {
                    if document.longField == nil { document.longField = key }
                } else {
                    document.fields[key] = value
                }
            }
        }
        guard hasText else { return Record(line: line, result: .failure(.notADocument)) }
        return Record(line: line, result: .success(document))
    }
}

/// Just enough JSON to take a string field out of a JSON Lines record, on UTF-8 bytes.
enum JSONText {
    /// The value of the string field `name` of the object on `line`, unescaped; nil when absent.
    static func field(_ name: String, in line: String) -> String? {
        var copy = line
        return copy.withUTF8 { field(name, in: $0) }
    }

    /// Every top-level string field of the object in `b`, in order (keys unescaped too); a
    /// later duplicate key comes later. The fields named in `numbersOf` may also be numbers,
    /// taken as written (`"id": 12345` is the id "12345", `"date": 2021` the year).
    static func allStringFields(_ b: UnsafeBufferPointer<UInt8>, numbersOf: Set<String> = []) -> [(key: String, value: String)] {
        var out: [(String, String)] = []
        var i = 0
        var depth = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x7B || c == 0x5B { depth += 1 }
            if c == 0x7D || c == 0x5D { depth -= 1 }
            guard c == 0x22 else { i += 1; continue }
            guard let (key, afterKey) = readString(b, from: i) else { break }
            i = afterKey
            guard depth == 1 else { continue }
            var j = i
            while j < n && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
            guard j < n, b[j] == 0x3A else { continue }  // a key is followed by a colon
            j += 1
            while j < n && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
            if j < n, b[j] == 0x2D || (0x30...0x39).contains(b[j]), !numbersOf.isEmpty {
                let name = String(decoding: key, as: UTF8.self)
                guard numbersOf.contains(name) else { continue }
                var end = j + 1
                while end < n, (0x30...0x39).contains(b[end]) || [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains(b[end]) { end += 1 }
                out.append((name, String(decoding: UnsafeBufferPointer(rebasing: b[j..<end]), as: UTF8.self)))
                i = end
                continue
            }
            guard j < n, b[j] == 0x22, let (value, after) = readString(b, from: j) else { continue }
            out.append((String(decoding: key, as: UTF8.self), String(decoding: value, as: UTF8.self)))
            i = after
        }
        return out
    }

    /// The value of the top-level string field `name` in `b` (a later duplicate key wins).
    static func field(_ name: String, in b: UnsafeBufferPointer<UInt8>) -> String? {
        allStringFields(b).last { $0.key == name }?.value
    }

    /// Reads the string literal whose opening quote is at `start`: its unescaped UTF-8 and the
    /// index after the closing quote; nil when it does not end.
    private static func readString(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> ([UInt8], Int)? {
        var i = start + 1
        let n = b.count
        // Most strings have no escape: copy them whole.
        var plain = i
        while plain < n && b[plain] != 0x22 && b[plain] != 0x5C { plain += 1 }
        if plain < n && b[plain] == 0x22 { return (Array(b[i..<plain]), plain + 1) }
        var out: [UInt8] = Array(b[i..<min(plain, n)])
        i = plain
        while i < n {
            let c = b[i]
            if c == 0x22 { return (out, i + 1) }
            if c == 0x5C, i + 1 < n {
                let e = b[i + 1]
                i += 2
                switch e {
                case 0x6E: out.append(0x0A)
                case 0x74: out.append(0x09)
                case 0x72: out.append(0x0D)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x75:
                    guard let v = hex4(b, i) else { out.append(contentsOf: [0xEF, 0xBF, 0xBD]); continue }
                    i += 4
                    var scalar = Unicode.Scalar(v)
                    if v >= 0xD800 && v < 0xDC00, i + 6 <= n, b[i] == 0x5C, b[i + 1] == 0x75, let low = hex4(b, i + 2), low >= 0xDC00 && low < 0xE000 {
                        i += 6
                        scalar = Unicode.Scalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))
                    }
                    out.append(contentsOf: String(scalar ?? "\u{FFFD}").utf8)
                default: out.append(e)
                }
                continue
            }
            out.append(c)
            i += 1
        }
        return nil
    }

    private static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = b[at + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }
}

