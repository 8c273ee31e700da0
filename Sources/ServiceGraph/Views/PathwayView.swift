import Foundation

/// The `pathway` view: one user's pathway as a timeline, readable at a glance.
///
/// Time runs left to right (16 inches a year, 1,536 px at 96 dpi; months on the axis), one lane
/// per level — hospital above DPS above the municipality, state and family below where used.
/// Inpatient stays are thick bars (dashed when still open at the data end, dotted when only a
/// discharge was recorded), care episodes thin bars, visits ticks on them (a new face's tick
/// taller). A professional's name is written once, at the first visit, in rows above the lane
/// packed so that no two labels overlap; when a stretch is too crowded for the name, a number
/// stands there and the name is in a key under the chart. Each level transition is an arrow
/// between the lanes: blue where it was bridged, dashed red where it was not, grey where the
/// data end too soon to tell (censored). The last visit of a relation a transition broke is
/// ringed in red; each index discharge has its follow-up written beside it; information passed
/// between helpers (referrals, messages, epicrises, meetings) is marked above the axis.
///
/// Every text is a box node whose size Graphviz may only enlarge, so the tests can check in
/// the laid-out SVG that no two text boxes intersect. Positions are computed here and pinned
/// for neato.
public struct PathwayView: Sendable {
    public var language: Language
    public var options: PathwayOptions
    /// Display names of professionals and services (their labels in a graph).
    public var names: [String: String]
    /// A scenario's marks (`scenario --render` on an event log): visits new or at a new level
    /// outlined in the scenario's colours, visits taken away drawn greyed and dashed where
    /// they were, and the legend saying which is which.
    public var scenario: ScenarioPathway?

    public init(language: Language = .en, options: PathwayOptions = PathwayOptions(), names: [String: String] = [:]) {
        self.language = language
        self.options = options
        self.names = names
    }

    static let laneOrder: [Level] = [.hospital, .dps, .municipal, .state, .civil]
    static let bridgedColor = "#0072B2"
    static let censoredColor = "#9A9A9A"
    static let informationColor = "#56B4E9"
    /// Inches per day: 16 inches a year.
    static let inchesPerDay = 16.0 / 366
    static let nameFont = 8.0
    static let rowHeight = 0.2
    static let boxHeight = 0.17
    /// Rows above a lane where names may go before a number stands in for them.
    static let nameRows = 3

    private var words: PathwayWords { language.pathway }

    /// A text to place: its lane, where it starts, what it says, and how it looks.
    private struct PendingText {
        var lane: Int
        var x: Double
        var text: String
        var color: String
        var tooltip: String
        var bold = false
        var time: Timestamp
    }

