// swift-tools-version:6.3;(experimentalCGen)
// experimentalCGen: the LexiconImagePlugin build-tool plugin generates a C file (CLexiconImage).
import PackageDescription

let package = Package(
    name: "segtool",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Segmenter", targets: ["Segmenter"]),
        .library(name: "Indexer", targets: ["Indexer"]),
        .executable(name: "segtool", targets: ["segtool"]),
        // The C API (Sources/CSegtool/include/segtool.h): libsegtool-c.so.
        .library(name: "segtool-c", type: .dynamic, targets: ["SegtoolC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The system ICU (libicuuc), reached through static inline wrappers (see shim.h).
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc",
            providers: [.apt(["libicu-dev"])]
        ),
        // ICU's CJK dictionary read directly, with ICU's own algorithm (C++, through ICU's
        // C++ API; a C interface without ICU types). See ICUDictionary.cpp.
        .target(
            name: "CICUDictionary",
            dependencies: ["CICU"]
        ),
        // The built-in dictionaries, embedded into the binary at compile time with C23 #embed,
        // so an installed segtool and library users need no resource files.
        .target(name: "CLexiconData"),
        // The built-in lexicon's tables, prebuilt at build time: the plugin runs the generator
        // (whose sources are links to Segmenter's parser, trie and image format) over the
        // lexicon files and adds a C file that embeds its output, so start-up parses nothing.
        .executableTarget(name: "LexiconImageGenerator"),
        .plugin(
            name: "LexiconImagePlugin",
            capability: .buildTool(),
            dependencies: ["LexiconImageGenerator"]
        ),
        .target(name: "CLexiconImage", plugins: ["LexiconImagePlugin"]),
        .target(
            name: "Segmenter",
            dependencies: ["CICU", "CICUDictionary", "CLexiconData", "CLexiconImage"]
        ),
        // The system zstd (libzstd): stored texts are compressed in blocks.
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(
            name: "Indexer",
            dependencies: ["Segmenter", "CZstd"]
        ),
        // The C API: the header (types and declarations) and the `@_cdecl` functions over
        // Segmenter and Indexer that implement it.
        .target(name: "CSegtool"),
        .target(
            name: "SegtoolC",
            dependencies: ["CSegtool", "Segmenter", "Indexer"]
        ),
        .executableTarget(
            name: "segtool",
            dependencies: [
                "Segmenter",
                "Indexer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SegmenterTests",
            dependencies: ["Segmenter"],
            exclude: ["Fixtures"]
        ),
        // Internal-API tests of the segmenter (`@testable import Segmenter`), kept apart
        // from the Foundation-importing tests: with both in one module, ICU's C headers
        // would meet Foundation's copy of them (see ARCHITECTURE.md, "ICU on Linux").
        .testTarget(
            name: "LexiconTests",
            dependencies: ["Segmenter"]
        ),
        .testTarget(
            name: "IndexerTests",
            dependencies: ["Indexer", "Segmenter"]
        ),
    ]
)
