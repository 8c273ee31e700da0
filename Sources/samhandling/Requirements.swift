import ArgumentParser
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Requirements: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "requirements",
            abstract: "Hold graphs up to the seven requirements of the national guidance on mental-health work.",
            discussion: """
                For each org chart, and each user of a helper network or event log: the seven \
                requirements in the guidance's order, each with the indicators the graph supports, \
                their values, a one-line reading naming the nodes and figures it rests on, and what \
                the data cannot tell (docs/requirements.md). Missing data is shown as missing (–), never \
                as a bad value; shared values are not structural and never scored. --format table \
                puts the subjects side by side (a folder of municipalities in one table); csv has \
                one row per indicator; html is a page that prints on A4 landscape. A file that fails \
                is reported and the others are still assessed; the exit code is then 1.
                """
        )

        @Argument(help: "Graph files, event logs or folders.")
        var paths: [String]

        @Option(help: "Output format: table (for people), json, csv or html (a printable page).")
        var format: RequirementsJob.Format = .table

        @OptionGroup var pathway: PathwayParameters
        @OptionGroup var language: LanguageOption

        func run() throws {
            var job = RequirementsJob()
            (job.format, job.metrics.language, job.metrics.pathway) = (format, language.lang, pathway.settings)
            try job.run(paths)
        }
    }
}

extension RequirementsJob.Format: ExpressibleByArgument {}
