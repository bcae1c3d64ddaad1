#if canImport(Glibc)
import Glibc
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
        bytes.withUnsafeBufferPointer { writeAll(1, $0) }
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func flushIfLarge() {
        if bytes.count >= 1 << 16 { flush() }
    }
}

/// Writes all of `buf` to file descriptor `fd`, retrying short writes and EINTR. Errors
/// (a closed pipe) end the writing silently: SIGPIPE ends the process first by default.
func writeAll(_ fd: Int32, _ buf: UnsafeBufferPointer<UInt8>) {
    guard let base = buf.baseAddress else { return }
    var done = 0
    while done < buf.count {
        let n = write(fd, base + done, buf.count - done)
        if n < 0 {
            if errno == EINTR { continue }
            return
        }
        done += n
    }
}
