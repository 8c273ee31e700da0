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
        /// The first few rows whose admission or discharge has no level (an OMOP stay at a care
        /// site not in the care-site file): the examples of `stay_events_of_unknown_level`.
        public var unknownLevelStayRows: [String] = []
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

    /// Whether the byte-level engine reads this log (the tool's own CSV; XES and OMOP tables go
    /// through `forEachPathway`).
    public var isCompact: Bool {
        if case .parts = input { return false }  // read part by part, each by its own header
        return EventLogFormat.named(url) != .xes && !OMOPVisitReader.isVisitTable(url)
    }

    /// Every user's events as the byte-level reader keeps them (`CompactEvent`, names as ids
    /// into `names`), each user once, events in pathway order, users in the order
    /// `forEachPathway` gives them: the log's order when it is sorted by user, else sorted.
    ///
    /// `streaming`: each user is handed on as soon as the next begins (memory flat in the
    /// number of users); if the log turns out not to be sorted by user, `onRestart` is called
    /// and the log is read again into sorted runs. Not streaming: the log is read once into
    /// temporary files (sorted runs once it proves unsorted) and handed on after the whole
    /// pass — so the summary (the data end) is known before the first user — holding at most
    /// `runEvents` events in memory.
    ///
    /// `stopWhenUnsorted` (streaming only): when the log proves not sorted by user, stop there
    /// and return a summary with `sortedByUser` false, what was handed on to be dropped, rather
    /// than read it again; the caller chooses another way (`forEachCompactEventInRowOrder`).
    func forEachCompactPathway(
        streaming: Bool, stopWhenUnsorted: Bool = false, runEvents: Int = 1 << 18,
        temporaryDirectory: URL = FileManager.default.temporaryDirectory,
        onRestart: () -> Void = {},
        beforeFirst: (Summary) throws -> Void = { _ in },
        _ body: (UnsafeBufferPointer<UInt8>, inout [CompactEvent], ByteInterner) throws -> Void
    ) throws -> Summary {
        var summary = Summary()
        let scanner = try EventLogScanner(records: openRecords(), displayName: displayName)
        let spill = UserBlockSpill(displayName: displayName, directory: temporaryDirectory)
        defer { spill.remove() }
        if !streaming { try spill.startRun() }
        var current: [CompactEvent] = [], currentUser: [UInt8] = []
        var users = 0
        var sorted = true
        let progress = ReadProgress.current  // the users read, on the bar (when one is drawn)
        // A run being gathered once the log proves unsorted: each event with its user's id.
        var runUsers = ByteInterner(keepsNames: false), runEventsBuffer: [CompactEvent] = [], runUserOf: [Int32] = []

        func finishUser() throws {
            guard !current.isEmpty else { return }
            progress?.countUser()
            if streaming {
                UserOrder.sortPathway(&current)
                try currentUser.withUnsafeBufferPointer { try body($0, &current, scanner.names) }
                users += 1
            } else {
                currentUser.withUnsafeBufferPointer { user in current.withUnsafeBufferPointer { spill.append(user: user, events: $0) } }
            }
            current.removeAll(keepingCapacity: true)
        }
        func writeRun() throws {
            guard !runEventsBuffer.isEmpty else { return }
            try spill.startRun()
            // Users in order, then each user's events as read (counting sort on the user's rank).
            let order = runUsers.idsInUserOrder()
            var rank = [Int](repeating: 0, count: runUsers.count)
            for (position, id) in order.enumerated() { rank[Int(id)] = position }
            var starts = [Int](repeating: 0, count: runUsers.count + 1)
            for id in runUserOf { starts[rank[Int(id)] + 1] += 1 }
            for index in 1..<starts.count { starts[index] += starts[index - 1] }
            // Each event's place in that order, as its index: a second copy of the run's events
            // was the largest thing held on a 20-million-event log.
            var placed = [Int32](repeating: 0, count: runEventsBuffer.count)
            var next = starts
            for (index, id) in runUserOf.enumerated() {
                let position = rank[Int(id)]
                placed[next[position]] = Int32(index)
                next[position] += 1
            }
            var block: [CompactEvent] = []
            for (position, id) in order.enumerated() {
                block.removeAll(keepingCapacity: true)
                for index in placed[starts[position]..<starts[position + 1]] { block.append(runEventsBuffer[Int(index)]) }
                runUsers.withBytes(of: id) { user in block.withUnsafeBufferPointer { spill.append(user: user, events: $0) } }
            }
            try spill.endRun()
            runUsers = ByteInterner(keepsNames: false)
            runEventsBuffer.removeAll(keepingCapacity: true)
            runUserOf.removeAll(keepingCapacity: true)
        }

        while try scanner.next(into: &summary) {
            if sorted {
                if scanner.userChanged {
                    if !currentUser.isEmpty && UserOrder.precedes(scanner.userBytes, currentUser) {
                        sorted = false
                        if streaming && stopWhenUnsorted {
                            summary.sortedByUser = false
                            return summary
                        }
                        if streaming {
                            onRestart()
                            return try forEachCompactPathway(streaming: false, runEvents: runEvents, temporaryDirectory: temporaryDirectory,
                                                             beforeFirst: beforeFirst, body)
                        }
                        try finishUser()
                        try spill.endRun()
                        // At its size at once: grown by doubling, it held a half-size copy as well.
                        runEventsBuffer.reserveCapacity(min(runEvents, 1 << 20))
                        runUserOf.reserveCapacity(min(runEvents, 1 << 20))
                    } else {
                        try finishUser()
                        currentUser = scanner.userBytes
                    }
                }
                if sorted {
                    current.append(scanner.event)
                    continue
                }
            }
            runUserOf.append(scanner.withUserBytes { runUsers.id(of: $0) })
            runEventsBuffer.append(scanner.event)
            if runEventsBuffer.count >= runEvents { try writeRun() }
        }
        if sorted {
            try finishUser()
        } else {
            try writeRun()
        }
        summary.sortedByUser = sorted
        if !streaming {
            try beforeFirst(summary)
            let names = scanner.names
            try spill.merge { user, events in
                try body(user, &events, names)
                users += 1
            }
        }
        summary.users = users
        return summary
    }

    /// Every usable row's event in the log's row order, with its user's number (users numbered
    /// as they first appear in the file, by the thread that reads ahead: a number may go to a
    /// user none of whose rows is usable, and is then never passed), for work that needs each
    /// user's events in pathway order only as they come — a log sorted by time but not by
    /// user, as register extracts often are. `body` returns false to give up (an event that
    /// comes before its user's previous one in pathway order, say): the pass stops and returns
    /// nil. `names` lends the actors, services and targets interned so far (a copy per event
    /// would cost more than the event). Memory grows with the users, not the events.
    func forEachCompactEventInRowOrder(
        _ body: (_ user: Int32, _ event: CompactEvent, _ names: () -> ByteInterner) throws -> Bool
    ) throws -> Summary? {
        var summary = Summary()
        // Each row's user numbered by the thread that reads ahead; a user counted at their first usable row.
        let scanner = try EventLogScanner(records: openRecords(), displayName: displayName, numbersUsers: true)
        var seen: [Bool] = [], users = 0
        var currentUser: [UInt8] = []
        var sorted = true
        let progress = ReadProgress.current
        let names = { scanner.names }  // made once, not at each row
        while try scanner.next(into: &summary) {
            let user = scanner.userID, index = Int(user)
            if index >= seen.count { seen.append(contentsOf: repeatElement(false, count: max(index + 1 - seen.count, seen.count))) }
            if !seen[index] {
                seen[index] = true
                users += 1
                progress?.countUser()
            }
            if sorted && scanner.userChanged {
                if !currentUser.isEmpty && UserOrder.precedes(scanner.userBytes, currentUser) { sorted = false }
                if sorted { currentUser = scanner.userBytes }
            }
            guard try body(user, scanner.event, names) else { return nil }
        }
        summary.users = users
        summary.sortedByUser = sorted
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
        let scanner = try EventLogScanner(records: openRecords(), displayName: displayName)
        var user = NodeID("")
        while try scanner.next(into: &summary) {
            if scanner.userChanged { user = NodeID(scanner.user) }
            if !accept(scanner.names.pathwayEvent(scanner.event, user: user)) { return }
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
