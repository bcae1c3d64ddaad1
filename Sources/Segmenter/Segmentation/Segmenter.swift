import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Chinese word segmenter: ICU's word breaks, resolved with the built-in political
/// lexicon and users' dictionaries into one segmentation with offsets.
///
/// `Segmenter` is a `Sendable` value: use one from many threads at once (each call borrows a
/// pooled ICU iterator and scratch space). Changing its words (`addWord`, `removeWord`,
/// `loadDictionary`) changes this copy only: other copies keep their snapshot.
///
/// ```swift
/// let segmenter = try Segmenter()
/// segmenter.words(in: "坚持发扬全过程人民民主")   // ["坚持", "发扬", "全过程人民民主"]
/// ```
public struct Segmenter: Sendable {
    /// The suffix characters the segmenter joins to the two-character word before them
    /// (积极|性, 工作|者, 市民|们, 取暖|器, 交易|量): the names pass's and the general ones of
    /// `ICURepairs+Suffixes.swift`, for readers of its output (the keyword extractor takes
    /// such words for general words, not names).
    package static let joinedWordSuffixes: String = Names.suffixes + ICURepairs.wordSuffixes

    /// How much to emit.
    public enum Mode: String, Sendable, CaseIterable {
        /// One token sequence that tiles the input.
        case precise
        /// The precise tokens plus the sub-words of long tokens, for indexing and queries.
        case search
    }

    /// How text is read before it is segmented, beyond the full-width forms (always folded).
    /// Tokens' ranges and text are always those of the original text.
    public enum Folding: String, Sendable, CaseIterable {
        /// Text is read as it is written.
        case none
        /// Traditional characters are read as Simplified, as ICU's "Hant-Hans" transliterator
        /// folds them (習近平 → 习近平, 顯著 → 显著), so Traditional text segments exactly like its
        /// Simplified form, with the lexicon's Simplified words. One character for one: a
        /// character that would fold to several is read as it is.
        case traditional
    }

    /// The words this segmenter knows beyond ICU: built-in and user entries.
    public internal(set) var lexicon: Lexicon
    /// When true, ICU's word breaks alone: no rules, no dictionaries (the baseline).
    public let icuOnly: Bool
    /// How text is read before it is segmented (see `Folding`).
    public let folding: Folding
    let engine: Engine
    /// The folding of Traditional characters, when `folding` is `.traditional`.
    let traditional: TraditionalFolding?

    /// Makes a segmenter.
    /// - Parameters:
    ///   - builtinDictionary: whether to use the built-in political lexicon.
    ///   - userDictionaries: paths of dictionary files in jieba's format; later files take
    ///     precedence over earlier ones, and all over the built-in lexicon.
    ///   - folding: how text is read (`.traditional`: Traditional characters as Simplified).
    /// - Throws: `SegmenterError` for an unreadable or malformed dictionary (file and line),
    ///   or when ICU cannot be opened.
    public init(builtinDictionary: Bool = true, userDictionaries: [String] = [], folding: Folding = .none) throws(SegmenterError) {
        var lexicon = Lexicon()
        if builtinDictionary {
            lexicon = try BuiltinDictionary.loaded.get().lexicon
        }
        for path in userDictionaries {
            let file = try DictionaryFile(contentsOf: path)
            for entry in file.entries(origin: .user(file: path)) { lexicon.insert(entry) }
        }
        try self.init(lexicon: lexicon, folding: folding)
    }

    /// Makes a segmenter over `lexicon` (see `Lexicon` to build one).
    /// - Parameter folding: how text is read (`.traditional`: Traditional characters as Simplified).
    /// - Throws: `SegmenterError.icu` when ICU (or, for folding, its transliterator) cannot be opened.
    public init(lexicon: Lexicon, folding: Folding = .none) throws(SegmenterError) {
        self.lexicon = lexicon
        self.icuOnly = false
        self.folding = folding
        self.traditional = try Self.folder(folding)
        self.engine = try Engine()
    }

    private init(icuOnlyEngine: Engine, folding: Folding) throws(SegmenterError) {
        self.lexicon = Lexicon()
        self.icuOnly = true
        self.folding = folding
        self.traditional = try Self.folder(folding)
        self.engine = icuOnlyEngine
    }

    private static func folder(_ folding: Folding) throws(SegmenterError) -> TraditionalFolding? {
        switch folding {
        case .none: nil
        case .traditional: try TraditionalFolding.shared.get()
        }
    }

    /// A segmenter that applies ICU's word breaks alone: the baseline to compare against.
    /// - Parameter folding: how text is read (`.traditional`: Traditional characters as Simplified).
    public static func icuBaseline(folding: Folding = .none) throws(SegmenterError) -> Segmenter {
        try Segmenter(icuOnlyEngine: try Engine(direct: false), folding: folding)
    }

    /// A segmenter over `lexicon` that folds text with `folding` (tests of folding rules other
    /// than the system's).
    init(lexicon: Lexicon, traditional: TraditionalFolding) throws(SegmenterError) {
        self.lexicon = lexicon
        self.icuOnly = false
        self.folding = .traditional
        self.traditional = traditional
        self.engine = try Engine()
    }

