// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "FinsamEval",
    platforms: [.macOS(.v13)],
    products: [
        // MARK: - Public API
        .library(name: "Linalg", targets: ["Linalg"]),
        .library(name: "Stats", targets: ["Stats"]),
        .library(name: "Registers", targets: ["Registers"]),
        .library(name: "Synthetic", targets: ["Synthetic"]),
        .library(name: "Transitions", targets: ["Transitions"]),
        .library(name: "Matching", targets: ["Matching"]),
        .library(name: "Effects", targets: ["Effects"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Payback", targets: ["Payback"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .executable(name: "evaluate", targets: ["evaluate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The library documentation (scripts/docs): DocC through `swift package generate-documentation`.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .systemLibrary(name: "CFileSystem"),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: - Numerical core
        .target(name: "Linalg", dependencies: ["CBLAS"]),
        .target(name: "Stats", dependencies: ["Linalg", "CZlib"]),

        // MARK: - Register data
        .target(name: "Registers", dependencies: ["Stats", "Linalg"]),
        .target(name: "Transitions", dependencies: ["Registers"]),
        .target(name: "Matching", dependencies: ["Stats", "Linalg", "Registers"]),
        .target(name: "Effects", dependencies: ["Linalg", "Matching", "Registers", "Stats"]),
        .target(name: "Payback", dependencies: ["Registers"]),
        .target(name: "Reporting", dependencies: ["Stats", "CFileSystem"]),
        .target(name: "Evaluation", dependencies: ["Stats", "Registers", "Transitions", "Matching", "Effects", "Payback", "Reporting"]),
        .target(name: "Synthetic", dependencies: ["Registers", "Stats", "Payback", "CZlib"]),

        // MARK: - Command-line tool
        .executableTarget(
            name: "evaluate",
            dependencies: ["Stats", "Registers", "Synthetic", "Matching", "Transitions", "Effects", "Reporting", "Payback", "Evaluation", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "finsam-bench", dependencies: ["Stats", "Linalg", "Registers", "Matching"], path: "Sources/Bench"),

        // MARK: - Tests
        .testTarget(name: "LinalgTests", dependencies: ["Linalg"]),
        .testTarget(name: "StatsTests", dependencies: ["Stats", "Linalg"], exclude: ["Fixtures"]),
        .testTarget(name: "RegistersTests", dependencies: ["Registers", "Stats"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "Stats"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting"]),
        .testTarget(name: "PaybackTests", dependencies: ["Payback"]),
        .testTarget(name: "EffectsTests", dependencies: ["Effects", "Registers", "Stats", "Linalg"], exclude: ["Fixtures"]),
        .testTarget(name: "TransitionsTests", dependencies: ["Transitions", "Registers"]),
        .testTarget(name: "SyntheticTests", dependencies: ["Synthetic", "Registers", "Stats", "CZlib"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Effects", "Payback", "Stats"]),
        .testTarget(name: "EvaluateTests", dependencies: ["Stats", "Reporting", "Registers", "Transitions", "Synthetic", "Evaluation", "evaluate"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
