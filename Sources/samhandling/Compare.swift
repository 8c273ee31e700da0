import ArgumentParser
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare municipalities side by side, or two versions of one (a reorganisation).",
            discussion: """
                With files or a folder of org charts: one row per municipality (population, units, \
                depth, span, mental-health units and FTE, FTE per 1,000 inhabitants, model, \
                purchaser–provider, dual reporting, authority splits, informal ties, forums). \
                Inter-municipal FTE is shared by population where every partner is in the comparison. \
                With --before A --after B: units and ties added, removed and moved, forums lost, and \
                where mental-health work sits before and after. --render FILE draws the charts side \
                by side, or the reorganisation with its changes coloured.
                """
        )

        @Argument(help: "Org-chart files or folders.")
        var paths: [String] = []

        @Option(help: "The chart before a reorganisation.")
        var before: String?

        @Option(help: "The chart after it.")
        var after: String?

        @OptionGroup var format: TableFormatOption

        @Option(help: "Also draw the charts into this file (.svg, .png or .pdf).")
        var render: String?

        @OptionGroup var language: LanguageOption

        func validate() throws {
            if (before == nil) != (after == nil) { throw ValidationError("--before and --after go together") }
            if before != nil && !paths.isEmpty { throw ValidationError("give either files to compare or --before and --after") }
            if before == nil && paths.isEmpty { throw ValidationError("name the org charts to compare, or --before and --after") }
            if before != nil && format.format == .csv { throw ValidationError("a before/after comparison is written as table or json") }
            if let render, ComparisonJob.drawingFormat(of: render) == nil {
                throw ValidationError("--render takes a .svg, .png or .pdf file, or - for SVG on standard output")
            }
        }

        func run() throws {
            var job = ComparisonJob()
            (job.format, job.language, job.drawing) = (format.format, language.lang, render)
            if let before, let after {
                try job.compareVersions(before: before, after: after)
            } else {
                try job.compareMunicipalities(paths)
            }
        }
    }
}
