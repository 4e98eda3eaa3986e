// swift-tools-version: 6.2
// A typed Swift client of hormone-therapy-api, generated from the repository's openapi.yaml at build time by
// swift-openapi-generator. Its own package, so the server's build does not grow.

import PackageDescription

let package = Package(
    name: "HormoneTherapyAPIClient",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "HormoneTherapyAPIClient", targets: ["HormoneTherapyAPIClient"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
    ],
    targets: [
        .target(
            name: "HormoneTherapyAPIClient",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .testTarget(name: "HormoneTherapyAPIClientTests", dependencies: ["HormoneTherapyAPIClient"]),
    ]
)
