// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// `HTA_FUZZ=1 swift build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address ...` adds the
/// libFuzzer targets (see scripts/fuzz). They stay out of the normal build: they cannot link without the
/// fuzzer runtime.
let fuzzing = ProcessInfo.processInfo.environment["HTA_FUZZ"] == "1"

var targets: [Target] = [
    .target(name: "HTTP1"),
    .target(name: "SocketServer", dependencies: ["HTTP1"]),
    .executableTarget(
        name: "hormone-therapy-api",
        dependencies: [
            "HTTP1",
            "SocketServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
    .systemLibrary(name: "CCurl", path: "Tests/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .target(name: "WireFixtures", dependencies: ["HTTP1"], path: "Tests/Fixtures"),
    .testTarget(name: "HTTP1Tests", dependencies: ["HTTP1", "WireFixtures"]),
    .testTarget(name: "IntegrationTests", dependencies: ["HTTP1", "SocketServer", "CCurl", "WireFixtures"]),
]

if fuzzing {
    targets.append(
        .executableTarget(
            name: "ParserFuzzer",
            dependencies: ["HTTP1"],
            path: "Fuzz/ParserFuzzer",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    )
}

let package = Package(
    name: "hormone-therapy-api",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hormone-therapy-api", targets: ["hormone-therapy-api"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
