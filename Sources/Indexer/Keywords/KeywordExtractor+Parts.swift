/// Parts of long terms (the eighth round): a long dictionary term often names, inside it, the
/// document's recurring unit — 新冠 in 新冠肺炎疫情, 三中全会 in 十九届三中全会, 退役军人 in
/// 退役军人事务部 — which the precise mode never gives as a candidate of those occurrences.
/// Written by the segtool team.
extension KeywordExtractor {
    /// The parts of `term` (UTF-8 Han text) that `standing` knows — the document's
    /// candidates that stand alone somewhere in it, by their index — of two characters or
    /// more and shorter than the term, keeping only the longest of nested ones (in
    /// 退役军人事务部 with 退役军人 and 军人 both standing alone: 退役军人). Each index once.
    static func standingParts(of term: UnsafeBufferPointer<UInt8>, standing: (UnsafeBufferPointer<UInt8>) -> Int?) -> [Int] {
        // Character boundaries (Han text: three or four bytes a character).
        var bounds: [Int] = [0]
        var at = 0
        while at < term.count {
            let lead = term[at]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            at += length
            guard at <= term.count else { return [] }
            bounds.append(at)
        }
        let n = bounds.count - 1
        guard n >= 3 else { return [] }
        // Found spans, longest first, so a span inside one already kept is skipped.
        var kept: [(Int, Int, Int)] = []
        var length = n - 1
        while length >= 2 {
            for s in 0...(n - length) {
                let e = s + length
                if kept.contains(where: { $0.0 <= s && e <= $0.1 }) { continue }
                let part = UnsafeBufferPointer(rebasing: term[bounds[s]..<bounds[e]])
                if let index = standing(part), !kept.contains(where: { $0.2 == index }) { kept.append((s, e, index)) }
            }
            length -= 1
        }
        return kept.map(\.2)
    }
}
