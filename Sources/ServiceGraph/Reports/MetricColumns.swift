import Foundation

/// One measure as every format writes it: its key (the JSON key, the CSV column, the table's
/// row, the report's row) and its value for a subject. Each list of columns below is the one
/// place a measure is added to `metrics`; JSON, CSV, the table and the HTML report are all
/// produced from it, so no format can miss one.
public struct MetricColumn<Subject>: Sendable {
    public let name: String
    public let value: @Sendable (Subject) -> JSONValue

    init(_ name: String, _ value: @escaping @Sendable (Subject) -> JSONValue) {
        self.name = name
        self.value = value
    }
}

extension Array {
    /// Each column's value for `subject`, by name.
    func values<Subject>(of subject: Subject) -> [String: JSONValue] where Element == MetricColumn<Subject> {
        Dictionary(uniqueKeysWithValues: map { ($0.name, $0.value(subject)) })
    }
}

private func count(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }

extension HelperNetworkMeasures {
    /// The helper-network measures (docs/measures.md), in the order a reader expects them.
    public static let columns: [MetricColumn<HelperNetworkMeasures>] = [
        .init("helpers") { .int($0.helpers) },
        .init("relatives") { .int($0.relatives) },
        .init("services") { .int($0.services) },
        .init("levels") { .int($0.levels) },
        .init("helper_ties") { .int($0.helperTies) },
        .init("helper_density") { .measure($0.helperDensity) },
        .init("helper_groups") { .int($0.helperGroups) },
        .init("fragmentation") { .measure($0.fragmentation) },
        .init("fragmentation_without_relatives") { .measure($0.fragmentationWithoutRelatives) },
        .init("distance_fragmentation") { .measure($0.distanceFragmentation) },
        .init("key_helper") { .optional($0.keyHelper?.rawValue) },
        .init("key_helper_fragmentation") { .measure($0.keyHelperFragmentation) },
        .init("coordinator_reach") { .measure($0.coordinatorReach) },
        .init("effective_size") { .measure($0.effectiveSize) },
        .init("efficiency") { .measure($0.efficiency) },
        .init("constraint") { .measure($0.constraint) },
        .init("care_density") { .measure($0.careDensity) },
        .init("fragmented_care_density") { .measure($0.fragmentedCareDensity) },
    ]

    var values: [String: JSONValue] { Self.columns.values(of: self) }
}

extension PathwayMeasures {
    /// The pathway measures (docs/pathways.md); the list of transitions is in the JSON only.
    public static let columns: [MetricColumn<PathwayMeasures>] = [
        .init("contacts") { .int($0.continuity.contacts) },
        .init("providers") { count($0.continuity.providers) },
        .init("upc") { .measure($0.continuity.upc) },
        .init("coc") { .measure($0.continuity.coc) },
        .init("secon") { .measure($0.continuity.secon) },
        .init("mmci") { .measure($0.continuity.mmci) },
        .init("hhi") { .measure($0.continuity.hhi) },
        .init("handovers") { count($0.continuity.handovers) },
        .init("level_switches") { count($0.levelSwitches) },
        .init("level_transitions") { count($0.levelTransitions) },
        .init("up_transitions") { count($0.upTransitions) },
        .init("down_transitions") { count($0.downTransitions) },
        .init("censored_transitions") { count($0.censoredTransitions) },
        .init("new_faces") { count($0.newFaces) },
        .init("broken_relations") { count($0.brokenRelations) },
        .init("unbridged_transitions") { count($0.unbridgedTransitions) },
        .init("discontinuity_index") { .measure($0.discontinuityIndex) },
        .init("discharges") { .int($0.discharges) },
        .init("transfers") { .int($0.transfers) },
        .init("censored_discharges") { .int($0.censoredDischarges) },
        .init("followup_days") { .array($0.followupDays.map(JSONValue.measure)) },
        .init("followup_7d") { .measure($0.followup7d) },
        .init("followup_30d") { .measure($0.followup30d) },
        .init("followup_municipal_days") { .array($0.followupMunicipalDays.map(JSONValue.measure)) },
        .init("followup_municipal_7d") { .measure($0.followupMunicipal7d) },
        .init("readmissions_30d") { .int($0.readmissions30d) },
        .init("readmission_rate_30d") { .measure($0.readmissionRate30d) },
        .init("referral_wait_days") { .array($0.referralWaitDays.map(JSONValue.measure)) },
        .init("concurrency_mean") { .measure($0.concurrencyMean) },
        .init("concurrency_max") { count($0.concurrencyMax) },
    ]

    var values: [String: JSONValue] { Self.columns.values(of: self) }
}

extension StructureMeasures {
    /// An org chart and the language its placement reason is written in.
    public typealias Described = (measures: StructureMeasures, language: Language)

    /// The per-chart figures in the CSV: `mh_units` and `purchasers` as counts (the JSON's
    /// `structure` object lists them).
    public static let csvColumns: [MetricColumn<Described>] = [
        .init("units") { .int($0.measures.units.count) },
        .init("max_depth") { count($0.measures.maxDepth) },
        .init("mh_units") { .int($0.measures.mhUnits.count) },
        .init("mh_fte") { .measure($0.measures.mhFTE) },
        .init("mh_hhi") { .measure($0.measures.mhHHI) },
        .init("mh_visible") { .bool($0.measures.visible) },
        .init("main_mh_node") { .optional($0.measures.mainMentalHealthNode?.rawValue) },
        .init("model") { .string($0.measures.model.rawValue) },
        .init("model_reason") { .string($0.measures.reason.sentence($0.language)) },
        .init("purchasers") { .int($0.measures.purchasers.count) },
    ]

    func csvValues(language: Language) -> [String: JSONValue] { Self.csvColumns.values(of: (self, language)) }
}

extension MetricsReport {
    /// The helper-network keys, for the CSV header, the table and the report.
    public static var userColumns: [String] { HelperNetworkMeasures.columns.map(\.name) }
    /// The pathway keys, for the CSV header, the table and the report.
    public static var pathwayColumns: [String] { PathwayMeasures.columns.map(\.name) }
}
