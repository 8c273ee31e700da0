import Foundation
import GraphvizSupport
import ServiceGraph

/// Municipalities side by side (one row each), or two versions of one (a reorganisation); either
/// optionally drawn into a file.
public struct ComparisonJob {
    public var format = MetricsFormat.table
    public var language = Language.en
    /// Also draw the charts into this file (.svg, .png, .pdf; `-` for SVG on standard output).
    public var drawing: String?

    public init() {}

    /// The format a drawing's path names.
    public static func drawingFormat(of path: String) -> OutputFormat? {
        path == OutputPath.standardOutput ? .svg : OutputFormat(rawValue: (path as NSString).pathExtension.lowercased())
    }

    /// One row per municipality of the org charts in `paths`.
    public func compareMunicipalities(_ paths: [String]) throws {
        let (files, missing) = InputFiles.expand(paths)
        missing.forEach { Console.error($0.description) }
        var failed = !missing.isEmpty
        var charts: [(profile: MunicipalityProfile, graph: CollaborationGraph)] = []
        for file in files {
            do throws(Diagnostic) {
                let loaded = try LoadedGraph.load(file)
                do {
                    charts.append((try loaded.graph.municipalityProfile(input: file.displayPath), loaded.graph))
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
        case .table: try Console.write(comparison.table(language: language))
        case .json: try Console.write(comparison.json.serialized())
        case .csv: try Console.write(comparison.csv)
        }
        if let drawing {
            try ChartDrawing(language: language).sideBySide(charts.map { ($0.profile.name, $0.graph) }, to: drawing)
        }
        if failed { throw InputFailure() }
    }

    /// What a reorganisation changed, from the chart before to the chart after.
    public func compareVersions(before beforePath: String, after afterPath: String) throws {
        let old = try GraphFiles.load(beforePath).graph, new = try GraphFiles.load(afterPath).graph
        let change: Reorganisation
        do {
            change = try Reorganisation(before: old, after: new)
        } catch {
            Console.error(error.description)
            throw InputFailure()
        }
        try Console.write(format == .json ? change.json.serialized() : change.text(language: language))
        if let drawing {
            let title = new.attributes["title"] ?? afterPath
            try ChartDrawing(language: language).reorganisation(change, before: old, after: new, title: title, to: drawing)
        }
    }
}
