/// The memory `SegmentSearch.structuredScore` works in per candidate (no allocation, no
/// reference counting per candidate): per reading (index into `QueryPlan.phrases`) its
/// family's best weight (`best`, at family indices), the readings met and their bounds, and
/// per distinct anchor its document when last advanced (-1 at first; never ahead of the
/// anchor's cursor, as cursors only move on). Also the terms' positions in the current
/// candidate, decoded once per document and term (`decodedPhraseOccurrences`): per term the
/// generation they were decoded in (one per document; 0: none) and their place in
/// `positions`, which holds the positions of one document (`positionsFor`) at a time.
final class PhraseScratch {
    let best: UnsafeMutableBufferPointer<Double>
    let touched: UnsafeMutableBufferPointer<Int>
    let touchedBound: UnsafeMutableBufferPointer<Double>
    let anchorDoc: UnsafeMutableBufferPointer<Int>
    let positionsGeneration: UnsafeMutableBufferPointer<Int>
    let positionsStart: UnsafeMutableBufferPointer<Int>
    let positionsCount: UnsafeMutableBufferPointer<Int>
    /// The decoded positions: `used` of `capacity`, all of document `positionsFor`.
    private(set) var positions: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    var used = 0
    var positionsFor = -1
    var generation = 0

    /// Appends a decoded position (the memory doubles when full).
    @inline(__always)
    func append(_ p: UInt32) {
        if used == capacity { grow() }
        positions[used] = p
        used += 1
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * capacity)
        bigger.moveInitialize(from: positions, count: used)
        positions.deallocate()
        positions = bigger
        capacity *= 2
    }

    /// The anchors found at the current candidate.
    let anchorsAtDocument: UnsafeMutableBufferPointer<Int>

    init(readings: Int, anchors: Int, terms: Int) {
        anchorsAtDocument = Self.filled(anchors, 0)
        positionsGeneration = Self.filled(terms, 0)
        positionsStart = Self.filled(terms, 0)
        positionsCount = Self.filled(terms, 0)
        capacity = terms == 0 ? 1 : 1024
        positions = .allocate(capacity: capacity)
        best = Self.filled(readings, 0)
        touched = Self.filled(readings, 0)
        touchedBound = Self.filled(readings, 0)
        anchorDoc = Self.filled(anchors, -1)
    }

    /// The scratch of a plan without phrases: nothing, never written (only phrase counting
    /// writes a scratch), so one is shared.
    nonisolated(unsafe) static let none = PhraseScratch(readings: 0, anchors: 0, terms: 0)

    /// New memory for `count` values, each `value` (deallocated by `deinit`).
    private static func filled<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
        let memory = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        memory.initialize(repeating: value)
        return memory
    }

    deinit {
        best.deallocate()
        touched.deallocate()
        touchedBound.deallocate()
        anchorDoc.deallocate()
        positionsGeneration.deallocate()
        positionsStart.deallocate()
        positionsCount.deallocate()
        positions.deallocate()
        anchorsAtDocument.deallocate()
    }
}
