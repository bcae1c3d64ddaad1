/// Traditional characters read as Simplified, one character for one, exactly as ICU's
/// "Hant-Hans" transliterator folds them — so that offsets into the folded text are offsets
/// into the original.
///
/// ICU's transliterator is slow (~5 MB/s, slower than segmenting) and mostly maps one
/// character to one (國 → 国), but some of its rules take several characters, and in context
/// a character may fold differently than alone: 著 alone is 着, in 顯著 it stays 著 (显著); 甚麼
/// is 什么, 沈重 is 沉重. So, reading ICU's own rules once:
/// - a table gives every character's folding *alone*, asked of ICU one character at a time
///   (a character whose folding alone is not one character stays as it is);
/// - the rules of several characters whose result ICU gives differently from their
///   characters' foldings alone are *contextual*; only where the source of one occurs is ICU
///   asked, on the run around it of characters that occur in rules of several characters
///   (ICU's own matching cannot reach beyond such a run, so its result there is ICU's result
///   in the whole text). Its result is taken character for character when it is as long as the
///   run and every rule keeps lengths; otherwise that run is folded character by character.
/// - A few characters that ICU folds alone are also standard Simplified characters in words of
///   their own (`keptAlone`: 著 in 显著 and 著名, 俱 in 与时俱进 and 俱乐部, 姊妹, 摔跤, 大阪): ICU would
///   fold the *Simplified* 显著 to 显着 and 与时俱进 to 与时具进, so these are kept as written, alone
///   and in ICU's runs, unless a rule of several characters folds them to something else.
/// - When ICU's rules are not the plain `source > result;` rules this reads (another ICU
///   version, or a compound transliterator), every chunk is given to ICU whole, and its result
///   is taken when it has as many characters; otherwise characters are folded one at a time.
///
/// On the corpus converted to Traditional, ICU is called for about one run in 3,000 characters.
final class TraditionalFolding: Sendable {
    /// The system ICU's "Hant-Hans" folding, opened once per process (~10 ms: ICU compiles its
    /// rules), on first use.
    static let shared: Result<TraditionalFolding, SegmenterError> = Result { () throws(SegmenterError) in
        try TraditionalFolding(transliterator: ICUTransliterator(id: "Hant-Hans"))
    }

    private let icu: ICUTransliterator
    /// Per BMP scalar: its folding alone (bits 0–20) and the flags below.
    private let table: [UInt32]
    /// Foldings and flags of supplementary scalars named in the rules (usually none).
    private let supplementary: [UInt32: UInt32]
    /// The contextual rules' sources, by their first scalar.
    private let contextual: [UInt32: [[UInt32]]]
    /// Every rule keeps the number of characters (ICU's result for a run lines up with it).
    private let lengthPreserving: Bool
    /// ICU's rules were read; false: every chunk is given to ICU whole.
    let readRules: Bool
    /// The characters of `keptAlone` ICU folds alone, with what it folds them to.
    private let kept: [UInt32: UInt32]

    /// Characters ICU folds alone that are standard Simplified characters in words of their
    /// own (reviewed by hand against ICU 72's rules: the characters it folds alone that are in
    /// the GB 2312 set, less those that in Simplified text occur only where ICU's rules keep
    /// them — 乾坤, 宫商角徵羽 — or hardly at all: 於, 後, 夥, 麽).
    static let keptAlone: [Unicode.Scalar] = ["著", "俱", "姊", "跤", "阪", "吒", "苎"]

    static let valueMask: UInt32 = 0x1F_FFFF
    /// The character is the second of a contextual rule's source.
    static let secondOfContextual: UInt32 = 1 << 28
    /// The character folds to another alone.
    static let changes: UInt32 = 1 << 29
    /// The character occurs in a rule of several characters.
    static let inLongRule: UInt32 = 1 << 30
    /// A contextual rule's source starts with the character.
    static let startsContextual: UInt32 = 1 << 31

