import Dispatch
import Testing
@testable import Segmenter

/// The engine's pool of workers gives a thread back the worker it gave back last, so that
/// threads segmenting short texts at once keep their own worker (issue 16: workers handed
/// from thread to thread made two threads ~30% slower per call than one through Python).
@Suite struct EngineWorkerPool {
    /// Runs `body` on a thread of Dispatch's pool (not the caller's) and waits for it.
    static func onAnotherThread<T>(_ body: @escaping @Sendable () throws -> T) throws -> (T, UInt) {
        nonisolated(unsafe) var result: Result<(T, UInt), any Error>?
        let group = DispatchGroup()
        DispatchQueue(label: "EngineWorkerPool").async(group: group) {
            result = Result { (try body(), WorkerBox.currentThread()) }
        }
        group.wait()
        return try #require(result).get()
    }

    @Test func aThreadGetsItsOwnWorkerBackAfterAnotherThreadGaveOneBack() throws {
        let engine = try Engine()
        let mine = try engine.borrow()
        // Another thread borrows a worker of its own (the pool is empty: a new one) ...
        nonisolated(unsafe) let shared = engine
        let (theirs, other) = try Self.onAnotherThread { try shared.borrow() }
        #expect(other != WorkerBox.currentThread())
        #expect(theirs !== mine)
        // ... and gives it back after this thread gave its own back: theirs is last in the pool.
        engine.giveBack(mine)
        _ = try Self.onAnotherThread { shared.giveBack(theirs) }
        let again = try engine.borrow()
        #expect(again === mine)
        #expect(again.thread == WorkerBox.currentThread())
        // Any thread takes a pooled worker while there is one (no new ICU iterator).
        engine.giveBack(again)
        let (stranger, _) = try Self.onAnotherThread { try shared.borrow() }
        #expect(stranger === mine || stranger === theirs)
    }
}
