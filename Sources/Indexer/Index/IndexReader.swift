import Synchronization
import Segmenter

/// How to search.
public struct SearchOptions: Sendable {
    /// How many results.
    public var top: Int
    /// TF-IDF or BM25.
    public var ranking: Ranking
    /// Rank passages instead of documents.
    public var passages: Bool
    /// Which documents count (dates, fields).
    public var filter: SearchFilter

    /// Options; the defaults are the top 10 documents by TF-IDF, unfiltered.
    public init(top: Int = 10, ranking: Ranking = .tfidf, passages: Bool = false, filter: SearchFilter = SearchFilter()) {
        self.top = top
        self.ranking = ranking
        self.passages = passages
        self.filter = filter
    }
}

/// A search result: a document (with its best passage) or, with `passages`, one passage.
public struct SearchHit: Sendable {
    public var id: String
    public var title: String
    public var score: Double
    /// For passage hits: the passage's number in its document and its UTF-8 range in the
    /// document's text (for document hits, see `IndexReader.bestPassage(of:query:ranking:)`).
    public var passageIndex: Int?
    public var passageRange: Range<Int>?
    let segment: Int
    let ordinal: Int
}

/// A consistent snapshot of an index: the segments and deletions of one commit. Opening maps
/// the files (milliseconds); a writer committing meanwhile does not change what this reader
/// sees. Thread-safe: searches share nothing mutable.
public final class IndexReader: @unchecked Sendable {
    // @unchecked Sendable: immutable after init; segments are read-only maps.
    public let directory: String
    let manifest: Manifest
    let segments: [SegmentReader]
    let deleted: [Set<Int>]
    /// Live documents.
    public let documentCount: Int
    /// Documents including deleted ones not yet merged away (the collection statistics use them).
    public let storedDocumentCount: Int
    public let totalLength: UInt64
    public let passageCount: Int
    public let totalPassageLength: UInt64
    /// Phrase words' longer terms in these segments, found on first use (`PhraseExpansion`).
    let phraseTerms = PhraseTermCache()
    /// The id → location table, made on first use.
    private let idTable = Mutex<IDTable?>(nil)
    private final class IDTable: Sendable {
        let value: [String: (Int, Int)]
        init(value: [String: (Int, Int)]) { self.value = value }
    }

    public init(directory: String) throws(IndexError) {
        self.directory = directory
        let manifestPath = directory + "/" + Manifest.fileName
        guard FileIO.exists(manifestPath) else { throw .notAnIndex(path: directory) }
        manifest = try Manifest.parse(try FileIO.readAll(manifestPath), path: manifestPath)
        var segments: [SegmentReader] = []
        var deleted: [Set<Int>] = []
        for entry in manifest.segments {
            let segment = try SegmentReader(directory: directory, name: entry.name)
            guard segment.docCount == entry.docs else {
                throw .corrupt(file: segment.path, reason: "holds \(segment.docCount) documents, the manifest says \(entry.docs)")
            }
            segments.append(segment)
            if let d = entry.deletes {
                let path = directory + "/" + d
                deleted.append(try DeletionFile.parse(try FileIO.readAll(path), path: path, docCount: segment.docCount))
            } else {
                deleted.append([])
            }
        }
        self.segments = segments
        self.deleted = deleted
        storedDocumentCount = segments.reduce(0) { $0 + $1.docCount }
        documentCount = storedDocumentCount - deleted.reduce(0) { $0 + $1.count }
        totalLength = segments.reduce(0) { $0 + $1.totalLength }
        passageCount = segments.reduce(0) { $0 + $1.passageCount }
        totalPassageLength = segments.reduce(0) { $0 + $1.totalPassageLength }
    }

    /// Checks every checksum of every file (the recorded analysis too).
    public func verify() throws(IndexError) {
        _ = try analysis()
        for s in segments { try s.verify() }
    }

    /// The analysis the index records (read and checked on each call).
    public func analysis() throws(IndexError) -> IndexAnalysis {
        try IndexAnalysis.recorded(in: directory)
    }

    /// The analyzer for queries on this index: its recorded analysis, precise mode.
    public func queryAnalyzer() throws(IndexError) -> Analyzer {
        try analysis().makeAnalyzer(mode: .precise)
    }

