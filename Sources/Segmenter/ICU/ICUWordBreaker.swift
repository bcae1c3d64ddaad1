// The only file that calls ICU. It must not import Foundation: Foundation on Linux carries its
// own ICU with clashing C type names (see ARCHITECTURE.md, "ICU on Linux").
@_implementationOnly import CICU
@_implementationOnly import CICUDictionary

/// A word break iterator of the system ICU, opened once; `Cursor`s are cheap clones of it.
///
/// ICU break iterators are not thread-safe, but `ubrk_clone` shares the (large) dictionary
/// data and costs well under a microsecond, so every `Cursor` owns its clone and is used by
/// one thread at a time (the segmenter keeps a pool of them).
final class ICUWordBreaker: @unchecked Sendable {
    // Safe because: the template iterator is never used to iterate, only cloned, and
    // ubrk_clone of a shared iterator is documented as thread-safe for const use.
    private let template: OpaquePointer
    // ICU's CJK dictionary read directly (CICUDictionary), shared by the process; nil for
    // ICU alone, or when it is unavailable or disagreed with ICU on its check.
    private let dictionary: OpaquePointer?

    /// Opens ICU's word break iterator for Chinese.
    /// - Parameter direct: whether runs of ideographs are divided with ICU's dictionary
    ///   and algorithm directly (the same word ends, about three times as fast) rather than
    ///   by ICU's iterator itself. False for the ICU-alone baseline.
    /// - Throws: `SegmenterError.icu` when ICU cannot open it (missing data).
    init(direct: Bool = true) throws(SegmenterError) {
        var status = U_ZERO_ERROR
        guard let bi = cicu_ubrk_open_word("zh", &status), status.rawValue <= 0 else {
            throw .icu(code: Int(status.rawValue), what: "ubrk_open(UBRK_WORD, \"zh\")")
        }
        template = bi
        dictionary = direct ? segtool_icu_dictionary_shared(UnsafeRawPointer(bi)) : nil
    }

    /// Blocks of huge-page memory ICU's direct division holds (its shared table and each
    /// cursor's pair cache), for tests that a dropped segmenter gives its memory back.
    package static var liveHugePageBlocks: Int { segtool_icu_live_blocks() }

    /// Whether runs of ideographs are divided directly (see `init(direct:)`).
    var isDirect: Bool { dictionary != nil }

    deinit { cicu_ubrk_close(template) }

    /// Makes a new cursor: a clone of the iterator for one thread at a time.
    func makeCursor() throws(SegmenterError) -> Cursor {
        var status = U_ZERO_ERROR
        guard let clone = cicu_ubrk_clone(template, &status), status.rawValue <= 0 else {
            throw .icu(code: Int(status.rawValue), what: "ubrk_clone")
        }
        return Cursor(iterator: clone, dictionary: dictionary)
    }

    /// One cloned ICU iterator. Not thread-safe: one user at a time.
    final class Cursor {
        private let iterator: OpaquePointer
        private let dictionary: OpaquePointer?
        private let scratch: OpaquePointer?

        fileprivate init(iterator: OpaquePointer, dictionary: OpaquePointer?) {
            self.iterator = iterator
            self.dictionary = dictionary
            self.scratch = dictionary == nil ? nil : segtool_icu_scratch_new()
        }

        deinit {
            cicu_ubrk_close(iterator)
            if let scratch { segtool_icu_scratch_free(scratch) }
        }

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
            if let dictionary, let scratch {
                var found: UnsafePointer<Int32>? = nil
                // Safe because: the C++ side reads `utf16` only during the call, detaches the
                // iterator from it before returning, and `found` points into `scratch`, which
                // this cursor alone uses, until its next call.
                let count = segtool_icu_breaks(
                    dictionary, scratch, UnsafeMutableRawPointer(iterator), base, Int32(utf16.count), &found)
                guard count >= 0, let found else { return false }
                ends.append(contentsOf: UnsafeBufferPointer(start: found, count: Int(count)))
                return true
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

        /// Whether ICU takes the two ideographs `first` `second` as one word, answered from the
        /// dictionary directly (its tables, no division); nil when either is not a common
        /// ideograph, or for ICU alone (then ask `isOneWord`).
        func isPairWord(_ first: UInt32, _ second: UInt32) -> Bool? {
            guard let dictionary, let scratch, first < 0x10000, second < 0x10000 else { return nil }
            switch segtool_icu_is_pair_word(dictionary, scratch, UInt16(first), UInt16(second)) {
            case 1: return true
            case 0: return false
            default: return nil
            }
        }

        /// False when ICU certainly does not take the three ideographs as one word (its
        /// dictionary holds no such word: read from the first character's table entry and the
        /// pair cache, no trie step); true when it may; nil when any is not a common ideograph
        /// or for ICU alone (then ask `isOneWord`).
        func mayBeTripleWord(_ first: UInt32, _ second: UInt32, _ third: UInt32) -> Bool? {
            guard let dictionary, let scratch, first < 0x10000, second < 0x10000, third < 0x10000 else { return nil }
            switch segtool_icu_may_be_triple_word(dictionary, scratch, UInt16(first), UInt16(second), UInt16(third)) {
            case 1: return true
            case 0: return false
            default: return nil
            }
        }

        /// Whether ICU takes the whole of `utf16` as one word: answered from the dictionary
        /// directly when the text is made of common ideographs alone, else by ICU.
        func isOneWord(_ utf16: UnsafeBufferPointer<UInt16>, scratchEnds: inout [Int32]) -> Bool {
            if let dictionary, let scratch, let base = utf16.baseAddress, utf16.count <= Int(Int32.max) {
                switch segtool_icu_is_one_word(dictionary, scratch, base, Int32(utf16.count)) {
                case 1: return true
                case 0: return false
                default: break
                }
            }
            scratchEnds.removeAll(keepingCapacity: true)
            return breaks(utf16, ends: &scratchEnds) && scratchEnds.count == 1
        }
    }
}
