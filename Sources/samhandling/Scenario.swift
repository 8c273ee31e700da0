import ArgumentParser
import Foundation
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Scenario: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scenario",
            abstract: "What if: apply an edit script to a graph or event log and show every measure that changes.",
            discussion: """
                EDITS holds one edit per line (# starts a comment): move NODE under SUPERIOR; merge NODE \
                into NODE; relevel LEVEL LEVEL; remove NODE; add ID key=value …; tie A B key=value …; \
                untie A B [kind=K]; set NODE key=value … (docs/scenarios.md). The edits are made in \
                memory, in order; the input is never changed. --format json prints the measures before \
                and after (as metrics prints them) and the changes; table and csv the changes only. \
                An edit that does not apply is an error with its line, and nothing is printed.
                """
        )

        @Argument(help: "The graph or event log.")
        var input: String

        @Argument(help: "The edit script.")
        var edits: String

        @OptionGroup var format: TableFormatOption
        @OptionGroup var period: PeriodOptions
        @OptionGroup var granularity: GranularityOption
        @OptionGroup var pathway: PathwayParameters
        @OptionGroup var language: LanguageOption
        @OptionGroup(title: "Event logs of other tools") var eventLogs: EventLogOptions

        @Option(help: "Also draw the edited graph, the changes coloured, into this file (.svg, .png or .pdf).")
        var render: String?

        @Flag(help: "Also show the seven requirements of the national guidance before and after (table and json).")
        var requirements = false

        func validate() throws {
            if requirements && format.format == .csv {
                throw ValidationError("--requirements is shown in the table and in json; for a CSV of the requirements run samhandling requirements")
            }
            if let render, !["svg", "png", "pdf"].contains((render as NSString).pathExtension.lowercased()) {
                throw ValidationError("--render takes a .svg, .png or .pdf file")
            }
        }

        func run() throws {
            var job = ScenarioJob(input: input, edits: edits)
            (job.metrics.format, job.metrics.from, job.metrics.to) = (format.format, period.from, period.to)
            (job.metrics.granularity, job.metrics.pathway, job.metrics.language) = (granularity.granularity, pathway.settings, language.lang)
            (job.drawing, job.requirements) = (render, requirements)
            job.metrics.eventLogs = try eventLogs.source()
            try job.run()
        }
    }
}
