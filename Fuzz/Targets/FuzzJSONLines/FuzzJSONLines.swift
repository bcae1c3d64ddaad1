// Fuzz target: any bytes → the CLI's JSON Lines splitter (JSONLines.swift, linked here from
// Sources/segtool/IO), fed whole and in blocks of 1–64 bytes chosen by the input's first byte.
// Invariants: the same records either way (block boundaries change nothing); line numbers
// increase and stay within the input's lines; error offsets fall inside the input and point
// at the reported byte (a NUL for binary input).

/// Stops the run (libFuzzer saves the input) when an invariant does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant: \(message())") }
}

func records(_ input: UnsafeBufferPointer<UInt8>, block: Int) -> [(Int, Result<JSONDocumentFields, JSONLineProblem>)] {
    var out: [(Int, Result<JSONDocumentFields, JSONLineProblem>)] = []
    var splitter = JSONLinesSplitter()
    var start = 0
    while start < input.count {
        let end = min(input.count, start + block)
        splitter.feed(UnsafeBufferPointer(rebasing: input[start..<end])) { out.append(($0.line, $0.result)) }
        start = end
    }
    splitter.finish { out.append(($0.line, $0.result)) }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let whole = records(input, block: max(size, 1))
    let block = size > 0 ? Int(input[0] % 64) + 1 : 1
    let pieces = records(input, block: block)
    require(whole.count == pieces.count, "\(whole.count) records whole, \(pieces.count) in blocks of \(block)")
    let lines = input.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    var last = 0
    for (a, b) in zip(whole, pieces) {
        require(a.0 == b.0 && a.1 == b.1, "record of line \(a.0) differs in blocks of \(block)")
        require(a.0 > last && a.0 <= lines, "line number \(a.0) after \(last), of \(lines)")
        last = a.0
        switch a.1 {
        case .failure(.nulByte(let offset)):
            require(offset < size && input[offset] == 0, "NUL reported at \(offset)")
        case .failure(.invalidUTF8(let offset)):
            require(offset < size && input[offset] >= 0x80, "invalid UTF-8 reported at \(offset)")
        case .failure(.notADocument), .success:
            break
        }
    }
    return 0
}
