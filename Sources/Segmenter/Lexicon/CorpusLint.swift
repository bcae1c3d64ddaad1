/// Measures, on a corpus, what each dictionary entry does to ICU's words: where its help
/// *joins* them (习|近平 → 习近平) and where it *cuts* them (石嘴|山市 → 石嘴山|市公安局).
///
/// One segmentation pass: each chunk is segmented once with the whole lexicon, and every
/// dictionary token of the result is judged against the chunk's ICU words (after the number
/// and date rules: the segmentation the resolver would keep without any dictionary word)
/// and against the other dictionary words found at the same places. A token
/// - **joins** when it starts and ends on ICU word boundaries and covers two or more ICU words;
/// - is **whole** when it is one ICU word (the entry adds its tag, nothing else);
/// - **cuts** when it starts or ends inside an ICU word (unless what it leaves of that word
///   is a lone word of its own: 在|学懂… where ICU read 在学 is a repair; or the cut lies
///   between two words that reread ICU's word: 内蒙古|包头市 where ICU read 蒙古包, but a
///   place's level character only for 委 or 长, 浙江|省委书记 and not 合肥|市检察院), or
///   strips a neighbour: another dictionary word along ICU's boundaries would have joined
///   the token before it with the token's first characters (石嘴山市 in 石嘴山|市公安局,
///   各级党委 in 各级|党委政府), or the token's last characters with the token after it,
///   in a reading of as few words (not 国家机关|事务|管理局 against 国家|机关事务管理局, nor
///   a second pair of entries: 中共中央政治局|常委会). In an overlap of two entries the one
///   that won is blamed; the example names the other.
///
/// An entry that cuts more often than it joins is *harmful*: without it, the corpus would
/// keep more of ICU's words than it gains.
///
/// ICU's dictionary lacks some common words (委员|会, 电|动|车), and an entry that joins such
/// pieces may be a fragment of the longer word (中央委员|会, 心|连心, 幸福河|湖). That is
/// counted apart, for review: an occurrence (a join or whole) *strands* a neighbour when the
/// token next to it is a lone character that ICU read alone too (not a word of its own such
/// as 的 or 在, a level prefix such as 省 or 市, or a classifier such as 届 or 个), and the
/// same character on the same side is left so in at least `strandShare` of the entry's
/// occurrences; an entry most of whose occurrences strand is a *fragment* candidate. (A
/// single-character verb before a term strands it too, so candidates need a look.)
///
/// An entry may also be a *piece* of a longer term that neither dictionary holds, the piece
/// joining ICU's words as it should (经合组织 in 亚太|经合组织, APEC, where ICU reads
/// 亚太|经合|组织): every occurrence is a join, and nothing is stranded. Such an entry mostly
/// occurs with the same neighbour on one side: the token next to it (亚太), or, when that is
/// a lone character, the run of lone characters there (亚|太), of two or more characters, all
/// Han, not all function characters (`的`, `在`: see `Worker.standalone`), not starting with
/// a numeral or 第. An entry whose occurrences have the same such neighbour on one side in at
/// least `pieceShare` of them, and at least `pieceMinimum` times, is a *piece* candidate,
/// reported with the neighbour, its count and examples. (A term usually preceded by a place
/// or a body is a candidate too — 粤港澳|大湾区 — and may be right as it is: a review list.)
///
/// ```swift
/// var lint = CorpusLint(segmenter: try Segmenter())
/// lint.add("石嘴山市公安局发布通报")
/// for entry in lint.harmful() { print(entry.entry.word, entry.cuts, entry.joins) }
/// ```
public struct CorpusLint {
    /// How a dictionary token cut ICU's words.
    public enum Cut: String, Sendable, CaseIterable {
        /// It starts inside an ICU word.
        case startsInsideWord = "starts inside an ICU word"
        /// It ends inside an ICU word.
        case endsInsideWord = "ends inside an ICU word"
        /// Another dictionary word would have joined its first characters to the token before it.
        case stripsPrevious = "takes the end of the word before it"
        /// Another dictionary word would have joined its last characters to the token after it.
        case stripsNext = "takes the start of the word after it"
        /// It leaves the same lone character before it in many of its occurrences.
        case strandsPrevious = "leaves the character before it alone"
        /// It leaves the same lone character after it in many of its occurrences.
        case strandsNext = "leaves the character after it alone"
        /// It mostly follows the same neighbour (a piece candidate's example).
        case followsSameNeighbour = "mostly follows the same word"
        /// It mostly precedes the same neighbour (a piece candidate's example).
        case precedesSameNeighbour = "mostly precedes the same word"
    }

