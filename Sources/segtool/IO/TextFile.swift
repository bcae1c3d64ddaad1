#if canImport(Glibc)
import Glibc
#endif
import Segmenter

/// Whole small text files (gold standards, word lists, dictionaries), read through the C library.
enum TextFile {
    /// The file's bytes. - Throws: `CLIError` naming the file.
    static func bytes(_ path: String) throws -> [UInt8] {
        let fd = try InputFile(path: path).open()
        defer { if fd != 0 { _ = closeFD(fd) } }
        guard let bytes = readAllBytes(fileDescriptor: fd) else {
            throw CLIError("\(path): \(String(cString: strerror(errno)))")
        }
        return bytes
    }

    /// The file's lines (LF or CRLF, BOM dropped), as strings.
    /// - Throws: `CLIError` for an unreadable file, binary input (a NUL byte) or invalid UTF-8,
    ///   with the line and the byte offset into the file (a BOM counted).
    static func lines(_ path: String) throws -> [String] {
        let data = try bytes(path)
        let bom = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let nul = data.firstIndex(of: 0) {
            throw CLIError("\(path): binary input (NUL byte at byte offset \(nul)); segtool reads UTF-8 text")
        }
        var lines: [String] = []
        var start = bom
        var lineNumber = 1
        while start < data.count {
            var end = start
            while end < data.count && data[end] != 0x0A { end += 1 }
            var contentEnd = end
            if contentEnd > start && data[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            guard let line = String(validating: data[start..<contentEnd], as: UTF8.self) else {
                let bad = start + (firstInvalidUTF8Offset(Array(data[start..<contentEnd])) ?? 0)
                let byte = bad < data.count ? " (byte 0x\(String(data[bad], radix: 16, uppercase: true)))" : ""
                throw CLIError("\(path):\(lineNumber): invalid UTF-8 at byte offset \(bad)\(byte)")
            }
            lines.append(line)
            start = end + 1
            lineNumber += 1
        }
        return lines
    }
}

extension TextFile {
    /// Writes `text` to `path` atomically (a temporary file in the same folder, then rename).
    static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CLIError("\(path): \(String(cString: strerror(errno)))") }
        var copy = text
        let failure = copy.withUTF8 { writeAll(fd, $0) }
        guard failure == 0, fsync(fd) == 0, close(fd) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(failure != 0 ? failure : errno))
            if failure != 0 { close(fd) }
            unlink(temporary)
            throw CLIError("\(path): \(reason)")
        }
    }
}

func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
}

func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : 0
}

func listDirectory(_ path: String) -> [String] { directoryEntries(path) }

func coreCount() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
