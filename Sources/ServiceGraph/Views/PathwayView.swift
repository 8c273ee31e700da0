import Foundation

/// The `pathway` view (DESIGN §6): one user's pathway as a timeline, left to right, with one
/// lane per level — hospital above DPS above the municipality, other levels below — a mark
/// per visit labelled with the professional, new faces drawn larger, relations that a
/// transition broke outlined in red, each level transition drawn between lanes (blue where
/// it was bridged, dashed red where it was not), admissions and discharges as triangles, and a
/// date axis. Positions are computed here and pinned for neato.
public struct PathwayView: Sendable {
    public var language: Language
    public var options: PathwayOptions
    /// Display names of professionals and services (their labels in a graph).
    public var names: [String: String]

    public init(language: Language = .en, options: PathwayOptions = PathwayOptions(), names: [String: String] = [:]) {
        self.language = language
        self.options = options
        self.names = names
    }

    static let laneOrder: [Level?] = [.hospital, .dps, .municipal, .state, .civil, nil]
    static let laneHeight = 1.3
    static let bridgedColor = "#0072B2"

    public func styled(_ pathway: Pathway) -> CollaborationGraph {
        let measures = pathway.measures(options)
        let visits = pathway.visits(in: options.period)
        let events = pathway.events.filter { options.period.contains($0.time) }
        var view = CollaborationGraph(name: "pathway", isDirected: true)
        let title = (language == .en ? "Pathway of " : "Forløp for ") + (names[pathway.user] ?? pathway.user)
        view.attributes = ["layout": "neato", "splines": "line", "overlap": "true", "outputorder": "edgesfirst",
                           "label": DOTWriter.escString(plain: title), "labelloc": "t", "fontname": Style.fontName,
                           "fontsize": "16", "pad": "0.4", "forcelabels": "true"]
        guard let start = events.map(\.time).min(), let end = events.map(\.time).max() else { return view }

        // Lanes: the three levels of care always, others where used.
        let used = Set(visits.map(\.level))
        let lanes = Self.laneOrder.filter { [.hospital, .dps, .municipal].contains($0) || used.contains($0) }
        func laneY(_ level: Level?) -> Double {
            Double(lanes.count - 1 - (lanes.firstIndex { $0 == level } ?? lanes.count - 1)) * Self.laneHeight
        }
        let days = max(1, start.days(to: end))
        // Wide enough for the time and for the marks: a busy year needs more room than a quiet one.
        let width = min(max(days * 0.06, Double(visits.count) * 0.22, 8), 40)
        func x(_ time: Timestamp) -> Double { start.days(to: time) / days * width }
        func pin(_ x: Double, _ y: Double) -> String { String(format: "%.3f,%.3f!", x, y) }

        for (index, level) in lanes.enumerated() {
            let y = laneY(level), colors = Style.colors(for: level)
            view.addNode(Node(id: NodeID("__lane\(index)"), attributes: [
                "shape": "plaintext", "label": DOTWriter.escString(plain: language.name(of: level)), "fontname": Style.fontName,
                "fontsize": "11", "fontcolor": colors.stroke, "pos": pin(-1.6, y),
            ]))
            for (suffix, at) in [("a", -0.3), ("b", width + 0.3)] {
                view.addNode(Node(id: NodeID("__lane\(index)\(suffix)"), attributes: ["shape": "point", "width": "0.01",
                                                                                     "color": colors.band, "pos": pin(at, y)]))
            }
            view.addEdge(Edge(source: NodeID("__lane\(index)a"), target: NodeID("__lane\(index)b"), attributes: [
                "color": colors.fill, "penwidth": "10", "arrowhead": "none",
            ]))
        }
        addDateAxis(to: &view, from: start, to: end, y: -0.9, x: x)

        // Visits. Faces: a professional's first visit; broken: the last visit before a transition
        // that ended the relation (within the window).
        var firstVisit = Set<Int>(), seen = Set<String>()
        for (index, visit) in visits.enumerated() {
            if let actor = visit.actor, seen.insert(actor).inserted { firstVisit.insert(index) }
        }
        let brokenLast = brokenRelationVisits(visits)
        var markOfVisit: [Int: NodeID] = [:]
        var lastXByLane: [Double: Double] = [:]
        for (index, visit) in visits.enumerated() {
            let id = NodeID("__visit\(index)")
            markOfVisit[index] = id
            let colors = Style.colors(for: visit.level)
            let isNew = firstVisit.contains(index)
            let name = visit.actor.map { names[$0] ?? $0 } ?? (visit.service.map { names[$0] ?? $0 } ?? "?")
            let y = laneY(visit.level)
            // Alternate labels above and below when marks crowd a lane.
            let crowded = (lastXByLane[y].map { x(visit.time) - $0 < 0.9 } ?? false)
            lastXByLane[y] = x(visit.time)
            var attributes: [String: String] = [
                "shape": "circle", "label": "", "fixedsize": "true", "width": isNew ? "0.2" : "0.12",
                "style": "filled", "fillcolor": isNew ? colors.stroke : colors.fill, "color": colors.stroke,
                "penwidth": isNew ? "1.5" : "1", "pos": pin(x(visit.time), y),
                "xlabel": DOTWriter.escString(plain: visit.actor == nil ? "(\(name))" : name),
                "fontname": Style.fontName, "fontsize": isNew ? "8" : "7", "fontcolor": isNew ? "#222222" : "#6E6E6E",
                "tooltip": DOTWriter.escString(plain: "\(visit.time) \(name)"),
            ]
            if crowded { attributes["labelloc"] = "b" }
            if brokenLast.contains(index) {
                attributes["color"] = Style.alertColor
                attributes["penwidth"] = "2.5"
            }
            view.addNode(Node(id: id, attributes: attributes))
        }

        // Admissions and discharges.
        for (index, event) in events.enumerated() where event.kind == .admission || event.kind == .discharge {
            let y = laneY(event.level) + 0.38
            view.addNode(Node(id: NodeID("__stay\(index)"), attributes: [
                "shape": event.kind == .admission ? "triangle" : "invtriangle", "label": "", "fixedsize": "true",
                "width": "0.18", "height": "0.16", "style": "filled", "fillcolor": "#D55E00", "color": "#D55E00",
                "pos": pin(x(event.time), y),
                "tooltip": DOTWriter.escString(plain: "\(event.time) \(event.kind.rawValue) \(event.service.map { names[$0] ?? $0 } ?? "")"),
            ]))
        }

        // Transitions, between the marks on either side.
        var transitionIndex = 0
        for k in 1..<max(1, visits.count) where visits[k - 1].level?.rank != visits[k].level?.rank {
            guard transitionIndex < measures.transitions.count,
                  let from = markOfVisit[k - 1], let to = markOfVisit[k] else { continue }
            let transition = measures.transitions[transitionIndex]
            transitionIndex += 1
            view.addEdge(Edge(source: from, target: to, attributes: transition.bridged
                ? ["color": Self.bridgedColor, "penwidth": "1.6", "arrowsize": "0.6"]
                : ["color": Style.alertColor, "penwidth": "2.2", "style": "dashed", "arrowsize": "0.7"]))
        }
        addLegend(to: &view, at: pin(width + 2.6, laneY(lanes.last ?? nil) + 0.4), measures: measures)
        return view
    }

