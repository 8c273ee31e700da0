import CGraphviz
import CGraphvizShim
import ServiceGraph

extension CGraph {
    /// The graph cgraph's parser makes of `DOTWriter().write(graph)`, made through cgraph's API
    /// without the text: the same objects, attributes, strings and IDs, created by the same
    /// calls in the same order (see build.c), so that a layout of it is the layout of the text,
    /// byte for byte. Skips writing the text and lexing it again, a third of what a render
    /// costs Samhandling on top of Graphviz's layout.
    ///
    /// Strings are given to cgraph as its lexer would hand them over: a quoted DOT string with
    /// its escapes undone (`\"` is `"`, a backslash before a line break removes both), an
    /// HTML-like one as written. Nil where the text would not read back as the model says, so
    /// that the caller can go through the text and get what it always got: a string holding
    /// NUL (the text ends there for cgraph) or an HTML-like value whose `<` and `>` do not
    /// balance (the lexer ends it early). Call only inside `Graphviz.serialized`.
    static func build(_ graph: CollaborationGraph, graphviz: Graphviz) -> CGraph? {
        graphviz.requireSerialized()
        guard let name = graph.name.isEmpty ? "" : DOTLexing.quoted(graph.name) else { return nil }
        let opened = graph.name.isEmpty
            ? sh_agopen_numbered(nil, graph.isDirected ? 1 : 0, graph.isStrict ? 1 : 0)
            : name.withCString { sh_agopen_numbered($0, graph.isDirected ? 1 : 0, graph.isStrict ? 1 : 0) }
        guard let root = opened else { return nil }
        let built = CGraph(root)  // owns the graph from here: an early return closes it
        var statement = Statement(root: root)
        guard statement.graphAttributes(graph.attributes, html: graph.htmlAttributes, in: root) else { return nil }
        for node in graph.nodes {
            guard let id = DOTLexing.quoted(node.id.rawValue),
                  let made = id.withCString({ sh_agnode(root, $0) }),
                  statement.nodeAttributes(node.attributes, html: node.htmlAttributes, of: made) else { return nil }
        }
        let childrenOf = Dictionary(grouping: graph.groups, by: \.parent)
        func add(_ group: Group, to parent: UnsafeMutablePointer<Agraph_t>) -> Bool {
            guard let id = DOTLexing.quoted(group.id),
                  let subgraph = id.withCString({ sh_agsubg(parent, $0) }),
                  statement.graphAttributes(group.attributes, html: group.htmlAttributes, in: subgraph) else { return false }
            let children = childrenOf[group.id] ?? []
            for child in children {
                guard add(child, to: subgraph) else { return false }
            }
            let nested = Set(children.flatMap(\.members))
            for member in group.members where !nested.contains(member) {
                guard let id = DOTLexing.quoted(member.rawValue), id.withCString({ sh_agnode(subgraph, $0) }) != nil else { return false }
            }
            return true
        }
        for group in childrenOf[nil] ?? [] {
            guard add(group, to: root) else { return nil }
        }
        for edge in graph.edges {
            guard let source = DOTLexing.quoted(edge.source.rawValue), let target = DOTLexing.quoted(edge.target.rawValue),
                  let tail = source.withCString({ sh_agnode(root, $0) }),
                  let head = target.withCString({ sh_agnode(root, $0) }),
                  statement.edge(from: tail, to: head, attributes: edge.attributes, html: edge.htmlAttributes, in: root)
            else { return nil }
        }
        sh_end_built_graph(root)
        return built
    }
}

/// One statement's `[name=value, …]` on its way into cgraph: the strings interned in the order
/// the lexer meets them (names sorted, as DOTWriter writes them), bound, set, given back.
/// The buffers are kept from one statement to the next.
private struct Statement {
    let root: UnsafeMutablePointer<Agraph_t>
    var names: [UnsafeMutablePointer<CChar>?] = []
    var values: [UnsafeMutablePointer<CChar>?] = []
    var symbols: [UnsafeMutablePointer<Agsym_t>?] = []
    /// The edge's `key`, which names the edge instead of being an attribute.
    var key: UnsafeMutablePointer<CChar>?

    init(root: UnsafeMutablePointer<Agraph_t>) { self.root = root }

    /// Interns names and values; false when one cannot be handed over as the text would.
    private mutating func intern(_ attributes: [String: String], html: Set<String>, edge: Bool) -> Bool {
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        key = nil
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            let isHTML = !html.isEmpty && html.contains(name)
            guard let lexedName = DOTLexing.quoted(name),
                  let lexedValue = isHTML ? DOTLexing.html(value) : DOTLexing.quoted(value) else {
                release()
                return false
            }
            let internedName = lexedName.withCString { sh_intern(root, $0, 0) }
            let internedValue = lexedValue.withCString { sh_intern(root, $0, isHTML ? 1 : 0) }
            if edge && lexedName == "key" {
                // The parser keeps the name of `key` (it never gives it back) and names the edge with its value.
                key = internedValue
                continue
            }
            names.append(internedName)
            values.append(internedValue)
        }
        symbols = Array(repeating: nil, count: names.count)
        return true
    }

    private mutating func bind(_ kind: Int32, in graph: UnsafeMutablePointer<Agraph_t>) {
        names.withUnsafeBufferPointer { names in
            symbols.withUnsafeMutableBufferPointer { sh_bind(graph, kind, names.count, names.baseAddress, $0.baseAddress) }
        }
        names.removeAll(keepingCapacity: true)
    }

    private mutating func release() {
        names.withUnsafeBufferPointer { sh_release(root, $0.count, $0.baseAddress) }
        values.withUnsafeBufferPointer { sh_release(root, $0.count, $0.baseAddress) }
        if let key { agstrfree(root, key) }
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        key = nil
    }

    private func apply(to object: UnsafeMutableRawPointer) {
        symbols.withUnsafeBufferPointer { symbols in
            values.withUnsafeBufferPointer { sh_apply(object, symbols.count, symbols.baseAddress, $0.baseAddress) }
        }
    }

    /// `graph [ … ];`, written only when there are attributes.
    mutating func graphAttributes(_ attributes: [String: String], html: Set<String>, in graph: UnsafeMutablePointer<Agraph_t>) -> Bool {
        guard !attributes.isEmpty else { return true }
        guard intern(attributes, html: html, edge: false) else { return false }
        bind(AGRAPH, in: graph)
        symbols.withUnsafeBufferPointer { symbols in
            values.withUnsafeBufferPointer { sh_graph_attributes(graph, symbols.count, symbols.baseAddress, $0.baseAddress) }
        }
        release()
        return true
    }

    /// `id [ … ];` after the node is made.
    mutating func nodeAttributes(_ attributes: [String: String], html: Set<String>, of node: UnsafeMutablePointer<Agnode_t>) -> Bool {
        guard !attributes.isEmpty else { return true }
        guard intern(attributes, html: html, edge: false) else { return false }
        bind(AGNODE, in: root)
        apply(to: UnsafeMutableRawPointer(node))
        release()
        return true
    }

    /// `tail -> head [ … ];`: the attributes are bound before the edge is made.
    mutating func edge(from tail: UnsafeMutablePointer<Agnode_t>, to head: UnsafeMutablePointer<Agnode_t>,
                       attributes: [String: String], html: Set<String>, in graph: UnsafeMutablePointer<Agraph_t>) -> Bool {
        guard intern(attributes, html: html, edge: true) else { return false }
        bind(AGEDGE, in: graph)
        if let edge = sh_agedge(graph, tail, head, key) { apply(to: UnsafeMutableRawPointer(edge)) }
        release()
        return true
    }
}
