import CSegtool
import Indexer
import Segmenter
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The functions of segtool_index.h: the Indexer library's `Index` through the C API.

/// segtool_index.h's extra statuses (C macros with casts do not import into Swift).
let indexErrorStatus = segtool_status(rawValue: 20)
let queryErrorStatus = segtool_status(rawValue: 21)

extension CAPIError {
    /// An index's error as SEGTOOL_INDEX_ERROR (`init(_: IndexError)` in Errors.swift maps the
    /// IDF table's and files' errors for the keyword functions).
    init(index error: IndexError) {
        switch error {
        case .corrupt(let file, _), .io(let file, _), .outdatedFormat(let file, _):
            self.init(code: indexErrorStatus, message: error.description, path: file)
        case .notAnIndex(let path), .locked(let path), .notEmpty(let path), .analysisMismatch(let path, _):
            self.init(code: indexErrorStatus, message: error.description, path: path)
        case .malformedIDFLine(let file, let line, _):
            self.init(code: indexErrorStatus, message: error.description, path: file, line: line)
        case .badDictionary:
            self.init(code: indexErrorStatus, message: error.description)
        }
    }

    init(_ error: SearchError) {
        switch error {
        case .query(let e): self.init(code: queryErrorStatus, message: e.description)
        case .index(let e): self.init(index: e)
        }
    }
}

/// What a `segtool_index *` points at: the index and the searcher over its current snapshot.
final class IndexHandle: Sendable {
    let index: Index
    let current: Mutex<Searcher>

    init(_ index: Index) throws(IndexError) {
        self.index = index
        current = Mutex(try index.searcher())
    }

    /// The searcher of the snapshot, for this call.
    var searcher: Searcher { current.withLock { $0 } }

    /// Takes a new snapshot of the index's last commit.
    func reload() throws(IndexError) {
        let fresh = try index.searcher()
        current.withLock { $0 = fresh }
    }

    /// Turns a C handle back into the object. Safe because: handles are only made by
    /// `segtool_index_open`/`create` (a retained object) and live until `segtool_index_free`.
    static func from(_ pointer: OpaquePointer?) throws(CAPIError) -> IndexHandle {
        guard let pointer else { throw .invalidArgument("index is NULL") }
        return Unmanaged<IndexHandle>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
    }
}

/// Opens or creates an index and hands out a retained handle.
private func makeIndexHandle(
    _ path: UnsafePointer<CChar>?, create: Bool, _ out: UnsafeMutablePointer<OpaquePointer?>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    out?.pointee = nil
    return reporting(error) { () throws(CAPIError) in
        guard let out else { throw .invalidArgument("out is NULL") }
        let directory = try validCString(path, what: "path")
        let handle: IndexHandle
        do throws(IndexError) {
            handle = try IndexHandle(create ? Index.create(at: directory) : Index.open(at: directory))
        } catch {
            throw CAPIError(index: error)
        }
        out.pointee = OpaquePointer(Unmanaged.passRetained(handle).toOpaque())
    }
}

/// `segtool_index_open` of segtool_index.h (see the header for the contract).
@_cdecl("segtool_index_open")
public func segtool_index_open_impl(
    _ path: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    makeIndexHandle(path, create: false, out, error)
}

/// `segtool_index_create` of segtool_index.h (see the header for the contract).
@_cdecl("segtool_index_create")
public func segtool_index_create_impl(
    _ path: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    makeIndexHandle(path, create: true, out, error)
}

/// `segtool_index_free` of segtool_index.h (see the header for the contract).
@_cdecl("segtool_index_free")
public func segtool_index_free_impl(_ index: OpaquePointer?) {
    guard let index else { return }
    Unmanaged<IndexHandle>.fromOpaque(UnsafeRawPointer(index)).release()
}

