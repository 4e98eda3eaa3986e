import ArgumentParser
import ContentModel
import FoundationEssentials
import Glibc

/// `hormone-therapy-api validate-content [DIR]`: exit 0 with a summary, or 1 with every problem.
struct ValidateContent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-content", abstract: "Check a content directory and print a summary or every problem.")

    @Argument(help: "The content directory. Default: CONTENT_DIR, else ./Resources.")
    var directory: String?

    func run() throws {
        let directory = directory ?? ProcessInfo.processInfo.environment["CONTENT_DIR"] ?? "Resources"
        do {
            let library = try ContentLoader.load(directory: directory)
            print("valid: \(directory): \(library.summary)")
        } catch {
            writeStandardError("invalid: \(directory): \(error)\n")
            throw ExitCode.failure
        }
    }
}