    /// The share of an entry's occurrences in which the same lone character must be left
    /// next to it for those occurrences to count as strands (see the type's summary).
    public static let strandShare = 0.2

    /// The share of an entry's occurrences that must have the same neighbour on one side for
    /// the entry to be a piece candidate (see the type's summary).
    public static let pieceShare = 0.8

    /// A neighbour seen on the same side of an entry in many of its occurrences: the entry is
    /// perhaps a piece of the longer term `neighbour + entry` or `entry + neighbour`.
    public struct Piece: Sendable, Hashable {
        /// The neighbour's text (a token, or a run of lone characters).
        public var neighbour: String
        /// The neighbour comes after the entry (else before it).
        public var after: Bool
        /// The occurrences with that neighbour on that side.
        public var count: Int
        /// The first of them, in context.
        public var examples: [Example]
        /// The longer term it suggests: `亚太` before `经合组织` as `"亚太+经合组织"`.
        public func joined(to word: String) -> String { after ? word + "+" + neighbour : neighbour + "+" + word }
    }

    /// One occurrence, in context.
    public struct Example: Sendable, Hashable {
        /// The segmentation around it, tokens separated by `|`, the entry's token in brackets.
        public var tokens: String
        /// ICU's words over the same text, separated by `|`.
        public var icu: String
        /// How it cut ICU's words (nil for a join).
        public var cut: Cut?
        /// For a strip, the dictionary word it took the characters from.
        public var other: String?
    }

    /// What one entry did in the corpus.
    public struct EntryReport: Sendable {
        /// The entry.
        public var entry: Lexicon.Entry
        /// Occurrences that joined two or more ICU words.
        public var joins: Int
        /// Occurrences that were one ICU word.
        public var whole: Int
        /// Occurrences that cut an ICU word or stripped a neighbour.
        public var cuts: Int
        /// Joins and whole occurrences that left a lone character next to it, the same in at
        /// least `strandShare` of its occurrences (a part of `joins + whole`).
        public var strands: Int
        /// Those characters, with the side: `会` after, `心` before are `"…会"`, `"心…"`.
        public var strandedCharacters: [String]
        /// The first cuts met, in context, then the first strands.
        public var cutExamples: [Example]
        /// The first join met, in context.
        public var joinExample: Example?
        /// Cuts more often than it joins.
        public var isHarmful: Bool { cuts > joins }
        /// Strands in at least half of its occurrences: likely a fragment of a longer word.
        public var isFragment: Bool { strands > 0 && 2 * strands >= occurrences }
        /// Every occurrence.
        public var occurrences: Int { joins + whole + cuts }
        /// The neighbours seen on one side in at least `pieceShare` of its occurrences and
        /// `pieceMinimum` times, most first (empty for most entries).
        public var pieces: [Piece] = []
        /// Likely a piece of a longer term: it mostly occurs beside the same neighbour.
        public var isPiece: Bool { !pieces.isEmpty }
    }

    /// The segmenter whose lexicon is judged.
    public let segmenter: Segmenter
    /// How many cuts of each entry are kept as examples.
    public let examplesPerEntry: Int
    /// How many occurrences with the same neighbour make a piece candidate (at least 2).
    public let pieceMinimum: Int
    /// Texts added.
    public private(set) var texts = 0
    /// Unicode scalars segmented.
    public private(set) var scalars = 0

