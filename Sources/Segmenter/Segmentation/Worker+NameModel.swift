import CLexiconData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chinese person names with no cue (issue 17 §3, thirteenth session, names19b): a surname and
/// one or two given-name characters that no title, byline, repetition or verb of saying
/// announces (谢文华带来的…, 村干部与张德顺商量…), joined when a small statistical model says the
/// characters are far likelier a name than words of their own.
///
/// The model (`NameModel`) is trained on our own text: `Benchmarks/scripts/name-model.py`
/// counts, over the corpus, in how many distinct names that the cue rules joined *with a cue in
/// the same line* each character is the surname or a given-name character, and how often ICU
/// leaves it as a word of its own; `Dictionaries/name-model.tsv` holds those counts (no corpus
/// text). A character's score is the log-likelihood ratio of the two: how much likelier it is
/// in a name's role than as one of ICU's single characters. A name is joined when the scores
/// of its surname and given characters add up to more than a margin (`NameModel.margin3`,
/// `margin2`), tuned on the corpus by judged samples of the changes, never on a gold set.
///
/// It is asked only where `personName` found a surname of ICU's single characters followed by
/// one or two given-name characters and no cue (so no per-token cost), and only:
/// - after the text's start, punctuation, a word of two characters or more, or a single
///   character that introduces a person (`Names.beforeModelName`: 与, 对, 为, 给, 把, 向 …) — not
///   after another single character, whose word the surname may end;
/// - before punctuation, the end, a function character (`Names.afterModelName`: 的, 和, 在, 是,
///   也, 就, 给 …) or a single character that an aspect particle follows (胡振邦|带|着); before
///   another single character the run may go on (潘|雪|考|上, 叶|青|守|着);
/// - before a word only for two given characters: after one, the given name often goes on
///   into the word (赵志|全力, 马培|清和).
extension NameJoiner {
    /// How many tokens from `i` (a surname at `start`, written up to `w`) the model takes as a
    /// name with up to `most` (1 or 2) given-name characters after it — which `personName` has
    /// found to be given-name characters with no cue around them —, or nil; with the bit
    /// `unremembered` set: the name is joined here only, not remembered for its other
    /// occurrences (`knownNames`), so that a model's join depends on its own sentence alone (a
    /// passage segmented by itself reads the same). Two given characters are tried first, then one.
    func modelName(_ i: Int, _ w: Int, _ start: Int, _ count: Int, most: Int) -> Int? {
        // The context first (cheap), then the scores.
        if w > 0 && start > 0 {
            let s = w >= 2 ? Int(path[w - 2].end) : 0
            if start - s == 1 && ScalarClass.isHan(scalars[s]) && !Names.beforeModelName.contains(scalars[s]) { return nil }
        }
        let model = NameModel.builtin
        let surname = model.surnameScore(scalars[start])
        var given = most
        while given >= 1 {
            // A function character is no name's last character (唐|英|已|涉嫌).
            if !Names.afterModelName.contains(scalars[start + given]), modelNameEnds(i + 1 + given, count, word: given == 2) {
                var score = surname
                for k in 1...given { score += model.givenScore(scalars[start + k]) }
                if score > (given == 2 ? NameModel.margin3 : NameModel.margin2) { return (given + 1) | Self.unremembered }
            }
            given -= 1
        }
        return nil
    }

    /// May a name end before token `j` (unread)? At the end, before punctuation, a function
    /// character (`Names.afterModelName`), a single character names do not avoid that an aspect
    /// particle or a complement of `ICURepairs.complementPairs` follows (a verb: 胡振邦|带|着,
    /// 刘云清|沉|下; not 潘雪|考|上|了), or — when `word` (a name of two given characters) — an ICU word or
    /// a dictionary word of two characters or more.
    private func modelNameEnds(_ j: Int, _ count: Int, word: Bool) -> Bool {
        guard j < count else { return true }
        let r = range(j)
        let v = scalars[r.lowerBound]
        if ScalarClass.kind(of: v) == .punctuation { return true }
        if r.count >= 2 { return word && ScalarClass.isHan(v) }
        if Names.afterModelName.contains(v) { return true }
        guard j + 1 < count, ScalarClass.isHan(v), !has(v, CharacterClasses.notInNames) else { return false }  // not 考|上|了
        let next = range(j + 1)
        guard next.count == 1 else { return false }
        // A verb before its particle, or before the complement of a word that the repairs split
        // (童志鹏|写|下, 潘玉龙|爬|上: `ICURepairs.complementPairs`).
        return Names.aspectParticles.contains(scalars[next.lowerBound])
            || ICURepairs.complementPairs.contains(key(r.lowerBound, next.upperBound))
    }
}