    /// The number of segments.
    public var segmentCount: Int { segments.count }

    /// Bytes on disk: the index proper (terms, postings, positions, tables) and stored texts.
    public var sizeOnDisk: (index: Int, store: Int) {
        var index = 0, store = 0
        for s in segments {
            index += FileIO.size(s.path)
            store += FileIO.size(directory + "/" + s.name + ".store")
        }
        return (index, store)
    }

    /// The index files' bytes by section over all segments (terms, termInfo, postings,
    /// positions, docs, passages, strings, stats), in the format's order; headers, padding and
    /// footers are the difference to `sizeOnDisk.index`.
    public var sectionSizes: [(section: String, bytes: Int)] {
        var totals: [(String, Int)] = []
        for segment in segments {
            for (i, (name, bytes)) in segment.sectionSizes.enumerated() {
                if i < totals.count { totals[i].1 += bytes } else { totals.append((name, bytes)) }
            }
        }
        return totals.map { (section: $0.0, bytes: $0.1) }
    }

    /// Per segment, which documents `filter` lets through (nil: all).
    func allowedDocuments(_ filter: SearchFilter) throws(IndexError) -> [[Bool]?] {
        try checkTables()
        guard !filter.isEmpty else { return Array(repeating: nil, count: segments.count) }
        let lower = filter.from?.packed ?? 0, upper = filter.to?.packedEnd ?? UInt32.max
        let dated = filter.from != nil || filter.to != nil
        return try segments.map { segment throws(IndexError) -> [Bool]? in
            var allowed = [Bool](repeating: true, count: segment.docCount)
            if dated {
                let dates = try segment.stored.dates(docCount: segment.docCount)
                for d in allowed.indices { allowed[d] = dates[d] != 0 && dates[d] >= lower && dates[d] <= upper }
            }
            for (name, values) in filter.fields {
                let column = try segment.stored.fieldColumn(name, docCount: segment.docCount)
                for d in allowed.indices where allowed[d] { allowed[d] = column[d].map(values.contains) ?? false }
            }
            return allowed
        }
    }

    /// Checks the term and document tables of every segment (once per reader: the first
    /// search pays for it, not the open).
    public func checkTables() throws(IndexError) {
        for segment in segments { try segment.checkTables() }
    }

    /// Document frequency of a term over all segments (after `checkTables`).
    public func documentFrequency(_ term: String) -> Int {
        let bytes = Array(term.utf8)
        return segments.reduce(0) { $0 + ($1.lookup(bytes)?.docFreq ?? 0) }
    }

    /// The stored text of a hit's document.
    public func text(of hit: SearchHit) throws(IndexError) -> String {
        let segment = segments[hit.segment]
        return try segment.content(try segment.doc(hit.ordinal)).text
    }

    /// Every live document (for merging and exports).
    func liveDocuments() throws(IndexError) -> [IndexDocument] {
        var out: [IndexDocument] = []
        for (s, segment) in segments.enumerated() {
            // Each block decompressed once for its documents.
            var block: (Int, OwnedBytes) = (-1, .empty)
            for d in 0..<segment.docCount where !deleted[s].contains(d) {
                let record = try segment.doc(d)
                if block.0 != record.stored.block { block = (record.stored.block, try segment.stored.block(record.stored.block)) }
                let content = try segment.stored.content(record.stored, in: block.1)
                out.append(IndexDocument(id: record.id, title: content.title.isEmpty ? nil : content.title, text: content.text,
                                         date: record.stored.date, fields: try segment.stored.fields(record.stored)))
            }
        }
        return out
    }

    /// Where the live document with this id is: (segment, ordinal); nil when absent. The ids
    /// are read once per reader, on first use.
    func location(of id: String) throws(IndexError) -> (Int, Int)? {
        if let table = idTable.withLock({ $0 }) { return table.value[id] }
        let table = IDTable(value: try locations())
        idTable.withLock { $0 = table }
        return table.value[id]
    }

    /// Where each live document id is: (segment, ordinal).
    func locations() throws(IndexError) -> [String: (Int, Int)] {
        var out: [String: (Int, Int)] = [:]
        for (s, segment) in segments.enumerated() {
            for (id, d) in try segment.ids() where !deleted[s].contains(d) { out[id] = (s, d) }
        }
        return out
    }
}
