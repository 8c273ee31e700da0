import CSV
import Foundation

/// Reads an event log (docs/pathways.md): a CSV with the columns `user,time,kind,actor,service,level`
/// (column order free, `target` and any other columns allowed), RFC 4180, UTF-8 with or without
/// BOM, `,` or `;` detected from the header.
///
/// The log is read as a stream. When it is sorted by user, each user's pathway is handed on as
/// soon as the next user begins, so memory stays flat however many users the log holds; a
/// log that is not sorted by user is read a second time, whole, and grouped.
public struct EventLogReader: Sendable {
    public let url: URL
    public let displayName: String
    /// How XES attributes and OMOP care sites are read (docs/formats.md).
    public var source = EventLogSource()
    /// The file at `url`, standard input, or a folder of parts (EventLogInput.swift).
    public var input = EventLogInput.file

    public init(url: URL, displayName: String, source: EventLogSource = EventLogSource()) {
        self.url = url
        self.displayName = displayName
        self.source = source
    }

    /// What reading the log found besides the pathways.
    public struct Summary: Sendable, Equatable {
        public var rows = 0
        /// One diagnostic per row that could not be used; the rest were read.
        public var skipped: [Diagnostic] = []
        public var users = 0
        /// Visits with no level: left out of the pathway measures.
        public var visitsOfUnknownLevel = 0
        public var visitsWithoutNamedProfessional = 0
        /// The first few rows counted by the two counts above ("row 12").
        public var unknownLevelRows: [String] = []
        public var unnamedRows: [String] = []
        public var sortedByUser = true
        /// The earliest event time: where the data starts.
        public var dataStart: Timestamp?
        /// The latest event time: where the data ends.
        public var dataEnd: Timestamp?
    }

    static let requiredColumns = ["user", "time", "kind"]

    /// Whether `url` looks like an event log: a header naming user, time and kind.
    public static func isEventLog(_ url: URL) -> Bool {
        if EventLogFormat.named(url) == .xes { return true }
        guard let header = try? headerLine(of: url) else { return false }
        let columns = Set(split(header, separator: delimiter(of: header)).map { $0.lowercased() })
        return requiredColumns.allSatisfy(columns.contains) || OMOPVisitReader.isVisitTable(columns)
    }

    /// Streams every user's pathway to `body`, in the log's user order (or sorted by user when
    /// the log had to be grouped). A log is streamed while its user ids arrive in sorted order;
    /// if a smaller id turns up later, the log is not sorted by user: `onRestart` is called,
    /// the caller drops what it has been given, and every pathway is delivered again from a
    /// second, whole reading.
    public func forEachPathway(onRestart: () -> Void = {}, _ body: (Pathway) -> Void) throws(Diagnostic) -> Summary {
        if EventLogFormat.named(url) == .xes { return try forEachTrace(onRestart: onRestart, body) }
        var summary = Summary()
        var current: (user: NodeID, events: [PathwayEvent])?
        var previousUser: NodeID?
        var unsorted = false
        var users = 0
        try readEvents(into: &summary) { event in
            if current?.user == event.user {
                current?.events.append(event)
                return true
            }
            if let user = previousUser, event.user < user {
                unsorted = true
                return false  // stop: read it again, whole
            }
            if let finished = current {
                body(Pathway(user: finished.user, events: finished.events))
                users += 1
            }
            previousUser = event.user
            current = (event.user, [event])
            return true
        }
        guard unsorted else {
            if let finished = current {
                body(Pathway(user: finished.user, events: finished.events))
                users += 1
            }
            summary.users = users
            return summary
        }
        // Not sorted by user: group the whole log in memory.
        onRestart()
        summary = Summary()
        summary.sortedByUser = false
        var byUser: [NodeID: [PathwayEvent]] = [:]
        try readEvents(into: &summary) { event in
            byUser[event.user, default: []].append(event)
            return true
        }
        for user in byUser.keys.sorted() {
            body(Pathway(user: user, events: byUser[user] ?? []))
        }
        summary.users = byUser.count
        return summary
    }

    /// The latest event time in the log (a streaming pass that keeps nothing else).
    public func latestTime() throws(Diagnostic) -> Timestamp? { try timeSpan()?.last }

    /// The earliest and latest event times, in a pass over the log; nil when it has no event.
    public func timeSpan() throws(Diagnostic) -> (first: Timestamp, last: Timestamp)? {
        if EventLogFormat.named(url) == .xes { return try xesTimeSpan() }
        var summary = Summary()
        try readEvents(into: &summary) { _ in true }
        guard let first = summary.dataStart, let last = summary.dataEnd else { return nil }
        return (first, last)
    }

    /// Every pathway, held in memory: for small logs and tests.
    public func readAll() throws(Diagnostic) -> (pathways: [Pathway], summary: Summary) {
        var pathways: [Pathway] = []
        let summary = try forEachPathway(onRestart: { pathways.removeAll() }) { pathways.append($0) }
        return (pathways, summary)
    }

    /// Reads a CSV log event by event, the tool's own or an OMOP `visit_occurrence` table (told
    /// by its header); `accept` returns false to stop early.
    func readEvents(into summary: inout Summary, _ accept: (PathwayEvent) -> Bool) throws(Diagnostic) {
        if case .parts(let parts) = input { return try readParts(parts, into: &summary, accept) }
        if input == .file, OMOPVisitReader.isVisitTable(url) {
            return try OMOPVisitReader(url: url, displayName: displayName, careSiteLevels: source.careSiteLevels).readRows(into: &summary, accept)
        }
        try readRows(into: &summary, accept)
    }

