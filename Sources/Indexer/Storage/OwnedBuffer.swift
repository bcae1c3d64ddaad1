/// Memory of a fixed number of trivial values that one object owns and frees (as tantivy's
/// `OwnedBytes`, swift-collections' `_UnsafeDequeHandle`): the indexer's flat tables (the
/// builder's grouped postings, a segment's document scales, decompressed store blocks) live
/// in it, and code reads and writes them through its bounds-checked operations instead of
/// raw pointer scopes.
///
/// A buffer is filled by the thread that makes it, before it is shared; after that it is
/// only read (by any number of threads). Posting cursors, which step without reference
/// counting, take `buffer` and keep the owner alive beside them (`CursorSet`).
///
/// ```swift
/// let starts = OwnedBuffer<Int>(repeating: 0, count: terms + 1)
/// starts[t + 1] += 1
/// positions.copy(from: source, source: at..<at + tf, to: p)
/// ```
final class OwnedBuffer<Element: BitwiseCopyable>: @unchecked Sendable, RandomAccessCollection {
    // @unchecked Sendable: written only by the thread that makes it, before it is shared
    // (see above); every access is bounds-checked.
    /// The values: `count` of them, initialized, valid for the owner's life.
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    /// A buffer of `count` values, each `fill(i)`.
    init(count: Int, fill: (Int) -> Element) {
        self.count = Swift.max(count, 0)
        pointer = .allocate(capacity: Swift.max(self.count, 1))
        for i in 0..<self.count { (pointer + i).initialize(to: fill(i)) }
    }

    /// A buffer of `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        self.count = Swift.max(count, 0)
        pointer = .allocate(capacity: Swift.max(self.count, 1))
        pointer.initialize(repeating: value, count: self.count)
    }

    /// A buffer holding a copy of `values`.
    convenience init(copying values: [Element]) {
        self.init(count: values.count) { values[$0] }
    }

    deinit { pointer.deallocate() }

    /// Calls `body` with the values' memory, writable (for a C function that fills it before
    /// the buffer is shared); the pointer must not escape `body`.
    func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        // Safe because: the memory is this object's, `count` values long, and the object is
        // kept alive until `body` returns.
        try withExtendedLifetime(self) { try body(UnsafeMutableRawBufferPointer(start: pointer, count: count * MemoryLayout<Element>.stride)) }
    }

    /// The values as a buffer, valid while the owner lives: for cursors that keep the owner
    /// beside them, and for C calls inside `withExtendedLifetime` of the owner.
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: pointer, count: count) }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// Value `i` (bounds-checked).
    @inline(__always)
    subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < count, "OwnedBuffer index out of range")
            // Safe because: i was checked against count; `self` owns the memory.
            return pointer[i]
        }
        set {
            precondition(i >= 0 && i < count, "OwnedBuffer index out of range")
            pointer[i] = newValue
        }
    }

    /// Copies `values[source]` to `self[target ..< target + source.count]` (bounds checked
    /// once for the run, not per value).
    @inline(__always)
    func copy(from values: [Element], source: Range<Int>, to target: Int) {
        precondition(source.lowerBound >= 0 && source.upperBound <= values.count, "OwnedBuffer copy: source out of range")
        precondition(target >= 0 && source.count <= count - target, "OwnedBuffer copy: target out of range")
        guard !source.isEmpty else { return }
        // Safe because: both ranges were checked above; the array is borrowed for the call.
        values.withUnsafeBufferPointer { from in
            (pointer + target).update(from: from.baseAddress! + source.lowerBound, count: source.count)
        }
    }

    /// A copy of `self[range]` as an array.
    func array(_ range: Range<Int>) -> [Element] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "OwnedBuffer range out of range")
        // Safe because: the range was checked; `self` (the owner) lives for the call.
        return Array(UnsafeBufferPointer(start: pointer + range.lowerBound, count: range.count))
    }
}

extension Array where Element: BitwiseCopyable {
    /// Appends `source[range]` (bounds checked once for the run), without making a slice of
    /// `source` (a slice retains its array: once per term per document in the builder).
    @inline(__always)
    mutating func append(from source: [Element], _ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= source.count, "append(from:): range out of bounds")
        // Safe because: the range was checked; `source` is borrowed for the call.
        source.withUnsafeBufferPointer { append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
    }
}