    /// Reads `transliterator`'s rules and asks it for the foldings of their characters alone.
    init(transliterator: ICUTransliterator) {
        icu = transliterator
        var table = (0..<0x1_0000).map { UInt32($0) }
        var supplementary: [UInt32: UInt32] = [:]
        var contextual: [UInt32: [[UInt32]]] = [:]
        var lengthPreserving = true
        var kept: [UInt32: UInt32] = [:]
        guard let text = transliterator.rules(), let rules = Self.plainRules(text) else {
            self.table = table
            self.supplementary = supplementary
            self.contextual = contextual
            self.lengthPreserving = false
            self.kept = kept
            readRules = false
            return
        }
        let keptAlone = Set(Self.keptAlone.map(\.value))
        func entry(_ v: UInt32) -> UInt32 { v < 0x1_0000 ? table[Int(v)] : supplementary[v] ?? v }
        func setEntry(_ v: UInt32, _ e: UInt32) {
            if v < 0x1_0000 { table[Int(v)] = e } else { supplementary[v] = e }
        }
        // Each character of a source, folded alone by ICU.
        var seen = Set<UInt32>()
        var characters: [UInt32] = []
        for rule in rules {
            if rule.source.count != rule.result.count { lengthPreserving = false }
            for v in rule.source where seen.insert(v).inserted { characters.append(v) }
        }
        let foldedAlone = Self.transliterateEach(characters.map { [$0] }, with: transliterator)
        for (v, alone) in zip(characters, foldedAlone) {
            var folded = alone.count == 1 ? alone[0] : v
            if keptAlone.contains(v) && folded != v {
                kept[v] = folded
                folded = v
            }
            setEntry(v, folded & Self.valueMask | (folded != v ? Self.changes : 0))
        }
        // Rules of several characters: their characters bound the runs given to ICU; those
        // that ICU applies differently from the characters' foldings alone are contextual.
        var checked = Set<[UInt32]>()
        let long = rules.filter { $0.source.count > 1 && checked.insert($0.source).inserted }.map(\.source)
        let foldedLong = Self.transliterateEach(long, with: transliterator)
        for (source, inContext) in zip(long, foldedLong) {
            let rule = Rule(source: source, result: inContext)
            for v in rule.source { setEntry(v, entry(v) | Self.inLongRule) }
            let byCharacter = rule.source.map { entry($0) & Self.valueMask }
            if inContext != byCharacter {
                contextual[rule.source[0], default: []].append(rule.source)
                setEntry(rule.source[0], entry(rule.source[0]) | Self.startsContextual)
                setEntry(rule.source[1], entry(rule.source[1]) | Self.secondOfContextual)
            }
        }
        self.table = table
        self.supplementary = supplementary
        self.contextual = contextual
        self.lengthPreserving = lengthPreserving
        self.kept = kept
        readRules = true
    }

    /// How many contextual rules there are (for tests and reports).
    var contextualRuleCount: Int { contextual.values.reduce(0) { $0 + $1.count } }

    /// Folds `scalars` in place (original scalars in, folded out; one for one).
    /// - Returns: whether any scalar changed.
    func fold(_ scalars: UnsafeMutableBufferPointer<UInt32>) -> Bool {
        guard readRules else { return foldWhole(scalars) }
        return table.withUnsafeBufferPointer { fold(scalars, table: $0) }
    }

    private func fold(_ scalars: UnsafeMutableBufferPointer<UInt32>, table t: UnsafeBufferPointer<UInt32>) -> Bool {
        let n = scalars.count
        let supplementary = self.supplementary, hasSupplementaryRules = !supplementary.isEmpty
        @inline(__always) func entry(_ v: UInt32) -> UInt32 {
            if v < 0x1_0000 { return t[Int(v)] }
            return hasSupplementaryRules ? supplementary[v] ?? v : v
        }
        // One read-only pass: does anything fold, and does any contextual rule start here?
        var flags: UInt32 = 0
        for i in 0..<n { flags |= entry(scalars[i]) }
        guard flags & (Self.changes | Self.startsContextual) != 0 else { return false }
        // Runs where a contextual rule's source occurs: ICU's own result, computed from the
        // original scalars before they are overwritten.
        var runs: [(start: Int, folded: [UInt32])] = []
        if flags & Self.startsContextual != 0 {
            var i = 0
            while i < n {
                // The first two characters filter before the sources are compared.
                guard entry(scalars[i]) & Self.startsContextual != 0, i + 1 < n,
                      entry(scalars[i + 1]) & Self.secondOfContextual != 0, let length = contextualMatch(scalars, at: i) else {
                    i += 1
                    continue
                }
                var start = i, end = i + length
                while start > 0 && entry(scalars[start - 1]) & Self.inLongRule != 0 { start -= 1 }
                while end < n && entry(scalars[end]) & Self.inLongRule != 0 { end += 1 }
                let original = Array(scalars[start..<end])
                if lengthPreserving, let out = icu.transliterate(Self.utf16(of: original)) {
                    var folded = Self.scalars(of: out)
                    if folded.count == original.count {
                        // A kept character that ICU folded as it folds it alone stays as written.
                        for k in folded.indices where kept[original[k]] == folded[k] { folded[k] = original[k] }
                        runs.append((start, folded))
                    }
                }
                i = end
            }
        }
        // Every character by its folding alone, then the runs.
        var changed = false
        for i in 0..<n {
            let v = scalars[i]
            let folded = entry(v) & Self.valueMask
            if folded != v {
                scalars[i] = folded
                changed = true
            }
        }
        for run in runs {
            for (k, v) in run.folded.enumerated() where scalars[run.start + k] != v {
                scalars[run.start + k] = v
                changed = true
            }
        }
        return changed
    }

