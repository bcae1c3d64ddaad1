#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Little-endian writing into a growing byte buffer that it owns: typed appends (integers,
/// varints, padding), checksums of what was written, and `appendUnsafe` for a C function
/// that writes in place (zstd). The segment and store writers speak in these operations.
struct ByteWriter {
    var bytes: [UInt8] = []

    var count: Int { bytes.count }

    /// Byte `i` written so far.
    subscript(i: Int) -> UInt8 { bytes[i] }

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v >> 16))
        bytes.append(UInt8(truncatingIfNeeded: v >> 24))
    }
    mutating func u64(_ v: UInt64) {
        u32(UInt32(truncatingIfNeeded: v))
        u32(UInt32(truncatingIfNeeded: v >> 32))
    }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func append(_ b: some Sequence<UInt8>) { bytes.append(contentsOf: b) }
    /// Appends another writer's bytes.
    mutating func append(_ other: ByteWriter) { bytes.append(contentsOf: other.bytes) }

    /// Empties the writer, keeping its memory for the next use.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Replaces the bytes at `range` with `other`'s (of the same length: a table written
    /// after what it describes).
    mutating func overwrite(_ range: Range<Int>, with other: ByteWriter) {
        precondition(range.count == other.count, "ByteWriter.overwrite: lengths differ")
        bytes.replaceSubrange(range, with: other.bytes)
    }

    /// LEB128 varint.
    mutating func varint(_ value: UInt32) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Pads with zeros to a multiple of `alignment`.
    mutating func align(_ alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    /// CRC-32 of the bytes written at `range`.
    func checksum(_ range: Range<Int>) -> UInt32 { CRC32.checksum(bytes, range) }

    /// CRC-32 of everything written.
    func checksum() -> UInt32 { CRC32.checksum(bytes, 0..<bytes.count) }

    /// The CRC-32 register after `register` and the bytes at `range` (see `CRC32.update`).
    func checksum(_ range: Range<Int>, continuing register: UInt32) -> UInt32 { CRC32.update(register, bytes, range) }

    /// Calls `body` with the bytes at `range` (for a C function that reads them); the pointer
    /// must not escape `body`.
    func withUnsafeBytes<R>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "ByteWriter range out of bounds")
        // Safe because: the range was checked; the bytes are borrowed for the call.
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Appends up to `capacity` bytes written in place by `write` (a C function that returns
    /// how many it wrote, or nil on failure: then nothing is appended). The pointer must not
    /// escape `write`.
    /// - Returns: the number of bytes appended, or nil.
    mutating func appendUnsafe(capacity: Int, _ write: (UnsafeMutableRawBufferPointer) -> Int?) -> Int? {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: capacity))
        // Safe because: the target is the `capacity` bytes just appended; a count outside
        // 0...capacity is refused before the bytes are trimmed to it.
        let written = bytes.withUnsafeMutableBytes { write(UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
        guard let written, written >= 0, written <= capacity else {
            bytes.removeLast(capacity)
            return nil
        }
        bytes.removeLast(capacity - written)
        return written
    }
}

/// A bounds-checked little-endian view of bytes (a mapped file's, usually). Every read checks
/// its bounds and returns nil past the end, so damaged files give errors, never crashes.
struct ByteReader: @unchecked Sendable {
    // @unchecked Sendable: read-only view of memory that its owner keeps mapped and unchanged.
    let base: UnsafeRawBufferPointer

    var count: Int { base.count }

    @inline(__always)
    func u8(_ at: Int) -> UInt8? {
        at >= 0 && at < base.count ? base[at] : nil
    }

    @inline(__always)
    func u32(_ at: Int) -> UInt32? {
        guard at >= 0, at <= base.count - 4 else { return nil }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    @inline(__always)
    func u64(_ at: Int) -> UInt64? {
        guard at >= 0, at <= base.count - 8 else { return nil }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    @inline(__always)
    func f32(_ at: Int) -> Float? { u32(at).map { Float(bitPattern: $0) } }

    /// A sub-range, or nil when it is out of bounds.
    func slice(_ offset: Int, _ length: Int) -> ByteReader? {
        guard offset >= 0, length >= 0, offset <= base.count, length <= base.count - offset else { return nil }
        return ByteReader(base: UnsafeRawBufferPointer(rebasing: base[offset..<offset + length]))
    }

    /// Reads a varint at `at`; returns the value and the next offset.
    @inline(__always)
    func varint(_ at: Int) -> (UInt32, Int)? {
        var result: UInt32 = 0
        var shift: UInt32 = 0
        var i = at
        while i < base.count && shift <= 28 {
            let b = base[i]
            result |= UInt32(b & 0x7F) << shift
            i += 1
            if b < 0x80 { return (result, i) }
            shift += 7
        }
        return nil
    }

    /// The bytes of [offset, offset+length) as a String (UTF-8, repaired), or nil when out of bounds.
    func string(_ offset: Int, _ length: Int) -> String? {
        guard let s = slice(offset, length) else { return nil }
        return String(decoding: s.base, as: UTF8.self)
    }

    /// Byte order: negative when `a` sorts first, 0 when equal, positive when `b` does.
    @inline(__always)
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            // Safe because both buffers hold at least n bytes (n is the smaller count).
            let c = memcmp(pa, pb, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }
}

/// CRC-32 (IEEE), for the index files' checksums; slicing-by-8 (eight table lookups per
/// eight bytes), fast enough to check the small sections of a segment at open.
enum CRC32 {
    /// The eight tables of 256 entries, in memory of their own for the life of the process.
    private static let tables: OwnedBuffer<UInt32> = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[i] = c
        }
        for i in 0..<256 {
            for k in 1..<8 {
                let prev = t[(k - 1) * 256 + i]
                t[k * 256 + i] = (prev >> 8) ^ t[Int(prev & 0xFF)]
            }
        }
        return OwnedBuffer(copying: t)
    }()

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        update(start, bytes) ^ 0xFFFF_FFFF
    }

    /// The register before any byte; `update` it with the data in pieces, then the checksum
    /// is the register `^ 0xFFFF_FFFF` (the same as `checksum` of the pieces joined).
    static let start: UInt32 = 0xFFFF_FFFF

    static func update(_ register: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c = register
        // Safe because: the tables are a static owner's (they live as long as the process);
        // every index is below 8 × 256 (a byte plus a multiple of 256 up to 7 × 256).
        let t = tables.buffer
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let lo = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self)) ^ c
            let hi = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
            c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
            i += 8
        }
        while i < n {
            c = t[Int((c ^ UInt32(bytes[i])) & 0xFF)] ^ (c >> 8)
            i += 1
        }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 { checksum(bytes, 0..<bytes.count) }

    /// The checksum of `bytes[range]`.
    static func checksum(_ bytes: [UInt8], _ range: Range<Int>) -> UInt32 {
        update(start, bytes, range) ^ 0xFFFF_FFFF
    }

    /// The register after `register` and `bytes[range]`.
    static func update(_ register: UInt32, _ bytes: [UInt8], _ range: Range<Int>) -> UInt32 {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "CRC32: range out of bounds")
        // Safe because: the range was checked; the array is borrowed for the call.
        return bytes.withUnsafeBytes { update(register, UnsafeRawBufferPointer(rebasing: $0[range])) }
    }
}
