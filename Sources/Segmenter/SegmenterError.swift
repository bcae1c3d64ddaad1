/// Everything that can go wrong in the Segmenter module, with what a user needs to find it.
public enum SegmenterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input is not valid UTF-8 at this byte offset.
    case invalidUTF8(byteOffset: Int)
    /// A dictionary line could not be read as `word [freq] [tag]`.
    case malformedDictionaryLine(file: String, line: Int, reason: String)
    /// A dictionary file is not valid UTF-8 (the byte offset is within the file).
    case dictionaryNotUTF8(file: String, line: Int, byteOffset: Int)
    /// A dictionary or input file could not be opened or read.
    case unreadableFile(path: String, reason: String)
    /// ICU failed (error code and the call that failed).
    case icu(code: Int, what: String)

    public var description: String {
        switch self {
        case .invalidUTF8(let offset):
            return "invalid UTF-8 at byte offset \(offset)"
        case .malformedDictionaryLine(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        case .dictionaryNotUTF8(let file, let line, let offset):
            return "\(file):\(line): invalid UTF-8 at byte offset \(offset)"
        case .unreadableFile(let path, let reason):
            return "\(path): \(reason)"
        case .icu(let code, let what):
            return "ICU error \(code) in \(what)"
        }
    }
}
