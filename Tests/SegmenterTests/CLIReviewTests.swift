import Foundation
import Testing

// review21 (fifteenth session): a second reading of the CLI's fast paths — the text writer that
// writes tokens through a pointer into room made at once, and the reader that finds NUL bytes
// and line breaks with `memchr` — and of what a new user meets on bad input.
extension CommandLineTool {
    /// The tokens of each JSON line of `segment --format json`.
    func jsonTokenTexts(_ output: String) -> [[String]] {
        output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            return (object?["tokens"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        }
    }

    /// Text output is JSON output's tokens joined by the delimiter, line for line: with
    /// delimiters of no byte, one byte and several multi-byte characters, in both modes
    /// (search mode's parts overlap the word before them, so the room counted per token must
    /// hold them), on lines of every kind (empty, blanks alone, a lone token, whitespace runs,
    /// CRLF, no final newline), and with --lossy on invalid bytes.
    @Test func textOutputIsTheJSONTokensJoinedByTheDelimiter() throws {
        let lines = [
            "全面推进乡村振兴，加快建设农业强国。", "", "   ", "中", "a", " 2025年  GDP增长5.2%\t北京 ",
            "中华人民共和国全国人民代表大会常务委员会", "习近平总书记强调：“高质量发展是全面建设社会主义现代化国家的首要任务。”",
        ]
        var input = Array(lines.joined(separator: "\n").utf8) + Array("\r\n中华人民共和国\r\n最后一行".utf8)
        for lossy in [false, true] {
            if lossy { input += [0x0A, 0xE4, 0xB8, 0x20, 0xFF, 0xE5, 0x9B, 0xBD, 0x80, 0x0A] }
            for mode in ["precise", "search"] {
                var extra = ["--mode", mode]
                if lossy { extra.append("--lossy") }
                let json = try run(["segment", "--format", "json"] + extra, stdin: Data(input))
                #expect(json.status == 0, "\(json.stderr)")
                let tokens = jsonTokenTexts(json.stdout)
                #expect(tokens.count == lines.count + 2 + (lossy ? 1 : 0))
                for delimiter in [" ", "", "/", " | ", "——", "\u{1F600}\u{1F600}"] {
                    let text = try run(["segment", "--delimiter", delimiter] + extra, stdin: Data(input))
                    #expect(text.status == 0, "\(text.stderr)")
                    let expected = tokens.map { $0.joined(separator: delimiter) + "\n" }.joined()
                    #expect(text.stdout == expected, "mode \(mode), delimiter \(delimiter.debugDescription), lossy \(lossy)")
                }
            }
        }
    }

    /// The read buffer is 1 MiB: a character cut by a block's end, a CRLF whose CR ends a
    /// block, and a NUL in a later block (its offset counted from the file's start).
    @Test func readBlocksJoinCharactersAndCRLFAndCountOffsets() throws {
        let block = 1 << 20
        // "ab\r\n", then lines of "中国人民\r\n" (14 bytes): the ends of the first four blocks
        // fall 0, 4 (inside 国), 8 (inside 人) and 12 (between CR and LF) bytes into a line.
        var input = Array("ab\r\n".utf8)
        let line = Array("中国人民\r\n".utf8)
        while input.count < 4 * block + 100 { input += line }
        let r = try run(["segment"], stdin: Data(input))
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(out.count == (input.count - 4) / line.count + 2)  // ab, the lines, the final ""
        #expect(out.first == "ab" && out.dropFirst().dropLast().allSatisfy { $0 == "中国 人民" })
        // A NUL past the first block: its offset in the file.
        var binary = input
        let at = 2 * block + 5
        binary[at] = 0
        let nul = try run(["segment"], stdin: Data(binary))
        #expect(nul.status != 0)
        #expect(nul.stderr.contains("binary input (NUL byte at byte offset \(at))"), "\(nul.stderr)")
    }

    /// A line longer than the read block and the longest piece (1 MiB each), with no place to
    /// cut but between characters: its pieces together are the line, each token whole; with
    /// only stray continuation bytes (--lossy), the pieces stay bounded and each byte is one
    /// U+FFFD.
    @Test func overLongLinesArePiecesThatTileTheLine() throws {
        let unit = Array("中华人民共和国全国人民代表大会常务委员会".utf8)
        var input: [UInt8] = []
        while input.count < 3 * (1 << 20) { input += unit }
        input += Array("\n短句。".utf8)  // and no final newline
        let r = try run(["segment", "--delimiter", "|"], stdin: Data(input))
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(out.count == 3 && out[2].isEmpty)
        #expect(out[0].replacingOccurrences(of: "|", with: "").utf8.count == input.count - "\n短句。".utf8.count)
        #expect(out[1].replacingOccurrences(of: "|", with: "") == "短句。")

        let stray = [UInt8](repeating: 0x80, count: 3 * (1 << 20) + 7) + [0x0A]
        let lossy = try run(["segment", "--lossy", "--delimiter", ""], stdin: Data(stray))
        #expect(lossy.status == 0, "\(lossy.stderr)")
        #expect(lossy.stdout == String(repeating: "\u{FFFD}", count: stray.count - 1) + "\n")
        let strict = try run(["segment"], stdin: Data(stray))
        #expect(strict.status != 0 && strict.stderr.contains("invalid UTF-8 at byte offset 0"), "\(strict.stderr)")
    }

    /// A line of stray continuation bytes is cut into pieces of about a block like any other
    /// (it was cut one byte a block: the whole line then stayed in memory and became one
    /// piece, ~100 bytes of tokens a byte under --lossy; 8 MB took 846 MB and a 40 MB line
    /// 3.6 GB, now 255 MB). Run under a limit of the address space that the old reader
    /// overran.
    @Test func aLineOfStrayBytesStaysInBoundedMemory() throws {
        let binary = try #require(Self.binary)
        let input = try temporaryFile(Data([UInt8](repeating: 0x80, count: 8 << 20) + [0x0A]))
        let output = try temporaryFile(Data())
        defer { try? FileManager.default.removeItem(atPath: input); try? FileManager.default.removeItem(atPath: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 640000 && exec \"$0\" segment --lossy --delimiter '' \"$1\" > \"$2\"",
                             binary.path, input, output]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let written = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(written.count == 3 * (8 << 20) + 1)
    }
}
