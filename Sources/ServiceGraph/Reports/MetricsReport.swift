import Foundation

/// Everything `samhandling metrics` reports for one input (README, "Using it"; the pathway keys in
/// docs/pathways.md).
public struct MetricsReport: Sendable {
    public struct Meta: Sendable {
        public var input: String
        public var sha256: String
        public var toolVersion: String
        public var period: (from: String?, to: String?)
        public var granularity: Granularity
        public var windowDays: Double
        public var episodeGapDays: Double
        /// The language of the texts a reader reads: the table, and the placement model's reason.
        public var language: Language

        public init(input: String, sha256: String, toolVersion: String, from: String? = nil, to: String? = nil,
                    granularity: Granularity = .professional, windowDays: Double = 30, episodeGapDays: Double = 60,
                    language: Language = .en) {
            self.language = language
            self.input = input
            self.sha256 = sha256
            self.toolVersion = toolVersion
            self.period = (from, to)
            self.granularity = granularity
            self.windowDays = windowDays
            self.episodeGapDays = episodeGapDays
        }

        /// The pathway parameters these options stand for, with the data end for censoring.
        func pathwayOptions(period: Period, dataEnd: Timestamp?) -> PathwayOptions {
            // `--to` is where the data ends when given: its last second (a date alone covers the day).
            PathwayOptions(granularity: granularity, windowDays: windowDays, episodeGapDays: episodeGapDays,
                           period: period,
                           dataEnd: period.end.map { Timestamp(secondsSinceEpoch: $0.secondsSinceEpoch - 1) } ?? dataEnd)
        }
    }

    public var meta: Meta
    /// Whole-graph and helper-network measures: nil for an event log, which has no graph.
    public var whole: WholeGraphMeasures?
    /// The org chart's measures, when the graph has a `reports_to` edge.
    public var structure: StructureMeasures?
    public var users: [HelperNetworkMeasures]?
    public var pathways: [PathwayMeasures]
    public var quality: DataQuality
    /// What reading and checking the input found, each with its file and line: an event log's
    /// rows that could not be used, a graph's vocabulary errors and warnings.
    public var problems: [Diagnostic] = []

    /// What to measure in a graph.
    public enum Scope: String, CaseIterable, Sendable {
        /// The whole graph, each user's helper network and each user's pathway.
        case all
        /// The whole graph only: betweenness, articulation points, both fragmentations and the
        /// rest of §5.2, for a municipality's collaboration graph where no one user is the point.
        case whole
    }

    /// Computes the measures of `graph`: the whole graph and, for `.all`, each user's helper
    /// network and pathway.
    public init(graph: CollaborationGraph, meta: Meta, period: Period = Period(), fcdWeights: LevelPairWeights? = nil,
                problems: [Diagnostic] = [], scope: Scope = .all) throws(MeasureError) {
        self.meta = meta
        self.problems = problems
        whole = graph.wholeGraphMeasures()
        if graph.edges.contains(where: { $0.declaredKind == .reportsTo }) {
            do {
                structure = try graph.structureMeasures()
            } catch {
                self.problems.append(Diagnostic(file: meta.input, line: nil, message: error.description))
            }
        }
        guard scope == .all else {
            users = nil
            pathways = []
            quality = DataQuality(graph: graph, problems: self.problems)
            quality.addStructure(structure)
            return
        }
        users = try graph.helperNetworkMeasures(period: period, fcdWeights: fcdWeights)
        let extracted = graph.pathways()
        let options = meta.pathwayOptions(period: period, dataEnd: extracted.dataEnd)
        pathways = extracted.pathways.map { $0.measures(options) }
        quality = DataQuality(graph: graph, problems: self.problems)
        quality.addStructure(structure)
        quality.visitsOfUnknownLevel = extracted.visitsOfUnknownLevel
        quality.eventsWithoutUser = extracted.eventsWithoutUser
        quality.note("visits_of_unknown_level", extracted.nodesOfUnknownLevelVisits)
        quality.note("events_without_user", extracted.edgesWithoutUser)
        quality.addStays(of: pathways)
    }

    /// Computes the pathway measures of an event log, reading it as a stream (the measures are
    /// held; for a large log, `streamPathways` hands them on instead).
    public init(eventLog: EventLogReader, meta: Meta, period: Period = Period()) throws(Diagnostic) {
        self.meta = meta
        var measured: [PathwayMeasures] = []
        let summary = try Self.streamPathways(eventLog: eventLog, meta: meta, period: period,
                                              onRestart: { measured.removeAll() }) { measured.append($0) }
        pathways = measured
        quality = DataQuality(eventLog: summary)
        quality.addStays(of: measured)
        problems = summary.skipped
    }

