import Testing
@testable import Segmenter

/// The names pass's cheap first test (`NameJoiner.startMasks`) must pass on every token that
/// `NameJoiner.mayStartJoin` would send to a rule.
@Suite struct NameJoinerStart {
    /// Lengths and edges of every kind (`NameJoiner.startIndex`).
    static let lengths = [1, 2, 3, 4, 7]
    static let edges: [Int32] = [Worker.Edge.base, Worker.Edge.remainder, Worker.Edge.joined, 0, 12345]

    /// Whether `mayStartJoin` lets a token through when its classes are `bits` (laid out as
    /// in `startMasks`).
    static func mayStart(_ edge: Int32, _ length: Int, _ bits: UInt32) -> Bool {
        let step = Worker.PathStep(end: Int32(length), edge: edge)
        return NameJoiner.mayStartJoin(
            step, length, UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8),
            UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24)) != 0
    }

    /// `mayStartJoin` answers with ANDs and ORs of its class bits (no negation on the way to a
    /// non-zero answer), so it lets no token through with none of the mask's bits if it lets
    /// none through with every other bit set.
    @Test func masksCoverEveryRule() {
        for length in Self.lengths {
            for edge in Self.edges {
                let mask = NameJoiner.startMasks[NameJoiner.startIndex(edge, length)]
                #expect(!Self.mayStart(edge, length, ~mask), "length \(length), edge \(edge): a rule reads a class bit the mask lacks")
            }
        }
    }

    /// Each bit of a mask is one some rule reads, alone or with others: with it and every bit
    /// outside the mask set, `mayStartJoin` lets the token through (so the masks are no wider
    /// than the rules, and the cheap test turns tokens away).
    @Test func masksAreNoWiderThanTheRules() {
        for length in Self.lengths {
            for edge in Self.edges where edge != 12345 {
                let mask = NameJoiner.startMasks[NameJoiner.startIndex(edge, length)]
                #expect(mask != .max)
                for bit in 0..<32 where mask & (1 << bit) != 0 {
                    #expect(Self.mayStart(edge, length, ~mask | (1 << bit)), "length \(length), edge \(edge), bit \(bit)")
                }
            }
        }
    }

    /// Tokens of an edge code the pass does not know are always tested in full.
    @Test func unknownEdgesAreTestedInFull() {
        for length in Self.lengths {
            #expect(NameJoiner.startMasks[NameJoiner.startIndex(-9, length)] == .max)
        }
    }
}
