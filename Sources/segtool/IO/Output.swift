#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A byte buffer for standard output, written in large blocks.
struct OutputBuffer {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 17) }

    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ s: String) {
        var copy = s
        copy.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ buf: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buf) }

    mutating func append(_ n: Int) { append(String(n)) }

    /// Appends `buf` as the contents of a JSON string (without the quotes).
    mutating func appendJSONEscaped(_ buf: UnsafeBufferPointer<UInt8>) {
        for b in buf {
            switch b {
            case 0x22: append("\\\"")
            case 0x5C: append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
    }

    /// Writes everything to standard output and empties the buffer.
    mutating func flush() {
        guard !bytes.isEmpty else { return }
        let failure = bytes.withUnsafeBufferPointer { writeAll(1, $0) }
        if failure != 0 { standardOutputFailed(failure) }
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func flushIfLarge() {
        if bytes.count >= 1 << 16 { flush() }
    }
}

/// Writes all of `buf` to file descriptor `fd`, retrying short writes and EINTR.
/// - Returns: 0, or the `errno` of the write that failed (the rest is not written).
@discardableResult
func writeAll(_ fd: Int32, _ buf: UnsafeBufferPointer<UInt8>) -> Int32 {
    guard let base = buf.baseAddress else { return 0 }
    var done = 0
    while done < buf.count {
        let n = write(fd, base + done, buf.count - done)
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        done += n
    }
    return 0
}

/// Ends the process when standard output cannot be written: a full disk or a failing device
/// is an error (status 2 for the grep-like commands, 1 for the others), so that truncated
/// output never passes for complete; a closed pipe (EPIPE, when SIGPIPE is ignored — by
/// default SIGPIPE ends the process first) ends it quietly with status 0, as ripgrep does.
func standardOutputFailed(_ code: Int32) -> Never {
    if code == EPIPE { exit(0) }
    Diagnostics.error("standard output: \(String(cString: strerror(code)))")
    exit(SegTool.errorStatus)
}

/// Flushes the C library's standard output (what `print` wrote) and ends the process as
/// `standardOutputFailed` does when that fails.
func flushStandardOutput() {
    if fflush(stdout) != 0 || ferror(stdout) != 0 { standardOutputFailed(errno == 0 ? EIO : errno) }
}

/// `s` made safe for one field of a tab-separated line: backslash, tab, line breaks and other
/// control characters are escaped (`\\`, `\t`, `\n`, `\r`, `\x1F`, `\u{85}`, `\u{2028}`), so a
/// field never splits a line or a column and the escaping can be undone.
func tabSeparatedField(_ s: String) -> String {
    func needsEscape(_ v: UInt32) -> Bool {
        v < 0x20 || v == 0x5C || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029
    }
    guard s.unicodeScalars.contains(where: { needsEscape($0.value) }) else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 8)
    for scalar in s.unicodeScalars {
        let v = scalar.value
        guard needsEscape(v) else { out.unicodeScalars.append(scalar); continue }
        switch v {
        case 0x5C: out += "\\\\"
        case 0x09: out += "\\t"
        case 0x0A: out += "\\n"
        case 0x0D: out += "\\r"
        case ..<0x80:
            let hex = String(v, radix: 16, uppercase: true)
            out += "\\x" + (hex.count < 2 ? "0" : "") + hex
        default:
            out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
        }
    }
    return out
}

/// "1 file", "2 files": a count with its noun, plural when the count is not 1.
func plural(_ count: Int, _ noun: String) -> String {
    count == 1 ? "\(count) \(noun)" : "\(count) \(noun)s"
}
