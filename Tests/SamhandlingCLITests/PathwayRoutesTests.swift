import Foundation
import Testing
import TestSupport

/// The same events give the same pathway measures whichever way they come in: an event log, a CSV
/// folder with `events.csv`, DOT, GraphML and the model's JSON — at every granularity.
@Suite struct PathwayRoutesTests {
    /// The `pathways` array of `metrics --format json` on `input`, serialised with sorted keys.
    private func pathways(_ input: String, granularity: String, in root: URL) throws -> String {
        let result = try Fixtures.run("samhandling", ["metrics", "--format", "json", "--granularity", granularity, input], in: root)
        #expect(result.status == 0, "\(input): \(result.stderr)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let array = try #require(parsed.first?["pathways"] as? [Any])
        return String(decoding: try JSONSerialization.data(withJSONObject: array, options: [.sortedKeys]), as: UTF8.self)
    }

    private func convert(_ input: String, _ output: String, in root: URL) throws {
        let result = try Fixtures.run("samhandling", ["convert", input, output], in: root)
        #expect(result.status == 0, "convert \(input) \(output): \(result.stderr)")
    }

    /// Transfers (one on the same minute), an unmatched discharge, an open stay, a repeated
    /// admission, an unnamed visit, rows out of order, NAV, referrals to a person and a service.
    @Test(arguments: ["professional", "service", "level"])
    func anEventLogAndEveryGraphFormatAgree(granularity: String) throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Fixtures.url("pathways/routes.csv"), to: root.appendingPathComponent("log.csv"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("folder"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.url("pathways/routes.csv"), to: root.appendingPathComponent("folder/events.csv"))
        for output in ["log.dot", "log.graphml", "log.json"] { try convert("log.csv", output, in: root) }
        try convert("log.dot", "again.csv", in: root)  // and back from DOT to an event log

        let expected = try pathways("log.csv", granularity: granularity, in: root)
        #expect(expected.contains("\"transfers\":1") && expected.contains("\"censored\":true"))
        for input in ["folder", "log.dot", "log.graphml", "log.json", "again.csv"] {
            #expect(try pathways(input, granularity: granularity, in: root) == expected, "\(input) differs from the event log")
        }
    }

    @Test(arguments: ["professional", "service", "level"])
    func theShippedHelperNetworkAgreesInEveryFormat(granularity: String) throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = Fixtures.repositoryRoot.appendingPathComponent("Graphs/helper-networks/one-year-26-helpers.dot").path
        for output in ["g.csv", "g.graphml", "g.json", "folder"] { try convert(source, output, in: root) }
        let expected = try pathways(source, granularity: granularity, in: root)
        for input in ["g.csv", "g.graphml", "g.json", "folder"] {
            #expect(try pathways(input, granularity: granularity, in: root) == expected, "\(input) differs from the DOT file")
        }
    }
}
