#if canImport(Glibc)
import Glibc
#endif
import Segmenter

/// An input: a file path, or standard input when the path is `-` or none is given.
struct InputFile {
    let path: String?
    var displayName: String { path ?? "<stdin>" }

    /// Opens the input. - Throws: `CLIError` naming the file and the system's reason.
    func open() throws -> Int32 {
        guard let path, path != "-" else { return 0 }
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw CLIError("\(path): \(String(cString: strerror(errno)))") }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw CLIError("\(path): is a directory")
        }
        return fd
    }

    /// The file's size, when it is a regular file (for progress).
    func size(fd: Int32) -> Int? {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }
}

/// A line of input, or a piece of an over-long one.
struct LinePiece {
    /// 1-based line number.
    var line: Int
    /// Byte offset of the line's start within the file.
    var lineOffset: Int
    /// Byte offset of this piece within its line.
    var offsetInLine: Int
    /// Whether the line starts with this piece (its offset is 3 after a skipped BOM).
    var startsLine: Bool
    /// Whether the line ends with this piece.
    var endsLine: Bool
}

/// Reads a file descriptor in large blocks and hands out lines (without `\n` and a final
/// `\r`; without a BOM at the start of the input), in batches of complete lines. A line longer than `maxLine` (1 MiB) is handed out in pieces cut
/// at safe places, so memory stays bounded whatever the input.
final class LineReader {
    let fd: Int32
    let name: String
    static let blockSize = 1 << 20
    static let maxLine = 1 << 20

    /// The read buffer: allocated, not zeroed (1 MiB of memset and page faults per process
    /// otherwise); `read` fills it and only what it filled is looked at.
    private let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: LineReader.blockSize)
    private var pending: [UInt8] = []
    private var lineNumber = 1
    private var lineOffset = 0
    private var offsetInLine = 0
    private var fileOffset = 0
    private(set) var bytesRead = 0

    init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    deinit { block.deallocate() }

    /// Calls `body` with each batch of pieces: the bytes and, for each piece, its range
    /// in them. Returns when the input ends.
    /// - Throws: `CLIError` on a read error or a NUL byte (binary input), and what `body` throws.
    /// The index of the first `byte` in `buf[from...]`, or nil: `memchr`, many bytes a step
    /// (a loop of `firstIndex(of:)` took ~5 instructions a byte, for the NUL check and again
    /// for the line breaks: ~4% of `segment`'s).
    @inline(__always)
    static func firstIndex(of byte: UInt8, in buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < buf.count, let base = buf.baseAddress,
              let hit = memchr(base + from, Int32(byte), buf.count - from) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    func forEachBatch(
        _ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ pieces: [(LinePiece, Range<Int>)]) throws -> Void
    ) throws {
        var batch: [UInt8] = []
        var pieces: [(LinePiece, Range<Int>)] = []
        func flushBatch() throws {
            if pieces.isEmpty { return }
            try batch.withUnsafeBufferPointer { try body($0, pieces) }
            batch.removeAll(keepingCapacity: true)
            pieces.removeAll(keepingCapacity: true)
        }
        func addPiece(_ bytes: UnsafeBufferPointer<UInt8>, endsLine: Bool) throws {
            var count = bytes.count
            if endsLine && count > 0 && bytes[count - 1] == 0x0D { count -= 1 }
            // A byte order mark at the start of the input is skipped; the piece's offsets
            // stay offsets into the file.
            let skip = lineOffset == 0 && offsetInLine == 0 && count >= 3
                && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            let start = batch.count
            batch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[skip..<count]))
            pieces.append((LinePiece(line: lineNumber, lineOffset: lineOffset, offsetInLine: offsetInLine + skip, startsLine: offsetInLine == 0, endsLine: endsLine), start..<batch.count))
            if endsLine {
                lineNumber += 1
                lineOffset += offsetInLine + bytes.count + 1
                offsetInLine = 0
            } else {
                offsetInLine += bytes.count
            }
            if batch.count >= Self.blockSize { try flushBatch() }
        }

        while true {
            let n = read(fd, block.baseAddress, block.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError("\(name): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            do {
                // Safe because: `read` wrote `n` bytes at the start of `block`.
                let buf = UnsafeBufferPointer(rebasing: block[0..<n])
                if let nul = Self.firstIndex(of: 0, in: buf, from: 0) {
                    throw CLIError("\(name): binary input (NUL byte at byte offset \(fileOffset + nul)); segtool reads UTF-8 text")
                }
                var p = 0
                while p < n, let nl = Self.firstIndex(of: 0x0A, in: buf, from: p) {
                    if pending.isEmpty {
                        try addPiece(UnsafeBufferPointer(rebasing: buf[p..<nl]), endsLine: true)
                    } else {
                        pending.append(contentsOf: buf[p..<nl])
                        try pending.withUnsafeBufferPointer { try addPiece($0, endsLine: true) }
                        pending.removeAll(keepingCapacity: true)
                    }
                    p = nl + 1
                }
                pending.append(contentsOf: buf[p..<n])
            }
            fileOffset += n
            bytesRead = fileOffset
            if pending.count > Self.maxLine {
                let cut = Self.safeCut(pending)
                try pending.withUnsafeBufferPointer { try addPiece(UnsafeBufferPointer(rebasing: $0[0..<cut]), endsLine: false) }
                pending.removeFirst(cut)
            }
        }
        if !pending.isEmpty {
            try pending.withUnsafeBufferPointer { try addPiece($0, endsLine: true) }
            pending.removeAll()
        }
        try flushBatch()
    }

    /// The last place in `bytes` after which a new piece may start without cutting a word:
    /// after whitespace or Chinese sentence punctuation, else before the last character (or
    /// before a last stray continuation byte): never inside a character, and never less than
    /// `n` − 1 MiB, so a piece leaves at most 1 MiB behind.
    static func safeCut(_ bytes: [UInt8]) -> Int {
        let n = bytes.count
        let floor = max(1, n - (1 << 20))
        var i = n - 1
        while i >= floor {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 { return i + 1 }
            if b == 0x82 && i >= 2 && bytes[i - 2] == 0xE3 && bytes[i - 1] == 0x80 { return i + 1 }  // 。
            if b == 0x8C && i >= 2 && bytes[i - 2] == 0xEF && bytes[i - 1] == 0xBC { return i + 1 }  // ，
            i -= 1
        }
        // Before the last character's lead byte, at most three continuation bytes back. When
        // the last four bytes are all continuation bytes, the last is a stray (no character
        // holds it, so no sequence before it reads differently without it): cut before it. (A
        // scan to the line's start cut one byte off a line of stray bytes per block: pending
        // then grew with the whole line, and moving it per block took quadratic time.)
        i = n - 1
        let floor4 = max(1, n - 4)
        while i > floor4 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return max(1, bytes[i] & 0xC0 == 0x80 ? n - 1 : i)  // never 0: a piece always moves on
    }
}