extension NameJoiner {
    /// The bits of `personName`'s answer that count its tokens.
    static let tokenCount = 0xFF
    /// The bit of `personName`'s answer set for the model's names (not remembered).
    static let unremembered = 0x100
}

extension Names {
    /// Single characters after which a name with no cue may begin: prepositions and verbs
    /// that take a person (与张德顺, 对范志勇, 给薛刚, 派余海波), 和, 及 and 、.
    static let beforeModelName = ScalarSet("与和同跟对为给向把被让请由派叫帮陪及、")
    /// Function characters that may follow a name of one given character for the model.
    /// 作, 做 and 因 too: read on the corpus as a verb or conjunction after a name (李楠|做, 马馼|作, 丁姣|因),
    /// never its last character.
    static let afterModelName = ScalarSet("的和与及在是说等也都就又还将把被对向从为给了已曾即仍便却则作做因")
    /// Aspect particles: a single character before one is a verb (带|着, 回|了, 去|过).
    static let aspectParticles = ScalarSet("着了过")
}

/// The statistics of the model of Chinese person names with no cue (`Worker+NameModel.swift`):
/// per character, a surname score and a given-name score, in hundredths of a natural log.
///
/// Read from `Dictionaries/name-model.tsv` (embedded in the binary; `builtin`), whose lines are
/// `CHAR<TAB>SURNAME<TAB>GIVEN<TAB>SINGLE` (counts: distinct cued names with the character as
/// surname, as a given-name character, and ICU's single-character tokens of it), `#` comments
/// and blank lines. A character's score in a role is
/// `ln((role + 0.5) / (roleTotal + 0.5·V)) − ln((single + 1) / (singleTotal + V))`, V the number of
/// characters listed. A character that is not listed scores `unlisted`: never a name's.
public struct NameModel: Sendable {
    /// Surname and given-name scores, indexed by scalar − U+4E00 (the CJK Unified Ideographs).
    private let surname: [Int16]
    private let given: [Int16]
    /// How many characters the model lists.
    public let count: Int

    /// The first scalar of the indexed range.
    static let first: UInt32 = 0x4E00
    /// The number of indexed scalars (U+4E00…U+9FFF).
    static let size = 0x5200
    /// The score of a character the model does not list (no name is joined with it).
    public static let unlisted: Int = -30_000
    /// The margin a name of a surname and two given characters must beat (hundredths).
    public static let margin3 = 200
    /// The margin for a surname and one given character (hundredths): higher, as two
    /// characters are more often a word.
    public static let margin2 = 400

    /// The model read from the embedded `Dictionaries/name-model.tsv`: built once, on first use
    /// (a few hundred lines). Empty (joins nothing) if the file were missing or malformed,
    /// which the `NameModelFile` tests rule out for the shipped file.
    static let builtin: NameModel = {
        for index in 0..<segtool_embedded_file_count() {
            let f = segtool_embedded_file_at(index)
            guard let name = f.name, String(cString: name) == "name-model.tsv", let bytes = f.bytes else { continue }
            // Safe because: the embedded files are static data, alive for the process.
            if case .success(let model) = parse(buffer: UnsafeBufferPointer(start: bytes, count: f.count), file: "name-model.tsv") {
                return model
            }
        }
        return NameModel(surname: [], given: [], count: 0)
    }()

    /// The embedded model's source text (`Dictionaries/name-model.tsv`), for tests and tools.
    public static var builtinText: [UInt8] {
        for index in 0..<segtool_embedded_file_count() {
            let f = segtool_embedded_file_at(index)
            if let name = f.name, String(cString: name) == "name-model.tsv", let bytes = f.bytes {
                return Array(UnsafeBufferPointer(start: bytes, count: f.count))
            }
        }
        return []
    }

    private init(surname: [Int16], given: [Int16], count: Int) {
        self.surname = surname
        self.given = given
        self.count = count
    }

    /// The surname score of `v` (hundredths of a natural log), or `unlisted`.
    @inline(__always)
    public func surnameScore(_ v: UInt32) -> Int {
        let i = Int(v &- Self.first)
        return v >= Self.first && i < surname.count ? Int(surname[i]) : Self.unlisted
    }

    /// The given-name score of `v` (hundredths of a natural log), or `unlisted`.
    @inline(__always)
    public func givenScore(_ v: UInt32) -> Int {
        let i = Int(v &- Self.first)
        return v >= Self.first && i < given.count ? Int(given[i]) : Self.unlisted
    }

    /// Reads a model file (`bytes`, named `file` in errors). A line is blank, a `#` comment, or
    /// `CHAR<TAB>SURNAME<TAB>GIVEN<TAB>SINGLE` with one CJK Unified Ideograph (U+4E00…U+9FFF)
    /// and three decimal counts below 10⁹; a character is listed once. Errors name the line.
    public static func parse(_ bytes: [UInt8], file: String) -> Result<NameModel, SegmenterError> {
        bytes.withUnsafeBufferPointer { parse(buffer: $0, file: file) }
    }

