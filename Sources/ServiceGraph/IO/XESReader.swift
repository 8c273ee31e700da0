import Foundation
import XMLStreaming

/// Reads an XES log (IEEE 1849-2016) as pathways: each `<trace>` is a case, a user; each of its
/// `<event>`s one event, its fields taken from its attributes as the `XESMapping` says. The log
/// is walked node by node with libxml2's streaming reader (`XMLStreamReader`), which also opens
/// a gzipped log, so a log of any size is read holding one trace at a time.
///
/// Only the attributes directly on a trace or event are read (nested attributes and the log's
/// own are not); `global` defaults are not applied (a global attribute is one every trace or
/// event must carry). An event that cannot be used is a diagnostic with its line, and the rest
/// is read; a document that is not well-formed XML stops the reading at its line.
struct XESReader {
    let url: URL
    let displayName: String
    let mapping: XESMapping

    /// The attribute elements of XES; `list` and `container` hold other attributes and have no value.
    private static let valueElements: Set<String> = ["string", "date", "int", "float", "boolean", "id"]

    /// Reads the log trace by trace: `accept` gets each case's user and events when the trace
    /// ends, and returns false to stop.
    func readTraces(into summary: inout EventLogReader.Summary,
                    _ accept: (NodeID, [PathwayEvent]) -> Bool) throws(Diagnostic) {
        guard FileManager.default.isReadableFile(atPath: url.path), let reader = XMLStreamReader(path: url.path) else {
            throw Diagnostic(file: displayName, line: nil, message: "cannot open the file")
        }

        let wanted = Set(XESMapping.Field.allCases.compactMap { mapping[$0].attribute })
        var sawRoot = false
        var trace: (line: Int, attributes: [String: String], events: [(line: Int, attributes: [String: String])])?
        var event: (line: Int, attributes: [String: String])?
        var order = 0

        func line() -> Int { reader.line }
        func skip(_ line: Int, _ message: String) {
            summary.skipped.append(Diagnostic(file: displayName, line: line, message: message))
        }
        /// The current attribute element's key and value, when the key is one the mapping reads.
        /// pm4py writes a missing value as a float `nan`: that is no value.
        func keyAndValue(_ element: String) -> (String, String)? {
            guard let key = reader.attribute("key"), wanted.contains(key) else { return nil }
            let value = reader.attribute("value") ?? ""
            if element == "float" && value.lowercased() == "nan" { return nil }
            return (key, value)
        }
        /// Ends the trace: its events are made and handed on; false when the reading should stop.
        func finishTrace() -> Bool {
            guard let finished = trace else { return true }
            trace = nil
            summary.rows += finished.events.count
            guard let userName = value(of: .user, in: finished.attributes) else {
                let attribute = mapping[.user].attribute ?? "user"
                skip(finished.line, "a trace with no \(attribute) (the case, read as the user): its \(finished.events.count) event(s) are not read")
                return true
            }
            let user = NodeID(userName)
            var events: [PathwayEvent] = []
            events.reserveCapacity(finished.events.count)
            for raw in finished.events {
                order += 1
                switch makeEvent(user: user, raw.attributes, order: order) {
                case .failure(let problem):
                    skip(raw.line, problem.message)
                case .success(let made):
                    if made.kind == .contact {
                        if made.level == nil {
                            summary.visitsOfUnknownLevel += 1
                            if summary.unknownLevelRows.count < DataQuality.exampleLimit { summary.unknownLevelRows.append("line \(raw.line)") }
                        }
                        if made.actor == nil {
                            summary.visitsWithoutNamedProfessional += 1
                            if summary.unnamedRows.count < DataQuality.exampleLimit { summary.unnamedRows.append("line \(raw.line)") }
                        }
                    }
                    summary.dataStart = min(summary.dataStart ?? made.time, made.time)
                    summary.dataEnd = max(summary.dataEnd ?? made.time, made.time)
                    events.append(made)
                }
            }
            return accept(user, events)
        }

        while true {
            do throws(XMLStreamReader.Failure) {
                guard try reader.advance() else { break }
            } catch {
                throw Diagnostic(file: displayName, line: error.line, message: "not well-formed XML: \(error.message)")
            }
            let type = reader.kind
            if type == .documentType {  // a document type: XES has none, and its entities could pull in files
                throw Diagnostic(file: displayName, line: line(), message: "an XES log has no document type declaration (<!DOCTYPE>): not read")
            }
            guard type == .element || type == .endElement else { continue }
            let depth = reader.depth
            // An end tag matters only for an event or a trace: no name made for the others.
            if type == .endElement && depth != 1 && depth != 2 { continue }
            guard let name = reader.localName else { continue }
            let empty = type == .element && reader.isEmptyElement
            if type == .endElement {
                if depth == 2 && name == "event", let finished = event {
                    trace?.events.append(finished)
                    event = nil
                } else if depth == 1 && name == "trace" {
                    if !finishTrace() { return }
                }
                continue
            }
            switch (depth, name) {
            case (0, _):
                guard name == "log" else {
                    throw Diagnostic(file: displayName, line: line(), message: "not an XES log: the root element is <\(name)>, not <log>")
                }
                sawRoot = true
            case (1, "trace"):
                trace = (line(), [:], [])
                if empty, !finishTrace() { return }
            case (1, "event"):
                skip(line(), "an event outside a trace is not read (XES puts events in traces)")
            case (2, "event") where trace != nil:
                event = (line(), [:])
                if empty {
                    trace?.events.append((line(), [:]))
                    event = nil
                }
            case (2, _) where trace != nil && Self.valueElements.contains(name):
                if let (key, value) = keyAndValue(name) { trace?.attributes[key] = value }
            case (3, _) where event != nil && Self.valueElements.contains(name):
                if let (key, value) = keyAndValue(name) { event?.attributes[key] = value }
            default:
                break
            }
        }
        if !sawRoot {
            throw Diagnostic(file: displayName, line: 1, message: "not an XES log: no <log> element")
        }
        _ = finishTrace()
    }

