import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

/// Measures graphs and event logs and prints the result as a table, JSON or CSV. CSV goes out
/// row by row, each input as it is measured (an event log's users as they are measured, so
/// memory does not grow with them); JSON and the table are printed whole at the end. A file
/// that fails is reported and the others are still measured.
public struct MetricsJob {
    public var format = MetricsFormat.table
    /// As given, for the meta of each report.
    public var from: String?, to: String?
    public var granularity = Granularity.professional
    /// `--by`: measure each user again in each calendar period.
    public var by: PeriodStep?
    public var pathway = PathwaySettings()
    public var language = Language.en
    public var scope = MetricsReport.Scope.all
    /// A CSV of level_a,level_b,weight for the fragmented care density.
    public var fcdWeights: String?
    public var strict = false
    /// How XES attributes and OMOP care sites are read.
    public var eventLogs = EventLogSource()
    /// `--parts`: each folder is one event log in parts (LogInputs.swift).
    public var parts = false
    /// Threads measuring an event log's users (the output is the same on any number).
    public var jobs = ProcessInfo.processInfo.activeProcessorCount

    public init() {}

    var period: Period { Period(from: from, to: to) ?? Period() }

    public func run(_ paths: [String]) throws {
        let weights: LevelPairWeights?
        do throws(Diagnostic) {
            weights = try self.weights()
        } catch {
            Console.error(error.description)
            throw InputFailure()
        }
        let (files, missing) = LogInputs.expand(paths, parts: parts, extensions: InputFiles.graphExtensions.union(InputFiles.eventLogExtensions))
        defer { StandardInput.shared.removeCopy() }
        var failed = !missing.isEmpty
        missing.forEach { Console.error($0.description) }
        let streaming = format == .csv
        if streaming { try Console.write(MetricsFormat.csvText([MetricsFormat.csvHeader(byPeriod: by != nil)])) }
        var reports: [MetricsReport] = []
        var errors = 0, warnings = 0
        for file in files {
            do {
                Console.report(try prepareStandardInput(file), errors: &errors, warnings: &warnings)
                let problems: [Diagnostic]
                if streaming && file.isEventLog {
                    problems = try ReadingProgress.showing { try streamEventLog(file) }
                } else {
                    let report = try ReadingProgress.showing { () throws(Diagnostic) in try measure(file, weights: weights) }
                    if streaming {
                        try Console.write(MetricsFormat.csvText(MetricsFormat.csvRows(report)))
                    } else {
                        reports.append(report)
                    }
                    problems = report.problems
                }
                // Bad rows and vocabulary errors are reported; the rest of the input is measured.
                Console.report(problems, errors: &errors, warnings: &warnings)
            } catch let diagnostic as Diagnostic {
                Console.error(diagnostic.description)
                failed = true
            }
        }
        if !streaming { try Console.write(format.render(reports)) }
        if errors + warnings > 0 {
            Console.error("metrics: \(files.count) input\(files.count == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s"), "
                          + "\(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        if failed || errors > 0 || (strict && warnings > 0) { throw InputFailure() }
    }

    /// The fragmented-care-density weights of `fcdWeights`, when given.
    func weights() throws(Diagnostic) -> LevelPairWeights? {
        guard let path = fcdWeights else { return nil }
        return try LevelPairWeights.read(text: TextFile.read(URL(fileURLWithPath: path), displayName: path), file: path)
    }

    func meta(_ file: InputFile, sha256: String) -> MetricsReport.Meta {
        MetricsReport.Meta(input: file.displayPath, sha256: sha256, toolVersion: Tool.version, from: from, to: to,
                           granularity: granularity, windowDays: pathway.windowDays,
                           episodeGapDays: pathway.episodeGapDays, language: language, by: by)
    }

    func measure(_ file: InputFile, weights: LevelPairWeights? = nil) throws(Diagnostic) -> MetricsReport {
        try measureKeepingGraph(file, weights: weights).report
    }

    /// The measures of `file`, with the graph they were taken from (nil for an event log, which
    /// is read as a stream).
    func measureKeepingGraph(_ file: InputFile, weights: LevelPairWeights? = nil) throws(Diagnostic)
        -> (report: MetricsReport, graph: CollaborationGraph?)
    {
        if file.isEventLog {
            let (reader, meta) = try eventLog(file)
            return (try MetricsReport(eventLog: reader, meta: meta, period: period), nil)
        }
        let loaded = try LoadedGraph.load(file)
        return (try measure(loaded, of: file, weights: weights), loaded.graph)
    }

    /// The measures of a graph already read from `file`.
    func measure(_ loaded: LoadedGraph, of file: InputFile, weights: LevelPairWeights?) throws(Diagnostic) -> MetricsReport {
        do {
            return try MetricsReport(graph: loaded.graph, meta: meta(file, sha256: SHA256.hash(data: loaded.bytes).hexadecimal),
                                     period: period, fcdWeights: weights, problems: loaded.validate(), scope: scope)
        } catch {
            throw Diagnostic(file: file.displayPath, line: nil, message: error.description)
        }
    }

    /// The reader and meta of an event log; the digest (a whole pass over the file) only when
    /// the output shows it (JSON and table do, CSV rows do not).
    private func eventLog(_ file: InputFile, withDigest: Bool = true) throws(Diagnostic) -> (EventLogReader, MetricsReport.Meta) {
        guard scope == .all else {
            throw Diagnostic(file: file.displayPath, line: nil,
                             message: "an event log has no whole graph to measure (--scope whole is for graphs)")
        }
        guard file.logInput != .file || EventLogReader.isEventLog(file.url) else {
            throw Diagnostic(file: file.displayPath, line: 1,
                             message: "not an event log: the header must name user, time and kind columns "
                                + "(or person_id, visit_concept_id and visit_start_datetime: an OMOP visit_occurrence table)")
        }
        let meta = meta(file, sha256: withDigest ? try FileDigest.sha256(of: file) : "")
        return (file.eventLogReader(source: eventLogs), meta)
    }

    /// Writes an event log's CSV rows as its users are measured. They go to a temporary file
    /// first, which is emptied if the log turns out not to be sorted by user and is read
    /// again, then to standard output; the skipped rows are returned.
    private func streamEventLog(_ file: InputFile) throws -> [Diagnostic] {
        let (reader, meta) = try eventLog(file, withDigest: false)
        if reader.isCompact {
            // One pass over the bytes, then the users measured on `jobs` threads, rows in order.
            var pending: [UInt8] = []
            let summary = try MetricsReport.streamCSVRows(eventLog: reader, meta: meta, period: period, jobs: jobs) { rows in
                pending += rows
                if pending.count >= 1 << 20 {
                    try Console.write(Data(pending))
                    pending.removeAll(keepingCapacity: true)
                }
            }
            if !pending.isEmpty { try Console.write(Data(pending)) }
            return summary.skipped
        }
        let spill = try SpillFile(for: file)
        defer { spill.remove() }
        let progress = ReadProgress.current
        let summary = try MetricsReport.streamPathways(eventLog: reader, meta: meta, period: period, onRestart: spill.empty) { measured in
            progress?.countUser()
            spill.append(MetricsFormat.csvText(measured.rows.map { MetricsFormat.csvRow(input: meta.input, pathway: $0, byPeriod: by != nil) }))
        }
        try spill.copyToStandardOutput()
        return summary.skipped
    }
}

extension InputFile {
    var isEventLog: Bool { logInput != .file || EventLogFormat.named(url) != nil }
}

/// SHA-256 of a file, read in pieces (event logs can be gigabytes).
enum FileDigest {
    /// Of a log in parts, the parts' bytes one after another; none of standard input (read once).
    static func sha256(of file: InputFile) throws(Diagnostic) -> String {
        var hasher = SHA256()
        switch file.logInput {
        case .standardInput: return ""
        case .parts(let parts): for part in parts { try add(part, to: &hasher) }
        case .file: try add(file, to: &hasher)
        }
        return hasher.finalize().hexadecimal
    }

