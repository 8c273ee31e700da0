import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

/// A self-contained HTML page per graph (its drawings as inline SVG, the measure tables, the
/// organisation's figures, data quality) and an index, in one folder.
public struct ReportJob {
    public var output = "output/report"
    public var language = Language.en
    /// Counts below this are shown as "<N".
    public var suppressBelow: Int?
    public var pathway = PathwaySettings()

    public init() {}

    public func run(_ paths: [String]) throws {
        let (files, missing) = InputFiles.expand(paths)
        missing.forEach { Console.error($0.description) }
        guard !files.isEmpty else { throw InputFailure() }  // nothing to write an index of
        try OutputPath.requireFolder(output)
        var failed = !missing.isEmpty
        let folder = URL(fileURLWithPath: output)
        let html = HTMLReport(language: language, suppressBelow: suppressBelow)
        var entries: [(title: String, file: String, report: MetricsReport)] = []
        for file in files {
            do throws(Diagnostic) {
                let (title, pageName, report, page) = try self.page(for: file, html: html)
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
            Console.error("\(output): error: cannot write the index: \(error.localizedDescription)")
            throw InputFailure()
        }
        Console.error("\(entries.count) report pages → \(folder.appendingPathComponent("index.html").path)")
        if failed { throw InputFailure() }
    }

    /// One graph's page: its title, file name, measures and HTML.
    private func page(for file: InputFile, html: HTMLReport) throws(Diagnostic) -> (String, String, MetricsReport, String) {
        let loaded = try LoadedGraph.load(file)
        let graph = loaded.graph
        let digest = SHA256.hash(data: loaded.bytes).hexadecimal
        let report: MetricsReport
        do {
            report = try MetricsReport(graph: graph, meta: .init(input: file.displayPath, sha256: digest, toolVersion: Tool.version,
                                                                 windowDays: pathway.windowDays, episodeGapDays: pathway.episodeGapDays,
                                                                 language: language),
                                       problems: loaded.validate())
        } catch {
            throw Diagnostic(file: file.displayPath, line: nil, message: error.description)
        }
        let title = graph.attributes["title"] ?? file.relativePath
        let pageName = (file.relativePath as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: "_") + ".html"
        let labels = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.label) }) { first, _ in first }
        let page = html.page(for: report, structure: try? graph.structureMeasures(),
                             figures: try ReportFigures(language: language, pathway: pathway).figures(of: graph, name: file.displayPath),
                             title: title, labels: labels,
                             requirements: RequirementsScorecard.scorecards(of: [(report, graph)]))
        return (title, pageName, report, page)
    }
}

/// Which drawings go on a graph's report page: the org chart (a graph of reporting lines and
/// no users) or the network; then, for each of the first ten users, their map and pathway.
struct ReportFigures {
    let language: Language
    let pathway: PathwaySettings

    func figures(of graph: CollaborationGraph, name: String) throws(Diagnostic) -> [HTMLReport.Figure] {
        func svg(_ view: CollaborationGraph, engine: LayoutEngine = .dot) throws(Diagnostic) -> String {
            do {
                return String(decoding: try Renderer(engine: engine, force: true).render(view), as: UTF8.self)
            } catch {
                throw Diagnostic(file: name, line: nil, message: error.description)
            }
        }
        let words = language.report
        var result: [HTMLReport.Figure] = []
        if graph.edges.contains(where: { $0.declaredKind == .reportsTo }) && graph.users.isEmpty,
           (try? graph.structureMeasures()) != nil {
            result.append(.init(heading: words.organisationChart, svg: try svg(StructureView(language: language).styled(graph))))
        } else {
            result.append(.init(heading: words.network, svg: try svg(NetworkView(language: language).styled(graph))))
        }
        let extracted = graph.pathways()
        let names = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.label) }) { a, _ in a }
        for user in graph.users.prefix(10) {
            if let map = HelperMapView(language: language).styled(graph, user: user.id) {
                result.append(.init(heading: language.map.title(user.label),
                                    svg: try svg(map, engine: .neato)))
            }
            if let userPathway = extracted.pathways.first(where: { $0.user == user.id }), !userPathway.events.isEmpty {
                let view = PathwayView(language: language, options: pathway.options(dataEnd: extracted.dataEnd), names: names)
                result.append(.init(heading: words.pathway(user.label), svg: try svg(view.styled(userPathway), engine: .neato),
                                    isWide: true))
            }
        }
        return result
    }
}
