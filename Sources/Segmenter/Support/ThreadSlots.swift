/// A value moved into `concurrentPerform`'s closure (or onto another queue). `@unchecked
/// Sendable`: the closures only read it, or use it on one thread until the caller waits for them.
package final class UncheckedSendable<Value>: @unchecked Sendable {
    /// The value.
    package let value: Value

    /// Wraps `value`.
    package init(_ value: Value) { self.value = value }
}

/// One result slot per thread, in memory this object owns. `@unchecked Sendable`: thread `i`
/// writes only slot `i`, and the slots are read after `concurrentPerform` returns.
package final class Slots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    /// `count` empty slots.
    package init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    /// Slot `i` (written by one thread only).
    package subscript(i: Int) -> Value? {
        get { slots[i] }
        set { slots[i] = newValue }
    }

    /// The slots, in order.
    package var values: [Value?] { Array(slots) }
}
