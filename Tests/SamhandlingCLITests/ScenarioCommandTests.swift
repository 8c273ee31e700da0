import Foundation
import Testing
import TestSupport

/// `samhandling scenario` end to end: every verb on graphs and on an event log, the consistency
/// property (the `after` of a scenario is what `metrics` says of a file with the edit made by
/// hand), and every kind of bad edit.
@Suite struct ScenarioCommandTests {
    typealias JSON = [String: Any]

    private let root = Fixtures.repositoryRoot
    private var eventLog: URL { root.appendingPathComponent("Graphs/pathways/synthetic-event-log.csv") }

    private func run(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try Fixtures.run("samhandling", arguments, in: folder)
    }

    private func object(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// A scenario's JSON for `edits` (written to a file) on `input`.
    private func scenario(_ input: URL, _ edits: String, in folder: URL) throws -> JSON {
        let script = folder.appendingPathComponent("edits-\(UUID().uuidString.prefix(6)).txt")
        try Data(edits.utf8).write(to: script)
        let result = try run(["scenario", input.path, script.path, "--format", "json"])
        try #require(result.status == 0, "\(input.lastPathComponent): \(result.stderr)")
        return try #require(try object(result.stdout) as? JSON)
    }

    /// `metrics --format json` of one file, without its meta (which names the file).
    private func metrics(_ file: URL) throws -> JSON {
        let result = try run(["metrics", file.path, "--format", "json"])
        try #require(result.status == 0 || !result.stdout.isEmpty, "\(file.lastPathComponent): \(result.stderr)")
        var report = try #require((try object(result.stdout) as? [JSON])?.first)
        report["meta"] = nil
        return report
    }

    private func withoutMeta(_ report: Any?) -> NSDictionary {
        var copy = (report as? JSON) ?? [:]
        copy["meta"] = nil
        return copy as NSDictionary
    }

    /// The keys whose values differ, for a failure's message.
    private func differences(_ a: NSDictionary, _ b: NSDictionary) -> [String] {
        Set((a.allKeys + b.allKeys).compactMap { $0 as? String }).sorted().filter { key in
            !(([key: a[key] as Any] as NSDictionary).isEqual(to: [key: b[key] as Any]))
        }
    }

    private var shippedGraphs: [URL] {
        let folder = root.appendingPathComponent("Graphs")
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".dot") }.sorted()
        return paths.map { folder.appendingPathComponent($0) }
    }

    // MARK: The consistency property

    /// One edit of each verb that applies, on every shipped graph: the scenario's `after` equals
    /// `metrics` of the graph converted to the model's JSON, edited there by hand.
    @Test func afterIsWhatMetricsSaysOfTheGraphEditedByHand() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var checked = 0
        for graph in shippedGraphs {
            let model = folder.appendingPathComponent(graph.deletingPathExtension().lastPathComponent + ".json")
            let converted = try run(["convert", graph.path, model.path])
            try #require(converted.status == 0, "\(converted.stderr)")
            let original = try #require(try object(String(decoding: Data(contentsOf: model), as: UTF8.self)) as? JSON)
            for (edit, change) in handEdits(of: original) {
                var edited = original
                change(&edited)
                let byHand = folder.appendingPathComponent("hand.json")
                try JSONSerialization.data(withJSONObject: edited).write(to: byHand)
                let expected = try metrics(byHand)
                let result = try scenario(graph, edit, in: folder)
                let after = withoutMeta(result["after"])
                #expect(after == expected as NSDictionary,
                        "\(graph.lastPathComponent): \(edit): \(differences(after, expected as NSDictionary))")
                checked += 1
            }
        }
        #expect(checked >= shippedGraphs.count * 5, "\(checked) edits checked")
    }

    /// For a model JSON: edits with the change they make, made by hand on the JSON.
    private func handEdits(of model: JSON) -> [(String, (inout JSON) -> Void)] {
        let nodes = model["nodes"] as? [JSON] ?? [], edges = model["edges"] as? [JSON] ?? []
        func id(_ node: JSON) -> String { node["id"] as? String ?? "" }
        func attributes(_ item: JSON) -> [String: String] { item["attributes"] as? [String: String] ?? [:] }
        func ends(_ edge: JSON) -> (String, String) { (edge["source"] as? String ?? "", edge["target"] as? String ?? "") }
        guard nodes.count >= 3 else { return [] }
        var result: [(String, (inout JSON) -> Void)] = []
        result.append(("add zz_new kind=professional level=municipal", { model in
            model["nodes"] = (model["nodes"] as? [JSON] ?? []) + [["id": "zz_new", "attributes": ["kind": "professional", "level": "municipal"]]]
        }))
        let (a, b) = (id(nodes[0]), id(nodes[1]))
        result.append(("tie \(a) \(b) kind=informal", { model in
            model["edges"] = (model["edges"] as? [JSON] ?? []) + [["source": a, "target": b, "attributes": ["kind": "informal"]]]
        }))
        result.append(("set \(b) label=\"A new name\" fte=2", { model in
            model["nodes"] = (model["nodes"] as? [JSON] ?? []).map { node in
                guard id(node) == b else { return node }
                var copy = node
                copy["attributes"] = attributes(node).merging(["label": "A new name", "fte": "2"]) { $1 }
                return copy
            }
        }))
        // The most connected node is removed, with its edges and memberships.
        let degree = Dictionary(edges.flatMap { [ends($0).0, ends($0).1] }.map { ($0, 1) }, uniquingKeysWith: +)
        let hub = nodes.map(id).max { degree[$0, default: 0] < degree[$1, default: 0] } ?? a
        result.append(("remove \(hub)", { model in
            model["nodes"] = (model["nodes"] as? [JSON] ?? []).filter { id($0) != hub }
            model["edges"] = (model["edges"] as? [JSON] ?? []).filter { ends($0).0 != hub && ends($0).1 != hub }
            model["groups"] = (model["groups"] as? [JSON] ?? []).map { group in
                var copy = group
                copy["members"] = (group["members"] as? [String] ?? []).filter { $0 != hub }
                return copy
            }
        }))
        if let first = edges.first {
            let (x, y) = ends(first)
            result.append(("untie \(x) \(y)", { model in
                model["edges"] = (model["edges"] as? [JSON] ?? []).filter { edge in
                    let (s, t) = ends(edge)
                    return !(s == x && t == y || s == y && t == x)
                }
            }))
        }
        let municipal: Set<String> = ["municipal", "kommune", "bydel", "1"]
        if nodes.contains(where: { municipal.contains(attributes($0)["level"] ?? "") }) {
            result.append(("relevel municipal dps", { model in
                func relevelled(_ item: JSON) -> JSON {
                    guard municipal.contains(attributes(item)["level"] ?? "") else { return item }
                    var copy = item
                    copy["attributes"] = attributes(item).merging(["level": "dps"]) { $1 }
                    return copy
                }
                model["nodes"] = (model["nodes"] as? [JSON] ?? []).map(relevelled)
                model["edges"] = (model["edges"] as? [JSON] ?? []).map(relevelled)
                model["groups"] = (model["groups"] as? [JSON] ?? []).map(relevelled)
            }))
        }
        // A leaf on a reporting line moves under the top of the chart.
        let lines = edges.filter { attributes($0)["kind"] == "reports_to" }
        let superiors = Set(lines.map { ends($0).1 }), subordinates = Set(lines.map { ends($0).0 })
        if let top = lines.map({ ends($0).1 }).first(where: { !subordinates.contains($0) }),
           let leaf = lines.map({ ends($0).0 }).last(where: { candidate in
               !superiors.contains(candidate) && !lines.contains { ends($0) == (candidate, top) }
           }) {
            result.append(("move \(leaf) under \(top)", { model in
                let all = model["edges"] as? [JSON] ?? []
                let old = all.first { attributes($0)["kind"] == "reports_to" && ends($0).0 == leaf }
                var kept = all.filter { !(attributes($0)["kind"] == "reports_to" && ends($0).0 == leaf) }
                kept.append(["source": leaf, "target": top, "attributes": old.map(attributes) ?? ["kind": "reports_to"]])
                model["edges"] = kept
            }))
        }
        return result
    }

    /// On the event log, the edits that rewrite rows, made by hand on the CSV: the scenario's
    /// `after` equals `metrics` of the edited log.
    @Test func afterIsWhatMetricsSaysOfTheEventLogEditedByHand() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The log is RFC 4180 (CRLF line ends) with no quoted fields.
        let rows = try String(contentsOf: eventLog, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let edits: [(String, ([String]) -> [String]?)] = [
            ("relevel dps municipal", { row in var r = row; if r[5] == "dps" { r[5] = "municipal" }; return r }),
            ("merge pn_b into pn_a", { row in var r = row; if r[3] == "pn_b" { r[3] = "pn_a" }; return r }),
            // With its edges: the rows it is the actor of, and those sent to it.
            ("remove gp_a", { row in row[3] == "gp_a" || row[6] == "gp_a" ? nil : row }),
        ]
        for (edit, change) in edits {
            let edited = [rows[0]] + rows.dropFirst().compactMap(change)
            let byHand = folder.appendingPathComponent("hand.csv")
            try Data((edited.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n").utf8).write(to: byHand)
            let result = try scenario(eventLog, edit, in: folder)
            let expected = try metrics(byHand) as NSDictionary, after = withoutMeta(result["after"])
            #expect(after == expected, "\(edit): \(differences(after, expected))")
            #expect(!((result["changes"] as? [Any]) ?? []).isEmpty, "\(edit) changed nothing")
        }
    }

    @Test func noEditsAndEditsThatUndoEachOtherChangeNothing() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for input in shippedGraphs + [eventLog] {
            for edits in ["# nothing\n", "add zz_x kind=professional\nremove zz_x\n"] {
                let result = try scenario(input, edits, in: folder)
                #expect((result["changes"] as? [Any])?.isEmpty == true, "\(input.lastPathComponent): \(edits)")
                #expect(withoutMeta(result["before"]) == withoutMeta(result["after"]), "\(input.lastPathComponent)")
            }
        }
    }

    /// Every verb on the event log: each applies (and the JSON lists the edit) except `move`,
    /// which says why not.
    @Test func everyVerbOnAnEventLog() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let applies = [
            "relevel dps municipal", "merge pn_b into pn_a", "remove gp_a", "add newcomer kind=professional level=municipal",
            "tie user01 gp_a kind=contact date=2024-12-20 service=gp_surgery level=municipal", "untie user01 gp_a kind=contact",
            "set gp_a service=mh_service",
        ]
        for edit in applies {
            let result = try scenario(eventLog, edit, in: folder)
            #expect(result["edits"] as? [String] == [edit], "\(edit)")
        }
        let script = folder.appendingPathComponent("move.txt")
        try Data("move gp_a under nav_a\n".utf8).write(to: script)
        let moved = try run(["scenario", eventLog.path, script.path])
        #expect(moved.status == 1)
        #expect(moved.stderr.contains("move.txt:1: error: move re-draws a reports_to line"), "\(moved.stderr)")
    }

    /// A bad row of an event log is reported and left out, as metrics does, not the end of it.
    @Test func anEventLogWithABadRowIsStillEdited() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log.csv")
        try Data("user,time,kind,actor,service,level\r\nu1,2024-01-02,contact,a,s,municipal\r\nu1,2024-13-45,contact,a,s,municipal\r\nu1,2024-02-01,contact,b,d,dps\r\n".utf8).write(to: log)
        let result = try scenario(log, "relevel dps municipal", in: folder)
        #expect(!((result["changes"] as? [Any]) ?? []).isEmpty)
    }

    @Test func theTwoLevelProposalRemovesTheTransitionsBetweenDPSAndMunicipality() throws {
        let script = root.appendingPathComponent("Graphs/scenarios/two-level-dps-merged.txt")
        let result = try run(["scenario", eventLog.path, script.path, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "scope,subject,measure,before,after")
        #expect(lines.contains("pathway,user07,unbridged_transitions,1,0"), "\(result.stdout)")
        #expect(lines.contains("pathway,user03,level_transitions,3,2"), "\(result.stdout)")
    }

    // MARK: Bad edits

    @Test(arguments: [
        ("remove nobody", 1, "no node 'nobody' in the graph"),
        ("# a comment\nrelevel dps nowhere", 2, "unknown level 'nowhere'"),
        ("move radmann under sector", 1, "a cycle"),
        ("merge sector into sector", 1, "into itself"),
        ("add sector kind=unit", 1, "already in the graph"),
        ("set sector label", 1, "'label' is not key=value"),
        ("shuffle sector", 1, "unknown edit 'shuffle'"),
        ("tie sector radmann label=\"open", 1, "a quote is not closed"),
        ("tie radmann team_home kind=reports_to", 1, "a cycle"),
        ("tie sector radmann kind=colaboration", 1, "unknown kind 'colaboration'"),
    ] as [(String, Int, String)])
    func aBadEditIsAnErrorWithItsLineAndNothingIsPrintedOrWritten(edit: String, line: Int, message: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("bad.txt")
        try Data(edit.utf8).write(to: script)
        let picture = folder.appendingPathComponent("after.svg")
        let input = root.appendingPathComponent("Graphs/purchaser-provider/hard-model-k.dot")
        let result = try run(["scenario", input.path, script.path, "--render", picture.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("bad.txt:\(line): error:") && result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: picture.path))
    }

    /// On an event log the drawing is the pathway view, one file per user whose pathway the edits
    /// changed: the two-level proposal outlines each of user03's 13 DPS visits (contacts) as relevelled; a
    /// removed professional's visits are drawn greyed where they were.
    @Test func anEventLogsDrawingIsThePathwayOfEachUserChanged() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let picture = folder.appendingPathComponent("two.svg")
        let result = try run(["scenario", eventLog.path, root.appendingPathComponent("Graphs/scenarios/two-level-dps-merged.txt").path,
                              "--render", picture.path])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(written == ["two.user03.svg", "two.user07.svg"])  // the two users with DPS visits
        let svg = try String(contentsOf: folder.appendingPathComponent("two.user03.svg"), encoding: .utf8).lowercased()
        #expect(svg.components(separatedBy: "<title>__changed").count - 1 == 13)
        #expect(svg.contains("stroke=\"#0072b2\"") && svg.contains("at a new level") && svg.contains("pathway of user03 — scenario"))
        #expect(!svg.contains("<title>__gone"), "nothing is gone")

        let script = folder.appendingPathComponent("remove.txt")
        try Data("remove gp_a\n".utf8).write(to: script)
        let removed = try run(["scenario", eventLog.path, script.path, "--render", folder.appendingPathComponent("gp.png").path])
        #expect(removed.status == 0, "\(removed.stderr)")
        let drawn = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("gp.") }
        #expect(!drawn.isEmpty && drawn.allSatisfy { $0.hasSuffix(".png") })
        let log = try String(contentsOf: eventLog, encoding: .utf8)
        let user = try #require(log.split(whereSeparator: \.isNewline).first { $0.contains(",gp_a,") }?.split(separator: ",").first)
        let ghost = try run(["scenario", eventLog.path, script.path, "--render", folder.appendingPathComponent("gp.svg").path])
        #expect(ghost.status == 0)
        let userSVG = try String(contentsOf: folder.appendingPathComponent("gp.\(user).svg"), encoding: .utf8)
        let visits = log.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("\(user),") && $0.contains(",contact,gp_a,") }.count
        #expect(visits > 0 && userSVG.components(separatedBy: "<title>__gone").count - 1 == visits)
    }

    @Test func theDrawingColoursTheChangesAndHasALegend() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let picture = folder.appendingPathComponent("k.svg")
        let result = try run(["scenario", root.appendingPathComponent("Graphs/purchaser-provider/hard-model-k.dot").path,
                              root.appendingPathComponent("Graphs/scenarios/hard-model-k-without-purchaser.txt").path,
                              "--render", picture.path, "--lang", "nb"])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOf: picture, encoding: .utf8).lowercased()  // Graphviz writes colours in lower case
        #expect(svg.contains("#999999"), "the removed purchaser office is drawn greyed")
        #expect(svg.contains("#009e73"), "the added referrals are drawn green")
        #expect(svg.contains("fjernet") && svg.contains("lagt til"), "the legend is in bokmål")
    }
}
