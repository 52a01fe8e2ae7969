// swift-tools-version: 6.1
import PackageDescription

/// Upcoming features every target builds with (as Hummingbird does).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Scenewright",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scenewright", targets: ["scenewright"]),
        .executable(name: "scenewright-speak", targets: ["scenewright-speak"]),
        .library(name: "Audio", targets: ["Audio"]),
        .library(name: "Studio", targets: ["Studio"]),
        .library(name: "ContentServer", targets: ["ContentServer"]),
        .library(name: "Recommender", targets: ["Recommender"]),
        .library(name: "Determinism", targets: ["Determinism"]),
        .library(name: "Staging", targets: ["Staging"]),
        .library(name: "Preview", targets: ["Preview"]),
        .library(name: "Narrative", targets: ["Narrative"]),
        .library(name: "Tours", targets: ["Tours"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "SQLiteStore", targets: ["SQLiteStore"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "CEspeakNG",
            pkgConfig: "espeak-ng",
            providers: [.apt(["libespeak-ng-dev"])]
        ),
        .systemLibrary(
            name: "CEbur128",
            pkgConfig: "libebur128",
            providers: [.apt(["libebur128-dev"])]
        ),
        .systemLibrary(
            name: "COpusEnc",
            pkgConfig: "libopusenc",
            providers: [.apt(["libopusenc-dev"])]
        ),
        .systemLibrary(
            name: "CLame",
            pkgConfig: "lame",
            providers: [.apt(["libmp3lame-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "CPrefetch"),
        .target(name: "Determinism", swiftSettings: strictSettings),
        .target(
            name: "Recommender",
            dependencies: ["CPrefetch", "Determinism"],
            // The numeric core works through unsafe pointers already; -Ounchecked drops the
            // remaining overflow checks from its inner loops in release builds.
            swiftSettings: strictSettings + [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
        .target(name: "Catalog", swiftSettings: strictSettings),
        .target(name: "SceneGraph", dependencies: ["Determinism", "CZlib"], swiftSettings: strictSettings),
        .target(
            name: "Narrative", dependencies: ["Catalog", "Determinism", .product(name: "Crypto", package: "swift-crypto")],
            // Optimised even in debug builds, so the test suite can sweep every character of
            // every sample film for every profile.
            swiftSettings: strictSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(
            name: "Tours", dependencies: ["Catalog", "SceneGraph", "Narrative", "Determinism"],
            // The route planner and walking graph are pure arithmetic: optimised in debug too,
            // so the property tests can plan hundreds of tours.
            swiftSettings: strictSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(
            name: "Voice",
            dependencies: [
                "Catalog", "Narrative", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings),
        .target(name: "Staging", dependencies: ["Catalog", "SceneGraph", "Narrative", "Determinism", "Preview"], swiftSettings: strictSettings),
        .target(
            name: "Preview", dependencies: ["SceneGraph", "CPNG", "Determinism"],
            // The rasterizer is pure arithmetic: optimised even in debug builds, so the test
            // suite can render every sample film in both views.
            swiftSettings: strictSettings + [
                .unsafeFlags(["-Ounchecked"], .when(configuration: .release)), .unsafeFlags(["-O"], .when(configuration: .debug)),
            ]),
        // Speech (espeak-ng), loudness (libebur128) and audio files: sample arithmetic, so
        // optimised even in debug builds.
        .target(
            name: "Audio", dependencies: ["CEbur128", "COpusEnc", "CLame", "Determinism"],
            swiftSettings: strictSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Storage protocols and the values they move; the engines below implement them.
        .target(name: "Store", dependencies: ["Catalog"], swiftSettings: strictSettings),
        .target(
            name: "SQLiteStore",
            dependencies: ["Store", "Catalog", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings),
        .target(
            name: "PostgresStore",
            dependencies: [
                "Store", "Catalog", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "Studio",
            dependencies: [
                "Catalog", "Store", "Recommender", "SceneGraph", "Staging", "Narrative", "Tours", "Preview", "Voice", "Audio",
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ContentServer",
            dependencies: [
                "Studio", "Catalog", "Store", "Preview", "Narrative", "Tours", "Voice", "Audio",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // One espeak-ng utterance per process (see its main.swift for why).
        .executableTarget(name: "scenewright-speak", dependencies: ["CEspeakNG"], swiftSettings: strictSettings),
        .executableTarget(
            name: "scenewright",
            dependencies: [
                "Studio", "ContentServer", "Catalog", "Recommender", "Preview", "Store", "SQLiteStore", "PostgresStore", "Narrative", "Tours", "Voice",
                // Not linked: built with the server, so `swift run scenewright` finds its speech helper beside it.
                "scenewright-speak",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TestSupport", dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(name: "RecommenderTests", dependencies: ["Recommender", "Determinism", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "NarrativeTests", dependencies: ["Narrative", "Catalog", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "ToursTests", dependencies: ["Tours", "Narrative", "Catalog", "Determinism", "SceneGraph", "Preview", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SceneGraphTests", dependencies: ["SceneGraph", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "StagingTests", dependencies: ["Staging", "SceneGraph", "Catalog", "Narrative", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "AudioTests", dependencies: ["Audio", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "SceneGraph", "Staging", "Catalog", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "TestSupport"], swiftSettings: strictSettings),
        .target(
            name: "StorageTestSupport",
            dependencies: [
                "Store", "SQLiteStore", "PostgresStore", "Studio", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/StorageTestSupport", swiftSettings: strictSettings),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Catalog", "TestSupport", "StorageTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "StudioTests",
            dependencies: [
                "Studio", "Store", "Catalog", "Determinism", "TestSupport", "StorageTestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "VoiceTests",
            dependencies: [
                "Voice", "Narrative", "Catalog", "Studio", "Store", "Tours", "TestSupport", "StorageTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSettings),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "ContentServerTests",
            dependencies: [
                "ContentServer", "Studio", "Catalog", "Store", "SceneGraph", "Preview", "Tours", "Audio", "Voice", "TestSupport", "StorageTestSupport",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
