import ArgumentParser
import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

extension Samhandling {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a self-contained HTML report per graph, and an index.",
            discussion: """
                Each page holds the drawings that apply (network; org chart; each user's map and \
                pathway) as inline SVG, the measure tables, the level transitions, the organisation's \
                figures and a data-quality section. No script, nothing fetched: it reads offline and \
                prints. --suppress-below N shows counts under N as "<N" for tables that will be shared.
                """
        )

        @Argument(help: "Graphs or folders (default: Graphs, when there is one here).")
        var paths: [String] = []

        @Option(name: .shortAndLong, help: "Folder for the pages.")
        var out: String = "output/report"

        @Option(help: "Language of headings: en or nb.")
        var lang: Language = .en

        @Option(name: .customLong("suppress-below"), help: "Show counts below N as <N.")
        var suppressBelow: Int?

        @OptionGroup(title: "Pathways") var pathway: PathwayParameters

        func validate() throws {
            if let suppressBelow, suppressBelow < 1 { throw ValidationError("--suppress-below takes a count of 1 or more") }
            if paths.isEmpty && !FileManager.default.fileExists(atPath: "Graphs") {
                throw ValidationError("name the graphs to report on (files or folders): there is no Graphs folder here to report on by default")
            }
        }

        func run() throws {
            let (files, missing) = InputFiles.expand(paths.isEmpty ? ["Graphs"] : paths)
            missing.forEach { Console.error($0.description) }
            guard !files.isEmpty else { throw InputFailure() }  // nothing to write an index of
            try OutputPath.requireFolder(out)
            var failed = !missing.isEmpty
            let folder = URL(fileURLWithPath: out)
            let html = HTMLReport(language: lang, suppressBelow: suppressBelow)
            var entries: [(title: String, file: String, report: MetricsReport)] = []
            for file in files {
                do throws(Diagnostic) {
                    let loaded = try LoadedGraph.load(file.url, displayName: file.displayPath)
                    let graph = loaded.graph
                    let digest = SHA256.hash(data: loaded.bytes).hexadecimal
                    let report: MetricsReport
                    do {
                        report = try MetricsReport(graph: graph, meta: .init(input: file.displayPath, sha256: digest,
                                                                             toolVersion: Samhandling.version,
                                                                             windowDays: pathway.window,
                                                                             episodeGapDays: pathway.episodeGap),
                                                   problems: loaded.validate())
                    } catch {
                        throw Diagnostic(file: file.displayPath, line: nil, message: error.description)
                    }
                    let structure = try? graph.structureMeasures()
                    let title = graph.attributes["title"] ?? file.relativePath
                    let pageName = (file.relativePath as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: "_") + ".html"
                    let labels = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.label) }) { first, _ in first }
                    let page = html.page(for: report, structure: structure, figures: try figures(of: graph, name: file.displayPath),
                                         title: title, labels: labels)
                    do {
                        try AtomicFile.write(Data(page.utf8), to: folder.appendingPathComponent(pageName))
                    } catch {
                        throw Diagnostic(file: pageName, line: nil, message: "cannot write: \(error.localizedDescription)")
                    }
                    entries.append((title, pageName, report))
                } catch {
                    Console.error(error.description)
                    failed = true
                }
            }
            do {
                try AtomicFile.write(Data(html.index(entries).utf8), to: folder.appendingPathComponent("index.html"))
            } catch {
                Console.error("\(out): error: cannot write the index: \(error.localizedDescription)")
                throw InputFailure()
            }
            Console.error("\(entries.count) report pages → \(folder.appendingPathComponent("index.html").path)")
            if failed { throw InputFailure() }
        }

        /// The drawings that apply to a graph, as SVG.
        private func figures(of graph: CollaborationGraph, name: String) throws(Diagnostic) -> [HTMLReport.Figure] {
            func svg(_ view: CollaborationGraph, engine: LayoutEngine = .dot) throws(Diagnostic) -> String {
                do {
                    return String(decoding: try Renderer(engine: engine, force: true).render(dot: DOTWriter().write(view)), as: UTF8.self)
                } catch {
                    throw Diagnostic(file: name, line: nil, message: error.description)
                }
            }
            let en = lang == .en
            var result: [HTMLReport.Figure] = []
            if graph.edges.contains(where: { $0.declaredKind == .reportsTo }) && graph.users.isEmpty,
               (try? graph.structureMeasures()) != nil {
                result.append(.init(heading: en ? "Organisation chart" : "Organisasjonskart", svg: try svg(StructureView(language: lang).styled(graph))))
            } else {
                result.append(.init(heading: en ? "Network" : "Nettverk", svg: try svg(NetworkView(language: lang).styled(graph))))
            }
            let extracted = graph.pathways()
            for user in graph.users.prefix(10) {
                if let map = HelperMapView(language: lang).styled(graph, user: user.id) {
                    result.append(.init(heading: (en ? "Helper-network map: " : "Hjelpenettverkskart: ") + user.label,
                                        svg: try svg(map, engine: .neato)))
                }
                if let pathway = extracted.pathways.first(where: { $0.user == user.id }), !pathway.events.isEmpty {
                    let names = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.label) }) { a, _ in a }
                    let view = PathwayView(language: lang, options: self.pathway.options(dataEnd: extracted.dataEnd), names: names)
                    result.append(.init(heading: (en ? "Pathway: " : "Forløp: ") + user.label, svg: try svg(view.styled(pathway), engine: .neato),
                                        isWide: true))
                }
            }
            return result
        }
    }
}