    /// Measures an event log one user at a time, handing each user's measures to `emit` as soon
    /// as they are computed, so that memory does not grow with the number of users. When the log
    /// turns out not to be sorted by user, `onRestart` is called: drop what was emitted, it comes
    /// again (see `EventLogReader.forEachPathway`).
    public static func streamPathways(eventLog: EventLogReader, meta: Meta, period: Period = Period(),
                                      onRestart: () -> Void, emit: (PathwayMeasures) -> Void)
        throws(Diagnostic) -> EventLogReader.Summary
    {
        // Censoring needs where the data ends before the first user is measured: `--to`, or a
        // first pass for the latest time.
        let options = meta.pathwayOptions(period: period, dataEnd: period.end == nil ? try eventLog.latestTime() : nil)
        return try eventLog.forEachPathway(onRestart: onRestart) { emit($0.measures(options)) }
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "meta": .object([
                "input": .string(meta.input), "sha256": .string(meta.sha256), "tool_version": .string(meta.toolVersion),
                "from": .optional(meta.period.from), "to": .optional(meta.period.to),
                "granularity": .string(meta.granularity.rawValue), "window_days": .number(meta.windowDays),
                "episode_gap_days": .number(meta.episodeGapDays),
            ]),
            "pathways": .array(pathways.map(\.json)),
            "quality": quality.json,
        ]
        guard let whole else { return .object(object) }
        object.merge(wholeGraphJSON(whole)) { $1 }
        if let users { object["users"] = .array(users.map(\.json)) }
        if let structure { object["structure"] = structure.json(language: meta.language) }
        return .object(object)
    }

    private func wholeGraphJSON(_ whole: WholeGraphMeasures) -> [String: JSONValue] {
        [
            "nodes": .int(whole.nodes), "edges": .int(whole.edges), "density": .measure(whole.density),
            "components": .int(whole.components),
            "fragmentation": .measure(whole.fragmentation), "distance_fragmentation": .measure(whole.distanceFragmentation),
            "articulation_points": .array(whole.articulationPoints.map { .string($0.rawValue) }),
            "bridges": .array(whole.bridges.map { .array([.string($0.first.rawValue), .string($0.second.rawValue)]) }),
            "level_mixing": .measure(whole.levelMixing), "ei_index": .measure(whole.eiIndex),
            "centrality": .array(whole.centrality.map {
                .object(["node": .string($0.node.rawValue), "degree": .int($0.degree), "betweenness": .measure($0.betweenness)])
            }),
        ]
    }

    /// The §5.1 keys in the order a reader expects them, for the CSV header and the table.
    public static let userColumns = [
        "helpers", "relatives", "services", "levels", "helper_ties", "helper_density", "helper_groups", "fragmentation",
        "fragmentation_without_relatives", "distance_fragmentation", "key_helper", "key_helper_fragmentation", "coordinator_reach", "effective_size",
        "efficiency", "constraint", "care_density", "fragmented_care_density",
    ]

    /// The pathway keys for the CSV and the table (the list of transitions is in the JSON).
    public static let pathwayColumns = [
        "contacts", "providers", "upc", "coc", "secon", "mmci", "hhi", "handovers", "level_switches",
        "level_transitions", "up_transitions", "down_transitions", "censored_transitions", "new_faces",
        "broken_relations", "unbridged_transitions", "discontinuity_index", "discharges", "transfers",
        "censored_discharges", "followup_days", "followup_7d", "followup_30d", "followup_municipal_days",
        "followup_municipal_7d", "readmissions_30d", "readmission_rate_30d", "referral_wait_days",
        "concurrency_mean", "concurrency_max",
    ]
}

