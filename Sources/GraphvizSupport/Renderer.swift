import CGraphviz
import CGraphvizShim
import Foundation
import ServiceGraph

/// Graphviz's layout engines, with the size each handles in reasonable time.
public enum LayoutEngine: String, CaseIterable, Codable, Sendable {
    case dot, neato, fdp, sfdp, twopi, circo

    /// The most nodes this engine is given without `--force`; sfdp is built for large graphs.
    public var nodeLimit: Int? {
        switch self {
        case .dot, .neato, .fdp: 2_000
        case .circo: 1_000
        case .twopi: 5_000
        case .sfdp: nil
        }
    }
}

/// What a render produces.
public enum OutputFormat: String, CaseIterable, Codable, Sendable {
    case svg, png, pdf, dot

    public var fileExtension: String { rawValue }
}

/// Lays out and renders a graph in-process through gvc: the model built directly through
/// cgraph's API, or DOT text parsed by cgraph.
public struct Renderer: Sendable {
    public var engine: LayoutEngine
    public var format: OutputFormat
    /// Lay out graphs larger than the engine's `nodeLimit` anyway.
    public var force: Bool

    public init(engine: LayoutEngine = .dot, format: OutputFormat = .svg, force: Bool = false) {
        self.engine = engine
        self.format = format
        self.force = force
    }

    /// Refuses a graph of `nodes` nodes that is too large for the engine, unless `force`d.
    /// Call it on the graph as the user wrote it, before a view adds its own nodes (a legend).
    public func admit(nodes: Int) throws(GraphvizError) {
        if let limit = engine.nodeLimit, nodes > limit, !force {
            throw .tooLarge(nodes: nodes, limit: limit, engine: engine.rawValue)
        }
    }

    /// Lays out and renders `graph`; returns the rendered bytes. The graph is built through
    /// cgraph's API as cgraph would read `DOTWriter().write(graph)`, so the output is that of
    /// `render(dot: DOTWriter().write(graph))`, byte for byte, without writing and parsing the
    /// text (a graph whose strings would not read back from the text as the model holds them,
    /// which `CGraph.build` names, does go through the text). Every Graphviz object made on the
    /// way is freed before it returns, on error paths too.
    public func render(_ graph: CollaborationGraph, graphviz: Graphviz = .shared) throws(GraphvizError) -> Data {
        try renderWithMessages(graph, graphviz: graphviz).data
    }

    /// As `render(_:)`, with the warnings Graphviz gave on the way (see `renderWithMessages(dot:)`).
    public func renderWithMessages(_ graph: CollaborationGraph, graphviz: Graphviz = .shared) throws(GraphvizError)
        -> (data: Data, messages: [String])
    {
        let built = try graphviz.serialized { () throws(GraphvizError) -> (data: Data, messages: [String])? in
            try graphviz.capturingStandardError { () throws(GraphvizError) -> (data: Data, messages: [String])? in
                _ = graphviz.takeMessages()
                agreseterrors()
                guard let built = CGraph.build(graph, graphviz: graphviz) else { return nil }
                return try layOutAndRender(built, graphviz: graphviz)
            }.0
        }
        if let built { return built }
        return try renderWithMessages(dot: DOTWriter().write(graph), graphviz: graphviz)
    }

    /// Parses, lays out and renders `dot`; returns the rendered bytes. Every Graphviz object
    /// made on the way is freed before it returns, on error paths too.
    public func render(dot text: String, graphviz: Graphviz = .shared) throws(GraphvizError) -> Data {
        try renderWithMessages(dot: text, graphviz: graphviz).data
    }

    /// As `render(dot:)`, with the warnings Graphviz gave through its error handler on the way
    /// (neato's "falling back to straight line edges" among them). A view's tests hold it to
    /// giving none. (What parts of Graphviz print straight to stderr is not among them: stderr
    /// is shared with every thread of the process.)
    public func renderWithMessages(dot text: String, graphviz: Graphviz = .shared) throws(GraphvizError)
        -> (data: Data, messages: [String])
    {
        try graphviz.serialized { () throws(GraphvizError) -> (data: Data, messages: [String]) in
            try graphviz.capturingStandardError { () throws(GraphvizError) -> (data: Data, messages: [String]) in
                var warnings: [String] = []  // the text was styled by us: its input was checked when it was read
                let parsed = try CGraph.parse(text, graphviz: graphviz, warnings: &warnings)
                return try layOutAndRender(parsed, graphviz: graphviz)
            }.0
        }
    }

    private func layOutAndRender(_ graph: CGraph, graphviz: Graphviz) throws(GraphvizError) -> (data: Data, messages: [String]) {
        graphviz.requireSerialized()
        try admit(nodes: Int(agnnodes(graph.pointer)))
        // Text sizes come from the cache only for SVG: the cairo renderers (png, pdf) draw with
        // the pango layout each measurement makes (textcache.c).
        sh_textcache_enable(format == .svg ? 1 : 0)
        defer { sh_textcache_enable(0) }
        guard gvLayout(graphviz.context, graph.pointer, engine.rawValue) == 0 else {
            throw .layout(engine: engine.rawValue, message: graphviz.takeMessages().joined(separator: " "))
        }
        defer { gvFreeLayout(graphviz.context, graph.pointer) }
        var buffer: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        let status = sh_gvRenderData(graphviz.context, graph.pointer, format.rawValue, &buffer, &length)
        defer { if let buffer { gvFreeRenderData(buffer) } }
        guard status == 0, let buffer else {
            throw .render(format: format.rawValue, message: graphviz.takeMessages().joined(separator: " "))
        }
        // Warnings (e.g. a missing font) do not fail a render; they go to the caller.
        return (Data(bytes: buffer, count: length), graphviz.takeMessages())
    }
}
