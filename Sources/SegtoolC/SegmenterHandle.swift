import CSegtool
import Segmenter
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `segtool_segmenter *` points at: the segmenter behind a lock. A call takes a copy
/// (a snapshot: the lexicon is copy-on-write, the engine shared) under the lock and segments
/// without it, so many threads segment at once and word changes never race with them.
final class SegmenterHandle: Sendable {
    let state: Mutex<Segmenter>

    init(_ segmenter: Segmenter) { state = Mutex(segmenter) }

    /// The current words, as a value this thread may use freely.
    var snapshot: Segmenter { state.withLock { $0 } }

    /// Turns a C handle back into the object. Safe because: handles are only made by
    /// `segtool_segmenter_open` (a retained object) and live until `segtool_segmenter_free`.
    static func from(_ pointer: OpaquePointer?) throws(CAPIError) -> SegmenterHandle {
        guard let pointer else { throw .invalidArgument("segmenter is NULL") }
        return Unmanaged<SegmenterHandle>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
    }
}

/// The library's version.
let versionString: StaticString = "0.1.0"

/// `segtool_version` of segtool.h (see the header for the contract).
@_cdecl("segtool_version")
public func segtool_version_impl() -> UnsafePointer<CChar> {
    // Safe because: a StaticString's storage is static and NUL-terminated.
    UnsafeRawPointer(versionString.utf8Start).assumingMemoryBound(to: CChar.self)
}

/// `segtool_api_version` of segtool.h (see the header for the contract).
@_cdecl("segtool_api_version")
public func segtool_api_version_impl() -> Int32 { 1 }

/// `segtool_options_init` of segtool.h (see the header for the contract).
@_cdecl("segtool_options_init")
public func segtool_options_init_impl(_ options: UnsafeMutablePointer<segtool_options>?) {
    guard let options else { return }
    options.pointee = segtool_options(
        size: UInt32(MemoryLayout<segtool_options>.size), flags: 0, user_dictionaries: nil, user_dictionary_count: 0)
}

/// `segtool_segmenter_open` of segtool.h (see the header for the contract).
@_cdecl("segtool_segmenter_open")
public func segtool_segmenter_open_impl(
    _ options: UnsafePointer<segtool_options>?, _ out: UnsafeMutablePointer<OpaquePointer?>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    out?.pointee = nil
    return reporting(error) { () throws(CAPIError) in
        guard let out else { throw .invalidArgument("out is NULL") }
        var flags: UInt32 = 0
        var paths: [String] = []
        if let options {
            let o = options.pointee
            // The fields of version 1; a caller compiled against an older, smaller struct is refused.
            guard o.size >= UInt32(MemoryLayout<segtool_options>.size) else {
                throw .invalidArgument("options.size is \(o.size); call segtool_options_init first")
            }
            flags = o.flags
            let known = UInt32(SEGTOOL_NO_BUILTIN_LEXICON | SEGTOOL_ICU_ONLY | SEGTOOL_FOLD_TRADITIONAL)
            guard flags & ~known == 0 else { throw .invalidArgument("unknown option flags 0x\(String(flags & ~known, radix: 16))") }
            if o.user_dictionary_count > 0 {
                guard let list = o.user_dictionaries else { throw .invalidArgument("user_dictionaries is NULL") }
                for i in 0..<o.user_dictionary_count {
                    paths.append(try validCString(list[i], what: "user_dictionaries[\(i)]"))
                }
            }
        }
        let segmenter: Segmenter
        let folding: Segmenter.Folding = flags & UInt32(SEGTOOL_FOLD_TRADITIONAL) != 0 ? .traditional : .none
        do {
            if flags & UInt32(SEGTOOL_ICU_ONLY) != 0 {
                guard paths.isEmpty, flags & UInt32(SEGTOOL_NO_BUILTIN_LEXICON) == 0 else {
                    throw CAPIError.invalidArgument("SEGTOOL_ICU_ONLY uses no dictionaries")
                }
                segmenter = try Segmenter.icuBaseline(folding: folding)
            } else {
                segmenter = try Segmenter(
                    builtinDictionary: flags & UInt32(SEGTOOL_NO_BUILTIN_LEXICON) == 0, userDictionaries: paths, folding: folding)
            }
        } catch let e as SegmenterError {
            throw CAPIError(e)
        } catch let e as CAPIError {
            throw e
        } catch {
            throw CAPIError(code: SEGTOOL_INVALID_ARGUMENT, message: "\(error)")
        }
        out.pointee = OpaquePointer(Unmanaged.passRetained(SegmenterHandle(segmenter)).toOpaque())
    }
}

