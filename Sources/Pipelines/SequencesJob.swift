import Foundation
import GraphvizSupport
import ServiceGraph

/// Writes every user's care level step by step (docs/sequences.md) as TraMineR reads it: STS or
/// SPELL, for all users of all inputs together. A file that fails is reported and the others
/// are still written; bad rows of an event log are reported with their line.
public struct SequencesJob {
    public enum Format: String, CaseIterable, Sendable {
        case sts, spell
    }

    /// Where to write; nil or `-` for standard output.
    public var output: String?
    public var format = Format.sts
    public var settings = SequenceSettings()
    public var states = CareStates.levels
    /// What a missing step is written as in STS.
    public var missing = "NA"
    public var strict = false
    /// How XES attributes and OMOP care sites are read (docs/formats.md).
    public var eventLogs = EventLogSource()

    public init() {}

    public func run(_ paths: [String]) throws {
        let (files, missingFiles) = InputFiles.expand(paths, extensions: InputFiles.graphExtensions.union(InputFiles.eventLogExtensions))
        missingFiles.forEach { Console.error($0.description) }
        var failed = !missingFiles.isEmpty
        var parts: [SequenceReading] = []
        for file in files {
            do throws(Diagnostic) {
                parts.append(try SequenceReading(file, settings: settings, eventLogs: eventLogs))
            } catch {
                Console.error(error.description)
                failed = true
            }
        }
        let (sequences, problems) = SequenceReading.combine(parts, settings: settings, states: states)
        var errors = 0, warnings = 0
        Console.report(problems, errors: &errors, warnings: &warnings)
        let text = format == .sts ? sequences.sts(missing: missing) : sequences.spell()
        try OutputPath.write(Data(text.utf8), to: output ?? OutputPath.standardOutput)
        if let output, output != OutputPath.standardOutput {
            Console.error("\(sequences.sequences.count) users, \(sequences.length) \(settings.step.rawValue)s → \(output)")
        }
        if errors + warnings > 0 {
            Console.error("sequences: \(files.count) input\(files.count == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s"), "
                          + "\(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        if failed || errors > 0 || (strict && warnings > 0) { throw InputFailure() }
    }
}

/// One input's care-level sequences, each on the input's own calendar axis, with what reading
/// it found: an event log's bad rows and the users left without a sequence.
struct SequenceReading {
    var file: String
    var sequences: [CareSequence] = []
    var problems: [Diagnostic] = []
    /// The calendar origin the sequences were computed on (`--align calendar`).
    var origin: Int?

    /// Reads `file` (an event log or a graph with dated contacts). The data end is `--to` when
    /// given, else the input's latest event; the calendar axis starts at `--from`, else at the
    /// input's first event. An event log is read with `eventLogs` (an XES mapping, OMOP care sites).
    init(_ file: InputFile, settings: SequenceSettings, eventLogs: EventLogSource = EventLogSource()) throws(Diagnostic) {
        self.file = file.displayPath
        let lastSecond = settings.period.end.map { Timestamp(secondsSinceEpoch: $0.secondsSinceEpoch - 1) }
        var omitted: [CareSequence.Omission: Int] = [:]
        func add(_ pathway: Pathway, dataEnd: Timestamp, origin: Int?) {
            switch pathway.careSequence(settings, dataEnd: dataEnd, calendarOrigin: origin) {
            case .success(let sequence): sequences.append(sequence)
            case .failure(let omission): omitted[omission, default: 0] += 1
            }
        }
        if file.isEventLog {
            guard EventLogReader.isEventLog(file.url) else {
                throw Diagnostic(file: file.displayPath, line: 1, message: "not an event log: the header must name user, time and kind columns")
            }
            let reader = EventLogReader(url: file.url, displayName: file.displayPath, source: eventLogs)
            let span = settings.period.from == nil || lastSecond == nil ? try reader.timeSpan() : nil
            let start = settings.period.from ?? span?.first
            let dataEnd = lastSecond ?? span?.last
            origin = start.map(settings.calendarOrigin(first:))
            // Without a data end the log has no event to cut into steps; its bad rows are still reported.
            let (end, calendar) = (dataEnd ?? Timestamp(secondsSinceEpoch: 0), origin)
            let summary = try reader.forEachPathway(onRestart: { sequences.removeAll(); omitted.removeAll() }) {
                add($0, dataEnd: end, origin: calendar)
            }
            problems += summary.skipped
        } else {
            let loaded = try LoadedGraph.load(file)
            let extracted = loaded.graph.pathways()
            guard !extracted.pathways.isEmpty else {
                throw Diagnostic(file: file.displayPath, line: nil, message: "sequences need a node of kind user; this graph has none")
            }
            let firstEvents = extracted.pathways.compactMap { $0.events.first { settings.period.contains($0.time) }?.time }
            origin = (settings.period.from ?? firstEvents.min()).map(settings.calendarOrigin(first:))
            if let dataEnd = lastSecond ?? extracted.dataEnd {
                for pathway in extracted.pathways { add(pathway, dataEnd: dataEnd, origin: origin) }
            }
            problems += loaded.validate()
        }
        if let count = omitted[.noIndexDischarge] {
            problems.append(Diagnostic(file: file.displayPath, line: nil, severity: .warning,
                                       message: "\(count) user\(count == 1 ? " has" : "s have") no index discharge: left out of --align discharge"))
        }
        if let count = omitted[.nothingObserved] {
            problems.append(Diagnostic(file: file.displayPath, line: nil, severity: .warning,
                                       message: "\(count) user\(count == 1 ? "" : "s") discharged on the data's last day: no step to write, left out"))
        }
    }

    /// All inputs' sequences on one axis (a calendar axis from the earliest input's origin), in
    /// input order; a user already read from an earlier input is left out, with a warning.
    static func combine(_ parts: [SequenceReading], settings: SequenceSettings, states: CareStates)
        -> (CareSequences, [Diagnostic])
    {
        var problems: [Diagnostic] = []
        var seen: [NodeID: String] = [:]
        var all: [CareSequence] = []
        let origin = parts.compactMap(\.origin).min()
        for part in parts {
            problems += part.problems
            var shift = 0
            if settings.alignment == .calendar, let origin, let own = part.origin {
                shift = settings.step(holding: settings.start(ofStep: 0, origin: own), origin: origin)
            }
            var repeated: [String] = []
            for sequence in part.sequences {
                if seen[sequence.user] != nil { repeated.append(sequence.user.rawValue); continue }
                seen[sequence.user] = part.file
                all.append(shift == 0 ? sequence : CareSequence(user: sequence.user, firstStep: sequence.firstStep + shift,
                                                                states: sequence.states, origin: origin ?? sequence.origin))
            }
            if !repeated.isEmpty {
                problems.append(Diagnostic(file: part.file, line: nil, severity: .warning,
                                           message: "user\(repeated.count == 1 ? "" : "s") \(repeated.prefix(5).joined(separator: ", "))"
                                               + "\(repeated.count > 5 ? " …" : "") already read from an earlier input: left out"))
            }
        }
        return (CareSequences(settings: settings, states: states, sequences: all), problems)
    }
}
