import Foundation
import Testing
import TestSupport

/// `samhandling render` end to end, running the built binary as a user would.
@Suite struct RenderCommandTests {
    private let good = """
        digraph { u [kind=user, label="Kari"]; gp [kind=professional, role="GP", level=municipal];
          u -> gp [kind=contact, date="2024-01-01"]; }
        """

    private func folder(_ files: [String: String]) throws -> URL {
        let root = try Fixtures.temporaryFolder()
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    private func files(under url: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: url.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path, isDirectory: &isDirectory)
            // The render manifest (.samhandling-render.json) is hidden, and not a render.
            if !isDirectory.boolValue && !(path as NSString).lastPathComponent.hasPrefix(".") { found.append(path) }
        }
        return found.sorted()
    }

    @Test func oneBrokenFileIsReportedAndTheRestStillRender() throws {
        let root = try folder([
            "Graphs/a.dot": good,
            "Graphs/sub/b.gv": good,
            "Graphs/sub/broken.dot": "digraph {\n  u -> gp;\n  gp -> [kind=contact];\n}\n",
            "Graphs/z.dot": good,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Fixtures.run("samhandling", ["render"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Graphs/sub/broken.dot:3: error: syntax error in line 3 near '['"))
        #expect(result.stderr.contains("rendered 3, failed 1"))
        // Outputs mirror the folders; nothing for the broken file, no temporary file left.
        #expect(files(under: root.appendingPathComponent("output")) == ["a.svg", "sub/b.svg", "z.svg"])
    }

    @Test func formatsAndExplicitOutputFolder() throws {
        let root = try folder(["in/g.dot": good])
        defer { try? FileManager.default.removeItem(at: root) }
        for (format, magic) in [("png", [UInt8]([0x89, 0x50, 0x4E, 0x47])), ("pdf", Array("%PDF".utf8)),
                                ("svg", Array("<?xml".utf8)), ("dot", Array("digraph".utf8))] {
            let result = try Fixtures.run("samhandling", ["render", "in", "--out", "out", "--format", format], in: root)
            #expect(result.status == 0, "\(format): \(result.stderr)")
            let data = try Data(contentsOf: root.appendingPathComponent("out/g.\(format)"))
            #expect(data.starts(with: magic), "\(format) output does not start as it should")
        }
    }

    @Test func norwegianLegend() throws {
        let root = try folder(["g.dot": good])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Fixtures.run("samhandling", ["render", "g.dot", "--lang", "nb", "--out", "."], in: root)
        #expect(result.status == 0)
        let svg = try String(contentsOf: root.appendingPathComponent("g.svg"), encoding: .utf8)
        #expect(svg.contains("Tegnforklaring"))
        #expect(svg.contains("fagperson"))
    }

    @Test func badInputsOfEveryKindAreReportedWithoutStoppingTheBatch() throws {
        var files = ["ok.dot": good, "empty.dot": "", "prose.dot": "Dear diary,\nnot a graph.\n"]
        let big = (0...2_000).map { "n\($0);" }.joined(separator: " ")
        files["big.dot"] = "digraph { \(big) }"
        let root = try folder(files)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data([0x64, 0x69, 0x67, 0x72, 0x61, 0x70, 0x68, 0x20, 0x7B, 0xFF, 0x7D]).write(to: root.appendingPathComponent("latin1.dot"))
        let result = try Fixtures.run("samhandling", ["render", ".", "--out", "out"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("./big.dot: error: graph has 2001 nodes, more than the 2000 the 'dot' layout handles in reasonable time; use --layout sfdp, or --force to lay it out anyway"))
        #expect(result.stderr.contains("./empty.dot: error: not a DOT graph (no graph found)"))
        #expect(result.stderr.contains("./latin1.dot:1: error: the file is not UTF-8 text"))
        #expect(result.stderr.contains("./prose.dot:1: error: syntax error in line 1 near 'Dear'"))
        #expect(result.stderr.contains("rendered 1, failed 4"))
        #expect(self.files(under: root.appendingPathComponent("out")) == ["ok.svg"])
    }

    @Test func missingInputIsReportedAndExitsOne() throws {
        let root = try folder(["ok.dot": good])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Fixtures.run("samhandling", ["render", "ok.dot", "nowhere.dot", "--out", "out"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("nowhere.dot: error: no such file or folder"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/ok.svg").path))
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try Fixtures.run("samhandling", ["render", "--format", "gif"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("gif"))
        #expect(try Fixtures.run("samhandling", ["frobnicate"]).status == 2)
    }

    @Test func helpMatchesGolden() throws {
        let result = try Fixtures.run("samhandling", ["render", "--help"])
        #expect(result.status == 0)
        #expect(Golden.mismatch(result.stdout, golden: "render-help.txt") == nil)
    }

    @Test func noProgressBarWhenStderrIsNotATerminal() throws {
        let root = try folder(["a.dot": good, "b.dot": good])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Fixtures.run("samhandling", ["render", ".", "--out", "out"], in: root)
        #expect(!result.stderr.contains("\r"))
        #expect(result.stderr.split(separator: "\n").count == 1)  // the summary alone
    }
}

@Suite struct ValidateCommandTests {
    @Test func exitCodesAndMessages() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("digraph { u [kind=user]; p [kind=professional, level=municipal]; u -> p [kind=contact, date=\"2024-01-01\"] }".utf8)
            .write(to: root.appendingPathComponent("ok.dot"))
        try Data("digraph {\n u [kind=user];\n p [kind=profesional];\n p -> u [kind=contact, date=\"2024-02-30\"];\n}\n".utf8)
            .write(to: root.appendingPathComponent("bad.dot"))
        try Data("digraph {\n u [kind=user];\n p [role=GP];\n}\n".utf8).write(to: root.appendingPathComponent("warn.dot"))

        let ok = try Fixtures.run("samhandling", ["validate", "ok.dot"], in: root)
        #expect(ok.status == 0)
        #expect(ok.stdout.isEmpty)

        let bad = try Fixtures.run("samhandling", ["validate", "bad.dot", "ok.dot"], in: root)
        #expect(bad.status == 1)
        #expect(bad.stdout == """
            bad.dot:3: error: node 'p' has unknown kind 'profesional' (expected one of user, professional, service, unit, forum, relative)
            bad.dot:4: error: edge 'p' → 'u': date='2024-02-30' is not a date: February 2024 has 29 days

            """)
        #expect(bad.stderr.contains("2 files checked: 2 errors, 0 warnings"))

        let warned = try Fixtures.run("samhandling", ["validate", "warn.dot"], in: root)
        #expect(warned.status == 0)
        #expect(warned.stdout.contains("warn.dot:3: warning: node 'p' has no kind; taken as 'professional' because it has a role"))
        #expect(try Fixtures.run("samhandling", ["validate", "--strict", "warn.dot"], in: root).status == 1)
    }

    @Test func theShippedGraphsAreValid() throws {
        let result = try Fixtures.run("samhandling", ["validate", "--strict", "Graphs"], in: Fixtures.repositoryRoot)
        #expect(result.status == 0, "\(result.stdout)")
    }
}

@Suite struct RenderViewsTests {
    @Test func mapViewOnePerUser() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("""
            graph { ola [kind=user, label="Ola"]; kari [kind=user, label="Kari"]; gp [kind=professional, level=municipal];
              ola -- gp [kind=contact, dates="2024-01-01 2024-02-01"]; kari -- gp [kind=contact, date="2024-01-01"]; }
            """.utf8).write(to: root.appendingPathComponent("two.dot"))
        try Data("graph { a -- b }".utf8).write(to: root.appendingPathComponent("nouser.dot"))
        let result = try Fixtures.run("samhandling", ["render", ".", "--view", "map", "--out", "out"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("./nouser.dot: error: the map view needs a node of kind user; this graph has none"))
        let svg = try String(contentsOf: root.appendingPathComponent("out/two.ola.svg"), encoding: .utf8)
        #expect(svg.contains("Helper&#45;network map: Ola"))  // gvc writes "-" as a character reference
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/two.kari.svg").path))
    }

    @Test func highlightArticulationEmphasisesSinglePointsOfFailure() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("graph { a [kind=service]; b [kind=service]; c [kind=service]; a -- b [kind=collaboration]; b -- c [kind=collaboration] }".utf8)
            .write(to: root.appendingPathComponent("path.dot"))
        let plain = try Fixtures.run("samhandling", ["render", "path.dot", "--out", "plain", "--format", "dot"], in: root)
        let marked = try Fixtures.run("samhandling", ["render", "path.dot", "--out", "marked", "--format", "dot",
                                                     "--highlight", "articulation"], in: root)
        #expect(plain.status == 0 && marked.status == 0)
        let before = try String(contentsOf: root.appendingPathComponent("plain/path.dot"), encoding: .utf8)
        let after = try String(contentsOf: root.appendingPathComponent("marked/path.dot"), encoding: .utf8)
        #expect(!before.contains("#C00000"))
        // b is the articulation point; both ties are bridges: three marks, plus the legend's.
        #expect(after.components(separatedBy: "#C00000").count - 1 >= 3)
        #expect(after.contains("single point of failure"))
    }
}

@Suite struct RenderPathwayTests {
    @Test func pathwaysOfGraphsAndEventLogs() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("""
            digraph { kari [kind=user, label="Kari"]; gp [kind=professional, level=municipal, label="Dr A"];
              psy [kind=professional, level=dps]; kari -> gp [kind=contact, dates="2024-01-01 2024-03-01"];
              kari -> psy [kind=contact, date="2024-02-01"] }
            """.utf8).write(to: root.appendingPathComponent("one.dot"))
        try Data("user,time,kind,actor,service,level\na,2024-01-01,contact,x,s,municipal\nb,2024-01-02,contact,y,s,dps\n"
            .utf8).write(to: root.appendingPathComponent("log.csv"))
        let result = try Fixtures.run("samhandling", ["render", ".", "--view", "pathway", "--out", "out"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("rendered 2, failed 0"))
        let svg = try String(contentsOf: root.appendingPathComponent("out/one.svg"), encoding: .utf8)
        #expect(svg.contains("Pathway of Kari") && svg.contains("Dr A"))
        for user in ["a", "b"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/log.\(user).svg").path))
        }
        // Only the pathway view reads event logs.
        let network = try Fixtures.run("samhandling", ["render", ".", "--out", "net"], in: root)
        #expect(network.stderr.contains("rendered 1, failed 0"))
    }
}

@Suite struct BatchRenderTests {
    private func folder(count: Int, broken: Int? = nil) throws -> URL {
        let root = try Fixtures.temporaryFolder()
        for index in 0..<count {
            let text = index == broken ? "digraph {\n  a -> ;\n}\n"
                : "digraph { ce\(index) [kind=unit]; a [kind=unit]; b [kind=service, mh=true, mh_fte=\"\(index)\"]; a -> ce\(index) [kind=reports_to]; b -> a [kind=reports_to] }"
            try Data(text.utf8).write(to: root.appendingPathComponent(String(format: "in/chart-%02d.dot", index)).creatingFolder())
        }
        return root
    }

    @Test func reRunsRenderOnlyWhatChanged() throws {
        let root = try folder(count: 4)
        defer { try? FileManager.default.removeItem(at: root) }
        let arguments = ["render", "in", "--out", "out", "--view", "structure", "--jobs", "1"]
        #expect(try Fixtures.run("samhandling", arguments, in: root).stderr.contains("rendered 4, failed 0"))
        #expect(try Fixtures.run("samhandling", arguments, in: root).stderr.contains("rendered 0, failed 0, unchanged 4"))
        try Data("digraph { x [kind=unit]; y [kind=unit]; y -> x [kind=reports_to] }".utf8)
            .write(to: root.appendingPathComponent("in/chart-02.dot"))
        #expect(try Fixtures.run("samhandling", arguments, in: root).stderr.contains("rendered 1, failed 0, unchanged 3"))
        // Other options are another output: everything again.
        #expect(try Fixtures.run("samhandling", arguments + ["--lang", "nb"], in: root).stderr.contains("rendered 4"))
        // A deleted output is made again.
        try FileManager.default.removeItem(at: root.appendingPathComponent("out/chart-01.svg"))
        #expect(try Fixtures.run("samhandling", arguments + ["--lang", "nb"], in: root).stderr.contains("rendered 1, failed 0, unchanged 3"))
        #expect(try Fixtures.run("samhandling", arguments + ["--force"], in: root).stderr.contains("rendered 4, failed 0"))
        // --force draws the same pictures: the run after it is incremental again.
        #expect(try Fixtures.run("samhandling", arguments, in: root).stderr.contains("rendered 0, failed 0, unchanged 4"))
    }

    /// A stamp vouches for a file only once its times are settled (InputStamp): an input
    /// rewritten at once with the same size and its modification time set back is still seen.
    @Test func anInputRewrittenWithItsSizeAndTimeKeptIsRenderedAgain() throws {
        let root = try folder(count: 2)
        defer { try? FileManager.default.removeItem(at: root) }
        let arguments = ["render", "in", "--out", "out", "--view", "structure", "--jobs", "1"]
        #expect(try Fixtures.run("samhandling", arguments, in: root).stderr.contains("rendered 2, failed 0"))
        let input = root.appendingPathComponent("in/chart-01.dot")
        func status() -> stat? {
            var info = stat()
            return stat(input.path, &info) == 0 ? info : nil
        }
        let before = try #require(status())
        let text = try String(contentsOf: input, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "ce1", with: "xy1")
        #expect(changed.utf8.count == text.utf8.count && changed != text)
        try Data(changed.utf8).write(to: input)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, input.path, &times, 0) == 0)
        let after = try #require(status())
        #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        let again = try Fixtures.run("samhandling", arguments, in: root)
        #expect(again.stderr.contains("rendered 1, failed 0, unchanged 1"), "\(again.stderr)")
        let svg = try String(contentsOf: root.appendingPathComponent("out/chart-01.svg"), encoding: .utf8)
        #expect(svg.contains("xy1") && !svg.contains("ce1"))
    }

    /// A run that finds a stamp not yet settled, and the input unchanged, records a newer stamp
    /// for each such input (all in one write of the manifest), rendering nothing.
    @Test func unsettledStampsAreTakenAgainWithoutRendering() throws {
        let root = try folder(count: 3)
        defer { try? FileManager.default.removeItem(at: root) }
        let arguments = ["render", "in", "--out", "out", "--view", "structure", "--jobs", "1"]
        let manifest = root.appendingPathComponent("out/.samhandling-render.json")
        func checked() throws -> [String: Int64] {
            let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: [String: Any]])
            return try object.mapValues { try #require(($0["stamp"] as? [String: Any])?["checked"] as? NSNumber).int64Value }
        }
        #expect(try Fixtures.run("samhandling", arguments, in: root).stderr.contains("rendered 3, failed 0"))
        let first = try checked()
        #expect(first.count == 3)
        // The inputs were written an instant before the first run: its stamps cannot vouch for them yet.
        #expect(try Fixtures.run("samhandling", arguments, in: root).stderr.contains("rendered 0, failed 0, unchanged 3"))
        let second = try checked()
        #expect(second.keys.sorted() == first.keys.sorted())
        for (input, time) in first { #expect(second[input]! > time, "\(input)") }
    }

    @Test func workerProcessesGiveTheSameFilesAndReportFailures() throws {
        let root = try folder(count: 9, broken: 4)
        defer { try? FileManager.default.removeItem(at: root) }
        let one = try Fixtures.run("samhandling", ["render", "in", "--out", "one", "--view", "structure", "--jobs", "1"], in: root)
        let three = try Fixtures.run("samhandling", ["render", "in", "--out", "three", "--view", "structure", "--jobs", "3"], in: root)
        for result in [one, three] {
            #expect(result.status == 1)
            #expect(result.stderr.contains("in/chart-04.dot:2: error: syntax error in line 2 near ';'"))
            #expect(result.stderr.contains("rendered 8, failed 1"))
        }
        for index in (0..<9).filter({ $0 != 4 }) {
            let name = String(format: "chart-%02d.svg", index)
            let a = try Data(contentsOf: root.appendingPathComponent("one/" + name))
            let b = try Data(contentsOf: root.appendingPathComponent("three/" + name))
            #expect(a == b, "\(name) differs between --jobs 1 and --jobs 3")
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("three/chart-04.svg").path))
    }

    /// The network view draws level bands as clusters, whose order cgraph 2.43 took from heap
    /// addresses: the same file came out laid out differently in another worker, or after
    /// other files. With the project's ID discipline the order is the text's.
    @Test func clusteredNetworksComeOutTheSameInAnyWorkerAndAlone() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let generated = try Fixtures.run("samhandling", ["generate", "helper-networks", "--count", "8", "--out", "in"], in: root)
        #expect(generated.status == 0)
        let one = try Fixtures.run("samhandling", ["render", "in", "--out", "one", "--jobs", "1"], in: root)
        let two = try Fixtures.run("samhandling", ["render", "in", "--out", "two", "--jobs", "2"], in: root)
        #expect(one.status == 0 && two.status == 0)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("alone"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("in/network-00005.dot"),
                                         to: root.appendingPathComponent("alone/network-00005.dot"))
        #expect(try Fixtures.run("samhandling", ["render", "alone", "--out", "solo"], in: root).status == 0)
        for index in 0..<8 {
            let name = String(format: "network-%05d.svg", index)
            let a = try Data(contentsOf: root.appendingPathComponent("one/" + name))
            let b = try Data(contentsOf: root.appendingPathComponent("two/" + name))
            #expect(String(decoding: a, as: UTF8.self).contains("class=\"cluster\""))
            #expect(a == b, "\(name) differs between --jobs 1 and --jobs 2")
        }
        let alone = try Data(contentsOf: root.appendingPathComponent("solo/network-00005.svg"))
        #expect(alone == (try Data(contentsOf: root.appendingPathComponent("one/network-00005.svg"))),
                "a file rendered alone differs from the same file rendered after others")
    }

    /// Subgraph names still print, look up and nest through the ID discipline.
    @Test func clusterNamesSurviveTheIDDiscipline() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let dot = """
            digraph G { subgraph cluster_b { label="B"; x; subgraph cluster_a { label="A"; y } }
              subgraph { z } subgraph cluster_b { w } x -> y -> z -> w }
            """
        try Data(dot.utf8).write(to: root.appendingPathComponent("g.dot"))
        let converted = try Fixtures.run("samhandling", ["convert", "g.dot", "back.dot"], in: root)
        #expect(converted.status == 0, "\(converted.stderr)")
        let back = try String(contentsOf: root.appendingPathComponent("back.dot"), encoding: .utf8)
        #expect(back == """
            digraph G {
              x;
              y;
              z;
              w;
              subgraph cluster_b {
                graph [label="B"];
                subgraph cluster_a {
                  graph [label="A"];
                  y;
                }
                x; w;
              }
              x -> y;
              y -> z;
              z -> w;
            }

            """)
    }
}

private extension URL {
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
