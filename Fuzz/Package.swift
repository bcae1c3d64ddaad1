// swift-tools-version:6.1
// libFuzzer targets: a package of its own, so that the main package's build never sees them.
// Built by run.sh with `-sanitize=fuzzer,address`; see README.md.
import PackageDescription

let package = Package(
    name: "segtool-fuzz",
    dependencies: [
        // Named, because a path dependency is otherwise known by its folder name.
        .package(name: "segtool", path: ".."),
    ],
    targets: [
        // libFuzzer's driver, declared once for every target's Main.swift.
        .target(name: "FuzzDriver", path: "Targets/FuzzDriver"),
        // UTF-8 bytes → the segmenter in both modes (tiling, offsets, errors).
        .executableTarget(
            name: "FuzzSegmenter",
            dependencies: ["FuzzDriver", .product(name: "Segmenter", package: "segtool")],
            path: "Targets/FuzzSegmenter"
        ),
        // Dictionary text → DictionaryFile (errors, round trip, words loaded and segmented).
        .executableTarget(
            name: "FuzzDictionary",
            dependencies: ["FuzzDriver", .product(name: "Segmenter", package: "segtool")],
            path: "Targets/FuzzDictionary"
        ),
        // Query text → Query (clauses well formed).
        .executableTarget(
            name: "FuzzQuery",
            dependencies: [
                "FuzzDriver",
                .product(name: "Segmenter", package: "segtool"),
                .product(name: "Indexer", package: "segtool"),
            ],
            path: "Targets/FuzzQuery"
        ),
        // JSON Lines bytes → the CLI's record splitter (Sources/segtool/IO/JSONLines.swift,
        // linked into the target's folder): the same records whatever the block size.
        .executableTarget(
            name: "FuzzJSONLines",
            dependencies: ["FuzzDriver", .product(name: "Segmenter", package: "segtool")],
            path: "Targets/FuzzJSONLines"
        ),
        // A mutated index (one of its files replaced by the input) → open, search, read,
        // trend, verify: an error or an answer, never a crash.
        .executableTarget(
            name: "FuzzIndex",
            dependencies: [
                "FuzzDriver",
                .product(name: "Segmenter", package: "segtool"),
                .product(name: "Indexer", package: "segtool"),
            ],
            path: "Targets/FuzzIndex"
        ),
    ]
)
