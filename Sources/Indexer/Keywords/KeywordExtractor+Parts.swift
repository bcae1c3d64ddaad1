/// Parts of long terms (the eighth round): a long dictionary term often names, inside it, the
/// document's recurring unit — 疫情 in 疫情防控, 三中全会 in 十九届三中全会, 民主党派 in
/// 民主党派中央 — which the precise mode never gives as a candidate of those occurrences.
/// Only the dictionary's words take them (`partsFromDictionary`: ICU's 全会, 卫生, 东部 inside
/// terms were judged mostly not good). Written by the segtool team.
extension KeywordExtractor {
    /// The parts of `term` (Han text, three bytes a character; any other gives none) that
    /// `standing` knows — the document's candidates that stand alone somewhere in it, by
    /// their index — of two characters or more and shorter than the term, keeping only the
    /// longest of nested ones (in 十九届三中全会 with 三中全会 and 中全会 both standing alone:
    /// 三中全会), each index once. `kept` is scratch space (start, end, index), reused across
    /// calls so that no call allocates; the result is its indices.
    /// `ends` (when not empty) is a filter of the standing words' first and last characters
    /// (`markEnds`): a span whose ends it lacks is not looked up.
    static func standingParts(of term: UnsafeBufferPointer<UInt8>, kept: inout [(Int, Int, Int)], ends: [UInt64] = [],
                              standing: (UnsafeBufferPointer<UInt8>) -> Int?) {
        kept.removeAll(keepingCapacity: true)
        guard term.count % 3 == 0, term.count >= 9 else { return }
        var at = 0
        while at < term.count {
            guard term[at] & 0xF0 == 0xE0 else { return }
            at += 3
        }
        let n = term.count / 3
        // Longest first, so a span inside one already kept is skipped.
        var length = n - 1
        while length >= 2 {
            for s in 0...(n - length) {
                let e = s + length
                if !ends.isEmpty && !(hasEnd(ends, term, at: 3 * s, last: false) && hasEnd(ends, term, at: 3 * e - 3, last: true)) {
                    continue
                }
                if kept.contains(where: { $0.0 <= s && e <= $0.1 }) { continue }
                if let index = standing(UnsafeBufferPointer(rebasing: term[(3 * s)..<(3 * e)])),
                    !kept.contains(where: { $0.2 == index }) {
                    kept.append((s, e, index))
                }
            }
            length -= 1
        }
    }

    /// The bit of a character (three bytes at `at`) as a first (`last` false) or last character
    /// in a 2 × 1,024-bit filter.
    @inline(__always)
    private static func endBit(_ w: UnsafeBufferPointer<UInt8>, at: Int, last: Bool) -> Int {
        let value = Int(w[at] & 0x0F) << 12 | Int(w[at + 1] & 0x3F) << 6 | Int(w[at + 2] & 0x3F)
        return (value & 1023) + (last ? 1024 : 0)
    }

    /// Marks a standing word's first and last characters in `ends` (32 words; Han text of two
    /// characters or more, three bytes each; others are not marked and so never found).
    static func markEnds(_ ends: inout [UInt64], _ w: UnsafeBufferPointer<UInt8>) {
        guard w.count >= 6, w.count % 3 == 0 else { return }
        let a = endBit(w, at: 0, last: false), b = endBit(w, at: w.count - 3, last: true)
        ends[a >> 6] |= 1 << UInt64(a & 63)
        ends[b >> 6] |= 1 << UInt64(b & 63)
    }

    @inline(__always)
    private static func hasEnd(_ ends: [UInt64], _ w: UnsafeBufferPointer<UInt8>, at: Int, last: Bool) -> Bool {
        let bit = endBit(w, at: at, last: last)
        return ends[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}
