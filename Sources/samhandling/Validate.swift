import ArgumentParser
import Foundation
import Pipelines

extension Samhandling {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check graphs: syntax (through cgraph) and vocabulary (kinds, levels, dates, users).",
            discussion: """
                Each problem is printed as file:line: severity: message — syntax errors at the line \
                cgraph reports, vocabulary problems at the line where the node or edge first appears. \
                Exit code 1 if any file has an error (or, with --strict, a warning).
                """
        )

        @Argument(help: "Graph files or folders.")
        var paths: [String]

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        func run() throws {
            var job = ValidationJob()
            job.strict = strict
            try job.run(paths)
        }
    }
}
