import Synchronization

/// Phrases across the index's word boundaries (issue 12, defect 1).
///
/// Positions are where words start, so a phrase whose words the index has at their own
/// starts matches. A document may have cut the phrase's text otherwise: "的 核" sits in 的|核心,
/// "领导 人" in 领导人员 (sub-words 领导, 人员), "科 学院" in 科学院 (科学, 学院). There the index
/// has, at a phrase word's start, a *longer* term that starts with the word, or no term at
/// the phrase's start but one before it that ends with its first words. So each phrase
/// gets further readings (variants of its family: a document matches any, scored by the
/// best) where one word is replaced by a longer term of the index:
/// - the last word by any such term (what follows the phrase is free);
/// - another word by a term that agrees with the phrase's text after the word: it ends at a
///   later word's start (the words it covers are dropped: its own text checks them) or runs
///   past the phrase's end (the words after it are dropped).
/// - the first words by a term that ends with the phrase's text up to a word's end and starts
///   before the phrase (作为|促进 for "为 促进"; 各省区 for "省 区"): the words it covers are
///   dropped, the others keep their places after it.
/// Every character of the phrase is still checked by a term at its position, so every hit
/// contains the phrase. The longer terms come from the segments' sorted term tables (a binary
/// search and a scan of the terms with that prefix) and, for endings, a table of the terms by
/// last character that a reader builds on first use; per word, the `maxPerWord` most frequent
/// that fit are taken, at most `maxPerPhrase` readings in all (a cap on the query's cost).
enum PhraseExpansion {
    /// Most longer terms tried in place of one word of a phrase.
    static let maxPerWord = 24
    /// Most further readings of one phrase, its readings as typed included (the last word's first).
    static let maxPerPhrase = 64
    /// Most longer terms of one word considered (the most frequent), before those that do not
    /// agree with the phrase are passed over.
    static let maxConsidered = 256

    /// `query` with the further readings of its phrases (exclusions stay as written). The
    /// index's longer terms of a word are looked up once per `cache` (a reader's: its
    /// segments do not change).
    static func expand(_ query: Query, segments: [SegmentReader], cache: PhraseTermCache = PhraseTermCache()) -> Query {
        // The index's terms that start (or end) with `text`, other than it, most frequent first.
        func terms(_ text: String, ending: Bool) -> [String] {
            let key = PhraseTermCache.Key(text: TermKey(text), ending: ending)
            if let list = cache.lists.withLock({ $0[key] }) { return list }
            // Each segment's terms come in term order; several segments' are merged by their
            // bytes (no copies: the bytes are the mapped term tables').
            var found: [(bytes: UnsafeRawBufferPointer, df: Int)] = []
            let bytes = Array(text.utf8)
            for segment in segments {
                if ending {
                    segment.forEachTerm(endingWith: bytes) { term, df in found.append((term, df)) }
                } else {
                    segment.forEachTerm(startingWith: bytes) { term, df in found.append((term, df)) }
                }
            }
            if segments.count > 1 {
                found.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
                var merged: [(bytes: UnsafeRawBufferPointer, df: Int)] = []
                for item in found {
                    if let last = merged.last, last.bytes.elementsEqual(item.bytes) {
                        merged[merged.count - 1].df += item.df
                    } else {
                        merged.append(item)
                    }
                }
                found = merged
            }
            found.removeAll { $0.bytes.elementsEqual(bytes) }
            found.sort { $0.df != $1.df ? $0.df > $1.df : $0.bytes.lexicographicallyPrecedes($1.bytes) }
            let list = found.prefix(maxConsidered).map { String(decoding: $0.bytes, as: UTF8.self) }
            cache.lists.withLock { lists in
                if lists.count >= PhraseTermCache.capacity { lists.removeAll(keepingCapacity: true) }
                lists[key] = list
            }
            return list
        }
        func longer(_ word: String) -> [String] { terms(word, ending: false) }
        func ending(_ text: String) -> [String] { terms(text, ending: true) }
        // A reading is added once: not when the group (as written, or with the readings
        // added so far) has the same terms at the same offsets.
        struct Key: Hashable {
            let terms: [TermKey]
            let offsets: [Int]
            init(_ clause: Query.Clause) {
                terms = clause.terms.map(TermKey.init)
                offsets = clause.offsets
            }
        }
        var out = query
        for g in query.groups.indices {
            var group: [Query.Clause] = []
            guard query.groups[g].contains(where: \.isPhrase) else {
                out.groups[g] = query.groups[g]
                continue
            }
            // A group met before (in this reader) expands as it did then.
            let groupKey = PhraseTermCache.GroupKey(query.groups[g])
            if let expanded = cache.groups.withLock({ $0[groupKey] }) {
                out.groups[g] = expanded
                continue
            }
            var seen = Set(query.groups[g].map(Key.init))
            var added = 0  // further readings of the current phrase (its readings as typed share the cap)
            for clause in query.groups[g] {
                group.append(clause)
                guard clause.isPhrase else { continue }
                if !clause.isVariant { added = 0 }
                for variant in variants(of: clause, longer: longer, ending: ending) where added < maxPerPhrase {
                    guard seen.insert(Key(variant)).inserted else { continue }
                    group.append(variant)
                    added += 1
                }
            }
            out.groups[g] = group
            cache.groups.withLock { groups in
                if groups.count >= PhraseTermCache.capacity { groups.removeAll(keepingCapacity: true) }
                groups[groupKey] = group
            }
        }
        return out
    }

