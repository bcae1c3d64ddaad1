#if canImport(Glibc)
import Glibc
#endif

/// A progress bar on standard error, shown only when it is a terminal and the input's size
/// is known and large.
struct Progress {
    let total: Int?
    let label: String
    private var enabled: Bool
    private var lastPercent = -1

    init(total: Int?, label: String) {
        self.total = total
        self.label = label
        enabled = Diagnostics.stderrIsTerminal && (total ?? 0) > 16 << 20
    }

    mutating func update(_ done: Int) {
        guard enabled, let total, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        Diagnostics.write("\r\(label) [\(bar)] \(percent)% \(done >> 20)/\(total >> 20) MiB")
    }

    mutating func finish() {
        guard enabled, lastPercent >= 0 else { return }
        Diagnostics.write("\r\u{1B}[K")
    }
}

@inline(__always)
func closeFD(_ fd: Int32) -> Int32 { close(fd) }
