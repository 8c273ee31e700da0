import Foundation

/// The `map` view: one user's helper-network map, as drawn in social work (the Pantuček map
/// that easyNWK implements, Network Canvas's sociogram) — the user in the centre; helpers in
/// sectors by level and family and network in a sector of their own; everyone in rings by how
/// often the user met them (ring 1, the innermost, most often); the ties between them drawn as
/// curves that go around every node; helpers who cannot reach any other helper without the user
/// marked as such.
///
/// Positions are computed here and pinned (`pos="x,y!"`, in inches, for neato), so the same
/// input gives the same map on every run and machine. Each ring's radius is the smallest at
/// which its boxes clear each other, the ring number and everything inside, so a small network
/// makes a small map. Rings and sector spokes are drawn in the graph's background (Graphviz's
/// `_background`), not as nodes, so that neato's router (`splines=true`) has only the real
/// nodes to route the ties around.
public struct HelperMapView: Sendable {
    public var language: Language

    public init(language: Language = .en) { self.language = language }

    /// The rings, innermost first: someone met at least this many times sits in that ring
    /// (named in `MapWords.ringNames`).
    static let ringMinimums = [8, 4, 2, 1, 0]
    /// Room kept between boxes, and between a ring and the next, in inches.
    static let gap = 0.1
    static let minimumRingSpacing = 0.5
    static let fontSize = 10.0
    static let sectorFontSize = 13.0

