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

    /// --scope whole: the whole graph only, with both fragmentations (NetworkX gives
    /// 0.535147992 for the 26-helper network's distance fragmentation over all 44 nodes).
    @Test func scopeWholeMeasuresTheWholeGraphOnly() throws {
        let root = Fixtures.repositoryRoot
        let result = try Fixtures.run("samhandling", ["metrics", "--scope", "whole", "--format", "json",
                                                      "Graphs/helper-networks/one-year-26-helpers.dot"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let report = try #require(parsed.first)
        #expect(report["users"] == nil)
        #expect((report["pathways"] as? [Any])?.isEmpty == true)
        #expect(report["fragmentation"] as? Double == 0)
        #expect(report["distance_fragmentation"] as? Double == 0.535147992)
        #expect((report["centrality"] as? [Any])?.count == 44)

        let csv = try Fixtures.run("samhandling", ["metrics", "--scope", "whole", "--format", "csv", "Graphs/romsdal/aukra.dot"], in: root)
        #expect(csv.status != 0 && csv.stderr.contains("--format csv has a row per user"))
        let log = try Fixtures.run("samhandling", ["metrics", "--scope", "whole", "Graphs/pathways/synthetic-event-log.csv",
                                                   "Graphs/romsdal/aukra.dot"], in: root)
        #expect(log.status == 1)
        #expect(log.stderr.contains("synthetic-event-log.csv: error: an event log has no whole graph"))
        #expect(log.stdout.contains("distance fragmentation 0.555"))  // the graph is still measured
    }

    /// CSV of an event log is written as users are measured (memory flat in users); a log that
    /// turns out unsorted half-way is read again, and its rows must not come out twice.
    @Test func eventLogCSVIsStreamedAndSurvivesAnUnsortedLog() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let header = "user,time,kind,actor,service,level"
        let rows = ["a,2024-01-01,contact,gp,fl,municipal", "a,2024-02-01,contact,psy,dps1,dps",
                    "b,2024-01-05,contact,gp,fl,municipal", "c,2024-03-01,contact,nurse,mh,municipal"]
        let sorted = ([header] + rows).joined(separator: "\n") + "\n"
        let unsorted = ([header] + rows[2...] + rows[..<2]).joined(separator: "\n") + "\n"
        try Data(sorted.utf8).write(to: root.appendingPathComponent("log.csv"))
        let first = try Fixtures.run("samhandling", ["metrics", "--format", "csv", "log.csv", "Graphs/romsdal/aukra.dot"].map {
            $0.hasPrefix("Graphs") ? Fixtures.repositoryRoot.appendingPathComponent($0).path : $0
        }, in: root)
        #expect(first.status == 0, "\(first.stderr)")
        try Data(unsorted.utf8).write(to: root.appendingPathComponent("log.csv"))
        let second = try Fixtures.run("samhandling", ["metrics", "--format", "csv", "log.csv"], in: root)
        #expect(second.status == 0, "\(second.stderr)")
        let firstLines = first.stdout.components(separatedBy: "\r\n")
        let secondLines = second.stdout.components(separatedBy: "\r\n")
        #expect(firstLines.first?.hasPrefix("input,user,") == true)
        #expect(firstLines.filter { $0.hasPrefix("log.csv,") }.count == 3)
        #expect(secondLines.filter { $0.hasPrefix("log.csv,") }.count == 3)  // not 5: the restart dropped the first two
        #expect(Array(firstLines.prefix(4)) == Array(secondLines.prefix(4)))  // the same rows, in user order
        #expect(first.stdout.components(separatedBy: "input,user,").count == 2)  // one header for both inputs
    }

    /// With `--format csv` an event log's rows go out as each user is measured: peak memory
    /// does not grow with the number of users (JSON, which holds them all, shows that the probe
    /// would see it if it did). The smaller log is large enough to reach the steady state (its
    /// output passes the 1 MB write buffer, its batches of users fill): a log of 1,000 users
    /// does not, and measured the buffers' warm-up (about 4 MB), not growth.
    @Test func eventLogCSVMemoryIsFlatInUsers() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        func log(users: Int) throws -> String {
            let path = root.appendingPathComponent("log\(users).csv").path
            let made = try Fixtures.run("samhandling", ["generate", "event-log", "--users", String(users),
                                                        "--events", String(users * 4), "--seed", "3", "--out", path])
            try #require(made.status == 0, "\(made.stderr)")
            return path
        }
        let small = try log(users: 6_000), large = try log(users: 48_000)
        let csvSmall = try Fixtures.peakMemory("samhandling", ["metrics", "--format", "csv", "--to", "2024-12-31", small])
        let csvLarge = try Fixtures.peakMemory("samhandling", ["metrics", "--format", "csv", "--to", "2024-12-31", large])
        let jsonSmall = try Fixtures.peakMemory("samhandling", ["metrics", "--format", "json", "--to", "2024-12-31", small])
        #expect(csvSmall.status == 0 && csvLarge.status == 0 && jsonSmall.status == 0)
        #expect(csvLarge.bytes < csvSmall.bytes + 6 * 1_048_576,
                "CSV peak grew from \(csvSmall.bytes / 1_048_576) MB to \(csvLarge.bytes / 1_048_576) MB with 8 times the users")
        // Holding 6,000 users' results takes more than streaming 48,000 users' rows.
        #expect(jsonSmall.bytes > csvLarge.bytes + 6 * 1_048_576, "the probe cannot see memory that grows with users")
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
        #expect(lines[0].hasPrefix("input,user,helpers,relatives,services,levels,helper_ties,helper_density,helper_groups,"
                                   + "fragmentation,fragmentation_without_relatives,distance_fragmentation,"))
        #expect(lines[1].hasPrefix(#"two.dot,"Ola, ""O""",1,0,0,0,0,,1,,,,,,,1,1,1,,"#))
        // kari: gp and pn share 2 and 1 users → care density (1·… ) over one pair: gp has 2 users, pn 1 → shared 1
        #expect(lines[2].hasPrefix("two.dot,kari,2,0,0,0,0,0,2,1,1,1,,,,2,1,0.5,1,"))
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
        #expect(weighted.stdout.contains("g.dot,u,2,0,0,2,0,0,2,1,1,1,,,,2,1,0.5,2,1,"))  // a–b shared by 2, × 0.5
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
        #expect(result.stdout.contains("helper network                        kari"))
        #expect(result.stdout.contains("key helper                           h_vik"))
        #expect(result.stdout.contains("relatives                                2"))
        #expect(result.stdout.contains("care density                             –"))
    }
}

