import CSV
import Foundation

/// The forms an event log comes in (docs/formats.md): the tool's own CSV, an XES log (IEEE
/// 1849-2016, `.xes` or gzipped `.xes.gz`), or an OMOP CDM `visit_occurrence` table (a CSV told
/// by its header: `person_id`, `visit_concept_id` and a visit start).
public enum EventLogFormat: String, Sendable, CaseIterable {
    case csv, xes, omop

    /// The format a file's name gives: XES for `.xes` and `.xes.gz`, a CSV (the tool's own or
    /// OMOP's, told apart by the header) for `.csv`, else nil.
    public static func named(_ url: URL) -> EventLogFormat? {
        let name = url.lastPathComponent.lowercased()
        if name.hasSuffix(".xes") || name.hasSuffix(".xes.gz") { return .xes }
        if name.hasSuffix(".csv") { return .csv }
        return nil
    }
}

/// What the readers of other tools' logs need besides the file: how XES attributes become an
/// event's fields, and the level of each OMOP care site. The defaults read a log written by
/// `convert LOG.csv out.xes` (and by pm4py) as it was meant.
public struct EventLogSource: Codable, Sendable, Equatable {
    public var xes = XESMapping()
    /// OMOP `care_site_id` → level (a file of `care_site_id,level` rows).
    public var careSiteLevels: [String: Level] = [:]

    public init(xes: XESMapping = XESMapping(), careSiteLevels: [String: Level] = [:]) {
        self.xes = xes
        self.careSiteLevels = careSiteLevels
    }

    /// Words for a cache key: empty for the defaults, so that they key nothing new.
    public var key: String {
        guard self != EventLogSource() else { return "" }
        let rules = XESMapping.Field.allCases.map { "\($0.rawValue)=\(xes.rules[$0]?.attribute ?? "")/\(xes.rules[$0]?.fallback ?? "")" }
        let activities = xes.activities.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let sites = careSiteLevels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }
        return (rules + activities + sites).joined(separator: "|")
    }

    /// Reads a care-site file: a header `care_site_id,level`, then one site a row. A level that
    /// is not one of the tool's is the error, with its line.
    public static func careSiteLevels(text: String, file: String) throws(Diagnostic) -> [String: Level] {
        let rows = try MappingRows(text: text, file: file, columns: ["care_site_id", "level"])
        var levels: [String: Level] = [:]
        for row in rows.rows {
            guard let site = row.fields[0], let name = row.fields[1] else {
                throw Diagnostic(file: file, line: row.line, message: "a row needs a care_site_id and a level")
            }
            guard let level = Level(name: name) else {
                throw Diagnostic(file: file, line: row.line,
                                 message: "unknown level '\(name)' (civil, municipal, state, dps or hospital)")
            }
            levels[site] = level
        }
        return levels
    }
}

/// Which XES attributes give an event's fields (docs/formats.md, "XES"). A mapping file is a CSV
/// with the header `field,attribute,default`: a row per field to change (`user` from the trace,
/// `time`, `kind`, `actor`, `service`, `level`, `target` from the event), the attribute it is
/// read from (empty: none) and the value taken when the attribute is missing (for `kind`, also
/// when its value names no event kind). `activity` rows name an activity (`concept:name`) in the
/// attribute column and its kind in the default column.
public struct XESMapping: Codable, Sendable, Equatable {
    public enum Field: String, CaseIterable, Codable, Sendable {
        case user, time, kind, actor, service, level, target
    }

    public struct Rule: Codable, Sendable, Equatable {
        /// The attribute the field is read from; nil for none (the fallback alone).
        public var attribute: String?
        /// The value when the attribute is missing.
        public var fallback: String?

        public init(attribute: String?, fallback: String? = nil) {
            self.attribute = attribute
            self.fallback = fallback
        }
    }

    public var rules: [Field: Rule]
    /// Activity name → event kind (its raw name).
    public var activities: [String: String] = [:]

    /// The default: the trace's `concept:name` is the user; the event's `time:timestamp` the
    /// time, `concept:name` the kind (an activity that names no kind is a contact), `org:resource`
    /// the actor, `org:group` the service, `level` and `target` themselves.
    public static let defaultRules: [Field: Rule] = [
        .user: Rule(attribute: "concept:name"), .time: Rule(attribute: "time:timestamp"),
        .kind: Rule(attribute: "concept:name", fallback: "contact"), .actor: Rule(attribute: "org:resource"),
        .service: Rule(attribute: "org:group"), .level: Rule(attribute: "level"), .target: Rule(attribute: "target"),
    ]

    public init() { rules = Self.defaultRules }

    public subscript(field: Field) -> Rule { rules[field] ?? Rule(attribute: nil) }

    /// Reads a mapping file; rows not given keep their defaults.
    public static func read(text: String, file: String) throws(Diagnostic) -> XESMapping {
        let rows = try MappingRows(text: text, file: file, columns: ["field", "attribute", "default"], required: 2)
        var mapping = XESMapping()
        for row in rows.rows {
            let name = row.fields[0] ?? ""
            if name.lowercased() == "activity" {
                guard let activity = row.fields[1], let kindName = row.fields[2],
                      let kind = EdgeKind(name: kindName).flatMap({ PathwayEvent.Kind(rawValue: $0.rawValue) }) else {
                    throw Diagnostic(file: file, line: row.line,
                                     message: "an activity row names the activity and its kind (contact, referral, admission, discharge, message, epicrisis, meeting)")
                }
                mapping.activities[activity] = kind.rawValue
                continue
            }
            guard let field = Field(rawValue: name.lowercased()) else {
                throw Diagnostic(file: file, line: row.line,
                                 message: "unknown field '\(name)' (user, time, kind, actor, service, level, target or activity)")
            }
            let fallback = row.fields.count > 2 ? row.fields[2] : nil
            if field == .kind, let fallback, EdgeKind(name: fallback).flatMap({ PathwayEvent.Kind(rawValue: $0.rawValue) }) == nil {
                throw Diagnostic(file: file, line: row.line, message: "the default kind '\(fallback)' is not an event kind")
            }
            if field == .level, let fallback, Level(name: fallback) == nil {
                throw Diagnostic(file: file, line: row.line, message: "the default level '\(fallback)' is not a level")
            }
            mapping.rules[field] = Rule(attribute: row.fields[1], fallback: fallback)
        }
        return mapping
    }
}

/// The rows of a small settings CSV (a mapping file) under a header that must name `columns`
/// in order (the first `required` of them at least): each row's fields trimmed, empty as nil,
/// with its line.
struct MappingRows {
    var rows: [(line: Int, fields: [String?])] = []

    init(text: String, file: String, columns: [String], required: Int? = nil) throws(Diagnostic) {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r" }
        let separator = EventLogReader.delimiter(of: String(firstLine))
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: true, delimiter: separator)
        } catch {
            throw Diagnostic(file: file, line: 1, message: "cannot read the header row")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let needed = required ?? columns.count
        guard header.count >= needed, Array(header.prefix(needed)) == Array(columns.prefix(needed)) else {
            throw Diagnostic(file: file, line: 1, message: "the header must be \(columns.joined(separator: ","))")
        }
        var line = 1
        while let row = reader.next() {
            line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let fields = (0..<columns.count).map { index -> String? in
                guard index < row.count else { return nil }
                let value = row[index].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            rows.append((line, fields))
        }
        if let error = reader.error {
            throw Diagnostic(file: file, line: line + 1, message: "cannot read: \(error)")
        }
    }
}
