import Synchronization

/// The last search responses of the current snapshot, by the request's query string: a repeated
/// query (paging back, a reload, a popular query) is answered without searching again. Emptied
/// when a new commit is picked up, so it never answers from an older snapshot; `capacity` 0
/// turns it off. When full, the oldest entry goes.
final class ResponseCache<Value: Sendable>: Sendable {
    /// Most entries kept.
    let capacity: Int
    private let state = Mutex<State>(State())

    private struct State {
        var generation = -1
        var values: [String: Value] = [:]
        var order: [String] = []
        var head = 0
    }

    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// The value for `key` in snapshot `generation`, if cached.
    func value(_ key: String, generation: Int) -> Value? {
        guard capacity > 0 else { return nil }
        return state.withLock { $0.generation == generation ? $0.values[key] : nil }
    }

    /// Keeps `value` for `key` in snapshot `generation` (dropping everything of older snapshots).
    func store(_ value: Value, for key: String, generation: Int) {
        guard capacity > 0 else { return }
        state.withLock { s in
            if s.generation != generation {
                guard generation > s.generation else { return }  // a late answer from an older snapshot
                s = State(generation: generation)
            }
            if s.values.updateValue(value, forKey: key) != nil { return }
            if s.order.count < capacity {
                s.order.append(key)
            } else {
                s.values[s.order[s.head]] = nil
                s.order[s.head] = key
                s.head = (s.head + 1) % capacity
            }
        }
    }
}
