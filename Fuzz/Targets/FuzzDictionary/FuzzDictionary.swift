import Segmenter

// Fuzz target: any bytes → `DictionaryFile(bytes:name:)`.
// Invariants: an error, or entries whose words are non-empty and free of control characters;
// the entries written back as `word<TAB>freq<TAB>tag` lines parse to the same entries; the
// words loaded into a segmenter segment their own concatenation into tiling tokens.

/// Stops the run (libFuzzer saves the input) when an invariant does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant: \(message())") }
}

/// A segmenter without the built-in lexicon: adding a word to it costs little.
let empty: Segmenter = {
    do { return try Segmenter(builtinDictionary: false) } catch { fatalError("cannot build the segmenter: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDictionary(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let file: DictionaryFile
    do {
        file = try DictionaryFile(bytes: input, name: "fuzz")
    } catch {
        switch error {
        case .dictionaryNotUTF8(_, let line, let offset):
            require(line >= 1 && offset < size, "bad UTF-8 error: line \(line), offset \(offset)")
        case .malformedDictionaryLine(_, let line, let reason):
            require(line >= 1 && !reason.isEmpty, "bad error: line \(line)")
        default:
            fatalError("invariant: unexpected error \(error)")
        }
        return 0
    }
    var rewritten = ""
    for entry in file.lines {
        require(!entry.word.isEmpty, "empty word on line \(entry.line)")
        require(!entry.word.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "control character in a word")
        require(entry.frequency.map { $0 >= 0 } ?? true, "negative frequency on line \(entry.line)")
        rewritten += "\(entry.word)\t\(entry.frequency.map(String.init) ?? "")\t\(entry.tag ?? "")\n"
    }
    do {
        let again = try DictionaryFile(bytes: Array(rewritten.utf8), name: "again")
        require(again.lines.map(\.word) == file.lines.map(\.word), "words change when written back")
        require(again.lines.map(\.frequency) == file.lines.map(\.frequency), "frequencies change when written back")
        require(again.lines.map(\.tag) == file.lines.map(\.tag), "tags change when written back")
    } catch {
        fatalError("invariant: entries written back do not parse: \(error)")
    }
    // Load (a bounded number of) the words and segment them.
    var segmenter = empty
    for entry in file.lines.prefix(64) { segmenter.addWord(entry.word, frequency: entry.frequency, tag: entry.tag) }
    let text = file.lines.prefix(64).map(\.word).joined()
    var byte = 0
    for token in segmenter.tokens(in: text) {
        require(token.utf8Range.lowerBound == byte && !token.utf8Range.isEmpty, "tokens do not tile the words")
        byte = token.utf8Range.upperBound
    }
    require(byte == text.utf8.count, "tokens do not cover the words")
    return 0
}
