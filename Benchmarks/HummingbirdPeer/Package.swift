// swift-tools-version: 6.0
// A minimal Hummingbird 2 app serving fixed bodies, for Benchmarks/run only: never a dependency of the
// product. Build: swift build -c release --package-path Benchmarks/HummingbirdPeer
import PackageDescription

let package = Package(
    name: "hummingbird-peer",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1")],
    targets: [
        .executableTarget(
            name: "HummingbirdPeer",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")])
    ]
)
