import Foundation
import ServiceGraph

/// A graph read from any of its formats: DOT (through cgraph), GraphML, the model's JSON, or a
/// CSV folder. For DOT the source text is kept, to locate lines.
public struct LoadedGraph: Sendable {
    public let graph: CollaborationGraph
    /// The DOT source; empty for other formats.
    public let text: String
    public let displayName: String
    /// The bytes read, for a digest: the DOT text, the GraphML or JSON file, or the CSV folder's files.
    public let bytes: Data
    /// What the reader warned about while reading (cgraph's warnings, files a CSV folder ignores).
    public var readWarnings: [Diagnostic] = []

    /// Lines of each node and edge, found in the source text (cgraph does not record them).
    public var sourceLines: SourceLines { DOTSourceLocator(text: text).sourceLines(for: graph) }

    /// Vocabulary problems (README, "Writing a graph") and text cgraph ignored, each with its line.
    public func validate() -> [Diagnostic] {
        guard !text.isEmpty else { return readWarnings + graph.validate(file: displayName) }
        // Lines only annotate what is found, and finding them looks up every node and edge:
        // only a graph with something to say is validated again with them.
        let found = graph.validate(file: displayName)
        var problems = readWarnings + (found.isEmpty ? [] : graph.validate(file: displayName, lines: sourceLines))
        if let line = DOTSourceLocator.trailingContentLine(of: text) {
            problems.insert(Diagnostic(file: displayName, line: line, severity: .warning,
                                       message: "text after the first graph is ignored (one graph per file)"), at: 0)
            problems.sort { ($0.line ?? Int.max) < ($1.line ?? Int.max) }
        }
        return problems
    }

    /// Loads `url` by its form: a folder of CSV files, `.graphml`, `.json`, else DOT. Every
    /// failure becomes a diagnostic naming the file and, where known, the line. An event log
    /// (XES, CSV, OMOP) is read with `eventLogs` (a mapping, care sites).
    public static func load(_ url: URL, displayName: String? = nil, eventLogs: EventLogSource = EventLogSource()) throws(Diagnostic) -> LoadedGraph {
        let name = displayName ?? url.path
        if CSVFolder.isGraphFolder(url) {
            let graph = try CSVFolder.read(url, displayName: name)
            return LoadedGraph(graph: graph, text: "", displayName: name, bytes: CSVFolder.bytes(of: url),
                               readWarnings: CSVFolder.ignoredFiles(in: url, displayName: name))
        }
        if NetworkCanvasExport.isExportFolder(url) {
            let (graph, problems) = try NetworkCanvasExport.read(url, displayName: name)
            return LoadedGraph(graph: graph, text: "", displayName: name, bytes: NetworkCanvasExport.bytes(of: url), readWarnings: problems)
        }
        if EgorTables.isEgorFolder(url) {
            let (graph, problems) = try EgorTables.read(url, displayName: name)
            return LoadedGraph(graph: graph, text: "", displayName: name, bytes: EgorTables.bytes(of: url), readWarnings: problems)
        }
        if EventLogFormat.named(url) == .xes {
            let graph = try CSVFolder.graph(ofEventLog: url, displayName: name, source: eventLogs)
            return LoadedGraph(graph: graph, text: "", displayName: name, bytes: (try? FileBytes.read(url)) ?? Data())
        }
        switch url.pathExtension.lowercased() {
        case "csv":
            guard EventLogReader.isEventLog(url) else {
                throw Diagnostic(file: name, line: 1, message: "not an event log: the header must name user, time and kind columns "
                                 + "(a graph in CSV is a folder holding nodes.csv and edges.csv)")
            }
            let graph = try CSVFolder.graph(ofEventLog: url, displayName: name, source: eventLogs)
            let data = (try? FileBytes.read(url)) ?? Data()
            return LoadedGraph(graph: graph, text: "", displayName: name, bytes: data)
        default:
            let data: Data
            do {
                data = try FileBytes.read(url)
            } catch {
                throw Diagnostic(file: name, line: nil, message: "cannot read the file: \(error.localizedDescription)")
            }
            return try parse(data, extension: url.pathExtension.lowercased(), displayName: name, folder: url.deletingLastPathComponent())
        }
    }

    /// Loads an input file; one whose name is not UTF-8 is read by its bytes (a CSV folder or an
    /// event log cannot be: those are read through Foundation).
    public static func load(_ file: InputFile) throws(Diagnostic) -> LoadedGraph {
        guard !file.isNamedInUTF8 else { return try load(file.url, displayName: file.displayPath) }
        let data: Data
        do {
            data = try file.bytes()
        } catch {
            throw Diagnostic(file: file.displayPath, line: nil, message: "cannot read the file: \(error.localizedDescription)")
        }
        return try parse(data, extension: file.relative.pathExtension, displayName: file.displayPath)
    }

    /// A GraphML, JSON or (any other extension) DOT file's bytes, read. A GraphML file written by
    /// Network Canvas becomes its helper network, with the mapping file of `folder`, if any.
    private static func parse(_ data: Data, extension ext: String, displayName name: String, folder: URL? = nil) throws(Diagnostic) -> LoadedGraph {
        switch ext {
        case "graphml", "json":
            let (graph, elementAttributes) = ext == "json" ? (try ModelJSON.read(data, file: name), [:])
                : try GraphMLReader.readDocument(data, file: name)
            if ext == "graphml", NetworkCanvasExport.isNetworkCanvasGraphML(graph) {
                let mapping = try folder.map { folder throws(Diagnostic) in
                    try NetworkCanvasMapping.beside(folder, displayFolder: (name as NSString).deletingLastPathComponent)
                } ?? NetworkCanvasMapping()
                let (adopted, problems) = NetworkCanvasExport.adopt(graph, mapping: mapping, file: name, elementAttributes: elementAttributes)
                return LoadedGraph(graph: adopted, text: "", displayName: name, bytes: data, readWarnings: problems)
            }
            return LoadedGraph(graph: graph, text: "", displayName: name, bytes: data)
        default:
            let text: String
            do {
                text = try TextFile.text(of: data, displayName: name)
            } catch {
                // Not UTF-8: a DOT file that declares Latin-1 (`charset=latin1`, as Graphviz's
                // own Latin1.gv) is read as Graphviz reads it; anything else stays an error.
                guard let latin1 = String(data: data, encoding: .isoLatin1),
                      let charset = DOTReader.declaredCharset(of: latin1),
                      TextFile.latin1Names.contains(charset.lowercased()) else { throw error }
                text = latin1
            }
            do {
                let (graph, warnings) = try DOTReader.parse(text: text)
                var loaded = LoadedGraph(graph: graph, text: text, displayName: name, bytes: Data(text.utf8))
                loaded.readWarnings = warnings.map { Diagnostic(file: name, line: $0.line, severity: .warning, message: $0.message) }
                return loaded
            } catch {
                throw Diagnostic(file: name, line: error.line, message: error.description)
            }
        }
    }
}