extension PathwayMeasures {
    var values: [String: JSONValue] {
        let c = continuity
        func count(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
        return [
            "contacts": .int(c.contacts), "providers": count(c.providers), "upc": .measure(c.upc), "coc": .measure(c.coc),
            "secon": .measure(c.secon), "mmci": .measure(c.mmci), "hhi": .measure(c.hhi), "handovers": count(c.handovers),
            "level_switches": count(levelSwitches), "level_transitions": count(levelTransitions),
            "up_transitions": count(upTransitions), "down_transitions": count(downTransitions),
            "censored_transitions": count(censoredTransitions), "new_faces": count(newFaces),
            "broken_relations": count(brokenRelations), "unbridged_transitions": count(unbridgedTransitions),
            "discontinuity_index": .measure(discontinuityIndex), "discharges": .int(discharges),
            "transfers": .int(transfers), "censored_discharges": .int(censoredDischarges),
            "followup_days": .array(followupDays.map(JSONValue.measure)), "followup_7d": .measure(followup7d),
            "followup_30d": .measure(followup30d),
            "followup_municipal_days": .array(followupMunicipalDays.map(JSONValue.measure)),
            "followup_municipal_7d": .measure(followupMunicipal7d), "readmissions_30d": .int(readmissions30d),
            "readmission_rate_30d": .measure(readmissionRate30d),
            "referral_wait_days": .array(referralWaitDays.map(JSONValue.measure)),
            "concurrency_mean": .measure(concurrencyMean), "concurrency_max": count(concurrencyMax),
        ]
    }

    var json: JSONValue {
        var object = values
        object["user"] = .string(user.rawValue)
        object["granularity"] = .string(granularity.rawValue)
        object["transitions"] = .array(transitions.map { transition in
            .object([
                "time": .string(transition.time.description), "from": .string(transition.from.rawValue),
                "to": .string(transition.to.rawValue), "new_faces": .int(transition.newFaces),
                "carried": .int(transition.carried), "broken": .int(transition.broken), "bridged": .bool(transition.bridged),
                "censored": .bool(transition.censored),
            ])
        })
        return .object(object)
    }
}

extension HelperNetworkMeasures {
    var values: [String: JSONValue] {
        [
            "helpers": .int(helpers), "relatives": .int(relatives), "services": .int(services), "levels": .int(levels), "helper_ties": .int(helperTies),
            "helper_density": .measure(helperDensity), "helper_groups": .int(helperGroups),
            "fragmentation": .measure(fragmentation),
            "fragmentation_without_relatives": .measure(fragmentationWithoutRelatives),
            "distance_fragmentation": .measure(distanceFragmentation), "key_helper": .optional(keyHelper?.rawValue), "key_helper_fragmentation": .measure(keyHelperFragmentation),
            "coordinator_reach": .measure(coordinatorReach), "effective_size": .measure(effectiveSize),
            "efficiency": .measure(efficiency), "constraint": .measure(constraint), "care_density": .measure(careDensity),
            "fragmented_care_density": .measure(fragmentedCareDensity),
        ]
    }

    var json: JSONValue {
        var object = values
        object["user"] = .string(user.rawValue)
        object["isolated_helpers"] = .array(isolatedHelpers.map { .string($0.rawValue) })
        object["relative_ids"] = .array(relativeIDs.map { .string($0.rawValue) })
        object["care_density_by_level_pair"] = careDensityByLevelPair.map { sums in
            .object(Dictionary(uniqueKeysWithValues: sums.map { ($0.key.description, .int($0.value)) }))
        } ?? .null
        return .object(object)
    }
}

/// How much of the data the figures rest on.
public struct DataQuality: Sendable, Equatable {
    /// Contact edges with no date at all.
    public var undatedContacts: Int
    /// Visits (contact dates) to a service rather than a named professional.
    public var visitsWithoutNamedProfessional: Int
    /// Rows or records the reader could not use (CSV inputs; 0 for DOT).
    public var skippedRows: Int
    /// Non-user nodes whose level cannot be found.
    public var unknownLevels: Int
    public var validationErrors: Int
    public var validationWarnings: Int
    /// Dated visits whose level cannot be found: on no pathway.
    public var visitsOfUnknownLevel = 0
    /// Events between helpers in a multi-user graph with no `user=`.
    public var eventsWithoutUser = 0
    /// For an event log: whether it was sorted by user (streamed) or had to be grouped.
    public var sortedByUser: Bool?
    /// Discharges that closed no open stay (each taken as a stay from the user's first event).
    public var unmatchedDischarges = 0
    /// Inpatient stays still open at the data end.
    public var openStays = 0
    /// Org-chart units that are not roots and state no `tier`.
    public var unitsWithoutTier = 0
    /// Units with no line up (a chart should have one).
    public var roots = 0
    /// Admissions to a service where a stay was already open (ignored).
    public var repeatedAdmissions = 0
    /// Admissions and discharges whose level cannot be found: they open and close no stay.
    public var stayEventsOfUnknownLevel = 0
    /// For each count above that is not zero, what it counts — nodes, edges (`a–b`), rows or
    /// users — the first `exampleLimit`, under the count's JSON key.
    public var examples: [String: [String]] = [:]

