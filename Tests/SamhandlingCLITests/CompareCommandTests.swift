import Foundation
import Testing
import TestSupport

@Suite struct CompareCommandTests {
    @Test func romsdalTableMatchesGolden() throws {
        let result = try Fixtures.run("samhandling", ["compare", "Graphs/romsdal"], in: Fixtures.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Golden.mismatch(result.stdout, golden: "romsdal-compare.txt") == nil)
        let csv = try Fixtures.run("samhandling", ["compare", "--format", "csv", "Graphs/romsdal"], in: Fixtures.repositoryRoot)
        #expect(Golden.mismatch(csv.stdout, golden: "romsdal-compare.csv") == nil)
        #expect(csv.stdout.components(separatedBy: "\r\n").count == 11)  // header, 9 municipalities, final line end
    }

    @Test func norwegianHeadings() throws {
        let result = try Fixtures.run("samhandling", ["compare", "--lang", "nb", "Graphs/romsdal/aukra.dot"], in: Fixtures.repositoryRoot)
        #expect(result.stdout.hasPrefix("kommune  innbyggere"))
    }

    @Test func beforeAfterAndDrawings() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let repo = Fixtures.repositoryRoot.path
        let result = try Fixtures.run("samhandling", [
            "compare", "--before", repo + "/Graphs/reorganisation/rauma-2013.dot", "--after", repo + "/Graphs/reorganisation/rauma-2015.dot",
            "--render", "reorg.svg",
        ], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("units moved: «Psychosocial service, adults» («Unit Child and Family» → «Unit Home-based care (the 3 areas merged)»)"))
        #expect(result.stdout.contains("units removed: «Nursing and care, area 1», «Nursing and care, area 2», «Nursing and care, area 3»"))
        let svg = try String(contentsOf: root.appendingPathComponent("reorg.svg"), encoding: .utf8)
        #expect(svg.contains("#009e73") || svg.contains("#009E73"))  // added units drawn green
        let grid = try Fixtures.run("samhandling", ["compare", repo + "/Graphs/romsdal", "--render", "grid.svg"], in: root)
        #expect(grid.status == 0, "\(grid.stderr)")
        let gridData = try Data(contentsOf: root.appendingPathComponent("grid.svg"))
        let gridText = String(decoding: gridData, as: UTF8.self)
        #expect(gridText.components(separatedBy: "<svg ").count - 1 == 11)  // the page, 9 charts and the legend
        #expect(try Fixtures.run("samhandling", ["compare", "--before", "a.dot"], in: root).status == 2)
    }

    @Test func aReportingCycleIsNamed() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("digraph { a -> b [kind=reports_to]; b -> a [kind=reports_to]; }".utf8).write(to: root.appendingPathComponent("c.dot"))
        let result = try Fixtures.run("samhandling", ["compare", "c.dot"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("c.dot: error: reports_to lines form a cycle: a → b → a"))
        let render = try Fixtures.run("samhandling", ["render", "c.dot", "--view", "structure", "--out", "out"], in: root)
        #expect(render.status == 1 && render.stderr.contains("form a cycle"))
    }
}

@Suite struct AnonymizeCommandTests {
    @Test func keyedStableLeakFreeAndMeasurePreserving() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = Fixtures.repositoryRoot.appendingPathComponent("Graphs/helper-networks/one-year-26-helpers.dot").path
        try FileManager.default.createDirectory(at: root.appendingPathComponent("keys"), withIntermediateDirectories: true)
        let first = try Fixtures.run("samhandling", ["anonymize", source, "out/a.dot", "--key", "keys/k.key"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("new key written to keys/k.key"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/k.key").path))
        let second = try Fixtures.run("samhandling", ["anonymize", source, "out/b.graphml", "--key", "keys/k.key"], in: root)
        #expect(second.status == 0)
        _ = try Fixtures.run("samhandling", ["convert", "out/a.dot", "out/a.graphml"], in: root)
        #expect(try String(contentsOf: root.appendingPathComponent("out/a.graphml"), encoding: .utf8)
                == String(contentsOf: root.appendingPathComponent("out/b.graphml"), encoding: .utf8))

        // No original person's id or label is left.
        let originalJSON = try Fixtures.run("samhandling", ["convert", source, "original.json"], in: root)
        #expect(originalJSON.status == 0)
        let model = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("original.json"))) as? [String: Any])
        let people = (model["nodes"] as? [[String: Any]] ?? []).filter {
            ["user", "professional", "relative"].contains(($0["attributes"] as? [String: String])?["kind"])
        }
        let anonymous = try String(contentsOf: root.appendingPathComponent("out/a.dot"), encoding: .utf8)
        for person in people {
            let names = [person["id"] as? String, (person["attributes"] as? [String: String])?["label"]].compactMap { $0 }
            for name in names where name.count >= 3 {
                #expect(!anonymous.contains(name), "\(name) leaked")
            }
        }
        // Every measure is the same (ids aside).
        func measures(_ path: String) throws -> [String: Any] {
            let result = try Fixtures.run("samhandling", ["metrics", "--format", "json", path], in: root)
            let report = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])?.first)
            var user = try #require((report["users"] as? [[String: Any]])?.first)
            var pathway = try #require((report["pathways"] as? [[String: Any]])?.first)
            for key in ["user", "key_helper", "isolated_helpers", "relative_ids"] { user.removeValue(forKey: key) }
            pathway.removeValue(forKey: "user")
            return ["user": user, "pathway": pathway, "density": report["density"] ?? 0, "ei": report["ei_index"] ?? 0]
        }
        #expect(NSDictionary(dictionary: try measures(source)) == NSDictionary(dictionary: try measures("out/a.dot")))
        #expect(try Fixtures.run("samhandling", ["anonymize", source, "x.dot", "--key", "x.dot"], in: root).status == 2)
    }
}