    /// The map of `user` in `graph`, or nil if `user` is not a user node.
    ///
    /// With `calendar` (`render --view map --by`), the map of one period: laid out as the map of
    /// the whole input is — every helper where it stands on every period's map, the rings by
    /// the contacts over `span` (the periods' labels, first–last), the same sectors and legend —
    /// with only the helpers met in the period drawn (relatives always, as the helper network
    /// counts them), each marked isolated or not as it is in that period.
    public func styled(_ graph: CollaborationGraph, user: NodeID, in calendar: CalendarPeriod? = nil,
                       span: String? = nil) -> CollaborationGraph? {
        guard graph[user]?.kind == .user,
              let measures = (try? graph.helperNetworkMeasures(only: [user]))?.first,
              let inPeriod = calendar == nil ? measures
                : (try? graph.helperNetworkMeasures(period: calendar!.period, only: [user]))?.first
        else { return nil }
        let levels = graph.resolveLevels()
        let helpers = measures.helperIDs, relatives = measures.relativeIDs
        let members = helpers + relatives
        let isRelative = Set(relatives)
        let shown = Set(inPeriod.helperIDs + inPeriod.relativeIDs)
        let isolated = Set(inPeriod.isolatedHelpers)

        // Dated meetings: contact dates, and for family and network also dated informal ties;
        // over the whole input (for the rings) and in the period (for the tooltips).
        var visits: [NodeID: Int] = [:], visitsInPeriod: [NodeID: Int] = [:]
        for edge in graph.edges where edge.touches(user) && (edge.declaredKind == .contact || edge.declaredKind == .informal) {
            let other = edge.source == user ? edge.target : edge.source
            visits[other, default: 0] += edge.dateCount
            if let calendar { visitsInPeriod[other, default: 0] += edge.timestamps.filter(calendar.period.contains).count }
        }
        func ring(of member: NodeID) -> Int {
            let count = visits[member] ?? 0
            return Self.ringMinimums.firstIndex { count >= $0 } ?? Self.ringMinimums.count - 1
        }
        func sector(of member: NodeID) -> Level? { isRelative.contains(member) ? .civil : levels[member] }

        var view = CollaborationGraph(name: graph.name, isDirected: false)
        view.attributes = [
            "layout": "neato", "notranslate": "true", "outputorder": "edgesfirst", "splines": "true",
            "overlap": "true", "esep": "+3", "fontname": Style.fontName, "fontsize": "16", "labelloc": "t", "pad": "0.3",
            "label": DOTWriter.escString(plain: language.map.title(plainLabel(graph[user]!) + (calendar.map { " · " + $0.label } ?? ""))),
        ]

        // The centre, grown to its label.
        let userLines = TextLayout.wrapped(plainLabel(graph[user]!), width: 16)
        let userDiameter = max(1.1, (userLines.map { TextLayout.width(of: $0, points: 12) }.max() ?? 0) + 0.35,
                               Double(userLines.count) * 0.2 + 0.5)
        view.addNode(Node(id: user, attributes: [
            "label": userLines.map(DOTWriter.escString(plain:)).joined(separator: "\\n"), "shape": "circle",
            "style": "filled", "fillcolor": "#222222", "fontcolor": "white", "color": "#222222",
            "fontname": Style.fontName, "fontsize": "12", "fixedsize": "true", "width": format(userDiameter), "pos": "0,0!",
        ]))

        // Sectors: one per level present (family and network last), clockwise from the top,
        // sized by how many they hold.
        let order: [Level?] = [.hospital, .dps, .municipal, .state, .civil, nil]
        let groups = order.map { level in members.filter { sector(of: $0) == level } }.enumerated().filter { !$0.element.isEmpty }
        let rawShares = groups.map { max(Double($0.element.count) / Double(max(members.count, 1)), 0.08) }
        let shares = rawShares.map { $0 / rawShares.reduce(0, +) }
        var starts: [Double] = []
        var total = 0.0
        for share in shares { starts.append(total); total += share }

        // Where each member goes round the circle: spread evenly over its sector, ring by ring,
        // each ring's spread turned a little from the last so that members of neighbouring
        // rings do not stand at the same angle (the outer would have to stand a whole box
        // further out).
        var turns: [NodeID: Double] = [:]
        let shifts = [0, 0.25, -0.25, 0.125, -0.125]
        for (index, group) in groups.enumerated() {
            for (ringIndex, onRing) in Dictionary(grouping: group.element, by: ring(of:)) {
                let shift = shifts[ringIndex % shifts.count]
                for (position, member) in onRing.enumerated() {
                    turns[member] = starts[index] + shares[index] * (Double(position) + 0.5 + shift) / Double(onRing.count)
                }
            }
        }
        // Ring numbers go along the ray through the widest gap between members.
        let sortedTurns = turns.values.sorted()
        var numberTurn = 0.0
        if let first = sortedTurns.first {
            var widest = -1.0
            for (a, b) in zip(sortedTurns, Array(sortedTurns.dropFirst()) + [first + 1]) where b - a > widest {
                (widest, numberTurn) = (b - a, (a + b) / 2)
            }
        }
        let labels = Dictionary(uniqueKeysWithValues: members.map { ($0, memberLabel(graph[$0]!)) })
        // A coordinator's second outline stands 4 pt outside the box.
        let sizes = Dictionary(uniqueKeysWithValues: members.map { member -> (NodeID, (w: Double, h: Double)) in
            let size = Self.boxSize(labels[member]!), extra = graph[member]?.flag("coordinator") == true ? 0.12 : 0
            return (member, (size.w + extra, size.h + extra))
        })

        // neato's router takes the centre for the octagon around its circle.
        let centreObstacle = (userDiameter / 2 + 0.03) / cos(Double.pi / 8)
        // Rings outward: each at the smallest radius where its boxes and its number clear
        // each other and everything inside.
        let usedRings = Set(members.map(ring(of:))).sorted()
        var placed: [Box] = []
        var radii: [Double] = []
        var positions: [NodeID: (x: Double, y: Double)] = [:]
        var numberBoxes: [Box] = []
        for ringIndex in usedRings {
            let onRing = members.filter { ring(of: $0) == ringIndex }
            let numberSize = (w: 0.22, h: 0.2)
            var radius = max((radii.last ?? 0) + Self.minimumRingSpacing, centreObstacle + Self.gap + 0.3)
            while true {
                let boxes = onRing.map { member -> Box in
                    let p = point(turn: turns[member]!, radius: radius)
                    return Box(x: p.x, y: p.y, halfWidth: sizes[member]!.w / 2, halfHeight: sizes[member]!.h / 2)
                }
                let at = point(turn: numberTurn, radius: radius)
                let number = Box(x: at.x, y: at.y, halfWidth: numberSize.w / 2, halfHeight: numberSize.h / 2)
                let all = boxes + [number]
                let clear = all.indices.allSatisfy { i in
                    !all[i].overlapsCircle(radius: centreObstacle, gap: Self.gap)
                        && !placed.contains { all[i].overlaps($0, gap: Self.gap) }
                        && !all[(i + 1)...].contains { all[i].overlaps($0, gap: Self.gap) }
                }
                if clear || radius > 60 {
                    placed += all
                    numberBoxes.append(number)
                    for (member, box) in zip(onRing, boxes) { positions[member] = (box.x, box.y) }
                    break
                }
                radius += 0.05
            }
            radii.append(radius)
        }
        let outer = radii.last ?? (userDiameter / 2 + 0.6)

        for (number, box) in numberBoxes.enumerated() {
            view.addNode(Node(id: NodeID("__ring\(number + 1)"), attributes: [
                "shape": "box", "style": "filled", "fillcolor": "white", "color": "white", "label": String(number + 1),
                "fontname": Style.fontName, "fontsize": "10", "fontcolor": "#6E6E6E", "fixedsize": "true",
                "width": format(box.halfWidth * 2), "height": format(box.halfHeight * 2), "margin": "0",
                "pos": "\(format(box.x)),\(format(box.y))!",
            ]))
        }

        // Sector names outside the outer ring.
        var labelRight = outer
        for (index, group) in groups.enumerated() {
            let level = order[group.offset]
            let name = language.name(of: level)
            let width = TextLayout.width(of: name, points: Self.sectorFontSize) + 0.1, height = 0.28
            let turn = starts[index] + shares[index] / 2
            let direction = point(turn: turn, radius: 1)
            // Outside the ring whatever the angle, and then out until it clears every box.
            var distance = outer + 0.3 + abs(direction.x) * width / 2 + abs(direction.y) * height / 2
            var box: Box { Box(x: direction.x * distance, y: direction.y * distance, halfWidth: width / 2, halfHeight: height / 2) }
            while placed.contains(where: { box.overlaps($0, gap: Self.gap) }) { distance += 0.05 }
            placed.append(box)
            let p = (x: box.x, y: box.y)
            labelRight = max(labelRight, p.x + width / 2)
            view.addNode(Node(id: NodeID("__sector\(group.offset)"), attributes: [
                "shape": "box", "style": "filled", "fillcolor": "white", "color": "white", "label": DOTWriter.escString(plain: name), "fontname": Style.fontName,
                "fontsize": format(Self.sectorFontSize), "fontcolor": Style.colors(for: level).stroke,
                "width": format(width), "height": format(height), "fixedsize": "true", "margin": "0",
                "pos": "\(format(p.x)),\(format(p.y))!",
            ]))
        }

        // The background is not in the bounding box: two invisible corners hold the rings in,
        // moved out along the diagonal past any label.
        for (name, sign) in [("sw", -1.0), ("ne", 1.0)] {
            var distance = outer + 0.25
            var box: Box { Box(x: sign * distance, y: sign * distance, halfWidth: 0.01, halfHeight: 0.01) }
            while placed.contains(where: { box.overlaps($0, gap: Self.gap) }) { distance += 0.05 }
            view.addNode(Node(id: NodeID("__corner_\(name)"), attributes: [
                "shape": "point", "style": "invis", "width": "0.01", "label": "", "pos": "\(format(box.x)),\(format(box.y))!",
            ]))
        }

        for member in members where shown.contains(member) {
            let level = sector(of: member)
            view.addNode(memberNode(graph[member]!, label: labels[member]!, size: Self.boxSize(labels[member]!), level: level,
                                    relative: isRelative.contains(member), isolated: isolated.contains(member),
                                    visits: (calendar == nil ? visits : visitsInPeriod)[member] ?? 0, at: positions[member]!))
        }

        // Ties: the user to everyone on the map, and every tie among them once per pair (the
        // legend names the kinds of tie among all members, so that it is the same in every period).
        for member in members where shown.contains(member) {
            var attributes = ["color": "#BDBDBD", "penwidth": members.count > 30 ? "0.5" : "0.8"]
            if isRelative.contains(member) { attributes["style"] = "dashed" }
            view.addEdge(Edge(source: user, target: member, attributes: attributes))
        }
        let onMap = Set(members)
        var drawn = Set<UnorderedPair>()
        var hasFamilyTie = false, hasHelperTie = false
        for edge in graph.edges where onMap.contains(edge.source) && onMap.contains(edge.target)
            && edge.source != edge.target && drawn.insert(UnorderedPair(edge.source, edge.target)).inserted {
            let family = isRelative.contains(edge.source) || isRelative.contains(edge.target)
            hasFamilyTie = hasFamilyTie || family
            hasHelperTie = hasHelperTie || !family
            guard shown.contains(edge.source) && shown.contains(edge.target) else { continue }
            view.addEdge(Edge(source: edge.source, target: edge.target, attributes: family
                ? ["color": Style.colors(for: .civil).stroke, "penwidth": "1.6", "style": "dashed"]
                : ["color": "#0072B2", "penwidth": "1.8"]))
        }
        addLegend(to: &view, left: labelRight + 0.4, levels: groups.map { order[$0.offset] }, usedRings: usedRings,
                  ties: (helpers: hasHelperTie, family: hasFamilyTie, relatives: !relatives.isEmpty),
                  hasIsolated: !measures.isolatedHelpers.isEmpty || !isolated.isEmpty,
                  hasCoordinator: members.contains { graph[$0]?.flag("coordinator") == true }, span: span)
        centre(&view, rings: radii, spokes: groups.count > 1 ? starts : [], from: userDiameter / 2 + 0.1, to: outer + 0.45)
        return view
    }

