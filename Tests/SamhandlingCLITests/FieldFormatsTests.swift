import Foundation
import Testing
import TestSupport

/// The field's event-log formats end to end (docs/formats.md): XES (and gzipped XES) and an OMOP
/// visit_occurrence table through metrics, handovers, render --view pathway and scenario; a bad
/// file in a batch is named with its line, ends the command with exit 1, and the rest is read.
@Suite struct FieldFormatsTests {
    private let root = Fixtures.repositoryRoot
    private var eventLog: URL { root.appendingPathComponent("Graphs/pathways/synthetic-event-log.csv") }
    private var xesFixtures: URL { root.appendingPathComponent("Tests/ServiceGraphTests/Fixtures/xes") }
    private var omopFixtures: URL { root.appendingPathComponent("Tests/ServiceGraphTests/Fixtures/omop") }

    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try Fixtures.run("samhandling", arguments)
    }

    /// metrics' CSV rows without the input column.
    private func rows(_ csv: String) -> [String] {
        csv.split(whereSeparator: \.isNewline).map { line in
            guard let comma = line.firstIndex(of: ",") else { return String(line) }
            return String(line[line.index(after: comma)...])
        }
    }

    /// A .gz output name is refused before anything is written (it is not a CSV folder's name).
    @Test func aGzipOutputIsRefusedNotMadeAFolder() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("log.xes.gz")
        let result = try run(["convert", eventLog.path, out.path])
        #expect(result.status == 2 && result.stderr.contains("a gzip file is read (.xes.gz) but not written: write \(folder.path)/log.xes and gzip it"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// CSV → XES (convert) → metrics gives the CSV's metrics, row for row, and the same handovers.
    @Test func theRoundTripThroughXESKeepsTheMeasures() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let xes = folder.appendingPathComponent("log.xes")
        let converted = try run(["convert", eventLog.path, xes.path])
        try #require(converted.status == 0, "\(converted.stderr)")
        for format in ["csv", "json"] {
            let fromCSV = try run(["metrics", "--format", format, eventLog.path]), fromXES = try run(["metrics", "--format", format, xes.path])
            #expect(fromCSV.status == 0 && fromXES.status == 0, "\(fromXES.stderr)")
            if format == "csv" {
                #expect(rows(fromXES.stdout) == rows(fromCSV.stdout))
            } else {
                let strip = { (text: String) throws -> NSArray in
                    let reports = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
                    return reports.map { report in var r = report; r["meta"] = nil; return r } as NSArray
                }
                #expect(try strip(fromXES.stdout) == strip(fromCSV.stdout))
            }
        }
        #expect(try run(["handovers", xes.path]).stdout == run(["handovers", eventLog.path]).stdout)
        // And back: the XES converted to an event-log CSV measures the same.
        let back = folder.appendingPathComponent("back.csv")
        #expect(try run(["convert", xes.path, back.path]).status == 0)
        #expect(rows(try run(["metrics", "--format", "csv", back.path]).stdout) == rows(try run(["metrics", "--format", "csv", eventLog.path]).stdout))
    }

    @Test func aBadFileInABatchIsNamedAndTheRestRead() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.xes")
        try Data("<?xml version=\"1.0\"?>\n<log>\n<trace>\n<event>\n</log>\n".utf8).write(to: bad)
        let good = xesFixtures.appendingPathComponent("pm4py-written.xes.gz").path
        for (command, read) in [(["handovers"], "gp_a,psy_b,1"), (["metrics", "--format", "csv"], ",u2,")] {
            let result = try run(command + [bad.path, good])
            #expect(result.status == 1)
            #expect(result.stderr.contains("bad.xes:5: error: not well-formed XML"), "\(command): \(result.stderr)")
            #expect(result.stdout.contains(read), "\(command): the good log is still read")
        }
        // A folder of logs: .xes and .xes.gz are found in it.
        let logs = folder.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        for name in ["pm4py-written.xes.gz", "no-resource.xes"] {
            try FileManager.default.copyItem(at: xesFixtures.appendingPathComponent(name), to: logs.appendingPathComponent(name))
        }
        let metrics = try run(["metrics", "--format", "csv", logs.path])
        #expect(metrics.status == 0, "\(metrics.stderr)")
        #expect(metrics.stdout.contains("no-resource.xes") && metrics.stdout.contains("pm4py-written.xes.gz"))
    }

    @Test func anXESLogIsDrawnAsPathwaysAndEditedInAScenario() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = xesFixtures.appendingPathComponent("pm4py-written.xes").path
        let render = try run(["render", "--view", "pathway", "--out", folder.appendingPathComponent("out").path, input])
        #expect(render.status == 0, "\(render.stderr)")
        let drawn = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(drawn == ["pm4py-written.u1.svg", "pm4py-written.u2.svg"])
        let script = folder.appendingPathComponent("edits.txt")
        try Data("merge psy_b into pn_a\n".utf8).write(to: script)
        let scenario = try run(["scenario", input, script.path, "--format", "json"])
        #expect(scenario.status == 0, "\(scenario.stderr)")
        #expect(scenario.stdout.contains("\"changes\""))
    }

    @Test func anOMOPTableIsMeasuredWithItsCareSites() throws {
        let table = omopFixtures.appendingPathComponent("visit_occurrence.csv").path
        let sites = omopFixtures.appendingPathComponent("care_sites.csv").path
        let result = try run(["metrics", "--format", "json", "--care-sites", sites, table])
        #expect(result.status == 1, "the visit that ends before it starts is an error")
        #expect(result.stderr.contains("visit_occurrence.csv:6: error: visit 5: the visit ends"), "\(result.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let quality = try #require(reports.first?["quality"] as? [String: Any])
        #expect(quality["visits_of_unknown_level"] as? Int == 1)
        let handovers = try run(["handovers", "--care-sites", sites, table])
        #expect(handovers.stdout.contains("provider:501,provider:502,1"), "\(handovers.stdout)")
        let badSites = try run(["metrics", "--care-sites", table, table])
        #expect(badSites.status == 1 && badSites.stderr.contains("visit_occurrence.csv:1: error: the header must be care_site_id,level"))
    }
}
