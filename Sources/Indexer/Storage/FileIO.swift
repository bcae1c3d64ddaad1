#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Segmenter

/// The file operations of the index, over the C library: durable writes, atomic renames,
/// read-only memory maps, and the writer's lock.
enum FileIO {
    static func reason(_ code: Int32 = errno) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }

    /// Writes `bytes` to `path` and fsyncs it (the file is new: it is only referenced once a
    /// manifest naming it is committed).
    static func writeDurably(_ bytes: [UInt8], to path: String) throws(IndexError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .io(path: path, reason: reason()) }
        var done = 0
        let ok: Bool = bytes.withUnsafeBytes { buf in
            guard let base = buf.baseAddress else { return true }  // nothing to write
            while done < buf.count {
                let n = write(fd, base + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                done += n
            }
            return true
        }
        let synced = ok && fsync(fd) == 0
        let why = reason()
        close(fd)
        guard synced else { throw .io(path: path, reason: why) }
    }

    /// Atomically replaces `path` with `bytes`: write a temporary file, fsync, rename over,
    /// fsync the directory. A crash at any moment leaves either the old or the new file.
    static func replaceAtomically(_ bytes: [UInt8], path: String, directory: String) throws(IndexError) {
        let temporary = path + ".tmp"
        try writeDurably(bytes, to: temporary)
        guard rename(temporary, path) == 0 else { throw .io(path: path, reason: reason()) }
        syncDirectory(directory)
    }

    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Whether `path` is something other than a directory (a file, a device …).
    static func existsAndIsNotDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFDIR
    }

    static func makeDirectory(_ path: String) throws(IndexError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .io(path: path, reason: reason()) }
    }

    static func remove(_ path: String) { unlink(path) }

    /// Names in a directory.
    static func list(_ directory: String) -> [String] { directoryEntries(directory) }

    static func readAll(_ path: String) throws(IndexError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(path: path, reason: reason()) }
        defer { close(fd) }
        guard let bytes = readAllBytes(fileDescriptor: fd) else { throw .io(path: path, reason: reason()) }
        return bytes
    }

    static func size(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }
}

/// A read-only memory map of a whole file, unmapped when released. Its bytes are handed out
/// as `OwnedBytes`, which hold the map: a slice of a segment keeps its file mapped.
final class MappedFile: @unchecked Sendable {
    // @unchecked Sendable: the mapping is read-only and lives as long as this object.
    let path: String
    /// The mapped bytes (valid while this object lives: only `bytes` hands them out).
    private let view: ByteReader
    private let base: UnsafeMutableRawPointer?
    private let length: Int

    /// The file's bytes, holding the map.
    var bytes: OwnedBytes { OwnedBytes(owner: self, view: view) }

    init(path: String) throws(IndexError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(path: path, reason: FileIO.reason()) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, reason: FileIO.reason()) }
        length = Int(st.st_size)
        if length == 0 {
            base = nil
            view = ByteReader(base: UnsafeRawBufferPointer(start: nil, count: 0))
            return
        }
        let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw .io(path: path, reason: FileIO.reason()) }
        base = p
        view = ByteReader(base: UnsafeRawBufferPointer(start: p, count: length))
    }

    deinit {
        if let base { munmap(base, length) }
    }
}

/// The single-writer lock of an index: `flock` on `DIR/lock`, released when the process exits.
final class WriterLock {
    private let fd: Int32

    init(directory: String) throws(IndexError) {
        let path = directory + "/lock"
        fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw .io(path: path, reason: FileIO.reason()) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw .locked(path: directory)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
