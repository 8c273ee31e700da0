import Foundation

/// The `network` view: nodes shaped by kind and coloured by level, the levels as
/// bands (clusters), edges styled by kind, the user emphasised, and a legend.
///
/// The view is a pure transformation from the model to a styled graph for Graphviz; nothing
/// here touches C. Data attributes are left out of the styled graph, so nothing about the
/// people in a helper network leaks into an SVG beyond the labels shown.
public struct NetworkView: Sendable {
    public var language: Language
    /// Nodes to emphasise as single points of failure (articulation points).
    public var emphasizedNodes: Set<NodeID>
    /// Ties to emphasise as bridges, as unordered pairs.
    public var emphasizedEdges: Set<UnorderedPair>

    public init(language: Language = .en, emphasizedNodes: Set<NodeID> = [], emphasizedEdges: Set<UnorderedPair> = []) {
        self.language = language
        self.emphasizedNodes = emphasizedNodes
        self.emphasizedEdges = emphasizedEdges
    }

    public func styled(_ graph: CollaborationGraph) -> CollaborationGraph {
        let levels = graph.resolveLevels()
        var view = CollaborationGraph(name: graph.name, isDirected: true, isStrict: false)
        // An org chart (reporting lines, no users) reads top-down; a helper network reads
        // best from the user outwards.
        let isOrgChart = graph.users.isEmpty && graph.edges.contains { $0.declaredKind == .reportsTo }
        view.attributes = [
            "fontname": Style.fontName, "fontsize": "16", "rankdir": isOrgChart ? "TB" : "LR",
            "nodesep": "0.25", "ranksep": isOrgChart ? "0.5" : "0.9", "newrank": "true",
            "labelloc": "t", "pad": "0.3",
        ]
        if let title = graph.attributes["title"] ?? graph.attributes["label"] {
            view.attributes["label"] = title
        }

        // dot's first ordering follows the order nodes are declared in: users first, then
        // hospital, DPS, municipality, state and civil, so that the bands stack in that order.
        let bandOrder = Level.drawingOrder
        func nodeBand(_ node: Node) -> Int {
            node.kind == .user ? -1 : bandOrder.firstIndex { levels[node.id] == $0 } ?? Level.allCases.count
        }
        // Each key is computed once, not once per comparison (the sort was 5 % of a render).
        let nodeKeys = graph.nodes.enumerated().map { (band: nodeBand($0.element), offset: $0.offset) }
        for key in nodeKeys.sorted(by: { ($0.band, $0.offset) < ($1.band, $1.offset) }) {
            let node = graph.nodes[key.offset]
            view.addNode(styledNode(node, level: levels[node.id]))
        }
        // Levels as bands, in the order of the hierarchy: hospital, DPS, municipality, state, family.
        // dot orders clusters to cut crossings, so ties between levels (a hospital doctor in the
        // municipality's responsibility group) would move the bands about. A spine holds them:
        // one invisible node per band on the first rank, chained in band order (a chain on one
        // rank keeps its order), each tied to an invisible anchor in its band. Tail and head of a
        // spine tie share a `group`, which makes crossing it a thousand times dearer than
        // crossing a tie, so the bands follow the spine: top to bottom in a helper network drawn
        // from the user rightwards, left to right in an org chart drawn top-down.
        let presentLevels = Set(levels.levels.values)
        var spine: [NodeID] = []
        // One level alone is drawn without a band.
        for level in Level.drawingOrder where presentLevels.contains(level) && presentLevels.count > 1 {
            var members = graph.nodes.filter { levels[$0.id] == level && $0.kind != .user }.map(\.id)
            guard !members.isEmpty else { continue }
            let group = "band_\(level.rawValue)"
            let anchor = NodeID("__band_\(level.rawValue)")
            view.addNode(Node(id: anchor, attributes: Self.invisiblePoint(group: group)))
            members.append(anchor)
            // Three spine points a band, each tied to its anchor: dot adds up the penalties of
            // ties between the same two ranks of a band, so a spine crossing outweighs the
            // crossing of two bands' own skeletons and a band can be moved rank by rank.
            // (Dot 2.43 trips over the alternatives: three parallel ties to one anchor give
            // "trouble in init_rank"; one tie to each of three anchors, a double free.)
            for copy in 1...3 {
                let holder = NodeID("__spine_\(level.rawValue)_\(copy)")
                view.addNode(Node(id: holder, attributes: Self.invisiblePoint(group: group)))
                view.addEdge(Edge(source: holder, target: anchor, attributes: ["style": "invis"]))
                spine.append(holder)
            }
            let colors = Style.colors(for: level)
            view.groups.append(Group(
                id: "cluster_level_\(level.rawValue)",
                attributes: [
                    "label": DOTWriter.escString(plain: language.name(of: level)), "style": "filled,rounded",
                    "fillcolor": colors.band, "color": colors.stroke, "fontcolor": colors.stroke,
                    "fontname": Style.fontName, "fontsize": "13", "labeljust": "l", "penwidth": "1.2",
                ],
                members: members))
        }
        if spine.count > 1 {
            view.groups.append(Group(id: "band_spine", attributes: ["rank": "min"], members: spine))
            for (upper, lower) in zip(spine, spine.dropFirst()) {
                view.addEdge(Edge(source: upper, target: lower, attributes: ["style": "invis"]))
            }
        }
        // One line per tie: parallel edges of one kind between the same two nodes (two
        // admissions to the same ward, a contact written twice) are drawn once, with their count.
        var seen: [TieKey: Int] = [:]
        var ties: [(edge: Edge, count: Int)] = []
        for edge in graph.edges {
            let key = TieKey(pair: UnorderedPair(edge.source, edge.target), kind: edge.declaredKind)
            let weight = edge.declaredKind == .contact ? max(edge.dateCount, 1) : 1
            if let index = seen[key] {
                ties[index].count += weight
            } else {
                seen[key] = ties.count
                ties.append((edge, weight))
            }
        }
        // A helper whose `service=` names a service is a member of it, written or not: drawn
        // joined to it like a written `member` tie, unless some tie already joins the two.
        let joined = Set(seen.keys.map(\.pair))
        for node in graph.nodes {
            guard let named = node.attributes["service"], case let service = NodeID(named), service != node.id,
                  graph[service]?.kind == .service, !joined.contains(UnorderedPair(node.id, service)) else { continue }
            ties.append((Edge(source: node.id, target: service, attributes: ["kind": EdgeKind.member.rawValue]), 1))
        }
        // dot's first ordering follows the edges, so the user's ties are written hospital
        // first, then DPS, municipality, state and civil: the bands then stack in that order.
        let userIDs = Set(graph.users.map(\.id))
        func band(_ edge: Edge) -> Int {
            let other = userIDs.contains(edge.source) ? edge.target : edge.source
            return Level.drawingOrder.firstIndex { levels[other] == $0 } ?? Level.allCases.count
        }
        let tieKeys = ties.enumerated().map { (band: band($0.element.edge), offset: $0.offset) }
        let ordered = tieKeys.sorted { ($0.band, $0.offset) < ($1.band, $1.offset) }.map { ties[$0.offset] }
        var penwidths: [Double: String] = [:]
        for (edge, count) in ordered {
            var attributes = Style.edgeAttributes(for: edge.declaredKind).attributes
            var (tail, head) = (edge.source, edge.target)
            if edge.declaredKind == .reportsTo {
                // Drawn from the superior down, the arrow still pointing up at the superior.
                (tail, head) = (head, tail)
                attributes["dir"] = "back"
            } else if isOrgChart
                        || !(Self.shapesHelperNetwork(edge.declaredKind) || userIDs.contains(edge.source)
                             || userIDs.contains(edge.target)) {
                // Only reporting lines shape an org chart. In a helper network every helper is
                // one step from the user, services one step further: ties between helpers
                // are drawn without pushing helpers away from the user.
                attributes["constraint"] = "false"
            }
            if count > 1 {
                let base = Double(attributes["penwidth"] ?? "1") ?? 1
                let width = min(base + 0.25 * Double(count - 1), 4.0)
                if penwidths[width] == nil { penwidths[width] = String(format: "%.1f", width) }  // few values, many edges
                attributes["penwidth"] = penwidths[width]
                if edge.declaredKind != .contact {
                    // A label on a tie that does not shape the ranks becomes a node of its own
                    // in dot 2.43, which frees it twice (an abort) when the tie runs between
                    // bands; an external label is placed after the layout instead.
                    attributes[attributes["constraint"] == "false" ? "xlabel" : "label"] = "×\(count)"
                    attributes["fontsize"] = "9"
                    attributes["fontname"] = Style.fontName
                    attributes["fontcolor"] = attributes["color"].map { String($0.prefix(7)) } ?? "#333333"
                }
            }
            if emphasizedEdges.contains(UnorderedPair(edge.source, edge.target)) {
                attributes["color"] = Style.alertColor
                attributes["penwidth"] = "3.5"
            }
            view.addEdge(Edge(source: tail, target: head, attributes: attributes))
        }
        addLegend(to: &view, for: graph, levels: levels)
        return view
    }

