import Foundation

/// One row of an event log as the byte-level reader keeps it: the time in seconds, the kind and
/// level as small numbers, and the actor, service and target as ids into the reader's `names`
/// (-1 for none). 32 bytes, no `String`.
public struct CompactEvent: Sendable, Equatable {
    public var time: Int64
    /// Position in the input (1, 2, …), to order events at one instant as written.
    public var order: Int32
    /// Index into `PathwayEvent.Kind.allCases`.
    public var kind: UInt8
    /// Index into `Level.allCases`; -1 for none.
    public var level: Int8
    public var actor: Int32
    public var service: Int32
    public var target: Int32

    static let kinds = PathwayEvent.Kind.allCases
    static let levels = Level.allCases
    static let contact = UInt8(kinds.firstIndex(of: .contact)!)
    static let admission = UInt8(kinds.firstIndex(of: .admission)!)
    static let discharge = UInt8(kinds.firstIndex(of: .discharge)!)
    static let referral = UInt8(kinds.firstIndex(of: .referral)!)

    public var isVisit: Bool { kind == Self.contact && level >= 0 }
    public var eventKind: PathwayEvent.Kind { Self.kinds[Int(kind)] }
    public var eventLevel: Level? { level < 0 ? nil : Self.levels[Int(level)] }
    public var timestamp: Timestamp { Timestamp(secondsSinceEpoch: time) }
}

extension CompactEvent: MeasuredEvent {
    var eventTime: Timestamp { timestamp }
    var actorKey: Int32? { actor < 0 ? nil : actor }
    var serviceKey: Int32? { service < 0 ? nil : service }
    var targetKey: Int32? { target < 0 ? nil : target }
}

/// Reads the tool's own event-log CSV row by row at the level of bytes (docs/pathways.md,
/// docs/formats.md): each record's fields are read in place from `CSVRecordReader`'s buffer,
/// names interned to ids (`names`), times parsed from the bytes, kinds and levels parsed once
/// per distinct text. A field that needs more than the bytes — a space or a non-ASCII byte at an
/// end, a leading `'` — goes the way of the `String` reader it replaces, and so does every row
/// that cannot be used, so that each message, with its line, is what it was.
///
/// The user of each row is held as its bytes, copied only when it changes from the row before;
/// `user` makes a `String` of them when asked.
final class EventLogScanner {
    let displayName: String
    private let records: RecordPipeline
    private var line: Int
    /// The line of the current row.
    private(set) var rowLine = 0
    // What a row is read into: one struct, so that reading a row is one access to the class's
    // storage, not one checked access per field.
    private var state: RowState

    /// Actors, services and targets (interned on the reading thread).
    var names: ByteInterner { records.names }
    /// The current row's user, its bytes, and whether it differs from the previous usable row's.
    var user: String { String(decoding: state.userBytes, as: UTF8.self) }
    var userBytes: [UInt8] { state.userBytes }
    var userChanged: Bool { state.userChanged }
    /// The current row's user's bytes, lent without a copy of the array.
    func withUserBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { state.userBytes.withUnsafeBufferPointer(body) }
    var event: CompactEvent { state.event }
    /// The current row's user as a number, when made with `numbersUsers` (`RecordPipeline.userID`).
    var userID: Int32 { records.userID }

    /// The scanner of the records `reader` reads (`EventLogReader.openRecords`: a file or
    /// standard input), from its header row on; `numbersUsers` has the thread that reads ahead
    /// number each row's user (`userID`).
    init(records reader: CSVRecordReader, displayName: String, numbersUsers: Bool = false) throws(Diagnostic) {
        self.displayName = displayName
        guard reader.nextRecord() else {
            throw Diagnostic(file: displayName, line: 1, message: "cannot read the header row")
        }
        let headerRecord = reader
        let columns = (0..<headerRecord.count).map { headerRecord.string($0).trimmingCharacters(in: .whitespaces).lowercased() }
        for required in EventLogReader.requiredColumns where !columns.contains(required) {
            throw Diagnostic(file: displayName, line: 1,
                             message: "the header has no '\(required)' column (an event log needs user, time and kind)")
        }
        func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
        state = RowState(userColumn: column("user")!, timeColumn: column("time")!, kindColumn: column("kind")!,
                         levelColumn: column("level"))
        line = 1 + reader.lineFeedsInFields + 1
        // Actor, service and target are interned by the thread that reads ahead (-1: no such column).
        records = RecordPipeline(reader: reader, nameColumns: [column("actor") ?? Int.max, column("service") ?? Int.max,
                                                               column("target") ?? Int.max],
                                 userColumn: numbersUsers ? column("user") : nil)
    }

