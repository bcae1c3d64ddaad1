import CSegtool
import Indexer
import Segmenter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of a C API call, before it becomes a `segtool_error`.
struct CAPIError: Error {
    var code: segtool_status
    var message: String
    var path: String? = nil
    var line: Int = -1
    var byteOffset: Int = -1

    static func invalidArgument(_ message: String) -> CAPIError {
        CAPIError(code: SEGTOOL_INVALID_ARGUMENT, message: message)
    }

    init(code: segtool_status, message: String, path: String? = nil, line: Int = -1, byteOffset: Int = -1) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.byteOffset = byteOffset
    }

    init(_ error: SegmenterError) {
        switch error {
        case .invalidUTF8(let offset):
            self.init(code: SEGTOOL_INVALID_UTF8, message: error.description, byteOffset: offset)
        case .malformedDictionaryLine(let file, let line, _):
            self.init(code: SEGTOOL_DICTIONARY_SYNTAX, message: error.description, path: file, line: line)
        case .dictionaryNotUTF8(let file, let line, let offset):
            self.init(code: SEGTOOL_DICTIONARY_UTF8, message: error.description, path: file, line: line, byteOffset: offset)
        case .unreadableFile(let path, _):
            self.init(code: SEGTOOL_FILE_ERROR, message: error.description, path: path)
        case .icu:
            self.init(code: SEGTOOL_ICU_ERROR, message: error.description)
        }
    }

    init(_ error: IndexError) {
        switch error {
        case .malformedIDFLine(let file, let line, _):
            self.init(code: SEGTOOL_IDF_SYNTAX, message: error.description, path: file, line: line)
        case .io(let path, _):
            self.init(code: SEGTOOL_FILE_ERROR, message: error.description, path: path)
        default:
            self.init(code: SEGTOOL_FILE_ERROR, message: error.description)
        }
    }
}

/// A copy of `s` in memory from `malloc` (NUL-terminated), or nil when out of memory.
func mallocString(_ s: String) -> UnsafeMutablePointer<CChar>? {
    strdup(s)
}

/// Runs `body`, turning a thrown `CAPIError` into a status and, when the caller asked for
/// one, a new `segtool_error`.
func reporting(
    _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?,
    _ body: () throws(CAPIError) -> Void
) -> segtool_status {
    errorOut?.pointee = nil
    do {
        try body()
        return SEGTOOL_OK
    } catch {
        if let out = errorOut {
            // Safe because: a fresh allocation of the struct's size, fully initialized here;
            // the caller releases it with segtool_error_free.
            let pointer = UnsafeMutablePointer<segtool_error>.allocate(capacity: 1)
            pointer.initialize(to: segtool_error(
                code: error.code, message: mallocString(error.message),
                path: error.path.flatMap(mallocString), line: Int64(error.line), byte_offset: Int64(error.byteOffset)))
            out.pointee = pointer
        }
        return error.code
    }
}

/// `segtool_error_free` of segtool.h (see the header for the contract).
@_cdecl("segtool_error_free")
public func segtool_error_free_impl(_ error: UnsafeMutablePointer<segtool_error>?) {
    guard let error else { return }
    free(error.pointee.message)
    free(error.pointee.path)
    error.deinitialize(count: 1)
    error.deallocate()
}

/// The bytes at `text` as a buffer; a NULL pointer is allowed only for an empty text.
func textBuffer(_ text: UnsafePointer<CChar>?, _ length: Int, what: String = "text") throws(CAPIError) -> UnsafeBufferPointer<UInt8> {
    guard length >= 0 else { throw .invalidArgument("\(what): negative length") }
    guard let text else {
        if length == 0 { return UnsafeBufferPointer(start: nil, count: 0) }
        throw .invalidArgument("\(what) is NULL")
    }
    // Safe because: the caller promises `length` readable bytes at `text` for the call.
    return UnsafeRawPointer(text).withMemoryRebound(to: UInt8.self, capacity: length) {
        UnsafeBufferPointer(start: $0, count: length)
    }
}

/// A String from UTF-8 bytes, or invalidUTF8 with the offset of the first bad byte.
func validString(_ bytes: UnsafeBufferPointer<UInt8>, what: String = "text") throws(CAPIError) -> String {
    if let bad = firstInvalidUTF8Offset(bytes) {
        throw CAPIError(code: SEGTOOL_INVALID_UTF8, message: "\(what): invalid UTF-8 at byte offset \(bad)", byteOffset: bad)
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// A NUL-terminated C string as a String, checked for UTF-8.
func validCString(_ string: UnsafePointer<CChar>?, what: String) throws(CAPIError) -> String {
    guard let string else { throw .invalidArgument("\(what) is NULL") }
    return try validString(textBuffer(string, strlen(string), what: what), what: what)
}

/// The whole contents of a file, read with the C library (no Foundation in this library).
func readFile(_ path: String) throws(CAPIError) -> [UInt8] {
    guard let file = fopen(path, "rb") else {
        let reason = String(cString: strerror(errno))
        throw CAPIError(code: SEGTOOL_FILE_ERROR, message: "\(path): \(reason)", path: path)
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
        if n < chunk.count {
            if ferror(file) != 0 {
                throw CAPIError(code: SEGTOOL_FILE_ERROR, message: "\(path): read error", path: path)
            }
            break
        }
    }
    return bytes
}

/// A text file's contents as a String, checked for UTF-8 (the offset names the bad byte).
func readTextFile(_ path: String) throws(CAPIError) -> String {
    let bytes = try readFile(path)
    if let bad = firstInvalidUTF8Offset(bytes) {
        let line = bytes[0..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        throw CAPIError(code: SEGTOOL_DICTIONARY_UTF8, message: "\(path):\(line): invalid UTF-8 at byte offset \(bad)",
                        path: path, line: line, byteOffset: bad)
    }
    return String(decoding: bytes, as: UTF8.self)
}
