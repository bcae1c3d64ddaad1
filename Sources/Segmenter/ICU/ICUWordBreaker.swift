// The only file that calls ICU. It must not import Foundation: Foundation on Linux carries its
// own ICU with clashing C type names (see ARCHITECTURE.md, "ICU on Linux").
@_implementationOnly import CICU

/// A word break iterator of the system ICU, opened once; `Cursor`s are cheap clones of it.
///
/// ICU break iterators are not thread-safe, but `ubrk_clone` shares the (large) dictionary
/// data and costs well under a microsecond, so every `Cursor` owns its clone and is used by
/// one thread at a time (the segmenter keeps a pool of them).
final class ICUWordBreaker: @unchecked Sendable {
    // Safe because: the template iterator is never used to iterate, only cloned, and
    // ubrk_clone of a shared iterator is documented as thread-safe for const use.
    private let template: OpaquePointer

    /// Opens ICU's word break iterator for Chinese.
    /// - Throws: `SegmenterError.icu` when ICU cannot open it (missing data).
    init() throws(SegmenterError) {
        var status = U_ZERO_ERROR
        guard let bi = cicu_ubrk_open_word("zh", &status), status.rawValue <= 0 else {
            throw .icu(code: Int(status.rawValue), what: "ubrk_open(UBRK_WORD, \"zh\")")
        }
        template = bi
    }

    deinit { cicu_ubrk_close(template) }

    /// Makes a new cursor: a clone of the iterator for one thread at a time.
    func makeCursor() throws(SegmenterError) -> Cursor {
        var status = U_ZERO_ERROR
        guard let clone = cicu_ubrk_clone(template, &status), status.rawValue <= 0 else {
            throw .icu(code: Int(status.rawValue), what: "ubrk_clone")
        }
        return Cursor(iterator: clone)
    }

    /// One cloned ICU iterator. Not thread-safe: one user at a time.
    final class Cursor {
        private let iterator: OpaquePointer
        fileprivate init(iterator: OpaquePointer) { self.iterator = iterator }
        deinit { cicu_ubrk_close(iterator) }

        /// Appends ICU's word boundaries over `utf16` (UTF-16 offsets, the final one included,
        /// the initial 0 not).
        ///
        /// - Returns: false when ICU reported an error (the caller then treats the text as one
        ///   segment per scalar run); never traps on any input.
        func breaks(
            _ utf16: UnsafeBufferPointer<UInt16>,
            ends: inout [Int32]
        ) -> Bool {
            guard let base = utf16.baseAddress, utf16.count > 0, utf16.count <= Int(Int32.max) else {
                return utf16.isEmpty
            }
            var status = U_ZERO_ERROR
            // Safe because: ICU reads `utf16` only until the next setText; we finish iterating
            // before returning, and the caller keeps the buffer alive for this call.
            cicu_ubrk_setText(iterator, base, Int32(utf16.count), &status)
            guard status.rawValue <= 0 else { return false }
            let done = cicu_done()
            _ = cicu_ubrk_first(iterator)
            var next = cicu_ubrk_next(iterator)
            while next != done {
                ends.append(next)
                next = cicu_ubrk_next(iterator)
            }
            // Detach the text so the iterator holds no pointer into the caller's buffer.
            var status2 = U_ZERO_ERROR
            cicu_ubrk_setText(iterator, nil, 0, &status2)
            return true
        }
    }
}