    private func styledNode(_ node: Node, level: Level?) -> Node {
        let colors = Style.colors(for: level)
        let shape = Style.shape(for: node.kind)
        var label = node.htmlAttributes.contains("label") ? node.id.rawValue : node.label
        if let role = node.attributes["role"], !role.isEmpty, node.kind == .professional,
           !label.lowercased().contains(role.lowercased()) {  // "Mental-health coordinator" needs no "coordinator" under it
            label += "\\n" + role
        }
        var attributes: [String: String] = [
            "label": label, "shape": shape.shape, "style": shape.style, "color": colors.stroke,
            "fillcolor": colors.fill, "fontname": Style.fontName, "fontsize": "11", "margin": "0.06,0.03",
        ]
        if node.attributes["label"] != nil || node.attributes["role"] != nil { attributes["tooltip"] = label }
        if node.kind == .user {
            attributes.merge(["fillcolor": "#222222", "fontcolor": "white", "color": "#222222",
                              "penwidth": "2", "fontsize": "13", "width": "0.9"]) { $1 }
        }
        if node.flag("coordinator") { attributes["peripheries"] = "2" }
        if Self.isMentalHealthWork(node) {
            attributes["color"] = Style.mentalHealthColor
            attributes["penwidth"] = "2.5"
        }
        if emphasizedNodes.contains(node.id) {
            attributes["color"] = Style.alertColor
            attributes["penwidth"] = "3.5"
        }
        return Node(id: node.id, attributes: attributes)
    }

