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
        var network = HandoverNetwork(granularity: granularity)
        let (files, missing) = LogInputs.expand(paths, parts: parts, extensions: InputFiles.graphExtensions.union(InputFiles.eventLogExtensions))
        missing.forEach { Console.error($0.description) }
        var failed = !missing.isEmpty
        for file in files {
            do throws(Diagnostic) {
                if file.isEventLog {
                    let reader = file.eventLogReader(source: eventLogs)
                    var partial = HandoverNetwork(granularity: granularity)
                    let summary = try ReadingProgress.showing { () throws(Diagnostic) in
                        let progress = ReadProgress.current
                        return try reader.forEachPathway(onRestart: { partial = HandoverNetwork(granularity: granularity) }) {
                            progress?.countUser()
                            partial.add($0, period: period)
                        }
                    }
                    summary.skipped.forEach { Console.error($0.description) }
                    if !summary.skipped.isEmpty { failed = true }
                    network.merge(partial)
                } else {
                    let loaded = try LoadedGraph.load(file)
                    for pathway in loaded.graph.pathways().pathways { network.add(pathway, period: period) }
                }
            } catch {
                Console.error(error.description)
                failed = true
            }
        }
        try OutputPath.write(try encoded(network), to: output ?? OutputPath.standardOutput)
        if let output, output != OutputPath.standardOutput {
            Console.error("\(network.providers.count) providers, \(network.handovers) handovers → \(output)")
        }
        if failed { throw InputFailure() }
    }

    private func encoded(_ network: HandoverNetwork) throws -> Data {
        switch format ?? output.flatMap(Format.init(path:)) ?? .csv {
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