    deinit { records.close() }

    /// Reads on to the next usable row (`event`, `user`); rows that cannot be used are counted
    /// and reported in `summary` as before. False at the end of the file.
    func next(into summary: inout EventLogReader.Summary) throws(Diagnostic) -> Bool {
        while records.nextRecord() {
            // Lines as a spreadsheet counts them: one per record, and one per line feed inside a quoted field.
            rowLine = line
            line += records.lineFeedsInFields + 1
            if let message = state.readRow(records, &summary) {
                if message.isEmpty { continue }  // a blank line
                summary.skipped.append(Diagnostic(file: displayName, line: rowLine, message: message))
                continue
            }
            let rowLine = self.rowLine, event = state.event
            if event.kind == CompactEvent.contact {
                if event.level < 0 {
                    summary.visitsOfUnknownLevel += 1
                    if summary.unknownLevelRows.count < DataQuality.exampleLimit { summary.unknownLevelRows.append("row \(rowLine)") }
                }
                if event.actor < 0 {
                    summary.visitsWithoutNamedProfessional += 1
                    if summary.unnamedRows.count < DataQuality.exampleLimit { summary.unnamedRows.append("row \(rowLine)") }
                }
            }
            let when = Timestamp(secondsSinceEpoch: event.time)
            summary.dataStart = min(summary.dataStart ?? when, when)
            summary.dataEnd = max(summary.dataEnd ?? when, when)
            return true
        }
        if records.readFailed {
            throw Diagnostic(file: displayName, line: line, message: "cannot read the file from here on")
        }
        return false
    }

    /// Whether a record's only field is blank (spaces and tabs, or nothing).
    fileprivate static func isBlank(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        if field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
        guard field.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: field, as: UTF8.self).trimmedOfWhitespace.isEmpty
    }
}

private struct RowState {
    let userColumn: Int, timeColumn: Int, kindColumn: Int
    /// Actor, service and target are not among them: `RecordPipeline` interns those.
    let levelColumn: Int?
    var kindTexts = ByteInterner(), levelTexts = ByteInterner()
    var kindOf: [Int16] = [], levelOf: [Int16] = []  // per text: the parsed index, -1 for none
    var order: Int32 = 0
    var userBytes: [UInt8] = []
    var pendingUser: [UInt8] = []
    var userChanged = false
    var event = CompactEvent(time: 0, order: 0, kind: 0, level: -1, actor: -1, service: -1, target: -1)

    init(userColumn: Int, timeColumn: Int, kindColumn: Int, levelColumn: Int?) {
        (self.userColumn, self.timeColumn, self.kindColumn) = (userColumn, timeColumn, kindColumn)
        self.levelColumn = levelColumn
    }

