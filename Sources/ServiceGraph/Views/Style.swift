import Foundation

/// How node kinds, levels and edge kinds look in every view: one place, so that a legend
/// always matches what is drawn.
///
/// Level colours are the Okabe–Ito palette, chosen to stay distinct under the common forms
/// of colour blindness; each has a strong tone (outline, text) and a light fill.
public enum Style {
    public struct LevelColors: Sendable {
        public let stroke: String
        public let fill: String
        public let band: String
    }

    public static func colors(for level: Level?) -> LevelColors {
        switch level {
        case .hospital: LevelColors(stroke: "#D55E00", fill: "#F6D3BD", band: "#FDF1EA")
        case .dps: LevelColors(stroke: "#E69F00", fill: "#FBE5B6", band: "#FEF7E8")
        case .municipal: LevelColors(stroke: "#009E73", fill: "#BFE7DC", band: "#EBF7F3")
        case .state: LevelColors(stroke: "#0072B2", fill: "#CFE6F5", band: "#EEF6FC")
        case .civil: LevelColors(stroke: "#CC79A7", fill: "#F2DDE9", band: "#FBF2F7")
        case nil: LevelColors(stroke: "#6E6E6E", fill: "#E8E8E8", band: "#F7F7F7")
        }
    }

    /// The Graphviz shape of a node kind, and the glyph that stands for it in the legend.
    public static func shape(for kind: NodeKind) -> (shape: String, style: String, glyph: String) {
        switch kind {
        case .user: ("doublecircle", "filled,bold", "●")
        case .professional: ("ellipse", "filled", "○")
        case .service: ("box", "filled,rounded", "▢")
        case .unit: ("box", "filled", "□")
        case .forum: ("hexagon", "filled", "⬡")
        case .relative: ("house", "filled", "⌂")
        }
    }

    /// Graphviz edge attributes of an edge kind, and how the legend draws the line.
    ///
    /// No two kinds look alike: each differs from every other in colour, dash pattern or
    /// arrowhead (a test holds the table to that), and the legend's sample shows the same
    /// pattern and head.
    public static func edgeAttributes(for kind: EdgeKind?) -> (attributes: [String: String], sample: String) {
        switch kind {
        case .contact: (["color": "#4D4D4D", "penwidth": "1.2", "arrowhead": "none"], "────")
        case .collaboration: (["color": "#0072B2", "penwidth": "1.8", "dir": "none"], "━━━━")
        case .member: (["color": "#8C8C8C", "style": "dotted", "arrowhead": "none"], "┈┈┈┈")
        case .referral: (["color": "#000000", "style": "dashed", "arrowhead": "vee"], "╌╌╌➤")
        case .admission: (["color": "#D55E00", "penwidth": "2", "arrowhead": "normal"], "━━━▶")
        case .discharge: (["color": "#D55E00", "penwidth": "2", "style": "dashed", "arrowhead": "onormal"], "╍╍╍▷")
        case .message: (["color": "#56B4E9", "style": "dashed", "penwidth": "1.4", "arrowhead": "odot"], "╌╌╌○")
        case .epicrisis: (["color": "#56B4E9", "penwidth": "1.4", "arrowhead": "box"], "───■")
        case .meeting: (["color": "#56B4E9", "style": "dotted", "penwidth": "2", "dir": "both",
                         "arrowhead": "dot", "arrowtail": "dot"], "●┈┈●")
        case .reportsTo: (["color": "#000000", "arrowhead": "normal"], "───▶")
        case .order: (["color": "#E69F00", "style": "dashed,bold", "arrowhead": "vee"], "╍╍╍➤")
        case .agreement: (["color": "#000000:invis:#000000", "dir": "none"], "════")
        case .informal: (["color": "#CC79A7", "style": "dashed", "dir": "none"], "╌╌╌╌")
        case nil: (["color": "#BBBBBB"], "────")
        }
    }

    /// The fill of a care state in the cohort view: the level's strong tone, an outpatient
    /// state (`--states inpatient`) a lighter one of the same hue, and none a light grey.
    public static func color(for state: CareState, states: CareStates) -> String {
        switch state {
        case .none: "#DDDDDD"
        case .municipal: colors(for: .municipal).stroke
        case .dpsInpatient: colors(for: .dps).stroke
        case .hospitalInpatient: colors(for: .hospital).stroke
        case .dpsOutpatient: states == .levels ? colors(for: .dps).stroke : "#F5CF7A"
        case .hospitalOutpatient: states == .levels ? colors(for: .hospital).stroke : "#EBA57A"
        }
    }

    public static let fontName = "Helvetica"
    /// Emphasis for brokers and single points of failure.
    public static let alertColor = "#C00000"
    /// Outline of nodes doing mental-health work (`mh=true` or `mh_fte` > 0).
    public static let mentalHealthColor = "#6A3D9A"
}
