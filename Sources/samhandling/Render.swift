import ArgumentParser
import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

/// The views `render` can draw.
enum ViewKind: String, CaseIterable, ExpressibleByArgument {
    case network, map, pathway, structure
}

/// What `--highlight` emphasises in the network view.
enum Highlight: String, CaseIterable, ExpressibleByArgument {
    /// Articulation points and bridges: the single points of failure.
    case articulation
}

extension Samhandling {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render graphs through Graphviz (default: every graph under Graphs/ into output/).",
            discussion: """
                PATH may be files or folders; folders are searched recursively for .dot and .gv \
                files and their structure is mirrored under --out. A file that fails is reported \
                with its line and skipped; the others still render, and the exit code is 1.
                """
        )

        @Argument(help: "Graph files or folders (default: Graphs, when there is one here).")
        var paths: [String] = []

        @Option(name: .shortAndLong, help: "Folder for the renders.")
        var out: String = "output"

        @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: OutputFormat = .svg

        @Option(help: "Layout engine: \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", ")).")
        var layout: LayoutEngine = .dot

        @Option(help: "View: network; structure (an org chart); map (a helper-network map per user) or pathway (a timeline per user, also of event logs), both laid out by neato.")
        var view: ViewKind = .network

        @Option(help: "In the network view, emphasise: articulation (single points of failure and bridges).")
        var highlight: Highlight?

        @Option(help: "Language of legends: en or nb.")
        var lang: Language = .en

        @OptionGroup(title: "Pathway view") var pathway: PathwayParameters

        @Flag(help: "Render everything again, and lay out graphs larger than the layout handles in reasonable time.")
        var force = false

        @Flag(help: "Treat warnings about the inputs as failures (exit 1).")
        var strict = false

        @Option(help: "Worker processes (default: all cores). libgraphviz is not thread-safe, so renders run in parallel processes.")
        var jobs: Int?

        @Flag(help: .hidden)
        var worker = false

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs takes 1 or more") }
            if paths.isEmpty && !worker && !FileManager.default.fileExists(atPath: "Graphs") {
                throw ValidationError("name the graphs to render (files or folders): there is no Graphs folder here to render by default")
            }
        }

        func run() throws {
            if worker { return runWorker() }
            let start = ContinuousClock.now
            let outputDirectory = URL(fileURLWithPath: out)
            try OutputPath.requireFolder(out)
            // The pathway view draws event logs too.
            let extensions = view == .pathway ? InputFiles.graphExtensions.union(["csv"]) : InputFiles.graphExtensions
            let (files, missing) = InputFiles.expand(paths.isEmpty ? ["Graphs"] : paths, extensions: extensions)
            missing.forEach { Console.error($0.description) }
            var manifest = RenderManifest(directory: outputDirectory)
            let keys = Dictionary(files.map { ($0.relativePath, cacheKey(for: $0)) }) { first, _ in first }
            let todo = files.filter { force || !manifest.isFresh($0.relativePath, key: keys[$0.relativePath] ?? "") }
            do {
                try manifest.begin(redoing: todo.map(\.relativePath))
            } catch {
                Console.error(error.description + "; nothing was rendered")
                throw InputFailure()
            }
            var failed = missing.count, rendered = 0, errors = 0, warnings = 0
            func report(_ problems: [Diagnostic]) {
                for problem in problems {
                    Console.error(problem.description)
                    if problem.severity == .error { errors += 1 } else { warnings += 1 }
                }
            }
            // Inputs not rendered again: what was found in them is said again.
            for file in files where !todo.contains(file) {
                report(manifest.entry(file.relativePath)?.problems?.map(\.diagnostic) ?? [])
            }
            var progress = ProgressBar(total: todo.count, enabled: Console.stderrIsTerminal)
            let record = { (file: InputFile, result: Result<RenderOutcome, Diagnostic>) throws(RenderManifest.Failure) in
                progress.advance(label: file.relativePath)
                switch result {
                case .success(let outcome):
                    rendered += 1
                    if !outcome.problems.isEmpty { progress.clear() }
                    report(outcome.problems.map(\.diagnostic))
                    try manifest.record(file.relativePath, keys[file.relativePath].map {
                        RenderManifest.Entry(key: $0, outputs: outcome.outputs, problems: outcome.problems)
                    })
                case .failure(let diagnostic):
                    progress.clear()
                    Console.error(diagnostic.description)
                    failed += 1
                    try manifest.record(file.relativePath, nil)
                }
            }
            do {
                let workers = min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, todo.count)
                if workers > 1 {
                    try RenderPool(executable: URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath(),
                                   arguments: workerArguments, workers: workers).run(todo) { file, result in
                        try record(file, result)
                    }
                } else {
                    let renderer = Renderer(engine: layout, format: format, force: force)
                    for file in todo { try record(file, render(file, with: renderer, into: outputDirectory)) }
                }
                try manifest.flush()
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

        /// The arguments a worker process is started with: every option that changes a drawing.
        private var workerArguments: [String] {
            var arguments = ["render", "--worker", "--out", out, "--format", format.rawValue, "--layout", layout.rawValue,
                             "--view", view.rawValue, "--lang", lang.rawValue,
                             "--window", String(pathway.window), "--episode-gap", String(pathway.episodeGap)]
            if let highlight { arguments += ["--highlight", highlight.rawValue] }
            if force { arguments.append("--force") }
            return arguments
        }

        /// What an output depends on: the input's bytes, every option that changes the drawing,
        /// and the versions of the tool and of Graphviz. Not `--force`: it draws the same
        /// pictures (it only lifts the size limit), so the run after a forced one is incremental.
        private func cacheKey(for file: InputFile) -> String {
            var hasher = SHA256()
            let options = [view.rawValue, format.rawValue, layout.rawValue, lang.rawValue, highlight?.rawValue ?? "-",
                           pathway.key, Samhandling.version, Graphviz.shared.version].joined(separator: "|")
            hasher.update(data: Data(options.utf8))
            if CSVFolder.isGraphFolder(file.url) {
                hasher.update(data: CSVFolder.bytes(of: file.url))
            } else {
                hasher.update(data: (try? FileBytes.read(file.url)) ?? Data(UUID().uuidString.utf8))
            }
            return hasher.finalize().hexadecimal
        }

        /// A worker: renders each file it is sent and answers (`RenderWorker.serve`).
        private func runWorker() {
            let renderer = Renderer(engine: layout, format: format, force: force)
            let directory = URL(fileURLWithPath: out)
            RenderWorker.serve { render($0, with: renderer, into: directory) }
        }

        /// Renders one input: the outputs written (paths under the output folder) and what was
        /// found wrong with the input; a failure when it cannot be drawn at all.
        private func render(_ file: InputFile, with renderer: Renderer, into directory: URL) -> Result<RenderOutcome, Diagnostic> {
            do throws(Diagnostic) {
                if file.url.pathExtension.lowercased() == "csv" {
                    return .success(try renderEventLog(file, with: renderer, into: directory))
                }
                let name = file.displayPath
                let loaded = try LoadedGraph.load(file.url, displayName: name)
                do {
                    try renderer.admit(nodes: loaded.graph.nodes.count)
                } catch {
                    throw Diagnostic(file: name, line: nil, message: error.description)
                }
                var admitted = renderer
                admitted.force = true  // admitted above; the view's own nodes (legend, rings) do not count
                var written: [String] = []
                for (suffix, styled) in try views(of: loaded.graph, name: name) {
                    if view == .map || view == .pathway { admitted.engine = .neato }  // positions are pinned for neato
                    written.append(try write(styled, with: admitted, for: file, suffix: suffix, into: directory))
                }
                return .success(RenderOutcome(outputs: written, problems: loaded.validate().map(RenderManifest.Problem.init)))
            } catch {
                return .failure(error)
            }
        }

        /// Renders one styled graph and writes it atomically; returns the output's path.
        private func write(_ styled: CollaborationGraph, with renderer: Renderer, for file: InputFile, suffix: String,
                           into directory: URL) throws(Diagnostic) -> String {
            let bytes: Data
            do {
                bytes = try renderer.render(styled)
            } catch {
                throw Diagnostic(file: file.displayPath, line: nil, message: error.description)
            }
            let target = file.output(in: directory, extension: suffix + format.fileExtension)
            guard OutputFolder.contains(target, folder: directory) else {
                throw Diagnostic(file: target.path, line: nil, message: "not written: it would lie outside the output folder \(directory.path)")
            }
            do {
                try AtomicFile.write(bytes, to: target)
            } catch {
                throw Diagnostic(file: target.path, line: nil, message: "cannot write: \(OutputPath.reason(error))")
            }
            return target.path
        }

        /// The styled graphs to render for one input, each with the suffix its output file
        /// takes before the extension: one network, or one map per user (`name.kari.svg` when
        /// the file has several users).
        private func views(of graph: CollaborationGraph, name: String) throws(Diagnostic) -> [(String, CollaborationGraph)] {
            switch view {
            case .network:
                var network = NetworkView(language: lang)
                if highlight == .articulation {
                    let whole = graph.wholeGraphMeasures()
                    network.emphasizedNodes = Set(whole.articulationPoints)
                    network.emphasizedEdges = Set(whole.bridges)
                }
                return [("", network.styled(graph))]
            case .map:
                let users = graph.users.map(\.id)
                guard !users.isEmpty else {
                    throw Diagnostic(file: name, line: nil, message: "the map view needs a node of kind user; this graph has none")
                }
                let safe = SafeFileName.components(users.map(\.rawValue))
                return users.compactMap { user in
                    HelperMapView(language: lang).styled(graph, user: user).map { (users.count > 1 ? safe[user.rawValue]! + "." : "", $0) }
                }
            case .structure:
                do {
                    _ = try graph.structureMeasures()  // a reporting cycle is an error, named
                } catch {
                    throw Diagnostic(file: name, line: nil, message: error.description)
                }
                return [("", StructureView(language: lang).styled(graph))]
            case .pathway:
                let extracted = graph.pathways()
                guard !extracted.pathways.isEmpty else {
                    throw Diagnostic(file: name, line: nil, message: "the pathway view needs a node of kind user; this graph has none")
                }
                let names = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.htmlAttributes.contains("label") ? $0.id.rawValue : $0.label) }) { a, _ in a }
                let pathwayView = PathwayView(language: lang, options: pathway.options(dataEnd: extracted.dataEnd), names: names)
                let several = extracted.pathways.count > 1
                let safe = SafeFileName.components(extracted.pathways.map(\.user))
                return extracted.pathways.map { (several ? safe[$0.user]! + "." : "", pathwayView.styled($0)) }
            }
        }

        /// One timeline per user of an event log (the only view an event log has); rows that
        /// could not be read are the outcome's problems.
        private func renderEventLog(_ file: InputFile, with renderer: Renderer, into directory: URL) throws(Diagnostic) -> RenderOutcome {
            let reader = EventLogReader(url: file.url, displayName: file.displayPath)
            let dataEnd = try reader.latestTime()
            var pending: [(String, CollaborationGraph)] = []
            let view = PathwayView(language: lang, options: pathway.options(dataEnd: dataEnd))
            let summary = try reader.forEachPathway(onRestart: { pending.removeAll() }) { pending.append(($0.user, view.styled($0))) }
            let safe = SafeFileName.components(pending.map(\.0))
            pending = pending.map { (safe[$0.0]! + ".", $0.1) }
            var neato = renderer
            neato.engine = .neato
            neato.force = true
            var written: [String] = []
            for (suffix, styled) in pending {
                written.append(try write(styled, with: neato, for: file, suffix: suffix, into: directory))
            }
            return RenderOutcome(outputs: written, problems: summary.skipped.map(RenderManifest.Problem.init))
        }
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