/// `segtool_index_reload` of segtool_index.h (see the header for the contract).
@_cdecl("segtool_index_reload")
public func segtool_index_reload_impl(
    _ index: OpaquePointer?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    reporting(error) { () throws(CAPIError) in
        let handle = try IndexHandle.from(index)
        do throws(IndexError) { try handle.reload() } catch { throw CAPIError(index: error) }
    }
}

/// `segtool_index_document_count` of segtool_index.h (see the header for the contract).
@_cdecl("segtool_index_document_count")
public func segtool_index_document_count_impl(
    _ index: OpaquePointer?, _ out: UnsafeMutablePointer<Int>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    reporting(error) { () throws(CAPIError) in
        guard let out else { throw .invalidArgument("out is NULL") }
        out.pointee = try IndexHandle.from(index).searcher.documentCount
    }
}

/// `segtool_index_add` of segtool_index.h (see the header for the contract).
@_cdecl("segtool_index_add")
public func segtool_index_add_impl(
    _ index: OpaquePointer?, _ documents: UnsafePointer<segtool_index_input>?, _ count: Int,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    reporting(error) { () throws(CAPIError) in
        let handle = try IndexHandle.from(index)
        guard count >= 0 else { throw .invalidArgument("negative count") }
        guard count == 0 || documents != nil else { throw .invalidArgument("documents is NULL") }
        var batch: [IndexDocument] = []
        batch.reserveCapacity(count)
        for i in 0..<count {
            // Safe because: the caller promises `count` documents at `documents`.
            let d = documents.unsafelyUnwrapped[i]
            let id = try validCString(d.id, what: "documents[\(i)].id")
            guard !id.isEmpty else { throw .invalidArgument("documents[\(i)]: empty id") }
            let text = try validString(textBuffer(d.text, d.text_length, what: "documents[\(i)].text"),
                                       what: "documents[\(i)] (\(id)) text")
            let title = try d.title.map { p throws(CAPIError) in try validCString(p, what: "documents[\(i)].title") }
            var date: DocumentDate?
            if let p = d.date {
                let given = try validCString(p, what: "documents[\(i)].date")
                guard let parsed = DocumentDate(given) else {
                    throw .invalidArgument("documents[\(i)] (\(id)): date `\(given)` is not YYYY, YYYY-MM or YYYY-MM-DD")
                }
                date = parsed
            }
            batch.append(IndexDocument(id: id, title: title, text: text, date: date))
        }
        do throws(IndexError) {
            let writer = try handle.index.writer()
            try writer.add(batch)
            try writer.commit()
            try handle.reload()
        } catch {
            throw CAPIError(index: error)
        }
    }
}

/// What `segtool_json.internal_` points at: the bytes handed out.
final class JSONStorage {
    var buffer: UnsafeMutablePointer<CChar>?
    deinit { buffer?.deallocate() }

    /// Puts `json` into `out` (NUL-terminated), reusing the struct's storage object.
    static func store(_ json: String, in out: UnsafeMutablePointer<segtool_json>) {
        let storage: JSONStorage
        if let raw = out.pointee.internal_ {
            storage = Unmanaged<JSONStorage>.fromOpaque(raw).takeUnretainedValue()
        } else {
            storage = JSONStorage()
            out.pointee.internal_ = Unmanaged.passRetained(storage).toOpaque()
        }
        storage.buffer?.deallocate()
        let bytes = Array(json.utf8)
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        bytes.withUnsafeBufferPointer { source in
            // Safe because: `buffer` holds bytes.count + 1 bytes.
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress!, byteCount: bytes.count)
        }
        buffer[bytes.count] = 0
        storage.buffer = buffer
        out.pointee.data = buffer
        out.pointee.length = bytes.count
    }
}

/// `segtool_json_free` of segtool_index.h (see the header for the contract).
@_cdecl("segtool_json_free")
public func segtool_json_free_impl(_ json: UnsafeMutablePointer<segtool_json>?) {
    guard let json else { return }
    if let raw = json.pointee.internal_ {
        Unmanaged<JSONStorage>.fromOpaque(raw).release()
    }
    json.pointee = segtool_json(data: nil, length: 0, internal_: nil)
}