/// `segtool_segmenter_free` of segtool.h (see the header for the contract).
@_cdecl("segtool_segmenter_free")
public func segtool_segmenter_free_impl(_ segmenter: OpaquePointer?) {
    guard let segmenter else { return }
    Unmanaged<SegmenterHandle>.fromOpaque(UnsafeRawPointer(segmenter)).release()
}

/// `segtool_add_word` of segtool.h (see the header for the contract).
@_cdecl("segtool_add_word")
public func segtool_add_word_impl(
    _ segmenter: OpaquePointer?, _ word: UnsafePointer<CChar>?, _ length: Int, _ frequency: Int64,
    _ tag: UnsafePointer<CChar>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    reporting(error) { () throws(CAPIError) in
        let handle = try SegmenterHandle.from(segmenter)
        let text = try validString(textBuffer(word, length, what: "word"), what: "word")
        guard !text.isEmpty else { throw .invalidArgument("word is empty") }
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
            throw .invalidArgument("word `\(text)` contains whitespace")
        }
        let tagText = try tag.map { p throws(CAPIError) in try validCString(p, what: "tag") }
        let freq: Int? = frequency < 0 ? nil : Int(frequency)
        handle.state.withLock { $0.addWord(text, frequency: freq, tag: tagText?.isEmpty == true ? nil : tagText) }
    }
}

/// `segtool_remove_word` of segtool.h (see the header for the contract).
@_cdecl("segtool_remove_word")
public func segtool_remove_word_impl(
    _ segmenter: OpaquePointer?, _ word: UnsafePointer<CChar>?, _ length: Int, _ removed: UnsafeMutablePointer<Int32>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    removed?.pointee = 0
    return reporting(error) { () throws(CAPIError) in
        let handle = try SegmenterHandle.from(segmenter)
        let text = try validString(textBuffer(word, length, what: "word"), what: "word")
        let was = handle.state.withLock { $0.removeWord(text) }
        removed?.pointee = was ? 1 : 0
    }
}

/// `segtool_load_dictionary` of segtool.h (see the header for the contract).
@_cdecl("segtool_load_dictionary")
public func segtool_load_dictionary_impl(
    _ segmenter: OpaquePointer?, _ path: UnsafePointer<CChar>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    reporting(error) { () throws(CAPIError) in
        let handle = try SegmenterHandle.from(segmenter)
        let file = try validCString(path, what: "path")
        // Parsed under the lock: other threads wait for it only to take their snapshot.
        let failure: SegmenterError? = handle.state.withLock { current in
            do throws(SegmenterError) { try current.loadDictionary(file); return SegmenterError?.none } catch { return error }
        }
        if let failure { throw CAPIError(failure) }
    }
}

/// `segtool_lookup_word` of segtool.h (see the header for the contract).
@_cdecl("segtool_lookup_word")
public func segtool_lookup_word_impl(
    _ segmenter: OpaquePointer?, _ word: UnsafePointer<CChar>?, _ length: Int, _ found: UnsafeMutablePointer<Int32>?,
    _ frequency: UnsafeMutablePointer<Int64>?, _ tag: UnsafeMutablePointer<CChar>?, _ tagCapacity: Int,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    found?.pointee = 0
    frequency?.pointee = -1
    if let tag, tagCapacity > 0 { tag[0] = 0 }
    return reporting(error) { () throws(CAPIError) in
        guard let found else { throw .invalidArgument("found is NULL") }
        let handle = try SegmenterHandle.from(segmenter)
        let text = try validString(textBuffer(word, length, what: "word"), what: "word")
        guard let entry = handle.snapshot.lexicon.entry(for: text) else { return }
        found.pointee = 1
        frequency?.pointee = Int64(entry.frequency ?? -1)
        if let tag, tagCapacity > 0, let t = entry.tag {
            let all = Array(t.utf8)
            var n = min(all.count, tagCapacity - 1)
            // Never cut inside a UTF-8 sequence: back off to the start of the cut scalar.
            while n > 0 && n < all.count && all[n] & 0xC0 == 0x80 { n -= 1 }
            let bytes = all[0..<n]
            for (i, b) in bytes.enumerated() { tag[i] = CChar(bitPattern: b) }
            tag[bytes.count] = 0
        }
    }
}
