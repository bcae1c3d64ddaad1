#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Segmenter

/// A keyword of a document, with its weight.
public struct Keyword: Hashable, Sendable {
    public var word: String
    public var weight: Double
}

/// The keywords of a document, by TF-IDF or TextRank, as jieba offers them.
///
/// Candidates are the precise-mode words of the document, normalized, without punctuation,
/// numbers, stop words and (unless `allowSingle`) single characters; with `tags`, only words
/// whose dictionary tag is one of them.
///
/// - TF-IDF: `weight(w) = (1 + ln tf(w)) · idf(w) · g · n · t · l`: tf the word's occurrences in
///   the document, idf from the `IDFTable` (or the collection's index), the table's median for
///   unknown words; `g` = `genericWeight` for the words of `GenericWords` (推进, 建设, 发展 …),
///   dictionary words tagged as titles or general words (`generalTags`), words of up to
///   `predicateLength` characters whose predicate share in the IDF table is at least
///   `predicateShareLimit` (verbs and adjectives by their neighbours in the corpus: 忽略, 兴奋;
///   not names) and other words that end in a verb complement (送上, 做起); `n` = `nameWeight`
///   for dictionary words tagged as names (nr, ns, nt, nz, j) and for the names the segmenter
///   joined (`isJoinedWord`: 李连成, 阿鲁瓦利亚), while a word it joined with a suffix (`isSuffixWord`: 世界观, 积极性) counts
///   as generic, as does a word of three characters or more in 性, 式 or 量 (`endsWithGeneralSuffix`:
///   针对性, 开幕式, 吞吐量); `t` = `titleWeight` for words that also occur in the
///   document's title (optionally, in a news item, also for a word met twice or more inside
///   the title without being one of its words: 人大 in 全国人大, `titlePartTF`, off by
///   default); `l` = `twoCharacterWeight` for words of two characters, times
///   `onceWeight` for one met once, not in the title, that no dictionary gives and the
///   segmenter did not join (新近, 公用: a short item's rare filler); each is 1 otherwise. A word seen twice or more with the same lone
///   character beside it, unknown to the IDF table, is taken with that character (玛莉|亚 →
///   玛莉亚): a name the segmenter split; so is a rare two-character word after the same
///   surname every time (陈|立群), and three lone characters starting with a surname
///   (王|志|宏), when they recur, and a bilateral abbreviation of two lone characters (中|塔,
///   柬|中, 加|方) when a word of the document starts with its country's character
///   (`KeywordExtractor+Names.swift`). Two candidates always side
///   by side, twice or more, each with an idf of at least `phrasePartIDF` and neither generic
///   nor a numeral with its classifier, are one phrase (马里|乌波尔, 刑事|豁免权), as TextRank's
///   post-processing joins adjacent keywords. In a text of at most `partTextBytes` bytes, a
///   dictionary term of `partTermLength` characters or more (not an official title) lends its
///   occurrences to the longest of its dictionary parts that also stand alone in the text
///   (三中全会 in 十九届三中全会, 民主党派 in 民主党派中央; `KeywordExtractor+Parts.swift`). In a
///   text of at most `pairTextBytes` bytes, two adjacent candidates that `pairs` holds
///   (超级|计算机, 户外|运动), met twice or more and not always beside the same Han token, are a
///   candidate of their own with the table's idf; their words keep their occurrences
///   (`KeywordExtractor+Pairs.swift`).
///   Words ICU gives in Chinese numerals (一九, 十八) are
///   numbers; plurals and pronouns in 们 and ordinals (第十三届, 第二次) are no candidates
///   (`isFrameWord`, `KeywordExtractor+Frame.swift`). The logarithm keeps a long report's most frequent words (which are its most
///   generic) from crowding out its specific terms; weights compare within one document, not
///   across documents. Judged blind by hand on 40 corpus documents not seen while changing it,
///   precision@10 went from .32 to .44 (jieba .31), then to .57 on a new sample (jieba .34),
///   then from .60 to .61 with the predicate share on a sixth (jieba .32), and with the
///   rebuilt names, phrases and the two-character factor from .49 to .51 on an eighth (jieba
///   .28), with the bilateral abbreviations from .540 to .547 on a ninth (jieba .30), and with
///   the plurals, ordinals, general suffixes and frame words .610 → .605 on a tenth (jieba .33),
///   with the parts of long terms .617 → .625 on an eleventh (jieba .36), with the two-word
///   terms .790 → .797 on a twelfth (jieba .39; another judge), with `onceWeight` .610 → .614
///   on the mean of five older samples (their stored judgements, not blind) and .505 → .505
///   on a thirteenth, blind, with words inside the title (`titlePartTF`, left off) .630 → .633 on a fourteenth, blind
///   (another judge); see
///   Benchmarks/RESULTS.md, "Keywords judged".
/// - TextRank: an undirected graph of candidates, an edge weighted by how often two candidates
///   occur within `window` candidates of each other; PageRank (d = 0.85, 20 iterations);
///   weights scaled so that the best is 1.
public struct KeywordExtractor: Sendable {
    public var analyzer: Analyzer
    public var idf: IDFTable
    public var allowSingle: Bool
    public var tags: Set<String>?
    /// TF-IDF: the factor of a generic word (`GenericWords`, general dictionary tags, verb
    /// complements; 1: no penalty).
    public var genericWeight = 0.3
    /// TF-IDF: the factor of a dictionary word tagged as a name (nr, ns, nt, nz, j).
    public var nameWeight = 1.5
    /// TF-IDF: the factor of a word that also occurs in the title given to `tfidf(_:title:top:)`.
    public var titleWeight = 2.0
    /// TF-IDF: in a text of at most `titlePartTextBytes` bytes, a word met at least this many
    /// times that is no word of the title but lies inside it (人大 in 全国人大常委会, 就业 in
    /// 就业创业工作表彰大会, 宪法 in 宪法宣誓仪式) counts as in the title (0, the default: never).
    /// Off by default: at 2 it moved one keyword on a blind sample (.630 → .633), brought parts
    /// of the title's own words into lists (常委会, 政协, 全会) and cost 0.4% more instructions
    /// (Benchmarks/RESULTS.md, kw21).
    public var titlePartTF = 0
    /// TF-IDF: words inside the title count as in it only in texts of at most this many bytes
    /// (news items; in a report they are its most general words: 省政府, 共和国, 社会主义).
    public var titlePartTextBytes = 6_000
    /// TF-IDF: a word of at most `predicateLength` characters whose predicate share in the IDF
    /// table (`IDFTable.predicateShares`) is at least this weighs as a generic word (1: never):
    /// a verb or adjective (慷慨, 忽略, 停滞), which no list of ours can hold all of.
    public var predicateShareLimit = 0.05
    /// TF-IDF: the longest word (in characters) the predicate share can make generic; longer
    /// words are terms (全面深化改革 comes after 要 and 不断 as a verb phrase does).
    public var predicateLength = 4
    /// TF-IDF: two candidates always side by side are joined into a phrase only when each
    /// has at least this idf (∞: never): 人间|正道, 刑事|豁免权, 马里|乌波尔, but not 北京|开幕,
    /// 位于|北纬, 大型|画册, whose common part is a frame around a term, not a piece of one.
    public var phrasePartIDF = 3.5
    /// TF-IDF: the factor of a word of two characters (1: none). Judged, the two-character
    /// words among the top ten were good 39% of the time, longer ones 77–85%: most of a short
    /// item's filler (低估, 心意, 卡片) is two characters long, most terms are longer.
    public var twoCharacterWeight = 0.7
    /// TF-IDF: the further factor of a word of two characters met once, not in the title,
    /// that no dictionary gives and the segmenter did not put together (1: none). Judged, such
    /// words among a short item's top ten were good 12% of the time (新近, 闭门, 公用: a rare
    /// word met once is rare filler), while the words they kept out were good a third of the time.
    public var onceWeight = 0.7
    /// TF-IDF: a two-character word after the same surname every time is taken as a given
    /// name only when its idf is at least this (立群 8.2; not 高铁 3.8 in 池黄|高铁).
    public var givenNameIDF = 6.0
    /// TF-IDF: a dictionary term of at least this many characters lends its occurrences to
    /// the longest of its parts that also stand alone in the document (0: never).
    public var partTermLength = 4
    /// TF-IDF: parts of long terms are counted only in texts of at most this many bytes
    /// (news items; a long report's parts are its most general words: 社会主义, 邓小平).
    public var partTextBytes = 6_000
    /// TF-IDF: whether only a dictionary's words take a long term's occurrences (ICU's
    /// general words inside terms — 全会, 卫生, 东部 — do not).
    public var partsFromDictionary = true
    /// TF-IDF: two adjacent words that `pairs` holds are taken as one keyword, when they recur
    /// as a unit, only in texts of at most this many bytes (news items; 0: never).
    public var pairTextBytes = 6_000
    /// TF-IDF: the two-word terms (`KeywordExtractor+Pairs.swift`; the built-in table by default).
    public var pairs = KeywordPairs.builtin

