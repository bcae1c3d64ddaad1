/// What can go wrong with an index on disk, naming the file.
public enum IndexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file is damaged: bad magic, version, bounds or checksum.
    case corrupt(file: String, reason: String)
    /// The directory holds no index (no manifest).
    case notAnIndex(path: String)
    /// Another writer holds the index.
    case locked(path: String)
    /// An operating-system error on a file.
    case io(path: String, reason: String)
    /// A folder to create an index in holds other files.
    case notEmpty(path: String)
    /// Documents would be analysed otherwise than the index records.
    case analysisMismatch(path: String, differences: [String])
    /// A document to delete or look up is not in the index.
    case noSuchDocument(id: String)
    /// Bad input given to the writer (line numbers where they apply).
    case badInput(file: String, line: Int?, reason: String)

    public var description: String {
        switch self {
        case .corrupt(let file, let reason): "\(file): damaged index file: \(reason)"
        case .notAnIndex(let path): "\(path): not a segtool index (no manifest); build one with `segtool index build`"
        case .locked(let path): "\(path): the index is locked by another writer; try again when it has finished"
        case .io(let path, let reason): "\(path): \(reason)"
        case .notEmpty(let path): "\(path): not empty and not a segtool index; give a new or empty folder"
        case .analysisMismatch(let path, let differences):
            "\(path): the index records another analysis (\(differences.joined(separator: "; "))); "
                + "documents and queries use the recorded one — omit the analysis options, or build a new index"
        case .noSuchDocument(let id): "no document with id `\(id)` in the index"
        case .badInput(let file, let line, let reason): "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)"
        }
    }
}
