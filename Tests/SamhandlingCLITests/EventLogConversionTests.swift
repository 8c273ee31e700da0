import Foundation
import Testing
import TestSupport

/// `convert` from one event log to another (docs/formats.md, "Converting between event logs"):
/// the events go across as the reader gives them, none lost to the graph in between; a bad row
/// is named with its file and line, the rest is written, and the exit code is 1.
@Suite struct EventLogConversionTests {
    private let root = Fixtures.repositoryRoot
    private var fixtures: URL { root.appendingPathComponent("Tests/ServiceGraphTests/Fixtures") }

    private func run(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try Fixtures.run("samhandling", arguments, in: folder)
    }

    /// The events of an XES log: one (kind, time, resource, group, level) per `<event>`.
    private func events(ofXES text: String) -> [String] {
        text.components(separatedBy: "<event>").dropFirst().map { event in
            let body = event.components(separatedBy: "</event>")[0]
            return ["concept:name", "time:timestamp", "org:resource", "org:group", "level"].map { key -> String in
                guard let range = body.range(of: "key=\"\(key)\" value=\"") else { return "" }
                return String(body[range.upperBound...].prefix { $0 != "\"" })
            }.joined(separator: " ")
        }
    }

    /// Every readable visit of the OMOP table is an event (an inpatient visit, 9201 or 262, an
    /// admission and a discharge), with its care site's level; the visit that ends before it
    /// starts is named with its line and the rest is written.
    @Test func anOMOPTableConvertsToXESWithEveryReadableVisit() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("visits.xes")
        let omop = fixtures.appendingPathComponent("omop")
        let result = try run(["convert", omop.appendingPathComponent("visit_occurrence.csv").path, out.path,
                              "--care-sites", omop.appendingPathComponent("care_sites.csv").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("visit_occurrence.csv:6: error: visit 5: the visit ends"), "\(result.stderr)")
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(events(ofXES: written) == [
            "contact 2024-01-03T09:00:00 provider:501 care_site:11 municipal",
            "admission 2024-01-10T14:00:00  care_site:31 hospital",
            "discharge 2024-01-20T11:00:00  care_site:31 hospital",
            "contact 2024-01-25T10:00:00 provider:502 care_site:12 dps",
            "contact 2024-02-01T22:00:00 provider:503 care_site:99 ",
            "contact 2024-02-10T00:00:00 provider:501 care_site:11 municipal",
            "admission 2024-03-01T03:00:00 provider:504 care_site:31 hospital",
            "discharge 2024-03-04T12:00:00 provider:504 care_site:31 hospital",
        ], "\(written)")
        // Without --care-sites the same visits go across, unlevelled.
        let plain = folder.appendingPathComponent("plain.xes")
        _ = try run(["convert", omop.appendingPathComponent("visit_occurrence.csv").path, plain.path])
        #expect(events(ofXES: try String(contentsOf: plain, encoding: .utf8)).count == 8)
    }