/// `segtool_index_search` of segtool_index.h (see the header for the contract).
@_cdecl("segtool_index_search")
public func segtool_index_search_impl(
    _ index: OpaquePointer?, _ query: UnsafePointer<CChar>?, _ length: Int,
    _ options: UnsafePointer<segtool_search_options>?, _ out: UnsafeMutablePointer<segtool_json>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    reporting(error) { () throws(CAPIError) in
        guard let out else { throw .invalidArgument("out is NULL") }
        let handle = try IndexHandle.from(index)
        let text = try validString(textBuffer(query, length, what: "query"), what: "query")
        var o = segtool_search_options()
        if let options {
            o = options.pointee
            guard o.size == 0 || o.size >= UInt32(MemoryLayout<segtool_search_options>.size) else {
                throw .invalidArgument("search options.size is \(o.size), expected \(MemoryLayout<segtool_search_options>.size)")
            }
        }
        guard o.rank <= 1 else { throw .invalidArgument("unknown rank \(o.rank)") }
        var filter = SearchFilter()
        filter.from = try date(o.from, what: "from")
        filter.to = try date(o.to, what: "to")
        let hits: [Hit]
        do throws(SearchError) {
            hits = try handle.searcher.search(
                text, top: o.top == 0 ? 10 : o.top, offset: o.offset, rank: o.rank == 1 ? .tfidf : .bm25,
                passages: o.passages != 0, filter: filter)
        } catch {
            throw CAPIError(error)
        }
        var json = JSONWriter()
        json.array(hits) { json, hit in
            json.object { json in
                json.key("id"); json.string(hit.id)
                json.key("title"); json.string(hit.title)
                json.key("score"); json.number(hit.score)
                json.key("date"); json.optionalString(hit.date?.description)
                json.key("fields"); json.fields(hit.fields)
                json.key("passage"); json.integer(hit.passage)
                json.key("passage_byte_start"); json.integer(hit.passageRange.lowerBound)
                json.key("passage_byte_end"); json.integer(hit.passageRange.upperBound)
                json.key("snippet"); json.string(hit.snippet.text)
                json.key("highlights")
                let characters = characterOffsets(hit.snippet.text, hit.snippet.highlights)
                json.array(characters) { json, range in
                    json.raw("[\(range.lowerBound),\(range.upperBound)]")
                }
            }
        }
        JSONStorage.store(json.text, in: out)
    }
}

/// `segtool_index_document` of segtool_index.h (see the header for the contract).
@_cdecl("segtool_index_document")
public func segtool_index_document_impl(
    _ index: OpaquePointer?, _ id: UnsafePointer<CChar>?, _ length: Int, _ out: UnsafeMutablePointer<segtool_json>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    reporting(error) { () throws(CAPIError) in
        guard let out else { throw .invalidArgument("out is NULL") }
        let handle = try IndexHandle.from(index)
        let key = try validString(textBuffer(id, length, what: "id"), what: "id")
        let stored: StoredDocument?
        do throws(IndexError) { stored = try handle.searcher.document(id: key) } catch { throw CAPIError(index: error) }
        var json = JSONWriter()
        if let stored {
            let d = stored.document
            json.object { json in
                json.key("id"); json.string(d.id)
                json.key("title"); json.string(d.title ?? "")
                json.key("text"); json.string(d.text)
                json.key("date"); json.optionalString(d.date?.description)
                json.key("fields"); json.fields(d.fields)
                json.key("passages")
                json.array(stored.passages) { json, range in json.raw("[\(range.lowerBound),\(range.upperBound)]") }
            }
        } else {
            json.raw("null")
        }
        JSONStorage.store(json.text, in: out)
    }
}

