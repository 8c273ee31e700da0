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
    /// Also draw the edited graph into this file (.svg, .png, .pdf; `-` for SVG on standard output).
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
            let before = try metrics.measure(file, weights: weights)
            before.problems.forEach { Console.error($0.description) }
            // An event log's bad rows were reported with `before` and are left out, as metrics leaves them.
            let original = file.isEventLog ? try CSVFolder.graph(ofEventLog: file.url, displayName: input, skippingBadRows: true)
                : try LoadedGraph.load(file.url, displayName: input).graph
            let (edited, marks) = try original.applying(script, isEventLog: file.isEventLog)
            let after = try measure(edited, of: file, weights: weights)
            if let drawing { try draw(edited, marks: marks, to: drawing) }
            var report = ScenarioReport(input: input, script: script, before: before, after: after)
            if requirements {
                let graphs = file.isEventLog ? (nil, nil) : (original, edited)
                report.requirements = (RequirementsScorecard.scorecards(of: [(before, graphs.0)]),
                                       RequirementsScorecard.scorecards(of: [(after, graphs.1)]))
            }
            report.labels = Dictionary((edited.nodes + original.nodes).map { ($0.id.rawValue, $0.label) }) { first, _ in first }
                .filter { $0.key != $0.value }
            return report
        } catch {
            Console.error(error.description)
            throw InputFailure()
        }
    }

    /// The edited graph measured as `metrics` measures the file it would be written to: an
    /// event log through its event-log CSV (`convert --to events`), a graph as a graph.
    private func measure(_ edited: CollaborationGraph, of file: InputFile, weights: LevelPairWeights?) throws(Diagnostic) -> MetricsReport {
        var hasher = SHA256()
        hasher.update(data: CSVFolder.isGraphFolder(file.url) ? CSVFolder.bytes(of: file.url) : (try? FileBytes.read(file.url)) ?? Data())
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

    /// The edited graph in the view that fits, with the changes coloured; an event log's
    /// drawing is the network of its users, professionals and services.
    private func draw(_ edited: CollaborationGraph, marks: ScenarioMarks, to path: String) throws(Diagnostic) {
        let styled = ScenarioView(language: metrics.language, marks: marks).styled(edited)
        do {
            let data = try Renderer(engine: .dot, format: ComparisonJob.drawingFormat(of: path) ?? .svg, force: true)
                .render(styled)
            try AtomicFile.write(data, to: URL(fileURLWithPath: path))
        } catch {
            throw Diagnostic(file: path, line: nil, message: "cannot draw the scenario: \(error)")
        }
    }
}
