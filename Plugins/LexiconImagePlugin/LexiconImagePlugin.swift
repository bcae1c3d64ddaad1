import Foundation
import PackagePlugin

/// Builds the built-in lexicon's image (its tables, prebuilt) for the `CLexiconImage` target:
/// runs LexiconImageGenerator over the lexicon files whenever one of them, or the list of them
/// in CLexiconData.c, changes. The output goes to the build directory only.
@main
struct LexiconImagePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let list = root.appending(path: "Sources/CLexiconData/CLexiconData.c")
        // Every text file of the lexicon folder is an input (the generator reads those the list
        // names); a file added later becomes one when SwiftPM next evaluates the plugin (a
        // change to Package.swift or to a target's files). Until then the list's own change
        // reruns the generator, and a stale image is never used: see LexiconImage.read.
        let folder = root.appending(path: "Dictionaries/lexicon")
        let texts = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))) ?? [])
            .filter { $0.hasSuffix(".txt") }
            .sorted()
            .map { folder.appending(path: $0) }
        let work = context.pluginWorkDirectoryURL
        let source = work.appending(path: "LexiconImage.c")
        let image = work.appending(path: "lexicon.image")
        return [
            .buildCommand(
                displayName: "Building the lexicon image",
                executable: try context.tool(named: "LexiconImageGenerator").url,
                arguments: [root.path(percentEncoded: false), source.path(percentEncoded: false), image.path(percentEncoded: false)],
                inputFiles: [list] + texts,
                outputFiles: [source])
        ]
    }
}
