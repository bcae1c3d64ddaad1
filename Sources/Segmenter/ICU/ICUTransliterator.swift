// Calls ICU's transliterator (libicui18n). Like ICUWordBreaker.swift, it must not import
// Foundation, and no ICU type leaves this file (see ARCHITECTURE.md, "ICU on Linux").
@_implementationOnly import CICU
import Synchronization

/// A transliterator of the system ICU (such as "Hant-Hans"), or of rules given in ICU's syntax.
///
/// ICU's rule-based transliterators serialize their work on a process-wide lock of their own;
/// this one also takes its own lock around each call, so one instance is shared by threads.
/// It is slow (~5 MB/s on Chinese) and meant for short runs of text: `TraditionalFolding`
/// calls it on single characters and on the rare runs where a rule of several characters
/// applies.
final class ICUTransliterator: Sendable {
    // Safe because: the pointer is created once, used only under `lock`, closed in deinit.
    private let handle: Mutex<TransliteratorHandle>

    /// The transliterator `id` of the system ICU, or, with `rules`, a transliterator of those
    /// rules (ICU's rule syntax) named `id`.
    /// - Throws: `SegmenterError.icu` when ICU has no such transliterator or the rules do not parse.
    init(id: String, rules: String? = nil) throws(SegmenterError) {
        var status = U_ZERO_ERROR
        let idUnits = Array(id.utf16)
        let ruleUnits = rules.map { Array($0.utf16) }
        let opened: UnsafeMutableRawPointer? = idUnits.withUnsafeBufferPointer { idBuffer in
            if let ruleUnits {
                return ruleUnits.withUnsafeBufferPointer { ruleBuffer in
                    cicu_utrans_open(idBuffer.baseAddress, Int32(idBuffer.count), ruleBuffer.baseAddress,
                                     Int32(ruleBuffer.count), &status)
                }
            }
            return cicu_utrans_open(idBuffer.baseAddress, Int32(idBuffer.count), nil, 0, &status)
        }
        guard let opened, status.rawValue <= 0 else {
            if let opened { cicu_utrans_close(opened) }
            throw .icu(code: Int(status.rawValue), what: "utrans_openU(\"\(id)\")")
        }
        handle = Mutex(TransliteratorHandle(pointer: opened))
    }

    deinit {
        handle.withLock { cicu_utrans_close($0.pointer) }
    }

    /// The transliterator's rules in ICU's syntax (for a compound or filtered one, its
    /// `::` steps and filter too); nil when ICU cannot give them.
    func rules() -> String? {
        handle.withLock { h -> String? in
            var status = U_ZERO_ERROR
            let needed = cicu_utrans_toRules(h.pointer, nil, 0, &status)
            guard needed > 0 else { return nil }
            var buffer = [UInt16](repeating: 0, count: Int(needed) + 1)
            status = U_ZERO_ERROR
            let written = buffer.withUnsafeMutableBufferPointer { cicu_utrans_toRules(h.pointer, $0.baseAddress, Int32($0.count), &status) }
            guard status.rawValue <= 0, written == needed else { return nil }
            return String(decoding: buffer[0..<Int(written)], as: UTF16.self)
        }
    }

    /// Transliterates UTF-16 text. - Returns: the result, or nil when ICU failed.
    func transliterate(_ text: [UInt16]) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        guard text.count < Int(Int32.max) / 4 else { return nil }
        return handle.withLock { h -> [UInt16]? in
            var capacity = text.count * 2 + 16
            // At most twice: the first call says how long the result is when it does not fit.
            for _ in 0..<2 {
                var buffer = text + [UInt16](repeating: 0, count: capacity - text.count)
                var length = Int32(text.count), limit = Int32(text.count)
                var status = U_ZERO_ERROR
                buffer.withUnsafeMutableBufferPointer {
                    cicu_utrans_transUChars(h.pointer, $0.baseAddress, &length, Int32(capacity), &limit, &status)
                }
                if status == U_BUFFER_OVERFLOW_ERROR && Int(length) > capacity && Int(length) < Int(Int32.max) / 2 {
                    capacity = Int(length) + 16
                    continue
                }
                guard status.rawValue <= 0, length >= 0, Int(length) <= capacity else { return nil }
                buffer.removeLast(capacity - Int(length))
                return buffer
            }
            return nil
        }
    }
}

/// The transliterator's pointer, owned by `ICUTransliterator` and used under its lock.
struct TransliteratorHandle: @unchecked Sendable {
    // Safe because: only `ICUTransliterator` holds one, and it uses it under its mutex.
    let pointer: UnsafeMutableRawPointer
}