    /// Stop words by their bytes, for the hot path.
    private let stopTable: WordTable
    /// Generic words by their bytes.
    private let genericTable: WordTable
    /// The dictionary words whose tag changes their weight, by their bytes: 1 for a name tag
    /// (`nameTags`), 2 for a general one (`generalTags`). Taken from the segmenter given to
    /// `init` (~9,000 entries: about a millisecond), so that no word is looked up in the
    /// lexicon's trie while extracting.
    private let tagTable: WordTable

    /// The dictionary tags that mark a name: person, place, organization, other proper term,
    /// abbreviation.
    static let nameTags: Set<String> = ["nr", "ns", "nt", "nz", "j"]

    /// - Parameters:
    ///   - segmenter: how to get words (precise mode).
    ///   - idf: the IDF table.
    ///   - stopWords: words never reported.
    ///   - allowSingle: whether single characters may be keywords.
    ///   - tags: only dictionary words with these tags, when given.
    ///   - genericWords: words whose TF-IDF weight is multiplied by `genericWeight`
    ///     (`GenericWords.builtin` by default; empty for none).
    public init(
        segmenter: Segmenter, idf: IDFTable, stopWords: Set<String>, allowSingle: Bool = false, tags: Set<String>? = nil,
        genericWords: Set<String> = GenericWords.builtin
    ) {
        analyzer = Analyzer(segmenter: segmenter, mode: .precise, stopWords: stopWords, keepNumbers: false)
        self.idf = idf
        self.allowSingle = allowSingle
        self.tags = tags
        stopTable = WordTable(analyzer.stopWords.map { (Array($0.utf8), 1) })
        genericTable = WordTable(genericWords.map { (Array(Analyzer.normalize($0).utf8), 1) })
        var tagged: [([UInt8], Double)] = []
        let nameTags = Self.nameTags, generalTags = Self.generalTags
        segmenter.lexicon.forEachTaggedEntry { word, tag in
            let kind: Double = nameTags.contains(tag) ? 1 : generalTags.contains(tag) ? 2 : 0
            if kind > 0 { tagged.append((Array(Analyzer.normalize(word).utf8), kind)) }
        }
        tagTable = WordTable(tagged)
    }

    /// A distinct candidate word in the hot path: where its bytes are (`start` < 0: at
    /// −start−1 in the normalized words' buffer, else in the text), their hash, and its tf.
    private struct Candidate {
        var hash: UInt64
        var start: Int
        var count: Int
        var tf: Int
        /// Its `WordTable.key`: equal keys are equal words, unless both are long.
        var low: UInt64
        var high: UInt64
        /// Whether a dictionary gave it (only those have tags).
        var fromDictionary = false
        /// Whether the segmenter joined it from ICU's pieces (`isJoinedWord`): a name, or a
        /// word with its suffix.
        var joined = false
        /// Whether it also occurs in the title.
        var inTitle = false
        /// The single character next to every occurrence on the left (right): its scalar
        /// value, 0 before the first occurrence, `noNeighbour` when the neighbours differ or
        /// one is not a lone character (see `loneCharacter`).
        var left: UInt32 = 0
        var right: UInt32 = 0
        /// Its length in characters.
        var scalars = 0
        /// Whether it was put together from pieces (a name of three lone characters), so it
        /// counts only when it recurs.
        var rebuilt = false
        /// The candidate right before every occurrence (its index in the distinct
        /// candidates), −1 before the first occurrence, −2 when they differ or one occurrence
        /// has none.
        var previous: Int32 = -1
        /// For a bilateral abbreviation put together from two lone characters (中|塔, 加|方):
        /// its country's character; else 0.
        var partner: UInt32 = 0
        /// For a two-word term of `pairs`: its idf there; else 0.
        var pairIDF: Double = 0

