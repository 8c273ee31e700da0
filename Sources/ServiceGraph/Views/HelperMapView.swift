import Foundation

/// The `map` view (DESIGN §6): one user's helper-network map, as drawn in social work — the
/// user in the centre, helpers in sectors by level and in rings by how often the user met them
/// (the inner ring most often), helper–helper ties drawn, and helpers who cannot reach any other
/// helper without the user marked as such.
///
/// Positions are computed here and pinned (`pos="x,y!"`, in inches, for neato), so the same
/// input gives the same map on every run and machine.
public struct HelperMapView: Sendable {
    public var language: Language

    public init(language: Language = .en) { self.language = language }

    /// The rings, innermost first: a helper met at least `minimum` times sits in that ring.
    static let rings: [(minimum: Int, en: String, nb: String)] = [
        (8, "met 8 times or more", "møtt 8 ganger eller mer"),
        (4, "met 4–7 times", "møtt 4–7 ganger"),
        (2, "met 2–3 times", "møtt 2–3 ganger"),
        (1, "met once", "møtt én gang"),
        (0, "no dated contact", "ingen datert kontakt"),
    ]
    static let firstRadius = 1.9
    static let ringSpacing = 1.45

    /// The map of `user` in `graph`, or nil if `user` is not a user node.
    public func styled(_ graph: CollaborationGraph, user: NodeID) -> CollaborationGraph? {
        guard graph[user]?.kind == .user,
              let measures = (try? graph.helperNetworkMeasures(only: [user]))?.first
        else { return nil }
        let levels = graph.resolveLevels()
        let helpers = measures.helperIDs
        let isolated = Set(measures.isolatedHelpers)

        var visits: [NodeID: Int] = [:]
        for edge in graph.edges where edge.declaredKind == .contact && edge.touches(user) {
            let other = edge.source == user ? edge.target : edge.source
            visits[other, default: 0] += edge.dateStrings.count
        }
        func ring(of helper: NodeID) -> Int {
            let count = visits[helper] ?? 0
            return Self.rings.firstIndex { count >= $0.minimum } ?? Self.rings.count - 1
        }

        var view = CollaborationGraph(name: graph.name, isDirected: false)
        view.attributes = [
            "layout": "neato", "outputorder": "edgesfirst", "splines": "line", "overlap": "true",
            "fontname": Style.fontName, "fontsize": "16", "labelloc": "t", "pad": "0.4",
            "label": DOTWriter.escString(plain: (language == .en ? "Helper-network map: " : "Hjelpenettverkskart: ")
                                         + plainLabel(graph[user]!)),
        ]

        // Sectors: one per level present, clockwise from the top, sized by their helpers.
        let order: [Level?] = [.hospital, .dps, .municipal, .state, .civil, nil]
        let groups = order.map { level in helpers.filter { levels[$0] == level } }.enumerated().filter { !$0.element.isEmpty }
        let minimumShare = 0.08
        let rawShares = groups.map { max(Double($0.element.count) / Double(max(helpers.count, 1)), minimumShare) }
        let shares = rawShares.map { $0 / rawShares.reduce(0, +) }
        let usedRings = Set(helpers.map(ring(of:)))
        let outerRing = (usedRings.max() ?? 0)
        let outerRadius = Self.firstRadius + Self.ringSpacing * Double(outerRing)

        for index in 0...outerRing {
            let radius = Self.firstRadius + Self.ringSpacing * Double(index)
            view.addNode(Node(id: NodeID("__ring\(index)"), attributes: [
                "shape": "circle", "label": "", "fixedsize": "true", "width": format(2 * radius),
                "style": "dashed", "color": "#C8C8C8", "pos": "0,0!",
            ]))
            let text = language == .en ? Self.rings[index].en : Self.rings[index].nb
            view.addNode(Node(id: NodeID("__ringlabel\(index)"), attributes: [
                "shape": "plaintext", "label": DOTWriter.escString(plain: text), "fontname": Style.fontName,
                "fontsize": "9", "fontcolor": "#8C8C8C", "pos": "0,\(format(radius - 0.14))!",
            ]))
        }

        view.addNode(Node(id: user, attributes: [
            "label": plainLabel(graph[user]!), "shape": "doublecircle", "style": "filled", "fillcolor": "#222222",
            "fontcolor": "white", "color": "#222222", "fontname": Style.fontName, "fontsize": "12",
            "fixedsize": "true", "width": "1.1", "pos": "0,0!",
        ]))

        var start = 0.0  // fraction of the full turn, clockwise from the top
        for (share, group) in zip(shares, groups) {
            let level = order[group.offset]
            let members = group.element
            let span = share
            // Sector boundary and label.
            addSpoke(to: &view, at: start, radius: outerRadius + 0.6, index: group.offset)
            let middle = start + span / 2
            let labelPoint = point(turn: middle, radius: outerRadius + 1.0)
            view.addNode(Node(id: NodeID("__sector\(group.offset)"), attributes: [
                "shape": "plaintext", "label": DOTWriter.escString(plain: language.name(of: level)),
                "fontname": Style.fontName, "fontsize": "13", "fontcolor": Style.colors(for: level).stroke,
                "pos": "\(format(labelPoint.x)),\(format(labelPoint.y))!",
            ]))
            // Helpers of this sector, ring by ring, spread evenly over the sector's arc.
            let byRing = Dictionary(grouping: members, by: ring(of:))
            for (ringIndex, onRing) in byRing.sorted(by: { $0.key < $1.key }) {
                let radius = Self.firstRadius + Self.ringSpacing * Double(ringIndex)
                let arcPerHelper = 2 * Double.pi * radius * span / Double(onRing.count)
                let stagger = arcPerHelper < 1.7  // too tight for one line of labels: alternate in and out
                for (position, helper) in onRing.enumerated() {
                    let turn = start + span * (Double(position) + 0.5) / Double(onRing.count)
                    let offset = stagger ? (position % 2 == 0 ? -0.32 : 0.32) : 0
                    let p = point(turn: turn, radius: radius + offset)
                    view.addNode(helperNode(graph[helper]!, level: level, isolated: isolated.contains(helper),
                                            visits: visits[helper] ?? 0, at: p))
                }
            }
            start += span
        }

        // Ties: the user to every helper, and helper–helper ties of any kind (once per pair).
        for helper in helpers {
            view.addEdge(Edge(source: user, target: helper, attributes: ["color": "#BDBDBD", "penwidth": "0.8"]))
        }
        let helperSet = Set(helpers)
        var drawn = Set<UnorderedPair>()
        for edge in graph.edges where helperSet.contains(edge.source) && helperSet.contains(edge.target)
            && edge.source != edge.target && drawn.insert(UnorderedPair(edge.source, edge.target)).inserted {
            view.addEdge(Edge(source: edge.source, target: edge.target,
                              attributes: ["color": "#0072B2", "penwidth": "1.8"]))
        }
        addLegend(to: &view, at: (outerRadius + 2.6, -outerRadius), levels: groups.map { order[$0.offset] },
                  usedRings: usedRings, hasIsolated: !isolated.isEmpty,
                  hasCoordinator: helpers.contains { graph[$0]?.flag("coordinator") == true })
        return view
    }

