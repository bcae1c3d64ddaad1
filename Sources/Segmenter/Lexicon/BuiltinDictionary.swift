import CLexiconData
import CLexiconImage

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

    /// The built-in lexicon and how long loading it took, computed once per process on first
    /// use: the prebuilt image's tables (`LexiconImage`, made at build time from the same
    /// files), or, when the binary has no image of the files it embeds, the files parsed.
    public static let loaded: Result<(lexicon: Lexicon, duration: Duration), SegmenterError> = {
        let clock = ContinuousClock()
        let start = clock.now
        if let lexicon = prebuilt {
            return .success((lexicon, clock.now - start))
        }
        return parseText().map { ($0, clock.now - start) }
    }()

    /// Whether `loaded` is the prebuilt image (false: the text files were parsed).
    public static var loadsPrebuiltImage: Bool { prebuilt != nil }

    /// The lexicon of the prebuilt image, when the binary has one built from the lexicon
    /// files it embeds.
    static let prebuilt: Lexicon? = {
        var count = 0
        guard let bytes = segtool_lexicon_image(&count), count > 0 else { return nil }
        // Safe because: the image is the binary's own read-only data, alive for the process.
        // The matcher's tables are read at random: from a copy in huge pages (see
        // `segtool_huge_page_copy`).
        return LexiconImage.read(UnsafeRawBufferPointer(start: bytes, count: count), fingerprint: sourceFingerprint) {
            segtool_huge_page_copy($0.baseAddress, $0.count)
        }
    }()

    /// The fingerprint of the embedded lexicon files (names and bytes), as the image records
    /// the one of the files it was built from.
    static var sourceFingerprint: UInt64 {
        LexiconImage.fingerprint(of: embeddedLexiconFiles())
    }

    /// The embedded lexicon files (those under `lexicon/`, in order) where the binary holds
    /// them: no copy is made (`lexiconFiles` copies them into arrays).
    package static func embeddedLexiconFiles() -> [(name: String, bytes: UnsafeRawBufferPointer)] {
        var files: [(name: String, bytes: UnsafeRawBufferPointer)] = []
        for i in 0..<segtool_embedded_file_count() {
            let f = segtool_embedded_file_at(i)
            guard let cName = f.name else { continue }
            let name = String(cString: cName)
            guard name.hasPrefix("lexicon/") else { continue }
            // Safe because: the embedded files are static data, alive for the process.
            files.append((name, UnsafeRawBufferPointer(start: f.bytes, count: f.bytes == nil ? 0 : f.count)))
        }
        return files
    }

    /// The built-in lexicon parsed from the embedded text files (what the image is built
    /// from, at build time, and what is used without one).
    static func parseText() -> Result<Lexicon, SegmenterError> {
        LexiconImage.parse(lexiconFiles.map { ($0.name, $0.bytes) })
    }
}
