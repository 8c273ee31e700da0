import Foundation
import GraphvizSupport
import ServiceGraph

/// Org charts drawn for a comparison: several side by side, or one reorganisation with its
/// changes coloured.
struct ChartDrawing {
    let language: Language

    static let added = "#009E73", moved = "#E69F00", removed = "#999999"

    /// The chart after a reorganisation, with what was added and moved coloured and what was
    /// removed still visible, greyed and dashed.
    func reorganisation(_ change: Reorganisation, before old: CollaborationGraph, after new: CollaborationGraph,
                        title: String, to path: String) throws {
        var view = StructureView(language: language)
        for unit in change.unitsAdded { view.highlights[.node(unit)] = Self.added }
        for move in change.moved { view.highlights[.node(move.unit)] = Self.moved }
        for tie in change.tiesAdded { view.highlights[.edge(tie.source, tie.target)] = Self.added }
        let words = language.reorganisation
        var drawing = StructureView.canvas(title: words.changes(title))
        view.styled(new, into: &drawing)
        for unit in change.unitsRemoved + change.forumsLost where drawing[unit] == nil {
            drawing.addNode(Node(id: unit, attributes: [
                "label": old[unit]?.label ?? unit.rawValue, "shape": "box", "style": "dashed",
                "color": Self.removed, "fontcolor": Self.removed, "fontname": Style.fontName, "fontsize": "10",
            ]))
        }
        for tie in change.tiesRemoved where tie.kind == .declared(.reportsTo) {
            drawing.addEdge(Edge(source: tie.target, target: tie.source, attributes: [
                "dir": "back", "style": "dashed", "color": Self.removed,
            ]))
        }
        view.addLegend(to: &drawing, for: [old, new], extra: [
            ("■", Self.added, words.added), ("■", Self.moved, words.moved), ("┅", Self.removed, words.removed),
        ])
        try reportingFailures(of: path) {
            try OutputPath.write(try render(drawing, as: ComparisonJob.drawingFormat(of: path) ?? .svg), to: path)
        }
    }

    /// Each chart drawn on its own, one to an A4-landscape page, the pages one under the other
    /// and the legend on the last: one self-contained SVG, or (PNG, PDF) the drawings placed as
    /// images by Graphviz, each fitted to its page.
    func sideBySide(_ charts: [(name: String, graph: CollaborationGraph)], to path: String) throws {
        let format = ComparisonJob.drawingFormat(of: path) ?? .svg
        let view = StructureView(language: language)
        var drawings = charts.map { chart -> CollaborationGraph in
            var drawing = StructureView.canvas(title: chart.name)
            view.styled(chart.graph, into: &drawing)
            return drawing
        }
        var legend = StructureView.canvas(title: "")
        view.addLegend(to: &legend, for: charts.map(\.graph))
        drawings.append(legend)
        try reportingFailures(of: path) {
            if format == .svg {
                let svgs = try drawings.map { String(decoding: try render($0, as: .svg), as: UTF8.self) }
                return try OutputPath.write(Data(SVGGrid.pages(svgs).utf8), to: path)
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samhandling-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var pages = CollaborationGraph(name: "pages", isDirected: true)
            pages.attributes = ["rankdir": "TB", "ranksep": "0.2", "pad": "0.1", "dpi": "96"]
            let (width, height) = (SVGGrid.pageSize.width / 72, SVGGrid.pageSize.height / 72)
            for (index, drawing) in drawings.enumerated() {
                let tile = folder.appendingPathComponent("\(index).png")
                try AtomicFile.write(try render(drawing, as: .png), to: tile)
                pages.addNode(Node(id: NodeID("page\(index)"), attributes: [
                    "shape": "box", "color": "#DDDDDD", "label": "", "image": tile.path, "imagescale": "true",
                    "fixedsize": "true", "width": String(format: "%.2f", width), "height": String(format: "%.2f", height),
                ]))
                if index > 0 {
                    pages.addEdge(Edge(source: NodeID("page\(index - 1)"), target: NodeID("page\(index)"), attributes: ["style": "invis"]))
                }
            }
            try OutputPath.write(try render(pages, as: format), to: path)
        }
    }

    private func render(_ drawing: CollaborationGraph, as format: OutputFormat) throws(GraphvizError) -> Data {
        try Renderer(engine: .dot, format: format, force: true).render(drawing)
    }

    /// Runs a render-and-write of `path`; a failure is reported with the path and becomes exit 1.
    private func reportingFailures(of path: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as GraphvizError {
            Console.error("\(path): error: \(error.description)")
            throw InputFailure()
        } catch let failure as InputFailure {
            throw failure  // already reported
        } catch {
            Console.error("\(path): error: cannot write: \(error.localizedDescription)")
            throw InputFailure()
        }
    }
}
