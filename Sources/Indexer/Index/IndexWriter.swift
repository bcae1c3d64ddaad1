import Dispatch
import Segmenter

/// A document to index: an id, an optional title, the text, and optional date and fields
/// (stored, and usable as filters and in trends).
public struct IndexDocument: Sendable, Equatable {
    /// Its id (unique in the index: adding an id again replaces the document).
    public var id: String
    /// Its title (stored, shown with hits; not searched).
    public var title: String?
    /// Its text (analysed and stored).
    public var text: String
    /// Its date, when known.
    public var date: DocumentDate?
    /// Named string fields such as `source` or `author`.
    public var fields: [String: String]

    /// A document.
    public init(id: String, title: String? = nil, text: String, date: DocumentDate? = nil, fields: [String: String] = [:]) {
        self.id = id
        self.title = title
        self.text = text
        self.date = date
        self.fields = fields
    }
}

/// The one writer of an index: adds documents (new segments), deletes by id, commits
/// atomically, merges. Holds the index's lock from `init` until released; a second writer gets
/// `IndexError.locked`. Readers opened before a commit keep their snapshot.
///
/// Adding a document whose id is already in the index replaces it (delete + add).
public final class IndexWriter {
    public let directory: String
    private let lock: WriterLock
    private var manifest: Manifest
    private var committed: [String: SegmentReader] = [:]
    /// Deleted ordinals per segment name (committed and new).
    private var deletes: [String: Set<Int>] = [:]
    private var changedDeletes: Set<String> = []
    /// Segments written since the last commit.
    private var written: [Manifest.Entry] = []
    private var builder: SegmentBuilder?
    /// Adding analysed documents to the builder runs here, in order, while the next batch is
    /// analysed; everything that reads the builder first waits for it (`buildQueue.sync {}`).
    private let buildQueue = DispatchQueue(label: "segtool.index.build")
    private var builderName = ""
    private var builderCount = 0
    private var builderBytes = 0
    private var locations: [String: (String, Int)] = [:]
    private var nextSegmentNumber = 1
    private let analyzer: Analyzer
    /// The analysis recorded in the index (documents are added with it).
    public private(set) var analysis: IndexAnalysis
    public let splitter = PassageSplitter()
    /// Flush a segment when the builder holds about this many bytes.
    public var memoryBudget = 256 << 20
    /// Threads for analysis (segmentation dominates indexing).
    public var threads = 2
    /// Merge all segments at commit when there are more than this many.
    public var mergeAbove = 10

    /// Opens (or with `create`, creates) the index in `directory`.
    /// - Parameter analysis: for a new index, how it analyses text (recorded in the index);
    ///   for an existing one, nil to use the recorded analysis, or the analysis the caller
    ///   expects — a different one is refused (`IndexError.analysisMismatch`).
    /// - Throws: `IndexError.notAnIndex` for a folder without an index (or, with `create`, one
    ///   that is not empty: a writer touches only what an index records), `.locked` when
    ///   another writer holds it.
    public init(directory: String, create: Bool, analysis requested: IndexAnalysis? = nil) throws(IndexError) {
        self.directory = directory
        let manifestPath = directory + "/" + Manifest.fileName
        if FileIO.existsAndIsNotDirectory(directory) {
            throw .io(path: directory, reason: "not a folder: an index is a folder (give a new or empty one)")
        }
        if create {
            if !FileIO.exists(directory) { try FileIO.makeDirectory(directory) }
            if !FileIO.exists(manifestPath) && FileIO.list(directory).contains(where: { $0 != "." && $0 != ".." && $0 != "lock" }) {
                throw .notEmpty(path: directory)
            }
        }
        guard FileIO.exists(directory) else { throw .notAnIndex(path: directory) }
        lock = try WriterLock(directory: directory)
        if FileIO.exists(manifestPath) {
            manifest = try Manifest.parse(try FileIO.readAll(manifestPath), path: manifestPath)
            analysis = try IndexAnalysis.recorded(in: directory)
            if let requested {
                let differences = requested.differences(from: analysis).filter { $0 != "another version of the built-in lexicon" }
                // The options name the analysis asked for, not the recorded one.
                if !differences.isEmpty { throw .analysisMismatch(path: directory, differences: differences.map { "asked for \($0)" }) }
            }
        } else if create {
            manifest = Manifest()
            analysis = requested ?? IndexAnalysis()
            try analysis.record(in: directory)
            try FileIO.replaceAtomically(manifest.serialized(), path: manifestPath, directory: directory)
        } else {
            throw .notAnIndex(path: directory)
        }
        analyzer = try analysis.makeAnalyzer(mode: .search)
        for entry in manifest.segments {
            let segment = try SegmentReader(directory: directory, name: entry.name)
            committed[entry.name] = segment
            if let d = entry.deletes {
                let path = directory + "/" + d
                deletes[entry.name] = try DeletionFile.parse(try FileIO.readAll(path), path: path, docCount: segment.docCount)
            }
            for (id, ordinal) in try segment.ids() where !(deletes[entry.name]?.contains(ordinal) ?? false) {
                locations[id] = (entry.name, ordinal)
            }
            if let n = Int(entry.name.dropFirst(4)) { nextSegmentNumber = max(nextSegmentNumber, n + 1) }
        }
        collectGarbage()
    }

