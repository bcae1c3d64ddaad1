// swift-tools-version:6.1
// The HTTP search service (`segtool-serve`): a package of its own, so that `swift build` of the
// segmenter and `segtool` never builds Hummingbird and SwiftNIO. See README.md, "segtool serve".
import PackageDescription

let package = Package(
    name: "segtool-serve",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "segtool-serve", targets: ["SegtoolServe"]),
    ],
    dependencies: [
        // Named, because a path dependency is otherwise known by its folder name (which a clone can change).
        .package(name: "segtool", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // Hummingbird's own transport; named because the server imports NIOCore and NIOPosix itself.
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        .executableTarget(
            name: "SegtoolServe",
            dependencies: [
                .product(name: "Segmenter", package: "segtool"),
                .product(name: "Indexer", package: "segtool"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/SegtoolServe",
            resources: [
                .embedInCode("Resources/index.html"), .embedInCode("Resources/app.js"),
                .embedInCode("Resources/app.css"), .embedInCode("Resources/openapi.json"),
            ]
        ),
    ]
)
