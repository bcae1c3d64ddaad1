import ArgumentParser
import Dispatch
import Segmenter

extension Segmenter.Mode: ExpressibleByArgument {}

/// `segtool segment`: one output line per input line, tokens separated by a delimiter.
struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Segment text into words: one output line per input line.",
        discussion: """
            Reads the files in order (standard input when none is given, or for `-`) and writes \
            one line per input line. Whitespace tokens are dropped. With --format json, each line \
            is a JSON object: {"line":N,"tokens":[{"text","start","end","kind","source"}]}, where \
            start and end are UTF-8 byte offsets within the line (the input's, also with --lossy); \
            in search mode the parts of a long word follow it with "subword":true; with several \
            inputs each object starts with "file":NAME.
            """)

    @Argument(help: "Input files (UTF-8). Standard input when none is given.")
    var files: [String] = []

    @Option(help: "precise: one token sequence; search: also the parts of long words.")
    var mode: Segmenter.Mode = .precise

    @Option(help: "The separator between tokens in text output.")
    var delimiter: String = " "

    @Option(help: "Output format: text or json (JSON Lines).")
    var format: OutputFormat = .text

    @Flag(help: "Replace invalid UTF-8 with U+FFFD instead of stopping with an error.")
    var lossy = false

    @Option(help: "Worker threads (output stays in input order).")
    var threads: Int = 1

    @OptionGroup var dictionaryOptions: DictionaryOptions

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be between 1 and 256") }
    }

    func run() throws {
        try reportingErrors {
            let segmenter = try dictionaryOptions.makeSegmenter()
            let inputs = files.isEmpty ? [InputFile(path: nil)] : files.map { InputFile(path: $0 == "-" ? nil : $0) }
            var failed = false
            var writer = SegmentWriter(format: format, delimiter: delimiter, mode: mode)
            for input in inputs {
                writer.file = inputs.count > 1 ? input.displayName : nil
                do {
                    try segmentFile(input, segmenter: segmenter, writer: &writer)
                } catch let error as CLIError {
                    writer.output.flush()
                    Diagnostics.error(error.description)
                    failed = true
                }
            }
            writer.output.flush()
            if failed { throw ExitCode(1) }
        }
    }

    private func segmentFile(_ input: InputFile, segmenter: Segmenter, writer: inout SegmentWriter) throws {
        let fd = try input.open()
        defer { if fd != 0 { _ = closeFD(fd) } }
        let reader = LineReader(fd: fd, name: input.displayName)
        var progress = Progress(total: input.size(fd: fd), label: input.displayName)
        var sawInput = false
        // With threads, batch k+1 is segmented in the background while batch k is written and
        // the next block read, so the cores do not wait on the (serial) reading and writing.
        var inFlight: (job: BatchJob, pieces: [(LinePiece, Range<Int>)], done: DispatchGroup)?
        defer { inFlight?.done.wait() }
        func finish(_ job: BatchJob, _ pieces: [(LinePiece, Range<Int>)]) throws {
            let bytes = job.bytes
            for (index, (piece, range)) in pieces.enumerated() {
                let result = job.results[index]
                if let bad = result.invalidOffset {
                    let offset = piece.lineOffset + piece.offsetInLine + bad
                    let byte = bytes[range.lowerBound + bad]
                    throw CLIError("\(input.displayName):\(piece.line): invalid UTF-8 at byte offset \(offset) (byte 0x\(String(byte, radix: 16, uppercase: true))); use --lossy to replace it")
                }
                if let repaired = result.repaired {
                    repaired.bytes.withUnsafeBufferPointer { writer.write(piece, $0, result.tokens, inputOffsets: repaired.inputOffsets) }
                } else {
                    writer.write(piece, UnsafeBufferPointer(rebasing: bytes[range]), result.tokens)
                }
                writer.output.flushIfLarge()
            }
        }
        func finishInFlight() throws {
            guard let previous = inFlight else { return }
            inFlight = nil
            previous.done.wait()
            try finish(previous.job, previous.pieces)
        }
        try reader.forEachBatch { bytes, pieces in
            sawInput = true
            if threads == 1 || pieces.count < 2 {
                try finishInFlight()  // in order: a batch still in flight is written first
                let job = BatchJob(bytes: bytes, ranges: pieces.map(\.1), segmenter: segmenter, mode: mode, lossy: lossy)
                job.run(part: 0, of: 1)
                try finish(job, pieces)
            } else {
                // The job keeps its own copy of the batch: the reader reuses its buffer.
                let job = BatchJob(copying: bytes, ranges: pieces.map(\.1), segmenter: segmenter, mode: mode, lossy: lossy)
                let done = DispatchGroup()
                done.enter()
                let parts = min(threads * 4, pieces.count)
                DispatchQueue.global().async {
                    DispatchQueue.concurrentPerform(iterations: parts) { p in job.run(part: p, of: parts) }
                    done.leave()
                }
                if let previous = inFlight {
                    inFlight = nil
                    previous.done.wait()
                    inFlight = (job, pieces, done)
                    try finish(previous.job, previous.pieces)
                } else {
                    inFlight = (job, pieces, done)
                }
            }
            progress.update(reader.bytesRead)
        }
        try finishInFlight()
        progress.finish()
        if !sawInput {
            Diagnostics.warning("\(input.displayName): empty input")
        }
    }

    struct PieceResult {
        var tokens: [Token] = []
        var invalidOffset: Int?
        /// With --lossy, the piece with invalid UTF-8 replaced by U+FFFD: its bytes, and for
        /// each of its byte offsets (and its end) the offset in the input piece.
        var repaired: (bytes: [UInt8], inputOffsets: [Int])?
    }
}