    /// Adds documents, analysing them on `threads` threads; `progress` gets the count so far.
    public func add(_ documents: some Sequence<IndexDocument>, progress: ((Int) -> Void)? = nil) throws(IndexError) {
        var batch: [IndexDocument] = []
        var done = 0
        for document in documents {
            batch.append(document)
            if batch.count >= 256 * max(threads, 1) {
                try addBatch(batch)
                done += batch.count
                progress?(done)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty {
            try addBatch(batch)
            done += batch.count
            progress?(done)
        }
    }

    private func addBatch(_ batch: [IndexDocument]) throws(IndexError) {
        if analysis.builtinLexicon && analysis.builtinFingerprint != IndexAnalysis.currentBuiltinFingerprint {
            throw .analysisMismatch(path: directory, differences: [
                "its documents were analysed with another version of the built-in lexicon; `segtool index merge` re-analyses them with this one"])
        }
        let job = AnalysisJob(documents: batch, analyzer: analyzer, splitter: splitter)
        let parts = max(1, min(threads * 4, batch.count))
        if threads > 1 && batch.count > 1 {
            DispatchQueue.concurrentPerform(iterations: parts) { job.run(part: $0, of: parts) }
        } else {
            job.run(part: 0, of: 1)
        }
        let docs = job.results.values.compactMap { $0 }
        for doc in docs {
            if builder == nil {
                builder = SegmentBuilder()
                builderName = segmentName(nextSegmentNumber)
                nextSegmentNumber += 1
                builderCount = 0
                builderBytes = 0
            }
            _ = delete(id: doc.document.id)
            locations[doc.document.id] = (builderName, builderCount)
            builderCount += 1
            builderBytes += doc.text.utf8.count + doc.occurrenceStart.count * 8 + 64
        }
        // Building runs on the build queue, overlapping the next batch's analysis.
        if let b = builder {
            // Used only on the build queue until the writer waits for it (`buildQueue.sync {}`).
            let work = UncheckedSendable((b, docs))
            buildQueue.async {
                let (builder, documents) = work.value
                for doc in documents { builder.add(doc) }
            }
        }
        if builderBytes >= memoryBudget { try flush() }
    }

    /// Writes the documents added so far as a segment (not yet committed).
    private func flush() throws(IndexError) {
        buildQueue.sync {}  // the builder has every document added so far
        guard let b = builder, builderCount > 0 else { return }
        builder = nil
        b.threads = max(1, threads)
        do {
            try b.write(directory: directory, name: builderName)
        } catch {
            // A failed write (a full disk) leaves nothing behind: the next try starts clean.
            for suffix in [".idx", ".store", ".idx.tmp", ".store.tmp"] { FileIO.remove(directory + "/" + builderName + suffix) }
            throw error
        }
        written.append(Manifest.Entry(name: builderName, docs: b.docCount, deletes: nil))
    }

    /// Marks the document with `id` deleted. - Returns: whether it was there.
    @discardableResult
    public func delete(id: String) -> Bool {
        guard let (segment, ordinal) = locations.removeValue(forKey: id) else { return false }
        deletes[segment, default: []].insert(ordinal)
        changedDeletes.insert(segment)
        return true
    }

    /// The number of live documents (committed and pending).
    public var documentCount: Int { locations.count }

    /// Makes everything added and deleted since the last commit durable and visible, in one
    /// atomic step: segment files and deletion files are written and fsynced first, then the
    /// manifest is replaced by rename. A crash before the rename leaves the previous commit.
    public func commit() throws(IndexError) {
        try commitChanges()
        if manifest.segments.count > mergeAbove { try merge() }
    }

    private func commitChanges() throws(IndexError) {
        try flush()
        var next = manifest
        next.generation += 1
        next.segments += written
        for i in next.segments.indices {
            let name = next.segments[i].name
            guard changedDeletes.contains(name), let set = deletes[name], !set.isEmpty else { continue }
            let file = "\(name).del-\(next.generation)"
            try FileIO.writeDurably(DeletionFile.serialize(set), to: directory + "/" + file)
            next.segments[i].deletes = file
        }
        // Segments whose documents are all deleted are dropped.
        next.segments.removeAll { ($0.docs > 0) && (deletes[$0.name]?.count ?? 0) >= $0.docs }
        FileIO.syncDirectory(directory)
        try FileIO.replaceAtomically(next.serialized(), path: directory + "/" + Manifest.fileName, directory: directory)
        manifest = next
        for entry in written { committed[entry.name] = try SegmentReader(directory: directory, name: entry.name) }
        written.removeAll()
        changedDeletes.removeAll()
        collectGarbage()
    }

    /// Rewrites all live documents into new segments (re-analysing their stored texts), drops
    /// the deleted ones, and commits.
    public func merge() throws(IndexError) {
        try commitChanges()
        let reader = try IndexReader(directory: directory)
        let documents = try reader.liveDocuments()
        locations.removeAll()
        deletes.removeAll()
        changedDeletes.removeAll()
        var next = manifest
        next.segments = []
        manifest = next
        // Re-analysed with this binary's built-in lexicon: recorded as such before the new
        // segments are committed (the old ones are then unreferenced).
        if analysis.builtinFingerprint != IndexAnalysis.currentBuiltinFingerprint {
            analysis.builtinFingerprint = IndexAnalysis.currentBuiltinFingerprint
            try analysis.record(in: directory)
        }
        try add(documents)
        try flush()
        next = manifest
        next.generation += 1
        next.segments = written
        try FileIO.replaceAtomically(next.serialized(), path: directory + "/" + Manifest.fileName, directory: directory)
        manifest = next
        committed = [:]
        for entry in written { committed[entry.name] = try SegmentReader(directory: directory, name: entry.name) }
        written.removeAll()
        collectGarbage()
    }

    /// Removes files that no manifest refers to (left by crashes or replaced by merges).
    /// Readers that still map them keep their data (unlinking does not unmap).
    private func collectGarbage() {
        var keep: Set<String> = Set([Manifest.fileName, "lock"] + IndexAnalysis.fileNames(dictionaries: analysis.userDictionaries.count))
        for s in manifest.segments {
            keep.insert(s.name + ".idx")
            keep.insert(s.name + ".store")
            if let d = s.deletes { keep.insert(d) }
        }
        for s in written {
            keep.insert(s.name + ".idx")
            keep.insert(s.name + ".store")
        }
        // Only names a writer makes: seg-NNNNNN.idx/.store/.del-G, their .tmp, manifest.tmp.
        for name in FileIO.list(directory) where !keep.contains(name) && Self.isIndexFileName(name) {
            FileIO.remove(directory + "/" + name)
        }
    }

    /// Whether `name` is of a file an index writer makes (and may remove when unreferenced).
    static func isIndexFileName(_ name: String) -> Bool {
        var rest = Substring(name)
        if rest.hasSuffix(".tmp") { rest = rest.dropLast(4) }
        if rest == Manifest.fileName || rest == IndexAnalysis.fileName { return true }
        guard rest.hasPrefix("seg-") else { return false }
        rest = rest.dropFirst(4)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 6 else { return false }
        rest = rest.dropFirst(6)
        if rest == ".idx" || rest == ".store" { return true }
        guard rest.hasPrefix(".del-") else { return false }
        let generation = rest.dropFirst(5)
        return !generation.isEmpty && generation.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// A batch of documents analysed in parallel; each part writes only its own slots.
///
/// The results live in `Slots` (memory of their own, one slot per document), not in an array
/// property: the parts run on several threads at once, and an array property mutated from
/// several threads (each in its own `withUnsafeMutableBufferPointer`) is a data race on the
/// array itself (its uniqueness check and the access to the property), however disjoint the
/// elements written.
final class AnalysisJob: Sendable {
    let documents: [IndexDocument]
    let analyzer: Analyzer
    let splitter: PassageSplitter
    /// Document i's analysis, written by the part that holds i.
    let results: Slots<AnalysedDocument>

    init(documents: [IndexDocument], analyzer: Analyzer, splitter: PassageSplitter) {
        self.documents = documents
        self.analyzer = analyzer
        self.splitter = splitter
        results = Slots(count: documents.count)
    }

    func run(part: Int, of parts: Int) {
        let per = (documents.count + parts - 1) / parts
        let lo = part * per, hi = min(documents.count, lo + per)
        guard lo < hi else { return }
        // One scratch for the part's documents: large documents no longer map fresh memory
        // for their tokens each time.
        var scratch = AnalysisScratch()
        for i in lo..<hi {
            results[i] = analyzer.analyse(documents[i], splitter: splitter, scratch: &scratch)
        }
    }
}

/// "seg-000042".
func segmentName(_ n: Int) -> String {
    let digits = String(n)
    return "seg-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
}
