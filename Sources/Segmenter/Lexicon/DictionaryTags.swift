/// The part-of-speech tags a dictionary entry may carry: jieba's (ICTCLAS and PKU tags, as in
/// jieba's own dictionary and `posseg` output), the ICTCLAS noun subtypes that other Chinese
/// toolkits' dictionaries use, and this project's `nnt` (official title or post). A dictionary
/// line whose tag is not one of them is an error, so a misplaced field is not taken as a tag.
///
/// ```swift
/// DictionaryTags.isKnown("nz")   // true
/// DictionaryTags.isKnown("abc")  // false
/// ```
public enum DictionaryTags {
    /// Every known tag (lowercase).
    public static let known: Set<String> = [
        // jieba (ICTCLAS / PKU)
        "a", "ad", "ag", "an", "b", "bg", "c", "d", "df", "dg", "e", "eng", "f", "g", "h", "i", "j",
        "k", "l", "m", "mg", "mq", "n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "o", "p", "q",
        "r", "rg", "rr", "rz", "s", "t", "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz", "v", "vd",
        "vg", "vi", "vn", "vq", "w", "x", "y", "yg", "z", "zg", "nx",
        // ICTCLAS noun subtypes (names, places, organizations, terms)
        "nrf", "nrj", "nr1", "nr2", "nsf", "nl", "nf", "nnd", "nto", "ntc", "ntcf", "ntcb", "ntch",
        "nts", "ntu", "nth", "nit", "nis", "nmc", "nbc", "nba", "nhd", "nhm", "gm", "gi", "gp",
        // this project: official title or post
        "nnt",
    ]

    /// Whether `tag` is a known tag.
    /// - Complexity: O(*n*) in the tag's length (a hash lookup).
    public static func isKnown(_ tag: some StringProtocol) -> Bool {
        known.contains(String(tag))
    }

    /// The most common tags, for messages.
    static let examples = "n, nr, ns, nt, nz, nnt, v, vn, a, l, i, j"
}