    /// How many examples of a count are kept: reports name the first few, then "and N more".
    public static let exampleLimit = 5

    mutating func note(_ key: String, _ names: [String]) {
        let kept = Array(names.prefix(Self.exampleLimit))
        if !kept.isEmpty { examples[key] = kept }
    }

    /// Adds what the org chart found.
    public mutating func addStructure(_ structure: StructureMeasures?) {
        guard let structure else { return }
        unitsWithoutTier = structure.unitsWithoutTier.count
        roots = structure.roots.count
        note("units_without_tier", structure.unitsWithoutTier.map(\.rawValue))
        note("roots", structure.roots.map(\.rawValue))
    }

    /// Adds what the pathways' stays found.
    public mutating func addStays(of pathways: [PathwayMeasures]) {
        var users: [String: [String]] = [:]
        for pathway in pathways {
            let care = pathway.care
            unmatchedDischarges += care.unmatchedDischarges
            openStays += care.openStays
            repeatedAdmissions += care.repeatedAdmissions
            stayEventsOfUnknownLevel += care.stayEventsOfUnknownLevel
            for (key, count) in [("unmatched_discharges", care.unmatchedDischarges), ("open_stays", care.openStays),
                                 ("repeated_admissions", care.repeatedAdmissions),
                                 ("stay_events_of_unknown_level", care.stayEventsOfUnknownLevel)] where count > 0 {
                users[key, default: []].append(count > 1 ? "\(pathway.user) (\(count))" : pathway.user.rawValue)
            }
        }
        for (key, names) in users { note(key, names) }
    }

    public init(eventLog summary: EventLogReader.Summary) {
        undatedContacts = 0
        visitsWithoutNamedProfessional = summary.visitsWithoutNamedProfessional
        skippedRows = summary.skipped.count
        unknownLevels = 0
        validationErrors = summary.skipped.count
        validationWarnings = 0
        visitsOfUnknownLevel = summary.visitsOfUnknownLevel
        sortedByUser = summary.sortedByUser
        note("skipped_rows", summary.skipped.map { $0.line.map { "row \($0)" } ?? $0.message })
        note("visits_of_unknown_level", summary.unknownLevelRows)
        note("visits_without_named_professional", summary.unnamedRows)
    }

    public init(graph: CollaborationGraph, problems: [Diagnostic] = [], skippedRows: Int = 0) {
        let levels = graph.resolveLevels()
        let userIDs = Set(graph.users.map(\.id))
        var undated = 0, unnamed = 0
        var undatedEdges: [String] = [], unnamedServices = OrderedNames()
        for edge in graph.edges where edge.declaredKind == .contact {
            if edge.dateStrings.isEmpty {
                undated += 1
                if undatedEdges.count < Self.exampleLimit { undatedEdges.append("\(edge.source)–\(edge.target)") }
            }
            let other = userIDs.contains(edge.source) ? edge.target : edge.source
            if graph[other]?.kind == .service {
                unnamed += max(edge.dateStrings.count, 1)
                unnamedServices.insert(other.rawValue)
            }
        }
        undatedContacts = undated
        visitsWithoutNamedProfessional = unnamed
        self.skippedRows = skippedRows
        let unknown = graph.nodes.filter { $0.kind != .user && levels[$0.id] == nil }.map(\.id.rawValue)
        unknownLevels = unknown.count
        validationErrors = problems.filter { $0.severity == .error }.count
        validationWarnings = problems.filter { $0.severity == .warning }.count
        note("undated_contacts", undatedEdges)
        note("visits_without_named_professional", unnamedServices.names)
        note("unknown_levels", unknown)
    }

