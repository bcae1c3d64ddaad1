import CSegtool
import Segmenter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `segtool_tokens.internal_` points at: the Swift tokens' scratch array and the C
/// array handed out, both kept between calls so that a reused result allocates nothing.
final class TokenStorage {
    var scratch: [Token] = []
    var buffer: UnsafeMutablePointer<segtool_token>?
    var capacity = 0

    deinit { buffer?.deallocate() }

    /// Room for `count` C tokens (grown by doubling; old contents are not kept).
    func reserve(_ count: Int) -> UnsafeMutablePointer<segtool_token> {
        if let buffer, capacity >= count { return buffer }
        buffer?.deallocate()
        capacity = max(count, capacity * 2, 16)
        let fresh = UnsafeMutablePointer<segtool_token>.allocate(capacity: capacity)
        buffer = fresh
        return fresh
    }

    /// The storage of a result struct, made on first use. Safe because: `internal_` is only
    /// ever set here (a retained TokenStorage) and cleared by segtool_tokens_free.
    static func of(_ tokens: UnsafeMutablePointer<segtool_tokens>) -> TokenStorage {
        if let raw = tokens.pointee.internal_ {
            return Unmanaged<TokenStorage>.fromOpaque(raw).takeUnretainedValue()
        }
        let storage = TokenStorage()
        tokens.pointee.internal_ = Unmanaged.passRetained(storage).toOpaque()
        return storage
    }
}

/// `segtool_tokens_free` of segtool.h (see the header for the contract).
@_cdecl("segtool_tokens_free")
public func segtool_tokens_free_impl(_ tokens: UnsafeMutablePointer<segtool_tokens>?) {
    guard let tokens else { return }
    if let raw = tokens.pointee.internal_ {
        Unmanaged<TokenStorage>.fromOpaque(raw).release()
    }
    tokens.pointee = segtool_tokens(tokens: nil, count: 0, internal_: nil)
}

/// `segtool_segment` of segtool.h (see the header for the contract).
@_cdecl("segtool_segment")
public func segtool_segment_impl(
    _ segmenter: OpaquePointer?, _ text: UnsafePointer<CChar>?, _ length: Int, _ mode: UInt32,
    _ out: UnsafeMutablePointer<segtool_tokens>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<segtool_error>?>?
) -> segtool_status {
    if let out {
        out.pointee.count = 0
    }
    return reporting(error) { () throws(CAPIError) in
        guard let out else { throw .invalidArgument("out is NULL") }
        let handle = try SegmenterHandle.from(segmenter)
        let swiftMode = try segmenterMode(mode)
        let bytes = try textBuffer(text, length)
        let storage = TokenStorage.of(out)
        storage.scratch.removeAll(keepingCapacity: true)
        do throws(SegmenterError) {
            try handle.snapshot.segment(utf8: bytes, mode: swiftMode, into: &storage.scratch)
        } catch {
            storage.scratch.removeAll(keepingCapacity: true)
            out.pointee.tokens = storage.buffer
            throw CAPIError(error)
        }
        let count = storage.scratch.count
        let buffer = storage.reserve(count)
        storage.scratch.withUnsafeBufferPointer { tokens in
            for i in 0..<count {
                let t = tokens[i]
                (buffer + i).initialize(to: segtool_token(
                    byte_start: UInt64(t.utf8Range.lowerBound), byte_end: UInt64(t.utf8Range.upperBound),
                    char_start: UInt64(t.scalarRange.lowerBound), char_end: UInt64(t.scalarRange.upperBound),
                    kind: t.kind.rawValue, source: t.source.rawValue, is_subword: t.isSubword ? 1 : 0, reserved_: (0, 0, 0, 0, 0)))
            }
        }
        out.pointee.tokens = count == 0 ? nil : buffer
        out.pointee.count = count
    }
}

/// The segmenter's mode for a `segtool_mode` value from C.
func segmenterMode(_ mode: UInt32) throws(CAPIError) -> Segmenter.Mode {
    switch mode {
    case SEGTOOL_MODE_PRECISE.rawValue: return .precise
    case SEGTOOL_MODE_SEARCH.rawValue: return .search
    default: throw .invalidArgument("unknown mode \(mode)")
    }
}
