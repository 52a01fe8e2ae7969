// swift-tools-version: 6.1
// Benchmarks live in their own package so the main build and CI never compile them.
// Build release: `swift build -c release --package-path Benchmarks`.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its directory, whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "ScenewrightBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .target(name: "BenchmarkSupport", path: "Sources/BenchmarkSupport"),
        .executableTarget(
            name: "SyntheticALS",
            dependencies: ["BenchmarkSupport", .product(name: "Recommender", package: root), .product(name: "Determinism", package: root)],
            path: "Sources/SyntheticALS"),
        .executableTarget(
            name: "StagingThroughput",
            dependencies: ["BenchmarkSupport", .product(name: "Staging", package: root)],
            path: "Sources/StagingThroughput"),
        .executableTarget(
            name: "SpeechThroughput",
            dependencies: ["BenchmarkSupport", .product(name: "Audio", package: root), .product(name: "Narrative", package: root)],
            path: "Sources/SpeechThroughput"),
        .executableTarget(
            name: "TourPackBuild",
            dependencies: [
                "BenchmarkSupport", .product(name: "Studio", package: root), .product(name: "Audio", package: root), .product(name: "Tours", package: root),
                .product(name: "SQLiteStore", package: root), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/TourPackBuild"),
        .executableTarget(
            name: "PreviewTiming",
            dependencies: ["BenchmarkSupport", .product(name: "Staging", package: root), .product(name: "Preview", package: root)],
            path: "Sources/PreviewTiming"),
        .executableTarget(
            name: "DialogueThroughput",
            dependencies: ["BenchmarkSupport", .product(name: "Narrative", package: root)],
            path: "Sources/DialogueThroughput"),
        .executableTarget(
            name: "OrienteeringBenchmark",
            dependencies: ["BenchmarkSupport", .product(name: "Tours", package: root), .product(name: "Determinism", package: root)],
            path: "Sources/OrienteeringBenchmark"),
        .executableTarget(
            name: "StorageBenchmark",
            dependencies: [
                "BenchmarkSupport", .product(name: "Studio", package: root), .product(name: "Store", package: root),
                .product(name: "SQLiteStore", package: root), .product(name: "PostgresStore", package: root),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/StorageBenchmark"),
    ]
)
