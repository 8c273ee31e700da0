import Foundation

/// Every text a reader reads, in one language: `Words.en` (Words+en.swift) and `Words.nb`
/// (Words+nb.swift) each fill the whole table in one place, so a translator sees all of one
/// language's strings together. A text with figures in it is a function of them.
///
/// What the code chooses (which row a legend has, which figures a line shows) stays with the
/// code; the table only says it. Ids, JSON and CSV keys are never translated.
public struct Words: Sendable {
    public let yes: String
    public let no: String
    public let terms: TermWords
    public let legend: LegendWords
    public let network: NetworkWords
    public let map: MapWords
    public let pathway: PathwayWords
    public let handovers: HandoverWords
    public let cohort: CohortWords
    public let structure: StructureWords
    public let placement: PlacementWords
    public let reorganisation: ReorganisationWords
    public let comparison: ComparisonWords
    public let report: ReportWords
    public let measures: MeasureWords
    public let scenario: ScenarioWords
    public let requirements: RequirementWords
}

/// The seven requirements' scorecard (`samhandling requirements`, the report's section).
public struct RequirementWords: Sendable {
    public let title: String
    /// A requirement's heading, in the guidance's own wording (bokmål) or a faithful translation.
    public let heading: @Sendable (Requirement) -> String
    /// Its short name, for a row of the table.
    public let short: @Sendable (Requirement) -> String
    /// An indicator's name, for a row of the table.
    public let indicator: @Sendable (IndicatorKey) -> String
    public let serviceKind: @Sendable (ServiceKind) -> String
    /// A time outside office hours, for the reading.
    public let time: @Sendable (OutOfHours) -> String
    /// The same, short, for a cell of the table.
    public let timeShort: @Sendable (OutOfHours) -> String
    /// What an indicator with a value says, as part of the reading (names arrive as labels).
    public let phrase: @Sendable (Indicator) -> String
    /// What the reading says of an indicator the data do not hold.
    public let missing: @Sendable (Indicator) -> String
    /// What the data cannot tell about a requirement.
    public let cannotTell: @Sendable (Requirement) -> String
    /// Why a requirement cannot be assessed from a graph.
    public let need: @Sendable (RequirementNeed) -> String
    public let notStructural: String
    /// A graph with neither users nor reporting lines: the numbers of the requirements it cannot show.
    public let neither: @Sendable (String, [Int]) -> String
    /// The key under the table: what "–" and "n/a" mean.
    public let key: String
    /// A cell of a requirement the graph cannot show.
    public let notApplicable: String
    public let readings: String
    public let cannotTellHeading: String
    /// The report's and the HTML table's columns: requirement, indicators, reading, what the data cannot tell.
    public let columns: [String]
    public let before: String
    public let after: String
    /// A scenario's section heading.
    public let scenario: String
    /// After the first few names: how many more.
    public let andMore: @Sendable (Int) -> String
}

/// A what-if scenario's table of changes and its drawing's legend.
public struct ScenarioWords: Sendable {
    /// A scope's heading in the table of changes.
    public let scope: @Sendable (ScenarioChange.Scope) -> String
    /// The first line: the input and the edit file.
    public let heading: @Sendable (String, String) -> String
    public let noChanges: String
    /// The heading over the largest moves in betweenness: how many are shown, of how many nodes.
    public let brokers: @Sendable (Int, Int) -> String
    /// The drawing's title, from the graph's.
    public let title: @Sendable (String) -> String
    public let added: String
    public let removed: String
    public let moved: String
    public let relevelled: String
    public let changed: String
}

/// The names of the model's terms.
public struct TermWords: Sendable {
    /// A level's name, as a lane, band or sector is labelled; nil: the level is unknown.
    public let level: @Sendable (Level?) -> String
    public let nodeKind: @Sendable (NodeKind) -> String
    public let edgeKind: @Sendable (EdgeKind) -> String
    /// An org chart's tier.
    public let tier: @Sendable (Tier) -> String
    /// A placement model of mental-health work.
    public let model: @Sendable (MentalHealthModel) -> String
}

/// What the legends of every view share.
public struct LegendWords: Sendable {
    public let title: String
    public let levels: String
    public let nodes: String
    public let ties: String
    public let coordinator: String
}

/// The network view's legend notes.
public struct NetworkWords: Sendable {
    public let singlePointOfFailure: String
    public let mentalHealthWork: String
    public let bridge: String
}

