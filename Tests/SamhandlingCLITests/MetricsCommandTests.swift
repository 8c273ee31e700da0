import Foundation
import Testing
import TestSupport

@Suite struct MetricsCommandTests {
    @Test func jsonForTheShipped26HelperNetworkMatchesGolden() throws {
        let result = try Fixtures.run("samhandling", ["metrics", "--format", "json", "Graphs/helper-networks/one-year-26-helpers.dot"],
                                      in: Fixtures.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Golden.mismatch(result.stdout, golden: "one-year-26-helpers.metrics.json") == nil)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let user = try #require((parsed.first?["users"] as? [[String: Any]])?.first)
        #expect(user["helpers"] as? Int == 26)
        #expect(user["care_density"] is NSNull)  // one user: undefined, written as null
    }

    @Test func jsonHasEveryKeyOfTheContract() throws {
        let result = try Fixtures.run("samhandling", ["metrics", "--format", "json", "Graphs/romsdal/aukra.dot"],
                                      in: Fixtures.repositoryRoot)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let report = try #require(parsed.first)
        for key in ["meta", "nodes", "edges", "density", "components", "articulation_points", "bridges", "level_mixing",
                    "ei_index", "centrality", "users", "quality"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        let meta = try #require(report["meta"] as? [String: Any])
        #expect((meta["sha256"] as? String)?.count == 64)
        #expect(meta["input"] as? String == "Graphs/romsdal/aukra.dot")
        #expect((report["users"] as? [Any])?.isEmpty == true)  // an org chart has no users
    }

    @Test func csvIsOneRowPerUserWithAHeader() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("""
            graph { "Ola, \\"O\\"" [kind=user]; kari [kind=user]; gp [kind=professional]; pn [kind=professional];
              "Ola, \\"O\\"" -- gp [kind=contact]; kari -- gp [kind=contact]; kari -- pn [kind=contact]; }
            """.utf8).write(to: root.appendingPathComponent("two.dot"))
        let result = try Fixtures.run("samhandling", ["metrics", "--format", "csv", "two.dot"], in: root)
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("input,user,helpers,services,levels,helper_ties,helper_density,"))
        #expect(lines[1].hasPrefix(#"two.dot,"Ola, ""O""",1,0,0,0,,1,,,,,,1,1,1,,"#))
        // kari: gp and pn share 2 and 1 users → care density (1·… ) over one pair: gp has 2 users, pn 1 → shared 1
        #expect(lines[2].hasPrefix("two.dot,kari,2,0,0,0,0,2,1,1,,,,2,1,0.5,1,"))
        #expect(lines.count == 4 && lines[3].isEmpty)
    }

    @Test func aFailedInputIsReportedAndTheRestMeasured() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("graph { a -- b }".utf8).write(to: root.appendingPathComponent("a.dot"))
        try Data("graph { a -- }".utf8).write(to: root.appendingPathComponent("b.dot"))
        let result = try Fixtures.run("samhandling", ["metrics", "--format", "json", "."], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("./b.dot:1: error: syntax error"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any])
        #expect(parsed.count == 1)
    }

    @Test func fcdWeightsAndPeriods() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("""
            graph { u [kind=user]; v [kind=user]; a [kind=professional, level=municipal]; b [kind=professional, level=dps];
              u -- a [kind=contact, date="2024-01-01"]; u -- b [kind=contact, date="2024-05-01"];
              v -- a [kind=contact, date="2024-01-01"]; v -- b [kind=contact, date="2024-01-01"]; }
            """.utf8).write(to: root.appendingPathComponent("g.dot"))
        try Data("level_a,level_b,weight\ndps,municipal,0.5\n".utf8).write(to: root.appendingPathComponent("w.csv"))
        let weighted = try Fixtures.run("samhandling", ["metrics", "--format", "csv", "--fcd-weights", "w.csv", "g.dot"], in: root)
        #expect(weighted.status == 0, "\(weighted.stderr)")
        #expect(weighted.stdout.contains("g.dot,u,2,0,2,0,0,2,1,1,,,,2,1,0.5,2,1\r\n"))  // a–b shared by 2, × 0.5
        let early = try Fixtures.run("samhandling", ["metrics", "--format", "csv", "--to", "2024-03-01", "g.dot"], in: root)
        #expect(early.stdout.contains("g.dot,u,1,"))  // b was met after the period
        let bad = try Fixtures.run("samhandling", ["metrics", "--from", "first of May", "g.dot"], in: root)
        #expect(bad.status == 2)
        try Data("level_a,level_b,weight\ndps,hospital,1\n".utf8).write(to: root.appendingPathComponent("partial.csv"))
        let missing = try Fixtures.run("samhandling", ["metrics", "--fcd-weights", "partial.csv", "g.dot"], in: root)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no weight for the level pair dps|municipal"))
    }

    @Test func tableIsForPeople() throws {
        let result = try Fixtures.run("samhandling", ["metrics", "Graphs/helper-networks"], in: Fixtures.repositoryRoot)
        #expect(result.status == 0)
        #expect(result.stdout.contains("helper network                 kari"))
        #expect(result.stdout.contains("key helper                    h_vik"))
        #expect(result.stdout.contains("care density                      –"))
    }
}