    /// A legend listing only what the graph uses, as one HTML-like table node.
    private func addLegend(to view: inout CollaborationGraph, for graph: CollaborationGraph, levels: LevelResolution) {
        let usedLevels = Level.drawingOrder.filter { level in levels.levels.values.contains(level) }
        let nodeKinds = Set(graph.nodes.map(\.kind))
        var edgeKinds = Set(graph.edges.compactMap(\.declaredKind))
        // A membership named by `service=` is drawn as a member tie.
        if graph.nodes.contains(where: { $0.attributes["service"].map { graph[NodeID($0)]?.kind == .service } ?? false }) {
            edgeKinds.insert(.member)
        }
        let usedKinds = NodeKind.allCases.filter(nodeKinds.contains)
        let usedEdgeKinds = EdgeKind.allCases.filter(edgeKinds.contains)
        let key = LegendKey(language: language, levels: usedLevels, nodeKinds: usedKinds, edgeKinds: usedEdgeKinds,
                            coordinator: graph.nodes.contains(where: { $0.flag("coordinator") }),
                            mentalHealthWork: graph.nodes.contains(where: Self.isMentalHealthWork),
                            singlePoints: !emphasizedNodes.isEmpty, bridges: !emphasizedEdges.isEmpty)
        let legend = Node(
            id: NodeID("__legend"),
            attributes: ["label": Self.legendTable(key), "shape": "plaintext", "fontname": Style.fontName, "fontsize": "14"],
            htmlAttributes: ["label"])
        view.addNode(legend)
        view.groups.append(Group(id: "cluster___legend", attributes: ["style": "invis"], members: [legend.id]))
    }

    /// What a legend shows; a batch meets few of them, so each table is made once.
    private struct LegendKey: Hashable {
        let language: Language
        let levels: [Level]
        let nodeKinds: [NodeKind]
        let edgeKinds: [EdgeKind]
        let coordinator, mentalHealthWork, singlePoints, bridges: Bool
    }

