// swift-tools-version:6.1
// The benchmark harness: a package of its own, so that users of the Segmenter library never
// build it or resolve ordo-one/benchmark. See README.md.
import PackageDescription

let package = Package(
    name: "segtool-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, because a path dependency is otherwise known by its folder name (which a clone can change).
        .package(name: "segtool", path: ".."),
        // MallocInterposer only: it gives malloc counts with no system library (no jemalloc),
        // and leaves out the runtime interposer, which is not available here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The plugin finds benchmark targets by their folder: Benchmarks/<Name>/.
        .executableTarget(
            name: "SegmenterBenchmarks",
            dependencies: [
                .product(name: "Segmenter", package: "segtool"),
                .product(name: "Indexer", package: "segtool"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "SegmenterBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
