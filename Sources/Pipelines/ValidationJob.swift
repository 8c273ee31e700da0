import Foundation
import GraphvizSupport
import ServiceGraph

/// Checks graphs — syntax through cgraph, vocabulary — and prints each problem as
/// `file:line: severity: message` on standard output, with a count on standard error.
public struct ValidationJob {
    /// Warnings fail the run too.
    public var strict = false

    public init() {}

    public func run(_ paths: [String]) throws {
        let (files, missing) = InputFiles.expand(paths)
        missing.forEach { Console.error($0.description) }  // inputs not found: not a file's problems
        var problems: [Diagnostic] = []
        for file in files {
            do throws(Diagnostic) {
                problems += try LoadedGraph.load(file).validate()
            } catch {
                problems.append(error)
            }
        }
        try Console.write(problems.map { $0.description + "\n" }.joined())
        let errors = problems.filter { $0.severity == .error }.count
        let warnings = problems.count - errors
        Console.error("\(files.count) file\(files.count == 1 ? "" : "s") checked: "
                      + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors + missing.count > 0 || (strict && warnings > 0) { throw InputFailure() }
    }
}