        /// A candidate of two adjacent candidates' bytes `word`, from `start` in the text (a
        /// phrase, a two-word term): its key and hash from the bytes, no one neighbour on either
        /// side and no one candidate before it.
        init(composite word: UnsafeBufferPointer<UInt8>, start: Int, tf: Int, scalars: Int) {
            let (low, high) = WordTable.key(word)
            self.init(hash: TermInterner.hash(word), start: start, count: word.count, tf: tf, low: low, high: high)
            self.scalars = scalars
            left = KeywordExtractor.noNeighbour
            right = KeywordExtractor.noNeighbour
            previous = -2
        }

        init(hash: UInt64, start: Int, count: Int, tf: Int, low: UInt64, high: UInt64) {
            self.hash = hash
            self.start = start
            self.count = count
            self.tf = tf
            self.low = low
            self.high = high
        }
    }

    /// `Candidate.left`/`right` when there is no one lone character beside every occurrence.
    static let noNeighbour = UInt32.max

    /// Two adjacent candidates are joined into a phrase only while the phrase is at most this
    /// long (in characters).
    static let longestPhrase = 8

    /// TF-IDF on raw bytes: candidates are byte ranges of the text (or, for the few words
    /// that normalization changes, of a side buffer), counted in a small open-addressing table
    /// of their hashes in order of first occurrence; no String is made until the result.
    /// Equal weights rank by first occurrence, then by word in the output. Words of `title`
    /// that are candidates of the text are marked (a word only in the title is not one).
    private func tfidfFast(_ text: String, title: String?, top k: Int) -> [Keyword] {
        var copy = text
        let titleWords = title.map { titleCandidates($0) } ?? []
        return copy.withUTF8 { bytes -> [Keyword] in
            // One allocation each, sized from the text (a token has at least one byte).
            var tokens: [Token] = []
            tokens.reserveCapacity(bytes.count / 2 + 8)
            // A segmenter that folds Traditional characters gives the folded text too: words are
            // then the folded ones (as the index's terms), so their IDF is found.
            var foldedText: [UInt32] = []
            if analyzer.segmenter.folding == .none {
                _ = try? analyzer.segmenter.segment(utf8: bytes, mode: .precise, into: &tokens)
            } else {
                try? analyzer.segmenter.segment(utf8: bytes, mode: .precise, into: &tokens, folded: &foldedText)
            }
            var normalized: [UInt8] = []
            var distinct: [Candidate] = []
            distinct.reserveCapacity(tokens.count / 2 + 4)
            var slotCount = 16
            // Never full, so a probe always ends: at most one candidate a token (a name of three
            // lone characters takes their place), one merge with a lone character each, one
            // phrase for every two — fewer than 2.5 a token.
            while slotCount < tokens.count * 3 { slotCount <<= 1 }
            var slots = [Int32](repeating: -1, count: slotCount)
            let mask = slotCount - 1
            var total = 0

            func withWord<R>(_ c: Candidate, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
                if c.start >= 0 { return body(UnsafeBufferPointer(rebasing: bytes[c.start..<c.start + c.count])) }
                let at = -c.start - 1
                return normalized.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[at..<at + c.count])) }
            }
            /// A candidate put together from lone tokens, `first` through `last` (a bilateral
            /// abbreviation, a name of lone characters); nil when it is a stop word.
            func pieced(_ first: Token, through last: Token, scalars: Int) -> Candidate? {
                let start = first.utf8Range.lowerBound, end = last.utf8Range.upperBound
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let (low, high) = WordTable.key(word)
                var c = Candidate(hash: TermInterner.hash(word), start: start, count: end - start, tf: 1, low: low, high: high)
                c.scalars = scalars
                c.left = Self.noNeighbour
                c.right = Self.noNeighbour
                c.previous = -2
                return stopTable.value(for: word, low: low, high: high, hash: c.hash) == nil ? c : nil
            }
            /// Counts a candidate (`tf` more occurrences of a known one); its index.
            func add(_ candidate: Candidate) -> Int {
                var slot = Int(truncatingIfNeeded: candidate.hash) & mask
                while true {
                    let at = slots[slot]
                    if at < 0 {
                        slots[slot] = Int32(distinct.count)
                        distinct.append(candidate)
                        return distinct.count - 1
                    }
                    let other = distinct[Int(at)]
                    if other.hash == candidate.hash && other.low == candidate.low && other.high == candidate.high
                        && (other.high != WordTable.longMark
                            || withWord(other, { a in withWord(candidate) { a.elementsEqual($0) } })) {
                        distinct[Int(at)].tf += candidate.tf
                        if distinct[Int(at)].left != candidate.left { distinct[Int(at)].left = Self.noNeighbour }
                        if distinct[Int(at)].right != candidate.right { distinct[Int(at)].right = Self.noNeighbour }
                        if distinct[Int(at)].previous != candidate.previous { distinct[Int(at)].previous = -2 }
                        return Int(at)
                    }
                    slot = (slot + 1) & mask
                }
            }
            // The token and distinct index of the last counted candidate (for `previous`).
            var lastToken = -2
            var lastCandidate: Int32 = -2
            // Whether a bilateral abbreviation was counted.
            var pairs = false
            // Two-word terms of `self.pairs` met in a news item (KeywordExtractor+Pairs.swift).
            let twoWordTerms = self.pairs.count > 0 && bytes.count <= pairTextBytes
            var pairOccurrences: [PairOccurrence] = []

            for (index, token) in tokens.enumerated() {
                guard token.kind == .ideographic || token.kind == .letters else { continue }
                if !allowSingle && token.scalarRange.count < 2 {
                    // A bilateral abbreviation of two lone characters (中|塔, 柬|中, 加|方), kept
                    // if the document names the country (checked below).
                    if token.kind == .ideographic && foldedText.isEmpty && tags == nil,
                        let partner = Self.bilateralPartner(at: index, count: tokens.count, lone: { Self.loneCharacter(tokens[$0], bytes) }) {
                        if var pair = pieced(token, through: tokens[index + 1], scalars: 2) {
                            pair.partner = partner
                            total += 1
                            pairs = true
                            _ = add(pair)
                        }
                        continue
                    }
                    // A name of three lone characters (毕|井|泉), kept if it recurs.
                    if token.kind == .ideographic && foldedText.isEmpty && tags == nil
                        && Self.singleCharacterName(at: index, count: tokens.count, lone: { Self.loneCharacter(tokens[$0], bytes) }) {
                        if var name = pieced(token, through: tokens[index + 2], scalars: 3) {
                            name.joined = true
                            name.rebuilt = true
                            total += 1
                            _ = add(name)
                        }
                    }
                    continue
                }
                let raw = UnsafeBufferPointer(rebasing: bytes[token.utf8Range])
                if token.source == .rule && !Self.isJoinedWord(raw) { continue }
                if Self.endsWithParticle(raw) { continue }
                if token.source == .icu && Self.isChineseNumber(raw) { continue }
                var candidate: Candidate
                if !foldedText.isEmpty || raw.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0xEF || $0 == 0xE3 }) {
                    var folded: [UInt8] = []
                    if !foldedText.isEmpty && token.scalarRange.upperBound <= foldedText.count {
                        foldedText.withUnsafeBufferPointer { Analyzer.appendTerm($0[token.scalarRange], to: &folded) }
                    } else {
                        folded = Array(Analyzer.normalize(String(decoding: raw, as: UTF8.self)).utf8)
                    }
                    let (h, (low, high)) = folded.withUnsafeBufferPointer { (TermInterner.hash($0), WordTable.key($0)) }
                    candidate = Candidate(hash: h, start: -normalized.count - 1, count: folded.count, tf: 1, low: low, high: high)
                    normalized.append(contentsOf: folded)
                } else {
                    let (low, high) = WordTable.key(raw)
                    candidate = Candidate(
                        hash: TermInterner.hash(raw), start: token.utf8Range.lowerBound, count: raw.count, tf: 1,
                        low: low, high: high)
                }
                candidate.fromDictionary = token.source == .builtinDictionary || token.source == .userDictionary
                // A plural or an ordinal is none, unless a dictionary names it (a place 图们).
                if Self.isFrameWord(raw) && !(candidate.fromDictionary && withWord(candidate, {
                    tagTable.value(for: $0, low: candidate.low, high: candidate.high, hash: candidate.hash) == 1
                })) { continue }
                candidate.joined = token.source == .rule
                candidate.scalars = token.scalarRange.count
                let left = index > 0 ? Self.loneCharacter(tokens[index - 1], bytes) : Self.noNeighbour
                let right = index + 1 < tokens.count ? Self.loneCharacter(tokens[index + 1], bytes) : Self.noNeighbour
                candidate.left = left
                candidate.right = right
                if withWord(candidate, {
                    stopTable.value(for: $0, low: candidate.low, high: candidate.high, hash: candidate.hash) != nil
                }) { continue }
                if let tags {
                    let w = withWord(candidate) { String(decoding: $0, as: UTF8.self) }
                    guard let tag = analyzer.segmenter.lexicon.entry(for: w)?.tag, tags.contains(tag) else { continue }
                }
                total += 1
                candidate.previous = lastToken == index - 1 ? lastCandidate : -2
                let first = candidate.previous
                lastCandidate = Int32(add(candidate))
                lastToken = index
                if twoWordTerms && first >= 0 {
                    // The first word's occurrence right before this one (`distinct` keeps its first).
                    let a = distinct[Int(first)], at = tokens[index - 1].utf8Range.lowerBound
                    if a.start >= 0 && candidate.start >= 0 && at + a.count == candidate.start
                        && withWord(a, { self.pairs.firsts.value(for: $0, low: a.low, high: a.high, hash: a.hash) != nil }) {
                        let word = UnsafeBufferPointer(rebasing: bytes[at..<candidate.start + candidate.count])
                        if let value = self.pairs.table.value(for: word, hash: TermInterner.hash(word)) {
                            pairOccurrences.append(PairOccurrence(
                                start: at, count: word.count, token: index - 1, first: first, second: lastCandidate, idf: value))
                        }
                    }
                }
            }
            guard total > 0 else { return [] }
            // A bilateral abbreviation counts only when a word of the document starts with its
            // country's character (中|塔 with 塔吉克斯坦, 加|方 with 加拿大); its two orders (中|柬,
            // 柬|中) are one candidate, in the order seen first; one in the title weighs as the
            // title's words do. It weighs as a word the IDF table does not know, or as the one
            // it knows (中|俄 where the segmenter joined 中俄 elsewhere), not as a name.
            if pairs {
                var named = Set<UInt32>()
                for c in distinct where c.partner == 0 && c.scalars >= 2 && c.start >= 0 && c.count >= 3 {
                    if let first = Self.threeByteScalar(UnsafeBufferPointer(rebasing: bytes[c.start..<c.start + 3]), 0),
                        Self.isCountryAbbreviation(first) {
                        named.insert(first)
                    }
                }
                var bilateral: [UInt32: Int] = [:]
                for i in distinct.indices where distinct[i].partner != 0 {
                    let c = distinct[i]
                    if !named.contains(c.partner) {
                        distinct[i].tf = 0
                        continue
                    }
                    // 中 is the first or the last character; 方 the last.
                    let sideWord = c.count >= 6 && Self.threeByteScalar(UnsafeBufferPointer(rebasing: bytes[c.start..<c.start + c.count]), c.count - 3) == Self.fang
                    if !sideWord {
                        if let first = bilateral[c.partner] {
                            distinct[first].tf += c.tf
                            distinct[i].tf = 0
                            continue
                        }
                        bilateral[c.partner] = i
                    }
                }
                for i in distinct.indices where distinct[i].partner != 0 && distinct[i].tf > 0 {
                    if let title, title.utf8.count >= distinct[i].count {
                        let c = distinct[i]
                        distinct[i].inTitle = Array(title.utf8).withUnsafeBufferPointer { t in
                            (0...(t.count - c.count)).contains { at in
                                bytes[c.start..<c.start + c.count].elementsEqual(t[at..<at + c.count])
                            }
                        }
                    }
                }
            }
            // Fragments: a word seen at least twice with the same lone character beside it
            // every time (玛莉|亚, 单|多吉, 同盟|国) is a piece of a word the segmenter did not
            // know, when the IDF table does not know the word but knows it with that character,
            // or knows neither; the candidate becomes the word with that character (counted
            // with the candidate of that word, if there is one). A known word beside a
            // character by chance (二|战|历史 twice) stays as it is.
            // A two-character word after the same surname every time (陈|立群) is a name even
            // when the table knows the word (the table's words are the segmenter's, pieces too).
            for i in distinct.indices where distinct[i].tf >= 2 && distinct[i].start >= 0 && distinct[i].scalars < Self.longestMerge {
                let c = distinct[i]
                var start = c.start, count = c.count
                var surnamed = false
                if c.right != Self.noNeighbour && c.right != 0 {
                    count += Self.utf8Length(c.right)
                } else if c.left != Self.noNeighbour && c.left != 0 {
                    start -= Self.utf8Length(c.left)
                    count += Self.utf8Length(c.left)
                    surnamed = c.scalars == 2 && !c.fromDictionary && Self.isSurname(c.left)
                        && withWord(c, { idf.idf(bytes: $0, low: c.low, high: c.high, hash: c.hash) }) >= givenNameIDF
                } else {
                    continue
                }
                guard start >= 0, start + count <= bytes.count else { continue }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<start + count])
                let (low, high) = WordTable.key(word)
                let hash = TermInterner.hash(word)
                let known = withWord(c) { idf.knows(bytes: $0, low: c.low, high: c.high, hash: c.hash) }
                if known && !surnamed && !idf.knows(bytes: word, low: low, high: high, hash: hash) { continue }
                var merged = Candidate(hash: hash, start: start, count: count, tf: c.tf, low: low, high: high)
                merged.scalars = c.scalars + 1
                merged.left = Self.noNeighbour
                merged.right = Self.noNeighbour
                merged.previous = -2
                merged.joined = surnamed
                distinct[i].tf = 0
                _ = add(merged)
            }
            /// The index of the candidate with these bytes, if there is one (no insertion).
            func find(_ w: UnsafeBufferPointer<UInt8>) -> Int? {
                let h = TermInterner.hash(w)
                let (low, high) = WordTable.key(w)
                var slot = Int(truncatingIfNeeded: h) & mask
                while slots[slot] >= 0 {
                    let at = Int(slots[slot])
                    let other = distinct[at]
                    if other.hash == h && other.low == low && other.high == high
                        && (high != WordTable.longMark || withWord(other, { $0.elementsEqual(w) })) {
                        return at
                    }
                    slot = (slot + 1) & mask
                }
                return nil
            }
            // Title words: find each in the table (no insertion).
            for word in titleWords {
                if let at = word.withUnsafeBufferPointer(find) { distinct[at].inTitle = true }
            }
            /// A dictionary word's tag (1: a name, 2: a general word), else nil.
            func tagKind(_ c: Candidate) -> Double? {
                c.fromDictionary ? withWord(c) { tagTable.value(for: $0, low: c.low, high: c.high, hash: c.hash) } : nil
            }
            /// Whether a candidate weighs as a generic word: a general tag, a word with its
            /// suffix, a predicate by its neighbours in the collection (after 不, 将, 很 …;
            /// before 了) unless the lexicon or the segmenter names it, a word of
            /// `GenericWords`, a verb with its complement.
            func isGeneral(_ c: Candidate, tagKind: Double?, suffixWord: Bool) -> Bool {
                if tagKind == 2 || suffixWord { return true }
                if c.scalars <= predicateLength && tagKind != 1 && !c.joined
                    && withWord(c, { idf.predicateShare(bytes: $0, low: c.low, high: c.high, hash: c.hash) }) >= predicateShareLimit {
                    return true
                }
                return withWord(c, { genericTable.value(for: $0, low: c.low, high: c.high, hash: c.hash) != nil })
                    || (!c.fromDictionary && withWord(c, { Self.endsWithComplement($0) }))
                    || (tagKind != 1 && withWord(c, { Self.endsWithGeneralSuffix($0) }))
            }
            // Phrases: two candidates always side by side — every occurrence of the second
            // right after one of the first, as many of each, at least twice — neither of them
            // generic, are one term of this document (人间|正道, 马里|乌波尔, 巴尔|米拉); the
            // pieces give way to it. A phrase with a name in it weighs as a name.
            let counted = distinct.count
            for b in 0..<counted where distinct[b].tf >= 2 && distinct[b].previous >= 0 && distinct[b].start >= 0 {
                let a = Int(distinct[b].previous)
                let first = distinct[a], second = distinct[b]
                guard a != b, first.tf == second.tf, first.start >= 0, first.start + first.count == second.start,
                    first.scalars + second.scalars <= Self.longestPhrase
                else { continue }
                // Not a piece of a longer name: no one lone character always before or after it
                // (海岸警卫|队, 沈|白高铁).
                if (first.left != Self.noNeighbour && first.left != 0) || (second.right != Self.noNeighbour && second.right != 0) {
                    continue
                }
                // A numeral with its classifier (一顶|帐篷) counts a thing, it names none.
                if withWord(first, { Self.startsWithNumeral($0) }) || withWord(second, { Self.startsWithNumeral($0) }) {
                    continue
                }
                if withWord(first, { idf.idf(bytes: $0, low: first.low, high: first.high, hash: first.hash) }) < phrasePartIDF
                    || withWord(second, { idf.idf(bytes: $0, low: second.low, high: second.high, hash: second.hash) }) < phrasePartIDF {
                    continue
                }
                let firstKind = tagKind(first), secondKind = tagKind(second)
                let firstSuffix = first.joined && withWord(first) { isSuffixWord($0) }
                let secondSuffix = second.joined && withWord(second) { isSuffixWord($0) }
                if isGeneral(first, tagKind: firstKind, suffixWord: firstSuffix)
                    || isGeneral(second, tagKind: secondKind, suffixWord: secondSuffix) {
                    continue
                }
                let word = UnsafeBufferPointer(rebasing: bytes[first.start..<second.start + second.count])
                var phrase = Candidate(composite: word, start: first.start, tf: first.tf, scalars: first.scalars + second.scalars)
                phrase.inTitle = first.inTitle || second.inTitle
                phrase.joined = firstKind == 1 || secondKind == 1 || (first.joined && !firstSuffix) || (second.joined && !secondSuffix)
                distinct[a].tf = 0
                distinct[b].tf = 0
                _ = add(phrase)
            }
            // Parts of long terms: a dictionary term of `partTermLength` characters or more
            // whose part also stands alone in the document (新冠 in 新冠肺炎疫情 and alone,
            // 三中全会 in 十九届三中全会 and alone) lends its occurrences to that part, the
            // document's recurring unit; of nested parts only the longest are counted.
            if partTermLength > 0 && bytes.count <= partTextBytes {
                var lent: [(Int, Int)] = []
                var kept: [(Int, Int, Int)] = []
                // The first and last characters of the words that may stand as parts, made when
                // the first long term is met.
                var ends: [UInt64] = []
                for i in 0..<distinct.count where distinct[i].tf > 0 && distinct[i].fromDictionary
                    && distinct[i].start >= 0 && distinct[i].scalars >= partTermLength {
                    let c = distinct[i]
                    // An official title (中央军委主席, 全国人大常委会委员长) lends nothing.
                    if tagKind(c) == 2 { continue }
                    if ends.isEmpty {
                        ends = [UInt64](repeating: 0, count: 32)
                        for p in distinct where p.tf > 0 && p.scalars >= 2 && (!partsFromDictionary || p.fromDictionary) {
                            withWord(p) { Self.markEnds(&ends, $0) }
                        }
                    }
                    Self.standingParts(of: UnsafeBufferPointer(rebasing: bytes[c.start..<c.start + c.count]), kept: &kept, ends: ends) { w in
                        find(w).flatMap { distinct[$0].tf > 0 && $0 != i && (!partsFromDictionary || distinct[$0].fromDictionary) ? $0 : nil }
                    }
                    for part in kept { lent.append((part.2, c.tf)) }
                }
                for (part, tf) in lent { distinct[part].tf += tf }
            }
            // Two-word terms: a pair of the table met twice or more in the item, both its words
            // still candidates (not joined into a phrase or a name), and no one Han token always
            // before or after it (a piece of a longer term), is a candidate of its own with the
            // table's idf; its words keep their occurrences. One with a name in it weighs as a name.
            if pairOccurrences.count >= 2 {
                pairOccurrences.sort { ($0.start, $0.token) < ($1.start, $1.token) }
                // Group equal pairs: same bytes (sorted by start, so compare each with the groups).
                var groups: [[PairOccurrence]] = []
                for o in pairOccurrences {
                    let word = bytes[o.start..<o.start + o.count]
                    if let g = groups.firstIndex(where: { $0[0].count == o.count && bytes[$0[0].start..<$0[0].start + o.count].elementsEqual(word) }) {
                        groups[g].append(o)
                    } else {
                        groups.append([o])
                    }
                }
                let titleBytes = title.map { Array($0.utf8) } ?? []
                for group in groups where group.count >= 2 {
                    let o = group[0]
                    let first = distinct[Int(o.first)], second = distinct[Int(o.second)]
                    guard first.tf > 0, second.tf > 0 else { continue }
                    if Self.pairIsPiece(group[...], offset: -1, tokens: tokens, bytes: bytes)
                        || Self.pairIsPiece(group[...], offset: 2, tokens: tokens, bytes: bytes) {
                        continue
                    }
                    let word = UnsafeBufferPointer(rebasing: bytes[o.start..<o.start + o.count])
                    var pair = Candidate(composite: word, start: o.start, tf: group.count, scalars: first.scalars + second.scalars)
                    pair.pairIDF = o.idf
                    pair.joined = tagKind(first) == 1 || tagKind(second) == 1
                    pair.inTitle = titleBytes.count >= o.count
                        && (0...(titleBytes.count - o.count)).contains { titleBytes[$0..<$0 + o.count].elementsEqual(word) }
                    _ = add(pair)
                }
            }
            var top = TopK<Int>(k)
            // Words inside the title (not its words) count as in it, when they recur (news items).
            let wholeTitle = titlePartTF > 0 && bytes.count <= titlePartTextBytes ? title.map { Array($0.utf8) } ?? [] : []
            // The most the factors after the title's can raise a weight (a name twice: a tag and a join).
            let partBound = max(1, nameWeight) * max(1, nameWeight) * max(1, twoCharacterWeight) * max(1, genericWeight)
            // A name put together from lone characters counts only when it recurs.
            for (i, c) in distinct.enumerated() where c.tf > 0 && (c.tf >= 2 || !c.rebuilt) {
                var weight = (1 + log(Double(c.tf)))
                    * (c.pairIDF > 0 ? c.pairIDF : withWord(c) { idf.idf(bytes: $0, low: c.low, high: c.high, hash: c.hash) })
                if c.inTitle {
                    weight *= titleWeight
                } else if titlePartTF > 0 && c.tf >= titlePartTF && c.count <= wholeTitle.count
                    // Looked for only when the title's factor could lift it into the top k.
                    && weight * titleWeight * partBound >= top.threshold
                    && withWord(c, { Self.contains(wholeTitle, $0) }) {
                    weight *= titleWeight
                }
                if c.scalars == 2 {
                    weight *= twoCharacterWeight
                    if c.tf == 1 && !c.inTitle && !c.fromDictionary && !c.joined && c.partner == 0 { weight *= onceWeight }
                }
                let kind = tagKind(c)
                if kind == 1 { weight *= nameWeight }
                // A word the segmenter joined: a word with its suffix (市民们, 积极性, 工作者)
                // is a general word; the rest are names (李连成, 阿鲁瓦利亚).
                let suffixWord = c.joined && withWord(c) { isSuffixWord($0) }
                if c.joined && !suffixWord { weight *= nameWeight }
                // What is left can only lower the weight: a word already below the tenth
                // is not looked up further.
                if genericWeight <= 1 && weight < top.threshold { continue }
                if isGeneral(c, tagKind: kind, suffixWord: suffixWord) { weight *= genericWeight }
                top.insert(i, score: weight, id: i)
            }
            return top.sorted().map {
                Keyword(word: withWord(distinct[$0.item]) { String(decoding: $0, as: UTF8.self) }, weight: $0.score)
            }
        }
    }

    /// The dictionary tags of words that are never a document's subject: official titles
    /// (nnt) and general words (verbs, adjectives, adverbs, idioms, numerals, classifiers,
    /// pronouns, time words). They weigh `genericWeight` as the generic words do.
    static let generalTags: Set<String> = ["nnt", "v", "a", "d", "i", "m", "q", "r", "t"]

    /// The suffixes of words the segmenter joins to the two-character word before them
    /// (积极|性, 世界|观, 工作|者, 市民|们, 交易|量, 加工|厂): the segmenter's own list (it had
    /// drifted: the general suffixes of the eleventh session made names of 流动量, 造船厂).
    static let suffixes: Set<UInt32> = Set(Segmenter.joinedWordSuffixes.unicodeScalars.map(\.value))

    /// Whether a joined word of three characters is a word with its suffix: its last
    /// character is one of `suffixes` and its first two are a word of the IDF table
    /// (积极性: 积极; 市民们: 市民), not the start of a name (李连成, 王志宏: 王志 is none).
    func isSuffixWord(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard w.count == 9 else { return false }
        let value = UInt32(w[6] & 0x0F) << 12 | UInt32(w[7] & 0x3F) << 6 | UInt32(w[8] & 0x3F)
        guard Self.suffixes.contains(value) else { return false }
        let stem = UnsafeBufferPointer(rebasing: w[0..<6])
        let (low, high) = WordTable.key(stem)
        return idf.knows(bytes: stem, low: low, high: high, hash: TermInterner.hash(stem))
    }

    /// Whether a word (not from a dictionary) ends in a directional or resultative complement
    /// (送上, 做起, 毁掉, 跑去, 推向, 培育出): the mark of a verb phrase, not of a term.
    @inline(__always)
    static func endsWithComplement(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard w.count >= 6 else { return false }
        let a = w[w.count - 3], b = w[w.count - 2], c = w[w.count - 1]
        guard a == 0xE4 || a == 0xE5 || a == 0xE6 || a == 0xE8 else { return false }
        switch (a, b, c) {
        // 上 E4 B8 8A, 下 E4 B8 8B, 起 E8 B5 B7, 出 E5 87 BA, 掉 E6 8E 89, 去 E5 8E BB,
        // 来 E6 9D A5, 到 E5 88 B0, 向 E5 90 91, 住 E4 BD 8F, 完 E5 AE 8C
        case (0xE4, 0xB8, 0x8A), (0xE4, 0xB8, 0x8B), (0xE8, 0xB5, 0xB7), (0xE5, 0x87, 0xBA), (0xE6, 0x8E, 0x89),
            (0xE5, 0x8E, 0xBB), (0xE6, 0x9D, 0xA5), (0xE5, 0x88, 0xB0), (0xE5, 0x90, 0x91), (0xE4, 0xBD, 0x8F),
            (0xE5, 0xAE, 0x8C):
            return true
        default:
            return false
        }
    }

    /// Whether a rule token is a word the segmenter joined from ICU's pieces (a person's or a
    /// transliterated name, a word with its suffix: all Han characters) rather than a number,
    /// a date, a code or an ordinal (第十二), which are no keywords.
    static func isJoinedWord(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard w.count >= 6, w.count % 3 == 0 else { return false }
        var at = 0
        while at < w.count {
            guard let value = threeByteScalar(w, at) else { return false }
            guard (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) else { return false }
            if at == 0 && value == 0x7B2C { return false }  // 第
            at += 3
        }
        return !isJoinedNumber(w)
    }

    /// Whether a rule token is a number the segmenter joined in Chinese numerals: numerals with
    /// 多, 余 or 几 after the first (十三亿多, 三百多万, 四五十), perhaps ending in a unit of date or
    /// time (二十号, 一九五八年, 九时). Such numbers are no keywords.
    static func isJoinedNumber(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        isNumerals(w, inner: approximations, last: dateAndTimeUnits)
    }

    /// Whether a word is a number written in Chinese numerals (一九, 十八, 二千), perhaps with
    /// 年 or 分 after it (一九八|二年, 百分|之): numbers are not keywords, and the rules join
    /// only Arabic digits. Asked of words ICU gives; a dictionary's (十四五, 两个确立) are terms.
    static func isChineseNumber(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        isNumerals(w, inner: [], last: yearAndFraction)
    }

    /// 〇 一 二 三 四 五 六 七 八 九 十 百 千 万 亿 两 零.
    static let numerals: [UInt32] = [0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                             0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24, 0x96F6]
    /// 多 余 几.
    private static let approximations: [UInt32] = [0x591A, 0x4F59, 0x51E0]
    /// 年 月 日 号 时 点 分 秒.
    private static let dateAndTimeUnits: [UInt32] = [0x5E74, 0x6708, 0x65E5, 0x53F7, 0x65F6, 0x70B9, 0x5206, 0x79D2]
    /// 年 分.
    private static let yearAndFraction: [UInt32] = [0x5E74, 0x5206]

    /// Whether `w` (two characters or more) is Chinese numerals, where after the first
    /// character one of `inner` may stand anywhere and one of `last` at the end.
    static func isNumerals(_ w: UnsafeBufferPointer<UInt8>, inner: [UInt32], last: [UInt32]) -> Bool {
        guard w.count >= 6, w.count % 3 == 0 else { return false }
        var at = 0
        while at < w.count {
            guard let value = threeByteScalar(w, at) else { return false }
            if !numerals.contains(value) {
                guard at > 0, inner.contains(value) || (at + 3 == w.count && last.contains(value)) else { return false }
            }
            at += 3
        }
        return true
    }

    /// The scalar of the three-byte UTF-8 sequence at `at` (the caller checked that three
    /// bytes are there), or nil when it is not one.
    @inline(__always)
    static func threeByteScalar(_ w: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        let a = w[at], b = w[at + 1], c = w[at + 2]
        guard a & 0xF0 == 0xE0 else { return nil }
        return UInt32(a & 0x0F) << 12 | UInt32(b & 0x3F) << 6 | UInt32(c & 0x3F)
    }

    /// Whether a word of two characters starts with a Chinese numeral (一顶, 两国, 十个): a
    /// numeral with its classifier, never part of a phrase.
    static func startsWithNumeral(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard w.count == 6, let value = threeByteScalar(w, 0) else { return false }
        switch value {
        // 一 二 三 四 五 六 七 八 九 十 两 几
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x4E24, 0x51E0:
            return true
        default:
            return false
        }
    }

    /// Fragments are joined to a neighbour only while shorter than this (in characters).
    static let longestMerge = 8

    /// The scalar value of `token` when it is one ideograph that can be a piece of a word
    /// (not a function character such as 的, 在, 和, 是), else `noNeighbour`.
    static func loneCharacter(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard token.kind == .ideographic, token.scalarRange.count == 1 else { return noNeighbour }
        let at = token.utf8Range.lowerBound
        let value: UInt32
        switch token.utf8Range.count {
        case 3:
            value = UInt32(bytes[at] & 0x0F) << 12 | UInt32(bytes[at + 1] & 0x3F) << 6 | UInt32(bytes[at + 2] & 0x3F)
        case 4:
            value = UInt32(bytes[at] & 0x07) << 18 | UInt32(bytes[at + 1] & 0x3F) << 12
                | UInt32(bytes[at + 2] & 0x3F) << 6 | UInt32(bytes[at + 3] & 0x3F)
        default:
            return noNeighbour
        }
        if value < 0x10000 && functionCharacterBits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 { return noNeighbour }
        return value
    }

    /// The UTF-8 length of a scalar value.
    private static func utf8Length(_ value: UInt32) -> Int {
        value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
    }

    /// Characters that stand alone as words (particles, prepositions, conjunctions, the
    /// copula, pronouns, measure words, negation and degree words): never the missing piece
    /// of a fragment.
    static let functionCharacters = "的地得了着过在和与及或是为对把被从向以于将等也都就还又并而之其不没很更最已所由因给让使到说要会能可有这那一个些每各该此两几多"

    /// `functionCharacters` as a bitmap over the Basic Multilingual Plane (8 KiB).
    private static let functionCharacterBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for scalar in functionCharacters.unicodeScalars where scalar.value < 0x10000 {
            bits[Int(scalar.value >> 6)] |= 1 << UInt64(scalar.value & 63)
        }
        return bits
    }()

    /// Whether `word` (two bytes or more) occurs in `text` (bytes).
    static func contains(_ text: [UInt8], _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= 2, word.count <= text.count else { return false }
        let first = word[0], second = word[1]
        return text.withUnsafeBufferPointer { t in
            for at in 0...(t.count - word.count) where t[at] == first && t[at + 1] == second {
                if t[at..<at + word.count].elementsEqual(word) { return true }
            }
            return false
        }
    }

    /// The distinct candidate words of a title, as normalized UTF-8 bytes.
    private func titleCandidates(_ title: String) -> [[UInt8]] {
        var seen = Set<[UInt8]>()
        var words: [[UInt8]] = []
        for word in candidates(title) {
            let bytes = Array(word.utf8)
            if seen.insert(bytes).inserted { words.append(bytes) }
        }
        return words
    }

    /// Whether a word ends in 的, 了, 着 or 过: ICU joins these particles to the word before
    /// (她的, 作了), which is never a keyword.
    @inline(__always)
    static func endsWithParticle(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard w.count >= 6 else { return false }
        let a = w[w.count - 3], b = w[w.count - 2], c = w[w.count - 1]
        // 的 E7 9A 84, 了 E4 BA 86, 着 E7 9D 80, 过 E8 BF 87
        return (a == 0xE7 && b == 0x9A && c == 0x84) || (a == 0xE4 && b == 0xBA && c == 0x86)
            || (a == 0xE7 && b == 0x9D && c == 0x80) || (a == 0xE8 && b == 0xBF && c == 0x87)
    }

    /// The candidate words of `text`, in order.
    public func candidates(_ text: String) -> [String] {
        analyzer.terms(in: text).compactMap { occurrence in
            guard occurrence.kind == .ideographic || occurrence.kind == .letters else { return nil }
            if !allowSingle && occurrence.term.unicodeScalars.count < 2 { return nil }
            let bytes = Array(occurrence.term.utf8)
            if bytes.withUnsafeBufferPointer({ Self.endsWithParticle($0) }) { return nil }
            if bytes.withUnsafeBufferPointer({ Self.isFrameWord($0) }),
                !(occurrence.source != .icu && occurrence.source != .rule
                    && Self.nameTags.contains(analyzer.segmenter.lexicon.entry(for: occurrence.term)?.tag ?? "")) {
                return nil
            }
            if occurrence.source == .rule && !bytes.withUnsafeBufferPointer({ Self.isJoinedWord($0) }) { return nil }
            if occurrence.source == .icu && bytes.withUnsafeBufferPointer({ Self.isChineseNumber($0) }) { return nil }
            if let tags {
                guard let tag = analyzer.segmenter.lexicon.entry(for: occurrence.term)?.tag, tags.contains(tag) else { return nil }
            }
            return occurrence.term
        }
    }

    /// The top `k` keywords by TF-IDF, best first; equal weights in the order the words first
    /// occur (as jieba's stable sort leaves them), so a top `k` is the first `k` of a longer top.
    /// - Parameters:
    ///   - text: the document.
    ///   - title: its title, if it has one: the text's words that occur in it weigh
    ///     `titleWeight` times as much.
    ///   - k: how many keywords.
    public func tfidf(_ text: String, title: String? = nil, top k: Int) -> [Keyword] {
        tfidfFast(text, title: title, top: k)
    }

    /// The top `k` keywords by TextRank, best first; equal weights in the order the words first
    /// occur, so a top `k` is the first `k` of a longer top.
    public func textRank(_ text: String, top k: Int, window: Int = 5, iterations: Int = 20) -> [Keyword] {
        let words = candidates(text)
        guard !words.isEmpty else { return [] }
        var index: [String: Int] = [:]
        var names: [String] = []
        for w in words where index[w] == nil {
            index[w] = names.count
            names.append(w)
        }
        let n = names.count
        var edges: [[Int: Double]] = Array(repeating: [:], count: n)
        for (i, w) in words.enumerated() {
            let a = index[w] ?? 0
            for j in (i + 1)..<min(words.count, i + max(window, 2)) {
                let b = index[words[j]] ?? 0
                if a == b { continue }
                edges[a][b, default: 0] += 1
                edges[b][a, default: 0] += 1
            }
        }
        // Neighbours in index order: sums in a fixed order give the same weights every run
        // (a dictionary's order changes from process to process).
        let neighbours = edges.map { $0.sorted { $0.key < $1.key } }
        let outWeight = neighbours.map { $0.reduce(0) { $0 + $1.value } }
        var score = Array(repeating: 1.0 / Double(n), count: n)
        let d = 0.85
        for _ in 0..<iterations {
            var next = Array(repeating: (1 - d) / Double(n), count: n)
            for a in 0..<n {
                for (b, w) in neighbours[a] where outWeight[b] > 0 {
                    next[a] += d * w / outWeight[b] * score[b]
                }
            }
            score = next
        }
        let best = score.max() ?? 1
        var top = TopK<String>(k)
        for i in 0..<n { top.insert(names[i], score: score[i] / (best > 0 ? best : 1), id: i) }
        return top.sorted().map { Keyword(word: $0.item, weight: $0.score) }
    }
}