    public func styled(_ pathway: Pathway) -> CollaborationGraph {
        let measures = pathway.measures(options)
        let visits = pathway.visits(in: options.period)
        let events = pathway.events.filter { options.period.contains($0.time) }
        let gone = (scenario?.gone ?? []).filter { options.period.contains($0.time) }
        var view = CollaborationGraph(name: "pathway", isDirected: true)
        var title = words.title(names[pathway.user.rawValue] ?? pathway.user.rawValue)
        if scenario != nil { title = language.scenario.title(title) }
        view.attributes = ["layout": "neato", "splines": "line", "overlap": "true", "outputorder": "edgesfirst",
                           "label": DOTWriter.escString(plain: title), "labelloc": "t", "fontname": Style.fontName,
                           "fontsize": "16", "pad": "0.3"]
        let times = [events.first?.time, events.last?.time, gone.first?.time, gone.last?.time].compactMap { $0 }
        guard let first = times.min(), let last = times.max() else { return view }

        // The time axis: whole months, to the data end when it falls soon after the last event.
        var through = last
        if let dataEnd = options.dataEnd, dataEnd > last, last.days(to: dataEnd) <= 92 { through = dataEnd }
        let (startYear, startMonth, _) = Timestamp.civil(fromDays: first.dayNumber)
        let (endYear, endMonth, _) = Timestamp.civil(fromDays: through.dayNumber)
        let axisStart = Timestamp(year: startYear, month: startMonth, day: 1) ?? first
        let axisEnd = Timestamp(year: endMonth == 12 ? endYear + 1 : endYear, month: endMonth % 12 + 1, day: 1) ?? through
        let days = max(1, axisStart.days(to: axisEnd))
        let width = min(max(days * Self.inchesPerDay, 8), 48)
        func x(_ time: Timestamp) -> Double { axisStart.days(to: time) / days * width }
        func pin(_ x: Double, _ y: Double) -> String { String(format: "%.3f,%.3f!", x, y) }
        func inches(_ value: Double) -> String { String(format: "%.3f", value) }

        // Lanes: the three levels of care always, state and family where used.
        let used = Set((visits + gone).compactMap(\.level))
        let lanes = Self.laneOrder.filter { [.hospital, .dps, .municipal].contains($0) || used.contains($0) }
        func lane(of level: Level?) -> Int? { level.flatMap { lanes.firstIndex(of: $0) } }

        // Texts above each lane: follow-up beside each index discharge, then each new face's name.
        var texts: [PendingText] = []
        for outcome in measures.dischargeOutcomes {
            let stay = measures.care.stays.first { !$0.isOpen && $0.end == outcome.time }
            guard let laneIndex = lane(of: stay?.level ?? .hospital) else { continue }
            let (text, color) = followupText(outcome)
            texts.append(PendingText(lane: laneIndex, x: x(outcome.time) + 0.04, text: text, color: color,
                                     tooltip: words.indexDischarge(outcome.time.description),
                                     bold: true, time: outcome.time))
        }
        let followupCount = texts.count
        var seen = Set<String>()
        for visit in visits {
            guard let actor = visit.actor, seen.insert(actor).inserted, let laneIndex = lane(of: visit.level) else { continue }
            let name = TextLayout.shortened(names[actor] ?? actor, to: 24)
            texts.append(PendingText(lane: laneIndex, x: x(visit.time) - 0.02, text: name, color: "#222222",
                                     tooltip: words.firstVisit(name, visit.time.description), time: visit.time))
        }

        // A transition's arrow crosses the text rows of the lower lane and of the lanes between:
        // texts there move right of it rather than hide it.
        var arrows = Array(repeating: [Double](), count: lanes.count)
        for transition in measures.transitions {
            guard let from = lane(of: transition.from), let to = lane(of: transition.to) else { continue }
            for crossed in (min(from, to) + 1)...max(from, to) { arrows[crossed].append(x(transition.time)) }
        }
        func clearOfArrows(_ start: Double, width: Double, lane: Int) -> Double {
            var moved = start
            for arrow in arrows[lane].sorted() where moved - 0.04 < arrow && arrow < moved + width + 0.04 {
                moved = arrow + 0.05
            }
            return moved - start <= 0.6 ? moved : start
        }

        // Pack them into rows; names that do not fit in the first rows become numbers and a key.
        var rows = Array(repeating: LabelRows(), count: lanes.count)
        var placed: [(text: PendingText, row: Int, width: Double)] = []
        var crowded: [PendingText] = []
        for (index, var pending) in texts.enumerated() {
            let width = TextLayout.width(of: pending.text, points: Self.nameFont) * (pending.bold ? 1.12 : 1) + 0.08
            pending.x = clearOfArrows(pending.x, width: width, lane: pending.lane)
            let limit = index < followupCount ? Int.max : Self.nameRows
            if let row = rows[pending.lane].place(pending.x...(pending.x + width), limit: limit) {
                placed.append((pending, row, width))
            } else {
                crowded.append(pending)
            }
        }
        crowded.sort { $0.time < $1.time }
        var key: [(number: Int, text: String, time: Timestamp)] = []
        for (index, var pending) in crowded.enumerated() {
            key.append((index + 1, pending.text, pending.time))
            pending.text = String(index + 1)
            pending.color = "#555555"
            let width = TextLayout.width(of: "00", points: Self.nameFont) + 0.06
            pending.x = clearOfArrows(pending.x, width: width, lane: pending.lane)
            if let row = rows[pending.lane].place(pending.x...(pending.x + width)) { placed.append((pending, row, width)) }
        }

        // Lane geometry, top to bottom: rows of text above a bar area.
        var baselines: [Double] = []
        var y = 0.0
        for index in lanes.indices {
            let textRows = max(1, rows[index].rows.count)
            let baseline = y - 0.3 - Double(textRows) * Self.rowHeight
            baselines.append(baseline)
            y = baseline - 0.28
        }
        let axisY = y - 0.12
        let top = 0.1

        // Month grid lines and lane names.
        var nodeCount = 0
        func nextID(_ prefix: String) -> NodeID {
            nodeCount += 1
            return NodeID("\(prefix)\(nodeCount)")
        }
        func addText(_ text: String, center: (Double, Double), width: Double, points: Double = Self.nameFont,
                     color: String = "#222222", bold: Bool = false, tooltip: String? = nil) {
            view.addNode(Node(id: nextID("__text"), attributes: [
                "shape": "box", "style": "filled", "fillcolor": "#FFFFFFE6", "color": "transparent", "penwidth": "0",
                "margin": "0.02,0.01", "label": DOTWriter.escString(plain: text), "fontname": Style.fontName,
                "fontsize": String(format: "%.1f", points), "fontcolor": color,
                "width": inches(width), "height": inches(Self.boxHeight * points / Self.nameFont),
                "pos": pin(center.0, center.1), "tooltip": DOTWriter.escString(plain: tooltip ?? text),
            ].merging(bold ? ["fontname": Style.fontName + "-Bold"] : [:]) { $1 }))
        }
        func addLine(from: (Double, Double), to: (Double, Double), attributes: [String: String]) {
            let a = nextID("__point"), b = nextID("__point")
            for (id, point) in [(a, from), (b, to)] {
                view.addNode(Node(id: id, attributes: ["shape": "point", "width": "0.01", "style": "invis", "pos": pin(point.0, point.1)]))
            }
            view.addEdge(Edge(source: a, target: b, attributes: attributes))
        }

        let months = words.months
        let monthWidth = width / days * 30.4
        let step = [1, 2, 3, 6, 12].first { Double($0) * monthWidth >= 0.9 } ?? 12
        var (year, month) = (startYear, startMonth)
        var monthIndex = 0
        while let start = Timestamp(year: year, month: month, day: 1), start < axisEnd {
            let (nextYear, nextMonth) = month == 12 ? (year + 1, 1) : (year, month + 1)
            let end = Timestamp(year: nextYear, month: nextMonth, day: 1) ?? axisEnd
            addLine(from: (x(start), axisY), to: (x(start), top),
                    attributes: ["color": "#E6E6E6", "arrowhead": "none", "penwidth": "0.6"])
            if monthIndex % step == 0 {
                let text = month == 1 || monthIndex == 0 ? "\(months[month - 1]) \(year)" : months[month - 1]
                addText(text, center: ((x(start) + x(end)) / 2, axisY - 0.16),
                        width: TextLayout.width(of: text, points: 9) + 0.08, points: 9, color: "#555555")
            }
            (year, month) = (nextYear, nextMonth)
            monthIndex += 1
        }
        addLine(from: (0, axisY), to: (width, axisY), attributes: ["color": "#888888", "arrowhead": "none", "penwidth": "0.8"])

        for (index, level) in lanes.enumerated() {
            let name = language.name(of: level)
            let textWidth = TextLayout.width(of: name, points: 10) * 1.12 + 0.1
            addText(name, center: (-0.15 - textWidth / 2, baselines[index]), width: textWidth, points: 10,
                    color: Style.colors(for: level).stroke, bold: true)
            addLine(from: (0, baselines[index]), to: (width, baselines[index]),
                    attributes: ["color": Style.colors(for: level).band, "arrowhead": "none", "penwidth": "1"])
        }

        // Transitions: arrows between lanes, drawn under everything else.
        for transition in measures.transitions {
            guard let from = lane(of: transition.from), let to = lane(of: transition.to) else { continue }
            let up = transition.isUp
            let tx = x(transition.time)
            let attributes = transition.censored
                ? ["color": Self.censoredColor, "penwidth": "1.4", "style": "dotted", "arrowsize": "0.6"]
                : transition.bridged
                    ? ["color": Self.bridgedColor, "penwidth": "1.6", "arrowsize": "0.6"]
                    : ["color": Style.alertColor, "penwidth": "2.2", "style": "dashed", "arrowsize": "0.7"]
            addLine(from: (tx, baselines[from] + (up ? 0.16 : -0.16)), to: (tx, baselines[to] + (up ? -0.16 : 0.16)),
                    attributes: attributes.merging(["tooltip": DOTWriter.escString(plain: transitionTooltip(transition))]) { $1 })
        }

        // Bars: care episodes per level (thin), stays (thick).
        func addBar(level: Level, from start: Timestamp, to end: Timestamp, height: Double, fill: String, stroke: String,
                    style: String, tooltip: String) {
            guard let index = lane(of: level) else { return }
            let left = x(start), right = max(x(end), left + 0.03)
            view.addNode(Node(id: nextID("__bar"), attributes: [
                "shape": "box", "label": "", "fixedsize": "true", "width": inches(right - left), "height": inches(height),
                "style": style, "fillcolor": fill, "color": stroke, "penwidth": "0.8",
                "pos": pin((left + right) / 2, baselines[index]), "tooltip": DOTWriter.escString(plain: tooltip),
            ]))
        }
        for level in lanes where level != .civil {
            let colors = Style.colors(for: level)
            for run in visits.filter({ $0.level == level }).map(\.time).runs(maximumGap: options.episodeGapSeconds) {
                let (start, end) = (run.range.lowerBound, run.range.upperBound)
                addBar(level: level, from: start, to: end, height: 0.07, fill: colors.fill, stroke: colors.fill, style: "filled",
                       tooltip: words.careEpisode(start.dateString, end.dateString))
            }
        }
        for stay in measures.care.stays {
            let colors = Style.colors(for: stay.level)
            let style = stay.isOpen ? "filled,dashed" : stay.opening == .unmatchedDischarge ? "filled,dotted" : "filled"
            addBar(level: stay.level, from: stay.start, to: stay.end, height: 0.26, fill: colors.fill, stroke: colors.stroke,
                   style: style, tooltip: stayTooltip(stay))
        }

        // Visits as ticks; the last visit of a broken relation ringed.
        let broken = measures.brokenRelationVisits(visits, windowDays: options.windowDays)
        var faces = Set<String>()
        for (index, visit) in visits.enumerated() {
            guard let laneIndex = lane(of: visit.level) else { continue }
            let isNew = visit.actor.map { faces.insert($0).inserted } ?? false
            let colors = Style.colors(for: visit.level)
            let who = visit.actor.map { names[$0] ?? $0 } ?? "(\(visit.service.map { names[$0] ?? $0 } ?? "?"))"
            let position = (x(visit.time), baselines[laneIndex])
            view.addNode(Node(id: nextID("__visit"), attributes: [
                "shape": "box", "label": "", "fixedsize": "true", "width": "0.018", "height": isNew ? "0.3" : "0.18",
                "style": "filled", "fillcolor": visit.actor == nil ? "#8C8C8C" : colors.stroke, "color": "transparent",
                "pos": pin(position.0, position.1), "tooltip": DOTWriter.escString(plain: "\(visit.time) \(who)"),
            ]))
            if let colour = scenario?.colours[ScenarioPathway.Visit(visit)] {
                view.addNode(Node(id: nextID("__changed"), attributes: [
                    "shape": "box", "label": "", "fixedsize": "true", "width": "0.1", "height": isNew ? "0.4" : "0.3",
                    "color": colour, "penwidth": "1.6", "pos": pin(position.0, position.1),
                    "tooltip": DOTWriter.escString(plain: "\(visit.time) \(who)"),
                ]))
            }
            if let censored = broken[index] {
                view.addNode(Node(id: nextID("__broken"), attributes: [
                    "shape": "circle", "label": "", "fixedsize": "true", "width": "0.2",
                    "color": censored ? Self.censoredColor : Style.alertColor, "penwidth": "1.6",
                    "pos": pin(position.0, position.1),
                    "tooltip": DOTWriter.escString(plain: words.brokenRelation(who)),
                ]))
            }
        }

        // Visits the scenario took away, greyed where they were.
        for visit in gone {
            guard let laneIndex = lane(of: visit.level) else { continue }
            let who = visit.actor.map { names[$0] ?? $0 } ?? "(\(visit.service.map { names[$0] ?? $0 } ?? "?"))"
            view.addNode(Node(id: nextID("__gone"), attributes: [
                "shape": "box", "label": "", "fixedsize": "true", "width": "0.06", "height": "0.22", "style": "dashed",
                "color": ScenarioView.removed, "penwidth": "1.2", "pos": pin(x(visit.time), baselines[laneIndex]),
                "tooltip": DOTWriter.escString(plain: "\(visit.time) \(who)"),
            ]))
        }

        // Information passed, above the axis, its row named like a lane.
        if events.contains(where: { $0.kind.carriesInformation }) {
            let name = words.informationRow
            let textWidth = TextLayout.width(of: name, points: 9) * 1.12 + 0.1
            addText(name, center: (-0.15 - textWidth / 2, axisY + 0.1), width: textWidth, points: 9, color: Self.informationColor)
        }
        for event in events where event.kind.carriesInformation {
            view.addNode(Node(id: nextID("__information"), attributes: [
                "shape": "diamond", "label": "", "fixedsize": "true", "width": "0.11", "height": "0.11", "style": "filled",
                "fillcolor": Self.informationColor, "color": Self.informationColor, "pos": pin(x(event.time), axisY + 0.1),
                "tooltip": DOTWriter.escString(plain: "\(event.time) \(language.name(of: EdgeKind(rawValue: event.kind.rawValue) ?? .message))"),
            ]))
        }

        // The texts.
        for (pending, row, width) in placed {
            addText(pending.text, center: (pending.x + width / 2, baselines[pending.lane] + 0.3 + (Double(row) + 0.5) * Self.rowHeight),
                    width: width, color: pending.color, bold: pending.bold, tooltip: pending.tooltip)
        }

        // Legend and key under the axis.
        let legendTop = axisY - 0.4
        let legend = legendRows(measures)
        // Symbols at 13 pt, text at 9: a row is about 0.23 inch.
        let legendWidth = (legend.map { TextLayout.width(of: $0.text, points: 9) + TextLayout.width(of: $0.symbol, points: 13) }.max() ?? 1) + 0.35
        let legendHeight = Double(legend.count + 1) * 0.23 + 0.15
        view.addNode(Node(id: nextID("__text"), attributes: [
            "shape": "box", "style": "filled", "fillcolor": "white", "color": "#BBBBBB", "margin": "0.05",
            "label": legendTable(legend), "fontname": Style.fontName, "fontsize": "9",
            "width": inches(legendWidth), "height": inches(legendHeight), "pos": pin(legendWidth / 2, legendTop - legendHeight / 2),
        ], htmlAttributes: ["label"]))
        if !key.isEmpty {
            let perColumn = max(1, Int((legendHeight - 0.3) / 0.19))
            let columns = stride(from: 0, to: key.count, by: perColumn).map { Array(key[$0..<min($0 + perColumn, key.count)]) }
            var left = legendWidth + 0.3
            let heading = words.crowdedNames
            for (index, column) in columns.enumerated() {
                let lines = column.map { "\($0.number)  \($0.text) (\($0.time.dateString))" }
                let title = index == 0 ? heading : ""
                let columnWidth = ((lines + [title]).map { TextLayout.width(of: $0, points: 9) }.max() ?? 1) + 0.25
                let height = Double(lines.count + 1) * 0.19 + 0.12
                let rows = ([title] + lines).map { #"<TR><TD ALIGN="LEFT">\#(HTML.escape($0))</TD></TR>"# }.joined()
                view.addNode(Node(id: nextID("__text"), attributes: [
                    "shape": "box", "style": "filled", "fillcolor": "white", "color": "transparent", "margin": "0.03",
                    "label": #"<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">\#(rows)</TABLE>"#,
                    "fontname": Style.fontName, "fontsize": "9", "width": inches(columnWidth), "height": inches(height),
                    "pos": pin(left + columnWidth / 2, legendTop - height / 2),
                ], htmlAttributes: ["label"]))
                left += columnWidth + 0.2
            }
        }
        return view
    }

    /// What to write beside an index discharge, and its colour.
    private func followupText(_ outcome: DischargeOutcome) -> (String, String) {
        func days(_ value: Double) -> String { value < 10 ? String(format: "%.1f", value) : String(format: "%.0f", value) }
        guard let followup = outcome.followupDays else {
            return outcome.isCensored(horizon: 7)
                ? (words.followupCensored, Self.censoredColor)
                : (words.noFollowup, Style.alertColor)
        }
        var text = words.followup(days(followup))
        if let municipal = outcome.followupMunicipalDays, municipal != followup {
            text += words.municipalFollowup(days(municipal))
        } else if outcome.followupMunicipalDays == nil {
            text += words.noMunicipalFollowup
        }
        return (text, followup <= 7 ? "#1B6E3A" : Style.alertColor)
    }

    private func transitionTooltip(_ transition: LevelTransition) -> String {
        let state = transition.censored ? words.censored : transition.bridged ? words.bridged : words.unbridged
        return "\(transition.time) \(transition.from.rawValue) → \(transition.to.rawValue): "
            + words.transitionCounts(transition.newFaces, transition.carried, transition.broken, state)
    }

    private func stayTooltip(_ stay: InpatientStay) -> String {
        let place = stay.service.map { names[$0] ?? $0 } ?? language.name(of: stay.level)
        var text = words.stay(place, stay.start.dateString, stay.end.dateString)
        if stay.isOpen { text += words.stayOpen }
        if stay.opening == .transfer { text += words.stayTransfer }
        if stay.opening == .unmatchedDischarge { text += words.stayWithoutAdmission }
        return text
    }

    private func legendRows(_ measures: PathwayMeasures) -> [(symbol: String, color: String, text: String)] {
        var rows: [(symbol: String, color: String, text: String)] = [
            ("▬▬", "#D55E00", words.legendStay),
            ("━━", "#9BCFBF", words.legendEpisode(Int(options.episodeGapDays))),
            ("│", "#333333", words.legendVisit),
            ("◯", Style.alertColor, words.legendBrokenRelation),
            ("━▸", Self.bridgedColor, words.legendBridged),
            ("┅▸", Style.alertColor, words.legendUnbridged),
            ("┈▸", Self.censoredColor, words.legendCensored(Int(options.windowDays))),
            ("◆", Self.informationColor, words.legendInformation),
            // The counts are those of the uncensored transitions, as in `metrics`.
            ("", "#333333", words.summary(measures)),
        ]
        // A scenario's colours, those that appear, before the summary.
        if let scenario {
            let drawn = Set(scenario.colours.values), scenarioWords = language.scenario
            var marks: [(symbol: String, color: String, text: String)] = [
                (ScenarioView.added, scenarioWords.added), (ScenarioView.relevelled, scenarioWords.relevelled),
                (ScenarioView.changed, scenarioWords.changed),
            ].filter { drawn.contains($0.0) }.map { ("▯", $0.0, $0.1) }
            if !scenario.gone.isEmpty { marks.append(("┆", ScenarioView.removed, scenarioWords.removed)) }
            rows.insert(contentsOf: marks, at: rows.count - 1)
        }
        return rows
    }

    private func legendTable(_ rows: [(symbol: String, color: String, text: String)]) -> String {
        var cells = [#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>\#(HTML.escape(language.legend.title))</B></TD></TR>"#]
        for row in rows {
            if row.symbol.isEmpty {
                cells.append(#"<TR><TD COLSPAN="2" ALIGN="LEFT"><I>\#(HTML.escape(row.text))</I></TD></TR>"#)
            } else {
                cells.append(#"<TR><TD><FONT COLOR="\#(row.color)" POINT-SIZE="13">\#(HTML.escape(row.symbol))</FONT></TD><TD ALIGN="LEFT">\#(HTML.escape(row.text))</TD></TR>"#)
            }
        }
        return #"<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">"# + cells.joined() + "</TABLE>"
    }
}
