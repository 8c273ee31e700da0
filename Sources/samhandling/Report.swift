import ArgumentParser
import Foundation
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a self-contained HTML report per graph, and an index.",
            discussion: """
                Each page holds the drawings that apply (network; org chart; each user's map and \
                pathway) as inline SVG, the measure tables, the level transitions, the organisation's \
                figures and a data-quality section. No script, nothing fetched: it reads offline and \
                prints. --suppress-below N shows counts under N as "<N" for tables that will be shared.
                """
        )

        @Argument(help: "Graphs or folders (default: Graphs, when there is one here).")
        var paths: [String] = []

        @Option(name: .shortAndLong, help: "Folder for the pages.")
        var out: String = "output/report"

        @OptionGroup var language: LanguageOption

        @Option(name: .customLong("suppress-below"), help: "Show counts below N as <N.")
        var suppressBelow: Int?

        @OptionGroup(title: "Pathways") var pathway: PathwayParameters

        func validate() throws {
            if let suppressBelow, suppressBelow < 1 { throw ValidationError("--suppress-below takes a count of 1 or more") }
            if paths.isEmpty && !FileManager.default.fileExists(atPath: "Graphs") {
                throw ValidationError("name the graphs to report on (files or folders): there is no Graphs folder here to report on by default")
            }
        }

        func run() throws {
            var job = ReportJob()
            (job.output, job.language, job.suppressBelow, job.pathway) = (out, language.lang, suppressBelow, pathway.settings)
            try job.run(paths.isEmpty ? ["Graphs"] : paths)
        }
    }
}
