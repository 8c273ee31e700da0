import Foundation
import Testing
import TestSupport

/// `samhandling sequences` and `render --view cohort` end to end, running the built binary.
@Suite struct SequencesCommandTests {
    private let synthetic = Fixtures.repositoryRoot.appendingPathComponent("Graphs/pathways/synthetic-event-log.csv").path
    private var example: String { Fixtures.url("pathways/sequences.csv").path }

    @Test func stsAndSpellOfTheSyntheticLogMatchTheirGoldens() throws {
        let sts = try Fixtures.run("samhandling", ["sequences", synthetic, "--step", "week"])
        #expect(sts.status == 0, "\(sts.stderr)")
        #expect(Golden.mismatch(sts.stdout, golden: "synthetic-event-log.sequences.sts.csv") == nil)
        let spell = try Fixtures.run("samhandling", ["sequences", synthetic, "--format", "spell", "--step", "month",
                                                     "--align", "calendar", "--states", "inpatient"])
        #expect(spell.status == 0, "\(spell.stderr)")
        #expect(Golden.mismatch(spell.stdout, golden: "synthetic-event-log.sequences.spell.csv") == nil)
        let discharge = try Fixtures.run("samhandling", ["sequences", synthetic, "--align", "discharge", "--step", "day"])
        #expect(discharge.status == 0)
        #expect(discharge.stderr.contains("users have no index discharge: left out of --align discharge"))
        #expect(discharge.stderr.contains("0 errors, 1 warning"))
    }

