/// The elements of one of the lexicon's tables: either borrowed from the prebuilt lexicon
/// image (static, read-only memory in the binary, never freed) or in an array of our own.
///
/// Reading costs the same either way (the hot loops read through `withUnsafeBufferPointer`);
/// the first change copies the image's elements into an array, so a lexicon that is never
/// changed (the built-in one, as loaded) costs no time or memory to set up, and a changed copy
/// (user words) pays one copy of the tables, as a value type would.
///
/// `@unchecked Sendable`: the image's memory is immutable and lives as long as the process;
/// the array is a value.
struct TableBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    private var array: [Element]
    /// Set while the elements are the image's; nil once they are `array`'s.
    private var image: UnsafeBufferPointer<Element>?

    /// Elements of our own.
    init(_ array: [Element] = []) {
        self.array = array
        self.image = nil
    }

    /// `count` copies of `value`, of our own.
    init(repeating value: Element, count: Int) {
        self.init([Element](repeating: value, count: count))
    }

    /// The image's elements, borrowed.
    /// - Parameter image: memory that stays valid and unchanged for the rest of the process.
    init(image: UnsafeBufferPointer<Element>) {
        self.array = []
        self.image = image
    }

    /// Whether the elements are still the image's (nothing has been changed).
    var isBorrowed: Bool { image != nil }

    var count: Int { image?.count ?? array.count }

    subscript(i: Int) -> Element {
        get {
            if let image {
                precondition(i >= 0 && i < image.count, "table index out of range")
                return image[i]
            }
            return array[i]
        }
        set {
            makeOwned()
            array[i] = newValue
        }
    }

    /// Calls `body` with the elements, for reading.
    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        if let image { return try body(image) }
        return try array.withUnsafeBufferPointer(body)
    }

    mutating func append(_ element: Element) {
        makeOwned()
        array.append(element)
    }

    mutating func reserveCapacity(_ n: Int) {
        makeOwned()
        array.reserveCapacity(n)
    }

    /// All the elements, as an array (a copy when they are the image's).
    var elements: [Element] { image.map { Array($0) } ?? array }

    /// Copies the image's elements into an array of our own (once).
    private mutating func makeOwned() {
        guard let borrowed = image else { return }
        array = Array(borrowed)
        image = nil
    }
}

extension TableBuffer: Equatable where Element: Equatable {
    /// The same elements, wherever they are.
    static func == (a: TableBuffer, b: TableBuffer) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.elementsEqual(y) } }
    }
}
