import Synchronization

/// Runs `work` (synchronous, CPU-bound: a search) in a task of its own and answers with its
/// result, or with a 503 `APIError` when it takes longer than `limit`. A search cannot be
/// interrupted half-way, so one that overran finishes in the background and its result is
/// dropped; the client is not kept waiting.
func withDeadline<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () throws -> T) async throws -> T {
    let claim = Claim()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let timer = Task {
            try? await Task.sleep(for: limit)
            guard !Task.isCancelled, claim.take() else { return }
            continuation.resume(throwing: APIError(status: .serviceUnavailable,
                                                   message: "the request took longer than the server's limit (\(limit)); narrow the query"))
        }
        Task {
            let result = Result { try work() }
            timer.cancel()
            if claim.take() { continuation.resume(with: result) }
        }
    }
}

/// Who answers first: the work or the timer.
private final class Claim: Sendable {
    private let taken = Atomic<Bool>(false)
    /// True for the first caller only.
    func take() -> Bool { !taken.exchange(true, ordering: .acquiringAndReleasing) }
}
