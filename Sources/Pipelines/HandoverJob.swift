import Foundation
import GraphvizSupport
import ServiceGraph

/// The handover network over all users of graphs and event logs, written as an edge list,
/// a graph, or a drawing.
public struct HandoverJob {
    public enum Format: String, CaseIterable, Sendable {
        case dot, graphml, csv, svg, png, pdf

        /// The format a path's extension names.
        public init?(path: String) { self.init(rawValue: (path as NSString).pathExtension.lowercased()) }
    }

    /// Where to write; nil or `-` for standard output.
    public var output: String?
    /// nil: from the extension of `output`, else CSV.
    public var format: Format?
    public var granularity = Granularity.professional
    public var period = Period()
    public var language = Language.en
    /// How XES attributes and OMOP care sites are read.
    public var eventLogs = EventLogSource()
    /// `--parts`: each folder is one event log in parts (LogInputs.swift).
    public var parts = false

    public init() {}

    public func run(_ paths: [String]) throws {
        var tally = HandoverTally(granularity: granularity)
        let (files, missing) = LogInputs.expand(paths, parts: parts, extensions: InputFiles.graphExtensions.union(InputFiles.eventLogExtensions))
        missing.forEach { Console.error($0.description) }
        var failed = !missing.isEmpty
        for file in files {
            do {
                if file.isEventLog {
                    let reader = file.eventLogReader(source: eventLogs)
                    let summary = try ReadingProgress.showing { try tally.add(eventLog: reader, period: period) }
                    summary.skipped.forEach { Console.error($0.description) }
                    if !summary.skipped.isEmpty { failed = true }
                } else {
                    let loaded = try LoadedGraph.load(file)
                    for pathway in loaded.graph.pathways().pathways { tally.add(pathway, period: period) }
                }
            } catch let diagnostic as Diagnostic {
                Console.error(diagnostic.description)
                failed = true
            }
        }
        let format = format ?? output.flatMap(Format.init(path:)) ?? .csv
        if format == .csv && (output == nil || output == OutputPath.standardOutput) {
            // The edge list goes out in pieces as it is written: it can be larger than the counts.
            try tally.writeCSV { try Console.write(Data($0)) }
        } else {
            try OutputPath.write(try encoded(tally, as: format), to: output ?? OutputPath.standardOutput)
        }
        if let output, output != OutputPath.standardOutput {
            Console.error("\(tally.providerCount) providers, \(tally.handovers) handovers → \(output)")
        }
        if failed { throw InputFailure() }
    }

    private func encoded(_ tally: HandoverTally, as format: Format) throws -> Data {
        if format == .csv { return Data(tally.csv) }
        let network = tally.network
        switch format {
        case .csv: return Data(network.csv.utf8)
        case .dot: return Data(DOTWriter().write(network.graph).utf8)
        case .graphml: return Data(GraphMLWriter().write(network.graph).utf8)
        case let drawing:
            let renderer = Renderer(engine: .dot, format: OutputFormat(rawValue: drawing.rawValue) ?? .svg)
            do {
                return try renderer.render(HandoverView(language: language).styled(network))
            } catch {
                Console.error("handovers: \(error.description)")
                throw InputFailure()
            }
        }
    }
}
