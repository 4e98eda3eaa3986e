// swift-tools-version: 6.0
import PackageDescription

/// Linux only: the server waits on epoll and links Glibc (the container image serves every other system),
/// so the package names no Apple platform.
///
/// The benchmarks are a package of their own (Benchmarks/Package.swift), and the fuzz targets under Fuzz/
/// are not part of this package either: `scripts/fuzz` compiles each with the
/// sources it exercises and libFuzzer, in its own build folder.
let targets: [Target] = [
    .target(name: "JSON"),
    .target(name: "HTTP1"),
    .target(name: "CEpoll"),
    .target(name: "Threading"),
    .target(name: "CWriteNoWait"),
    .target(name: "SocketServer", dependencies: ["HTTP1", "CEpoll", "Threading"]),
    .target(name: "ContentModel", dependencies: ["JSON"]),
    // Content that reloads itself (--watch-content): inotify, debounced; knows nothing of the content.
    .target(name: "ContentWatch"),
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    // The access log knows HTTP's numbers and JSON, not the content: it writes what it is given.
    .target(name: "AccessLogging", dependencies: ["HTTP1", "JSON", "Threading", "CWriteNoWait"]),
    .target(
        name: "ContentAPI", dependencies: ["HTTP1", "JSON", "ContentModel", "CZlib", "Threading", "AccessLogging"]),
    .executableTarget(
        name: "hormone-therapy-api",
        dependencies: [
            "HTTP1",
            "JSON",
            "SocketServer",
            "ContentModel",
            "ContentAPI",
            "AccessLogging",
            "ContentWatch",
            "Threading",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]
    ),
    // libcurl (libcurl4-openssl-dev, which scripts/test installs) for the integration tests only. No
    // pkgConfig: with it, every build of the package, the server's too, warned on a machine without it.
    .systemLibrary(name: "CCurl", path: "Tests/CCurl"),
    .target(name: "WireFixtures", dependencies: ["HTTP1"], path: "Tests/Fixtures"),
    .target(name: "TestSupport", dependencies: ["ContentModel"], path: "Tests/Support"),
    .testTarget(name: "JSONTests", dependencies: ["JSON"]),
    .testTarget(name: "ContentWatchTests", dependencies: ["ContentWatch"]),
    .testTarget(name: "HTTP1Tests", dependencies: ["HTTP1", "WireFixtures"]),
    .testTarget(name: "SocketServerTests", dependencies: ["SocketServer", "HTTP1", "Threading"]),
    .testTarget(name: "ContentModelTests", dependencies: ["ContentModel", "TestSupport"]),
    .testTarget(
        name: "ContentAPITests", dependencies: ["ContentAPI", "ContentModel", "HTTP1", "AccessLogging", "TestSupport"]),
    .testTarget(name: "AccessLoggingTests", dependencies: ["AccessLogging", "JSON", "Threading", "CWriteNoWait"]),
    .testTarget(
        name: "IntegrationTests",
        dependencies: [
            "HTTP1", "SocketServer", "ContentAPI", "ContentModel", "CCurl", "WireFixtures", "TestSupport", "Threading",
        ]),
]

let package = Package(
    name: "hormone-therapy-api",
    products: [
        .executable(name: "hormone-therapy-api", targets: ["hormone-therapy-api"]),
        // For the benchmarks package (Benchmarks/Package.swift) only; no other client is promised them.
        .library(name: "HTTP1", targets: ["HTTP1"]),
        .library(name: "ContentModel", targets: ["ContentModel"]),
        .library(name: "ContentAPI", targets: ["ContentAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