/// One batch of pieces to segment, shared by the threads that work on it.
///
/// `@unchecked Sendable`: `bytes` stays alive and unchanged for the whole job (the caller
/// waits for it), and each thread writes only the result slots of its own part.
final class BatchJob: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The batch's own copy of its bytes, when it outlives the reader's buffer (`bytes`
    /// points into it then).
    private let owned: UnsafeMutableBufferPointer<UInt8>?
    let ranges: [Range<Int>]
    let segmenter: Segmenter
    let mode: Segmenter.Mode
    let lossy: Bool
    var results: [Segment.PieceResult]

    /// A job over `bytes`, which the caller keeps alive and unchanged until the job is done.
    convenience init(bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], segmenter: Segmenter, mode: Segmenter.Mode, lossy: Bool) {
        self.init(bytes: bytes, owned: nil, ranges: ranges, segmenter: segmenter, mode: mode, lossy: lossy)
    }

    /// A job over a copy of `bytes`, which the caller may then reuse.
    convenience init(copying bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], segmenter: Segmenter, mode: Segmenter.Mode, lossy: Bool) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = copy.initialize(from: bytes)
        self.init(bytes: UnsafeBufferPointer(rebasing: UnsafeBufferPointer(copy)[0..<bytes.count]), owned: copy,
                  ranges: ranges, segmenter: segmenter, mode: mode, lossy: lossy)
    }

    private init(
        bytes: UnsafeBufferPointer<UInt8>, owned: UnsafeMutableBufferPointer<UInt8>?, ranges: [Range<Int>],
        segmenter: Segmenter, mode: Segmenter.Mode, lossy: Bool
    ) {
        self.bytes = bytes
        self.owned = owned
        self.ranges = ranges
        self.segmenter = segmenter
        self.mode = mode
        self.lossy = lossy
        self.results = Array(repeating: .init(), count: ranges.count)
    }

    deinit { owned?.deallocate() }

    func run(part: Int, of parts: Int) {
        let per = (ranges.count + parts - 1) / parts
        let lower = part * per, upper = min(ranges.count, lower + per)
        guard lower < upper else { return }
        results.withUnsafeMutableBufferPointer { slots in
            for i in lower..<upper { slots[i] = one(ranges[i]) }
        }
    }

    private func one(_ range: Range<Int>) -> Segment.PieceResult {
        var result = Segment.PieceResult()
        let piece = UnsafeBufferPointer(rebasing: bytes[range])
        do {
            try segmenter.segment(utf8: piece, mode: mode, into: &result.tokens)
        } catch {
            guard case .invalidUTF8(let offset) = error else { return result }
            guard lossy else {
                result.invalidOffset = offset
                return result
            }
            let repaired = Self.repair(piece)
            result.tokens.removeAll()
            repaired.bytes.withUnsafeBufferPointer { buf in
                _ = try? segmenter.segment(utf8: buf, mode: mode, into: &result.tokens)
            }
            result.repaired = repaired
        }
        return result
    }

    /// `bytes` with each maximal invalid UTF-8 sequence replaced by U+FFFD (as
    /// `String(decoding:as:)` does), and for each byte of the result (and its end) the offset
    /// of the input byte it comes from, so that offsets can be reported into the input.
    static func repair(_ bytes: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], inputOffsets: [Int]) {
        var out: [UInt8] = []
        var offsets: [Int] = []
        out.reserveCapacity(bytes.count + 8)
        offsets.reserveCapacity(bytes.count + 9)
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var at = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                for (k, byte) in scalar.enumerated() {
                    out.append(byte)
                    offsets.append(at + k)
                }
                at += scalar.count
            case .error(let length):
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                offsets.append(contentsOf: [at, at, at])
                at += length
            case .emptyInput:
                break loop
            }
        }
        offsets.append(at)
        return (out, offsets)
    }
}

