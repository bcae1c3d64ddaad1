import Segmenter

/// How an index turns text into terms, recorded in the index (the `analysis` file, with copies
/// of the user dictionaries and the stop words beside it), so that queries and later additions
/// analyse exactly as the documents were: nobody has to repeat `--dict` or `--icu-only`, and
/// an addition with another analysis is refused instead of mixing two.
///
/// Recorded: the analysis version (normalization and positions), the mode (search), whether
/// the built-in lexicon is used and its fingerprint, ICU alone or not, the folding of
/// Traditional characters (a `fold traditional` line, absent when off), the user dictionaries'
/// bytes, the stop words. Every file is checksummed in the `analysis` file.
///
/// ```swift
/// let analysis = IndexAnalysis(userDictionaries: [try .init(contentsOf: "mine.txt")], stopWords: StopWords.builtin)
/// let writer = try IndexWriter(directory: "news.idx", create: true, analysis: analysis)
/// ```
public struct IndexAnalysis: Sendable, Equatable {
    /// Use the built-in political lexicon.
    public var builtinLexicon: Bool
    /// ICU's word breaks alone (no rules, no dictionaries).
    public var icuOnly: Bool
    /// User dictionaries in jieba's format, later ones over earlier ones.
    public var userDictionaries: [UserDictionary]
    /// Normalized words that are never terms.
    public var stopWords: Set<String>
    /// How text is read (`.traditional`: Traditional characters as Simplified, in documents
    /// and queries alike).
    public var folding: Segmenter.Folding
    /// The built-in lexicon's fingerprint the index was analysed with (this binary's for a
    /// new analysis).
    public internal(set) var builtinFingerprint: UInt32

    /// A user dictionary's name (for messages) and bytes (recorded in the index).
    public struct UserDictionary: Sendable, Equatable {
        /// Where it came from.
        public var name: String
        /// Its bytes, jieba's format.
        public var bytes: [UInt8]

        /// A dictionary from bytes.
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }

