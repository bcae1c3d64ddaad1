import CSegtool
import Segmenter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The additions of segtool_bindings.h (for language bindings: the Python package).

/// `segtool_segment_words` of segtool_bindings.h (see the header for the contract).
@_cdecl("segtool_segment_words")
public func segtool_segment_words_impl(
    _ segmenter: OpaquePointer?, _ text: UnsafePointer<CChar>?, _ length: Int, _ mode: UInt32,
    _ separator: UInt8, _ scratch: UnsafeMutablePointer<segtool_tokens>?,
    _ out: UnsafeMutablePointer<CChar>?, _ capacity: Int, _ outLength: UnsafeMutablePointer<Int>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    outLength?.pointee = 0
    return reporting(error) { () throws(CAPIError) in
        guard let scratch else { throw .invalidArgument("scratch is NULL") }
        guard let outLength else { throw .invalidArgument("out_length is NULL") }
        guard capacity >= 0 else { throw .invalidArgument("negative capacity") }
        let handle = try SegmenterHandle.from(segmenter)
        let swiftMode = try segmenterMode(mode)
        let bytes = try textBuffer(text, length)
        let storage = TokenStorage.of(scratch)
        storage.scratch.removeAll(keepingCapacity: true)
        scratch.pointee.count = 0
        do throws(SegmenterError) {
            try handle.snapshot.segment(utf8: bytes, mode: swiftMode, into: &storage.scratch)
        } catch {
            storage.scratch.removeAll(keepingCapacity: true)
            throw CAPIError(error)
        }
        try storage.scratch.withUnsafeBufferPointer { tokens throws(CAPIError) in
            var needed = max(tokens.count - 1, 0)
            for t in tokens { needed += t.utf8Range.count }
            outLength.pointee = needed
            guard needed <= capacity else { return }
            guard let out, let base = bytes.baseAddress else {
                if needed == 0 { return }
                throw .invalidArgument("out is NULL")
            }
            // Safe because: every token range lies inside `bytes` (the segmenter's contract),
            // and `needed` ≤ `capacity` bytes are written at `out`.
            let target = UnsafeMutableRawPointer(out)
            var at = 0
            for (i, t) in tokens.enumerated() {
                if i > 0 {
                    target.storeBytes(of: separator, toByteOffset: at, as: UInt8.self)
                    at += 1
                }
                let n = t.utf8Range.count
                target.advanced(by: at).copyMemory(from: base + t.utf8Range.lowerBound, byteCount: n)
                at += n
            }
        }
    }
}

/// `segtool_load_dictionary_data` of segtool_bindings.h (see the header for the contract).
@_cdecl("segtool_load_dictionary_data")
public func segtool_load_dictionary_data_impl(
    _ segmenter: OpaquePointer?, _ data: UnsafePointer<CChar>?, _ length: Int, _ name: UnsafePointer<CChar>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    reporting(error) { () throws(CAPIError) in
        let handle = try SegmenterHandle.from(segmenter)
        let fileName = try validCString(name, what: "name")
        let bytes = try textBuffer(data, length, what: "data")
        let file: DictionaryFile
        do throws(SegmenterError) {
            file = try DictionaryFile(bytes: bytes, name: fileName)
        } catch {
            throw CAPIError(error)
        }
        // Parsed before the lock is taken: other threads wait only for the insertions.
        handle.state.withLock { segmenter in
            for line in file.lines { segmenter.addWord(line.word, frequency: line.frequency, tag: line.tag) }
        }
    }
}
