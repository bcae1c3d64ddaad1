/// Read-only bytes carried together with the object that keeps them valid (as tantivy's
/// `OwnedBytes`): a mapped file (`MappedFile`) or memory of our own (`OwnedBuffer<UInt8>`: a
/// decompressed store block). A slice holds the same owner, so no view of the bytes can
/// outlive their memory, and readers (`SegmentReader`, `StoredDocuments`, `TermDictionary`,
/// `Zstd.Decompressor`) store these values, never a raw buffer beside its owner.
///
/// Every read is bounds-checked and gives nil past the end (`ByteReader`'s operations), so a
/// damaged file gives errors, never crashes. Hot loops that must not pay reference counting
/// (posting cursors, Rice and PFOR decoders) take the borrowed view `reader` from a stored
/// value inside a method of the value's holder, which keeps the owner alive for the call.
///
/// ```swift
/// let file = try MappedFile(path: path)
/// guard let footer = file.bytes.slice(file.bytes.count - 72, 60) else { throw … }
/// let crc = footer.checksum()
/// ```
struct OwnedBytes: @unchecked Sendable {
    // @unchecked Sendable: the owner is Sendable and its bytes are never written once shared.
    /// Keeps `reader`'s memory valid.
    private let owner: (any AnyObject & Sendable)?
    /// The view of the bytes: valid while `owner` lives, so while this value (or a copy) does.
    let reader: ByteReader

    /// Bytes of `owner` seen through `view` (which must point into memory `owner` keeps
    /// valid and unchanged for its life).
    init(owner: any AnyObject & Sendable, view: ByteReader) {
        self.owner = owner
        reader = view
    }

    /// The bytes of a buffer of our own.
    init(_ buffer: OwnedBuffer<UInt8>) {
        // Safe because: the buffer is kept as the owner; its memory lives as long as it does.
        self.init(owner: buffer, view: ByteReader(base: UnsafeRawBufferPointer(buffer.buffer)))
    }

    /// A copy of `bytes`, in memory of its own.
    init(copying bytes: [UInt8]) {
        self.init(OwnedBuffer(copying: bytes))
    }

    /// No bytes.
    static let empty = OwnedBytes(copying: [])

    var count: Int { reader.count }
    var isEmpty: Bool { reader.count == 0 }

    @inline(__always) func u8(_ at: Int) -> UInt8? { reader.u8(at) }
    @inline(__always) func u32(_ at: Int) -> UInt32? { reader.u32(at) }
    @inline(__always) func u64(_ at: Int) -> UInt64? { reader.u64(at) }
    @inline(__always) func f32(_ at: Int) -> Float? { reader.f32(at) }
    /// A varint at `at` and the offset after it; nil when damaged or out of bounds.
    @inline(__always) func varint(_ at: Int) -> (UInt32, Int)? { reader.varint(at) }

    /// Bytes [offset, offset + length), with the same owner; nil when out of bounds.
    func slice(_ offset: Int, _ length: Int) -> OwnedBytes? {
        guard let view = reader.slice(offset, length) else { return nil }
        return OwnedBytes(owner: owner, view: view)
    }

    /// Bytes [offset, end).
    func suffix(from offset: Int) -> OwnedBytes? { slice(offset, count - offset) }

    private init(owner: (any AnyObject & Sendable)?, view: ByteReader) {
        self.owner = owner
        reader = view
    }

    // Safe because (every accessor below): `reader` is checked against the owner's memory
    // when made, and `withExtendedLifetime(owner)` keeps that memory until the body returns.

    /// A copy of the bytes.
    var array: [UInt8] { withExtendedLifetime(owner) { Array(reader.base) } }

    /// Whether the bytes are `other`'s.
    func equals(_ other: [UInt8]) -> Bool { withExtendedLifetime(owner) { reader.base.elementsEqual(other) } }

    /// The bytes as a String (UTF-8, repaired).
    var string: String { withExtendedLifetime(owner) { String(decoding: reader.base, as: UTF8.self) } }

    /// CRC-32 of the bytes.
    func checksum() -> UInt32 { withExtendedLifetime(owner) { CRC32.checksum(reader.base) } }

    /// The CRC-32 register after the bytes (see `CRC32.update`).
    func checksum(continuing register: UInt32) -> UInt32 { withExtendedLifetime(owner) { CRC32.update(register, reader.base) } }

    /// Byte order against `other`: negative when these bytes sort first, 0 when equal.
    func compare(_ other: UnsafeRawBufferPointer) -> Int {
        withExtendedLifetime(owner) { ByteReader.compare(reader.base, other) }
    }

    /// Calls `body` with the bytes (for a C call, or a parser over UTF-8); the pointer must not
    /// escape `body`.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(reader.base) }
    }
}
