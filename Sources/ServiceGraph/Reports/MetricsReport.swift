import CSV
import Foundation

/// Everything `samhandling metrics` reports for one input (DESIGN §7).
public struct MetricsReport: Sendable {
    public struct Meta: Sendable {
        public var input: String
        public var sha256: String
        public var toolVersion: String
        public var period: (from: String?, to: String?)

        public init(input: String, sha256: String, toolVersion: String, from: String? = nil, to: String? = nil) {
            self.input = input
            self.sha256 = sha256
            self.toolVersion = toolVersion
            self.period = (from, to)
        }
    }

    public var meta: Meta
    public var whole: WholeGraphMeasures
    public var users: [HelperNetworkMeasures]
    public var quality: DataQuality

    /// Computes every measure of `graph`.
    public init(graph: CollaborationGraph, meta: Meta, period: Period = Period(), fcdWeights: LevelPairWeights? = nil,
                problems: [Diagnostic] = []) throws(MeasureError) {
        self.meta = meta
        whole = graph.wholeGraphMeasures()
        users = try graph.helperNetworkMeasures(period: period, fcdWeights: fcdWeights)
        quality = DataQuality(graph: graph, problems: problems)
    }

    public var json: JSONValue {
        .object([
            "meta": .object([
                "input": .string(meta.input), "sha256": .string(meta.sha256), "tool_version": .string(meta.toolVersion),
                "from": .optional(meta.period.from), "to": .optional(meta.period.to),
            ]),
            "nodes": .int(whole.nodes), "edges": .int(whole.edges), "density": .measure(whole.density),
            "components": .int(whole.components),
            "articulation_points": .array(whole.articulationPoints.map { .string($0.rawValue) }),
            "bridges": .array(whole.bridges.map { .array([.string($0.first.rawValue), .string($0.second.rawValue)]) }),
            "level_mixing": .measure(whole.levelMixing), "ei_index": .measure(whole.eiIndex),
            "centrality": .array(whole.centrality.map {
                .object(["node": .string($0.node.rawValue), "degree": .int($0.degree), "betweenness": .measure($0.betweenness)])
            }),
            "users": .array(users.map(\.json)),
            "quality": quality.json,
        ])
    }

    /// The §5.1 keys in the order a reader expects them, for the CSV header and the table.
    public static let userColumns = [
        "helpers", "services", "levels", "helper_ties", "helper_density", "helper_groups", "fragmentation",
        "distance_fragmentation", "key_helper", "key_helper_fragmentation", "coordinator_reach", "effective_size",
        "efficiency", "constraint", "care_density", "fragmented_care_density",
    ]
}

extension HelperNetworkMeasures {
    var values: [String: JSONValue] {
        [
            "helpers": .int(helpers), "services": .int(services), "levels": .int(levels), "helper_ties": .int(helperTies),
            "helper_density": .measure(helperDensity), "helper_groups": .int(helperGroups),
            "fragmentation": .measure(fragmentation), "distance_fragmentation": .measure(distanceFragmentation),
            "key_helper": .optional(keyHelper?.rawValue), "key_helper_fragmentation": .measure(keyHelperFragmentation),
            "coordinator_reach": .measure(coordinatorReach), "effective_size": .measure(effectiveSize),
            "efficiency": .measure(efficiency), "constraint": .measure(constraint), "care_density": .measure(careDensity),
            "fragmented_care_density": .measure(fragmentedCareDensity),
        ]
    }

