// swift-tools-version: 6.1
// The README's "Use as a library" example as a package of its own that depends on FinsamEval; scripts/test builds
// and runs it (from the repository root, which holds the data it reads) so the example keeps compiling.
import PackageDescription

let package = Package(
    name: "library-example",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "FinsamEval", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "library-example",
            dependencies: [
                .product(name: "Stats", package: "FinsamEval"),
                .product(name: "Matching", package: "FinsamEval"),
                .product(name: "Payback", package: "FinsamEval"),
                .product(name: "Evaluation", package: "FinsamEval"),
            ]
        ),
    ]
)
