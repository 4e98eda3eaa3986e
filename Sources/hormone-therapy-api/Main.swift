import ArgumentParser
import ContentAPI

@main
struct HormoneTherapyAPI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hormone-therapy-api",
        abstract: "A read-only HTTP/1.1 JSON API on SERMs and traditional hormone therapies.",
        // serve is what runs without a subcommand, so its options are in the top-level help too.
        discussion: """
            Without a subcommand, it serves. The options of serve (each also an environment variable):

            \(serveOptions)
            """,
        version: ServiceVersion.current,
        subcommands: [Serve.self, ValidateContent.self, Healthcheck.self],
        defaultSubcommand: Serve.self)

    /// serve's option lines as its own help prints them (78 columns, so nothing wraps them again),
    /// without its `--help` line: the top-level help lists its own.
    private static var serveOptions: String {
        let options = Serve.helpMessage(columns: 78).components(separatedBy: "OPTIONS:\n").last ?? ""
        var lines = options.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("-h, --help") }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
