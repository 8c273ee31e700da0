import Foundation
import Testing
import TestSupport
@testable import GraphvizSupport
@testable import ServiceGraph

/// `Renderer.render(_:)` builds the graph through cgraph's API; these tests hold it to the
/// library's own parser: for every view of every shipped graph, and for generated and hostile
/// ones, its output is byte for byte that of `render(dot: DOTWriter().write(graph))`.
@Suite(.serialized) struct DirectBuildTests {
    /// A drawing to make, with the engine the render command gives it.
    struct Drawing {
        let name: String
        let graph: CollaborationGraph
        let engine: LayoutEngine
    }

    /// What `samhandling render` draws of one input in each view (Render.swift `views(of:)`).
    static func drawings(of graph: CollaborationGraph, name: String) -> [Drawing] {
        var result: [Drawing] = []
        for language in Language.allCases {
            result.append(Drawing(name: "\(name) network \(language)", graph: NetworkView(language: language).styled(graph), engine: .dot))
        }
        let whole = graph.wholeGraphMeasures()
        let highlighted = NetworkView(emphasizedNodes: Set(whole.articulationPoints), emphasizedEdges: Set(whole.bridges))
        result.append(Drawing(name: "\(name) network articulation", graph: highlighted.styled(graph), engine: .dot))
        if (try? graph.structureMeasures()) != nil {
            result.append(Drawing(name: "\(name) structure", graph: StructureView().styled(graph), engine: .dot))
        }
        for user in graph.users {
            if let map = HelperMapView().styled(graph, user: user.id) {
                result.append(Drawing(name: "\(name) map \(user.id.rawValue)", graph: map, engine: .neato))
            }
        }
        let extracted = graph.pathways()
        let names = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.htmlAttributes.contains("label") ? $0.id.rawValue : $0.label) }) { a, _ in a }
        let pathwayView = PathwayView(options: PathwayOptions(dataEnd: extracted.dataEnd), names: names)
        for pathway in extracted.pathways {
            result.append(Drawing(name: "\(name) pathway \(pathway.user)", graph: pathwayView.styled(pathway), engine: .neato))
        }
        return result
    }

    /// Every drawing of every graph under Graphs/: DOT files in every view, the event log's
    /// timelines and its handover network.
    static func shippedDrawings() throws -> [Drawing] {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Graphs")
        let files = (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .sorted { $0.path < $1.path }
        var result: [Drawing] = []
        for file in files {
            let name = String(file.path.dropFirst(folder.path.count + 1))
            switch file.pathExtension {
            case "dot", "gv":
                result += drawings(of: try DOTReader.read(text: try String(contentsOf: file, encoding: .utf8)), name: name)
            case "csv":
                let (pathways, summary) = try EventLogReader(url: file, displayName: name).readAll()
                let view = PathwayView(options: PathwayOptions(dataEnd: summary.dataEnd))
                var handovers = HandoverNetwork()
                for pathway in pathways {
                    result.append(Drawing(name: "\(name) pathway \(pathway.user)", graph: view.styled(pathway), engine: .neato))
                    handovers.add(pathway)
                }
                result.append(Drawing(name: "\(name) handovers", graph: HandoverView().styled(handovers), engine: .dot))
            default:
                continue
            }
        }
        return result
    }

    /// The same bytes both ways, or the same error; the first difference is named.
    private func expectSameBothWays(_ drawing: Drawing, format: OutputFormat = .svg) {
        let renderer = Renderer(engine: drawing.engine, format: format, force: true)
        let built = Result<Data, GraphvizError> { () throws(GraphvizError) in try renderer.render(drawing.graph) }
        let parsed = Result<Data, GraphvizError> { () throws(GraphvizError) in try renderer.render(dot: DOTWriter().write(drawing.graph)) }
        switch (built, parsed) {
        case (.success(let a), .success(let b)):
            guard a != b else { return }
            let offset = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let context = { (data: Data) -> String in String(decoding: data.dropFirst(max(0, offset - 80)).prefix(200), as: UTF8.self) }
            let message = "\(drawing.name) (\(format)): built and parsed differ at byte \(offset) of \(a.count)/\(b.count)\n"
                + "built:  …\(context(a))…\nparsed: …\(context(b))…"
            Issue.record(Comment(rawValue: message))
        case (.failure(let a), .failure(let b)):
            #expect(a == b, "\(drawing.name): different errors")
        default:
            Issue.record("\(drawing.name): built gives \(built), parsed gives \(parsed)")
        }
    }

    @Test func everyViewOfEveryShippedGraph() throws {
        let drawings = try Self.shippedDrawings()
        #expect(drawings.count > 100)  // every file was found and drawn
        for drawing in drawings { expectSameBothWays(drawing) }
    }

    /// Generated helper networks from 5 to 60 nodes, in every view.
    @Test(arguments: [(5, 1), (12, 2), (30, 3), (60, 4)])
    func generatedHelperNetworks(size: Int, seed: UInt64) {
        for drawing in Self.drawings(of: Generator.helperNetwork(size: size, seed: seed), name: "generated \(size)") {
            expectSameBothWays(drawing)
        }
    }

    @Test func generatedCollaborationGraph() {
        let graph = Generator.collaborationGraph(nodes: 120, edges: 300, seed: 5)
        expectSameBothWays(Drawing(name: "collaboration", graph: NetworkView().styled(graph), engine: .dot))
    }

    /// The laid-out DOT that `--format dot` draws, and PNG, come out the same way too.
    @Test func otherFormats() throws {
        let graph = Generator.helperNetwork(size: 30, seed: 9)
        let drawing = Drawing(name: "generated 30", graph: NetworkView().styled(graph), engine: .dot)
        expectSameBothWays(drawing, format: .dot)
        expectSameBothWays(drawing, format: .png)
    }

    static let hostileStrings = [
        #"say "hi""#, #"a\"b"#, #"a\\"b"#, #"trailing\"#, #"two\\"#, "line\nbreak", "line\n\"quoted", "\n", "\\\n",
        "a\\\nb", #"back\\slash\n"#, "æøå ÆØÅ", "", "graph", "Node", "cluster_x", "<b>not html</b>", "tab\there",
    ]

    /// Strings the lexer changes or reads specially, as names and values, in a graph with
    /// nested clusters (a cluster's own attributes are its subclusters' defaults), members that
    /// are not nodes, edges to nodes never declared, HTML-like values and edge keys.
    @Test(arguments: [(true, false), (false, false), (true, true), (false, true)])
    func hostileGraphs(directed: Bool, strict: Bool) {
        var graph = CollaborationGraph(name: #"the "graph""#, isDirected: directed, isStrict: strict,
                                       attributes: ["label": #"a \"title\""#, "rankdir": "LR"])
        for (index, text) in Self.hostileStrings.enumerated() {
            graph.addNode(Node(id: NodeID(text), attributes: ["label": text, "tooltip": "n\(index)"]))
        }
        graph.addNode(Node(id: "h", attributes: ["label": "<B>bold</B> &amp; <I>it</I>", "shape": "plain"], htmlAttributes: ["label"]))
        graph.addNode(Node(id: "same", attributes: ["label": "x", "xlabel": "x"], htmlAttributes: ["xlabel"]))
        for (a, b) in zip(Self.hostileStrings, Self.hostileStrings.dropFirst()) {
            graph.addEdge(Edge(source: NodeID(a), target: NodeID(b), attributes: ["label": b, "color": "red"]))
        }
        graph.addEdge(Edge(source: "h", target: "undeclared"))
        graph.addEdge(Edge(source: "h", target: "h", attributes: ["key": "loop"]))
        graph.addEdge(Edge(source: "h", target: "same", attributes: ["key": "k1", "label": "<I>one</I>"], htmlAttributes: ["label"]))
        graph.addEdge(Edge(source: "h", target: "same", attributes: ["key": "k1", "color": "blue"]))
        graph.addEdge(Edge(source: "same", target: "h"))
        graph.groups = [
            Group(id: "cluster_outer", attributes: ["label": "outer", "style": "filled", "fillcolor": "grey90"],
                  members: ["h", "same", "line\nbreak", "member only"]),
            Group(id: "cluster_inner", attributes: ["color": "blue"], members: ["same", "line\nbreak"], parent: "cluster_outer"),
            Group(id: #"cluster "quoted""#, attributes: ["label": "<U>u</U>"], members: ["graph"], htmlAttributes: ["label"]),
            Group(id: "cluster_outer", attributes: ["label": "again"], members: ["Node"]),
            Group(id: "rank", attributes: ["rank": "same"], members: ["%7", "tab\there"]),
        ]
        for engine in [LayoutEngine.dot, .neato] {
            expectSameBothWays(Drawing(name: "hostile \(directed) \(strict) \(engine)", graph: graph, engine: engine))
        }
        expectSameBothWays(Drawing(name: "hostile \(directed) \(strict)", graph: graph, engine: .dot), format: .dot)
    }

    /// A string the text would not carry as the model holds it goes through the text, and so
    /// gives what the text gives (here an error, or cgraph's reading of a text cut short).
    @Test(arguments: [
        Node(id: "a", attributes: ["label": "<B>unbalanced"], htmlAttributes: ["label"]),
        Node(id: "a", attributes: ["label": "a > b"], htmlAttributes: ["label"]),
        Node(id: "a", attributes: ["label": "nul\u{0}inside"]),
        Node(id: "nul\u{0}id"),
    ])
    func stringsTheTextCannotCarry(node: Node) {
        var graph = CollaborationGraph()
        graph.addNode(node)
        graph.addNode(Node(id: "b"))
        graph.addEdge(Edge(source: node.id, target: "b"))
        expectSameBothWays(Drawing(name: "\(node)", graph: graph, engine: .dot))
    }

    /// The lexer's reading of a quoted string, as `DOTLexing.quoted` says it, checked against
    /// cgraph's own: each string written as a value and as a node's name, read back.
    @Test func lexingAgreesWithCGraph() throws {
        for text in Self.hostileStrings + ["\\", "\\\\\\", "\"", "\\\"", "a\n\n\"b", "\n\\n", "x\\\n\\\n"] {
            var graph = CollaborationGraph()
            graph.addNode(Node(id: NodeID(text), attributes: ["label": text]))
            // (Not "%7" and the like: cgraph numbers names that begin with % itself.)
            let read = try DOTReader.read(text: DOTWriter().write(graph))
            let expected = try #require(DOTLexing.quoted(text))
            #expect(read.nodes.map(\.id.rawValue) == [expected], "name \(text.debugDescription)")
            #expect(read.nodes.first?.attributes["label"] == (expected.isEmpty ? nil : expected), "value \(text.debugDescription)")
        }
        #expect(DOTLexing.quoted("nul\u{0}") == nil)
        #expect(DOTLexing.html("<B>x</B>") == "<B>x</B>")
        #expect(DOTLexing.html("a > b") == nil && DOTLexing.html("<B") == nil && DOTLexing.html("x\u{0}") == nil)
    }
}