    var json: JSONValue {
        .object([
            "undated_contacts": .int(undatedContacts), "visits_without_named_professional": .int(visitsWithoutNamedProfessional),
            "skipped_rows": .int(skippedRows), "unknown_levels": .int(unknownLevels),
            "validation_errors": .int(validationErrors), "validation_warnings": .int(validationWarnings),
            "visits_of_unknown_level": .int(visitsOfUnknownLevel), "events_without_user": .int(eventsWithoutUser),
            "sorted_by_user": sortedByUser.map(JSONValue.bool) ?? .null,
            "unmatched_discharges": .int(unmatchedDischarges), "open_stays": .int(openStays),
            "repeated_admissions": .int(repeatedAdmissions), "stay_events_of_unknown_level": .int(stayEventsOfUnknownLevel),
            "units_without_tier": .int(unitsWithoutTier), "roots": .int(roots),
            "examples": .object(examples.mapValues { .array($0.map(JSONValue.string)) }),
        ])
    }
}

/// The three forms `metrics` writes.
public enum MetricsFormat: String, CaseIterable, Sendable {
    case table, json, csv

    public func render(_ reports: [MetricsReport]) -> String {
        switch self {
        case .json: JSONValue.array(reports.map(\.json)).serialized()
        case .csv: Self.csv(reports)
        case .table: reports.map(Self.table).joined(separator: "\n")
        }
    }

    /// One row per user, RFC 4180 (CRLF line ends, quoted where needed), plain numbers with
    /// a decimal point, empty fields where a measure is undefined.
    static func csv(_ reports: [MetricsReport]) -> String {
        CSVText.write([csvHeader] + reports.flatMap(csvRows))
    }

    public static let csvHeader = ["input", "user"] + MetricsReport.userColumns + MetricsReport.pathwayColumns
        + StructureMeasures.csvColumns

    /// A report's rows under `csvHeader`: one per user, helper network and pathway side by side,
    /// each with the org chart's figures; an org chart without users is one row with no user.
    public static func csvRows(_ report: MetricsReport) -> [[String]] {
        let helperValues = Dictionary((report.users ?? []).map { ($0.user.rawValue, $0.values) }) { first, _ in first }
        let pathwayValues = Dictionary(report.pathways.map { ($0.user.rawValue, $0.values) }) { first, _ in first }
        let chart = report.structure?.csvValues(language: report.meta.language) ?? [:]
        let userIDs = (report.users ?? []).map(\.user.rawValue) + report.pathways.map(\.user.rawValue)
        var seen = Set<String>()
        var rows: [[String]] = []
        for user in userIDs where seen.insert(user).inserted {
            rows.append(csvRow(input: report.meta.input, user: user, helper: helperValues[user] ?? [:],
                               pathway: pathwayValues[user] ?? [:], chart: chart))
        }
        if rows.isEmpty && report.structure != nil {
            rows.append(csvRow(input: report.meta.input, user: "", helper: [:], pathway: [:], chart: chart))
        }
        return rows
    }

    /// The row of one user of an event log (no helper network), for output as it is measured.
    public static func csvRow(input: String, pathway: PathwayMeasures) -> [String] {
        csvRow(input: input, user: pathway.user.rawValue, helper: [:], pathway: pathway.values, chart: [:])
    }

    private static func csvRow(input: String, user: String, helper: [String: JSONValue],
                               pathway: [String: JSONValue], chart: [String: JSONValue]) -> [String] {
        [input, user] + MetricsReport.userColumns.map { plain(helper[$0]) } + MetricsReport.pathwayColumns.map { plain(pathway[$0]) }
            + StructureMeasures.csvColumns.map { plain(chart[$0]) }
    }

    /// RFC 4180 text of `rows` (CRLF after each), for output written piece by piece.
    public static func csvText(_ rows: [[String]]) -> String { CSVText.write(rows) }

