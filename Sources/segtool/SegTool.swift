import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `segtool`: Chinese word segmentation for political and government text.
@main
struct SegTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segtool",
        abstract: "Chinese word segmentation and keyword indexing for political and government text.",
        version: "0.1.0",
        subcommands: [Segment.self, Index.self, Search.self, Trend.self, Keywords.self, Rank.self, IDF.self, Dict.self, Eval.self, Bench.self, Discover.self]
    )

    /// The commands whose exit status follows grep's and ripgrep's convention: 0 = found,
    /// 1 = nothing found, 2 = an error (a usage error included).
    static let grepLikeCommands: Set<String> = ["search", "rank"]

    /// The exit status of an error: 2 for the grep-like commands, 1 for the others.
    static var errorStatus: Int32 {
        CommandLine.arguments.dropFirst().first.map { grepLikeCommands.contains($0) } == true ? 2 : 1
    }

    /// As ArgumentParser's `main`, except that a usage error of a grep-like command exits
    /// with status 2 instead of 64, and that output which could not be written (a full disk),
    /// help and version included, is an error.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            flushStandardOutput()
        } catch {
            flushStandardOutput()
            let code = exitCode(for: error)
            if code == .success {
                // Help and version: written here, so that a failed write (a full disk) is an
                // error as for any other output, not a silent exit 0.
                let message = fullMessage(for: error)
                if !message.isEmpty { print(message) }
                flushStandardOutput()
                Glibc.exit(0)
            }
            if let name = arguments.first, grepLikeCommands.contains(name), code == .validationFailure {
                let message = fullMessage(for: error)
                if !message.isEmpty { Diagnostics.write(message + "\n") }
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