    private static func add(_ file: InputFile, to hasher: inout SHA256) throws(Diagnostic) {
        guard let handle = try? FileHandle(forReadingFrom: file.url) else {
            throw Diagnostic(file: file.displayPath, line: nil, message: "cannot open the file")
        }
        defer { try? handle.close() }
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
    }
}

/// A temporary file that rows are written to, in 1 MB pieces, before they go to standard
/// output; emptied when the reading starts over.
final class SpillFile {
    private let url: URL
    private let handle: FileHandle
    private let file: InputFile
    private var buffer: [UInt8] = []
    private var writeFailed = false

    init(for file: InputFile) throws(Diagnostic) {
        self.file = file
        url = FileManager.default.temporaryDirectory.appendingPathComponent("samhandling-metrics-\(getpid())-\(UUID().uuidString).csv")
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = try? FileHandle(forUpdating: url) else {
            throw Diagnostic(file: file.displayPath, line: nil, message: "cannot create a temporary file in \(url.path)")
        }
        self.handle = handle
    }

    func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    func empty() {
        buffer.removeAll(keepingCapacity: true)
        do { try handle.truncate(atOffset: 0) } catch { writeFailed = true }
    }

    func copyToStandardOutput() throws {
        flush()
        guard !writeFailed, (try? handle.seek(toOffset: 0)) != nil else {
            throw Diagnostic(file: file.displayPath, line: nil, message: "cannot write the temporary file \(url.path)")
        }
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { try Console.write(chunk) }
    }

    func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }

    private func flush() {
        do { try handle.write(contentsOf: buffer) } catch { writeFailed = true }
        buffer.removeAll(keepingCapacity: true)
    }
}
