import ArgumentParser
import Foundation
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a graph between DOT, GraphML, a CSV folder and the model's JSON.",
            discussion: """
                The formats follow the paths: .dot or .gv, .graphml, .json, .csv for an event log \
                (user,time,kind,actor,service,level,target: the pathways only), and a folder (a path \
                without an extension, or an existing folder) for CSV — nodes.csv, edges.csv, \
                groups.csv, graph.csv. --to overrides the output's. Every attribute and group is kept, \
                except in an event log, which holds the dated events alone. An event log is read as a \
                graph of its users, professionals and services.
                """
        )

        @Argument(help: "The graph to read.")
        var input: String

        @Argument(help: "Where to write it; - for standard output.")
        var output: String

        @Option(help: "Output format: dot, graphml, json, csv (a folder) or events (an event-log CSV).")
        var to: GraphFormat?

        func validate() throws {
            if output == OutputPath.standardOutput && to == .csv {
                throw ValidationError("a CSV folder cannot go to standard output: give --to dot, graphml, json or events")
            }
        }

        func run() throws {
            // A long event log shows a progress bar while it is read (on a terminal).
            try GraphFiles.write(ReadingProgress.showing { try GraphFiles.load(input) }.graph, as: to ?? GraphFormat(output: output), to: output)
        }

    }
}
