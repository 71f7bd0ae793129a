// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Lumen",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LumenBoard", targets: ["LumenBoard"]),
        .library(name: "LumenTensor", targets: ["LumenTensor"]),
        .library(name: "LumenNN", targets: ["LumenNN"]),
        .library(name: "LumenVision", targets: ["LumenVision"]),
        .library(name: "Lumen", targets: ["Lumen"]),
        .executable(name: "lumen", targets: ["lumen"]),
        .executable(name: "lumen-bench", targets: ["lumen-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    ],
    targets: [
        .target(name: "CLumenCRC"),
        .systemLibrary(name: "CLumenZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "LumenPNG", dependencies: ["CLumenZlib"]),
        .target(
            name: "LumenBoard",
            dependencies: [
                "CLumenCRC", "CLumenZlib", "LumenPNG",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .target(
            name: "CLumenBLAS",
            linkerSettings: [
                .linkedFramework("Accelerate", .when(platforms: [.macOS, .iOS])),
                .linkedLibrary("dl", .when(platforms: [.linux])),
            ]
        ),
        .target(name: "CLumenKernels"),
        .target(name: "LumenTensor", dependencies: ["CLumenBLAS", "CLumenKernels"]),
        .target(name: "LumenNN", dependencies: ["LumenTensor"]),
        .target(
            name: "LumenVision",
            dependencies: ["LumenTensor", "LumenNN", "LumenPNG", "CLumenZlib"],
            resources: [.copy("Resources/digits")]
        ),
        .target(name: "Lumen", dependencies: ["LumenBoard", "LumenTensor", "LumenNN", "LumenVision"]),
        .executableTarget(name: "tensor-hooks-example", dependencies: ["LumenTensor"], path: "Examples/TensorHooks"),
        .executableTarget(name: "module-hooks-example", dependencies: ["LumenNN"], path: "Examples/ModuleHooks"),
        .executableTarget(name: "dataset-grid-example", dependencies: ["Lumen"], path: "Examples/DatasetGrid", exclude: ["photos"]),
        .executableTarget(name: "feature-map-example", dependencies: ["Lumen"], path: "Examples/FeatureMapGrid"),
        .executableTarget(name: "cam-example", dependencies: ["Lumen"], path: "Examples/DigitsCAM"),
        .target(
            name: "LumenServer",
            dependencies: [
                "LumenBoard", "CLumenZlib", "CLumenBLAS",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            resources: [.copy("Resources/ui")]
        ),
        .executableTarget(
            name: "lumen",
            dependencies: [
                "Lumen", "LumenServer", "LumenS3",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "lumen-bench",
            dependencies: [
                "Lumen", "LumenServer", "LumenS3", "LumenTestSupport", "CLumenBLAS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/lumen-bench"
        ),
        .executableTarget(
            name: "lumen-fixture-replay",
            dependencies: ["LumenBoard", "LumenFixtures"],
            path: "Scripts/FixtureReplay"
        ),
        .target(name: "LumenFixtures", dependencies: ["LumenBoard"], path: "Tests/Support/LumenFixtures"),
        // Fuzz targets: each replays saved inputs when built normally; Scripts/fuzz.sh builds them
        // with libFuzzer. Fuzz/Corpus holds their seeds.
        .target(name: "FuzzSupport", path: "Fuzz/Support"),
        .executableTarget(name: "fuzz-record-reader", dependencies: ["FuzzSupport", "LumenBoard"], path: "Fuzz/RecordReader"),
        .executableTarget(name: "fuzz-markdown", dependencies: ["FuzzSupport", "LumenServer"], path: "Fuzz/Markdown"),
        .executableTarget(name: "fuzz-event-decoding", dependencies: ["FuzzSupport", "LumenBoard"], path: "Fuzz/EventDecoding"),
        .target(name: "LumenTestSupport", path: "Tests/Support/LumenTestSupport"),
        .target(
            name: "LumenTensorTestSupport", dependencies: ["LumenTensor", "LumenTestSupport"],
            path: "Tests/Support/LumenTensorTestSupport"
        ),
        .testTarget(name: "CLumenCRCTests", dependencies: ["CLumenCRC"]),
        .testTarget(name: "LumenTests", dependencies: ["Lumen", "LumenPNG", "LumenTestSupport"]),
        .testTarget(name: "LumenVisionTests", dependencies: ["LumenVision", "Lumen", "LumenTestSupport"], resources: [.copy("Fixtures")]),
        .target(
            name: "LumenS3",
            dependencies: [
                "LumenBoard",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "LumenS3Tests", dependencies: ["LumenS3", "LumenBoard", "LumenTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LumenServerTests",
            dependencies: [
                "LumenServer", "LumenBoard", "LumenPNG", "LumenTestSupport", "LumenFixtures", "CLumenZlib",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Fixtures"]  // read from the source tree, beside the tests
        ),
        .testTarget(name: "LumenNNTests", dependencies: ["LumenNN", "CLumenZlib", "LumenTestSupport", "LumenTensorTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LumenTensorTests", dependencies: ["LumenTensor", "CLumenBLAS", "LumenTestSupport", "LumenTensorTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LumenBoardTests",
            dependencies: ["LumenBoard", "LumenPNG", "LumenFixtures", "LumenTestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
