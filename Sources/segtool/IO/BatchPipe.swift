import Dispatch
import Synchronization

/// Hands batches from one producer thread to one consumer, at most `capacity` waiting: the
/// next batch is read while the current one is indexed.
final class BatchPipe<Batch: Sendable>: Sendable {
    private struct State {
        var batches: [Batch] = []
        var finished = false
        var cancelled = false
        var failure: CLIError?
    }

    private let state = Mutex(State())
    private let items = DispatchSemaphore(value: 0)
    private let slots: DispatchSemaphore

    init(capacity: Int) {
        slots = DispatchSemaphore(value: max(1, capacity))
    }

    /// Queues a batch, waiting while the pipe is full. - Returns: false when the consumer
    /// has given up (stop producing).
    func put(_ batch: Batch) -> Bool {
        slots.wait()
        let accepted = state.withLock { state -> Bool in
            if state.cancelled { return false }
            state.batches.append(batch)
            return true
        }
        if accepted { items.signal() } else { slots.signal() }
        return accepted
    }

    /// No more batches (with the error that stopped the producer, if one did).
    func finish(_ failure: CLIError? = nil) {
        state.withLock {
            $0.finished = true
            $0.failure = failure
        }
        items.signal()
    }

    /// The next batch; nil at the end. - Throws: the producer's error.
    func take() throws -> Batch? {
        items.wait()
        let (batch, failure) = state.withLock { state -> (Batch?, CLIError?) in
            if !state.batches.isEmpty { return (state.batches.removeFirst(), nil) }
            return (nil, state.failure)
        }
        if batch != nil { slots.signal() }
        if let failure { throw failure }
        return batch
    }

    /// The consumer stops: a waiting or later `put` returns false.
    func cancel() {
        state.withLock { $0.cancelled = true }
        slots.signal()
    }
}