        /// A dictionary read from a file. - Throws: `IndexError.io` when it cannot be read.
        public init(contentsOf path: String) throws(IndexError) {
            self.init(name: path, bytes: try FileIO.readAll(path))
        }
    }

    /// An analysis: the defaults are the built-in lexicon, no user dictionaries, no stop words,
    /// no folding.
    public init(builtinLexicon: Bool = true, icuOnly: Bool = false, userDictionaries: [UserDictionary] = [],
                stopWords: Set<String> = [], folding: Segmenter.Folding = .none) {
        self.builtinLexicon = builtinLexicon && !icuOnly
        self.icuOnly = icuOnly
        self.userDictionaries = icuOnly ? [] : userDictionaries
        self.stopWords = Set(stopWords.map(Analyzer.normalize))
        self.folding = folding
        builtinFingerprint = Self.currentBuiltinFingerprint
    }

    public static func == (a: IndexAnalysis, b: IndexAnalysis) -> Bool {
        a.builtinLexicon == b.builtinLexicon && a.icuOnly == b.icuOnly && a.stopWords == b.stopWords && a.folding == b.folding
            && a.builtinFingerprint == b.builtinFingerprint
            && a.userDictionaries.map(\.bytes) == b.userDictionaries.map(\.bytes)
    }

    /// The fingerprint of this binary's built-in lexicon (a CRC-32 of its files).
    public static let currentBuiltinFingerprint: UInt32 = {
        var crc = CRC32.start
        // The files where the binary holds them (no copy: this runs at every search).
        for file in BuiltinDictionary.embeddedLexiconFiles() {
            file.name.utf8.withContiguousStorageIfAvailable { crc = CRC32.update(crc, UnsafeRawBufferPointer($0)) }
            crc = CRC32.update(crc, file.bytes)
        }
        return crc ^ 0xFFFF_FFFF
    }()

    /// The segmenter this analysis uses.
    /// - Throws: `IndexError.badDictionary` for a user dictionary that does not parse (file, line).
    public func makeSegmenter() throws(IndexError) -> Segmenter {
        do {
            if icuOnly { return try Segmenter.icuBaseline(folding: folding) }
            var lexicon = builtinLexicon ? try BuiltinDictionary.loaded.get().lexicon : Lexicon()
            for dictionary in userDictionaries {
                let file = try DictionaryFile(bytes: dictionary.bytes, name: dictionary.name)
                for entry in file.entries(origin: .user(file: dictionary.name)) { lexicon.insert(entry) }
            }
            return try Segmenter(lexicon: lexicon, folding: folding)
        } catch {
            throw .badDictionary(reason: "\(error)")
        }
    }

    /// The analyzer for documents (search mode) or queries (precise mode).
    public func makeAnalyzer(mode: Segmenter.Mode) throws(IndexError) -> Analyzer {
        Analyzer(segmenter: try makeSegmenter(), mode: mode, stopWords: stopWords)
    }

    /// How this analysis differs from `other`, in words (empty when they are the same).
    public func differences(from other: IndexAnalysis) -> [String] {
        var out: [String] = []
        if icuOnly != other.icuOnly { out.append(icuOnly ? "ICU alone" : "not ICU alone") }
        if builtinLexicon != other.builtinLexicon { out.append(builtinLexicon ? "with the built-in lexicon" : "without the built-in lexicon") }
        if userDictionaries.map(\.bytes) != other.userDictionaries.map(\.bytes) {
            out.append("user dictionaries [\(userDictionaries.map(\.name).joined(separator: ", "))]")
        }
        if stopWords != other.stopWords { out.append("\(stopWords.count) stop words") }
        if folding != other.folding {
            out.append(folding == .traditional ? "Traditional characters read as Simplified" : "Traditional characters read as written")
        }
        if builtinLexicon && other.builtinLexicon && builtinFingerprint != other.builtinFingerprint {
            out.append("another version of the built-in lexicon")
        }
        return out
    }

    // MARK: The recorded form

    static let fileName = "analysis"
    static let stopWordsFile = "stopwords.txt"
    static let header = "segtool analysis 1"

    /// The files of the recorded analysis: `analysis`, the stop words, the dictionaries' copies.
    static func fileNames(dictionaries: Int) -> [String] {
        [fileName, stopWordsFile] + (0..<dictionaries).map { "dict-\($0 + 1).txt" }
    }

    /// Writes the analysis into `directory` (each file durably; `analysis` last, atomically).
    func record(in directory: String) throws(IndexError) {
        let stopBytes = Array(stopWords.sorted().map { $0 + "\n" }.joined().utf8)
        try FileIO.writeDurably(stopBytes, to: directory + "/" + Self.stopWordsFile)
        var lines = [Self.header, "version \(Analyzer.version)", "mode search",
                     "builtin \(builtinLexicon ? "on" : "off") \(hex(builtinFingerprint))", "icu-only \(icuOnly ? "yes" : "no")",
                     "stopwords \(Self.stopWordsFile) \(hex(CRC32.checksum(stopBytes)))"]
        // Only when on, so that the records of indexes without folding stay as they were.
        if folding != .none { lines.append("fold \(folding.rawValue)") }
        for (i, dictionary) in userDictionaries.enumerated() {
            let name = "dict-\(i + 1).txt"
            try FileIO.writeDurably(dictionary.bytes, to: directory + "/" + name)
            // The original name, for messages (no spaces or line breaks in the record).
            let origin = String(dictionary.name.map { $0.isWhitespace ? "_" : $0 })
            lines.append("dictionary \(name) \(hex(CRC32.checksum(dictionary.bytes))) \(origin)")
        }
        let body = lines.joined(separator: "\n") + "\n"
        let text = body + "checksum \(hex(CRC32.checksum(Array(body.utf8))))\n"
        try FileIO.replaceAtomically(Array(text.utf8), path: directory + "/" + Self.fileName, directory: directory)
    }

    /// Reads the analysis recorded in `directory`, checking every file's checksum.
    static func recorded(in directory: String) throws(IndexError) -> IndexAnalysis {
        let path = directory + "/" + fileName
        guard FileIO.exists(path) else {
            throw .corrupt(file: path, reason: "missing: the index was made by an older segtool or damaged; rebuild it")
        }
        let text = String(decoding: try FileIO.readAll(path), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func bad(_ line: Int, _ why: String) -> IndexError { .corrupt(file: path, reason: "line \(line): \(why)") }
        guard lines.count >= 3, lines[0] == header else { throw bad(1, "not a segtool analysis record") }
        // The checksum line is the last (then only the final line break).
        guard lines.count >= 2, lines[lines.count - 1].isEmpty, lines[lines.count - 2].hasPrefix("checksum ") else {
            throw bad(lines.count, "does not end with its checksum line")
        }
        let last = lines.count - 2
        let body = lines[0..<last].joined(separator: "\n") + "\n"
        guard lines[last] == "checksum \(hex(CRC32.checksum(Array(body.utf8))))" else { throw bad(last + 1, "checksum mismatch") }
        var analysis = IndexAnalysis()
        var sawVersion = false
        for (i, line) in lines[1..<last].enumerated() {
            let n = i + 2
            let f = line.split(separator: " ").map(String.init)
            guard let key = f.first else { continue }
            switch key {
            case "version":
                guard f.count == 2, Int(f[1]) == Analyzer.version else {
                    throw bad(n, "analysis version \(f.dropFirst().joined()) is not this segtool's (\(Analyzer.version)); rebuild the index")
                }
                sawVersion = true
            case "mode":
                guard f.count == 2, f[1] == "search" else { throw bad(n, "unknown mode") }
            case "builtin":
                guard f.count == 3, f[1] == "on" || f[1] == "off", let fp = UInt32(f[2], radix: 16) else { throw bad(n, "malformed") }
                analysis.builtinLexicon = f[1] == "on"
                analysis.builtinFingerprint = fp
            case "icu-only":
                guard f.count == 2, f[1] == "yes" || f[1] == "no" else { throw bad(n, "malformed") }
                analysis.icuOnly = f[1] == "yes"
            case "fold":
                guard f.count == 2, let folding = Segmenter.Folding(rawValue: f[1]) else { throw bad(n, "unknown folding") }
                analysis.folding = folding
            case "stopwords", "dictionary":
                guard f.count >= 3, let crc = UInt32(f[2], radix: 16), !f[1].contains("/"), f[1] != ".." else { throw bad(n, "malformed") }
                let file = directory + "/" + f[1]
                guard FileIO.exists(file) else { throw .corrupt(file: file, reason: "missing (the index's recorded analysis names it)") }
                let bytes = try FileIO.readAll(file)
                guard CRC32.checksum(bytes) == crc else { throw .corrupt(file: file, reason: "checksum mismatch (changed since the index recorded it)") }
                if key == "stopwords" {
                    analysis.stopWords = StopWords.parse(String(decoding: bytes, as: UTF8.self))
                } else {
                    analysis.userDictionaries.append(UserDictionary(name: f.count > 3 ? f[3...].joined(separator: " ") : f[1], bytes: bytes))
                }
            default:
                throw bad(n, "unknown field `\(key)`")
            }
        }
        guard sawVersion else { throw bad(2, "no version") }
        return analysis
    }
}

private func hex(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}
