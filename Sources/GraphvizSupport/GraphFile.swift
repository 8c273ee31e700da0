import Foundation
import ServiceGraph

/// A DOT file read through cgraph, with its source text for locating lines.
public struct LoadedGraph: Sendable {
    public let graph: CollaborationGraph
    public let text: String
    public let displayName: String

    /// Lines of each node and edge, found in the source text (cgraph does not record them).
    public var sourceLines: SourceLines { DOTSourceLocator(text: text).sourceLines(for: graph) }

    /// Vocabulary problems (DESIGN §3) and text cgraph ignored, each with its line.
    public func validate() -> [Diagnostic] {
        let locator = DOTSourceLocator(text: text)
        var problems = graph.validate(file: displayName, lines: locator.sourceLines(for: graph))
        if let line = locator.trailingContentLine {
            problems.insert(Diagnostic(file: displayName, line: line, severity: .warning,
                                       message: "text after the first graph is ignored (one graph per file)"), at: 0)
            problems.sort { ($0.line ?? Int.max) < ($1.line ?? Int.max) }
        }
        return problems
    }

    /// Loads `url`; every failure becomes a diagnostic naming the file and, for a syntax
    /// error, the line cgraph reports.
    public static func load(_ url: URL, displayName: String? = nil) throws(Diagnostic) -> LoadedGraph {
        let name = displayName ?? url.path
        let text = try TextFile.read(url, displayName: name)
        do {
            return LoadedGraph(graph: try DOTReader.read(text: text), text: text, displayName: name)
        } catch {
            throw Diagnostic(file: name, line: error.line, message: error.description)
        }
    }
}