    // MARK: Words at run time

    /// Adds a word (a user word: it takes precedence over the built-in lexicon).
    public mutating func addWord(_ word: String, frequency: Int? = nil, tag: String? = nil) {
        lexicon.insert(.init(word: word, frequency: frequency, tag: tag, origin: .user(file: "<runtime>")))
    }

    /// Removes a word, built-in or user. - Returns: whether it was there.
    @discardableResult
    public mutating func removeWord(_ word: String) -> Bool {
        lexicon.remove(word)
    }

    /// Loads a user dictionary file on top of the current words.
    public mutating func loadDictionary(_ path: String) throws(SegmenterError) {
        let file = try DictionaryFile(contentsOf: path)
        for entry in file.entries(origin: .user(file: path)) { lexicon.insert(entry) }
    }

    // MARK: Segmenting

    /// The tokens of `text`.
    /// - Complexity: O(n) in the length of `text`.
    public func tokens(in text: String, mode: Mode = .precise) -> [Token] {
        var copy = text
        var out: [Token] = []
        copy.withUTF8 { bytes in
            // A Swift String is valid UTF-8, so this cannot throw.
            _ = try? run(bytes, trusted: true, mode: mode, byteBase: 0, scalarBase: 0, into: &out)
        }
        return out
    }

    /// The words of `text` (whitespace dropped), as strings.
    public func words(in text: String, mode: Mode = .precise) -> [String] {
        tokens(in: text, mode: mode).compactMap { $0.kind == .whitespace ? nil : String($0.text(in: text)) }
    }

    /// Segments UTF-8 bytes, appending tokens to `tokens`.
    ///
    /// - Parameters:
    ///   - bytes: the text; validated as it is read.
    ///   - byteBase, scalarBase: offsets added to every token's ranges (where `bytes` sits in
    ///     a larger stream).
    /// - Returns: the number of Unicode scalars in `bytes`.
    /// - Throws: `SegmenterError.invalidUTF8` with the offset (plus `byteBase`) of the first
    ///   bad byte; tokens before it may have been appended.
    @discardableResult
    public func segment(
        utf8 bytes: UnsafeBufferPointer<UInt8>, mode: Mode = .precise,
        byteBase: Int = 0, scalarBase: Int = 0, into tokens: inout [Token]
    ) throws(SegmenterError) -> Int {
        try run(bytes, trusted: false, mode: mode, byteBase: byteBase, scalarBase: scalarBase, into: &tokens)
    }

    /// Segments UTF-8 bytes as `segment(utf8:mode:byteBase:scalarBase:into:)` does, and
    /// appends to `folded` the text as the segmenter read it: one scalar per scalar of
    /// `bytes`, full-width forms folded and, with `.traditional` folding, Traditional
    /// characters as Simplified in context (for analysers whose terms are the folded text).
    package func segment(
        utf8 bytes: UnsafeBufferPointer<UInt8>, mode: Mode = .precise, into tokens: inout [Token], folded: inout [UInt32]
    ) throws(SegmenterError) {
        try run(bytes, trusted: false, mode: mode, byteBase: 0, scalarBase: 0, into: &tokens) { worker, _ in
            folded.append(contentsOf: worker.scalars)
        }
    }

    /// Cuts long input into chunks at safe places and segments each with a pooled worker.
    /// - Parameter afterChunk: called with the worker and the chunk's bytes after each chunk
    ///   (`CorpusLint` reads the worker's ICU words and path there; the folded text is taken there).
    @discardableResult
    func run(
        _ bytes: UnsafeBufferPointer<UInt8>, trusted: Bool, mode: Mode,
        byteBase: Int, scalarBase: Int, into out: inout [Token],
        afterChunk: (borrowing Worker, UnsafeBufferPointer<UInt8>) -> Void = { _, _ in }
    ) throws(SegmenterError) -> Int {
        let box = try engine.borrow()
        defer { engine.giveBack(box) }
        // One mutating call on the box's worker: inside it the worker is `self`, with no
        // dynamic exclusivity check per access (one for the call), and nothing is moved or
        // built per call (swapping a fresh worker in and out cost ~0.2 µs a call: py16).
        return try box.worker.segmentChunks(
            bytes, trusted: trusted, mode: mode, byteBase: byteBase, scalarBase: scalarBase,
            lexicon: icuOnly || lexicon.count == 0 ? nil : lexicon, icuOnly: icuOnly,
            folding: traditional, into: &out, afterChunk: afterChunk)
    }
}

