import CGraphviz
import Foundation
import ServiceGraph

/// Reads DOT through cgraph, Graphviz's own parser, into the model.
///
/// Nodes and edges keep source order (cgraph's sequence numbers); clusters become groups,
/// nested as written; every attribute with a value is kept. Attributes set by a
/// `node [...]`/`edge [...]` default become the object's own (the meaning is the same).
public enum DOTReader {
    /// Parses `text`; `file` names it in error messages. Aliases are normalised.
    public static func read(text: String, graphviz: Graphviz = .shared) throws(GraphvizError) -> CollaborationGraph {
        try parse(text: text, graphviz: graphviz).graph
    }

    /// Parses `text`, with what cgraph warned about (an ambiguous token, …), each with its line.
    public static func parse(text: String, graphviz: Graphviz = .shared) throws(GraphvizError)
        -> (graph: CollaborationGraph, warnings: [(line: Int?, message: String)])
    {
        var messages: [String] = []
        let graph = try graphviz.serialized { () throws(GraphvizError) -> CollaborationGraph in
            let parsed = try CGraph.parse(text, graphviz: graphviz, warnings: &messages)
            return model(of: parsed.pointer)
        }
        return (graph.normalizingVocabulary(), messages.map { (CGraph.lineNumber(in: $0), $0) })
    }

    /// The root graph's `charset` as cgraph reads it, or nil (no graph, or none declared).
    public static func declaredCharset(of text: String, graphviz: Graphviz = .shared) -> String? {
        var messages: [String] = []
        return graphviz.serialized { () -> String? in
            guard let parsed = try? CGraph.parse(text, graphviz: graphviz, warnings: &messages),
                  let value = "charset".withCString({ agget(UnsafeMutableRawPointer(parsed.pointer), UnsafeMutablePointer(mutating: $0)) })
            else { return nil }
            let charset = String(cString: value)
            return charset.isEmpty ? nil : charset
        }
    }

    private static func model(of root: UnsafeMutablePointer<Agraph_t>) -> CollaborationGraph {
        let name = String(cString: agnameof(root))
        var (graphAttributes, graphHTML) = attributes(of: UnsafeMutableRawPointer(root), in: root, kind: AGRAPH)
        // The text is Unicode by now (a Latin-1 file was decoded when it was read) and every
        // writer writes UTF-8: a `charset` kept would make Graphviz decode it a second time.
        graphAttributes.removeValue(forKey: "charset")
        var graph = CollaborationGraph(
            name: name.hasPrefix("%") ? "" : name,  // cgraph names anonymous graphs %N
            isDirected: agisdirected(root) != 0,
            isStrict: agisstrict(root) != 0,
            attributes: graphAttributes
        )
        graph.htmlAttributes = graphHTML
        var node = agfstnode(root)
        while let current = node {
            let id = NodeID(String(cString: agnameof(current)))
            var (values, html) = attributes(of: UnsafeMutableRawPointer(current), in: root, kind: AGNODE)
            // gvc declares label=\N ("the node's name") on every node; it says nothing.
            if values["label"] == "\\N" { values["label"] = nil }
            graph.addNode(Node(id: id, attributes: values, htmlAttributes: html))
            node = agnxtnode(root, current)
        }
        var edges: [(sequence: UInt, edge: UnsafeMutablePointer<Agedge_t>)] = []
        node = agfstnode(root)
        while let current = node {
            var edge = agfstout(root, current)
            while let e = edge {
                edges.append((sh_agseq(UnsafeMutableRawPointer(e)), e))
                edge = agnxtout(root, e)
            }
            node = agnxtnode(root, current)
        }
        for (_, edge) in edges.sorted(by: { $0.sequence < $1.sequence }) {
            let (values, html) = attributes(of: UnsafeMutableRawPointer(edge), in: root, kind: AGEDGE)
            graph.addEdge(Edge(
                source: NodeID(String(cString: agnameof(sh_agtail(edge)))),
                target: NodeID(String(cString: agnameof(sh_aghead(edge)))),
                attributes: values, htmlAttributes: html
            ))
        }
        graph.groups = groups(in: root, root: root, parent: nil)
        return graph
    }

    /// Clusters below `graph`, depth first in source order. Plain subgraphs (`{rank=same …}`)
    /// are looked through: their clusters count, they do not.
    private static func groups(in graph: UnsafeMutablePointer<Agraph_t>, root: UnsafeMutablePointer<Agraph_t>,
                               parent: String?) -> [Group] {
        var result: [Group] = []
        var subgraph = agfstsubg(graph)
        while let current = subgraph {
            if sh_is_cluster(current) != 0 {
                let id = String(cString: agnameof(current))
                var members: [NodeID] = []
                var node = agfstnode(current)
                while let n = node {
                    members.append(NodeID(String(cString: agnameof(n))))
                    node = agnxtnode(current, n)
                }
                let (values, html) = attributes(of: UnsafeMutableRawPointer(current), in: root, kind: AGRAPH)
                let own = values.filter { key, value in inheritedValue(key, from: graph) != value }
                result.append(Group(id: id, attributes: own, members: members, parent: parent,
                                    htmlAttributes: html.intersection(own.keys)))
                result += groups(in: current, root: root, parent: id)
            } else {
                result += groups(in: current, root: root, parent: parent)
            }
            subgraph = agnxtsubg(current)
        }
        return result
    }

    private static func inheritedValue(_ name: String, from graph: UnsafeMutablePointer<Agraph_t>) -> String? {
        name.withCString { sh_agget(UnsafeMutableRawPointer(graph), $0) }.map { String(cString: $0) }
    }

    /// Every declared attribute of `object` with a non-empty value, and which of them are
    /// HTML-like strings.
    private static func attributes(of object: UnsafeMutableRawPointer, in root: UnsafeMutablePointer<Agraph_t>,
                                   kind: Int32) -> ([String: String], Set<String>) {
        var result: [String: String] = [:]
        var html: Set<String> = []
        var symbol = agnxtattr(root, kind, nil)
        while let sym = symbol {
            if let value = agxget(object, sym), value.pointee != 0 {
                let name = String(cString: sym.pointee.name)
                result[name] = String(cString: value)
                if aghtmlstr(value) != 0 { html.insert(name) }
            }
            symbol = agnxtattr(root, kind, sym)
        }
        return (result, html)
    }
}