/// `segtool_index_trend` of segtool_index.h (see the header for the contract).
@_cdecl("segtool_index_trend")
public func segtool_index_trend_impl(
    _ index: OpaquePointer?, _ terms: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int, _ byMonth: UInt32,
    _ out: UnsafeMutablePointer<segtool_json>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    reporting(error) { () throws(CAPIError) in
        guard let out else { throw .invalidArgument("out is NULL") }
        let handle = try IndexHandle.from(index)
        guard count >= 1, let terms else { throw .invalidArgument("no terms") }
        guard byMonth <= 1 else { throw .invalidArgument("by_month must be 0 or 1") }
        var list: [String] = []
        for i in 0..<count { list.append(try validCString(terms[i], what: "terms[\(i)]")) }
        let rows: [TrendRow]
        do throws(IndexError) {
            rows = try handle.searcher.trend(list, by: byMonth == 1 ? .month : .year)
        } catch {
            throw CAPIError(index: error)
        }
        var json = JSONWriter()
        json.array(rows) { json, row in
            json.object { json in
                json.key("period"); json.string(row.period)
                json.key("term"); json.string(row.term)
                json.key("documents"); json.integer(row.documents)
                json.key("occurrences"); json.integer(row.occurrences)
                json.key("period_documents"); json.integer(row.periodDocuments)
                json.key("period_words"); json.integer(row.periodWords)
                json.key("per_10k_words"); json.number(row.perTenThousandWords)
            }
        }
        JSONStorage.store(json.text, in: out)
    }
}

/// A date option, or nil when the pointer is NULL.
private func date(_ pointer: UnsafePointer<CChar>?, what: String) throws(CAPIError) -> DocumentDate? {
    guard let pointer else { return nil }
    let text = try validCString(pointer, what: what)
    guard let parsed = DocumentDate(text) else {
        throw .invalidArgument("\(what): `\(text)` is not YYYY, YYYY-MM or YYYY-MM-DD")
    }
    return parsed
}

/// UTF-8 ranges in `text` as ranges of Unicode scalars (what Python's str indexes).
private func characterOffsets(_ text: String, _ ranges: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    result.reserveCapacity(ranges.count)
    let bytes = Array(text.utf8)
    // Scalars before each byte offset: count the bytes that start a scalar.
    func scalars(before offset: Int) -> Int {
        var n = 0
        for b in bytes[0..<min(max(offset, 0), bytes.count)] where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
    for range in ranges { result.append(scalars(before: range.lowerBound)..<scalars(before: range.upperBound)) }
    return result
}

/// A small JSON writer (no Foundation in this library): strings escaped per RFC 8259.
struct JSONWriter {
    private(set) var text = ""
    private var needsComma = false

    mutating func raw(_ s: String) {
        comma()
        text += s
        needsComma = true
    }

    mutating func key(_ name: String) {
        comma()
        text += "\"\(name)\":"
        needsComma = false
    }

    mutating func string(_ s: String) { raw(Self.quoted(s)) }
    mutating func optionalString(_ s: String?) { raw(s.map(Self.quoted) ?? "null") }
    mutating func integer(_ n: Int) { raw(String(n)) }
    mutating func number(_ x: Double) { raw(x.isFinite ? "\(x)" : "null") }

    mutating func fields(_ fields: [String: String]) {
        object { json in
            for name in fields.keys.sorted() {
                json.key(Self.escaped(name))
                json.string(fields[name] ?? "")
            }
        }
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        comma()
        text += "{"
        needsComma = false
        body(&self)
        text += "}"
        needsComma = true
    }

    mutating func array<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
        comma()
        text += "["
        needsComma = false
        for item in items { body(&self, item) }
        text += "]"
        needsComma = true
    }

    private mutating func comma() {
        if needsComma { text += "," }
    }

    static func quoted(_ s: String) -> String { "\"" + escaped(s) + "\"" }

    static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