    /// An XES log without org:resource (as pm4py's roadtraffic logs are): every event is a row.
    @Test func anXESWithoutResourcesConvertsToCSVWithEveryEvent() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("log.csv")
        let result = try run(["convert", fixtures.appendingPathComponent("xes/no-resource.xes").path, out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: out, encoding: .utf8) == """
            user,time,kind,actor,service,level,target\r
            A1,2006-07-24,contact,,,,\r
            A1,2006-12-05,contact,,,,\r
            A100,2006-08-02,contact,,,,\r
            A100,2006-12-12,contact,,,,\r
            A100,2007-01-15,contact,,,,\r

            """)
        // The mapping file is read as by the other commands: Send Fine is a referral here.
        let mapping = folder.appendingPathComponent("map.csv")
        try Data("field,attribute,default\nlevel,,municipal\nactivity,Send Fine,referral\n".utf8).write(to: mapping)
        let xes = folder.appendingPathComponent("mapped.xes")
        let mapped = try run(["convert", "--xes-mapping", mapping.path, fixtures.appendingPathComponent("xes/no-resource.xes").path, xes.path])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(events(ofXES: try String(contentsOf: xes, encoding: .utf8)).filter { $0.hasPrefix("referral ") && $0.hasSuffix(" municipal") }.count == 2)
    }

    /// The tool's CSV converted to its own form measures the same, byte for byte.
    @Test func anEventLogConvertedToItsOwnFormMeasuresTheSame() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a", "b"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let original = folder.appendingPathComponent("a/log.csv")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Graphs/pathways/synthetic-event-log.csv"), to: original)
        let converted = try run(["convert", original.path, folder.appendingPathComponent("b/log.csv").path])
        try #require(converted.status == 0, "\(converted.stderr)")
        let before = try run(["metrics", "--format", "csv", "log.csv"], in: folder.appendingPathComponent("a"))
        let after = try run(["metrics", "--format", "csv", "log.csv"], in: folder.appendingPathComponent("b"))
        #expect(before.status == 0 && after.status == 0, "\(after.stderr)")
        #expect(before.stdout.count > 1_000 && after.stdout == before.stdout)
        // And through XES and back.
        let xes = folder.appendingPathComponent("log.xes")
        #expect(try run(["convert", original.path, xes.path]).status == 0)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("b/log.csv"))
        #expect(try run(["convert", xes.path, folder.appendingPathComponent("b/log.csv").path]).status == 0)
        #expect(try run(["metrics", "--format", "csv", "log.csv"], in: folder.appendingPathComponent("b")).stdout == before.stdout)
    }

    /// A bad row is named with its file and line; the rest is written (atomically) and the exit
    /// code is 1. A file that is no event log at all leaves the output as it was.
    @Test func aBadRowIsNamedAndTheRestConverted() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log.csv")
        try Data("""
            user,time,kind,actor,service,level
            u1,2024-01-02,contact,gp,legekontor,municipal
            u1,02.01.2024,contact,gp,legekontor,municipal
            u2,2024-01-05,admission,,ward,hospital
            u2,2024-01-09,discharge,,ward,hospital

            """.utf8).write(to: log)
        for (name, expected) in [("out.xes", 3), ("out.csv", 4)] {
            let out = folder.appendingPathComponent(name)
            let result = try run(["convert", log.path, out.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(log.path):3: error: time '02.01.2024' is not ISO 8601"), "\(result.stderr)")
            let text = try String(contentsOf: out, encoding: .utf8)
            let count = name.hasSuffix(".xes") ? text.components(separatedBy: "<event>").count - 1 : text.split(separator: "\r\n").count
            #expect(count == expected, "\(name): \(text)")
        }
        let notALog = folder.appendingPathComponent("other.csv"), kept = folder.appendingPathComponent("kept.xes")
        try Data("foo,bar\n1,2\n".utf8).write(to: notALog)
        try Data("as it was".utf8).write(to: kept)
        let refused = try run(["convert", notALog.path, kept.path])
        #expect(refused.status == 1 && refused.stderr.contains("other.csv:1: error: not an event log"), "\(refused.stderr)")
        #expect(try String(contentsOf: kept, encoding: .utf8) == "as it was")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["kept.xes", "log.csv", "other.csv", "out.csv", "out.xes"])
    }

    /// A log not sorted by user is grouped by the reader and read again: the output holds each
    /// event once, users sorted.
    @Test func anUnsortedLogIsWrittenOnceGrouped() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log.csv"), out = folder.appendingPathComponent("out.csv")
        try Data("user,time,kind,actor\nb,2024-01-01,contact,gp\na,2024-01-02,contact,gp\nb,2024-01-03,contact,nurse\n".utf8).write(to: log)
        for destination in [out.path, "-"] {
            let result = try run(["convert", log.path, destination, "--to", "events"])
            #expect(result.status == 0, "\(result.stderr)")
            let text = destination == "-" ? result.stdout : try String(contentsOf: out, encoding: .utf8)
            #expect(text == "user,time,kind,actor,service,level,target\r\na,2024-01-02,contact,gp,,,\r\nb,2024-01-01,contact,gp,,,\r\nb,2024-01-03,contact,nurse,,,\r\n")
        }
    }
}