    /// `parse(_:file:)` over bytes in place: one pass, no allocation per line (the built-in
    /// model is read by every process that meets a name with no cue).
    static func parse(buffer b: UnsafeBufferPointer<UInt8>, file: String) -> Result<NameModel, SegmenterError> {
        var rows: [(i: Int, surname: Int, given: Int, single: Int)] = []
        rows.reserveCapacity(1024)
        var listed = [Bool](repeating: false, count: size)
        var bounds: [(Int, Int)] = []
        bounds.reserveCapacity(8)
        var line = 0
        var p = 0
        let n = b.count
        while p < n {
            line += 1
            var e = p
            while e < n && b[e] != 0x0A { e += 1 }
            let next = e + 1
            if e > p && b[e - 1] == 0x0D { e -= 1 }
            defer { p = next }
            if e == p || b[p] == 0x23 { continue }  // blank or `#`
            func fail(_ reason: String) -> Result<NameModel, SegmenterError> {
                .failure(.malformedDictionaryLine(file: file, line: line, reason: reason))
            }
            // The fields' bounds (four, separated by tabs).
            bounds.removeAll(keepingCapacity: true)
            var f = p
            for q in p...e where q == e || b[q] == 0x09 {
                bounds.append((f, q))
                f = q + 1
            }
            guard bounds.count == 4 else {
                return fail("expected CHAR<TAB>SURNAME<TAB>GIVEN<TAB>SINGLE, got \(bounds.count) field\(bounds.count == 1 ? "" : "s")")
            }
            // U+4E00…U+9FFF are the three-byte sequences E4 B8 80 … E9 BF BF: decoded in place.
            let (k0, k1) = bounds[0]
            var v: UInt32 = 0
            if k1 - k0 == 3 && (0xE4...0xE9).contains(b[k0]) && b[k0 + 1] & 0xC0 == 0x80 && b[k0 + 2] & 0xC0 == 0x80 {
                v = UInt32(b[k0] & 0x0F) << 12 | UInt32(b[k0 + 1] & 0x3F) << 6 | UInt32(b[k0 + 2] & 0x3F)
            }
            guard v >= first, Int(v - first) < size else {
                guard let text = String(validating: UnsafeBufferPointer(rebasing: b[k0..<k1]), as: UTF8.self) else {
                    return fail("the character is not valid UTF-8")
                }
                return fail("`\(text)` is not one CJK ideograph (U+4E00…U+9FFF)")
            }
            var counts = (0, 0, 0)
            for k in 1...3 {
                let (s, t) = bounds[k]
                var value = 0
                var ok = t > s && t - s <= 9
                for q in s..<t where ok {
                    if b[q] >= 0x30 && b[q] <= 0x39 { value = value * 10 + Int(b[q] - 0x30) } else { ok = false }
                }
                guard ok else {
                    let field = String(decoding: UnsafeBufferPointer(rebasing: b[s..<t]), as: UTF8.self)
                    return fail("\(["SURNAME", "GIVEN", "SINGLE"][k - 1]) count `\(field)` is not a decimal number below 10^9")
                }
                if k == 1 { counts.0 = value } else if k == 2 { counts.1 = value } else { counts.2 = value }
            }
            let i = Int(v - first)
            guard !listed[i] else {
                return fail("`\(String(decoding: UnsafeBufferPointer(rebasing: b[k0..<k1]), as: UTF8.self))` is listed twice")
            }
            listed[i] = true
            rows.append((i, counts.0, counts.1, counts.2))
        }
        var surname = [Int16](repeating: Int16(unlisted), count: size)
        var given = [Int16](repeating: Int16(unlisted), count: size)
        let v = Double(rows.count)
        var (surnames, givens, singles) = (0.0, 0.0, 0.0)
        for row in rows {
            surnames += Double(row.surname)
            givens += Double(row.given)
            singles += Double(row.single)
        }
        let logSingles = log(singles + v)
        let logSurnames = log(surnames + 0.5 * v)
        let logGivens = log(givens + 0.5 * v)
        func score(_ count: Int, _ logTotal: Double, _ single: Int) -> Int16 {
            let ratio = log(Double(count) + 0.5) - logTotal - log(Double(single) + 1) + logSingles
            return Int16(max(-29_999, min(29_999, (ratio * 100).rounded())))
        }
        for row in rows {
            surname[row.i] = score(row.surname, logSurnames, row.single)
            given[row.i] = score(row.given, logGivens, row.single)
        }
        return .success(NameModel(surname: surname, given: given, count: rows.count))
    }
}