    /// The readings of `clause` with one word replaced by a longer term (see the type's note).
    static func variants(of clause: Query.Clause, longer: (String) -> [String], ending: (String) -> [String]) -> [Query.Clause] {
        let words = clause.terms, offsets = clause.offsets
        let n = words.count
        guard n > 0, offsets.count == n else { return [] }
        let lengths = words.map { $0.unicodeScalars.count }
        // Whether word j+1 starts where word j ends (no punctuation between them).
        func adjacent(_ j: Int) -> Bool { j + 1 < n && offsets[j + 1] == offsets[j] + lengths[j] }
        var out: [Query.Clause] = []
        func add(_ terms: [String], _ offsets: [Int]) {
            var variant = Query.Clause(terms: terms, isPhrase: true, offsets: offsets)
            variant.isVariant = true
            out.append(variant)
        }
        // The first words at the end of a longer term: a term that ends with the phrase's
        // text up to a word's end (作为|促进 for "为 促进", 各省区 for "省 区").
        func suffixes() {
            var text = "", j = 0
            while out.count < maxPerPhrase {
                text += words[j]
                let end = offsets[j] - offsets[0] + lengths[j]
                var taken = 0
                for term in ending(text) where taken < maxPerWord && out.count < maxPerPhrase {
                    let before = term.unicodeScalars.count - end
                    guard before > 0 else { continue }
                    add([term] + words[(j + 1)...], [0] + offsets[(j + 1)...].map { $0 - offsets[0] + before })
                    taken += 1
                }
                guard adjacent(j) else { break }
                j += 1
            }
        }
        for i in (0..<n).reversed() where out.count < maxPerPhrase {
            if i == n - 2 || (n == 1 && i == 0) { suffixes() }
            // The phrase's text from word i's end to the end of its unbroken run.
            var rest: [Unicode.Scalar] = []
            var ends: [Int] = Array(repeating: .max, count: n)  // word j's end, in rest (.max past a break)
            var j = i
            while adjacent(j) {
                rest += words[j + 1].unicodeScalars
                j += 1
                ends[j] = rest.count
            }
            let reachesEnd = j == n - 1
            var taken = 0
            for term in longer(words[i]) where taken < maxPerWord && out.count < maxPerPhrase {
                let tail = Array(term.unicodeScalars.dropFirst(lengths[i]))
                // The term must go on as the phrase does; past the phrase's end anything goes,
                // past a break (punctuation) nothing. The words it covers whole are dropped;
                // one it covers in part keeps its place (its rest is checked by its own term).
                let overlap = min(tail.count, rest.count)
                guard i == n - 1 || (Array(tail.prefix(overlap)) == Array(rest.prefix(overlap)) && (tail.count <= rest.count || reachesEnd))
                else { continue }
                let kept = Array(0...i) + (i + 1..<n).filter { ends[$0] > tail.count }
                add(kept.map { $0 == i ? term : words[$0] }, kept.map { offsets[$0] - offsets[kept[0]] })
                taken += 1
            }
        }
        return out
    }
}

/// What `PhraseExpansion` found in one reader's segments (they do not change while it
/// lives): the longer terms of phrase words, and the expanded groups of phrases, so that a
/// word or phrase met again costs a table look-up, not a scan of the term tables and the
/// building of its readings; and the queries with phrases prepared for a search
/// (`PreparedQuery`). Each table is emptied when it holds `capacity` entries.
final class PhraseTermCache: Sendable {
    struct Key: Hashable {
        let text: TermKey
        /// Terms that end with `text` (else: that start with it).
        let ending: Bool
    }
    /// A query group as written: its clauses' terms, offsets and kinds.
    struct GroupKey: Hashable {
        let terms: [[TermKey]]
        let offsets: [[Int]]
        let kinds: [UInt8]
        init(_ group: [Query.Clause]) {
            terms = group.map { $0.terms.map(TermKey.init) }
            offsets = group.map(\.offsets)
            kinds = group.map { ($0.isPhrase ? 1 : 0) | ($0.isVariant ? 2 : 0) }
        }
    }
    /// Most entries held per table.
    static let capacity = 4096
    let lists = Mutex<[Key: [String]]>([:])
    let groups = Mutex<[GroupKey: [Query.Clause]]>([:])
    /// Prepared queries with phrases (`IndexReader.prepare`), emptied at `planCapacity`.
    let plans = Mutex<[PreparedQuery.Key: PreparedQuery]>([:])
    /// Most prepared queries held.
    static let planCapacity = 256
    /// MaxScore's window accumulators not in use (`borrowWindow`), at most `windowsKept`.
    let windows = Mutex<[WindowScratch]>([])
    static let windowsKept = 16
}

/// A term as a hashing key by its UTF-8 bytes: terms are the index's own bytes (the
/// analyzer normalized them), so byte equality is the index's; hashing a `String` would
/// first check its Unicode normalization (several times the cost for Chinese text).
struct TermKey: Hashable {
    let term: String

    init(_ term: String) { self.term = term }

    static func == (a: TermKey, b: TermKey) -> Bool { a.term.utf8.elementsEqual(b.term.utf8) }

    func hash(into hasher: inout Hasher) {
        var term = term
        term.withUTF8 {
            hasher.combine($0.count)
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
        }
    }
}
