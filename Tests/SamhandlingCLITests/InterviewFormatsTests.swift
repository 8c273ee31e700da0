import Foundation
import Testing
import TestSupport

/// Network Canvas exports and egor's tables end to end (docs/formats.md): found in a folder as
/// graphs, measured one user per interview, converted; a row that does not join is named with
/// its file and line, the rest is written, and the exit code is 1.
@Suite struct InterviewFormatsTests {
    private let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/ServiceGraphTests/Fixtures")

    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try Fixtures.run("samhandling", arguments)
    }

    @Test func aNetworkCanvasExportIsMeasuredOneRowPerInterview() throws {
        let export = fixtures.appendingPathComponent("network-canvas/csv").path
        let result = try run(["metrics", "--format", "csv", export])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(whereSeparator: \.isNewline).dropFirst()
        #expect(rows.map { $0.split(separator: ",")[1] } == ["kari", "ola"])
        // Kari: 3 helpers, 1 relative, density 2/3.
        #expect(rows.first?.split(separator: ",", omittingEmptySubsequences: false)[2...7].joined(separator: ",") == "3,1,0,0,2,0.666667")
    }

    @Test func aMissingEgoFileIsNamedAndTheRestConverted() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = folder.appendingPathComponent("export")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("network-canvas/csv"), to: export)
        try FileManager.default.removeItem(at: export.appendingPathComponent("ola_9a8b7c6d-session2_ego.csv"))
        let out = folder.appendingPathComponent("out.json")
        let result = try run(["convert", export.path, out.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("export/ola_9a8b7c6d-session2_attributeList_Professional.csv:2: error: the alters' ego 7e2d1c0b-egoola is in no ego file"))
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written.contains("\"kari\"") && !written.contains("b1-vik"))
    }

    /// A folder that is one graph is keyed by its files' bytes: rendered once, unchanged after,
    /// and again when one of its files changes.
    @Test func interviewFoldersRenderIncrementally() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("in"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("network-canvas/csv"), to: folder.appendingPathComponent("in/export"))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("egor"), to: folder.appendingPathComponent("in/tables"))
        let arguments = ["render", "in", "--out", "out", "--view", "network", "--jobs", "1"]
        let first = try Fixtures.run("samhandling", arguments, in: folder)
        #expect(first.stderr.contains("rendered 2, failed 0"), "\(first.stderr)")
        let second = try Fixtures.run("samhandling", arguments, in: folder)
        #expect(second.stderr.contains("rendered 0, failed 0, unchanged 2"), "\(second.stderr)")
        let egos = folder.appendingPathComponent("in/tables/egos.csv")
        try (try String(contentsOf: egos, encoding: .utf8) + "\n").write(to: egos, atomically: true, encoding: .utf8)
        let third = try Fixtures.run("samhandling", arguments, in: folder)
        #expect(third.stderr.contains("rendered 1, failed 0, unchanged 1"), "\(third.stderr)")
    }

    @Test func anyGraphConvertsToEgorsTablesAndBack() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tables = folder.appendingPathComponent("tables")
        let graph = Fixtures.repositoryRoot.appendingPathComponent("Graphs/helper-networks/interview-15-helpers.dot").path
        let converted = try run(["convert", graph, tables.path, "--to", "egor"])
        try #require(converted.status == 0, "\(converted.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: tables.path).sorted()
        #expect(names == ["aaties.csv", "alters.csv", "egos.csv"])
        // The folder is found as a graph and measured: the same helper network.
        let before = try run(["metrics", "--format", "json", graph]), after = try run(["metrics", "--format", "json", folder.path])
        #expect(after.status == 0, "\(after.stderr)")
        func helperNetwork(_ text: String) throws -> [String: Any] {
            let reports = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            let users = try #require(reports.first?["users"] as? [[String: Any]])
            return try #require(users.first)
        }
        let a = try helperNetwork(before.stdout), b = try helperNetwork(after.stdout)
        for key in ["helpers", "helper_ties", "helper_density", "effective_size", "constraint"] {
            #expect("\(a[key]!)" == "\(b[key]!)", "\(key)")
        }
    }

    /// README's egor example: the 26-helper network written as egor's tables and measured from
    /// them reads back clean (no `service` naming a node not written, no warning per undated
    /// interview tie), so `--strict` passes; the helper network is the one written.
    @Test func theREADMEsEgorRoundTripReadsBackWithNoWarning() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let graph = Fixtures.repositoryRoot.appendingPathComponent("Graphs/helper-networks/one-year-26-helpers.dot").path
        let converted = try Fixtures.run("samhandling", ["convert", graph, "tables", "--to", "egor"], in: folder)
        try #require(converted.status == 0, "\(converted.stderr)")
        let alters = try String(contentsOf: folder.appendingPathComponent("tables/alters.csv"), encoding: .utf8)
        #expect(alters.split(whereSeparator: \.isNewline).first?.split(separator: ",").contains("service_name") == true)
        let back = try Fixtures.run("samhandling", ["metrics", "--strict", "tables"], in: folder)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(!back.stderr.contains("warning"), "\(back.stderr)")
        #expect(back.stdout.contains("0 validation errors, 0 warnings"), "\(back.stdout)")
        let before = try run(["metrics", "--format", "csv", graph]), after = try Fixtures.run("samhandling", ["metrics", "--format", "csv", "tables"], in: folder)
        func row(_ text: String) -> [String: String] {
            let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            return Dictionary(zip(lines[0], lines[1]), uniquingKeysWith: { first, _ in first })
        }
        let a = row(before.stdout), b = row(after.stdout)
        for key in ["helpers", "relatives", "helper_ties", "helper_density", "effective_size", "constraint"] {
            #expect(a[key] != nil && a[key] == b[key], "\(key)")
        }
    }

    /// A Network Canvas export, in either form, is read with no warning per tie: an interview's
    /// ties have no dates, and the graph says so. Both forms name Kari alike.
    @Test func aNetworkCanvasReadDoesNotWarnPerTie() throws {
        for input in ["network-canvas/csv", "network-canvas/kari.graphml"] {
            let result = try run(["metrics", "--strict", "--format", "csv", fixtures.appendingPathComponent(input).path])
            #expect(result.status == 0, "\(input): \(result.stderr)")
            #expect(!result.stderr.contains("warning:"), "\(input): \(result.stderr)")
            #expect(result.stdout.split(whereSeparator: \.isNewline).dropFirst().first?.split(separator: ",")[1] == "kari", "\(input)")
        }
    }

    @Test func egorIdsThatDoNotJoinEndWithExitOne() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("egoID\n1\n".utf8).write(to: folder.appendingPathComponent("egos.csv"))
        try Data("egoID,alterID,kind\n1,1,professional\n2,1,professional\n".utf8).write(to: folder.appendingPathComponent("alters.csv"))
        let result = try run(["convert", folder.path, "-"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("alters.csv:3: error: ego 2 is not in egos.csv; alter 1 is not read"))
        #expect(result.stdout.contains("\"1:1\""))
    }

    @Test func perUserWritesOneHelperNetworkAFile() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("networks")
        let result = try run(["convert", fixtures.appendingPathComponent("network-canvas/csv").path, out.path, "--per-user", "--to", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["kari.json", "ola.json"])
        let ola = try String(contentsOf: out.appendingPathComponent("ola.json"), encoding: .utf8)
        #expect(ola.contains("b1-vik") && !ola.contains("a1-berg"))
    }
}
