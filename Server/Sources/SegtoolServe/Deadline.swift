#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Answers requests that take too long with a 503. A search cannot be interrupted half-way, so
/// each request's work runs in a task of its own and the client gets whichever comes first: the
/// result, or the 503 (the work then finishes in the background and its result is dropped).
///
/// One watchdog task checks every in-flight request's deadline a few times per limit (at most
/// every 50 ms): a timer per request cost a fifth of the server's time at 8,000 requests/s.
final class Deadlines: Sendable {
    /// The time a request may take.
    let limit: Duration
    private let tick: Duration
    private let pending = Mutex<Pending>(Pending())

    private struct Pending {
        var next: UInt64 = 0
        var entries: [UInt64: (deadline: UInt64, expire: @Sendable () -> Void)] = [:]
    }

    init(limit: Duration) {
        self.limit = limit
        tick = max(.milliseconds(1), min(.milliseconds(50), limit / 4))
    }

    /// Checks the deadlines until the task is cancelled.
    func watch() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: tick)
            let now = Self.now()
            let expired = pending.withLock { p -> [@Sendable () -> Void] in
                let due = p.entries.filter { $0.value.deadline <= now }
                for key in due.keys { p.entries[key] = nil }
                return due.map(\.value.expire)
            }
            for expire in expired { expire() }
        }
    }

    /// Runs `work` in a task of its own; its result, or a 503 `APIError` once the limit has passed.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let claim = Claim()
        let nanoseconds = UInt64(limit.components.seconds) * 1_000_000_000 + UInt64(limit.components.attoseconds / 1_000_000_000)
        let limit = self.limit
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let expire: @Sendable () -> Void = {
                guard claim.take() else { return }
                continuation.resume(throwing: APIError(status: .serviceUnavailable,
                                                       message: "the request took longer than the server's limit (\(limit)); narrow the query"))
            }
            let deadline = Self.now() + nanoseconds
            let id = pending.withLock { p -> UInt64 in
                p.next += 1
                p.entries[p.next] = (deadline, expire)
                return p.next
            }
            Task {
                let result = Result { try work() }
                _ = pending.withLock { $0.entries.removeValue(forKey: id) }
                if claim.take() { continuation.resume(with: result) }
            }
        }
    }

    private static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}

/// Who answers first: the work or the watchdog.
private final class Claim: Sendable {
    private let taken = Atomic<Bool>(false)
    /// True for the first caller only.
    func take() -> Bool { !taken.exchange(true, ordering: .acquiringAndReleasing) }
}