    /// Reads the log row by row; `accept` returns false to stop early.
    private func readRows(into summary: inout Summary, _ accept: (PathwayEvent) -> Bool) throws(Diagnostic) {
        let reader = try openRecords()
        guard reader.nextRecord() else {
            throw Diagnostic(file: displayName, line: 1, message: "cannot read the header row")
        }
        let columns = (0..<reader.count).map { reader.string($0).trimmingCharacters(in: .whitespaces).lowercased() }
        for required in Self.requiredColumns where !columns.contains(required) {
            throw Diagnostic(file: displayName, line: 1,
                             message: "the header has no '\(required)' column (an event log needs user, time and kind)")
        }
        func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
        let user = column("user")!, time = column("time")!, kind = column("kind")!
        let actor = column("actor"), service = column("service"), level = column("level"), target = column("target")

        var line = 1 + reader.lineFeedsInFields + 1
        var order = 0
        while reader.nextRecord() {
            // Lines as a spreadsheet counts them: one per record, and one per line feed inside a quoted field.
            let rowLine = line
            line += reader.lineFeedsInFields + 1
            func skip(_ message: String) {
                summary.skipped.append(Diagnostic(file: displayName, line: rowLine, message: message))
            }
            if reader.count == 1 && reader.string(0).trimmedOfWhitespace.isEmpty { continue }  // blank line
            summary.rows += 1
            order += 1
            guard reader.isUTF8 else { skip("the row is not UTF-8 text"); continue }
            func field(_ index: Int?) -> String? {
                guard let index, index < reader.count else { return nil }
                let value = reader.string(index).trimmedOfWhitespace
                return value.isEmpty ? nil : CSVText.unguarded(value)
            }
            guard let userID = field(user) else { skip("no user"); continue }
            guard let timeText = field(time) else { skip("no time"); continue }
            guard let when = Timestamp(iso: timeText) else {
                skip("time \(Timestamp.problem(with: timeText) ?? "'\(timeText)' is not ISO 8601")")
                continue
            }
            guard let kindText = field(kind),
                  let eventKind = EdgeKind(name: kindText).flatMap({ PathwayEvent.Kind(rawValue: $0.rawValue) })
            else {
                skip("kind '\(field(kind) ?? "")' is not an event kind (contact, referral, admission, discharge, message, epicrisis, meeting)")
                continue
            }
            var eventLevel: Level?
            if let levelText = field(level) {
                guard let parsed = Level(name: levelText) else { skip("unknown level '\(levelText)'"); continue }
                eventLevel = parsed
            }
            let event = PathwayEvent(user: NodeID(userID), time: when, kind: eventKind, actor: field(actor), service: field(service),
                                     target: field(target), level: eventLevel, sourceOrder: order)
            if eventKind == .contact {
                if eventLevel == nil {
                    summary.visitsOfUnknownLevel += 1
                    if summary.unknownLevelRows.count < DataQuality.exampleLimit { summary.unknownLevelRows.append("row \(rowLine)") }
                }
                if event.actor == nil {
                    summary.visitsWithoutNamedProfessional += 1
                    if summary.unnamedRows.count < DataQuality.exampleLimit { summary.unnamedRows.append("row \(rowLine)") }
                }
            }
            summary.dataStart = min(summary.dataStart ?? when, when)
            summary.dataEnd = max(summary.dataEnd ?? when, when)
            if !accept(event) { return }
        }
        if reader.readFailed {
            throw Diagnostic(file: displayName, line: line, message: "cannot read the file from here on")
        }
    }

    /// The first line of the file, without a BOM.
    static func headerLine(of url: URL, displayName: String? = nil) throws(Diagnostic) -> String {
        let name = displayName ?? url.path
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw Diagnostic(file: name, line: nil, message: "cannot open the file")
        }
        defer { try? handle.close() }
        return try headerLine(of: (try? handle.read(upToCount: 65_536)) ?? Data(), displayName: name)
    }

    /// The first line of `bytes` (a file's first piece), without a BOM; `empty` when there is none.
    static func headerLine(of bytes: Data, displayName: String, empty: String = "the file has no header row") throws(Diagnostic) -> String {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let firstLine = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
        guard !firstLine.isEmpty, let text = String(data: Data(firstLine), encoding: .utf8) else {
            throw Diagnostic(file: displayName, line: 1, message: bytes.isEmpty ? empty : "the file has no header row")
        }
        return text
    }

    /// `;` when the header has more semicolons than commas outside quotes, else `,`.
    static func delimiter(of header: String) -> UnicodeScalar {
        var inQuotes = false, commas = 0, semicolons = 0
        for character in header {
            switch character {
            case "\"": inQuotes.toggle()
            case "," where !inQuotes: commas += 1
            case ";" where !inQuotes: semicolons += 1
            default: break
            }
        }
        return semicolons > commas ? ";" : ","
    }

    static func split(_ header: String, separator: UnicodeScalar) -> [String] {
        (try? CSVReader(string: header, delimiter: separator).next())?.map { $0.trimmingCharacters(in: .whitespaces) } ?? []
    }
}
