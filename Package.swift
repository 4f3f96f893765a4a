// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "leakkb",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "leakkb", targets: ["leakkb"]),
        .library(name: "LeakKB", targets: ["LeakKB"]),
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
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        // gzip for the server's responses.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // prctl(PR_SET_CHILD_SUBREAPER) for demo containment; header only, part of libc.
        .systemLibrary(name: "CProcessControl"),
        .target(
            name: "LeakKB",
            dependencies: [
                "CCmark",
                "CZlib",
                "CProcessControl",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "leakkb",
            dependencies: ["LeakKB", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // In-process figures for Benchmarks/run (index time, search latency).
        .executableTarget(name: "leakkb-bench", dependencies: ["LeakKB"], path: "Benchmarks/Sources/leakkb-bench"),
        .testTarget(
            name: "LeakKBTests",
            // Hummingbird for the request and response types the cache tests build.
            dependencies: ["LeakKB", .product(name: "Hummingbird", package: "hummingbird")],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
