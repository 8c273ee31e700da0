import Foundation

/// Where an event log's bytes come from (docs/pathways.md, "Sharding"): the reader's file,
/// standard input, or a folder of parts read one after another as one log.
public enum EventLogInput: Sendable, Equatable {
    /// The file at the reader's `url`.
    case file
    /// Standard input: the tool's own CSV form, read once as it comes, never sought (a pipe, a
    /// Spark partition). Read twice only after `StandardInput.keepCopy()`.
    case standardInput
    /// Part files, in order, read as one log: each with its header, which must be the first
    /// part's. A user whose rows run from the end of one part into the next is one user.
    case parts([InputFile])
}

/// The process's standard input as an event log. Its first piece is read to find the header;
/// the records are then read from that piece on, once. When a command needs two passes (the
/// data end for censoring, without `--to`), `keepCopy` first copies it to a temporary file,
/// which is then read as often as needed.
public final class StandardInput: @unchecked Sendable {
    public static let shared = StandardInput()
    /// How messages name it.
    public static let displayName = "standard input"

    private let lock = NSLock()
    private let handle = FileHandle(fileDescriptor: STDIN_FILENO, closeOnDealloc: false)
    private var prefix: Data?
    private var opened = false
    private var copy: URL?

    /// The header line, without a byte-order mark; an empty standard input is the error.
    func header() throws(Diagnostic) -> String {
        try EventLogReader.headerLine(of: headerPiece(), displayName: Self.displayName,
                                      empty: "standard input is empty: an event log needs a header row (user,time,kind,…)")
    }

    /// The bytes read so far: at least the first line (or 64 KB, or all there is).
    private func headerPiece() -> Data {
        lock.withLock {
            if let prefix { return prefix }
            var bytes = Data()
            while bytes.count < 65_536, !bytes.contains(0x0A), !bytes.contains(0x0D),
                  let piece = try? handle.read(upToCount: 65_536 - bytes.count), !piece.isEmpty {
                bytes += piece
            }
            prefix = bytes
            return bytes
        }
    }

    /// The bytes from the start: once, unless a copy was kept.
    func open() throws(Diagnostic) -> any RecordByteSource {
        let piece = headerPiece()
        lock.lock()
        defer { lock.unlock() }
        if let copy {
            guard let file = try? FileHandle(forReadingFrom: copy) else {
                throw Diagnostic(file: Self.displayName, line: nil, message: "cannot read the copy kept in \(copy.path)")
            }
            return FileByteSource(file)
        }
        guard !opened else {
            throw Diagnostic(file: Self.displayName, line: nil, message: """
                the rows are not sorted by user, and standard input is read once as a stream: sort it by user \
                (each user's rows together, users in ascending order, as a Spark job's sortWithinPartitions does), \
                or give the log as a file
                """)
        }
        opened = true
        return PrefixedByteSource(prefix: piece, rest: FileByteSource(handle, closes: false))
    }

    /// Copies the rest of standard input to a temporary file, so that it can be read twice.
    public func keepCopy() throws(Diagnostic) {
        let piece = headerPiece()
        lock.lock()
        defer { lock.unlock() }
        guard copy == nil, !opened else { return }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("samhandling-stdin-\(getpid())-\(UUID().uuidString).csv")
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let out = try? FileHandle(forWritingTo: url) else {
            throw Diagnostic(file: Self.displayName, line: nil, message: "cannot create a temporary file in \(url.deletingLastPathComponent().path)")
        }
        defer { try? out.close() }
        do {
            try out.write(contentsOf: piece)
            while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty { try out.write(contentsOf: data) }
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw Diagnostic(file: Self.displayName, line: nil, message: "cannot copy standard input to \(url.path): \(error.localizedDescription)")
        }
        copy = url
    }

    /// Removes the copy, if one was kept.
    public func removeCopy() {
        lock.withLock {
            if let copy { try? FileManager.default.removeItem(at: copy) }
            copy = nil
        }
    }
}

