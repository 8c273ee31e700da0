import ArgumentParser
import Foundation
import GraphvizSupport
import ServiceGraph

extension Samhandling {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
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
            let (files, missing) = InputFiles.expand(paths)
            missing.forEach { Console.error($0.description) }  // inputs not found: not a file's problems
            var problems: [Diagnostic] = []
            for file in files {
                let name = file.displayPath
                do throws(Diagnostic) {
                    let loaded = try LoadedGraph.load(file.url, displayName: name)
                    problems += loaded.validate()
                } catch {
                    problems.append(error)
                }
            }
            try Console.write(problems.map { $0.description + "\n" }.joined())
            let errors = problems.filter { $0.severity == .error || strict }.count + missing.count
            let warnings = problems.count - problems.filter { $0.severity == .error }.count
            Console.error("\(files.count) file\(files.count == 1 ? "" : "s") checked: "
                          + "\(problems.count - warnings) error\(problems.count - warnings == 1 ? "" : "s"), "
                          + "\(warnings) warning\(warnings == 1 ? "" : "s")")
            if errors > 0 { throw InputFailure() }
        }
    }
}
