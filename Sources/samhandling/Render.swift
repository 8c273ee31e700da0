import ArgumentParser
import Foundation
import GraphvizSupport
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Render graphs through Graphviz (default: every graph under Graphs/ into output/).",
            discussion: """
                PATH may be files or folders; folders are searched recursively for .dot and .gv \
                files and their structure is mirrored under --out. A file that fails is reported \
                with its line and skipped; the others still render, and the exit code is 1.
                """
        )

        @Argument(help: "Graph files or folders (default: Graphs, when there is one here).")
        var paths: [String] = []

        @Option(name: .shortAndLong, help: "Folder for the renders.")
        var out: String = "output"

        @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: OutputFormat = .svg

        @Option(help: "Layout engine: \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", ")).")
        var layout: LayoutEngine = .dot

        @Option(help: "View: network; structure (an org chart); map (a helper-network map per user) or pathway (a timeline per user, also of event logs), both laid out by neato; cohort (the share of users at each care level step by step, one drawing per log or graph).")
        var view: RenderJob.View = .network

        @Option(help: "In the network view, emphasise: articulation (single points of failure and bridges).")
        var highlight: RenderJob.Highlight?

        @OptionGroup var by: ByPeriodOption

        @OptionGroup var language: LanguageOption

        @OptionGroup(title: "Pathway view") var pathway: PathwayParameters
        @OptionGroup(title: "Event logs of other tools") var eventLogs: EventLogOptions

        @OptionGroup(title: "Cohort view") var sequence: SequenceOptions

        @Flag(help: "Render everything again, and lay out graphs larger than the layout handles in reasonable time.")
        var force = false

        @Flag(help: "Treat warnings about the inputs as failures (exit 1).")
        var strict = false

        @Option(help: "Worker processes (default: all cores). libgraphviz is not thread-safe, so renders run in parallel processes.")
        var jobs: Int?

        @Flag(help: .hidden)
        var worker = false

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs takes 1 or more") }
            if by.by != nil && view != .map { throw ValidationError("--by draws one map per period: use it with --view map") }
            if paths.isEmpty && !worker && !FileManager.default.fileExists(atPath: "Graphs") {
                throw ValidationError("name the graphs to render (files or folders): there is no Graphs folder here to render by default")
            }
        }

        func run() throws {
            if worker { return RenderJob.serveAsWorker() }
            var job = RenderJob()
            (job.output, job.format, job.layout, job.view, job.highlight) = (out, format, layout, view, highlight)
            job.cohort = RenderJob.CohortSettings(step: sequence.step, alignment: sequence.align, states: sequence.states)
            (job.language, job.pathway, job.force, job.strict, job.jobs, job.by) = (language.lang, pathway.settings, force, strict, jobs, by.by)
            let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            job.eventLogs = try eventLogs.source()
            try job.run(paths.isEmpty ? ["Graphs"] : paths,
                        workers: .init(executable: executable, arguments: ["render", "--worker"]))
        }
    }
}
