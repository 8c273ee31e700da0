import ArgumentParser
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Metrics: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "metrics",
            abstract: "Measure graphs and event logs: helper networks, pathways and the whole graph.",
            discussion: """
                Inputs are DOT graphs (.dot, .gv) and event logs (.csv with user,time,kind,… \
                columns). --format table is for people; json is an array with one object per \
                input (meta, whole-graph measures, centrality, users, pathways, quality; an event \
                log has meta, pathways and quality); csv has one row per user. Undefined measures \
                are null in JSON and empty in CSV. A file that fails is reported and the others \
                are still measured; the exit code is then 1. An event log can come on standard \
                input (-) or as a folder of parts (--parts); shards measured apart with the same \
                --to give the rows of the whole (docs/pathways.md, "Sharding").
                """
        )

        @Argument(help: "Graph files, event logs or folders; - for an event log on standard input.")
        var paths: [String]

        @OptionGroup var format: TableFormatOption
        @OptionGroup var period: PeriodOptions
        @OptionGroup var by: ByPeriodOption
        @OptionGroup var granularity: GranularityOption
        @OptionGroup var pathway: PathwayParameters
        @OptionGroup var language: LanguageOption
        @OptionGroup(title: "Event logs of other tools") var eventLogs: EventLogOptions
        @OptionGroup var parts: PartsOption

        @Option(name: .customLong("fcd-weights"), help: "CSV of level_a,level_b,weight for the fragmented care density.")
        var fcdWeights: String?

        @Option(help: "Threads measuring an event log's users (default: one per core); the output is the same on any number.")
        var jobs: Int?

        @Flag(help: "Treat warnings about the inputs as failures (exit 1).")
        var strict = false

        @Option(help: ArgumentHelp(
            "What to measure in a graph: all (whole graph, helper networks, pathways) or whole (the whole graph only).",
            discussion: "--scope whole suits a municipality's collaboration graph: betweenness, single points of failure, "
                + "fragmentation and distance fragmentation of the whole, without a helper network per user."))
        var scope: MetricsReport.Scope = .all

        func validate() throws {
            if scope == .whole && by.by != nil {
                throw ValidationError("--by measures each user by period; --scope whole has no users")
            }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if scope == .whole && format.format == .csv {
                throw ValidationError("--format csv has a row per user; with --scope whole use table or json")
            }
        }

        func run() throws {
            var job = MetricsJob()
            (job.format, job.from, job.to, job.granularity, job.by) = (format.format, period.from, period.to, granularity.granularity, by.by)
            (job.pathway, job.language, job.scope, job.fcdWeights, job.strict) = (pathway.settings, language.lang, scope, fcdWeights, strict)
            (job.eventLogs, job.parts) = (try eventLogs.source(), parts.parts)
            if let jobs { job.jobs = jobs }
            try job.run(paths)
        }
    }
}
