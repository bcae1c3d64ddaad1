import ArgumentParser
import Segmenter

/// The dictionary flags every command that segments shares.
struct DictionaryOptions: ParsableArguments {
    @Option(name: .customLong("dict"), help: ArgumentHelp(
        "A user dictionary in jieba's format (`word [freq] [tag]`); repeatable, later ones win.",
        valueName: "file"))
    var dictionaries: [String] = []

    @Flag(name: .customLong("no-builtin-dict"), help: "Do not use the built-in political lexicon.")
    var noBuiltinDictionary = false

    @Flag(name: .customLong("icu-only"), help: "ICU's word breaks alone: no rules, no dictionaries (the baseline).")
    var icuOnly = false

    @Option(help: ArgumentHelp(
        "How text is read: none, or traditional (Traditional characters read as Simplified, with ICU's Hant-Hans; output keeps the original text).",
        valueName: "how"))
    var fold: Segmenter.Folding = .none

    func validate() throws {
        if icuOnly && (!dictionaries.isEmpty || noBuiltinDictionary) {
            throw ValidationError("--icu-only uses no dictionaries; drop --dict and --no-builtin-dict")
        }
    }

    /// The segmenter these options ask for.
    func makeSegmenter() throws -> Segmenter {
        do {
            if icuOnly { return try Segmenter.icuBaseline(folding: fold) }
            return try Segmenter(builtinDictionary: !noBuiltinDictionary, userDictionaries: dictionaries, folding: fold)
        } catch {
            throw CLIError(error.description)
        }
    }
}

extension Segmenter.Folding: ExpressibleByArgument {}
