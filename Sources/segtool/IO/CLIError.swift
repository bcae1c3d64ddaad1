import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// An error the CLI reports as `segtool: error: …` on stderr, exiting with status 1 (2 for
/// `search` and `rank`: see `reportingErrors`).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes to standard error.
enum Diagnostics {
    static func error(_ message: String) {
        write("segtool: error: \(message)\n")
    }

    static func warning(_ message: String) {
        write("segtool: warning: \(message)\n")
    }

    static func write(_ text: String) {
        var copy = text
        copy.withUTF8 { writeAll(2, $0) }
    }

    /// Whether standard error is a terminal (progress bars only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Whether standard output is a terminal (colour only then).
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }
}

extension ParsableCommand {
    /// Runs `body`, turning a `CLIError` into a message on stderr and exit status `status`
    /// (1; 2 for the commands that follow grep's convention, where 1 means "nothing found").
    func reportingErrors(status: Int32 = 1, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CLIError {
            Diagnostics.error(error.description)
            throw ExitCode(status)
        }
    }
}
