/// A request's query parameters, decoded as browsers encode forms (`application/x-www-form-urlencoded`:
/// `+` is a space, `%XX` a byte): Hummingbird's own decoding leaves `+` alone, so a query typed
/// with spaces would arrive glued together.
struct QueryParameters: Sendable {
    private var pairs: [(name: Substring, value: Substring)] = []

    /// The parameters of a URI's query (the part after `?`, undecoded).
    init(_ query: String?) {
        guard let query else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let eq = part.firstIndex(of: "=")
            let name = Self.decode(eq.map { part[..<$0] } ?? part[...])
            let value = eq.map { Self.decode(part[part.index(after: $0)...]) } ?? ""
            pairs.append((Substring(name), Substring(value)))
        }
    }

    /// The first value of `name`.
    subscript(_ name: Substring) -> Substring? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order.
    subscript(values name: Substring) -> [Substring] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// `+` as space, `%XX` as a byte; a malformed escape is kept as it is; bytes that are not
    /// UTF-8 become U+FFFD.
    static func decode(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(text) }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%"), i + 2 < bytes.count, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