    // Per entry id: counts and examples (grown as ids are met).
    private var joins: [Int32] = []
    private var whole: [Int32] = []
    private var cuts: [Int32] = []
    private var cutExamples: [Int32: [Example]] = [:]
    private var joinExamples: [Int32: Example] = [:]
    /// Per entry id, per lone neighbour (`Strand.key`): the joins and whole occurrences that
    /// left it alone, and their first examples.
    private var strands: [Int32: [UInt64: Strand]] = [:]

    /// Per entry, side and neighbour (a 64-bit hash of the three): the occurrences with that
    /// neighbour there.
    private var neighbourCounts: [UInt64: Int32] = [:]
    /// The same keys, once they reach `pieceMinimum`: the entry, side, text and examples.
    private var neighbours: [UInt64: Neighbour] = [:]

    private struct Neighbour {
        var id: Int32
        var after: Bool
        var text: String
        var examples: [Example] = []
    }

    private struct Strand {
        var joins: Int32 = 0
        var whole: Int32 = 0
        var examples: [Example] = []
        /// Side (1 after, 0 before) and character.
        static func key(after: Bool, _ scalar: UInt32) -> UInt64 { (after ? 1 << 32 : 0) | UInt64(scalar) }
    }

    /// Level prefixes, left alone before a term by the granularity standard (县|纪委书记),
    /// and classifiers, left alone after a numeral (第十四届|全国人民代表大会).
    private static let notStranded = ScalarSet("省市县区州盟旗乡镇村个届次批位名项条家种件场轮期号份座所台辆只")

    /// - Parameters:
    ///   - segmenter: the segmenter (with its lexicon) to judge.
    ///   - examplesPerEntry: how many cuts of each entry to keep as examples.
    ///   - pieceMinimum: how many occurrences with the same neighbour make a piece candidate
    ///     (2 at least).
    public init(segmenter: Segmenter, examplesPerEntry: Int = 3, pieceMinimum: Int = 10) {
        self.segmenter = segmenter
        self.examplesPerEntry = max(0, examplesPerEntry)
        self.pieceMinimum = max(2, pieceMinimum)
    }

