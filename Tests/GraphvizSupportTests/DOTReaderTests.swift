import Foundation
import Testing
import TestSupport
@testable import GraphvizSupport
@testable import ServiceGraph

@Suite struct DOTReaderTests {
    @Test func readsAliasesClustersAndEveryAttribute() throws {
        let graph = try DOTReader.read(text: try Fixtures.text("aliases-and-clusters.dot"))
        #expect(graph.name == "nettverk")
        #expect(graph.isDirected && !graph.isStrict)
        #expect(graph.attributes == ["title": "Test: aliases", "kommune": "Eide"])
        #expect(graph.nodes.map(\.id) == ["u", "psy", "amb", "gp", "nav"])
        #expect(graph["u"]?.attributes["kind"] == "user")
        #expect(graph["u"]?.label == #"Åse "Å" Ørn"#)
        #expect(graph["psy"]?.attributes["level"] == "dps")
        #expect(graph["psy"]?.attributes["favourite_colour"] == "blå")
        #expect(graph["psy"]?.attributes["fontsize"] == "10")  // a node default applies to the node
        #expect(graph["amb"]?.kind == .professional)
        #expect(graph["nav"]?.attributes["level"] == "state")
        #expect(graph["gp"]?.htmlAttributes == ["label"])
        #expect(graph["gp"]?.attributes["label"] == "<B>Fastlege</B>")
        #expect(graph.edges.map { "\($0.source)->\($0.target)" } == ["u->gp", "u->psy", "gp->psy", "u->psy", "amb->psy"])
        #expect(graph.edges[0].attributes["kind"] == "contact")
        #expect(graph.edges[2].attributes == ["kind": "referral", "date": "2024-01-10", "weight": "3"])
        #expect(graph.edges[4].declaredKind == .collaboration)
        #expect(graph.groups == [
            Group(id: "cluster_dps", attributes: ["label": "DPS"], members: ["psy", "amb"]),
            Group(id: "cluster_team", attributes: ["label": "Ambulant team"], members: ["amb"], parent: "cluster_dps"),
        ])
    }

    @Test func roundTripMatchesGoldenAndIsAFixedPoint() throws {
        let first = DOTWriter().write(try DOTReader.read(text: try Fixtures.text("aliases-and-clusters.dot")))
        #expect(Golden.mismatch(first, golden: "aliases-and-clusters.dot") == nil)
        let second = DOTWriter().write(try DOTReader.read(text: first))
        #expect(second == first)
    }

    @Test(arguments: ["helper-networks/one-year-26-helpers.dot", "romsdal/aukra.dot"])
    func shippedExamplesRoundTrip(path: String) throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Graphs").appendingPathComponent(path)
        let graph = try DOTReader.read(text: try String(contentsOf: url, encoding: .utf8))
        let written = DOTWriter().write(graph)
        #expect(Golden.mismatch(written, golden: (path as NSString).lastPathComponent) == nil)
        #expect(try DOTReader.read(text: written) == graph)
    }

    @Test func undirectedStrictAndAnonymousGraphs() throws {
        let graph = try DOTReader.read(text: "strict graph { a -- b; b -- a; a -- a }")
        #expect(graph.name == "")
        #expect(!graph.isDirected && graph.isStrict)
        #expect(graph.edges.count == 2)  // strict: the reverse edge is the same edge; the loop stays
        #expect(DOTWriter().write(graph).hasPrefix("strict graph {\n"))
    }

    @Test func escapesSurviveARoundTrip() throws {
        let text = #"digraph { a [label="line\none \"q\" back\\slash"]; }"#
        let graph = try DOTReader.read(text: text)
        #expect(graph["a"]?.attributes["label"] == #"line\none "q" back\\slash"#)
        #expect(try DOTReader.read(text: DOTWriter().write(graph)) == graph)
    }

    @Test(arguments: [
        ("digraph {\n a -> b;\n c -> ;\n}", 3),
        ("graph {\n\n\n a -- b\n b -- }", 5),
        ("digraph {\n a [label=\"unterminated]\n}\n", 2),
        ("not a graph at all", 1),
    ])
    func syntaxErrorsNameCgraphsLine(text: String, line: Int) {
        #expect {
            try DOTReader.read(text: text)
        } throws: { error in
            guard let error = error as? GraphvizError, case .syntax(let reported, let message) = error else { return false }
            return reported == line && message.contains("syntax error")
        }
    }

    @Test func errorsDoNotLeakIntoTheNextParse() throws {
        _ = try? DOTReader.read(text: "digraph {\n\n\n -> }")
        let graph = try DOTReader.read(text: "digraph { a -> b }")
        #expect(graph.edges.count == 1)
        #expect {
            try DOTReader.read(text: "digraph {\n a ->\n }")
        } throws: { ($0 as? GraphvizError)?.line == 3 }
    }

    /// Regression: cgraph left its lexer mid-text after a graph followed by more text, which
    /// shifted the next file's error lines by one (a batch would blame the wrong line).
    @Test func textAfterAGraphDoesNotShiftTheNextFilesLines() throws {
        let first = try DOTReader.read(text: "digraph { a -> b }\nXYZ\n\n")
        #expect(first.nodes.map(\.id) == ["a", "b"])  // cgraph reads the first graph only
        #expect {
            try DOTReader.read(text: "digraph {\n  a -> b;\n  b -> [kind=contact];\n}\n")
        } throws: { ($0 as? GraphvizError)?.line == 3 }
    }

    @Test func emptyTextIsNotAGraph() {
        #expect(throws: GraphvizError.syntax(line: nil, message: "not a DOT graph (no graph found)")) {
            try DOTReader.read(text: "  \n// only a comment\n")
        }
    }
}

