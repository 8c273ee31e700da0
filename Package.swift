// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Samhandling",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "samhandling", targets: ["samhandling"]),
        .library(name: "ServiceGraph", targets: ["ServiceGraph"]),
        .library(name: "GraphvizSupport", targets: ["GraphvizSupport"]),
        .library(name: "Pipelines", targets: ["Pipelines"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // RFC 4180 CSV, read as a stream (event logs run to millions of rows).
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // SHA-256 of inputs in reports (and keyed pseudonyms for anonymize).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The Graphviz C library, found through pkg-config (libgvc pulls in cgraph and cdt).
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        // What Samhandling adds to cgraph in C: the deterministic ID discipline, reading DOT text
        // with it, and building a graph through the API with the calls the parser makes.
        .target(name: "CGraphvizShim", dependencies: ["CGraphviz"]),
        // libxml2's streaming reader, for XES logs (and .xes.gz: libxml2 reads gzip itself). The
        // same library Foundation's XML parser links on Linux, so it adds headers, not a library.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // libxml2's streaming reader behind a Swift type (XMLStreamReader): the only module that
        // touches libxml2.
        .target(name: "XMLStreaming", dependencies: ["CLibXML2"]),
        // The Swift core: model, readers/writers, measures, views. It imports no C: XES logs are
        // read through XMLStreaming.
        .target(name: "ServiceGraph", dependencies: [.product(name: "CSV", package: "CSV.swift"), "XMLStreaming"]),
        // The only module that touches Graphviz: DOT parsing through cgraph, layout and render through gvc.
        .target(name: "GraphvizSupport", dependencies: ["CGraphviz", "CGraphvizShim", "ServiceGraph"]),
        // What each command does, from inputs to outputs: the render pipeline (worker processes,
        // the incremental cache, atomic writes), metrics streaming, report assembly,
        // pseudonymisation, the comparison drawings. Messages go to standard error.
        .target(
            name: "Pipelines",
            dependencies: ["ServiceGraph", "GraphvizSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The command-line tool: options, validation, and one call into Pipelines per command.
        .executableTarget(
            name: "samhandling",
            dependencies: [
                "Pipelines", "ServiceGraph", "GraphvizSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Each reader of the project's own as a fuzz target (scripts/fuzz.sh builds it with libFuzzer).
        .target(
            name: "FuzzTargets",
            dependencies: ["ServiceGraph", "GraphvizSupport", .product(name: "CSV", package: "CSV.swift")]
        ),
        .executableTarget(name: "samhandling-fuzz", dependencies: ["FuzzTargets"]),
        // Fixture paths and golden-file comparison shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ServiceGraphTests",
            dependencies: ["ServiceGraph", "TestSupport", .product(name: "CSV", package: "CSV.swift")],
            exclude: ["Fixtures"]
        ),
        // Renders in a process of its own, for the memory tests.
        .executableTarget(name: "memory-probe", dependencies: ["GraphvizSupport"], path: "Tests/MemoryProbe"),
        .testTarget(
            name: "GraphvizSupportTests",
            dependencies: ["GraphvizSupport", "ServiceGraph", "TestSupport", "memory-probe"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "FuzzTargetsTests",
            dependencies: ["FuzzTargets", "ServiceGraph", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SamhandlingCLITests",
            dependencies: ["samhandling", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
