import Foundation
import GraphvizSupport
import ServiceGraph

/// Holds graphs and event logs up to the seven requirements of the national guidance and prints
/// the scorecards: a table (requirements down, subjects across), JSON, CSV or an HTML page. A
/// file that fails is reported with its line and the others are still assessed.
public struct RequirementsJob {
    public enum Format: String, CaseIterable, Sendable {
        case table, json, csv, html
    }

    public var format = Format.table
    /// The options the measures are taken with: language, window, episode gap.
    public var metrics = MetricsJob()

    public init() {}

    public func run(_ paths: [String]) throws {
        let (files, missing) = InputFiles.expand(paths, extensions: InputFiles.graphExtensions.union(["csv"]))
        missing.forEach { Console.error($0.description) }
        var failed = !missing.isEmpty
        var errors = 0, warnings = 0
        var batch: [(report: MetricsReport, graph: CollaborationGraph?)] = []
        for file in files {
            do throws(Diagnostic) {
                let measured = try metrics.measureKeepingGraph(file)
                Console.report(measured.report.problems, errors: &errors, warnings: &warnings)
                batch.append(measured)
            } catch {
                Console.error(error.description)
                failed = true
            }
        }
        let report = RequirementsReport(RequirementsScorecard.scorecards(of: batch), language: metrics.language)
        switch format {
        case .table: try Console.write(report.table())
        case .json: try Console.write(report.json.serialized())
        case .csv: try Console.write(report.csv)
        case .html: try Console.write(HTMLReport(language: metrics.language).requirementsPage(report))
        }
        if failed || errors > 0 { throw InputFailure() }
    }
}
