import Foundation

/// The language of legends and headings: English or Norwegian bokmål. Its texts are in one
/// table per language (`Words`).
public enum Language: String, CaseIterable, Codable, Sendable {
    case en, nb

    /// This language's table of texts.
    public var words: Words {
        switch self {
        case .en: .en
        case .nb: .nb
        }
    }

    public var terms: TermWords { words.terms }
    public var legend: LegendWords { words.legend }
    public var network: NetworkWords { words.network }
    public var map: MapWords { words.map }
    public var pathway: PathwayWords { words.pathway }
    public var handovers: HandoverWords { words.handovers }
    public var cohort: CohortWords { words.cohort }
    public var structure: StructureWords { words.structure }
    public var placement: PlacementWords { words.placement }
    public var reorganisation: ReorganisationWords { words.reorganisation }
    public var comparison: ComparisonWords { words.comparison }
    public var report: ReportWords { words.report }
    public var measures: MeasureWords { words.measures }
    public var scenario: ScenarioWords { words.scenario }
    public var requirements: RequirementWords { words.requirements }

    /// "yes" or "no".
    public func yesNo(_ flag: Bool) -> String { flag ? words.yes : words.no }

    public func name(of level: Level?) -> String { terms.level(level) }
    public func name(of kind: NodeKind) -> String { terms.nodeKind(kind) }
    public func name(of kind: EdgeKind) -> String { terms.edgeKind(kind) }
}
