import ArgumentParser
import ContentAPI

@main
struct HormoneTherapyAPI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hormone-therapy-api",
        abstract: "A read-only HTTP/1.1 JSON API on SERMs and traditional hormone therapies.",
        version: ServiceVersion.current,
        subcommands: [Serve.self, ValidateContent.self, Healthcheck.self],
        defaultSubcommand: Serve.self)
}