    /// `%.6f` without trailing zeros (nor a trailing point: 0.9999999 is "1", not "1."). Through
    /// vsnprintf directly, not `String(format:)` and a regular expression: a million users' rows
    /// spent minutes here.
    static func sixDecimals(_ number: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 352)  // %.6f of the largest double fits
        let count = withVaList([number]) { vsnprintf(&buffer, buffer.count, "%.6f", $0) }
        guard count > 0 else { return String(number) }
        var bytes = buffer.prefix(min(Int(count), buffer.count - 1)).map { UInt8(bitPattern: $0) }
        if bytes.contains(0x2E) {  // a point: drop the zeros after it, then the point if bare
            while bytes.last == 0x30 { bytes.removeLast() }
            if bytes.last == 0x2E { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A measure for people and spreadsheets: integers as such, others to 6 decimals, no
    /// exponent, no thousands separator; empty when undefined.
    static func plain(_ value: JSONValue?) -> String {
        switch value {
        case .int(let number): String(number)
        case .number(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : sixDecimals(number)
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .array(let items): items.map { plain($0) }.joined(separator: " ")
        default: ""
        }
    }

    static func table(_ report: MetricsReport) -> String {
        var lines = [report.meta.input]
        if let whole = report.whole {
            lines += wholeGraphTable(whole, users: report.users ?? [])
        }
        if let structure = report.structure {
            lines.append("")
            lines += structure.tableLines(language: report.meta.language).map { "  " + $0 }
        }
        if !report.pathways.isEmpty {
            lines.append("")
            let header = ["pathway (by \(report.meta.granularity.rawValue), W = \(plain(.number(report.meta.windowDays))) days, "
                          + "G = \(plain(.number(report.meta.episodeGapDays))) days)"]
                + report.pathways.prefix(12).map(\.user.rawValue)
            let body = MetricsReport.pathwayColumns.map { column in
                [column.replacingOccurrences(of: "_", with: " ")] + report.pathways.prefix(12).map { dash(plain($0.values[column])) }
            }
            lines += aligned([header] + body).map { "  " + $0 }
            if report.pathways.count > 12 {
                lines.append("  … and \(report.pathways.count - 12) more users (use --format csv or json for all)")
            }
            for pathway in report.pathways.prefix(12) where !pathway.transitions.isEmpty {
                lines.append("")
                lines.append("  level transitions of \(pathway.user)")
                for transition in pathway.transitions {
                    lines.append("    \(transition.time)  \(transition.from.rawValue) → \(transition.to.rawValue)"
                                 + "  new faces \(transition.newFaces), carried \(transition.carried), broken \(transition.broken)"
                                 + (transition.censored ? "  censored (the data end within the window)"
                                    : transition.bridged ? "" : "  UNBRIDGED"))
                }
            }
        }
        let q = report.quality
        lines.append("")
        lines.append("  data quality: \(q.undatedContacts) undated contacts · \(q.visitsWithoutNamedProfessional) visits "
                     + "without a named professional · \(q.visitsOfUnknownLevel) visits of unknown level · "
                     + "\(q.skippedRows) skipped rows · \(q.unknownLevels) nodes of unknown level · "
                     + "\(q.unmatchedDischarges) unmatched discharges · \(q.openStays) stays open at the data end · "
                     + "\(q.repeatedAdmissions) repeated admissions · \(q.stayEventsOfUnknownLevel) admissions or "
                     + "discharges of unknown level · \(q.unitsWithoutTier) units without a tier · "
                     + "\(q.validationErrors) validation errors, \(q.validationWarnings) warnings")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func wholeGraphTable(_ whole: WholeGraphMeasures, users: [HelperNetworkMeasures]) -> [String] {
        var lines: [String] = []
        lines.append("  nodes \(whole.nodes) · edge records \(whole.edges) · density \(dash(plain(.measure(whole.density))))"
                     + " · components \(whole.components)")
        lines.append("  fragmentation \(dash(plain(.measure(whole.fragmentation))))"
                     + " · distance fragmentation \(dash(plain(.measure(whole.distanceFragmentation))))")
        lines.append("  level mixing \(dash(plain(.measure(whole.levelMixing))))"
                     + " · E–I index \(dash(plain(.measure(whole.eiIndex))))")
        lines.append("  single points of failure: " + (whole.articulationPoints.isEmpty ? "none"
                     : whole.articulationPoints.map(\.rawValue).joined(separator: ", ")))
        let brokers = whole.centrality.filter { $0.betweenness > 0 }.sorted {
            $0.betweenness != $1.betweenness ? $0.betweenness > $1.betweenness : $0.node < $1.node
        }.prefix(5)
        lines.append("  top brokers (betweenness): " + (brokers.isEmpty ? "none"
                     : brokers.map { "\($0.node) \(plain(.measure($0.betweenness)))" }.joined(separator: ", ")))
        if !users.isEmpty {
            lines.append("")
            let header = ["helper network"] + users.map(\.user.rawValue)
            let body = MetricsReport.userColumns.map { column in
                [column.replacingOccurrences(of: "_", with: " ")] + users.map { dash(plain($0.values[column])) }
            }
            lines += aligned([header] + body).map { "  " + $0 }
        }
        return lines
    }

    private static func dash(_ text: String) -> String { text.isEmpty ? "–" : text }

    /// Left-aligned first column, right-aligned values.
    private static func aligned(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
