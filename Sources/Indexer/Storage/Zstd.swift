import CZstd
import Synchronization

/// zstd compression of stored-text blocks with a dictionary trained on the segment's own
/// texts (small blocks of Chinese compress to ~0.37× with it, ~0.5× without). The only file
/// that calls zstd: every pointer below lives inside one call.
enum Zstd {
    /// The compression level: with the segment's dictionary (112 KiB), 16 KiB blocks of
    /// Chinese news compress to ~0.39× at level 6 (level 4 with a 512 KiB dictionary: ~0.41×,
    /// no faster: a large dictionary's tables are loaded per block).
    static let level: Int32 = 6

    /// A dictionary trained on samples of `data` (the texts of a segment), at most `capacity`
    /// bytes; empty when there is too little to train on (blocks are then compressed without).
    /// Trained with fastCover at fixed parameters (segments of k = 100 bytes, d = 6-byte
    /// matches, 2¹⁸ hash entries): ~3× faster than `ZDICT_trainFromBuffer`'s default (which
    /// searches k and d), and on this corpus's texts blocks compress ~2% smaller with it.
    static func trainDictionary(_ data: [UInt8], sampleSizes: [Int], capacity: Int) -> [UInt8] {
        guard sampleSizes.count >= 8, data.count >= 64 << 10, capacity >= 1024 else { return [] }
        var parameters = ZDICT_fastCover_params_t()
        parameters.k = 100
        parameters.d = 6
        parameters.f = 18
        parameters.steps = 0
        parameters.accel = 1
        parameters.splitPoint = 1.0
        parameters.zParams.compressionLevel = level
        var dictionary = ByteWriter()
        // Safe because: zstd writes at most `capacity` bytes to the target and returns how many
        // (or an error code, refused); `data` and `sampleSizes` are passed as pointers valid for
        // the call, and the sizes sum to at most data.count (the caller's samples are pieces of
        // data laid end to end).
        let written = dictionary.appendUnsafe(capacity: capacity) { out in
            let n = ZDICT_trainFromBuffer_fastCover(out.baseAddress, out.count, data, sampleSizes, UInt32(sampleSizes.count), parameters)
            return ZDICT_isError(n) == 0 ? n : nil
        }
        return written == nil ? [] : dictionary.bytes
    }

    /// A compressor with a prepared dictionary; one thread at a time.
    final class Compressor {
        private let context: OpaquePointer
        private let dictionary: OpaquePointer?

        init?(dictionary bytes: [UInt8]) {
            guard let context = ZSTD_createCCtx() else { return nil }
            self.context = context
            // Safe because: the array is passed as a pointer valid for the call, and zstd
            // copies the dictionary bytes into its own object.
            dictionary = bytes.isEmpty ? nil : ZSTD_createCDict(bytes, bytes.count, Zstd.level)
        }

        deinit {
            ZSTD_freeCCtx(context)
            if let dictionary { ZSTD_freeCDict(dictionary) }
        }

        /// Appends the compressed form of `input[range]` to `output`.
        /// - Returns: the number of bytes appended; nil on a zstd error (nothing appended).
        func compress(_ input: ByteWriter, _ range: Range<Int>, appendingTo output: inout ByteWriter) -> Int? {
            input.withUnsafeBytes(range) { compress($0, appendingTo: &output) }
        }

        /// Appends the compressed form of `input` to `output`; nil on a zstd error.
        func compress(_ input: [UInt8], appendingTo output: inout ByteWriter) -> Int? {
            compress(ByteWriter(bytes: input), 0..<input.count, appendingTo: &output)
        }

