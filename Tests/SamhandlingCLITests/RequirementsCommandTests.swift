import Foundation
import Testing
import TestSupport

/// `samhandling requirements` on the shipped graphs (goldens), bad input, and the requirements
/// in `report` and `scenario`.
@Suite struct RequirementsCommandTests {
    private func run(_ arguments: [String], in directory: URL = Fixtures.repositoryRoot) throws -> (status: Int32, stdout: String, stderr: String) {
        try Fixtures.run("samhandling", ["requirements"] + arguments, in: directory)
    }

    @Test func romsdalSideBySideMatchesGoldens() throws {
        let table = try run(["Graphs/romsdal"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(Golden.mismatch(table.stdout, golden: "romsdal-requirements.txt") == nil)
        // The nine municipalities across, in one header line.
        let header = try #require(table.stdout.components(separatedBy: "\n").dropFirst(2).first)
        #expect(header.split(separator: " ").map(String.init)
                == ["Aukra", "Eide", "Fræna", "Gjemnes", "Midsund", "Molde", "Nesset", "Rauma", "Vestnes"])
        // The table itself (up to its key) fits an A4-landscape line of 8-point type.
        let grid = table.stdout.components(separatedBy: "\n").prefix { !$0.hasPrefix("– ") }
        #expect(grid.allSatisfy { $0.count <= 160 }, "\(grid.map(\.count).max() ?? 0)")
        let json = try run(["Graphs/romsdal", "--format", "json"])
        #expect(Golden.mismatch(json.stdout, golden: "romsdal-requirements.json") == nil)
        let csv = try run(["Graphs/romsdal", "--format", "csv"])
        #expect(Golden.mismatch(csv.stdout, golden: "romsdal-requirements.csv") == nil)
        #expect(csv.stdout.hasPrefix("input,name,user,requirement,status,indicator,value,evidence\r\n"))
        let nb = try run(["Graphs/romsdal", "--lang", "nb"])
        #expect(Golden.mismatch(nb.stdout, golden: "romsdal-requirements.nb.txt") == nil)
    }

    @Test func everyRomsdalLineTracesToANodeOrAFigure() throws {
        let table = try run(["Graphs/romsdal"]).stdout
        // Vestnes's chart does not mark the work: said so, and its FTE is still there.
        #expect(table.contains("Vestnes (Graphs/romsdal/vestnes.dot)\n  1 Holistic and coordinated: 1 forum («Monthly forum: coordinators and children & youth»); no node is marked as MH work (mh=true); no informal tie."))
        // Molde's allocation office: the one point of entry and six hand-offs, named.
        #expect(table.contains("1 point of entry («Allocation and coordination office»); 6 purchaser hand-offs («Allocation and coordination office» → «Home services district 1»"))
        // Gjemnes states no FTE: missing, not 0.
        #expect(table.contains("2 Good professional milieu: No MH FTE stated (mh_fte); FTE per 1,000 inhabitants needs stated FTE and the population; 1 MH unit («Mental health and substance use»); no FTE stated for «Mental health and substance use»"))
        #expect(table.contains("evening, night («Mental-health service (psychiatric nurse, coordinator)» – «Department Home-based services»"))
    }

    @Test func theTwentySixHelpersMatchGoldens() throws {
        let path = "Graphs/helper-networks/one-year-26-helpers.dot"
        let table = try run([path])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(Golden.mismatch(table.stdout, golden: "one-year-26-helpers.requirements.txt") == nil)
        #expect(table.stdout.contains("1 Holistic and coordinated: «Responsibility group (ansvarsgruppe)» reaches 5 of 26 helpers; "
                                      + "without the user the helpers form 2 groups (alone: «Karlsen»); fragmentation 0.08; "
                                      + "without «Dr Vik» it goes from 0.08 to 0.40."))
        let json = try run([path, "--format", "json"])
        #expect(Golden.mismatch(json.stdout, golden: "one-year-26-helpers.requirements.json") == nil)
        let csv = try run([path, "--format", "csv"])
        #expect(Golden.mismatch(csv.stdout, golden: "one-year-26-helpers.requirements.csv") == nil)
    }

    @Test func aGraphWithNeitherUsersNorReportingLines() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("digraph { a [kind=service]; b [kind=service]; a -> b [kind=collaboration]; }".utf8)
            .write(to: root.appendingPathComponent("plain.dot"))
        let result = try run(["plain.dot"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("plain.dot has neither users nor reports_to edges: requirements 1, 2, 3, 5, 6 and 7 "
                                       + "cannot be assessed from it (4, shared values, is never scored)."))
        let json = try run(["plain.dot", "--format", "json"], in: root)
        #expect(json.stdout.contains("\"needs\" : \"users_or_org_chart\""))
    }

    @Test func badInputIsReportedAndTheRestAssessed() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("digraph { a -> b [kind=collab\n".utf8).write(to: root.appendingPathComponent("broken.dot"))
        let aukra = Fixtures.repositoryRoot.appendingPathComponent("Graphs/romsdal/aukra.dot").path
        let result = try run(["broken.dot", aukra, "missing.dot"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.dot:2: error:"))
        #expect(result.stderr.contains("missing.dot: error: no such file or folder"))
        #expect(result.stdout.contains("Aukra (\(aukra))"))
        let csvFolder = try run(["--format", "csv", aukra, "broken.dot"], in: root)
        #expect(csvFolder.status == 1 && csvFolder.stdout.contains("Aukra"))
        #expect(try run(["--format", "yaml", aukra], in: root).status == 2)
    }

    @Test func anEventLogGivesContinuity() throws {
        let result = try run(["Graphs/pathways/synthetic-event-log.csv", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Graphs/pathways/synthetic-event-log.csv,user04,user04,continuity,assessed,followup_7d,0,2024"))
        #expect(result.stdout.contains(",user04,user04,coordinated,not_assessable,,,"))
    }

    @Test func htmlPrintsOnA4Landscape() throws {
        let result = try run(["Graphs/romsdal", "--format", "html", "--lang", "nb"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("@page{size:A4 landscape"))
        #expect(result.stdout.contains("<table class=\"grid\">"))
        #expect(result.stdout.contains("<th>Aukra</th><th>Eide</th><th>Fræna</th>"))
        #expect(result.stdout.contains("Sikre et tjenestetilbud som oppleves helhetlig og koordinert"))
        #expect(!result.stdout.contains("<script"))
    }

    @Test func theReportHasARequirementsSection() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = Fixtures.repositoryRoot.appendingPathComponent("Graphs/romsdal/midsund.dot").path
        let result = try Fixtures.run("samhandling", ["report", path, "--out", "r"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: root.appendingPathComponent("r/midsund.html"), encoding: .utf8)
        #expect(page.contains("<h2>The seven requirements of the national guidance on organising municipal mental-health work</h2>"))
        #expect(page.contains("<table class=\"requirements\">"))
        #expect(page.contains("evening, night («Mental-health service (psychiatric nurse, coordinator)»"))
    }

    @Test func aScenarioShowsTheRequirementsBeforeAndAfter() throws {
        let result = try Fixtures.run("samhandling", [
            "scenario", "Graphs/helper-networks/one-year-26-helpers.dot", "Graphs/scenarios/responsibility-group-for-every-helper.txt",
            "--requirements",
        ], in: Fixtures.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("* coordinator reach") && $0.hasSuffix("5/26          26/26") })
        #expect(lines.contains { $0.hasPrefix("  helpers ") && $0.hasSuffix("26             26") })
        let purchaser = try Fixtures.run("samhandling", [
            "scenario", "Graphs/purchaser-provider/hard-model-k.dot", "Graphs/scenarios/hard-model-k-without-purchaser.txt",
            "--requirements", "--format", "json",
        ], in: Fixtures.repositoryRoot)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(purchaser.stdout.utf8)) as? [String: Any])
        let requirements = try #require(json["requirements"] as? [String: Any])
        func handOffs(_ side: String) throws -> Int? {
            let cards = try #require(requirements[side] as? [[String: Any]])
            let visible = (cards.first?["requirements"] as? [[String: Any]])?.first { $0["requirement"] as? String == "visible" }
            let indicator = (visible?["indicators"] as? [[String: Any]])?.first { $0["indicator"] as? String == "purchaser_hand_offs" }
            return indicator?["value"] as? Int
        }
        #expect(try handOffs("before") == 4 && handOffs("after") == 0)
        // Without the flag the scenario's outputs are as they were.
        let plain = try Fixtures.run("samhandling", [
            "scenario", "Graphs/purchaser-provider/hard-model-k.dot", "Graphs/scenarios/hard-model-k-without-purchaser.txt",
        ], in: Fixtures.repositoryRoot)
        #expect(!plain.stdout.contains("The seven requirements"))
        #expect(try Fixtures.run("samhandling", [
            "scenario", "Graphs/purchaser-provider/hard-model-k.dot", "Graphs/scenarios/hard-model-k-without-purchaser.txt",
            "--requirements", "--format", "csv",
        ], in: Fixtures.repositoryRoot).status == 2)
    }
}
