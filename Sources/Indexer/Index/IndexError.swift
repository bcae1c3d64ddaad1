/// What can go wrong in the Indexer module — with an index on disk, an IDF table, a recorded
/// analysis — naming the file (and line where there is one).
public enum IndexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file is damaged: bad magic, version, bounds or checksum.
    case corrupt(file: String, reason: String)
    /// A segment was written in another format version than this segtool's
    /// (`SegmentFormat.version`): the index must be built again from its documents.
    case outdatedFormat(file: String, version: Int)
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
    /// A dictionary of the index's recorded analysis does not parse.
    case badDictionary(reason: String)
    /// A line of an IDF table could not be read.
    case malformedIDFLine(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .corrupt(let file, let reason): "\(file): damaged index file: \(reason)"
        case .outdatedFormat(let file, let version):
            "\(file): written in index format \(version); this segtool reads format \(SegmentFormat.version) only: "
                + "rebuild the index (`segtool index build`) from its documents"
        case .notAnIndex(let path): "\(path): not a segtool index (no manifest); build one with `segtool index build`"
        case .locked(let path): "\(path): the index is locked by another writer; try again when it has finished"
        case .io(let path, let reason): "\(path): \(reason)"
        case .notEmpty(let path): "\(path): not empty and not a segtool index; give a new or empty folder"
        case .analysisMismatch(let path, let differences):
            "\(path): the index records another analysis (\(differences.joined(separator: "; "))); "
                + "documents and queries use the recorded one — omit the analysis options, or build a new index"
        case .badDictionary(let reason): "a dictionary of the index's analysis: \(reason)"
        case .malformedIDFLine(let file, let line, let reason): "\(file):\(line): \(reason)"
        }
    }
}