        private func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout ByteWriter) -> Int? {
            output.appendUnsafe(capacity: ZSTD_compressBound(input.count)) { target in
                // Safe because: target has ZSTD_compressBound(input.count) writable bytes (all
                // zstd may write), input is valid for the call.
                let written = if let dictionary {
                    ZSTD_compress_usingCDict(context, target.baseAddress, target.count, input.baseAddress, input.count, dictionary)
                } else {
                    ZSTD_compressCCtx(context, target.baseAddress, target.count, input.baseAddress, input.count, Zstd.level)
                }
                return ZSTD_isError(written) == 0 ? written : nil
            }
        }
    }

    /// A decompressor with a dictionary, usable from many threads (each call takes a context
    /// from a small pool). The dictionary is prepared on first use, so opening costs nothing.
    final class Decompressor: @unchecked Sendable {
        // @unchecked Sendable: the dictionary bytes are read-only and held with their owner;
        // contexts and the prepared dictionary are handed out under the mutex.
        private let dictionaryBytes: OwnedBytes
        private let state = Mutex<State>(State())

        private struct State: ~Copyable {
            var contexts: [Context] = []
            var dictionary: Prepared?
        }

        /// A decompression context, owned: freed with its wrapper.
        private final class Context: @unchecked Sendable {
            // @unchecked Sendable: used by one call at a time (handed out under the lock).
            let pointer: OpaquePointer
            init?() {
                guard let p = ZSTD_createDCtx() else { return nil }
                pointer = p
            }
            deinit { ZSTD_freeDCtx(pointer) }
        }

        /// A prepared dictionary, owned: freed with its wrapper.
        private final class Prepared: @unchecked Sendable {
            // @unchecked Sendable: read-only once made; zstd allows concurrent use of a DDict.
            let pointer: OpaquePointer
            init?(_ bytes: OwnedBytes) {
                // Safe because: the bytes are valid for the call, and zstd copies the
                // dictionary into its own object.
                guard let p = bytes.withUnsafeBytes({ ZSTD_createDDict($0.baseAddress, $0.count) }) else { return nil }
                pointer = p
            }
            deinit { ZSTD_freeDDict(pointer) }
        }

        /// A decompressor with the dictionary `bytes` (held: a slice of a mapped store).
        init(dictionary bytes: OwnedBytes) {
            dictionaryBytes = bytes
        }

        /// Whether `input` starts a zstd frame whose header declares exactly `rawLength` bytes of
        /// content (this project's compressor always writes the size). Checked before any memory
        /// is set aside for a length read from a file: a block table whose length disagrees with
        /// its frame (a damaged or hostile file) costs nothing, where it would otherwise make
        /// every read of the block allocate and clear up to 2 GiB.
        static func declares(_ input: OwnedBytes, rawLength: Int) -> Bool {
            guard rawLength >= 0, rawLength <= 1 << 31 else { return false }
            // ZSTD_CONTENTSIZE_UNKNOWN and _ERROR are the two largest UInt64s: never a length here.
            return input.withUnsafeBytes { input in
                guard let base = input.baseAddress else { return false }
                return ZSTD_getFrameContentSize(base, input.count) == UInt64(rawLength)
            }
        }

        /// Decompresses `input` (compressed without a dictionary), which must give exactly
        /// `rawLength` bytes; nil otherwise.
        func decompressPlain(_ input: OwnedBytes, rawLength: Int) -> OwnedBytes? {
            guard Self.declares(input, rawLength: rawLength), let context = Context() else { return nil }
            return Self.decompress(input, rawLength: rawLength, context: context, dictionary: nil)
        }

        /// Decompresses `input`, which must give exactly `rawLength` bytes; nil otherwise.
        func decompress(_ input: OwnedBytes, rawLength: Int) -> OwnedBytes? {
            guard Self.declares(input, rawLength: rawLength) else { return nil }
            let bytes = dictionaryBytes
            let taken: (Context, Prepared?)? = state.withLock { state in
                if state.dictionary == nil && !bytes.isEmpty { state.dictionary = Prepared(bytes) }
                guard let context = state.contexts.popLast() ?? Context() else { return nil }
                return (context, state.dictionary)
            }
            guard let (context, dictionary) = taken, bytes.isEmpty || dictionary != nil else { return nil }
            defer { state.withLock { if $0.contexts.count < 8 { $0.contexts.append(context) } } }
            return Self.decompress(input, rawLength: rawLength, context: context, dictionary: dictionary)
        }

        /// `input` decompressed into memory of its own, with `dictionary` when given; nil
        /// unless it gives exactly `rawLength` bytes.
        private static func decompress(_ input: OwnedBytes, rawLength: Int, context: Context, dictionary: Prepared?) -> OwnedBytes? {
            let output = OwnedBuffer<UInt8>(repeating: 0, count: rawLength)
            let written = output.withUnsafeMutableBytes { out in
                input.withUnsafeBytes { input in
                    // Safe because: out has rawLength writable bytes; zstd never writes past
                    // its capacity and reports an error for data that would.
                    if let dictionary {
                        return ZSTD_decompress_usingDDict(context.pointer, out.baseAddress, out.count, input.baseAddress, input.count, dictionary.pointer)
                    }
                    return ZSTD_decompressDCtx(context.pointer, out.baseAddress, out.count, input.baseAddress, input.count)
                }
            }
            guard ZSTD_isError(written) == 0, written == rawLength else { return nil }
            return OwnedBytes(output)
        }
    }
}
