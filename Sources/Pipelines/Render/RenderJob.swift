import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

/// A batch render: inputs (files and folders) to drawings under one output folder, in worker
/// processes when there is more than one core, incrementally (a manifest in the folder says
/// which outputs are up to date), every file written atomically and nothing outside the folder.
/// A file that fails is reported with its line and skipped; the others still render.
public struct RenderJob: Codable, Sendable {
    /// The views a graph can be drawn in.
    public enum View: String, CaseIterable, Codable, Sendable {
        case network, map, pathway, structure, cohort
    }

    /// How the cohort view cuts each pathway into steps (docs/sequences.md).
    public struct CohortSettings: Codable, Sendable, Equatable {
        public var step = SequenceStep.week
        public var alignment = SequenceAlignment.first
        public var states = CareStates.levels

        public init(step: SequenceStep = .week, alignment: SequenceAlignment = .first, states: CareStates = .levels) {
            (self.step, self.alignment, self.states) = (step, alignment, states)
        }

        func settings(episodeGapDays: Double) -> SequenceSettings {
            SequenceSettings(step: step, alignment: alignment, episodeGapDays: episodeGapDays)
        }

        /// Words for the cache key of a drawing.
        var key: String { "\(step.rawValue)|\(alignment.rawValue)|\(states.rawValue)" }
    }

    /// What the network view emphasises.
    public enum Highlight: String, CaseIterable, Codable, Sendable {
        /// Articulation points and bridges: the single points of failure.
        case articulation
    }

    /// How to start a worker: this program, with the arguments that make it call
    /// `RenderJob.serveAsWorker()`.
    public struct WorkerCommand: Sendable {
        public var executable: URL
        public var arguments: [String]

        public init(executable: URL, arguments: [String]) {
            self.executable = executable
            self.arguments = arguments
        }
    }

    public var output = "output"
    public var format = OutputFormat.svg
    public var layout = LayoutEngine.dot
    public var view = View.network
    public var highlight: Highlight?
    public var language = Language.en
    public var pathway = PathwaySettings()
    /// The cohort view's steps, alignment and states.
    public var cohort = CohortSettings()
    /// How XES attributes and OMOP care sites are read.
    public var eventLogs = EventLogSource()
    /// `--by`: in the map view, one map per user and calendar period.
    public var by: PeriodStep?
    /// Render everything again, and lay out graphs larger than the engine's limit.
    public var force = false
    /// Warnings about the inputs fail the run.
    public var strict = false
    /// Worker processes; nil for one per core.
    public var jobs: Int?
    /// Set by `run` for its workers: the output folder's text measurements (`TextMeasureStore`).
    var textMeasures: TextMeasureStore.Setup?

    public init() {}

