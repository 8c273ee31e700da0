import Foundation

/// The formats a graph is written in, chosen from a path: `.dot`/`.gv`, `.graphml`, `.json`,
/// `.csv` for an event log (the graph's pathways only: every dated event, one row each), `.xes`
/// for the same as an XES log, and a folder of CSV files for anything else (a path without an
/// extension). `egor` (egor's three tables in a folder) is only chosen by name.
public enum GraphFormat: String, CaseIterable, Sendable {
    case dot, graphml, json, csv, events, xes, egor

    public init(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "dot", "gv": self = .dot
        case "graphml": self = .graphml
        case "json": self = .json
        case "csv": self = .events
        case "xes": self = .xes
        default: self = .csv
        }
    }

    /// Writes `graph` to `url` in this format, atomically (a folder file by file).
    public func write(_ graph: CollaborationGraph, to url: URL) throws {
        if let data = encoded(graph) {
            try AtomicFile.write(data, to: url)
        } else if self == .egor {
            try EgorTables.write(graph, to: url)
        } else {
            try CSVFolder.write(graph, to: url)
        }
    }

    /// The file's bytes; nil for a CSV folder or egor's tables, which are several files.
    public func encoded(_ graph: CollaborationGraph) -> Data? {
        switch self {
        case .dot: Data(DOTWriter().write(graph).utf8)
        case .graphml: Data(GraphMLWriter().write(graph).utf8)
        case .json: Data(ModelJSON.write(graph).utf8)
        case .csv, .egor: nil
        case .events: Data(EventLogWriter.write(graph.pathways().pathways).utf8)
        case .xes: Data(XESWriter.write(graph.pathways().pathways).utf8)
        }
    }

    /// The format of an output path: `-` (standard output) is DOT unless told otherwise.
    public init(output path: String) {
        self = path == "-" ? .dot : GraphFormat(path: path)
    }
}
