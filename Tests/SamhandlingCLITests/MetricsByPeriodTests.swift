import Foundation
import Testing
import TestSupport

/// `metrics --by`: one subject per user and period, each period measured as `--from`/`--to`
/// over it would.
@Suite struct MetricsByPeriodTests {
    /// u met a on 10 January and 2 May, b on 1 February, c (DPS) on 15 August; a and b work
    /// together. By hand, by quarter (the data run from January to August: Q1–Q3):
    /// Q1 helpers a, b (1 tie, density 1; two services; contacts 2, one handover a → b);
    /// Q2 a alone (density undefined, contacts 1); Q3 c alone (services 1, level dps; no
    /// transition inside the quarter, though over the year there is one, municipal → dps).
    static let graph = """
        graph {
          u [kind=user]; a [kind=professional, level=municipal, service=home];
          b [kind=professional, level=municipal, service=gp]; c [kind=professional, level=dps, service=dps_team];
          u -- a [kind=contact, dates="2024-01-10 2024-05-02"]; u -- b [kind=contact, date="2024-02-01"];
          u -- c [kind=contact, date="2024-08-15"]; a -- b [kind=collaboration];
        }
        """

    @Test func byQuarterIsOneRowPerUserAndPeriodByHand() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(Self.graph.utf8).write(to: root.appendingPathComponent("g.dot"))
        let csv = try Fixtures.run("samhandling", ["metrics", "--by", "quarter", "--format", "csv", "g.dot"], in: root)
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines[0].components(separatedBy: ",")
        #expect(Array(header.prefix(10)) == ["input", "user", "period", "helpers", "relatives", "services", "levels",
                                             "helper_ties", "helper_density", "helper_groups"])
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("g.dot,u,2024Q1,2,0,2,1,1,1,1,"))
        #expect(lines[2].hasPrefix("g.dot,u,2024Q2,1,0,1,1,0,,1,"))
        #expect(lines[3].hasPrefix("g.dot,u,2024Q3,1,0,1,1,0,,1,"))
        func cell(_ row: Int, _ name: String) -> String { lines[row].components(separatedBy: ",")[header.firstIndex(of: name)!] }
        #expect((1...3).map { cell($0, "contacts") } == ["2", "1", "1"])
        #expect((1...3).map { cell($0, "handovers") } == ["1", "0", "0"])
        #expect((1...3).map { cell($0, "level_transitions") } == ["0", "0", "0"])

        let json = try Fixtures.run("samhandling", ["metrics", "--by", "quarter", "--format", "json", "g.dot"], in: root)
        let report = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first)
        let users = try #require(report["users"] as? [[String: Any]])
        let pathways = try #require(report["pathways"] as? [[String: Any]])
        #expect(users.map { $0["period"] as? String } == ["2024Q1", "2024Q2", "2024Q3"])
        #expect(users.map { $0["helpers"] as? Int } == [2, 1, 1])
        #expect(pathways.map { $0["period"] as? String } == ["2024Q1", "2024Q2", "2024Q3"])
        #expect((report["meta"] as? [String: Any])?["by"] as? String == "quarter")
        // Without --by there is no period: the year has one transition.
        let plain = try Fixtures.run("samhandling", ["metrics", "--format", "json", "g.dot"], in: root)
        let whole = try #require((try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(((whole["pathways"] as? [[String: Any]])?.first?["level_transitions"] as? Int) == 1)
        #expect(((whole["users"] as? [[String: Any]])?.first?["period"]) == nil)
        #expect((whole["meta"] as? [String: Any])?["by"] is NSNull)

        let months = try Fixtures.run("samhandling", ["metrics", "--by", "month", "--format", "csv", "g.dot"], in: root)
        let monthRows = months.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(monthRows.map { $0.components(separatedBy: ",")[2] } == (1...8).map { "2024-0\($0)" })
        #expect(monthRows.map { $0.components(separatedBy: ",")[3] } == ["1", "1", "0", "0", "1", "0", "0", "1"])
        let year = try Fixtures.run("samhandling", ["metrics", "--by", "year", "--format", "csv", "g.dot"], in: root)
        #expect(year.stdout.contains("\r\ng.dot,u,2024,3,0,3,2,1,"))
        let table = try Fixtures.run("samhandling", ["metrics", "--by", "quarter", "g.dot"], in: root)
        #expect(table.stdout.contains("u 2024Q1") && table.stdout.contains("u 2024Q3"))
    }

    /// The last period runs past the data (they end on 15 August, with the move to the DPS): its
    /// transition is censored there, as `metrics` without `--to` censors it; `--to` the quarter's
    /// end says the data go on, and then it is not.
    @Test func theLastPeriodIsCensoredWhereTheDataEnd() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let graph = Self.graph.replacingOccurrences(of: #"dates="2024-01-10 2024-05-02""#, with: #"dates="2024-01-10 2024-05-02 2024-08-01""#)
        try Data(graph.utf8).write(to: root.appendingPathComponent("g.dot"))
        func q3(_ extra: [String]) throws -> [String: Any] {
            let run = try Fixtures.run("samhandling", ["metrics", "--by", "quarter", "--format", "json", "g.dot"] + extra, in: root)
            let report = try #require((try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])?.first)
            return try #require((report["pathways"] as? [[String: Any]])?.first { $0["period"] as? String == "2024Q3" })
        }
        let open = try q3([]), toEnd = try q3(["--to", "2024-09-30"])
        #expect(open["level_transitions"] as? Int == 1 && open["censored_transitions"] as? Int == 1)
        #expect(toEnd["level_transitions"] as? Int == 1 && toEnd["censored_transitions"] as? Int == 0)
        #expect(toEnd["broken_relations"] as? Int == 1)  // a, met in the window before, not after
    }

    /// Every period's row is the row `--from`/`--to` over that period gives, on the shipped
    /// 26-helper network (by quarter) and the synthetic event log (by month, streamed as CSV).
    @Test func eachPeriodIsMeasuredAsFromAndToWould() throws {
        let root = Fixtures.repositoryRoot
        let cases: [(String, String, [(String, String, String)])] = [
            ("Graphs/helper-networks/one-year-26-helpers.dot", "quarter",
             [("2024Q1", "2024-01-01", "2024-03-31"), ("2024Q2", "2024-04-01", "2024-06-30"),
              ("2024Q3", "2024-07-01", "2024-09-30"), ("2024Q4", "2024-10-01", "2024-12-31")]),
            ("Graphs/pathways/synthetic-event-log.csv", "month",
             [("2024-02", "2024-02-01", "2024-02-29"), ("2024-06", "2024-06-01", "2024-06-30"),
              ("2024-11", "2024-11-01", "2024-11-30")]),
        ]
        for (input, step, periods) in cases {
            let by = try Fixtures.run("samhandling", ["metrics", "--by", step, "--format", "csv", input], in: root)
            #expect(by.status == 0, "\(by.stderr)")
            let rows = by.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
            for (label, from, to) in periods {
                let alone = try Fixtures.run("samhandling", ["metrics", "--from", from, "--to", to, "--format", "csv", input], in: root)
                let expected = alone.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
                let got = rows.compactMap { row -> String? in
                    var cells = row.components(separatedBy: ",")
                    guard cells[2] == label else { return nil }
                    cells.remove(at: 2)
                    return cells.joined(separator: ",")
                }
                #expect(!got.isEmpty && got == Array(expected), "\(input) \(label)")
            }
        }
    }

    /// `render --view map --by quarter`: one map per user and quarter, named for both; a second
    /// run finds them up to date; a graph without dates says why it has no periods.
    @Test func mapsByQuarterAreOnePerUserAndPeriod() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(Self.graph.utf8).write(to: root.appendingPathComponent("g.dot"))
        try Data("graph { u [kind=user]; a [kind=professional]; u -- a [kind=contact] }".utf8)
            .write(to: root.appendingPathComponent("undated.dot"))
        let first = try Fixtures.run("samhandling", ["render", "g.dot", "undated.dot", "--view", "map", "--by", "quarter", "--out", "out"], in: root)
        #expect(first.status == 1)
        #expect(first.stderr.contains("undated.dot: error: --by needs dated contacts"))
        let written = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("out").path)
            .filter { $0.hasSuffix(".svg") }.sorted()
        #expect(written == ["g.u.2024Q1.svg", "g.u.2024Q2.svg", "g.u.2024Q3.svg"])
        let q3 = try String(contentsOf: root.appendingPathComponent("out/g.u.2024Q3.svg"), encoding: .utf8)
        #expect(q3.contains("<title>c</title>") && !q3.contains("<title>a</title>") && q3.contains("2024Q1–2024Q3"))
        let again = try Fixtures.run("samhandling", ["render", "g.dot", "--view", "map", "--by", "quarter", "--out", "out"], in: root)
        #expect(again.status == 0 && again.stderr.contains("rendered 0"), "\(again.stderr)")
        let network = try Fixtures.run("samhandling", ["render", "g.dot", "--by", "quarter", "--out", "out"], in: root)
        #expect(network.status == 2 && network.stderr.contains("use it with --view map"))
    }

    @Test func badByIsRefused() throws {
        let root = Fixtures.repositoryRoot
        let week = try Fixtures.run("samhandling", ["metrics", "--by", "week", "Graphs/romsdal/aukra.dot"], in: root)
        #expect(week.status == 2 && week.stderr.contains("week"))
        let whole = try Fixtures.run("samhandling", ["metrics", "--by", "year", "--scope", "whole", "Graphs/romsdal/aukra.dot"], in: root)
        #expect(whole.status == 2 && whole.stderr.contains("--scope whole has no users"))
    }
}
