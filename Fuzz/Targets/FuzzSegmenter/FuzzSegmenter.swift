import Segmenter

// Fuzz target: any bytes → `Segmenter.segment(utf8:)` in precise and search mode.
// Invariants: invalid UTF-8 is refused with the offset of its first bad byte (the standard
// library's decoder agrees); valid input gives precise tokens that tile it (contiguous,
// non-empty, on scalar boundaries, in bytes and in scalars); search mode gives the same
// tokens with sub-words inside the token before them; the String API agrees with the bytes API.
// An input that starts with `~~` is repeated to over 33 KB first (more than one chunk).

/// The segmenter under test (built-in lexicon), built once per process.
let segmenter: Segmenter = {
    do { return try Segmenter() } catch { fatalError("cannot build the segmenter: \(error)") }
}()

/// Stops the run (libFuzzer saves the input) when an invariant does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant: \(message())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSegmenter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    // An input that starts with `~~` stands for the rest repeated to over 33 KB: longer
    // than a chunk (~32 KiB), so the cuts between chunks are fuzzed too.
    if size > 2 && input[0] == 0x7E && input[1] == 0x7E {
        let body = UnsafeBufferPointer(rebasing: input[2...])
        var long: [UInt8] = []
        long.reserveCapacity(33_500 + body.count)
        while long.count < 33_500 { long.append(contentsOf: body) }
        long.withUnsafeBufferPointer { check($0) }
        return 0
    }
    check(input)
    return 0
}

/// Segments `input` in both modes and checks every invariant.
func check(_ input: UnsafeBufferPointer<UInt8>) {
    let firstBad = firstInvalidUTF8Offset(input)
    let text = String(validating: input, as: UTF8.self)
    require((firstBad == nil) == (text != nil), "UTF-8 check disagrees with the standard library")
    var precise: [Token] = []
    var search: [Token] = []
    do {
        let scalars = try segmenter.segment(utf8: input, mode: .precise, into: &precise)
        require(firstBad == nil, "invalid UTF-8 accepted")
        checkTiling(precise, input, scalars: scalars)
        _ = try segmenter.segment(utf8: input, mode: .search, into: &search)
        checkSearch(search, precise: precise, input)
        if let text, input.count <= 4096 {  // (long inputs: the bytes API only, for speed)
            require(segmenter.tokens(in: text) == precise, "String and bytes APIs differ (precise)")
            require(segmenter.tokens(in: text, mode: .search) == search, "String and bytes APIs differ (search)")
        }
    } catch {
        guard case .invalidUTF8(let offset) = error else { fatalError("unexpected error \(error)") }
        require(offset == firstBad, "invalid UTF-8 reported at \(offset), first bad byte at \(String(describing: firstBad))")
        // Search mode refuses it at the same byte.
        do {
            _ = try segmenter.segment(utf8: input, mode: .search, into: &search)
            fatalError("invariant: search mode accepted invalid UTF-8")
        } catch {
            require(error == .invalidUTF8(byteOffset: offset), "search mode: \(error)")
        }
    }
}

func isScalarStart(_ input: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
    offset == input.count || (offset < input.count && input[offset] & 0xC0 != 0x80)
}

func checkTiling(_ tokens: [Token], _ input: UnsafeBufferPointer<UInt8>, scalars: Int) {
    var byte = 0, scalar = 0
    for token in tokens {
        require(!token.isSubword, "sub-word in precise mode")
        require(token.utf8Range.lowerBound == byte && token.scalarRange.lowerBound == scalar, "gap or overlap at byte \(byte)")
        require(!token.utf8Range.isEmpty && !token.scalarRange.isEmpty, "empty token at byte \(byte)")
        require(token.scalarRange.count <= token.utf8Range.count, "more scalars than bytes at byte \(byte)")
        require(isScalarStart(input, token.utf8Range.upperBound), "token ends inside a scalar at \(token.utf8Range)")
        byte = token.utf8Range.upperBound
        scalar = token.scalarRange.upperBound
    }
    require(byte == input.count, "tokens end at byte \(byte) of \(input.count)")
    require(scalar == scalars, "tokens end at scalar \(scalar) of \(scalars)")
}

func checkSearch(_ tokens: [Token], precise: [Token], _ input: UnsafeBufferPointer<UInt8>) {
    let whole = tokens.filter { !$0.isSubword }
    require(whole == precise, "search mode's whole tokens differ from precise mode's")
    var parent: Token?
    for token in tokens {
        guard token.isSubword else { parent = token; continue }
        guard let parent else { fatalError("invariant: a sub-word before any token") }
        require(parent.utf8Range.lowerBound <= token.utf8Range.lowerBound && token.utf8Range.upperBound <= parent.utf8Range.upperBound,
                "sub-word \(token.utf8Range) outside its token \(parent.utf8Range)")
        require(token.utf8Range.count < parent.utf8Range.count && !token.utf8Range.isEmpty, "sub-word \(token.utf8Range) not a proper part")
        require(isScalarStart(input, token.utf8Range.lowerBound) && isScalarStart(input, token.utf8Range.upperBound), "sub-word inside a scalar")
    }
}
