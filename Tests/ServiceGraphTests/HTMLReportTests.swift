import Foundation
import Testing
@testable import ServiceGraph

@Suite struct HTMLReportTests {
    /// Kari meets Dr A (gp) and another Dr A (locum) and seven services without a date; the
    /// relatives' and services' ids differ from their labels.
    private var graph: CollaborationGraph {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: "u", attributes: ["kind": "user", "label": "Kari"]))
        graph.addNode(Node(id: "gp", attributes: ["kind": "professional", "level": "municipal", "label": "Dr A"]))
        graph.addNode(Node(id: "locum", attributes: ["kind": "professional", "level": "municipal", "label": "Dr A"]))
        graph.addNode(Node(id: "pn", attributes: ["kind": "professional", "level": "municipal", "label": "Nurse Berg"]))
        graph.addEdge(Edge(source: "u", target: "gp", attributes: ["kind": "contact", "dates": "2024-01-01 2024-02-01"]))
        graph.addEdge(Edge(source: "u", target: "locum", attributes: ["kind": "contact", "date": "2024-03-01"]))
        graph.addEdge(Edge(source: "u", target: "pn", attributes: ["kind": "contact", "date": "2024-03-02"]))
        graph.addEdge(Edge(source: "gp", target: "pn", attributes: ["kind": "collaboration"]))
        graph.addEdge(Edge(source: "locum", target: "pn", attributes: ["kind": "collaboration"]))
        // Each Dr A is the only way to someone: both are single points of failure.
        for (id, doctor) in [("x", "gp"), ("y", "locum")] {
            graph.addNode(Node(id: NodeID(id), attributes: ["kind": "professional", "level": "municipal", "label": "Trainee \(id)"]))
            graph.addEdge(Edge(source: NodeID(doctor), target: NodeID(id), attributes: ["kind": "collaboration"]))
        }
        for index in 1...7 {
            graph.addNode(Node(id: NodeID("s\(index)"), attributes: ["kind": "service", "level": "municipal", "label": "Service \(index)"]))
            graph.addEdge(Edge(source: "u", target: NodeID("s\(index)"), attributes: ["kind": "contact"]))
        }
        return graph
    }

    private func page(_ language: Language) throws -> String {
        let graph = self.graph
        let report = try MetricsReport(graph: graph, meta: .init(input: "k.dot", sha256: "0", toolVersion: "t", language: language))
        let labels = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.label) }) { a, _ in a }
        return HTMLReport(language: language).page(for: report, structure: nil, figures: [], title: "K", labels: labels)
    }

    /// Tables name nodes by label, with the id only where two share a label.
    @Test func labelsNotIds() throws {
        let html = try page(.en)
        #expect(html.contains("<th>Kari</th>"))  // the user's column
        #expect(html.contains("<td>Nurse Berg</td>"))  // the key helper, as the brokers' table does
        #expect(html.contains("<td>Dr A (gp)</td>") && html.contains("<td>Dr A (locum)</td>"))  // brokers
        #expect(html.contains("Kari, Dr A (gp), Dr A (locum)"))  // single points of failure
        #expect(!html.contains("<td>pn</td>") && !html.contains("<th>u</th>"))
        #expect(html.contains("<td>UPC</td>") && !html.contains("<td>upc</td>"))
    }

    /// Every index a table uses is explained under it, in both languages.
    @Test func glossaryUnderTheTables() throws {
        let en = try page(.en), nb = try page(.nb)
        for term in ["UPC", "COC", "SECON", "MMCI", "HHI", "fragmentation", "constraint", "effective size"] {
            #expect(en.contains("<dt>\(term)</dt>"), "no glossary entry for \(term)")
        }
        #expect(en.contains("usual provider continuity: the share of visits with the professional seen most"))
        #expect(nb.contains("andelen besøk hos fagpersonen som ble møtt oftest"))
        #expect(nb.contains("<td>fragmentering uten familie</td>"))
    }

    /// Data-quality lines name what they count: the first five, then how many more.
    @Test func qualityLinesNameWhatTheyCount() throws {
        let html = try page(.en)
        #expect(html.contains("<td>undated contacts</td><td>7</td><td>Kari–Service 1, Kari–Service 2, Kari–Service 3, Kari–Service 4, Kari–Service 5 and 2 more</td>"))
        #expect(html.contains("<td>visits without a named professional</td><td>7</td><td>Service 1, Service 2, Service 3, Service 4, Service 5 and 2 more</td>"))
        #expect(try page(.nb).contains(" og 2 til</td>"))
        // The same in the metrics JSON's quality section: the first five.
        let report = try MetricsReport(graph: graph, meta: .init(input: "k.dot", sha256: "0", toolVersion: "t"))
        #expect(report.quality.examples["undated_contacts"] == (1...5).map { "u–s\($0)" })
        #expect(report.quality.examples["unknown_levels"] == nil)  // nothing to name
    }

    /// A figure prints at a scale where its smallest text is 9 pt: on one page when it fits,
    /// else in page-sized windows that overlap by 24 pt.
    @Test func printLayout() {
        // 700 × 400 pt, 10 pt text: fits at its own size.
        #expect(HTMLReport.printLayout(width: 700, height: 400, smallestFont: 10) == .init(scale: 1, columns: 1, rows: 1, smallestFont: 10))
        // 1540 × 470 pt, 14 pt text: fits at 0.5, but 14 × 0.5 = 7 pt is too small; at 9/14 it
        // is 990 pt wide: two windows of 770 (the second starting 746 in).
        let wide = HTMLReport.printLayout(width: 1540, height: 470, smallestFont: 14)
        #expect(abs(wide.scale - 9.0 / 14) < 1e-12 && wide.columns == 2 && wide.rows == 1)
        // 2000 × 3000 pt, 9 pt text: at its own size, 1 + ⌈1230/746⌉ = 3 columns, 1 + ⌈2530/446⌉ = 7 rows.
        let big = HTMLReport.printLayout(width: 2000, height: 3000, smallestFont: 9)
        #expect(big.scale == 1 && big.columns == 3 && big.rows == 7)
        // 8 pt text is enlarged to 9 pt even when it would fit smaller.
        #expect(HTMLReport.printLayout(width: 300, height: 200, smallestFont: 8).scale == 9.0 / 8)
    }

    @Test func smallestFontAndPrintWindows() {
        let svg = ##"<?xml version="1.0"?><svg width="1540pt" height="470pt" viewBox="0.00 0.00 1540.00 470.00"><g id="graph0"><text font-size="14.00">a</text><text font-size="16.00">b</text></g></svg>"##
        #expect(HTMLReport.smallestFont(in: svg) == 14)
        let html = HTMLReport().figureHTML(.init(heading: "Map", svg: svg), id: "figure-3")
        #expect(html.contains(#"<g id="figure-3">"#))
        #expect(html.components(separatedBy: ##"<use href="#figure-3"/>"##).count == 3)  // two windows
        #expect(html.contains("part 2 of 2 (row 1, column 2)"))
    }
}
