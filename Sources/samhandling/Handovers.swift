import ArgumentParser
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Handovers: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "handovers",
            abstract: "The handover network over all users: provider → provider, counted.",
            discussion: """
                Every consecutive pair of a user's visits adds one to the edge between their \
                providers (a loop where the provider is the same); the counts equal pm4py's \
                handover-of-work network (β = 0) before its normalisation. Inputs are DOT graphs \
                and event logs; all their users are added up. The format follows the extension of \
                --out (.dot, .graphml, .csv, .svg, .png, .pdf) unless --format is given; without \
                --out the CSV edge list goes to standard output. An event log can come on \
                standard input (-) or as a folder of parts (--parts); the CSV counts of shards \
                split by user add up to the whole's (docs/pathways.md, "Sharding").
                """
        )

        @Argument(help: "Graph files, event logs or folders; - for an event log on standard input.")
        var paths: [String]

        @Option(name: .shortAndLong, help: "File to write; - for standard output.")
        var out: String?

        @Option(help: "dot, graphml, csv, svg, png or pdf (default: from the extension of --out).")
        var format: HandoverJob.Format?

        @OptionGroup var granularity: GranularityOption
        @OptionGroup var period: PeriodOptions
        @OptionGroup var language: LanguageOption
        @OptionGroup(title: "Event logs of other tools") var eventLogs: EventLogOptions
        @OptionGroup var parts: PartsOption

        func validate() throws {
            if format == nil, let out, out != OutputPath.standardOutput, HandoverJob.Format(path: out) == nil {
                throw ValidationError("cannot tell the format from '\(out)': name a .dot, .graphml, .csv, .svg, .png or .pdf file, or give --format")
            }
        }

        func run() throws {
            var job = HandoverJob()
            (job.output, job.format, job.granularity) = (out, format, granularity.granularity)
            (job.period, job.language) = (period.period, language.lang)
            (job.eventLogs, job.parts) = (try eventLogs.source(), parts.parts)
            try job.run(paths)
        }
    }
}

extension HandoverJob.Format: ExpressibleByArgument {}