/// The helper-network map.
public struct MapWords: Sendable {
    /// The map's title, from the user's name (also the report's heading over it).
    public let title: @Sendable (String) -> String
    /// A member's tooltip line: how often the user met them.
    public let met: @Sendable (Int) -> String
    public let sectors: String
    public let rings: String
    /// Under the rings' heading on a map of one period: they are laid out by the contacts over
    /// the whole span (`2024Q1–2024Q4`), so that everyone stands where they stand in every period.
    public let ringsOver: @Sendable (String) -> String
    /// One per ring of `HelperMapView.ringMinimums`, innermost first.
    public let ringNames: [String]
    public let userAndHelper: String
    public let userAndFamily: String
    public let betweenHelpers: String
    public let familyAndHelper: String
    public let isolated: String
}

/// The pathway view.
public struct PathwayWords: Sendable {
    /// The timeline's title, from the user's name.
    public let title: @Sendable (String) -> String
    /// The month names on the axis, January first.
    public let months: [String]
    /// An index discharge's tooltip, from its time.
    public let indexDischarge: @Sendable (String) -> String
    /// A name's tooltip: the name and the time of the first visit.
    public let firstVisit: @Sendable (String, String) -> String
    /// A care episode's tooltip, from its first and last dates.
    public let careEpisode: @Sendable (String, String) -> String
    /// A broken relation's ring's tooltip, from the professional's name.
    public let brokenRelation: @Sendable (String) -> String
    /// The name of the row where information passed is marked.
    public let informationRow: String
    /// The heading of the key of names that stand as numbers.
    public let crowdedNames: String
    public let followupCensored: String
    public let noFollowup: String
    /// Days to follow-up, already formatted.
    public let followup: @Sendable (String) -> String
    /// Added to `followup`: days to municipal follow-up, already formatted.
    public let municipalFollowup: @Sendable (String) -> String
    public let noMunicipalFollowup: String
    public let censored: String
    public let bridged: String
    public let unbridged: String
    /// A transition's tooltip after its levels: new faces, carried, broken, and its state.
    public let transitionCounts: @Sendable (Int, Int, Int, String) -> String
    /// A stay's tooltip: the place, its first and last dates.
    public let stay: @Sendable (String, String, String) -> String
    public let stayOpen: String
    public let stayTransfer: String
    public let stayWithoutAdmission: String
    public let legendStay: String
    /// From the episode gap in days.
    public let legendEpisode: @Sendable (Int) -> String
    public let legendVisit: String
    public let legendBrokenRelation: String
    public let legendBridged: String
    public let legendUnbridged: String
    /// From the window in days.
    public let legendCensored: @Sendable (Int) -> String
    public let legendInformation: String
    /// The legend's last line: the pathway's counts.
    public let summary: @Sendable (PathwayMeasures) -> String
}

/// The handover view.
/// The cohort view: the share of users at each care level, step by step.
public struct CohortWords: Sendable {
    /// The title, from the input's name, the number of users and the step.
    public let title: @Sendable (String, Int, SequenceStep) -> String
    /// A state's name in the legend, from its name in the alphabet (`dps_inpatient`).
    public let state: @Sendable (String) -> String
    /// Under the time axis: what the steps count from.
    public let axis: @Sendable (SequenceStep, SequenceAlignment) -> String
    /// The name of the row of users at risk (observed in the step).
    public let atRisk: String
    /// Beside the vertical axis.
    public let share: String
    /// A bar's tooltip: the step, the state, the share in percent, its users and those at risk.
    public let tooltip: @Sendable (String, String, String, Int, Int) -> String
    /// Instead of the chart, when no user has a step.
    public let noUsers: String
}

public struct HandoverWords: Sendable {
    /// From the granularity's name.
    public let title: @Sendable (String) -> String
}

/// The structure view's legend, and the org chart's section of `metrics`.
public struct StructureWords: Sendable {
    public let lineOfReport: String
    public let partialAuthority: String
    public let professionalAuthority: String
    public let mentalHealthWork: String
    public let staffFunction: String
    public let interMunicipal: String
    /// A unit's mental-health FTE, already formatted.
    public let fte: @Sendable (String) -> String
    public let organisation: String
    /// Units and depth (formatted), followed by the span.
    public let chartFigures: @Sendable (Int, String) -> String
    /// Mental-health units, FTE and HHI (formatted), followed by yes or no.
    public let mentalHealthFigures: @Sendable (Int, String, String) -> String
    public let model: String
    public let purchaser: String
    /// From the number of roots.
    public let roots: @Sendable (Int) -> String
    /// The unit table's header.
    public let unitColumns: [String]
}