/// DOT in other charsets: Graphviz reads a file that declares `charset=latin1` as Latin-1.
@Suite struct DOTCharsetTests {
    private func file(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).gv")
        try Data(bytes).write(to: url)
        return url
    }

    /// As Graphviz's own graphs/directed/Latin1.gv: "Ørsta" and "Bodø" written in ISO 8859-1.
    @Test func aLatin1FileReadsAndRendersAsDotDoes() throws {
        let text = Array(#"digraph G { charset="latin1"; a [label="\#u{1}rsta"]; b [label="Bod\#u{2}"]; a -> b }"#.utf8)
            .map { $0 == 1 ? 0xD8 : $0 == 2 ? 0xF8 : $0 }  // Ø and ø, one byte each
        let url = try file(text)
        defer { try? FileManager.default.removeItem(at: url) }
        let loaded = try LoadedGraph.load(url)
        #expect(loaded.graph["a"]?.label == "Ørsta" && loaded.graph["b"]?.label == "Bodø")
        #expect(loaded.graph.attributes["charset"] == nil)  // the model is Unicode; writers write UTF-8
        let svg = String(decoding: try Renderer().render(dot: DOTWriter().write(NetworkView().styled(loaded.graph))), as: UTF8.self)
        #expect(svg.contains(">Ørsta<") && svg.contains(">Bodø<"))
        #expect(DOTWriter().write(loaded.graph).contains("Bodø"))
    }

    /// Names Graphviz accepts for Latin-1, without case; the charset is what cgraph reads as
    /// the graph's attribute, not the word anywhere in the text.
    @Test(arguments: ["charset=latin1", "charset = \"ISO-8859-1\"", "charset=L1", "charset=\"iso_8859-1\"", "charset=\"ISO-IR-100\""])
    func latin1Declarations(_ declaration: String) throws {
        let url = try file(Array("graph { \(declaration); a [label=\"Bod\u{2}\"] }".utf8).map { $0 == 2 ? 0xF8 : $0 })
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try LoadedGraph.load(url).graph["a"]?.label == "Bodø")
    }

    /// Undeclared bytes that are not UTF-8 are still an error; another charset, or the words in
    /// a label, are not taken for a Latin-1 declaration.
    @Test func undeclaredLatin1IsStillRefused() throws {
        for text in ["graph {\n a [label=\"Bod\u{2}\"] }", "graph { charset=\"big5\"; a [label=\"Bod\u{2}\"] }",
                     "graph { a [label=\"charset=latin1 Bod\u{2}\"] }"] {
            let url = try file(Array(text.utf8).map { $0 == 2 ? 0xF8 : $0 })
            defer { try? FileManager.default.removeItem(at: url) }
            #expect(throws: Diagnostic.self) { try LoadedGraph.load(url) }
        }
    }
}
