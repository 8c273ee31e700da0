import Foundation

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
        // An event log may have named the rows already (an OMOP stay at an unmapped care site):
        // rows say more than users.
        for (key, names) in users where examples[key] == nil { note(key, names) }
        if stayEventsOfUnknownLevel == 0 { examples["stay_events_of_unknown_level"] = nil }
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
        note("stay_events_of_unknown_level", summary.unknownLevelStayRows)
    }

    public init(graph: CollaborationGraph, problems: [Diagnostic] = [], skippedRows: Int = 0) {
        let levels = graph.resolveLevels()
        let userIDs = Set(graph.users.map(\.id))
        var undated = 0, unnamed = 0
        var undatedEdges: [String] = [], unnamedServices = OrderedNames()
        for edge in graph.edges where edge.declaredKind == .contact {
            if edge.dateCount == 0 {
                undated += 1
                if undatedEdges.count < Self.exampleLimit { undatedEdges.append("\(edge.source)–\(edge.target)") }
            }
            let other = userIDs.contains(edge.source) ? edge.target : edge.source
            if graph[other]?.kind == .service {
                unnamed += max(edge.dateCount, 1)
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