@Suite struct PathwayMetricsCommandTests {
    @Test func shippedEventLogMatchesGolden() throws {
        let result = try Fixtures.run("samhandling", ["metrics", "--format", "json", "Graphs/pathways/synthetic-event-log.csv"],
                                      in: Fixtures.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Golden.mismatch(result.stdout, golden: "synthetic-event-log.metrics.json") == nil)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let report = try #require(parsed.first)
        #expect(Set(report.keys) == ["meta", "pathways", "quality"])  // an event log has no graph
        #expect((report["pathways"] as? [Any])?.count == 8)
    }

    @Test func pathwayKeysOfTheContract() throws {
        let result = try Fixtures.run("samhandling", ["metrics", "--format", "json", "Graphs/helper-networks/one-year-26-helpers.dot"],
                                      in: Fixtures.repositoryRoot)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let pathway = try #require((parsed.first?["pathways"] as? [[String: Any]])?.first)
        let keys = ["user", "granularity", "contacts", "providers", "upc", "coc", "secon", "mmci", "hhi", "handovers",
                    "level_transitions", "up_transitions", "down_transitions", "new_faces", "broken_relations",
                    "unbridged_transitions", "discontinuity_index", "level_switches", "censored_transitions",
                    "transitions", "discharges", "transfers", "censored_discharges", "followup_days", "followup_7d",
                    "followup_30d", "followup_municipal_days", "followup_municipal_7d", "readmissions_30d",
                    "readmission_rate_30d", "referral_wait_days", "concurrency_mean", "concurrency_max"]
        #expect(Set(pathway.keys) == Set(keys))
        let transition = try #require((pathway["transitions"] as? [[String: Any]])?.first)
        #expect(Set(transition.keys) == ["time", "from", "to", "new_faces", "carried", "broken", "bridged", "censored"])
        let meta = try #require(parsed.first?["meta"] as? [String: Any])
        #expect(meta["granularity"] as? String == "professional" && meta["window_days"] as? Double == 30)
        #expect(meta["episode_gap_days"] as? Double == 60)
        let quality = try #require(parsed.first?["quality"] as? [String: Any])
        #expect(quality["unmatched_discharges"] as? Int == 0 && quality["open_stays"] as? Int == 0)
        // The CSV carries every key but the list of transitions, in the same names.
        let csv = try Fixtures.run("samhandling", ["metrics", "--format", "csv", "Graphs/helper-networks/one-year-26-helpers.dot"],
                                   in: Fixtures.repositoryRoot)
        let header = Set(csv.stdout.components(separatedBy: "\r\n")[0].components(separatedBy: ","))
        #expect(Set(keys).subtracting(["user", "granularity", "transitions"]).isSubset(of: header))
    }

