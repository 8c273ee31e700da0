import Foundation
import Testing
import TestSupport

/// Every hostile input goes through validate, metrics and render: a clear error (exit 1, a
/// message naming the file) or a result (exit 0) — never a crash, a signal or a hang.
@Suite(.serialized) struct HostileInputTests {
    static let checkedIn = ["truncated.dot", "binary.dot", "invalid-utf8.dot", "cycle.dot", "self-loops.dot",
                            "duplicate-ids.dot", "hostile-labels.dot", "empty-edges.csv", "unterminated-quote.csv",
                            "not-graphml.graphml", "latin1-attribute-name.graphml", "wrong-types.json",
                            "path-traversal-ids.dot", "planted-names.dot", "formula-cells.dot", "unknown-entity.graphml",
                            "doctype-entity.graphml", "deep-nesting.dot", "impossible-dates.dot"]

    /// Runs the tool with a watchdog; a run past `seconds` is killed and counts as a hang.
    private func run(_ arguments: [String], in folder: URL, seconds: Double = 60) throws -> (status: Int32, stderr: String, hung: Bool) {
        let process = Process()
        process.executableURL = Fixtures.productsDirectory.appendingPathComponent("samhandling")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Both streams into one file (validate reports on stdout, the others on stderr); a file,
        // not a pipe, so that a large output cannot block the child while we wait.
        let log = folder.appendingPathComponent(".messages-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? FileManager.default.removeItem(at: log) }
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        var hung = false
        while process.isRunning {
            if Date() > deadline { process.terminate(); hung = true; break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text, hung || process.terminationReason == .uncaughtSignal)
    }

    private func attack(_ file: String, in folder: URL) throws {
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        for command in [["validate", file], ["metrics", "--format", "json", file], ["render", file, "--out", "out"],
                        ["render", file, "--view", "map", "--out", "out"], ["render", file, "--view", "pathway", "--out", "out"],
                        ["convert", file, "out/converted"], ["anonymize", file, "out/anonymous.dot"]] {
            let result = try run(command, in: folder)
            #expect(!result.hung, "\(command.joined(separator: " ")) hung or died on a signal")
            #expect(result.status == 0 || result.status == 1, "\(command.joined(separator: " ")): exit \(result.status)\n\(result.stderr)")
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("crashed"), "\(result.stderr)")
            if result.status == 1 {
                #expect(result.stderr.contains(file), "\(command.joined(separator: " ")) failed without naming \(file): \(result.stderr)")
            }
        }
        // No half-written output is left behind, and nothing outside the output folder.
        let outputs = (try? FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("out").path)) ?? []
        #expect(!outputs.contains { $0.contains(".tmp") }, "a temporary file was left: \(outputs)")
        let around = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(Set(around).subtracting(before.union(["out"])).filter { !$0.hasPrefix(".messages-") }.isEmpty,
                "written outside the output folder: \(around)")
    }

    @Test(arguments: checkedIn)
    func checkedInCorpus(file: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.url("hostile/" + file), to: folder.appendingPathComponent(file))
        try attack(file, in: folder)
    }

    @Test func largeHostileFiles() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A 1 MB label, a 1 MB attribute, 2,000 nested clusters, and 100,000 nodes (in pairs, so
        // the measures stay quick; dot refuses it as too large, by name).
        let big = String(repeating: "å<&\"x", count: 200_000)
        try Data("digraph { a [kind=user, label=\"\(big.replacingOccurrences(of: "\"", with: "\\\""))\"]; b [kind=professional, note=\"\(String(repeating: "z", count: 1 << 20))\"]; a -> b [kind=contact] }".utf8)
            .write(to: folder.appendingPathComponent("huge-label.dot"))
        let nesting = (0..<2_000).map { "subgraph cluster_\($0) {" }.joined() + " a; " + String(repeating: "}", count: 2_000)
        try Data("digraph { \(nesting) }".utf8).write(to: folder.appendingPathComponent("deep.dot"))
        var many = "graph {\n"
        for index in stride(from: 0, to: 100_000, by: 2) { many += "n\(index) -- n\(index + 1);\n" }
        try Data((many + "}\n").utf8).write(to: folder.appendingPathComponent("hundred-thousand.dot"))
        for file in ["huge-label.dot", "deep.dot", "hundred-thousand.dot"] { try attack(file, in: folder) }
        let refused = try run(["render", "hundred-thousand.dot", "--out", "out"], in: folder)
        #expect(refused.stderr.contains("--layout sfdp"))
    }
}
