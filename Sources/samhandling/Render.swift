import ArgumentParser
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

        @Argument(help: "Graph files or folders.")
        var paths: [String] = ["Graphs"]

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

        @Flag(help: "Lay out graphs larger than the chosen layout handles in reasonable time.")
        var force = false

        func run() throws {
            let start = ContinuousClock.now
            // The pathway view draws event logs too.
            let extensions = view == .pathway ? InputFiles.graphExtensions.union(["csv"]) : InputFiles.graphExtensions
            let (files, missing) = InputFiles.expand(paths, extensions: extensions)
            missing.forEach { Console.error($0.description) }
            let outputDirectory = URL(fileURLWithPath: out)
            let renderer = Renderer(engine: layout, format: format, force: force)
            var progress = ProgressBar(total: files.count, enabled: Console.stderrIsTerminal)
            var failed = missing.count
            var rendered = 0
            for file in files {
                progress.advance(label: file.relativePath)
                do throws(Diagnostic) {
                    try render(file, with: renderer, into: outputDirectory)
                    rendered += 1
                } catch {
                    progress.clear()
                    Console.error(error.description)
                    failed += 1
                }
            }
            progress.finish()
            let seconds = (ContinuousClock.now - start).seconds
            Console.error(String(format: "rendered %d, failed %d, in %.2f s → %@", rendered, failed, seconds,
                                 outputDirectory.path))
            if failed > 0 { throw InputFailure() }
        }

        private func render(_ file: InputFile, with renderer: Renderer, into directory: URL) throws(Diagnostic) {
            let name = file.displayPath
            if file.url.pathExtension.lowercased() == "csv" {
                try renderEventLog(file, with: renderer, into: directory)
                return
            }
            let loaded = try LoadedGraph.load(file.url, displayName: name)
            do {
                try renderer.admit(nodes: loaded.graph.nodes.count)
            } catch {
                throw Diagnostic(file: name, line: nil, message: error.description)
            }
            var admitted = renderer
            admitted.force = true  // admitted above; the view's own nodes (legend, rings) do not count
            for (suffix, styled) in try views(of: loaded.graph, name: name) {
                if view == .map || view == .pathway { admitted.engine = .neato }  // positions are pinned for neato
                let bytes: Data
                do {
                    bytes = try admitted.render(dot: DOTWriter().write(styled))
                } catch {
                    throw Diagnostic(file: name, line: nil, message: error.description)
                }
                let target = file.output(in: directory, extension: suffix + format.fileExtension)
                do {
                    try AtomicFile.write(bytes, to: target)
                } catch {
                    throw Diagnostic(file: target.path, line: nil, message: "cannot write: \(error.localizedDescription)")
                }
            }
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
                return users.compactMap { user in
                    HelperMapView(language: lang).styled(graph, user: user).map { (users.count > 1 ? user.rawValue + "." : "", $0) }
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
                let pathwayView = PathwayView(language: lang, options: PathwayOptions(dataEnd: extracted.dataEnd), names: names)
                let several = extracted.pathways.count > 1
                return extracted.pathways.map { (several ? $0.user + "." : "", pathwayView.styled($0)) }
            }
        }

        /// One timeline per user of an event log (the only view an event log has).
        private func renderEventLog(_ file: InputFile, with renderer: Renderer, into directory: URL) throws(Diagnostic) {
            let reader = EventLogReader(url: file.url, displayName: file.displayPath)
            let dataEnd = try reader.latestTime()
            var pending: [(String, CollaborationGraph)] = []
            let view = PathwayView(language: lang, options: PathwayOptions(dataEnd: dataEnd))
            let summary = try reader.forEachPathway(onRestart: { pending.removeAll() }) { pending.append(($0.user + ".", view.styled($0))) }
            summary.skipped.forEach { Console.error($0.description) }
            var neato = renderer
            neato.engine = .neato
            neato.force = true
            for (suffix, styled) in pending {
                let bytes: Data
                do {
                    bytes = try neato.render(dot: DOTWriter().write(styled))
                } catch {
                    throw Diagnostic(file: file.displayPath, line: nil, message: error.description)
                }
                let target = file.output(in: directory, extension: suffix + format.fileExtension)
                do {
                    try AtomicFile.write(bytes, to: target)
                } catch {
                    throw Diagnostic(file: target.path, line: nil, message: "cannot write: \(error.localizedDescription)")
                }
            }
            if !summary.skipped.isEmpty {
                throw Diagnostic(file: file.displayPath, line: nil, message: "\(summary.skipped.count) rows were skipped")
            }
        }
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