    private static let legendLock = NSLock()
    nonisolated(unsafe) private static var legendTables: [LegendKey: String] = [:]

    private static func legendTable(_ key: LegendKey) -> String {
        legendLock.lock()
        defer { legendLock.unlock() }
        if let table = legendTables[key] { return table }
        let table = makeLegendTable(key)
        if legendTables.count < 256 { legendTables[key] = table }
        return table
    }

    private static func makeLegendTable(_ key: LegendKey) -> String {
        let (language, usedLevels, usedKinds, usedEdgeKinds) = (key.language, key.levels, key.nodeKinds, key.edgeKinds)
        var rows: [String] = []
        rows.append(#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>\#(HTML.escape(language.legend.title))</B></TD></TR>"#)
        if !usedLevels.isEmpty {
            rows.append(Self.heading(language.legend.levels))
            for level in usedLevels {
                let colors = Style.colors(for: level)
                rows.append(#"<TR><TD BGCOLOR="\#(colors.fill)" BORDER="1" COLOR="\#(colors.stroke)" WIDTH="30"> </TD><TD ALIGN="LEFT">\#(HTML.escape(language.name(of: level)))</TD></TR>"#)
            }
        }
        rows.append(Self.heading(language.legend.nodes))
        for kind in usedKinds {
            rows.append(Self.row(Style.shape(for: kind).glyph, language.name(of: kind)))
        }
        if !usedEdgeKinds.isEmpty {
            rows.append(Self.heading(language.legend.ties))
            for kind in usedEdgeKinds {
                let style = Style.edgeAttributes(for: kind)
                let color = style.attributes["color"].map { $0.split(separator: ":").first.map(String.init) ?? $0 } ?? "#000000"
                rows.append(Self.row(style.sample, language.name(of: kind), color: color))
            }
        }
        if key.coordinator {
            rows.append(Self.row("◎", language.legend.coordinator))
        }
        if key.mentalHealthWork {
            rows.append(Self.row("▢", language.network.mentalHealthWork, color: Style.mentalHealthColor))
        }
        if key.singlePoints { rows.append(Self.row("◯", language.network.singlePointOfFailure, color: Style.alertColor)) }
        if key.bridges { rows.append(Self.row("━━━", language.network.bridge, color: Style.alertColor)) }
        return ##"<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" BGCOLOR="white">"##
            + rows.joined() + "</TABLE>"
    }

    private static func invisiblePoint(group: String) -> [String: String] {
        ["shape": "point", "style": "invis", "width": "0", "height": "0", "label": "", "group": group]
    }

    static func shapesHelperNetwork(_ kind: EdgeKind?) -> Bool {
        switch kind {
        case .contact, .member, .admission, .discharge, .reportsTo, nil: true
        default: false
        }
    }

    /// Marked `mh=true`, or holding mental-health FTE.
    static func isMentalHealthWork(_ node: Node) -> Bool {
        node.flag("mh") || (node.attributes["mh_fte"].flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) } ?? 0) > 0
    }

    private static func heading(_ text: String) -> String {
        #"<TR><TD COLSPAN="2" ALIGN="LEFT"><I>\#(HTML.escape(text))</I></TD></TR>"#
    }

    private static func row(_ symbol: String, _ text: String, color: String = "#333333") -> String {
        #"<TR><TD ALIGN="CENTER"><FONT COLOR="\#(color)" POINT-SIZE="20">\#(HTML.escape(symbol))</FONT></TD><TD ALIGN="LEFT">\#(HTML.escape(text))</TD></TR>"#
    }
}

private struct TieKey: Hashable {
    let pair: UnorderedPair
    let kind: EdgeKind?
}

/// Two node ids, order ignored: an undirected tie.
public struct UnorderedPair: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let first: NodeID
    public let second: NodeID

    public init(_ a: NodeID, _ b: NodeID) {
        (first, second) = a <= b ? (a, b) : (b, a)
    }

    public var description: String { "\(first)–\(second)" }

    public static func < (lhs: UnorderedPair, rhs: UnorderedPair) -> Bool {
        (lhs.first, lhs.second) < (rhs.first, rhs.second)
    }
}

/// Escaping for text placed in HTML, SVG or Graphviz HTML-like labels.
public enum HTML {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
