#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Indexer
import Logging
import Synchronization

/// The searcher requests use: a snapshot of the index, replaced by a new one when a writer
/// commits (the manifest file is replaced atomically on each commit, so its inode, size and
/// modification time change). A request takes the current snapshot once and keeps it to the
/// end, so a commit never changes what a request in flight sees.
final class SearcherStore: Sendable {
    /// The index's directory.
    let directory: String
    /// The limits every searcher gets.
    let limits: QueryLimits
    /// The index's recorded analysis (a writer cannot change it).
    let analysis: IndexAnalysis
    /// How often (at most) the manifest is looked at, in nanoseconds.
    let checkInterval: UInt64
    private let logger: Logger
    private let state: Mutex<State>

    private struct State {
        var searcher: Searcher
        var stamp: ManifestStamp?
        var checkedAt: UInt64
        var reloads: Int
        /// The manifest version that last failed to open (logged once, retried each check: a
        /// writer's merge can remove files between reading the manifest and opening them).
        var failed: ManifestStamp?
    }

    /// What identifies one version of the manifest file.
    struct ManifestStamp: Equatable {
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
    }

    /// Opens the index in `directory`.
    /// - Throws: `IndexError` when it is not an index or is damaged.
    init(directory: String, limits: QueryLimits, checkIntervalMilliseconds: Int = 100, logger: Logger) throws(IndexError) {
        self.directory = directory
        self.limits = limits
        self.logger = logger
        checkInterval = UInt64(max(0, checkIntervalMilliseconds)) * 1_000_000
        let stamp = Self.stamp(directory)
        let index = try Index.open(at: directory)
        analysis = index.analysis
        state = Mutex(State(searcher: try index.searcher(limits: limits), stamp: stamp, checkedAt: Self.now(), reloads: 0))
    }

    /// How many times a new commit was picked up.
    var reloads: Int { state.withLock { $0.reloads } }

    /// The current snapshot; looks at the manifest at most every `checkInterval` and opens the
    /// new commit when it changed. When opening fails (a damaged commit), the old snapshot stays
    /// and the failure is logged.
    func current() -> Searcher { snapshot().searcher }

    /// The current snapshot and its number (0 for the first, +1 for each commit picked up).
    func snapshot() -> (searcher: Searcher, generation: Int) {
        let now = Self.now()
        let (searcher, generation, due) = state.withLock { s -> (Searcher, Int, Bool) in
            guard now &- s.checkedAt >= checkInterval else { return (s.searcher, s.reloads, false) }
            s.checkedAt = now
            return (s.searcher, s.reloads, true)
        }
        guard due else { return (searcher, generation) }
        let stamp = Self.stamp(directory)
        if stamp == state.withLock({ $0.stamp }) { return (searcher, generation) }
        do {
            let fresh = try Index.open(at: directory).searcher(limits: limits)
            let number = state.withLock { s -> Int in
                s.searcher = fresh
                s.stamp = stamp
                s.reloads += 1
                return s.reloads
            }
            logger.info("opened a new commit", metadata: ["documents": "\(fresh.documentCount)", "segments": "\(fresh.reader.segmentCount)"])
            return (fresh, number)
        } catch {
            let first = state.withLock { s -> Bool in
                defer { s.failed = stamp }
                return s.failed != stamp
            }
            if first {
                logger.error("could not open the new commit; still serving the previous one", metadata: ["error": "\(error)"])
            }
            return (searcher, generation)
        }
    }

    private static func stamp(_ directory: String) -> ManifestStamp? {
        var info = stat()
        guard stat(directory + "/manifest", &info) == 0 else { return nil }
        return ManifestStamp(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                             modifiedSeconds: Int(info.st_mtim.tv_sec), modifiedNanoseconds: Int(info.st_mtim.tv_nsec))
    }

    private static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}
