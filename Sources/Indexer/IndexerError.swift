/// What can go wrong in the Indexer module, with what a user needs to find it.
public enum IndexerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A line of an IDF table could not be read.
    case malformedIDFLine(file: String, line: Int, reason: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .malformedIDFLine(let file, let line, let reason): "\(file):\(line): \(reason)"
        case .unreadableFile(let path, let reason): "\(path): \(reason)"
        }
    }
}
