import Foundation
import Testing
@testable import ServiceGraph

/// Each measure is defined once, as a column; these check that every format carries every
/// column, so one added to the list cannot be missing from a format.
@Suite struct MetricColumnsTests {
    /// A generated helper network (one user, dated contacts) with an org chart's reporting line.
    private func report() throws -> MetricsReport {
        var graph = Generator.helperNetwork(size: 20, seed: 3)
        graph.addNode(Node(id: "rådmann", attributes: ["kind": "unit"]))
        graph.addNode(Node(id: "helse", attributes: ["kind": "unit", "tier": "sector"]))
        graph.addEdge(Edge(source: "helse", target: "rådmann", attributes: ["kind": "reports_to"]))
        let report = try MetricsReport(graph: graph, meta: .init(input: "g.dot", sha256: "0", toolVersion: "t"))
        try #require(report.users?.count == 1 && report.pathways.count == 1 && report.structure != nil)
        return report
    }

    @Test func theColumnNamesAreUnique() {
        let names = HelperNetworkMeasures.columns.map(\.name) + PathwayMeasures.columns.map(\.name)
            + StructureMeasures.csvColumns.map(\.name)
        #expect(Set(names).count == names.count)
    }

    @Test func jsonHasEveryColumnWithItsValue() throws {
        let report = try report()
        guard case .object(let object) = report.json, case .array(let users)? = object["users"],
              case .object(let user)? = users.first, case .array(let pathways)? = object["pathways"],
              case .object(let pathway)? = pathways.first
        else { Issue.record("no users or pathways in the JSON"); return }
        for column in HelperNetworkMeasures.columns {
            #expect(user[column.name] == column.value(report.users![0]), "users[0].\(column.name)")
        }
        for column in PathwayMeasures.columns {
            #expect(pathway[column.name] == column.value(report.pathways[0]), "pathways[0].\(column.name)")
        }
    }

    @Test func csvHasEveryColumnWithItsValue() throws {
        let report = try report()
        let header = MetricsFormat.csvHeader
        let row = try #require(MetricsFormat.csvRows(report).first)
        #expect(row.count == header.count)
        let cell = Dictionary(uniqueKeysWithValues: zip(header, row))
        for column in HelperNetworkMeasures.columns {
            #expect(cell[column.name] == MetricsFormat.plain(column.value(report.users![0])), "\(column.name)")
        }
        for column in PathwayMeasures.columns {
            #expect(cell[column.name] == MetricsFormat.plain(column.value(report.pathways[0])), "\(column.name)")
        }
        for column in StructureMeasures.csvColumns {
            #expect(cell[column.name] == MetricsFormat.plain(column.value((report.structure!, .en))), "\(column.name)")
        }
    }

    @Test func theTableAndTheReportHaveARowForEveryColumn() throws {
        let report = try report()
        let table = MetricsFormat.table.render([report]).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let page = HTMLReport(language: .en).page(for: report, structure: report.structure, figures: [], title: "g", labels: [:])
        for name in HelperNetworkMeasures.columns.map(\.name) + PathwayMeasures.columns.map(\.name) {
            let label = name.replacingOccurrences(of: "_", with: " ")
            #expect(table.contains { $0.hasPrefix(label + " ") }, "table row «\(label)»")
            #expect(page.contains(HTML.escape(MeasureNames.name(name, .en))), "report row «\(name)»")
        }
    }
}
