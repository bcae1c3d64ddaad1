import Testing
@testable import Segmenter

/// The lexicon's matcher against a brute-force reference, through random inserts, removals
/// and re-inserts: the trie slots copy each node's entry and child filter, so every change
/// must reach the edge slot and, two scalars deep, the pair slot too.
@Suite struct LexiconMatcher {
    /// A small deterministic generator (xorshift64*), so a failure reproduces.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
    }

    /// Every (end, entry word) starting at each position, by the matcher.
    static func matches(_ lexicon: Lexicon, in text: [UInt32]) -> [[Int: String]] {
        text.withUnsafeBufferPointer { buf in
            lexicon.withMatcher { matcher in
                (0..<text.count).map { start in
                    var found: [Int: String] = [:]
                    matcher.forEachMatch(in: buf, from: start, limit: text.count) { end, id in
                        found[end] = lexicon.entry(at: id).word
                    }
                    return found
                }
            }
        }
    }

    /// The same at the positions `candidates` gave, asked as the resolver asks
    /// (`forEachMatch(…, candidate: true)`: the filter is not asked again).
    static func matches(_ lexicon: Lexicon, in text: [UInt32], at candidates: [Int]) -> [[Int: String]] {
        text.withUnsafeBufferPointer { buf in
            lexicon.withMatcher { matcher in
                candidates.map { start in
                    var found: [Int: String] = [:]
                    matcher.forEachMatch(in: buf, from: start, limit: text.count, candidate: true) { end, id in
                        found[end] = lexicon.entry(at: id).word
                    }
                    return found
                }
            }
        }
    }

    /// The positions the matcher's filter pass keeps.
    static func candidates(_ lexicon: Lexicon, in text: [UInt32]) -> [Int] {
        var out = [Int32](repeating: -1, count: text.count)
        let count = text.withUnsafeBufferPointer { buf in
            out.withUnsafeMutableBufferPointer { out in
                lexicon.withMatcher { $0.candidates(in: buf, into: out) }
            }
        }
        return out[0..<count].map { Int($0) }
    }

    /// The same by brute force over the live words.
    static func reference(_ words: Set<String>, in text: [UInt32]) -> [[Int: String]] {
        (0..<text.count).map { start in
            var found: [Int: String] = [:]
            for end in (start + 1)...text.count {
                let word = String(String.UnicodeScalarView(text[start..<end].compactMap(Unicode.Scalar.init)))
                if words.contains(word) { found[end] = word }
            }
            return found
        }
    }

    @Test(arguments: [false, true])
    func randomChangesMatchTheReference(singleScalarWords: Bool) {
        // Few distinct scalars, so words share prefixes, nodes gain children late, and the
        // child filter (scalar % 11) sees collisions.
        let alphabet: [UInt32] = [0x4E2D, 0x56FD, 0x4EBA, 0x6C11, 0x4E2D + 11, 0x4E2D + 22, 0x5171]
        var rng = Generator(state: singleScalarWords ? 0x5EED : 0xC0FFEE)
        var lexicon = Lexicon()
        var live = Set<String>()
        func randomWord() -> String {
            let length = Int.random(in: (singleScalarWords ? 1 : 2)...5, using: &rng)
            let scalars = (0..<length).map { _ in Unicode.Scalar(alphabet.randomElement(using: &rng)!)! }
            return String(String.UnicodeScalarView(scalars))
        }
        for round in 0..<60 {
            for _ in 0..<8 {
                let word = randomWord()
                lexicon.insert(.init(word: word, origin: .user(file: "test")))
                live.insert(word)
            }
            for _ in 0..<3 {
                guard let word = live.randomElement(using: &rng) else { break }
                let removed = lexicon.remove(word)
                #expect(removed)
                live.remove(word)
            }
            let text = (0..<40).map { _ in alphabet.randomElement(using: &rng)! }
            let got = Self.matches(lexicon, in: text)
            let expected = Self.reference(live, in: text)
            #expect(got == expected, "round \(round)")
            if got != expected { return }
            // The branch-free filter pass keeps every position where a word starts.
            let candidates = Set(Self.candidates(lexicon, in: text))
            let starts = Set(expected.indices.filter { !expected[$0].isEmpty })
            #expect(starts.isSubset(of: candidates), "round \(round)")
            // From a candidate, the walk that skips the filter it passed finds the same words.
            let fromCandidates = Self.matches(lexicon, in: text, at: candidates.sorted())
            #expect(fromCandidates == candidates.sorted().map { expected[$0] }, "round \(round)")
        }
    }
}