    @Test func theWorkedExampleOfTheDocs() throws {
        let result = try Fixtures.run("samhandling", ["sequences", example])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout == "id,w1,w2,w3,w4,w5\r\na,municipal,municipal,dps,none,none\r\nb,municipal,none,NA,NA,NA\r\n")
        let calendar = try Fixtures.run("samhandling", ["sequences", example, "--align", "calendar", "--missing", ""])
        #expect(calendar.stdout.hasSuffix("b,,,,municipal,none\r\n"))
    }

    @Test func aBadRowIsReportedWithItsLineAndTheRestIsWritten() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("user,time,kind,level\na,2024-01-01,contact,municipal\na,01.02.2024,contact,municipal\nb,2024-01-08,contact,dps\n"
            .utf8).write(to: root.appendingPathComponent("log.csv"))
        try Data("user,time,kind\n".utf8).write(to: root.appendingPathComponent("empty.csv"))
        let result = try Fixtures.run("samhandling", ["sequences", "log.csv", "missing.csv", "--out", "out.csv"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("log.csv:3: error: time '01.02.2024' is not ISO 8601"))
        #expect(result.stderr.contains("missing.csv"))
        let written = try String(contentsOf: root.appendingPathComponent("out.csv"), encoding: .utf8)
        #expect(written == "id,w1,w2\r\na,municipal,none\r\nb,dps,NA\r\n")
        // A log of bad rows alone: each reported, a header written.
        try Data("user,time,kind\na,2024-13-01,contact\n".utf8).write(to: root.appendingPathComponent("bad.csv"))
        let bad = try Fixtures.run("samhandling", ["sequences", "bad.csv"], in: root)
        #expect(bad.status == 1 && bad.stderr.contains("bad.csv:2: error:") && bad.stdout == "id\r\n")
        #expect(try Fixtures.run("samhandling", ["sequences", "bad.csv", "--missing", "none"], in: root).status == 2)
        // An event log with no rows: a header alone, and no error.
        let empty = try Fixtures.run("samhandling", ["sequences", "empty.csv", "--format", "spell"], in: root)
        #expect(empty.status == 0 && empty.stdout == "id,begin,end,status,begin_date,end_date\r\n", "\(empty.stderr)")
    }

    @Test func aGraphWithDatedContactsGivesTheSameAsItsEventLog() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let convert = try Fixtures.run("samhandling", ["convert", example, "log.dot"], in: root)
        #expect(convert.status == 0, "\(convert.stderr)")
        let fromLog = try Fixtures.run("samhandling", ["sequences", example, "--format", "spell", "--states", "inpatient"])
        let fromGraph = try Fixtures.run("samhandling", ["sequences", "log.dot", "--format", "spell", "--states", "inpatient"], in: root)
        #expect(fromGraph.status == 0, "\(fromGraph.stderr)")
        #expect(fromGraph.stdout == fromLog.stdout)
        // The same user from two inputs is written once, with a warning.
        let twice = try Fixtures.run("samhandling", ["sequences", example, "log.dot", "--strict"], in: root)
        #expect(twice.status == 1 && twice.stderr.contains("already read from an earlier input: left out"))
        #expect(twice.stdout.split(separator: "\r\n").count == 3)
        // A graph without a user is an error, named; the other input is still written.
        try Data("digraph { a [kind=unit]; b [kind=unit]; a -> b [kind=reports_to] }".utf8).write(to: root.appendingPathComponent("chart.dot"))
        let chart = try Fixtures.run("samhandling", ["sequences", "chart.dot", example], in: root)
        #expect(chart.status == 1 && chart.stderr.contains("chart.dot: error: sequences need a node of kind user"))
        #expect(chart.stdout.hasPrefix("id,w1,w2,w3,w4,w5\r\na,"))
    }

    @Test func theCohortViewDrawsTheSharesWithTheUsersAtRisk() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(atPath: example, toPath: root.appendingPathComponent("log.csv").path)
        let result = try Fixtures.run("samhandling", ["render", "log.csv", "--view", "cohort", "--out", "out"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOf: root.appendingPathComponent("out/log.cohort.svg"), encoding: .utf8)
        // w1: both municipal; w2: one of two in care; w3: the one left at risk at the DPS.
        for tooltip in ["w1: municipal 100 % (2 of 2)", "w2: municipal 50 % (1 of 2)", "w2: not in care 50 % (1 of 2)",
                        "w3: DPS 100 % (1 of 1)", "Care level week by week: log (2 users)", "number at risk"] {
            #expect(svg.contains(tooltip), "\(tooltip)")
        }
        // Norwegian, by month on the calendar: one step, both users at risk.
        let nb = try Fixtures.run("samhandling", ["render", "log.csv", "--view", "cohort", "--lang", "nb", "--step", "month",
                                                  "--align", "calendar", "--out", "nb"], in: root)
        #expect(nb.status == 0, "\(nb.stderr)")
        let norwegian = try String(contentsOf: root.appendingPathComponent("nb/log.cohort.svg"), encoding: .utf8)
        #expect(norwegian.contains("2024&#45;01: DPS 50 % (1 av 2)") && norwegian.contains("antall i risiko"))
    }

    /// An OMOP table's levels come from --care-sites (without it every visit is of no level, so
    /// every step is none), and an XES log's from --xes-mapping.
    @Test func theFieldsEventLogsTakeTheirMappings() throws {
        let omop = Fixtures.repositoryRoot.appendingPathComponent("Tests/ServiceGraphTests/Fixtures/omop")
        let table = omop.appendingPathComponent("visit_occurrence.csv").path
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let levelled = try Fixtures.run("samhandling", ["sequences", table, "--format", "spell",
                                                        "--care-sites", omop.appendingPathComponent("care_sites.csv").path])
        #expect(levelled.status == 1 && levelled.stderr.contains("visit_occurrence.csv:6: error: visit 5:"), "\(levelled.stderr)")
        #expect(levelled.stdout == """
            id,begin,end,status,begin_date,end_date\r
            1001,1,1,municipal,2024-01-03,2024-01-09\r
            1001,2,3,hospital,2024-01-10,2024-01-23\r
            1001,4,4,dps,2024-01-24,2024-01-30\r
            1001,5,9,none,2024-01-31,2024-03-05\r
            1002,1,1,none,2024-02-01,2024-02-07\r
            1002,2,2,municipal,2024-02-08,2024-02-14\r
            1002,3,4,none,2024-02-15,2024-02-28\r
            1002,5,5,hospital,2024-02-29,2024-03-06\r

            """)
        // The cohort view reads them alike.
        let cohort = try Fixtures.run("samhandling", ["render", table, "--view", "cohort", "--out", "out",
                                                      "--care-sites", omop.appendingPathComponent("care_sites.csv").path], in: root)
        #expect(cohort.stderr.contains("rendered 1, failed 0"), "\(cohort.stderr)")
        #expect(try String(contentsOf: root.appendingPathComponent("out/visit_occurrence.cohort.svg"), encoding: .utf8)
            .contains("w2: hospital 50 % (1 of 2)"))
        let plain = try Fixtures.run("samhandling", ["sequences", table, "--format", "spell"])
        #expect(plain.stdout.split(separator: "\r\n").dropFirst().allSatisfy { $0.contains(",none,") })
        try Data("field,attribute,default\nlevel,,municipal\n".utf8).write(to: root.appendingPathComponent("map.csv"))
        let xes = Fixtures.repositoryRoot.appendingPathComponent("Tests/ServiceGraphTests/Fixtures/xes/no-resource.xes").path
        let mapped = try Fixtures.run("samhandling", ["sequences", xes, "--step", "month", "--xes-mapping", "map.csv"], in: root)
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stdout == "id,m1,m2,m3,m4,m5,m6\r\nA1,municipal,none,none,none,municipal,none\r\nA100,municipal,none,none,none,municipal,municipal\r\n")
    }
}
