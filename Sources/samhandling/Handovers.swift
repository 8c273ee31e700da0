import ArgumentParser
import Foundation
import GraphvizSupport
import ServiceGraph

extension Samhandling {
    struct Handovers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The handover network over all users: provider → provider, counted.",
            discussion: """
                Every consecutive pair of a user's visits adds one to the edge between their \
                providers (a loop where the provider is the same); the counts equal pm4py's \
                handover-of-work network (β = 0) before its normalisation. Inputs are DOT graphs \
                and event logs; all their users are added up. The format follows the extension of \
                --out (.dot, .graphml, .csv, .svg, .png, .pdf) unless --format is given; without \
                --out the CSV edge list goes to standard output.
                """
        )

        enum Format: String, CaseIterable, ExpressibleByArgument {
            case dot, graphml, csv, svg, png, pdf
        }

        @Argument(help: "Graph files, event logs or folders.")
        var paths: [String]

        @Option(name: .shortAndLong, help: "File to write; - for standard output.")
        var out: String?

        @Option(help: "dot, graphml, csv, svg, png or pdf (default: from the extension of --out).")
        var format: Format?

        @Option(help: "What counts as one provider: professional, service or level.")
        var granularity: Granularity = .professional

        @Option(help: "Count only visits on or after this date.")
        var from: String?

        @Option(help: "Count only visits on or before this date.")
        var to: String?

        @Option(help: "Language of the drawing's title: en or nb.")
        var lang: Language = .en

        func validate() throws {
            if Period(from: from, to: to) == nil {
                throw ValidationError("--from and --to take dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM")
            }
            if format == nil, let out, out != OutputPath.standardOutput,
               Format(rawValue: (out as NSString).pathExtension.lowercased()) == nil {
                throw ValidationError("cannot tell the format from '\(out)': name a .dot, .graphml, .csv, .svg, .png or .pdf file, or give --format")
            }
        }

        func run() throws {
            let period = Period(from: from, to: to) ?? Period()
            var network = HandoverNetwork(granularity: granularity)
            let (files, missing) = InputFiles.expand(paths, extensions: InputFiles.graphExtensions.union(["csv"]))
            missing.forEach { Console.error($0.description) }
            var failed = !missing.isEmpty
            for file in files {
                do throws(Diagnostic) {
                    if file.url.pathExtension.lowercased() == "csv" {
                        let reader = EventLogReader(url: file.url, displayName: file.displayPath)
                        var partial = HandoverNetwork(granularity: granularity)
                        let summary = try reader.forEachPathway(onRestart: { partial = HandoverNetwork(granularity: granularity) }) {
                            partial.add($0, period: period)
                        }
                        summary.skipped.forEach { Console.error($0.description) }
                        if !summary.skipped.isEmpty { failed = true }
                        network.merge(partial)
                    } else {
                        let loaded = try LoadedGraph.load(file.url, displayName: file.displayPath)
                        for pathway in loaded.graph.pathways().pathways { network.add(pathway, period: period) }
                    }
                } catch {
                    Console.error(error.description)
                    failed = true
                }
            }
            let chosen = format ?? out.flatMap { Format(rawValue: ($0 as NSString).pathExtension.lowercased()) } ?? .csv
            let data: Data
            switch chosen {
            case .csv: data = Data(network.csv.utf8)
            case .dot: data = Data(DOTWriter().write(network.graph).utf8)
            case .graphml: data = Data(GraphMLWriter().write(network.graph).utf8)
            case .svg, .png, .pdf:
                let renderer = Renderer(engine: .dot, format: OutputFormat(rawValue: chosen.rawValue) ?? .svg)
                do {
                    data = try renderer.render(dot: DOTWriter().write(HandoverView(language: lang).styled(network)))
                } catch {
                    Console.error("handovers: \(error.description)")
                    throw InputFailure()
                }
            }
            try OutputPath.write(data, to: out ?? OutputPath.standardOutput)
            if let out, out != OutputPath.standardOutput {
                Console.error("\(network.providers.count) providers, \(network.handovers) handovers → \(out)")
            }
            if failed { throw InputFailure() }
        }
    }
}
