import CSV
import Foundation

/// Reads an OMOP CDM (v5.4) `visit_occurrence` table as events (docs/formats.md, "OMOP"): a
/// CSV (`,`, `;` or tab) whose header names `person_id`, `visit_concept_id` and a visit start
/// (`visit_start_datetime` or `visit_start_date`). Each person is a user. An inpatient visit
/// (`visit_concept_id` 9201, Inpatient Visit, or 262, Emergency Room and Inpatient Visit) is an
/// admission at its start and a discharge at its end; any other visit is a contact at its start.
/// The actor is `provider:<provider_id>`, the service `care_site:<care_site_id>`, its level from
/// the care-site file; a visit whose site is not in it has no level, and is counted in the
/// quality section. A visit that ends before it starts is a diagnostic with its line, and the
/// rest is read. `preceding_visit_occurrence_id` is read past on purpose (docs/formats.md): the
/// visits are ordered by their times, and checking it would hold every visit of the table.
struct OMOPVisitReader {
    let url: URL
    let displayName: String
    let careSiteLevels: [String: Level]

    /// Visit concepts read as a stay: Inpatient Visit, Emergency Room and Inpatient Visit.
    static let inpatientConcepts: Set<String> = ["9201", "262"]

    /// Whether a header's columns (lower-cased) are those of a visit_occurrence table.
    static func isVisitTable(_ columns: Set<String>) -> Bool {
        columns.contains("person_id") && columns.contains("visit_concept_id")
            && (columns.contains("visit_start_datetime") || columns.contains("visit_start_date"))
    }

    /// Whether `url` is a CSV whose header is a visit_occurrence table's.
    static func isVisitTable(_ url: URL) -> Bool {
        guard let header = try? EventLogReader.headerLine(of: url) else { return false }
        return isVisitTable(Set(columns(of: header, separator: delimiter(of: header))))
    }

    /// A tab when the header has tabs and no comma or semicolon (OMOP's exports are often
    /// tab-separated), else as the tool's own logs.
    static func delimiter(of header: String) -> UnicodeScalar {
        if header.contains("\t") && !header.contains(",") && !header.contains(";") { return "\t" }
        return EventLogReader.delimiter(of: header)
    }

    static func columns(of header: String, separator: UnicodeScalar) -> [String] {
        EventLogReader.split(header, separator: separator).map { $0.lowercased() }
    }

    func readRows(into summary: inout EventLogReader.Summary, _ accept: (PathwayEvent) -> Bool) throws(Diagnostic) {
        let header = try EventLogReader.headerLine(of: url, displayName: displayName)
        let separator = Self.delimiter(of: header)
        guard let stream = InputStream(url: url) else {
            throw Diagnostic(file: displayName, line: nil, message: "cannot open the file")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true, delimiter: separator)
        } catch {
            throw Diagnostic(file: displayName, line: 1, message: "cannot read the header row")
        }
        defer { stream.close() }
        let columns = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard Self.isVisitTable(Set(columns)) else {
            throw Diagnostic(file: displayName, line: 1,
                             message: "not a visit_occurrence table: the header must name person_id, visit_concept_id and visit_start_datetime or visit_start_date")
        }
        func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
        let person = column("person_id"), concept = column("visit_concept_id")
        let startTime = column("visit_start_datetime"), startDate = column("visit_start_date")
        let endTime = column("visit_end_datetime"), endDate = column("visit_end_date")
        let provider = column("provider_id"), site = column("care_site_id"), visit = column("visit_occurrence_id")

        var line = 1 + (reader.headerRow ?? []).reduce(0) { $0 + $1.filter { $0 == "\n" }.count } + 1
        var order = 0
        while let row = reader.next() {
            let rowLine = line
            for field in row where field.utf8.contains(10) {
                line += field.utf8.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
            }
            line += 1
            if row.count == 1 && row[0].trimmedOfWhitespace.isEmpty { continue }
            summary.rows += 1
            func field(_ index: Int?) -> String? {
                guard let index, index < row.count else { return nil }
                let value = row[index].trimmedOfWhitespace
                return value.isEmpty ? nil : value
            }
            func skip(_ message: String) {
                let name = field(visit).map { "visit \($0): " } ?? ""
                summary.skipped.append(Diagnostic(file: displayName, line: rowLine, message: name + message))
            }
            guard let personID = field(person) else { skip("no person_id"); continue }
            guard let startText = field(startTime) ?? field(startDate) else { skip("no visit_start_datetime or visit_start_date"); continue }
            guard let start = Self.time(startText) else { skip("visit start '\(startText)' is not a date and time"); continue }
            var end: Timestamp?
            if let endText = field(endTime) ?? field(endDate) {
                guard let parsed = Self.time(endText) else { skip("visit end '\(endText)' is not a date and time"); continue }
                // A date alone ends the day it names: the visit may have started later that day.
                end = field(endTime) == nil && parsed.dayNumber == start.dayNumber ? max(parsed, start) : parsed
            }
            if let end, end < start {
                skip("the visit ends (\(end)) before it starts (\(start)): not read")
                continue
            }
            let careSite = field(site)
            let level = careSite.flatMap { careSiteLevels[$0] }
            let actor = field(provider).map { "provider:" + $0 }
            let service = careSite.map { "care_site:" + $0 }
            let user = NodeID(personID)
            var events: [PathwayEvent] = []
            let unmapped = "row \(rowLine)" + (careSite.map { " (care site \($0) not in the care-site file)" } ?? " (no care_site_id)")
            if let conceptID = field(concept), Self.inpatientConcepts.contains(conceptID) {
                if level == nil, summary.unknownLevelStayRows.count < DataQuality.exampleLimit {
                    summary.unknownLevelStayRows.append(unmapped)
                }
                order += 1
                events.append(PathwayEvent(user: user, time: start, kind: .admission, actor: actor, service: service, level: level, sourceOrder: order))
                if let end {
                    order += 1
                    events.append(PathwayEvent(user: user, time: end, kind: .discharge, actor: actor, service: service, level: level, sourceOrder: order))
                }
            } else {
                order += 1
                events.append(PathwayEvent(user: user, time: start, kind: .contact, actor: actor, service: service, level: level, sourceOrder: order))
                if level == nil {
                    summary.visitsOfUnknownLevel += 1
                    if summary.unknownLevelRows.count < DataQuality.exampleLimit {
                        summary.unknownLevelRows.append(unmapped)
                    }
                }
                if actor == nil {
                    summary.visitsWithoutNamedProfessional += 1
                    if summary.unnamedRows.count < DataQuality.exampleLimit { summary.unnamedRows.append("row \(rowLine)") }
                }
            }
            for event in events {
                summary.dataStart = min(summary.dataStart ?? event.time, event.time)
                summary.dataEnd = max(summary.dataEnd ?? event.time, event.time)
                if !accept(event) { return }
            }
        }
        switch reader.error as? CSVError {
        case nil where reader.error == nil, .cannotReadFile:
            break  // the end of the file (see EventLogReader)
        case .unicodeDecoding:
            throw Diagnostic(file: displayName, line: line, message: "the file is not UTF-8 text from here on")
        default:
            throw Diagnostic(file: displayName, line: line, message: "cannot read: \(String(describing: reader.error))")
        }
    }

    /// An OMOP date or datetime: `2024-03-01`, `2024-03-01 10:15:00` or ISO 8601 with `T`, a
    /// fraction of a second and an offset dropped (as XES times are).
    static func time(_ text: String) -> Timestamp? {
        Timestamp(iso: text) ?? XESTime.timestamp(text)
    }
}