/// Formats tokens as text or JSON Lines, piece by piece.
struct SegmentWriter {
    let format: Segment.OutputFormat
    let delimiter: [UInt8]
    let mode: Segmenter.Mode
    var output = OutputBuffer()
    /// The input's name, written into each JSON line when there are several inputs.
    var file: String?
    private var lineHasTokens = false

    init(format: Segment.OutputFormat, delimiter: String, mode: Segmenter.Mode) {
        self.format = format
        self.delimiter = Array(delimiter.utf8)
        self.mode = mode
    }

    /// Writes the tokens of one piece; `inputOffsets` maps offsets in `bytes` to offsets in
    /// the input when `bytes` is a repaired copy (--lossy).
    mutating func write(_ piece: LinePiece, _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], inputOffsets: [Int]? = nil) {
        if piece.startsLine {
            lineHasTokens = false
            if format == .json {
                if let file {
                    output.append("{\"file\":")
                    output.append(jsonString(file))
                    output.append(",\"line\":")
                } else {
                    output.append("{\"line\":")
                }
                output.append(piece.line)
                output.append(",\"tokens\":[")
            }
        }
        if format == .text {
            // The hot path: room for every token and a delimiter before each made at once
            // (zeros) and written through a pointer, then cut to what was written (two
            // `append(contentsOf:)` calls per token cost ~15% of `segment`'s instructions).
            var out = output.bytes
            output.bytes = []
            let start = out.count
            var room = 0
            for token in tokens { room += token.utf8Range.count + delimiter.count }  // search mode's parts overlap
            out.append(contentsOf: repeatElement(0, count: room))
            var hasTokens = lineHasTokens
            let written = out.withUnsafeMutableBufferPointer { out in
                delimiter.withUnsafeBufferPointer { delimiter in
                    // Safe because: `room` counts every token's bytes and a delimiter for each.
                    var w = start
                    for token in tokens where token.kind != .whitespace {
                        if hasTokens {
                            for b in delimiter {
                                out[w] = b
                                w += 1
                            }
                        }
                        for i in token.utf8Range {
                            out[w] = bytes[i]
                            w += 1
                        }
                        hasTokens = true
                    }
                    return w
                }
            }
            out.removeSubrange(written...)
            lineHasTokens = hasTokens
            output.bytes = out
        }
        for token in tokens where token.kind != .whitespace && format == .json {
            let text = UnsafeBufferPointer(rebasing: bytes[token.utf8Range])
            switch format {
            case .text:
                break
            case .json:
                if lineHasTokens { output.append(",") }
                output.append("{\"text\":\"")
                output.appendJSONEscaped(text)
                output.append("\",\"start\":")
                output.append(piece.offsetInLine + (inputOffsets?[token.utf8Range.lowerBound] ?? token.utf8Range.lowerBound))
                output.append(",\"end\":")
                output.append(piece.offsetInLine + (inputOffsets?[token.utf8Range.upperBound] ?? token.utf8Range.upperBound))
                output.append(",\"kind\":\"")
                output.append(token.kind.description)
                output.append("\",\"source\":\"")
                output.append(token.source.description)
                output.append("\"")
                if token.isSubword { output.append(",\"subword\":true") }
                output.append("}")
            }
            lineHasTokens = true
        }
        if piece.endsLine {
            if format == .json { output.append("]}") }
            output.append("\n")
        }
    }
}
