import CLexiconData

/// The built-in political lexicon, compiled into the binary from `Dictionaries/lexicon/`.
public enum BuiltinDictionary {
    /// One embedded file.
    public struct File: Sendable {
        /// Its path below `Dictionaries/`, e.g. `lexicon/01-institutions.txt`.
        public var name: String
        /// Its bytes.
        public var bytes: [UInt8]
        /// The category, from the file name (`01-institutions.txt` -> `institutions`).
        public var category: String {
            let base = name.split(separator: "/").last.map(String.init) ?? name
            let stem = base.hasSuffix(".txt") ? String(base.dropLast(4)) : base
            if let dash = stem.firstIndex(of: "-"), stem[..<dash].allSatisfy(\.isNumber) {
                return String(stem[stem.index(after: dash)...])
            }
            return stem
        }
    }

    /// The embedded files, in order.
    public static let files: [File] = {
        (0..<segtool_embedded_file_count()).map { i in
            let f = segtool_embedded_file_at(i)
            let name = f.name.map { String(cString: $0) } ?? "?"
            let bytes = f.bytes.map { Array(UnsafeBufferPointer(start: $0, count: f.count)) } ?? []
            return File(name: name, bytes: bytes)
        }
    }()

    /// The embedded lexicon files (those under `lexicon/`).
    public static var lexiconFiles: [File] { files.filter { $0.name.hasPrefix("lexicon/") } }

    /// The parsed built-in lexicon and how long parsing and loading took, computed once per
    /// process on first use.
    public static let loaded: Result<(lexicon: Lexicon, duration: Duration), SegmenterError> = {
        let clock = ContinuousClock()
        let start = clock.now
        var entries: [Lexicon.Entry] = []
        do {
            for file in lexiconFiles {
                let parsed = try DictionaryFile(bytes: file.bytes, name: "Dictionaries/" + file.name)
                entries += parsed.entries(origin: .builtin(file: file.name))
            }
        } catch {
            return .failure(error as? SegmenterError ?? .unreadableFile(path: "Dictionaries", reason: "\(error)"))
        }
        let lexicon = Lexicon(entries)
        return .success((lexicon, clock.now - start))
    }()
}