    /// Indices of the last visits of relations counted as broken at some transition.
    private func brokenRelationVisits(_ visits: [PathwayEvent]) -> Set<Int> {
        let window = Int64((options.windowDays * 86_400).rounded())
        let transitions = (1..<max(1, visits.count)).filter { visits[$0 - 1].level?.rank != visits[$0].level?.rank }
        var last: [String: Int] = [:]
        for (index, visit) in visits.enumerated() { if let actor = visit.actor { last[actor] = index } }
        var result = Set<Int>()
        for (j, k) in transitions.enumerated() {
            let previous = j == 0 ? 0 : transitions[j - 1]
            let before = visits[k].time.secondsSinceEpoch - window
            for (_, l) in last where l >= previous && l < k && visits[l].time.secondsSinceEpoch >= before { result.insert(l) }
        }
        return result
    }

    private func addDateAxis(to view: inout CollaborationGraph, from start: Timestamp, to end: Timestamp, y: Double,
                             x: (Timestamp) -> Double) {
        let months = language == .en
            ? ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            : ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"]
        let (startYear, startMonth, _) = Timestamp.civil(fromDays: start.dayNumber)
        var year = startYear, month = startMonth
        var tick = 0
        let total = max(1, start.days(to: end))
        let step = total > 400 ? 3 : 1
        while let first = Timestamp(year: year, month: month, day: 1), first <= end {
            if first >= start.adding(days: -1), (month - 1) % step == 0 {
                view.addNode(Node(id: NodeID("__tick\(tick)"), attributes: [
                    "shape": "plaintext", "label": "\(months[month - 1]) \(year)", "fontname": Style.fontName,
                    "fontsize": "9", "fontcolor": "#6E6E6E", "pos": String(format: "%.3f,%.3f!", x(first), y),
                ]))
                tick += 1
            }
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
    }

    private func addLegend(to view: inout CollaborationGraph, at position: String, measures: PathwayMeasures) {
        let en = language == .en
        func row(_ symbol: String, _ color: String, _ text: String) -> String {
            #"<TR><TD><FONT COLOR="\#(color)">\#(HTML.escape(symbol))</FONT></TD><TD ALIGN="LEFT">\#(HTML.escape(text))</TD></TR>"#
        }
        var rows = [#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>\#(HTML.escape(language.legendTitle))</B></TD></TR>"#]
        rows.append(row("●", "#333333", en ? "visit (large: first meeting, a new face)" : "besøk (stor: første møte, et nytt ansikt)"))
        rows.append(row("◯", Style.alertColor, en ? "last visit of a relation broken at a transition" : "siste besøk i en relasjon brutt ved en overgang"))
        rows.append(row("━▸", Self.bridgedColor, en ? "transition, bridged" : "overgang, bygget bro over"))
        rows.append(row("┅▸", Style.alertColor, en ? "transition, unbridged" : "overgang uten bro"))
        rows.append(row("▲▼", "#D55E00", en ? "admission, discharge" : "innleggelse, utskrivning"))
        let summary = en
            ? "\(measures.levelTransitions ?? 0) transitions, \(measures.unbridgedTransitions ?? 0) unbridged; \(measures.newFaces ?? 0) new faces, \(measures.brokenRelations ?? 0) broken"
            : "\(measures.levelTransitions ?? 0) overganger, \(measures.unbridgedTransitions ?? 0) uten bro; \(measures.newFaces ?? 0) nye ansikter, \(measures.brokenRelations ?? 0) brutt"
        rows.append(#"<TR><TD COLSPAN="2" ALIGN="LEFT"><I>\#(HTML.escape(summary))</I></TD></TR>"#)
        let table = ##"<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" BGCOLOR="white">"##
            + rows.joined() + "</TABLE>"
        view.addNode(Node(id: NodeID("__legend"), attributes: [
            "label": table, "shape": "plaintext", "fontname": Style.fontName, "fontsize": "10", "pos": position,
        ], htmlAttributes: ["label"]))
    }
}
