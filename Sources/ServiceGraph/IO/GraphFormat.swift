import Foundation

/// The formats a graph is written in, chosen from a path: `.dot`/`.gv`, `.graphml`, `.json`,
/// `.csv` for an event log (the graph's pathways only: every dated event, one row each), and a
/// folder of CSV files for anything else (a path without an extension).
public enum GraphFormat: String, CaseIterable, Sendable {
    case dot, graphml, json, csv, events

    public init(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "dot", "gv": self = .dot
        case "graphml": self = .graphml
        case "json": self = .json
        case "csv": self = .events
        default: self = .csv
        }
    }

    /// Writes `graph` to `url` in this format, atomically (a CSV folder file by file).
    public func write(_ graph: CollaborationGraph, to url: URL) throws {
        switch self {
        case .dot: try AtomicFile.write(Data(DOTWriter().write(graph).utf8), to: url)
        case .graphml: try AtomicFile.write(Data(GraphMLWriter().write(graph).utf8), to: url)
        case .json: try AtomicFile.write(Data(ModelJSON.write(graph).utf8), to: url)
        case .csv: try CSVFolder.write(graph, to: url)
        case .events: try AtomicFile.write(Data(EventLogWriter.write(graph.pathways().pathways).utf8), to: url)
        }
    }
}
