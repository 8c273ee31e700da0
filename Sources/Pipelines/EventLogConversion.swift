import Foundation
import ServiceGraph

/// `convert` from an event log (the tool's CSV, XES, an OMOP `visit_occurrence` table) to an
/// event log (`--to events` or `xes`): the reader's events go straight to the writer, user by
/// user, without the graph in between, so every event is kept — a stay's actor, a contact with
/// no level, a visit with neither actor nor service. A row the reader cannot use is reported
/// with its file and line and left out; the good rows are still written, atomically (nothing is
/// seen at the output path until the whole log is written), and the command ends with exit 1.
/// A log that cannot be read at all (no header, not an event log) writes nothing.
public struct EventLogConversion {
    public var source = EventLogSource()

    public init(source: EventLogSource = EventLogSource()) {
        self.source = source
    }

    /// Whether `input` → `format` is converted event by event: the input a file that is an
    /// event log, the output an event log.
    public static func applies(input: String, format: GraphFormat) -> Bool {
        guard format == .events || format == .xes else { return false }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), !isFolder.boolValue else { return false }
        return EventLogReader.isEventLog(URL(fileURLWithPath: input))
    }

    /// The written log, piece by piece: its start, one piece per user, its end.
    private struct Pieces {
        let start: String, end: String
        let user: (Pathway) -> String

        init(_ format: GraphFormat) {
            if format == .xes {
                (start, end, user) = (XESWriter.prologue, XESWriter.epilogue, XESWriter.trace(of:))
            } else {
                (start, end, user) = (EventLogWriter.headerText, "", EventLogWriter.rows(of:))
            }
        }
    }

    /// A log not sorted by user is delivered again, grouped: what the first stream wrote is
    /// thrown away (this ends it, leaving nothing at the path) and the grouped users written.
    private struct Regrouped: Error {}

    /// Converts `input` to `output` (a path, or `-` for standard output) in `format`. Each bad
    /// row is reported; any makes the exit code 1 once the rest is written.
    public func run(input: String, output: String, format: GraphFormat) throws {
        let reader = EventLogReader(url: URL(fileURLWithPath: input), displayName: input, source: source)
        let pieces = Pieces(format)
        var skipped: [Diagnostic] = []
        if output == OutputPath.standardOutput {
            // Standard output cannot take back what a first, unsorted pass wrote: gather it.
            var text = pieces.start
            skipped = try read { () throws(Diagnostic) in try reader.forEachPathway(onRestart: { text = pieces.start }) { text += pieces.user($0) } }
            try Console.write(text + pieces.end)
        } else {
            let url = URL(fileURLWithPath: output)
            var grouped: [Pathway]?
            do {
                try AtomicFile.stream(to: url) { write in
                    // Written a megabyte at a time, not a system call per user.
                    var buffer = Data(pieces.start.utf8), failure: Error?
                    skipped = try read { () throws(Diagnostic) in
                        try reader.forEachPathway(onRestart: { grouped = [] }) { pathway in
                            if grouped != nil { grouped?.append(pathway); return }
                            guard failure == nil else { return }
                            buffer.append(contentsOf: pieces.user(pathway).utf8)
                            guard buffer.count >= 1 << 20 else { return }
                            do { try write(buffer) } catch { failure = error }
                            buffer.removeAll(keepingCapacity: true)
                        }
                    }
                    if let failure { throw failure }
                    if grouped != nil { throw Regrouped() }
                    buffer.append(contentsOf: pieces.end.utf8)
                    try write(buffer)
                }
            } catch is Regrouped {
                try write(grouped ?? [], with: pieces, to: url, output: output)
            } catch let failure as InputFailure {
                throw failure
            } catch {
                Console.error("\(output): error: cannot write: \(OutputPath.reason(error))")
                throw InputFailure()
            }
        }
        for problem in skipped { Console.error(problem.description) }
        if !skipped.isEmpty { throw InputFailure() }
    }

    /// Reads the log (with the progress bar on a terminal) and gives the rows it skipped; a log
    /// that cannot be read at all is reported and ends the command.
    private func read(_ body: () throws(Diagnostic) -> EventLogReader.Summary) throws -> [Diagnostic] {
        do throws(Diagnostic) {
            return try ReadingProgress.showing(body).skipped
        } catch {
            Console.error(error.description)
            throw InputFailure()
        }
    }

    /// The users of a log that had to be grouped (held in memory by the reader already).
    private func write(_ pathways: [Pathway], with pieces: Pieces, to url: URL, output: String) throws {
        do {
            var text = pieces.start
            for pathway in pathways { text += pieces.user(pathway) }
            try AtomicFile.write(Data((text + pieces.end).utf8), to: url)
        } catch {
            Console.error("\(output): error: cannot write: \(OutputPath.reason(error))")
            throw InputFailure()
        }
    }
}
