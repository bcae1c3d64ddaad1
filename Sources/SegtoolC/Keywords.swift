import CSegtool
import Indexer
import Segmenter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `segtool_keyword_extractor *` points at.
final class KeywordHandle: Sendable {
    let extractor: KeywordExtractor
    init(_ extractor: KeywordExtractor) { self.extractor = extractor }
}

/// What `segtool_keyword_array.internal_` points at: the C array and the words' bytes.
final class KeywordStorage {
    var entries: UnsafeMutablePointer<segtool_keyword>?
    var words: UnsafeMutablePointer<CChar>?

    deinit {
        entries?.deallocate()
        words?.deallocate()
    }

    /// Replaces the contents with `keywords`: one array of entries and one block of words.
    func fill(_ keywords: [Keyword]) -> UnsafeMutablePointer<segtool_keyword>? {
        entries?.deallocate()
        words?.deallocate()
        entries = nil
        words = nil
        guard !keywords.isEmpty else { return nil }
        let total = keywords.reduce(0) { $0 + $1.word.utf8.count + 1 }
        let block = UnsafeMutablePointer<CChar>.allocate(capacity: total)
        let array = UnsafeMutablePointer<segtool_keyword>.allocate(capacity: keywords.count)
        var at = 0
        for (i, keyword) in keywords.enumerated() {
            let start = at
            for b in keyword.word.utf8 {
                block[at] = CChar(bitPattern: b)
                at += 1
            }
            block[at] = 0
            at += 1
            (array + i).initialize(to: segtool_keyword(
                word: UnsafePointer(block + start), length: at - 1 - start, weight: keyword.weight))
        }
        entries = array
        words = block
        return array
    }
}

/// `segtool_keywords_open` of segtool.h (see the header for the contract).
@_cdecl("segtool_keywords_open")
public func segtool_keywords_open_impl(
    _ segmenter: OpaquePointer?, _ options: UnsafePointer<segtool_keyword_options>?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    out?.pointee = nil
    return reporting(error) { () throws(CAPIError) in
        guard let out else { throw .invalidArgument("out is NULL") }
        let handle = try SegmenterHandle.from(segmenter)
        var o = segtool_keyword_options()
        if let options {
            o = options.pointee
            guard o.size == 0 || o.size >= UInt32(MemoryLayout<segtool_keyword_options>.size) else {
                throw .invalidArgument("keyword options.size is \(o.size), expected \(MemoryLayout<segtool_keyword_options>.size)")
            }
        }
        let table: IDFTable
        if let path = o.idf_path {
            let name = try validCString(path, what: "idf_path")
            do { table = try IDFTable(text: readTextFile(name), name: name) } catch let e as IndexError {
                throw CAPIError(e)
            } catch let e as CAPIError { throw e } catch { throw CAPIError.invalidArgument("\(error)") }
        } else if let builtin = IDFTable.builtin {
            table = builtin
        } else {
            throw CAPIError(code: SEGTOOL_NO_IDF_TABLE, message: "this library has no built-in IDF table; give one with idf_path")
        }
        let stopWords: Set<String>
        if let path = o.stop_words_path {
            guard o.no_stop_words == 0 else { throw .invalidArgument("no_stop_words and stop_words_path exclude each other") }
            stopWords = StopWords.parse(try readTextFile(try validCString(path, what: "stop_words_path")))
        } else {
            stopWords = o.no_stop_words != 0 ? [] : StopWords.builtin
        }
        let extractor = KeywordExtractor(
            segmenter: handle.snapshot, idf: table, stopWords: stopWords, allowSingle: o.allow_single != 0)
        out.pointee = OpaquePointer(Unmanaged.passRetained(KeywordHandle(extractor)).toOpaque())
    }
}

/// `segtool_keywords_free` of segtool.h (see the header for the contract).
@_cdecl("segtool_keywords_free")
public func segtool_keywords_free_impl(_ extractor: OpaquePointer?) {
    guard let extractor else { return }
    Unmanaged<KeywordHandle>.fromOpaque(UnsafeRawPointer(extractor)).release()
}

/// `segtool_keyword_array_free` of segtool.h (see the header for the contract).
@_cdecl("segtool_keyword_array_free")
public func segtool_keyword_array_free_impl(_ keywords: UnsafeMutablePointer<segtool_keyword_array>?) {
    guard let keywords else { return }
    if let raw = keywords.pointee.internal_ {
        Unmanaged<KeywordStorage>.fromOpaque(raw).release()
    }
    keywords.pointee = segtool_keyword_array(keywords: nil, count: 0, internal_: nil)
}

/// `segtool_extract_keywords` of segtool.h (see the header for the contract).
@_cdecl("segtool_extract_keywords")
public func segtool_extract_keywords_impl(
    _ extractor: OpaquePointer?, _ text: UnsafePointer<CChar>?, _ length: Int, _ method: UInt32, _ topK: Int,
    _ tags: UnsafePointer<UnsafePointer<CChar>?>?, _ tagCount: Int,
    _ out: UnsafeMutablePointer<segtool_keyword_array>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    if let out { out.pointee.count = 0 }
    return reporting(error) { () throws(CAPIError) in
        guard let out else { throw .invalidArgument("out is NULL") }
        guard let extractor else { throw .invalidArgument("extractor is NULL") }
        // Safe because: handles come only from segtool_keywords_open and live until freed.
        let handle = Unmanaged<KeywordHandle>.fromOpaque(UnsafeRawPointer(extractor)).takeUnretainedValue()
        guard topK >= 1 else { throw .invalidArgument("top_k must be at least 1") }
        guard method == SEGTOOL_KEYWORDS_TFIDF.rawValue || method == SEGTOOL_KEYWORDS_TEXTRANK.rawValue else {
            throw .invalidArgument("unknown keyword method \(method)")
        }
        let document = try validString(textBuffer(text, length))
        var keywordExtractor = handle.extractor
        if tagCount > 0 {
            guard let tags else { throw .invalidArgument("tags is NULL") }
            var set = Set<String>()
            for i in 0..<tagCount { set.insert(try validCString(tags[i], what: "tags[\(i)]")) }
            keywordExtractor.tags = set
        }
        let keywords = method == SEGTOOL_KEYWORDS_TFIDF.rawValue
            ? keywordExtractor.tfidf(document, top: topK) : keywordExtractor.textRank(document, top: topK)
        let storage: KeywordStorage
        if let raw = out.pointee.internal_ {
            storage = Unmanaged<KeywordStorage>.fromOpaque(raw).takeUnretainedValue()
        } else {
            storage = KeywordStorage()
            out.pointee.internal_ = Unmanaged.passRetained(storage).toOpaque()
        }
        out.pointee.keywords = storage.fill(keywords)
        out.pointee.count = keywords.count
    }
}
