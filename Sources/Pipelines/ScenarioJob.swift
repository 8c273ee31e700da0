import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

/// A what-if scenario: an edit script applied to a graph or an event log in memory (the input is
/// never changed), the measures before and after exactly as `metrics` computes them with the
/// same options, and every one that changed; optionally the edited graph drawn with the
/// changes coloured.
public struct ScenarioJob {
    public var input: String
    public var edits: String
    /// The options of `metrics`: format, period, granularity, window, episode gap, language.
    public var metrics = MetricsJob()
    /// Also draw the edited graph into this file (.svg, .png, .pdf); an event log's pathways
    /// into one file per user changed (`name.USER.svg`).
    public var drawing: String?
    /// Also show the seven requirements before and after (in the table and the JSON).
    public var requirements = false

    public init(input: String, edits: String) {
        self.input = input
        self.edits = edits
    }

    public func run() throws {
        let report = try scenario()
        switch metrics.format {
        case .json: try Console.write(report.json.serialized())
        case .csv: try Console.write(report.csv)
        case .table: try Console.write(report.table(language: metrics.language))
        }
    }

    /// Reads, edits and measures; every failure is reported and nothing is printed.
    private func scenario() throws -> ScenarioReport {
        do throws(Diagnostic) {
            let script = try EditScript(text: TextFile.read(URL(fileURLWithPath: edits), displayName: edits), file: edits)
            let file = InputFile(url: URL(fileURLWithPath: input), relativePath: (input as NSString).lastPathComponent, displayPath: input)
            let weights = try metrics.weights()
            // The input is read once for a graph; an event log is measured as metrics streams it,
            // then read into the graph the edits apply to.
            let before: MetricsReport, original: CollaborationGraph, inputBytes: Data
            if file.isEventLog {
                before = try metrics.measure(file, weights: weights)
                // Its bad rows were reported with `before` and are left out, as metrics leaves them.
                original = try CSVFolder.graph(ofEventLog: file.url, displayName: input, skippingBadRows: true, source: metrics.eventLogs)
                inputBytes = (try? FileBytes.read(file.url)) ?? Data()
            } else {
                let loaded = try LoadedGraph.load(file.url, displayName: input)
                before = try metrics.measure(loaded, of: file, weights: weights)
                (original, inputBytes) = (loaded.graph, loaded.bytes)
            }
            before.problems.forEach { Console.error($0.description) }
            let (edited, marks) = try original.applying(script, isEventLog: file.isEventLog)
            let after = try measure(edited, of: file, inputBytes: inputBytes, weights: weights)
            var report = ScenarioReport(input: input, script: script, before: before, after: after)
            if requirements {
                let graphs = file.isEventLog ? (nil, nil) : (original, edited)
                report.requirements = (RequirementsScorecard.scorecards(of: [(before, graphs.0)]),
                                       RequirementsScorecard.scorecards(of: [(after, graphs.1)]))
            }
            report.labels = Dictionary((edited.nodes + original.nodes).map { ($0.id.rawValue, $0.label) }) { first, _ in first }
                .filter { $0.key != $0.value }
            if let drawing {
                if file.isEventLog {
                    let changed = Set(report.changes.filter { $0.scope == .pathway }.compactMap(\.subject))
                    try drawPathways(before: original, after: edited, marks: marks, changed: changed, meta: after.meta, to: drawing)
                } else {
                    try draw(edited, marks: marks, to: drawing)
                }
            }
            return report
        } catch {
            Console.error(error.description)
            throw InputFailure()
        }
    }

    /// The edited graph measured as `metrics` measures the file it would be written to: an
    /// event log through its event-log CSV (`convert --to events`), a graph as a graph.
    private func measure(_ edited: CollaborationGraph, of file: InputFile, inputBytes: Data,
                         weights: LevelPairWeights?) throws(Diagnostic) -> MetricsReport {
        var hasher = SHA256()
        hasher.update(data: inputBytes)
        hasher.update(data: (try? FileBytes.read(URL(fileURLWithPath: edits))) ?? Data())
        let meta = metrics.meta(file, sha256: hasher.finalize().hexadecimal)
        guard file.isEventLog else {
            do {
                return try MetricsReport(graph: edited, meta: meta, period: metrics.period, fcdWeights: weights,
                                         problems: edited.validate(file: input), scope: metrics.scope)
            } catch {
                throw Diagnostic(file: input, line: nil, message: error.description)
            }
        }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("samhandling-scenario-\(getpid())-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: log) }
        do {
            try AtomicFile.write(Data(EventLogWriter.write(edited.pathways().pathways).utf8), to: log)
        } catch {
            throw Diagnostic(file: log.path, line: nil, message: "cannot write a temporary file: \(OutputPath.reason(error))")
        }
        return try MetricsReport(eventLog: EventLogReader(url: log, displayName: input), meta: meta, period: metrics.period)
    }

    /// The edited graph in the view that fits (network or structure), with the changes coloured.
    private func draw(_ edited: CollaborationGraph, marks: ScenarioMarks, to path: String) throws(Diagnostic) {
        try write(ScenarioView(language: metrics.language, marks: marks).styled(edited), engine: .dot, to: path)
    }

    /// An event log's edited pathways in the pathway view, one file per user whose visits or
    /// pathway measures the edits changed (`name.USER.svg` beside `path`), the visits new or at a
    /// new level outlined in the scenario's colours and the visits taken away greyed.
    private func drawPathways(before original: CollaborationGraph, after edited: CollaborationGraph, marks: ScenarioMarks,
                              changed: Set<String>, meta: MetricsReport.Meta, to path: String) throws(Diagnostic) {
        let beforePathways = Dictionary(original.pathways().pathways.map { ($0.user, $0) }) { first, _ in first }
        let extracted = edited.pathways()
        var view = PathwayView(language: metrics.language, options: meta.pathwayOptions(period: metrics.period, dataEnd: extracted.dataEnd))
        var drawn: [(NodeID, CollaborationGraph)] = []
        for pathway in extracted.pathways {
            view.scenario = ScenarioPathway(before: beforePathways[pathway.user], after: pathway, added: marks.added)
            guard !(view.scenario?.isEmpty ?? true) || changed.contains(pathway.user.rawValue) else { continue }
            drawn.append((pathway.user, view.styled(pathway)))
        }
        guard !drawn.isEmpty else {
            Console.error("\(input): the edits change no user's pathway: nothing drawn")
            return
        }
        let safe = SafeFileName.components(drawn.map(\.0.rawValue))
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().path, suffix = url.pathExtension
        for (user, styled) in drawn {
            try write(styled, engine: .neato, to: stem + "." + safe[user.rawValue]! + "." + suffix)
        }
        Console.error("\(input): drew \(drawn.count) pathway\(drawn.count == 1 ? "" : "s") as \(stem).USER.\(suffix)")
    }

    private func write(_ styled: CollaborationGraph, engine: LayoutEngine, to path: String) throws(Diagnostic) {
        do {
            let data = try Renderer(engine: engine, format: ComparisonJob.drawingFormat(of: path) ?? .svg, force: true).render(styled)
            try AtomicFile.write(data, to: URL(fileURLWithPath: path))
        } catch {
            throw Diagnostic(file: path, line: nil, message: "cannot draw the scenario: \(error)")
        }
    }
}
