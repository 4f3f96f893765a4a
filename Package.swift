// swift-tools-version: 6.2
import PackageDescription

// Linux only: leakkb reads /proc, calls Glibc and prctl, and builds on Debian's libcmark, SQLite and zlib.
let package = Package(
    name: "leakkb",
    products: [
        .executable(name: "leakkb", targets: ["leakkb"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Both come with Hummingbird; named here because the server code uses them directly.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Also with Hummingbird; the server adds its own connection handlers (header timeout, HTTP/1.0 close).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        // pprof profiles; the Swift code is generated once from profile.proto and committed (no build plugin).
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        // gzip for the server's responses and for reading pprof profiles.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // prctl(PR_SET_CHILD_SUBREAPER) for demo containment; header only, part of libc.
        .systemLibrary(name: "CProcessControl"),
        // The layers, each importing only those listed before it: a wrong arrow does not compile.
        // Pure values: kinds, claims (grammar, parsing, evaluation), figures and their units,
        // Go versions, source locations, diagnostics. No I/O.
        .target(name: "LeakKBModel"),
        // The POSIX file calls leakkb needs (stat-first reads, directory scans, atomic removal).
        .target(name: "LeakKBSystem", dependencies: ["LeakKBModel"]),
        // cmark: safe HTML with anchors, plain text, headings, code blocks, links.
        .target(name: "LeakKBMarkdown", dependencies: ["CCmark", "LeakKBModel"]),
        // Content/ files → validated articles.
        .target(
            name: "LeakKBCatalog",
            dependencies: [
                "LeakKBMarkdown", "LeakKBModel", "LeakKBSystem", .product(name: "Yams", package: "Yams"),
            ]),
        // The SQLite index (a cache of Content/) and the recorded runs (kept in a file of their own).
        .target(
            name: "LeakKBIndex",
            dependencies: [
                "LeakKBCatalog", "LeakKBModel", "LeakKBSystem",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        // pprof profiles: gunzip with limits, protocol-buffer decoding, diffs, live snapshots over HTTP.
        .target(
            name: "LeakKBProfiles",
            dependencies: ["CZlib", "LeakKBModel", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Generated/profile.proto"]),
        // Toolchains, cached builds, contained runs, the figures protocol: nothing of the index.
        .target(
            name: "LeakKBDemos",
            dependencies: [
                "CProcessControl", "LeakKBModel", "LeakKBSystem",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]),
        // Goroutine dumps, debug=1 profiles, goleak output and pprof goroutine profiles → groups → the
        // patterns their signatures match.
        .target(name: "LeakKBDiagnosis", dependencies: ["LeakKBModel", "LeakKBProfiles"]),
        // Articles, search results and demo reports for a terminal.
        .target(
            name: "LeakKBTerminal",
            dependencies: ["LeakKBIndex", "LeakKBCatalog", "LeakKBDiagnosis", "LeakKBMarkdown", "LeakKBModel"]),
        // The static site: pages from the shared templates, charts, search data, atomic export, the diagnosis page.
        .target(
            name: "LeakKBSite",
            dependencies: [
                "LeakKBIndex", "LeakKBCatalog", "LeakKBDiagnosis", "LeakKBModel", "LeakKBSystem",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources")]
        ),
        // The coordinating layer the CLI and the server both call: open a knowledge base, run and record a demo.
        .target(
            name: "LeakKB",
            dependencies: [
                "LeakKBIndex", "LeakKBDemos", "LeakKBDiagnosis", "LeakKBCatalog", "LeakKBModel", "LeakKBSite",
                "LeakKBSystem",
            ]),
        // HTTP: the same pages and a JSON API.
        .target(
            name: "LeakKBServer",
            dependencies: [
                "LeakKB", "LeakKBSite", "LeakKBIndex", "LeakKBDemos", "LeakKBCatalog", "LeakKBDiagnosis", "LeakKBModel",
                "LeakKBSystem", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .executableTarget(
            name: "leakkb",
            dependencies: [
                "LeakKB", "LeakKBServer", "LeakKBSite", "LeakKBTerminal", "LeakKBIndex", "LeakKBDemos", "LeakKBCatalog",
                "LeakKBDiagnosis", "LeakKBMarkdown", "LeakKBModel", "LeakKBSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // In-process figures for Benchmarks/run (index time, search latency).
        .executableTarget(
            name: "leakkb-bench", dependencies: ["LeakKBIndex", "LeakKBCatalog", "LeakKBModel"],
            path: "Benchmarks/Sources/leakkb-bench"),
        .testTarget(
            name: "LeakKBTests",
            // Hummingbird for the request and response types the cache tests build; HummingbirdTesting
            // to send requests through the router in process, with no socket; the leakkb executable's
            // module to run its commands in process.
            dependencies: [
                .target(name: "leakkb"), "LeakKB", "LeakKBServer", "LeakKBSite", "LeakKBTerminal", "LeakKBIndex",
                "LeakKBDemos", "LeakKBCatalog", "LeakKBDiagnosis", "LeakKBMarkdown", "LeakKBModel", "LeakKBProfiles",
                "LeakKBSystem",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                // To write protocol buffers of other messages, as hostile inputs for the profile reader.
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
