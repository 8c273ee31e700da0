import ArgumentParser
import Foundation
import Pipelines

@main
struct Samhandling: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samhandling",
        abstract: "Network and pathway analysis of service-collaboration graphs.",
        discussion: """
            Reads helper networks, pathways and municipal structures (DOT), measures them and \
            renders them through the Graphviz library. Nothing is ever sent anywhere.
            """,
        version: Tool.version,
        subcommands: [Render.self, Metrics.self, Handovers.self, Scenario.self, Compare.self, Requirements.self, Sequences.self, Report.self, Convert.self, Anonymize.self, Validate.self, Generate.self]
    )

    /// Exit codes: 0 ok, 1 some input failed, 2 usage (README, "Using it").
    static func main() {
        // A render worker (`render --worker`, started by render itself) skips the argument
        // parser, which took 49 million instructions of each worker's start.
        if CommandLine.arguments.dropFirst().elementsEqual(["render", "--worker"]) { return RenderJob.serveAsWorker() }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as InputFailure {
            _ = failure
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