    @Test func granularityWindowAndBadRows() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("""
            user,time,kind,actor,service,level
            u,2024-01-01,contact,pn1,mh,municipal
            u,2024-01-08,contact,pn2,mh,municipal
            u,2024-01-15,contact,gp,surgery,municipal
            u,yesterday,contact,gp,surgery,municipal
            u,2024-01-22,contact,nav1,nav,state

            """.utf8).write(to: root.appendingPathComponent("log.csv"))
        func handovers(_ granularity: String) throws -> (Int32, String, String) {
            let r = try Fixtures.run("samhandling", ["metrics", "--format", "csv", "--granularity", granularity, "log.csv"], in: root)
            let row = r.stdout.components(separatedBy: "\r\n")[1].components(separatedBy: ",")
            let header = r.stdout.components(separatedBy: "\r\n")[0].components(separatedBy: ",")
            return (r.status, row[header.firstIndex(of: "handovers")!], r.stderr)
        }
        let byProfessional = try handovers("professional")
        #expect(byProfessional.1 == "3")
        #expect(byProfessional.0 == 1)  // a row was skipped
        #expect(byProfessional.2.contains("log.csv:5: error: time 'yesterday' is not ISO 8601"))
        #expect(try handovers("service").1 == "2")
        #expect(try handovers("level").1 == "1")
        #expect(try Fixtures.run("samhandling", ["metrics", "--window", "-3", "log.csv"], in: root).status == 2)
    }

    @Test func aCSVThatIsNotAnEventLog() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("a,b\n1,2\n".utf8).write(to: root.appendingPathComponent("other.csv"))
        let result = try Fixtures.run("samhandling", ["metrics", "other.csv"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("other.csv:1: error: not an event log: the header must name user, time and kind columns"))
    }
}

@Suite struct HandoversCommandTests {
    @Test func everyFormat() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let log = Fixtures.repositoryRoot.appendingPathComponent("Graphs/pathways/synthetic-event-log.csv").path
        let csv = try Fixtures.run("samhandling", ["handovers", log], in: root)
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("source,target,count\r\n"))
        let counts = csv.stdout.split(separator: "\r\n").dropFirst().compactMap { Int($0.split(separator: ",").last ?? "") }
        #expect(counts.reduce(0, +) == 194)  // as pm4py counts them (bench/RESULTS.md)
        for (file, prefix) in [("h.dot", "digraph handovers"), ("h.graphml", "<?xml"), ("h.svg", "<?xml")] {
            let result = try Fixtures.run("samhandling", ["handovers", log, "--out", file], in: root)
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).hasPrefix(prefix))
        }
        let png = try Fixtures.run("samhandling", ["handovers", log, "--out", "h.out", "--format", "png"], in: root)
        #expect(png.status == 0)
        #expect(try Data(contentsOf: root.appendingPathComponent("h.out")).starts(with: [0x89, 0x50]))
        #expect(try Fixtures.run("samhandling", ["handovers", log, "--out", "h.xlsx"], in: root).status == 2)
    }

    @Test func graphsAndLogsAddUp() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("digraph { u [kind=user]; a [kind=professional, level=municipal]; b [kind=professional, level=dps];\n u -> a [kind=contact, date=\"2024-01-01\"]; u -> b [kind=contact, date=\"2024-01-02\"] }".utf8)
            .write(to: root.appendingPathComponent("g.dot"))
        try Data("user,time,kind,actor,service,level\nv,2024-01-01,contact,a,s,municipal\nv,2024-01-03,contact,b,d,dps\n".utf8)
            .write(to: root.appendingPathComponent("log.csv"))
        let result = try Fixtures.run("samhandling", ["handovers", "."], in: root)
        #expect(result.stdout == "source,target,count\r\na,b,2\r\n")
    }
}