    /// Segments `text` and counts what its dictionary tokens did.
    public mutating func add(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            // A Swift String is valid UTF-8, so this cannot throw.
            try? add(utf8: bytes)
        }
    }

    /// Segments UTF-8 bytes and counts what their dictionary tokens did.
    /// - Throws: `SegmenterError.invalidUTF8` with the offset of the first bad byte (what
    ///   came before it is counted).
    public mutating func add(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(SegmenterError) {
        texts += 1
        let segmenter = self.segmenter  // a copy (it shares the engine): self changes below
        try segmenter.forEachChunk(bytes) { worker, chunk in
            scalars += worker.scalars.count
            judge(worker, chunk)
        }
    }

    /// Every entry that occurred, most cuts first (then by word).
    public var entries: [EntryReport] {
        var out: [EntryReport] = []
        var pieces: [Int32: [Piece]] = [:]
        for (key, n) in neighbours {
            let i = Int(n.id), count = Int(neighbourCounts[key] ?? 0)
            let total = Double(joins[i] + whole[i] + cuts[i])
            if Double(count) >= Self.pieceShare * total {
                pieces[n.id, default: []].append(Piece(neighbour: n.text, after: n.after, count: count, examples: n.examples))
            }
        }
        for i in joins.indices where joins[i] + whole[i] + cuts[i] > 0 {
            let id = Int32(i)
            var report = EntryReport(
                entry: segmenter.lexicon.entry(at: id), joins: Int(joins[i]), whole: Int(whole[i]),
                cuts: Int(cuts[i]), strands: 0, strandedCharacters: [],
                cutExamples: cutExamples[id] ?? [], joinExample: joinExamples[id])
            report.pieces = (pieces[id] ?? []).sorted { ($0.count, $1.neighbour) > ($1.count, $0.neighbour) }
            let total = Double(report.occurrences)
            // The lone neighbours frequent enough to say the entry is a fragment, most first.
            let frequent = (strands[id] ?? [:])
                .filter { Int($0.value.joins + $0.value.whole) >= 2 && Double($0.value.joins + $0.value.whole) >= Self.strandShare * total }
                .sorted { ($0.value.joins + $0.value.whole, $1.key) > ($1.value.joins + $1.value.whole, $0.key) }
            for (key, strand) in frequent {
                // (An occurrence with a lone character on both sides may count twice.)
                report.strands = min(report.strands + Int(strand.joins + strand.whole), report.joins + report.whole)
                let character = String(UnicodeScalar(UInt32(key & 0xFFFF_FFFF)).map(Character.init) ?? "?")
                report.strandedCharacters.append(key >> 32 == 1 ? "…" + character : character + "…")
                for e in strand.examples where report.cutExamples.count < examplesPerEntry {
                    report.cutExamples.append(e)
                }
            }
            out.append(report)
        }
        return out.sorted { ($0.cuts, $1.entry.word) > ($1.cuts, $0.entry.word) }
    }

    /// The entries that cut more often than they join, with at least `minimumCuts` cuts; most
    /// cuts first.
    public func harmful(minimumCuts: Int = 1) -> [EntryReport] {
        entries.filter { $0.isHarmful && $0.cuts >= minimumCuts }
    }

    /// Dictionary tokens seen in all: joins, whole, cuts, and the strands among the joins and
    /// whole ones (as in `entries`).
    public var totals: (joins: Int, whole: Int, cuts: Int, strands: Int) {
        entries.reduce(into: (0, 0, 0, 0)) { t, r in
            t.0 += r.joins
            t.1 += r.whole
            t.2 += r.cuts
            t.3 += r.strands
        }
    }

    // MARK: Judging one chunk

    private mutating func judge(_ w: borrowing Worker, _ chunk: UnsafeBufferPointer<UInt8>) {
        let n = w.scalars.count
        let segments = w.segments, segOf = w.segOf, path = w.path
        let matchFirst = w.matchFirst, matches = w.matches
        /// Is `i` a boundary between ICU words (base segments)?
        func boundary(_ i: Int) -> Bool { i <= 0 || i >= n || Int(segments[Int(segOf[i])].start) == i }
        /// Is there a dictionary word from `start` to `end`?
        func match(from start: Int, to end: Int) -> Bool {
            var m = Int(matchFirst[start])
            let mEnd = Int(matchFirst[start + 1])
            while m < mEnd {
                if Int(matches[m].end) == end { return true }
                m += 1
            }
            return false
        }
        /// Does the other reading leave scalars[a..<b] of the token as a word, or with a
        /// lone character among its pieces?
        func leavesWordOrLone(_ a: Int, _ b: Int) -> Bool {
            guard b - a >= 2 else { return false }
            if match(from: a, to: b) || !boundary(a) || !boundary(b) { return true }
            var s = Int(segOf[a])
            if Int(segments[s].end) == b { return true }
            while s < w.segCount, Int(segments[s].start) < b {
                if segments[s].end - segments[s].start == 1 { return true }
                s += 1
            }
            return false
        }
        var start = 0
        for k in 0..<w.pathCount {
            let step = path[k]
            let end = Int(step.end)
            defer { start = end }
            let id = step.edge
            guard id >= 0 else { continue }
            let i = Int(id)
            if i >= joins.count {
                let grown = max(i + 1, 2 * joins.count, 1024)
                joins.grow(toAtLeast: grown, with: 0)
                whole.grow(toAtLeast: grown, with: 0)
                cuts.grow(toAtLeast: grown, with: 0)
            }
            var cut: Cut?
            var other: (Int, Int)?
            // A boundary that `rereads` judged is not asked again as a strip.
            var reread = (start: false, end: false)
            if !boundary(start) {
                // Unless what it leaves of that ICU word is a lone word of its own (在|学懂…
                // where ICU read 在学): a repair of ICU's word, as the resolver intends; or the
                // cut lies between two words (see `rereads`).
                let s0 = Int(segments[Int(segOf[start])].start)
                if rereads(w, before: k, at: start) {
                    reread.start = true
                } else if !(start - s0 == 1 && Worker.standalone.contains(w.scalars[s0])) {
                    cut = .startsInsideWord
                }
            }
            if cut == nil, !boundary(end) {
                let e1 = Int(segments[Int(segOf[end])].end)
                if rereads(w, before: k + 1, at: end) {
                    reread.end = true
                } else if !(e1 - end == 1 && Worker.standalone.contains(w.scalars[end])) {
                    cut = .endsInsideWord
                }
            }
            // A strip: a dictionary word along ICU's boundaries would have joined the token
            // before it with the token's first characters (石嘴山市 for 石嘴山|市公安局,
            // 创新理论 for 创新|理论武装), or the token's last characters with the token after it.
            // Only when that other reading is a reading in as few words: what it leaves of the
            // token is one word (公安局, 武装), or pieces among which is a lone character
            // (国|务 in 国务|委员会 against 国务委员|会) — not one character (会 in
            // 中共中央政治局常委 against 中共中央|政治局常委会, 机 in 总装 against 总|装机), nor
            // several words (事务|管理局 in 国家机关 against 国家|机关事务管理局) — and not both
            // readings are pairs of dictionary words overlapping by two or more characters
            // (中共中央|政治局常委会 against 中共中央政治局|常委会): either is terms.
            if cut == nil, k > 0, !reread.start {
                let previous = k > 1 ? Int(path[k - 2].end) : 0
                if boundary(previous) {
                    var m = Int(matchFirst[previous])
                    while m < Int(matchFirst[previous + 1]) {
                        let e = Int(matches[m].end)
                        if e > start && e < end && boundary(e) && leavesWordOrLone(e, end)
                            && !(path[k - 1].edge >= 0 && e - start >= 2 && match(from: e, to: end)) {
                            cut = .stripsPrevious
                            other = (previous, e)
                            break
                        }
                        m += 1
                    }
                }
            }
            if cut == nil, k + 1 < w.pathCount, !reread.end {
                let next = Int(path[k + 1].end)
                if boundary(next) {
                    for s in (start + 1)..<max(start + 1, end) where boundary(s) && match(from: s, to: next)
                        && leavesWordOrLone(start, s) && !(path[k + 1].edge >= 0 && end - s >= 2 && match(from: start, to: s)) {
                        cut = .stripsNext
                        other = (s, next)
                        break
                    }
                }
            }
            if let cut {
                cuts[i] += 1
                if examplesPerEntry > 0, cutExamples[id, default: []].count < examplesPerEntry {
                    var e = example(w, chunk, token: k, cut: cut)
                    if let (a, b) = other { e.other = text(w, chunk, a, b) }
                    cutExamples[id, default: []].append(e)
                }
            } else {
                let joined = segOf[end - 1] != segOf[start]
                if joined {
                    joins[i] += 1
                    if joinExamples[id] == nil { joinExamples[id] = example(w, chunk, token: k, cut: nil) }
                } else {
                    whole[i] += 1
                }
                // A lone character left beside it, which ICU read alone too.
                if k > 0, start >= 1, Int(segments[Int(segOf[start - 1])].start) == start - 1,
                   (k == 1 ? 0 : Int(path[k - 2].end)) == start - 1 {
                    noteStrand(w, chunk, id: id, token: k, scalar: w.scalars[start - 1], after: false, joined: joined)
                }
                if k + 1 < w.pathCount, Int(path[k + 1].end) == end + 1, Int(segments[Int(segOf[end])].end) == end + 1 {
                    noteStrand(w, chunk, id: id, token: k, scalar: w.scalars[end], after: true, joined: joined)
                }
            }
            if k > 0 { noteNeighbour(w, chunk, id: id, token: k, after: false) }
            if k + 1 < w.pathCount { noteNeighbour(w, chunk, id: id, token: k, after: true) }
        }
    }

    /// Counts the neighbour of token `k` (an entry's) on one side: the token there, or the run
    /// of lone characters there (up to 4), when it is a neighbour as the type's summary says.
    private mutating func noteNeighbour(
        _ w: borrowing Worker, _ chunk: UnsafeBufferPointer<UInt8>, id: Int32, token k: Int, after: Bool
    ) {
        let path = w.path
        /// Token `j`'s span.
        func span(_ j: Int) -> (Int, Int) { (j == 0 ? 0 : Int(path[j - 1].end), Int(path[j].end)) }
        var (a, b) = span(after ? k + 1 : k - 1)
        if b - a == 1 {
            // A run of lone characters, away from the entry.
            var j = after ? k + 1 : k - 1
            while b - a < 4 {
                j += after ? 1 : -1
                guard j >= 0, j < w.pathCount else { break }
                let (c, d) = span(j)
                guard d - c == 1, ScalarClass.isHan(w.scalars[c]), !Worker.standalone.contains(w.scalars[c]) else { break }
                if after { b = d } else { a = c }
            }
            if b - a < 2 { return }
        }
        let first = w.scalars[a]
        if ScalarClass.isHanNumeral(first) || first == 0x7B2C { return }  // 第
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var function = true
        for i in a..<b {
            let v = w.scalars[i]
            guard ScalarClass.isHan(v) else { return }
            if function && !Worker.standalone.contains(v) { function = false }
            hash = (hash ^ UInt64(v)) &* 0x100_0000_01B3
        }
        if function { return }
        let key = (hash ^ (UInt64(UInt32(bitPattern: id)) << 1 | (after ? 1 : 0))) &* 0x9E37_79B9_7F4A_7C15
        func bump(_ c: inout Int32) -> Int32 {
            c += 1
            return c
        }
        let count = Int(bump(&neighbourCounts[key, default: 0]))
        // Text and examples once it reaches the minimum: most neighbours never do.
        guard count >= pieceMinimum, count < pieceMinimum + max(1, examplesPerEntry) else { return }
        if count == pieceMinimum {
            neighbours[key] = Neighbour(id: id, after: after, text: text(w, chunk, a, b))
        }
        if count - pieceMinimum < examplesPerEntry {
            let e = example(w, chunk, token: k, cut: after ? .precedesSameNeighbour : .followsSameNeighbour)
            neighbours[key]?.examples.append(e)
        }
    }

    /// Is the cut at `at`, inside an ICU word, between tokens `k - 1` and `k`, a rereading of
    /// that ICU word as two words rather than a cut? It is when each of the two tokens is a
    /// word of two or more characters whose other end lies on ICU's boundaries, and
    /// - both are words: dictionary words, or the one before a pair of characters from two
    ///   ICU words that the resolver joined because ICU's dictionary holds it (内蒙古|包头市
    ///   where ICU read 内|蒙古包|头|市, 家国|情怀 against 家|国情|怀, the pair 法官 in
    ///   法官|员额制 against 法|官员|额|制) — not a piece of one ICU word (共产 in
    ///   越南|共产|党中央 against 越南|共产党|中央);
    /// - but when the cut takes a level character that ICU glued to the word before
    ///   (浙江省|委|书记, 合肥市|检察|院), only if the token after, a dictionary word, begins
    ///   with that level's committee or head (省委 in 浙江|省委书记, as in 陕西|省委; 市长):
    ///   PKU words, so the level character belongs to the term, and the token before is the
    ///   place's name that ICU's word leaves (浙江). A body that only the level character
    ///   prefixes (合肥|市检察院) stays a cut, whatever the word before.
    private func rereads(_ w: borrowing Worker, before k: Int, at cut: Int) -> Bool {
        guard k >= 1, k < w.pathCount else { return false }
        let a = k >= 2 ? Int(w.path[k - 2].end) : 0
        let b = Int(w.path[k].end)
        guard cut - a >= 2, b - cut >= 2 else { return false }
        func boundary(_ i: Int) -> Bool { i <= 0 || i >= w.scalars.count || Int(w.segments[Int(w.segOf[i])].start) == i }
        guard boundary(a), boundary(b) else { return false }
        guard w.path[k].edge >= 0 else { return false }
        // A level character taken from the end of ICU's word (浙江省|委, 合肥市|检察院): only
        // before 委 or 长.
        if Int(w.segments[Int(w.segOf[cut])].end) == cut + 1, Self.levels.contains(w.scalars[cut]) {
            return Self.levelTerms.contains(w.scalars[cut + 1])
        }
        return w.path[k - 1].edge >= 0 || (w.path[k - 1].edge == Worker.Edge.remainder && w.segOf[a] != w.segOf[cut])
    }

    /// Level characters that ICU glues to a place's name (浙江省), and the characters after
    /// one that make a word of it (省委, 市长).
    private static let levels = ScalarSet("省市县区州")
    private static let levelTerms = ScalarSet("委长")

    private mutating func noteStrand(
        _ w: borrowing Worker, _ chunk: UnsafeBufferPointer<UInt8>, id: Int32, token k: Int,
        scalar: UInt32, after: Bool, joined: Bool
    ) {
        guard ScalarClass.isHan(scalar), !Worker.standalone.contains(scalar), !Self.notStranded.contains(scalar) else { return }
        let key = Strand.key(after: after, scalar)
        var strand = strands[id, default: [:]][key, default: Strand()]
        if joined { strand.joins += 1 } else { strand.whole += 1 }
        if strand.examples.count < examplesPerEntry {
            strand.examples.append(example(w, chunk, token: k, cut: after ? .strandsNext : .strandsPrevious))
        }
        strands[id, default: [:]][key] = strand
    }

    /// Token `k` of the worker's path with two tokens either side, and ICU's words over the
    /// same text.
    private func example(_ w: borrowing Worker, _ chunk: UnsafeBufferPointer<UInt8>, token k: Int, cut: Cut?) -> Example {
        let first = max(0, k - 2), last = min(w.pathCount - 1, k + 2)
        var ends: [Int] = []
        for j in first...last { ends.append(Int(w.path[j].end)) }
        let spanStart = first > 0 ? Int(w.path[first - 1].end) : 0
        let spanEnd = ends.last ?? spanStart
        func text(_ a: Int, _ b: Int) -> String { self.text(w, chunk, a, b) }
        var tokens: [String] = []
        var a = spanStart
        for (j, e) in zip(first...last, ends) {
            tokens.append(j == k ? "[" + text(a, e) + "]" : text(a, e))
            a = e
        }
        // ICU's words from the one holding the span's start to the one holding its end.
        var icu: [String] = []
        var s = Int(w.segOf[spanStart])
        while s < w.segCount, Int(w.segments[s].start) < spanEnd {
            icu.append(text(Int(w.segments[s].start), Int(w.segments[s].end)))
            s += 1
        }
        return Example(tokens: tokens.joined(separator: "|"), icu: icu.joined(separator: "|"), cut: cut)
    }

    /// The chunk's text from scalar `a` to scalar `b`, line breaks and tabs as spaces.
    private func text(_ w: borrowing Worker, _ chunk: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> String {
        let lo = w.byteOffsets[a], hi = w.byteOffsets[b]
        return String(decoding: UnsafeBufferPointer(rebasing: chunk[lo..<hi]), as: UTF8.self)
            .map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : String($0) }.joined()
    }
}

extension Segmenter {
    /// Segments `bytes` (precise mode) as `segment(utf8:)` does, and hands `body` the worker
    /// after each chunk: its scalars, ICU words (`segments`), dictionary matches and resolved
    /// path describe the chunk's bytes, which come with it. Nothing for ICU alone.
    func forEachChunk(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (borrowing Worker, UnsafeBufferPointer<UInt8>) -> Void
    ) throws(SegmenterError) {
        if icuOnly { return }
        var tokens: [Token] = []
        _ = try run(bytes, trusted: false, mode: .precise, byteBase: 0, scalarBase: 0, into: &tokens) { worker, chunk in
            if !worker.scalars.isEmpty { body(worker, chunk) }
        }
    }
}