    /// A field's value: its attribute's, else the mapping's default; nil when empty.
    private func value(of field: XESMapping.Field, in attributes: [String: String]) -> String? {
        let rule = mapping[field]
        if let attribute = rule.attribute, let value = attributes[attribute]?.trimmedOfWhitespace, !value.isEmpty {
            return value
        }
        return rule.fallback
    }

    struct Problem: Error { let message: String }

    /// One event from its attributes.
    private func makeEvent(user: NodeID, _ attributes: [String: String], order: Int) -> Result<PathwayEvent, Problem> {
        let timeAttribute = mapping[.time].attribute ?? "time"
        guard let timeText = value(of: .time, in: attributes) else {
            return .failure(Problem(message: "an event with no \(timeAttribute)"))
        }
        guard let time = XESTime.timestamp(timeText) else {
            return .failure(Problem(message: "\(timeAttribute) '\(timeText)' is not an xs:dateTime (YYYY-MM-DDTHH:MM:SS, an offset allowed)"))
        }
        func kind(_ name: String) -> PathwayEvent.Kind? { EdgeKind(name: name).flatMap { PathwayEvent.Kind(rawValue: $0.rawValue) } }
        let kindRule = mapping[.kind]
        let activity = kindRule.attribute.flatMap { attributes[$0] }?.trimmedOfWhitespace
        let eventKind: PathwayEvent.Kind
        if let activity, !activity.isEmpty, let named = kind(activity) ?? mapping.activities[activity].flatMap(kind) {
            eventKind = named
        } else if let fallback = kindRule.fallback.flatMap(kind) {
            eventKind = fallback
        } else {
            return .failure(Problem(message: "'\(activity ?? "")' is not an event kind (contact, referral, admission, discharge, message, epicrisis, meeting); "
                                    + "a mapping file's activity rows name the kind of an activity"))
        }
        var level: Level?
        if let levelText = value(of: .level, in: attributes) {
            guard let parsed = Level(name: levelText) else { return .failure(Problem(message: "unknown level '\(levelText)'")) }
            level = parsed
        }
        return .success(PathwayEvent(user: user, time: time, kind: eventKind, actor: value(of: .actor, in: attributes),
                                     service: value(of: .service, in: attributes), target: value(of: .target, in: attributes),
                                     level: level, sourceOrder: order))
    }
}

/// XES times (xs:dateTime) as the tool's local times.
enum XESTime {
    /// `2024-03-01T10:15:00.000+01:00` as `2024-03-01T10:15`: the clock time as written, its
    /// fraction of a second and its offset dropped (times are local, as the tool's own logs
    /// write them). A date alone is midnight. Nil when it is not a date and time.
    static func timestamp(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10 else { return nil }
        if bytes.count == 10 { return Timestamp(iso: text) }
        guard bytes.count >= 19 else { return Timestamp(iso: text) }
        var end = 19
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
            end += 1
            while end < bytes.count, bytes[end] >= 48, bytes[end] <= 57 { end += 1 }
        }
        let zone = bytes[end...]
        let validZone = zone.isEmpty || zone.elementsEqual("Z".utf8)
            || (zone.count == 6 && (zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-"))
                && zone[zone.startIndex + 3] == UInt8(ascii: ":"))
        guard validZone else { return nil }
        return Timestamp(iso: String(decoding: bytes[0..<19], as: UTF8.self))
    }

    /// The tool's time as an xs:dateTime with no offset (local time): `2024-03-01T10:15:00`.
    static func text(_ time: Timestamp) -> String {
        let written = time.description
        switch written.utf8.count {
        case 10: return written + "T00:00:00"
        case 16: return written + ":00"
        default: return written
        }
    }
}

extension EventLogReader {
    /// An XES log's pathways, each trace handed on as it ends (in the log's trace order). A case
    /// whose traces are split (a user met again after another's) makes the log be read again,
    /// whole, and grouped, as an unsorted CSV log is.
    func forEachTrace(onRestart: () -> Void, _ body: (Pathway) -> Void) throws(Diagnostic) -> Summary {
        let reader = XESReader(url: url, displayName: displayName, mapping: source.xes)
        var summary = Summary()
        var seen = Set<NodeID>()
        var split = false
        try reader.readTraces(into: &summary) { user, events in
            guard seen.insert(user).inserted else {
                split = true
                return false
            }
            body(Pathway(user: user, events: events))
            return true
        }
        guard split else {
            summary.users = seen.count
            return summary
        }
        onRestart()
        summary = Summary()
        summary.sortedByUser = false
        var byUser: [NodeID: [PathwayEvent]] = [:]
        try reader.readTraces(into: &summary) { user, events in
            byUser[user, default: []].append(contentsOf: events)
            return true
        }
        for user in byUser.keys.sorted() { body(Pathway(user: user, events: byUser[user] ?? [])) }
        summary.users = byUser.count
        return summary
    }

    /// An XES log's first and last event times.
    func xesTimeSpan() throws(Diagnostic) -> (first: Timestamp, last: Timestamp)? {
        var summary = Summary()
        try XESReader(url: url, displayName: displayName, mapping: source.xes).readTraces(into: &summary) { _, _ in true }
        guard let first = summary.dataStart, let last = summary.dataEnd else { return nil }
        return (first, last)
    }
}