    var json: JSONValue {
        var object = values
        object["user"] = .string(user.rawValue)
        object["isolated_helpers"] = .array(isolatedHelpers.map { .string($0.rawValue) })
        object["care_density_by_level_pair"] = careDensityByLevelPair.map { sums in
            .object(sums.mapValues { .int($0) })
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
    /// Non-user nodes whose level cannot be found (DESIGN §3).
    public var unknownLevels: Int
    public var validationErrors: Int
    public var validationWarnings: Int

    public init(graph: CollaborationGraph, problems: [Diagnostic] = [], skippedRows: Int = 0) {
        let levels = graph.resolveLevels()
        let userIDs = Set(graph.users.map(\.id))
        var undated = 0, unnamed = 0
        for edge in graph.edges where edge.declaredKind == .contact {
            if edge.dateStrings.isEmpty { undated += 1 }
            let other = userIDs.contains(edge.source) ? edge.target : edge.source
            if graph[other]?.kind == .service { unnamed += max(edge.dateStrings.count, 1) }
        }
        undatedContacts = undated
        visitsWithoutNamedProfessional = unnamed
        self.skippedRows = skippedRows
        unknownLevels = graph.nodes.filter { $0.kind != .user && levels[$0.id] == nil }.count
        validationErrors = problems.filter { $0.severity == .error }.count
        validationWarnings = problems.filter { $0.severity == .warning }.count
    }

    var json: JSONValue {
        .object([
            "undated_contacts": .int(undatedContacts), "visits_without_named_professional": .int(visitsWithoutNamedProfessional),
            "skipped_rows": .int(skippedRows), "unknown_levels": .int(unknownLevels),
            "validation_errors": .int(validationErrors), "validation_warnings": .int(validationWarnings),
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
        let stream = OutputStream.toMemory()
        guard let writer = try? CSVWriter(stream: stream, delimiter: ",", newline: .crlf) else { return "" }
        var rows = [["input", "user"] + MetricsReport.userColumns]
        for report in reports {
            for user in report.users {
                let values = user.values
                rows.append([report.meta.input, user.user.rawValue] + MetricsReport.userColumns.map { plain(values[$0]) })
            }
        }
        for row in rows { try? writer.write(row: row) }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }

    /// A measure for people and spreadsheets: integers as such, others to 6 decimals, no
    /// exponent, no thousands separator; empty when undefined.
    static func plain(_ value: JSONValue?) -> String {
        switch value {
        case .int(let number): String(number)
        case .number(let number):
            number == number.rounded() && abs(number) < 1e15
                ? String(Int(number))
                : String(format: "%.6f", number).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: ""
        }
    }

    static func table(_ report: MetricsReport) -> String {
        let whole = report.whole
        var lines = [report.meta.input]
        lines.append("  nodes \(whole.nodes) · edge records \(whole.edges) · density \(dash(plain(.measure(whole.density))))"
                     + " · components \(whole.components)")
        lines.append("  level mixing \(dash(plain(.measure(whole.levelMixing))))"
                     + " · E–I index \(dash(plain(.measure(whole.eiIndex))))")
        lines.append("  single points of failure: " + (whole.articulationPoints.isEmpty ? "none"
                     : whole.articulationPoints.map(\.rawValue).joined(separator: ", ")))
        let brokers = whole.centrality.filter { $0.betweenness > 0 }.sorted {
            $0.betweenness != $1.betweenness ? $0.betweenness > $1.betweenness : $0.node < $1.node
        }.prefix(5)
        lines.append("  top brokers (betweenness): " + (brokers.isEmpty ? "none"
                     : brokers.map { "\($0.node) \(plain(.measure($0.betweenness)))" }.joined(separator: ", ")))
        if !report.users.isEmpty {
            lines.append("")
            let header = ["helper network"] + report.users.map(\.user.rawValue)
            let body = MetricsReport.userColumns.map { column in
                [column.replacingOccurrences(of: "_", with: " ")] + report.users.map { dash(plain($0.values[column])) }
            }
            lines += aligned([header] + body).map { "  " + $0 }
        }
        let q = report.quality
        lines.append("")
        lines.append("  data quality: \(q.undatedContacts) undated contacts · \(q.visitsWithoutNamedProfessional) visits "
                     + "without a named professional · \(q.unknownLevels) nodes of unknown level · "
                     + "\(q.validationErrors) validation errors, \(q.validationWarnings) warnings")
        return lines.joined(separator: "\n") + "\n"
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