extension EventLogReader {
    /// A reader of standard input (`-` on the command line).
    public static func standardInput(source: EventLogSource = EventLogSource()) -> EventLogReader {
        var reader = EventLogReader(url: URL(fileURLWithPath: "-"), displayName: StandardInput.displayName, source: source)
        reader.input = .standardInput
        return reader
    }

    /// A reader of `parts` as one log, named `displayName` (the folder).
    public static func parts(_ parts: [InputFile], folder: URL, displayName: String,
                             source: EventLogSource = EventLogSource()) -> EventLogReader {
        var reader = EventLogReader(url: folder, displayName: displayName, source: source)
        reader.input = .parts(parts)
        return reader
    }

    /// The log's records from the start (the header first), from the file or standard input;
    /// counted into `ReadProgress.current` when a progress bar is shown.
    func openRecords() throws(Diagnostic) -> CSVRecordReader {
        let header: String, bytes: any RecordByteSource, total: Int64?
        if input == .standardInput {
            header = try StandardInput.shared.header()
            let columns = Set(Self.split(header, separator: Self.delimiter(of: header)).map { $0.lowercased() })
            if OMOPVisitReader.isVisitTable(columns) {
                throw Diagnostic(file: displayName, line: 1, message: "an OMOP visit_occurrence table is read from a file, not from standard input")
            }
            (bytes, total) = (try StandardInput.shared.open(), nil)
        } else {
            header = try Self.headerLine(of: url, displayName: displayName)
            guard let handle = try? FileHandle(forReadingFrom: url) else {
                throw Diagnostic(file: displayName, line: nil, message: "cannot open the file")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber
            (bytes, total) = (FileByteSource(handle), size?.int64Value)
        }
        let counted = ReadProgress.current.map { CountedByteSource(bytes, progress: $0, total: total) } ?? bytes
        return CSVRecordReader(source: counted, delimiter: UInt8(ascii: Self.delimiter(of: header)))
    }

    /// Reads parts one after another as one log, each by its own header, naming the part and its
    /// line in every message; the events keep their order across parts. A part that is not an
    /// event log, or whose header is not the first part's, or that cannot be read, is reported
    /// (in `skipped`) and left out, and the others are read.
    func readParts(_ parts: [InputFile], into summary: inout Summary, _ accept: (PathwayEvent) -> Bool) throws(Diagnostic) {
        let progress = ReadProgress.current
        let sizes = parts.map { (try? FileManager.default.attributesOfItem(atPath: $0.url.path)[.size]) as? NSNumber }
        progress?.holdPass(total: sizes.reduce(Int64(0)) { $0 + ($1?.int64Value ?? 0) })
        defer { progress?.releasePass() }
        var first: (header: String, part: InputFile)?
        for part in parts {
            func leaveOut(_ line: Int?, _ message: String) {
                summary.skipped.append(Diagnostic(file: part.displayPath, line: line, message: message + "; the part is left out"))
            }
            if EventLogFormat.named(part.url) == .xes {
                leaveOut(nil, "a folder of parts is read as one CSV log, and this part is XES")
                continue
            }
            let header: String
            do {
                header = try Self.headerLine(of: part.url, displayName: part.displayPath)
            } catch {
                leaveOut(error.line, error.message)
                continue
            }
            if let first, first.header != header {
                leaveOut(1, "the header is not the first part's (\(first.part.displayPath)): '\(header)', not '\(first.header)'")
                continue
            }
            guard Self.isEventLog(part.url) else {
                leaveOut(1, "not an event log: the header must name user, time and kind columns")
                continue
            }
            first = first ?? (header, part)
            let reader = EventLogReader(url: part.url, displayName: part.displayPath, source: source)
            let before = summary.rows
            var stopped = false
            do {
                try reader.readEvents(into: &summary) { event in
                    var event = event
                    event.sourceOrder += before  // rows at one instant keep the order of the whole
                    stopped = !accept(event)
                    return !stopped
                }
            } catch {
                summary.skipped.append(error)  // what was read before the error counts, as in one file
            }
            if stopped { return }
        }
    }
}