    private func helperNode(_ node: Node, level: Level?, isolated: Bool, visits: Int, at p: (x: Double, y: Double)) -> Node {
        let colors = Style.colors(for: level)
        var label = plainLabel(node)
        if let role = node.attributes["role"], !role.isEmpty { label += "\\n" + role }
        var attributes: [String: String] = [
            "label": label, "shape": "box", "style": "filled,rounded", "fillcolor": colors.fill, "color": colors.stroke,
            "fontname": Style.fontName, "fontsize": "9", "margin": "0.05,0.02", "pos": "\(format(p.x)),\(format(p.y))!",
            "tooltip": label + "\\n" + (language == .en ? "visits: " : "besøk: ") + String(visits),
        ]
        if node.flag("coordinator") { attributes["peripheries"] = "2" }
        if isolated {
            attributes["style"] = "filled,rounded,dashed"
            attributes["color"] = Style.alertColor
            attributes["penwidth"] = "2"
        }
        return Node(id: node.id, attributes: attributes)
    }

    private func addSpoke(to view: inout CollaborationGraph, at turn: Double, radius: Double, index: Int) {
        let inner = point(turn: turn, radius: 0.7)
        let outer = point(turn: turn, radius: radius)
        for (name, p) in [("a", inner), ("b", outer)] {
            view.addNode(Node(id: NodeID("__spoke\(index)\(name)"), attributes: [
                "shape": "point", "width": "0.01", "color": "#D9D9D9", "pos": "\(format(p.x)),\(format(p.y))!",
            ]))
        }
        view.addEdge(Edge(source: NodeID("__spoke\(index)a"), target: NodeID("__spoke\(index)b"),
                          attributes: ["color": "#D9D9D9", "style": "dashed"]))
    }