/// Why the placement model is what it is (`PlacementReason.sentence(_:)`); names arrive quoted,
/// figures formatted.
public struct PlacementWords: Sendable {
    public let noFTE: String
    /// FTE held and its share in per cent.
    public let figures: @Sendable (String, Int) -> String
    /// The superior's tier.
    public let tier: @Sendable (String) -> String
    public let rootTakenAsExecutive: String
    public let tierTakenAsUnit: String
    /// Main node, figures, model.
    public let staff: @Sendable (String, String, String) -> String
    /// Model.
    public let noMentalHealthNode: @Sendable (String) -> String
    /// Main node, figures, model.
    public let spread: @Sendable (String, String, String) -> String
    /// Main node, figures, model.
    public let root: @Sendable (String, String, String) -> String
    /// Main node, figures, superior, model.
    public let under: @Sendable (String, String, String, String) -> String
    /// Main node, figures, model.
    public let noLine: @Sendable (String, String, String) -> String
}

/// What a reorganisation changed (`compare --before --after`), and its drawing's legend.
public struct ReorganisationWords: Sendable {
    public let none: String
    /// A formal level, after the main mental-health node's name.
    public let formalLevel: @Sendable (String) -> String
    /// Model, main node, FTE (formatted), mental-health units, depth.
    public let placement: @Sendable (String, String, String, Int, String) -> String
    public let unitsAdded: String
    public let unitsRemoved: String
    public let unitsMoved: String
    public let tiesAdded: String
    public let tiesRemoved: String
    public let forumsLost: String
    public let forumsAdded: String
    public let placementBefore: String
    public let placementAfter: String
    /// The drawing's title, from the chart's.
    public let changes: @Sendable (String) -> String
    public let added: String
    public let moved: String
    public let removed: String
}

/// The side-by-side comparison of municipalities.
public struct ComparisonWords: Sendable {
    /// Column headings by column key.
    public let headings: [String: String]
    public let whyEachModel: String
}

/// The HTML report (`samhandling report`).
public struct ReportWords: Sendable {
    /// The figures' headings: the org chart, the network, a user's pathway (from the name).
    public let organisationChart: String
    public let network: String
    public let pathway: @Sendable (String) -> String
    /// A print window: part, parts, row, column.
    public let part: @Sendable (Int, Int, Int, Int) -> String
    /// After the first few examples: how many more.
    public let andMore: @Sendable (Int) -> String
    /// From the suppression limit.
    public let suppressed: @Sendable (Int) -> String
    public let wholeGraph: String
    public let measure: String
    public let value: String
    public let nodes: String
    public let edgeRecords: String
    public let density: String
    public let components: String
    public let levelMixing: String
    public let eiIndex: String
    public let singlePointsOfFailure: String
    public let brokers: String
    public let node: String
    public let degree: String
    public let helperNetworks: String
    public let pathways: String
    /// From the number of users.
    public let firstUsers: @Sendable (Int) -> String
    /// Before a user's name.
    public let levelTransitionsOf: String
    public let transitionColumns: [String]
    /// From the window in days, formatted.
    public let transitionNote: @Sendable (String) -> String
    /// Before a user's name.
    public let followupOf: String
    public let followupColumns: [String]
    public let organisation: String
    public let figure: String
    public let depth: String
    public let span: String
    public let mentalHealthUnits: String
    public let mentalHealthFTE: String
    public let placementModel: String
    public let why: String
    public let visible: String
    public let unitColumns: [String]
    public let dataQuality: String
    public let qualityColumns: [String]
    /// A data-quality count's name, by its key.
    public let quality: [String: String]
    public let validation: String
    public let reports: String
    public let indexColumns: [String]
    public let madeBy: String
}

/// What the report calls each measure and how it explains an index (MeasureNames).
public struct MeasureWords: Sendable {
    /// By measure key.
    public let names: [String: String]
    /// By measure key; the term explained is `MeasureNames.terms`'.
    public let explanations: [String: String]
}