    /// Draws the rings and spokes in the background, about the user. neato (2.43) moves a
    /// drawing of pinned nodes so that the mean of their positions is the origin, and the
    /// background is not moved with them: so the nodes are moved there first, and the
    /// background drawn about where the user then is.
    private func centre(_ view: inout CollaborationGraph, rings: [Double], spokes: [Double], from inner: Double, to outer: Double) {
        func parse(_ pos: String) -> (Double, Double)? {
            let parts = pos.dropLast().split(separator: ",").compactMap { Double($0) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        let points = view.nodes.compactMap { $0.attributes["pos"].flatMap(parse) }
        guard !points.isEmpty else { return }
        let mean = (x: points.map(\.0).reduce(0, +) / Double(points.count), y: points.map(\.1).reduce(0, +) / Double(points.count))
        for node in view.nodes {
            guard let p = node.attributes["pos"].flatMap(parse) else { continue }
            view.updateNode(node.id) { $0.attributes["pos"] = "\(format(p.0 - mean.x)),\(format(p.1 - mean.y))!" }
        }
        func pt(_ value: Double) -> String { format(value * 72) }
        var background: [String] = []
        for radius in rings {
            background.append("c 7 -#BDBDBD S 6 -dashed e \(pt(-mean.x)) \(pt(-mean.y)) \(pt(radius)) \(pt(radius))")
        }
        for start in spokes {
            let a = point(turn: start, radius: inner), b = point(turn: start, radius: outer)
            background.append("c 7 -#E0E0E0 L 2 \(pt(a.x - mean.x)) \(pt(a.y - mean.y)) \(pt(b.x - mean.x)) \(pt(b.y - mean.y))")
        }
        if !background.isEmpty { view.attributes["_background"] = background.joined(separator: " ") }
    }

    /// An axis-aligned box about a centre, in inches.
    struct Box {
        var x, y, halfWidth, halfHeight: Double

        func overlaps(_ other: Box, gap: Double) -> Bool {
            abs(x - other.x) < halfWidth + other.halfWidth + gap && abs(y - other.y) < halfHeight + other.halfHeight + gap
        }

        /// Whether the box comes within `gap` of a circle about the origin.
        func overlapsCircle(radius: Double, gap: Double) -> Bool {
            let dx = max(abs(x) - halfWidth, 0), dy = max(abs(y) - halfHeight, 0)
            return (dx * dx + dy * dy).squareRoot() < radius + gap
        }
    }

    /// A member's label: the name, then the role wrapped to short lines.
    private func memberLabel(_ node: Node) -> [String] {
        var lines = [plainLabel(node)]
        if let role = node.attributes["role"], !role.isEmpty, !lines[0].lowercased().contains(role.lowercased()) {
            lines += TextLayout.wrapped(role, width: 18)
        }
        return lines
    }

    /// A box big enough for the label (the estimate errs wide), in inches.
    static func boxSize(_ lines: [String]) -> (w: Double, h: Double) {
        let width = lines.map { TextLayout.width(of: $0, points: fontSize) }.max() ?? 0
        return (width + 0.2, Double(lines.count) * fontSize * 1.25 / 72 + 0.1)
    }

    private func memberNode(_ node: Node, label: [String], size: (w: Double, h: Double), level: Level?, relative: Bool,
                            isolated: Bool, visits: Int, at p: (x: Double, y: Double)) -> Node {
        let colors = Style.colors(for: level)
        let text = label.map(DOTWriter.escString(plain:)).joined(separator: "\\n")
        var attributes: [String: String] = [
            "label": text, "shape": "box", "style": relative ? "filled" : "filled,rounded", "fillcolor": colors.fill,
            "color": colors.stroke, "fontname": Style.fontName, "fontsize": format(Self.fontSize), "margin": "0.06,0.03",
            "width": format(size.w), "height": format(size.h), "fixedsize": "true", "pos": "\(format(p.x)),\(format(p.y))!",
            "tooltip": text + "\\n" + language.map.met(visits),
        ]
        if node.flag("coordinator") { attributes["peripheries"] = "2" }
        if isolated {
            attributes["style"] = "filled,rounded,dashed"
            attributes["color"] = Style.alertColor
            attributes["penwidth"] = "2"
        }
        return Node(id: node.id, attributes: attributes)
    }

    private func addLegend(to view: inout CollaborationGraph, left: Double, levels: [Level?], usedRings: [Int],
                           ties: (helpers: Bool, family: Bool, relatives: Bool), hasIsolated: Bool, hasCoordinator: Bool,
                           span: String?) {
        let words = language.map
        func row(_ symbol: String, _ text: String, color: String = "#333333") -> String {
            #"<TR><TD ALIGN="CENTER"><FONT COLOR="\#(color)" POINT-SIZE="16">\#(HTML.escape(symbol))</FONT></TD><TD ALIGN="LEFT">\#(HTML.escape(text))</TD></TR>"#
        }
        func heading(_ text: String) -> String { #"<TR><TD COLSPAN="2" ALIGN="LEFT"><I>\#(HTML.escape(text))</I></TD></TR>"# }
        var rows = [#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>\#(HTML.escape(language.legend.title))</B></TD></TR>"#]
        rows.append(heading(words.sectors))
        for level in levels {
            let colors = Style.colors(for: level)
            rows.append(#"<TR><TD BGCOLOR="\#(colors.fill)" BORDER="1" COLOR="\#(colors.stroke)" WIDTH="30"> </TD><TD ALIGN="LEFT">\#(HTML.escape(language.name(of: level)))</TD></TR>"#)
        }
        rows.append(heading(words.rings))
        if let span { rows.append(heading(words.ringsOver(span))) }
        for (number, index) in usedRings.enumerated() {
            rows.append(row(String(number + 1), words.ringNames[index], color: "#6E6E6E"))
        }
        rows.append(heading(language.legend.ties))
        rows.append(row("────", words.userAndHelper, color: "#9E9E9E"))
        if ties.relatives { rows.append(row("╌╌╌╌", words.userAndFamily, color: "#9E9E9E")) }
        if ties.helpers { rows.append(row("━━━━", words.betweenHelpers, color: "#0072B2")) }
        if ties.family {
            rows.append(row("╍╍╍╍", words.familyAndHelper,
                            color: Style.colors(for: .civil).stroke))
        }
        if hasIsolated {
            rows.append(row("┅┅┅", words.isolated, color: Style.alertColor))
        }
        if hasCoordinator { rows.append(row("◫", language.legend.coordinator)) }
        let table = ##"<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="1" CELLPADDING="3" BGCOLOR="white">"##
            + rows.joined() + "</TABLE>"
        let width = 3.6  // wide enough for the longest line at 11 pt
        view.addNode(Node(id: NodeID("__legend"), attributes: [
            "label": table, "shape": "plaintext", "fontname": Style.fontName, "fontsize": "11",
            "pos": "\(format(left + width / 2)),0!",
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
