#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How passages or documents are scored against query terms (`Scorer` computes it).
///
/// With N units in the collection, df(t) of them containing term t, tf(t, d) its count in
/// unit d, |d| the unit's length in terms and avgdl the mean length:
///
/// - **TF-IDF** (the default):
///   `score(d) = Σ_t (1 + ln tf(t,d)) · idf(t) / √|d|`, with `idf(t) = ln(1 + N / df(t))`;
///   terms with tf = 0 add nothing. The `1/√|d|` length norm keeps long passages from winning
///   by length alone (as Lucene's classic similarity does).
/// - **BM25** (k1 = 1.2, b = 0.75):
///   `score(d) = Σ_t idf(t) · tf·(k1+1) / (tf + k1·(1 − b + b·|d|/avgdl))`, with
///   `idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5))`.
public enum Ranking: String, Sendable, CaseIterable {
    case tfidf
    case bm25

    public static let k1 = 1.2
    public static let b = 0.75

    /// The idf of a term found in `df` of `n` units (`Scorer.idf`).
    public func idf(df: Int, n: Int) -> Double { Scorer.idf(self, df: df, n: n) }

    /// BM25's length-and-frequency term for one posting (`Scorer.bm25Norm`), which the index
    /// stores per block for its bounds (see `SegmentFormat`).
    @inline(__always)
    public static func bm25Norm(tf: UInt32, length: UInt32, averageLength: Double) -> Double {
        Scorer.bm25Norm(tf: tf, length: length, averageLength: averageLength)
    }

    /// The contribution of one term to a unit's score (`Scorer.weight(idf:tf:length:)`).
    /// - Parameters: tf: the term's count in the unit; length: the unit's length in terms;
    ///   averageLength: the mean length over the collection; idf: from `idf(df:n:)`.
    public func weight(tf: Int, length: Int, averageLength: Double, idf: Double) -> Double {
        Scorer(ranking: self, documents: 0, averageLength: averageLength).weight(idf: idf, tf: tf, length: length)
    }
}

/// A bounded top-k selection: keeps the k best (highest score; ties by lower id) in a heap.
public struct TopK<Item> {
    public let k: Int
    private var heap: [(score: Double, id: Int, item: Item)] = []

    public init(_ k: Int) {
        self.k = max(0, k)
        heap.reserveCapacity(min(self.k, 1024))  // one allocation, not one per doubling
    }

    /// The score an item must beat to enter (−∞ until k items are in).
    public var threshold: Double { heap.count < k ? -.infinity : heap[0].score }

    public mutating func insert(_ item: Item, score: Double, id: Int) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append((score, id, item))
            siftUp(heap.count - 1)
        } else if worse(heap[0], (score, id, item)) {
            heap[0] = (score, id, item)
            siftDown(0)
        }
    }

    /// The kept items, best first.
    public func sorted() -> [(score: Double, item: Item)] {
        heap.sorted { worse($1, $0) }.map { ($0.score, $0.item) }
    }

    /// Whether a ranks below b (lower score, or equal score and higher id).
    private func worse(_ a: (score: Double, id: Int, item: Item), _ b: (score: Double, id: Int, item: Item)) -> Bool {
        a.score != b.score ? a.score < b.score : a.id > b.id
    }

    private mutating func siftUp(_ i: Int) {
        var child = i
        while child > 0 {
            let parent = (child - 1) / 2
            if worse(heap[child], heap[parent]) {
                heap.swapAt(child, parent)
                child = parent
            } else { break }
        }
    }

    private mutating func siftDown(_ i: Int) {
        var parent = i
        while true {
            let l = 2 * parent + 1, r = l + 1
            var smallest = parent
            if l < heap.count && worse(heap[l], heap[smallest]) { smallest = l }
            if r < heap.count && worse(heap[r], heap[smallest]) { smallest = r }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
