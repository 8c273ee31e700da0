import ArgumentParser
import Foundation
import GraphvizSupport
import ServiceGraph

/// The views `render` can draw.
enum ViewKind: String, CaseIterable, ExpressibleByArgument {
    case network
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

        @Option(help: "View: \(ViewKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var view: ViewKind = .network

        @Option(help: "Language of legends: en or nb.")
        var lang: Language = .en

        @Flag(help: "Lay out graphs larger than the chosen layout handles in reasonable time.")
        var force = false

        func run() throws {
            let start = ContinuousClock.now
            let (files, missing) = InputFiles.expand(paths)
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
            let loaded = try LoadedGraph.load(file.url, displayName: name)
            do {
                try renderer.admit(nodes: loaded.graph.nodes.count)
            } catch {
                throw Diagnostic(file: name, line: nil, message: error.description)
            }
            let styled: CollaborationGraph
            switch view {
            case .network: styled = NetworkView(language: lang).styled(loaded.graph)
            }
            let bytes: Data
            var admitted = renderer
            admitted.force = true  // admitted above; the view's legend is a node of its own
            do {
                bytes = try admitted.render(dot: DOTWriter().write(styled))
            } catch {
                throw Diagnostic(file: name, line: nil, message: error.description)
            }
            let target = file.output(in: directory, extension: format.fileExtension)
            do {
                try AtomicFile.write(bytes, to: target)
            } catch {
                throw Diagnostic(file: target.path, line: nil, message: "cannot write: \(error.localizedDescription)")
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