    /// Reads the current record into `event`: nil when it is a usable row, "" for a blank line,
    /// else why it was skipped.
    mutating func readRow(_ reader: RecordPipeline, _ summary: inout EventLogReader.Summary) -> String? {
        reader.withFields { bytes, starts, ends in
            let count = ends.count
            func raw(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[starts[index]..<ends[index]])
            }
            if count == 1 && EventLogScanner.isBlank(raw(0)) { return "" }
            summary.rows += 1
            order += 1
            guard reader.isUTF8 else { return "the row is not UTF-8 text" }

            // A field's value (`EventLogValue`); nil when empty or missing.
            func value<R>(_ index: Int?, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
                guard let index, index < count else { return body(nil) }
                return EventLogValue.with(raw(index), body)
            }
            func text(_ index: Int?) -> String? { value(index) { $0.map { String(decoding: $0, as: UTF8.self) } } }

            let sameUser: Bool? = value(userColumn) { field in
                guard let field else { return nil }
                let same = field.count == userBytes.count
                    && userBytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, field.baseAddress!, field.count) == 0 }
                if !same {
                    pendingUser.removeAll(keepingCapacity: true)
                    pendingUser.append(contentsOf: field)
                }
                return same
            }
            guard let sameUser else { return "no user" }
            let time: Int64?? = value(timeColumn) { field in
                // A value that still has blanks at its ends (after a `'` removed) is trimmed again, as `init(iso:)` does.
                field.map { Timestamp(isoBytes: $0)?.secondsSinceEpoch ?? Timestamp(iso: String(decoding: $0, as: UTF8.self))?.secondsSinceEpoch }
            }
            guard let parsedTime = time else { return "no time" }
            guard let seconds = parsedTime else {
                let timeText = text(timeColumn) ?? ""
                return "time \(Timestamp.problem(with: timeText) ?? "'\(timeText)' is not ISO 8601")"
            }
            let kind: Int16 = value(kindColumn) { field in
                guard let field else { return -1 }
                let id = Int(kindTexts.id(of: field))
                if id == kindOf.count {
                    let parsed = EdgeKind(name: kindTexts.names[id]).flatMap { PathwayEvent.Kind(rawValue: $0.rawValue) }
                    kindOf.append(parsed.flatMap { CompactEvent.kinds.firstIndex(of: $0) }.map(Int16.init) ?? -1)
                }
                return kindOf[id]
            }
            guard kind >= 0 else {
                return "kind '\(text(kindColumn) ?? "")' is not an event kind (contact, referral, admission, discharge, message, epicrisis, meeting)"
            }
            let level: Int16? = value(levelColumn) { field in
                guard let field else { return -1 }
                let id = Int(levelTexts.id(of: field))
                if id == levelOf.count {
                    let parsed = Level(name: levelTexts.names[id])
                    levelOf.append(parsed.flatMap { CompactEvent.levels.firstIndex(of: $0) }.map(Int16.init) ?? -2)
                }
                return levelOf[id] == -2 ? nil : levelOf[id]
            }
            guard let level else { return "unknown level '\(text(levelColumn) ?? "")'" }
            if !sameUser {
                swap(&userBytes, &pendingUser)
            }
            userChanged = !sameUser
            event = CompactEvent(time: seconds, order: order, kind: UInt8(kind), level: Int8(level),
                                 actor: reader.nameID(0), service: reader.nameID(1), target: reader.nameID(2))
            return nil
        }
    }
}

/// A field's value as the event log reads it: trimmed of blanks, the `'` guard against formula
/// injection removed, nil when empty. `body` gets its bytes: the field's own when it needs
/// neither (the common case: an ASCII byte at both ends that is no blank and no `'`).
enum EventLogValue {
    static func with<R>(_ field: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        guard let first = field.first, let last = field.last else { return body(nil) }
        if first < 0x80 && last < 0x80 && first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09
            && first != UInt8(ascii: "'") {
            return body(field)
        }
        let trimmed = String(decoding: field, as: UTF8.self).trimmedOfWhitespace
        guard !trimmed.isEmpty else { return body(nil) }
        var text = CSVText.unguarded(trimmed)
        return text.withUTF8 { body($0) }
    }
}

extension ByteInterner {
    /// The event as the pathway types hold it.
    func pathwayEvent(_ compact: CompactEvent, user: NodeID) -> PathwayEvent {
        PathwayEvent(user: user, time: compact.timestamp, kind: compact.eventKind,
                     actor: compact.actor < 0 ? nil : self[compact.actor],
                     service: compact.service < 0 ? nil : self[compact.service],
                     target: compact.target < 0 ? nil : self[compact.target],
                     level: compact.eventLevel, sourceOrder: Int(compact.order))
    }
}
