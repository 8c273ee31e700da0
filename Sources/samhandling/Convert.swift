import ArgumentParser
import Foundation
import GraphvizSupport
import ServiceGraph

extension GraphFormat: ExpressibleByArgument {}

extension Samhandling {
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a graph between DOT, GraphML, a CSV folder and the model's JSON.",
            discussion: """
                The formats follow the paths: .dot or .gv, .graphml, .json, .csv for an event log \\
                (user,time,kind,actor,service,level,target: the pathways only), and a folder (a path \\
                without an extension, or an existing folder) for CSV — nodes.csv, edges.csv, \\
                groups.csv, graph.csv. --to overrides the output's. Every attribute and group is kept, \\
                except in an event log, which holds the dated events alone. An event log is read as a \\
                graph of its users, professionals and services.
                """
        )

        @Argument(help: "The graph to read.")
        var input: String

        @Argument(help: "Where to write it.")
        var output: String

        @Option(help: "Output format: dot, graphml, json, csv (a folder) or events (an event-log CSV).")
        var to: GraphFormat?

        func run() throws {
            let loaded = try Samhandling.loadGraph(input)
            let target = URL(fileURLWithPath: output)
            do {
                try (to ?? GraphFormat(path: output)).write(loaded.graph, to: target)
            } catch {
                Console.error("\(output): error: cannot write: \(error.localizedDescription)")
                throw InputFailure()
            }
        }

    }
}