    /// Renders `paths` into the output folder and prints a summary; fails (exit 1) when an
    /// input failed or had errors (or warnings, when strict).
    public func run(_ paths: [String], workers command: WorkerCommand) throws {
        let start = ContinuousClock.now
        let outputDirectory = URL(fileURLWithPath: output)
        try OutputPath.requireFolder(output)
        // The pathway and cohort views draw event logs too.
        let extensions = view == .pathway || view == .cohort ? InputFiles.graphExtensions.union(InputFiles.eventLogExtensions) : InputFiles.graphExtensions
        let (files, missing) = InputFiles.expand(paths, extensions: extensions)
        missing.forEach { Console.error($0.description) }
        var manifest = RenderManifest(directory: outputDirectory)
        let options = optionsKey
        // Which inputs are up to date. An input with no entry is hashed where it is rendered (in
        // a worker, as it is read); one with an entry by its stamp when that vouches for it, else
        // by reading and hashing it here (and, unchanged, its entry gets the newer stamp).
        var todo: [InputFile] = []
        var refreshed: [(String, RenderManifest.Entry)] = []
        for file in files {
            let input = file.relative.stored
            guard !force, var entry = manifest.entry(input), !entry.outputs.isEmpty else {
                todo.append(file)
                continue
            }
            var content = entry.content
            if entry.stamp == nil || content == nil || !(InputStamp(file.path).map { entry.stamp!.vouches(for: $0) } ?? false) {
                let digest = InputDigest(file)
                content = digest.content
                if digest.stamp != entry.stamp, Self.cacheKey(options, content) == entry.key {
                    (entry.content, entry.stamp) = (content, digest.stamp)
                    refreshed.append((input, entry))
                }
            }
            if !manifest.isFresh(input, key: Self.cacheKey(options, content)) { todo.append(file) }
        }
        do {
            for (input, entry) in refreshed where manifest.isFresh(input, key: entry.key) { manifest.refresh(input, entry) }
            try manifest.begin(redoing: todo.map(\.relative.stored))
            try manifest.flush()  // the refreshed stamps, when nothing is redone
        } catch {
            Console.error(error.description + "; nothing was rendered")
            throw InputFailure()
        }
        var failed = missing.count, rendered = 0, errors = 0, warnings = 0
        // Inputs not rendered again: what was found in them is said again.
        let redone = Set(todo.map(\.relative.stored))
        for file in files where !redone.contains(file.relative.stored) {
            Console.report(manifest.entry(file.relative.stored)?.problems?.map(\.diagnostic) ?? [], errors: &errors, warnings: &warnings)
        }
        var progress = ProgressBar(total: todo.count, enabled: Console.stderrIsTerminal)
        let record = { (file: InputFile, result: Result<RenderOutcome, Diagnostic>) throws(RenderManifest.Failure) in
            progress.advance(label: file.relativePath)
            switch result {
            case .success(let outcome):
                rendered += 1
                if !outcome.problems.isEmpty { progress.clear() }
                Console.report(outcome.problems.map(\.diagnostic), errors: &errors, warnings: &warnings)
                try manifest.record(file.relative.stored, RenderManifest.Entry(
                    key: Self.cacheKey(options, outcome.content), outputs: outcome.outputs, problems: outcome.problems,
                    content: outcome.content, stamp: outcome.stamp))
            case .failure(let diagnostic):
                progress.clear()
                Console.error(diagnostic.description)
                failed += 1
                try manifest.record(file.relative.stored, nil)
            }
        }
        // Texts measured in earlier runs are not measured again (only SVG draws from measurements).
        var texts = format == .svg && !todo.isEmpty ? TextMeasureStore(directory: outputDirectory, reading: !force) : nil
        let recordAndKeep = { (file: InputFile, result: Result<RenderOutcome, Diagnostic>) throws(RenderManifest.Failure) in
            if case .success(let outcome) = result, let measures = outcome.textMeasures { texts?.add(measures) }
            try record(file, result)
        }
        do {
            let workers = min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, todo.count)
            if workers > 1 {
                var job = self
                job.textMeasures = texts?.setup
                try RenderPool(command: command, job: job, workers: workers).run(todo) { file, result in try recordAndKeep(file, result) }
            } else {
                texts?.install()
                let renderer = Renderer(engine: layout, format: format, force: force)
                for file in todo { try record(file, render(file, with: renderer, into: outputDirectory)) }
                if texts != nil { texts?.add(Graphviz.shared.takeFreshTextMeasures()) }
            }
            try manifest.flush()
            do throws(TextMeasureStore.Failure) {
                try texts?.save()
            } catch {
                progress.clear()
                Console.report([Diagnostic(file: error.path, line: nil, severity: .warning, message: "cannot keep the text measurements: \(error.reason)")],
                               errors: &errors, warnings: &warnings)
            }
        } catch let failure as RenderManifest.Failure {
            progress.finish()
            Console.error(failure.description)
            throw InputFailure()
        }
        progress.finish()
        let seconds = (ContinuousClock.now - start).seconds
        let unchanged = files.count - todo.count
        var summary = "rendered \(rendered), failed \(failed)"
        if unchanged > 0 { summary += ", unchanged \(unchanged)" }
        if errors > 0 { summary += ", \(errors) error\(errors == 1 ? "" : "s")" }
        if warnings > 0 { summary += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
        Console.error(summary + String(format: ", in %.2f s → ", seconds) + outputDirectory.path)
        if failed > 0 || errors > 0 || (strict && warnings > 0) { throw InputFailure() }
    }

    /// A worker process's whole life: the job comes in the first frame on standard input, then
    /// each file to render; every request is answered (`RenderWorker.serve`).
    public static func serveAsWorker() {
        RenderWorker.serve { job in
            let renderer = Renderer(engine: job.layout, format: job.format, force: job.force)
            let directory = URL(fileURLWithPath: job.output)
            if let setup = job.textMeasures { TextMeasureStore.install(setup, directory: directory) }
            return { file in
                // What this file had measured goes back with it, to be kept for later runs.
                job.render(file, with: renderer, into: directory).map { outcome in
                    guard job.textMeasures != nil else { return outcome }
                    var outcome = outcome
                    let measures = Graphviz.shared.takeFreshTextMeasures()
                    if !measures.isEmpty { outcome.textMeasures = measures }
                    return outcome
                }
            }
        }
    }

    /// What an output depends on: the input's bytes (their SHA-256, `content`), every option
    /// that changes the drawing, and the versions of the tool and of Graphviz. Not `force`: it
    /// draws the same pictures (it only lifts the size limit), so the run after a forced one is
    /// incremental. An input that could not be read has a key that matches nothing.
    static func cacheKey(_ options: String, _ content: String?) -> String {
        SHA256.hash(data: Data((options + "|" + (content ?? UUID().uuidString)).utf8)).hexadecimal
    }

    /// The options part of `cacheKey`.
    private var optionsKey: String {
        [view.rawValue, format.rawValue, layout.rawValue, language.rawValue, highlight?.rawValue ?? "-",
         by?.rawValue ?? "-", pathway.key, view == .cohort ? cohort.key : "-", Tool.version, Graphviz.libraryVersion].joined(separator: "|")
            + (eventLogs.key.isEmpty ? "" : "|" + eventLogs.key)
    }
}
