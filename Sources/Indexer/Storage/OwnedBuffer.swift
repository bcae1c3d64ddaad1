/// Memory of a fixed number of trivial values that one object owns and frees (as tantivy's
/// `OwnedBytes`): code that needs raw pointers into it (cursors stepping without reference
/// counting) takes them from `pointer` and keeps the owner alive beside them.
final class OwnedBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    // @unchecked Sendable: written only by `init`'s `fill`, read-only afterwards.
    /// The values: `count` of them, initialized, valid for the owner's life.
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    /// A buffer of `count` values, each `fill(i)`.
    init(count: Int, fill: (Int) -> Element) {
        self.count = max(count, 0)
        pointer = .allocate(capacity: max(self.count, 1))
        for i in 0..<self.count { (pointer + i).initialize(to: fill(i)) }
    }

    /// The values as a buffer (valid while the owner lives).
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: pointer, count: count) }

    deinit { pointer.deallocate() }
}
