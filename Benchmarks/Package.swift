// swift-tools-version: 6.0
import PackageDescription

/// The benchmarks that link the server's modules, in a package of their own so the server's package
/// (and the image built from it) holds only the server and its tests. `Benchmarks/run` builds them;
/// the Hummingbird peer (HummingbirdPeer/) and the floor (Floor/) are built on their own.
let server = "hormone-therapy-api"

let package = Package(
    name: "hormone-therapy-api-benchmarks",
    dependencies: [.package(name: server, path: "..")],
    targets: [
        .executableTarget(
            name: "content-benchmark",
            dependencies: [.product(name: "ContentModel", package: server)],
            path: "ContentLoad"),
        .executableTarget(
            name: "request-pipeline-benchmark",
            dependencies: [
                .product(name: "HTTP1", package: server),
                .product(name: "ContentAPI", package: server),
                .product(name: "ContentModel", package: server),
            ],
            path: "RequestPipeline"),
    ],
    swiftLanguageModes: [.v6]
)