    /// The length of the longest contextual rule source that occurs at `i`, if any.
    private func contextualMatch(_ scalars: UnsafeMutableBufferPointer<UInt32>, at i: Int) -> Int? {
        var best: Int?
        for source in contextual[scalars[i]] ?? [] where i + source.count <= scalars.count {
            var k = 1
            while k < source.count && scalars[i + k] == source[k] { k += 1 }
            if k == source.count && source.count > best ?? 0 { best = source.count }
        }
        return best
    }

    /// The fallback when ICU's rules could not be read: the whole text through ICU, taken
    /// when it has as many characters, else each character alone.
    private func foldWhole(_ scalars: UnsafeMutableBufferPointer<UInt32>) -> Bool {
        guard scalars.contains(where: { $0 >= 0x80 }) else { return false }
        let original = Array(scalars)
        var folded = icu.transliterate(Self.utf16(of: original)).map(Self.scalars(of:)) ?? []
        if folded.count != original.count {
            folded = original.map { v in
                guard v >= 0x80, let out = icu.transliterate(Self.utf16(of: [v])) else { return v }
                let alone = Self.scalars(of: out)
                return alone.count == 1 ? alone[0] : v
            }
        }
        var changed = false
        for (i, v) in folded.enumerated() where scalars[i] != v {
            scalars[i] = v
            changed = true
        }
        return changed
    }

    // MARK: Rules and conversions

    /// ICU's result for each text alone, in one call: the texts joined by line breaks (no rule
    /// reads one, so each is transliterated as if alone), the result split at them. When the
    /// result has another number of line breaks, each text is transliterated by itself.
    static func transliterateEach(_ texts: [[UInt32]], with transliterator: ICUTransliterator) -> [[UInt32]] {
        var joined: [UInt32] = []
        for text in texts {
            joined += text
            joined.append(0x0A)
        }
        if let out = transliterator.transliterate(utf16(of: joined)) {
            var pieces = scalars(of: out).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            if pieces.last?.isEmpty == true { pieces.removeLast() }
            if pieces.count == texts.count { return pieces }
        }
        return texts.map { scalars(of: transliterator.transliterate(utf16(of: $0)) ?? []) }
    }

    /// A rule `source > result;` of scalars.
    struct Rule {
        var source: [UInt32]
        var result: [UInt32]
    }

    /// The rules of `text` when all are plain `source > result;` rules of non-ASCII
    /// characters (no contexts, variables, sets, quotes, filters or `::` steps); else nil.
    static func plainRules(_ text: String) -> [Rule]? {
        var rules: [Rule] = []
        var sides: [[UInt32]] = [[]]
        var pending = 0  // blanks seen since the last character of the current side
        var sawArrow = false
        let scalars = Array(text.unicodeScalars.lazy.map(\.value))
        var i = 0
        while i < scalars.count {
            let v = scalars[i]
            switch v {
            case 0x3B:  // `;` ends a rule
                if sides.count == 2 {
                    guard !sides[0].isEmpty else { return nil }
                    rules.append(Rule(source: sides[0], result: sides[1]))
                } else if !sides[0].isEmpty || sawArrow {
                    return nil
                }
                sides = [[]]
                sawArrow = false
            case 0x20, 0x0A, 0x0D, 0x09:
                pending += 1
            case 0x3E:  // ` > ` between the two sides
                guard sides.count == 1, !sides[0].isEmpty, i + 1 < scalars.count, scalars[i + 1] == 0x20, pending > 0 else { return nil }
                sides.append([])
                sawArrow = true
                i += 1
            default:
                // Other ASCII is syntax (contexts, variables, sets, quotes, `::` steps); arrows are operators.
                guard v >= 0x80, !(0x2190...0x2194).contains(v) else { return nil }
                // A blank inside a side (not at its ends) is not a plain rule either.
                if pending > 0 && !sides[sides.count - 1].isEmpty { return nil }
                sides[sides.count - 1].append(v)
            }
            if v != 0x20 && v != 0x0A && v != 0x0D && v != 0x09 { pending = 0 }
            i += 1
        }
        guard sides.count == 1, sides[0].isEmpty else { return nil }
        return rules.isEmpty ? nil : rules
    }

    static func utf16(of scalars: [UInt32]) -> [UInt16] {
        var out: [UInt16] = []
        out.reserveCapacity(scalars.count)
        for v in scalars { out.appendUTF16(v) }
        return out
    }

    static func scalars(of utf16: [UInt16]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(utf16.count)
        for scalar in String(decoding: utf16, as: UTF16.self).unicodeScalars { out.append(scalar.value) }
        return out
    }
}