extension Worker {
    /// Cuts `bytes` into chunks at safe places and segments each (`Segmenter.run`).
    mutating func segmentChunks(
        _ bytes: UnsafeBufferPointer<UInt8>, trusted: Bool, mode: Segmenter.Mode,
        byteBase: Int, scalarBase: Int, lexicon: Lexicon?, icuOnly: Bool, folding: TraditionalFolding?,
        into out: inout [Token], afterChunk: (borrowing Worker, UnsafeBufferPointer<UInt8>) -> Void
    ) throws(SegmenterError) -> Int {
        knownNames.removeAll(keepingCapacity: true)
        knownJapaneseNames.removeAll(keepingCapacity: true)
        namesJapan = false
        var start = 0
        var scalars = 0
        while start < bytes.count {
            let end = Chunking.end(of: bytes, from: start)
            let chunk = UnsafeBufferPointer(rebasing: bytes[start..<end])
            scalars += try segment(
                chunk, trusted: trusted, byteBase: byteBase + start, scalarBase: scalarBase + scalars,
                lexicon: lexicon, mode: mode, icuOnly: icuOnly, folding: folding, out: &out)
            afterChunk(self, chunk)
            start = end
        }
        return scalars
    }
}

/// The shared part of a segmenter and its copies: ICU's iterator and a pool of workers.
final class Engine: @unchecked Sendable {
    // Safe because: `icu` is immutable after init, and the pool is only touched under `lock`.
    private let icu: ICUWordBreaker
    private let pool = Mutex<[WorkerBox]>([])
    private static let maxPooled = 32

    /// - Parameter direct: see `ICUWordBreaker.init(direct:)`; false for ICU alone.
    init(direct: Bool = true) throws(SegmenterError) {
        icu = try ICUWordBreaker(direct: direct)
        // Open one cursor now, so that an ICU failure surfaces here, at construction.
        let first = WorkerBox(Worker(cursor: try icu.makeCursor()))
        giveBack(first)
    }

    /// A pooled worker — the one this thread gave back last when it is in the pool, else the
    /// last one given back — or a new one. Threads that segment many short texts at once
    /// (a call per paragraph, as the C API's and Python's callers do) so keep their own
    /// worker, whose scratch space and ICU caches stay in their core's cache; taking the
    /// last one given back handed the workers from thread to thread whenever the threads ran
    /// in step (as Python's GIL makes them), and two threads segmented ~30% slower per call
    /// than one (Benchmarks/RESULTS.md, issue 16).
    /// - Throws: `SegmenterError` when ICU cannot make another iterator (out of memory):
    ///   an error, not a segmentation without ICU.
    func borrow() throws(SegmenterError) -> WorkerBox {
        let thread = WorkerBox.currentThread()
        let pooled = pool.withLock { workers -> WorkerBox? in
            guard let last = workers.indices.last else { return nil }
            if let mine = workers.lastIndex(where: { $0.thread == thread }) { workers.swapAt(mine, last) }
            return workers.removeLast()
        }
        if let pooled {
            pooled.thread = thread
            return pooled
        }
        let box = WorkerBox(Worker(cursor: try icu.makeCursor()))
        box.thread = thread
        return box
    }

    func giveBack(_ worker: WorkerBox) {
        pool.withLock { workers in
            if workers.count < Self.maxPooled { workers.append(worker) }
        }
    }
}

/// Where to cut long input so that no word is cut: chunks of about 32 KiB, ending after a
/// line break, Chinese sentence or clause punctuation, or ASCII whitespace.
enum Chunking {
    static let target = 32 * 1024
    static let limit = 128 * 1024

    static func end(of bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = bytes.count
        if n - start <= target { return n }
        var i = start + target
        let hard = min(n, start + limit)
        while i < hard {
            let b = bytes[i]
            if b == 0x0A || b == 0x20 || b == 0x09 { return i + 1 }
            // 。 E3 80 82, ， EF BC 8C, ！ EF BC 81, ？ EF BC 9F, ； EF BC 9B
            if i >= start + 2 && bytes[i - 2] == 0xE3 && bytes[i - 1] == 0x80 && b == 0x82 { return i + 1 }
            if i >= start + 2 && bytes[i - 2] == 0xEF && bytes[i - 1] == 0xBC
                && (b == 0x8C || b == 0x81 || b == 0x9F || b == 0x9B) { return i + 1 }
            i += 1
        }
        // No safe place within the limit: cut before any lead byte (never inside a scalar).
        i = hard
        while i < n && bytes[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }
}

/// A pooled worker. `@unchecked Sendable`: it moves between threads only through the
/// engine's pool, and one thread at a time uses it.
final class WorkerBox: @unchecked Sendable {
    var worker: Worker
    /// The thread that borrowed it last (`currentThread()`), 0 before.
    var thread: UInt = 0
    init(_ worker: Worker) { self.worker = worker }

    /// An identity of the calling thread, unique among running threads (pthread's).
    static func currentThread() -> UInt {
        #if canImport(Glibc)
        UInt(pthread_self())
        #elseif canImport(Darwin)
        UInt(bitPattern: pthread_self())
        #else
        0
        #endif
    }
}

extension Segmenter {
    /// The segmenter's folding of one scalar (full-width digits, letters and number signs to
    /// ASCII, the ideographic space to a space; one scalar for one), for analysers that
    /// normalize terms the way the segmenter reads text.
    package static func fold(_ scalar: UInt32) -> UInt32 { ScalarClass.fold(scalar) }
}
