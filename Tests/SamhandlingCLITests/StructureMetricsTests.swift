import Foundation
import Testing
import TestSupport

/// `metrics` on org charts: the `structure` section with every key, the model each source
/// gives, the reason in English and bokmål, and the per-chart figures in CSV and table.
@Suite struct StructureMetricsTests {
    /// The Romsdal study (000:1590–1610): Molde and Vestnes integrated, the other seven a service
    /// inside a broader unit.
    static let sourceModels = [
        "aukra": "own_service", "eide": "own_service", "fraena": "own_service", "gjemnes": "own_service",
        "midsund": "own_service", "molde": "integrated", "nesset": "own_service", "rauma": "own_service",
        "vestnes": "integrated",
    ]

    @Test func everyRomsdalChartHasTheStructureKeysAndTheSourcesModel() throws {
        let result = try Fixtures.run("samhandling", ["metrics", "--format", "json", "Graphs/romsdal"], in: Fixtures.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 9)
        for report in reports {
            let input = try #require((report["meta"] as? [String: Any])?["input"] as? String)
            let name = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
            let structure = try #require(report["structure"] as? [String: Any], "\(name) has no structure")
            #expect(Set(structure.keys) == ["units", "max_depth", "mh_units", "mh_fte", "mh_hhi", "visible", "main_mh_node", "model",
                                            "model_reason", "purchasers"], "\(name)")
            let unit = try #require((structure["units"] as? [[String: Any]])?.first)
            #expect(Set(unit.keys) == ["node", "label", "tier", "formal_level", "span", "dual_reporting", "authority_split", "mh_fte",
                                       "subtree_mh_fte"])
            #expect(structure["model"] as? String == Self.sourceModels[name], "\(name): \(structure["model_reason"] ?? "")")
            #expect((structure["model_reason"] as? String)?.contains("→") == true)
            let quality = try #require(report["quality"] as? [String: Any])
            #expect(quality["units_without_tier"] as? Int == 0, "\(name) has units without a tier")
            #expect(quality["roots"] as? Int ?? 0 >= 1)
        }
    }

    @Test func theReasonInBokmalAndTheFiguresInCSVAndTable() throws {
        let root = Fixtures.repositoryRoot
        let nb = try Fixtures.run("samhandling", ["metrics", "--lang", "nb", "Graphs/romsdal/gjemnes.dot"], in: root)
        #expect(nb.stdout.contains("modell: egen tjeneste — "), "\(nb.stdout)")
        #expect(nb.stdout.contains("ligger under «"))
        let csv = try Fixtures.run("samhandling", ["metrics", "--format", "csv", "Graphs/romsdal"], in: root)
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 10)  // a header and a row per chart (org charts have no users)
        let header = lines[0].components(separatedBy: ",")
        for column in ["units", "max_depth", "mh_units", "mh_fte", "mh_hhi", "mh_visible", "main_mh_node", "model", "model_reason"] {
            #expect(header.contains(column), "no \(column) column")
        }
        #expect(lines.contains { $0.hasPrefix("Graphs/romsdal/molde.dot,,") && $0.contains(",integrated,") })
        let table = try Fixtures.run("samhandling", ["metrics", "Graphs/romsdal/molde.dot"], in: root)
        #expect(table.stdout.contains("organisation") && table.stdout.contains("model: integrated — "))
    }

    @Test func badChartsSayWhatIsWrong() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("""
            digraph {
              ce [kind=unit];
              mh [kind=service, mh=true, mh_fte="lots", tier=team];
              mh -> ce [kind=reports_to];
              ce -> ce [kind=reports_to];
            }
            """.utf8).write(to: folder.appendingPathComponent("bad.dot"))
        let result = try Fixtures.run("samhandling", ["metrics", "bad.dot"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.dot:3: error: node 'mh' has unknown tier 'team'"), "\(result.stderr)")
        #expect(result.stderr.contains("bad.dot:3: error: node 'mh' has mh_fte 'lots'"))
        #expect(result.stderr.contains("bad.dot:5: error: edge 'ce' → 'ce': a unit cannot report to itself"))
        #expect(result.stderr.contains("bad.dot: error: 'ce' reports to itself"))
        // Two roots and no mh=true node: integrated, the reason says why, quality counts the roots.
        try Data("digraph { a -> ce [kind=reports_to]; b -> other [kind=reports_to]; }".utf8)
            .write(to: folder.appendingPathComponent("two.dot"))
        let two = try Fixtures.run("samhandling", ["metrics", "--format", "json", "two.dot"], in: folder)
        let report = try #require((try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [[String: Any]])?.first)
        #expect((report["quality"] as? [String: Any])?["roots"] as? Int == 2)
        let structure = try #require(report["structure"] as? [String: Any])
        #expect(structure["model"] as? String == "integrated" && structure["mh_fte"] is NSNull)
        #expect(structure["model_reason"] as? String == "no node is marked as mental-health work (mh=true) → integrated")
    }
}
