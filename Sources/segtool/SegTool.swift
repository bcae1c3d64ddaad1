import ArgumentParser

/// `segtool`: Chinese word segmentation for political and government text.
@main
struct SegTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segtool",
        abstract: "Chinese word segmentation and keyword indexing for political and government text.",
        version: "0.1.0",
        subcommands: [Segment.self, Index.self, Search.self, Trend.self, Keywords.self, Rank.self, IDF.self, Dict.self, Eval.self, Bench.self]
    )
}
