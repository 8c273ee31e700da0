import ArgumentParser
import Foundation
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert",
            abstract: "Convert a graph between DOT, GraphML, a CSV folder, the model's JSON and egor's tables.",
            discussion: """
                The formats follow the paths: .dot or .gv, .graphml, .json, .csv for an event log \
                (user,time,kind,actor,service,level,target: the pathways only), and a folder (a path \
                without an extension, or an existing folder) for CSV — nodes.csv, edges.csv, \
                groups.csv, graph.csv. --to overrides the output's; --to egor writes egor's three tables \
                (egos.csv, alters.csv, aaties.csv) into a folder. Every attribute and group is kept, \
                except in an event log, which holds the dated events alone, and in egor's tables, which \
                hold each user's helper network. An event log is read as a graph of its users, \
                professionals and services; a Network Canvas export (a folder of its CSV files, or its \
                GraphML) and a folder of egor's tables as helper networks. From an event log (the \
                tool's CSV, XES or an OMOP visit_occurrence table) to an event log (.csv, .xes), the \
                events go across as they are, none dropped; a row that cannot be read is reported \
                with its line, the rest written, and the exit code is 1.
                """
        )

        @Argument(help: "The graph to read.")
        var input: String

        @Argument(help: "Where to write it; - for standard output.")
        var output: String

        @Option(help: "Output format: dot, graphml, json, csv (a folder), events (an event-log CSV), xes or egor (a folder).")
        var to: GraphFormat?

        @OptionGroup(title: "Event logs of other tools") var eventLogs: EventLogOptions

        @Flag(help: "One file per user, its helper network (the user, its neighbours, the ties among them), into OUTPUT as a folder: OUTPUT/USER.dot, or the format of --to.")
        var perUser = false

        func validate() throws {
            if perUser && output == OutputPath.standardOutput {
                throw ValidationError("--per-user writes a folder of files: give a folder, not -")
            }
            // A gzip file name would otherwise be taken as a CSV folder's (its extension is gz).
            if to == nil, !perUser, output.lowercased().hasSuffix(".gz") {
                throw ValidationError("\(output): a gzip file is read (.xes.gz) but not written: write \(output.dropLast(3)) and gzip it")
            }
            if output == OutputPath.standardOutput, let to, to == .csv || to == .egor {
                let what = to == .csv ? "a CSV folder" : "egor's tables (a folder)"
                throw ValidationError("\(what) cannot go to standard output: give --to dot, graphml, json, events or xes")
            }
        }

        func run() throws {
            let format = to ?? GraphFormat(output: output)
            let source = try eventLogs.source()
            if !perUser, EventLogConversion.applies(input: input, format: format) {
                return try EventLogConversion(source: source).run(input: input, output: output, format: format)
            }
            // A row a reader could not use (a Network Canvas alter without its ego, an egor tie
            // whose ids do not join) is reported; the rest is written, and the exit code is 1. A
            // long event log shows a progress bar while it is read (on a terminal).
            let loaded = try ReadingProgress.showing { try GraphFiles.load(input, eventLogs: source) }
            for problem in loaded.readWarnings { Console.error(problem.description) }
            if perUser {
                try GraphFiles.writePerUser(loaded.graph, as: to ?? .dot, into: output)
            } else {
                try GraphFiles.write(loaded.graph, as: format, to: output)
            }
            if loaded.readWarnings.contains(where: { $0.severity == .error }) { throw InputFailure() }
        }

    }
}