    private func addLegend(to view: inout CollaborationGraph, at position: (Double, Double), levels: [Level?],
                           usedRings: Set<Int>, hasIsolated: Bool, hasCoordinator: Bool) {
        var rows = [#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>\#(HTML.escape(language.legendTitle))</B></TD></TR>"#]
        for level in levels {
            rows.append(#"<TR><TD BGCOLOR="\#(Style.colors(for: level).fill)" WIDTH="18"> </TD><TD ALIGN="LEFT">\#(HTML.escape(language.name(of: level)))</TD></TR>"#)
        }
        rows.append(#"<TR><TD COLSPAN="2" ALIGN="LEFT"><I>\#(HTML.escape(language == .en ? "Rings, inside out" : "Ringer, innenfra"))</I></TD></TR>"#)
        for index in usedRings.sorted() {
            let text = language == .en ? Self.rings[index].en : Self.rings[index].nb
            rows.append(#"<TR><TD>\#(index + 1)</TD><TD ALIGN="LEFT">\#(HTML.escape(text))</TD></TR>"#)
        }
        rows.append(##"<TR><TD><FONT COLOR="#0072B2">━━</FONT></TD><TD ALIGN="LEFT">\##(HTML.escape(language == .en ? "tie between helpers" : "bånd mellom hjelpere"))</TD></TR>"##)
        if hasIsolated {
            rows.append(#"<TR><TD><FONT COLOR="\#(Style.alertColor)">┅┅</FONT></TD><TD ALIGN="LEFT">\#(HTML.escape(language == .en ? "reaches no other helper without the user" : "når ingen annen hjelper uten brukeren"))</TD></TR>"#)
        }
        if hasCoordinator {
            rows.append(#"<TR><TD>◫</TD><TD ALIGN="LEFT">\#(HTML.escape(language == .en ? "double outline: coordinator" : "dobbel kant: koordinator"))</TD></TR>"#)
        }
        let table = ##"<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" BGCOLOR="white">"##
            + rows.joined() + "</TABLE>"
        view.addNode(Node(id: NodeID("__legend"), attributes: [
            "label": table, "shape": "plaintext", "fontname": Style.fontName, "fontsize": "10",
            "pos": "\(format(position.0)),\(format(position.1))!",
        ], htmlAttributes: ["label"]))
    }

    private func plainLabel(_ node: Node) -> String {
        node.htmlAttributes.contains("label") ? node.id.rawValue : node.label
    }

    /// A point at `turn` (fraction of a full turn, clockwise from the top) and `radius` inches.
    private func point(turn: Double, radius: Double) -> (x: Double, y: Double) {
        let angle = Double.pi / 2 - 2 * Double.pi * turn
        return (radius * cos(angle), radius * sin(angle))
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
