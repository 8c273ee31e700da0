import ArgumentParser
import Foundation
import GraphvizSupport
import ServiceGraph

extension Samhandling {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare municipalities side by side, or two versions of one (a reorganisation).",
            discussion: """
                With files or a folder of org charts: one row per municipality (population, units, \
                depth, span, mental-health units and FTE, FTE per 1,000 inhabitants, model, \
                purchaser–provider, dual reporting, authority splits, informal ties, forums). \
                Inter-municipal FTE is shared by population where every partner is in the comparison. \
                With --before A --after B: units and ties added, removed and moved, forums lost, and \
                where mental-health work sits before and after. --render FILE draws the charts side \
                by side, or the reorganisation with its changes coloured.
                """
        )

        @Argument(help: "Org-chart files or folders.")
        var paths: [String] = []

        @Option(help: "The chart before a reorganisation.")
        var before: String?

        @Option(help: "The chart after it.")
        var after: String?

        @Option(help: "Output format: table, json or csv (csv: side by side only).")
        var format: MetricsFormat = .table

        @Option(help: "Also draw the charts into this file (.svg, .png or .pdf).")
        var render: String?

        @Option(help: "Language of headings and legends: en or nb.")
        var lang: Language = .en

        func validate() throws {
            if (before == nil) != (after == nil) { throw ValidationError("--before and --after go together") }
            if before != nil && !paths.isEmpty { throw ValidationError("give either files to compare or --before and --after") }
            if before == nil && paths.isEmpty { throw ValidationError("name the org charts to compare, or --before and --after") }
            if before != nil && format == .csv { throw ValidationError("a before/after comparison is written as table or json") }
            if let render, render != OutputPath.standardOutput,
               OutputFormat(rawValue: (render as NSString).pathExtension.lowercased()) == nil {
                throw ValidationError("--render takes a .svg, .png or .pdf file, or - for SVG on standard output")
            }
        }

        func run() throws {
            if let before, let after {
                try compareVersions(before, after)
            } else {
                try compareMunicipalities()
            }
        }


        private func compareMunicipalities() throws {
            let (files, missing) = InputFiles.expand(paths)
            missing.forEach { Console.error($0.description) }
            var failed = !missing.isEmpty
            var charts: [(profile: MunicipalityProfile, graph: CollaborationGraph, stem: String)] = []
            for file in files {
                do throws(Diagnostic) {
                    let loaded = try LoadedGraph.load(file.url, displayName: file.displayPath)
                    do {
                        let profile = try loaded.graph.municipalityProfile(input: file.displayPath)
                        charts.append((profile, loaded.graph, (file.relativePath as NSString).deletingPathExtension))
                    } catch {
                        throw Diagnostic(file: file.displayPath, line: nil, message: error.description)
                    }
                } catch {
                    Console.error(error.description)
                    failed = true
                }
            }
            let comparison = MunicipalityComparison(charts.map(\.profile))
            switch format {
            case .table: try Console.write(comparison.table(language: lang))
            case .json: try Console.write(comparison.json.serialized())
            case .csv: try Console.write(comparison.csv)
            }
            if let render {
                try renderSideBySide(charts.map { ($0.profile.name, $0.graph) }, to: render)
            }
            if failed { throw InputFailure() }
        }

        private func compareVersions(_ beforePath: String, _ afterPath: String) throws {
            let old = try Samhandling.loadGraph(beforePath).graph, new = try Samhandling.loadGraph(afterPath).graph
            let change: Reorganisation
            do {
                change = try Reorganisation(before: old, after: new)
            } catch {
                Console.error(error.description)
                throw InputFailure()
            }
            try Console.write(format == .json ? change.json.serialized() : change.text(language: lang))
            if let render {
                let added = "#009E73", moved = "#E69F00", removed = "#999999"
                var view = StructureView(language: lang)
                for unit in change.unitsAdded { view.highlights[.node(unit)] = added }
                for move in change.moved { view.highlights[.node(move.unit)] = moved }
                for tie in change.tiesAdded { view.highlights[.edge(tie.source, tie.target)] = added }
                let title = (new.attributes["title"] ?? afterPath) + (lang == .en ? " — changes" : " — endringer")
                var drawing = StructureView.canvas(title: title)
                view.styled(new, into: &drawing)
                // What was removed stays visible, greyed and dashed.
                for unit in change.unitsRemoved + change.forumsLost where drawing[unit] == nil {
                    drawing.addNode(Node(id: unit, attributes: [
                        "label": old[unit]?.label ?? unit.rawValue, "shape": "box", "style": "dashed",
                        "color": removed, "fontcolor": removed, "fontname": Style.fontName, "fontsize": "10",
                    ]))
                }
                for tie in change.tiesRemoved where tie.kind == .declared(.reportsTo) {
                    drawing.addEdge(Edge(source: tie.target, target: tie.source, attributes: [
                        "dir": "back", "style": "dashed", "color": removed,
                    ]))
                }
                let en = lang == .en
                view.addLegend(to: &drawing, for: [old, new], extra: [
                    ("■", added, en ? "added" : "lagt til"), ("■", moved, en ? "moved (new superior)" : "flyttet (ny overordnet)"),
                    ("┅", removed, en ? "removed" : "fjernet"),
                ])
                try write(drawing, to: render)
            }
        }

        /// Each chart drawn on its own, one to an A4-landscape page, the pages one under the other
        /// and the legend on the last: one self-contained SVG, or (PNG, PDF) the drawings placed
        /// as images by Graphviz, each fitted to its page.
        private func renderSideBySide(_ charts: [(name: String, graph: CollaborationGraph)], to path: String) throws {
            let format = path == OutputPath.standardOutput ? .svg : OutputFormat(rawValue: (path as NSString).pathExtension.lowercased()) ?? .svg
            let view = StructureView(language: lang)
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
                    let svgs = try drawings.map { drawing throws(GraphvizError) in
                        String(decoding: try Renderer(engine: .dot, format: .svg, force: true).render(dot: DOTWriter().write(drawing)), as: UTF8.self)
                    }
                    try OutputPath.write(Data(SVGGrid.pages(svgs).utf8), to: path)
                    return
                }
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samhandling-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                var pages = CollaborationGraph(name: "pages", isDirected: true)
                pages.attributes = ["rankdir": "TB", "ranksep": "0.2", "pad": "0.1", "dpi": "96"]
                let (width, height) = (SVGGrid.pageSize.width / 72, SVGGrid.pageSize.height / 72)
                for (index, drawing) in drawings.enumerated() {
                    let tile = folder.appendingPathComponent("\(index).png")
                    try AtomicFile.write(try Renderer(engine: .dot, format: .png, force: true).render(dot: DOTWriter().write(drawing)), to: tile)
                    pages.addNode(Node(id: NodeID("page\(index)"), attributes: [
                        "shape": "box", "color": "#DDDDDD", "label": "", "image": tile.path, "imagescale": "true",
                        "fixedsize": "true", "width": String(format: "%.2f", width), "height": String(format: "%.2f", height),
                    ]))
                    if index > 0 {
                        pages.addEdge(Edge(source: NodeID("page\(index - 1)"), target: NodeID("page\(index)"), attributes: ["style": "invis"]))
                    }
                }
                try OutputPath.write(try Renderer(engine: .dot, format: format, force: true).render(dot: DOTWriter().write(pages)),
                                     to: path)
            }
        }

        private func write(_ drawing: CollaborationGraph, to path: String) throws {
            let format = path == OutputPath.standardOutput ? .svg : OutputFormat(rawValue: (path as NSString).pathExtension.lowercased()) ?? .svg
            try reportingFailures(of: path) {
                let data = try Renderer(engine: .dot, format: format, force: true).render(dot: DOTWriter().write(drawing))
                try OutputPath.write(data, to: path)
            }
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
}
