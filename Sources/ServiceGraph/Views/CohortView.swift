import Foundation

/// The `cohort` view: the state distribution of every user's care level step by step, as
/// TraMineR's `seqdplot` draws it — one stacked bar per step, the share of the users observed in
/// that step at each level (hospital at the bottom, not in care on top), bars side by side — and
/// under the axis the number of users at risk, those observed in the step (missing steps, before
/// a user's first on a calendar axis or after the data end, leave the user out of that step).
///
/// Positions are computed here and pinned for neato, in inches: the chart is 3 inches high and
/// 6 to 16 wide.
public struct CohortView: Sendable {
    public var language: Language
    /// What the chart is of: the input's name.
    public var name: String

    public init(language: Language = .en, name: String) {
        self.language = language
        self.name = name
    }

    static let chartHeight = 3.0
    static let axisFont = 8.0

    private var words: CohortWords { language.cohort }

    public func styled(_ sequences: CareSequences) -> CollaborationGraph {
        let distribution = sequences.distribution()
        let settings = sequences.settings
        var view = CollaborationGraph(name: "cohort", isDirected: false)
        let title = words.title(name, sequences.sequences.count, settings.step)
        view.attributes = ["layout": "neato", "splines": "line", "overlap": "true", "outputorder": "edgesfirst",
                           "label": DOTWriter.escString(plain: title), "labelloc": "t", "fontname": Style.fontName,
                           "fontsize": "16", "pad": "0.3"]
        var count = 0
        func nextID(_ prefix: String) -> NodeID {
            count += 1
            return NodeID("\(prefix)\(count)")
        }
        func pin(_ x: Double, _ y: Double) -> String { String(format: "%.4f,%.4f!", x, y) }
        func inches(_ value: Double) -> String { String(format: "%.4f", value) }
        func addText(_ text: String, center: (Double, Double), points: Double = Self.axisFont, color: String = "#333333",
                     bold: Bool = false) {
            let width = TextLayout.width(of: text, points: points) * (bold ? 1.12 : 1) + 0.06
            view.addNode(Node(id: nextID("__text"), attributes: [
                "shape": "box", "style": "filled", "fillcolor": "white", "color": "transparent", "penwidth": "0",
                "margin": "0.01,0.01", "label": DOTWriter.escString(plain: text),
                "fontname": Style.fontName + (bold ? "-Bold" : ""), "fontsize": String(format: "%.1f", points),
                "fontcolor": color, "width": inches(width), "height": inches(0.17 * points / Self.axisFont),
                "pos": pin(center.0, center.1), "tooltip": DOTWriter.escString(plain: text),
            ]))
        }
        func addLine(from: (Double, Double), to: (Double, Double), color: String, width: String = "0.6") {
            let a = nextID("__point"), b = nextID("__point")
            for (id, point) in [(a, from), (b, to)] {
                view.addNode(Node(id: id, attributes: ["shape": "point", "width": "0.01", "style": "invis", "pos": pin(point.0, point.1)]))
            }
            view.addEdge(Edge(source: a, target: b, attributes: ["color": color, "penwidth": width]))
        }

        let steps = distribution.labels.count
        guard steps > 0 else {
            addText(words.noUsers, center: (0, 0), points: 11, color: "#555555")
            return view
        }
        let height = Self.chartHeight
        let width = min(max(Double(steps) * 0.2, 6), 16)
        let barWidth = width / Double(steps)

        // Grid and the vertical axis: 0, 25, 50, 75 and 100 %.
        for quarter in 0...4 {
            let y = height * Double(quarter) / 4
            addLine(from: (0, y), to: (width, y), color: quarter == 0 ? "#888888" : "#E6E6E6", width: quarter == 0 ? "0.8" : "0.6")
            addLine(from: (-0.06, y), to: (0, y), color: "#888888")
            addText("\(quarter * 25) %", center: (-0.25, y))
        }
        addText(words.share, center: (-0.25, height + 0.22), color: "#555555")

        // The bars: from the bottom, the highest state first.
        let representatives: [CareState] = sequences.states == .levels
            ? [.none, .municipal, .dpsInpatient, .hospitalInpatient] : CareState.allCases
        let alphabet = sequences.states.alphabet
        let atRisk = distribution.atRisk
        for step in 0..<steps where atRisk[step] > 0 {
            var bottom = 0.0
            for code in alphabet.indices.reversed() {
                let users = distribution.counts[step][code]
                guard users > 0, let share = distribution.share(step: step, code: code) else { continue }
                let barHeight = share * height
                let fill = Style.color(for: representatives[code], states: sequences.states)
                let percent = String(format: "%.0f", share * 100)
                view.addNode(Node(id: NodeID("__bar\(step)_\(alphabet[code])"), attributes: [
                    "shape": "box", "label": "", "fixedsize": "true", "width": inches(barWidth), "height": inches(barHeight),
                    "style": "filled", "fillcolor": fill, "color": fill, "penwidth": "0.2",
                    "pos": pin((Double(step) + 0.5) * barWidth, bottom + barHeight / 2),
                    "tooltip": DOTWriter.escString(plain: words.tooltip(distribution.labels[step], words.state(alphabet[code]), percent,
                                                                        users, atRisk[step])),
                ]))
                bottom += barHeight
            }
        }

        // Step names and users at risk under the axis, as often as the names fit.
        let widest = distribution.labels.map { TextLayout.width(of: $0, points: Self.axisFont) }.max() ?? 0.3
        let every = max(1, Int(((widest + 0.12) / barWidth).rounded(.up)))
        let atRiskY = -0.45
        for step in stride(from: 0, to: steps, by: every) {
            let x = (Double(step) + 0.5) * barWidth
            addLine(from: (x, 0), to: (x, -0.05), color: "#888888")
            addText(distribution.labels[step], center: (x, -0.18))
            addText(String(atRisk[step]), center: (x, atRiskY), color: "#555555")
        }
        let riskWidth = TextLayout.width(of: words.atRisk, points: Self.axisFont) + 0.06
        addText(words.atRisk, center: (-0.12 - riskWidth / 2, atRiskY), color: "#555555", bold: true)
        addText(words.axis(settings.step, settings.alignment), center: (width / 2, -0.75), points: 9, color: "#555555")

        // The legend, right of the chart, in the order the bars stack (top first).
        let rows = alphabet.indices.map { code in
            #"<TR><TD><FONT COLOR="\#(Style.color(for: representatives[code], states: sequences.states))" POINT-SIZE="13">■</FONT></TD>"#
                + #"<TD ALIGN="LEFT">\#(HTML.escape(words.state(alphabet[code])))</TD></TR>"#
        }
        let legendWidth = (alphabet.map { TextLayout.width(of: words.state($0), points: 9) }.max() ?? 1) + 0.45
        let legendHeight = Double(alphabet.count + 1) * 0.23 + 0.1
        let heading = #"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>\#(HTML.escape(language.legend.title))</B></TD></TR>"#
        view.addNode(Node(id: nextID("__legend"), attributes: [
            "shape": "box", "style": "filled", "fillcolor": "white", "color": "#BBBBBB", "margin": "0.05",
            "label": #"<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">"# + heading + rows.joined() + "</TABLE>",
            "fontname": Style.fontName, "fontsize": "9", "width": inches(legendWidth), "height": inches(legendHeight),
            "pos": pin(width + 0.3 + legendWidth / 2, height - legendHeight / 2),
        ], htmlAttributes: ["label"]))
        return view
    }
}
