import Testing
@testable import ServiceGraph

@Suite struct DOTWriterTests {
    @Test(arguments: [
        ("plain", "\"plain\""), ("say \"hi\"", #""say \"hi\"""#), (#"a\nb"#, #""a\nb""#),
        (#"ends\"#, #""ends\\""#), (#"already \"quoted\""#, #""already \"quoted\"""#), ("æøå <&>", "\"æøå <&>\""),
        ("", "\"\""),
        // A quote followed by a combining accent is one Character to Swift but still a quote
        // to cgraph: it must be escaped (it was not, when quoting went by Character).
        ("x\"\u{301} y", "\"x\\\"\u{301} y\""),
        (#"two\\"#, #""two\\""#),
    ])
    func quoting(text: String, expected: String) {
        #expect(DOTWriter.quote(text) == expected)
    }

    @Test func identifiersAreBareOnlyWhenPlain() {
        #expect(DOTWriter.identifier("gp_1") == "gp_1")
        #expect(DOTWriter.identifier("1gp") == "\"1gp\"")
        #expect(DOTWriter.identifier("node") == "\"node\"")
        #expect(DOTWriter.identifier("Ålesund") == "\"Ålesund\"")
        #expect(DOTWriter.identifier("a b") == "\"a b\"")
        #expect(DOTWriter.identifier("") == "\"\"")
        #expect(DOTWriter.identifier("Subgraph") == "\"Subgraph\"")  // keywords are case-insensitive
        #expect(DOTWriter.identifier("_x9") == "_x9")
        #expect(DOTWriter.identifier("x\u{301}") == "\"x\u{301}\"")
    }

    @Test func escStringFromPlainText() {
        #expect(DOTWriter.escString(plain: "a\\b\nc\r") == #"a\\b\nc"#)
    }

    @Test func writesDeterministicallyInSourceOrderWithSortedAttributes() {
        var graph = CollaborationGraph(name: "net", isDirected: false, attributes: ["year": "2024", "title": "T"])
        graph.addNode(Node(id: "z", attributes: ["level": "dps", "kind": "service"]))
        graph.addNode(Node(id: "a", attributes: ["label": "A <b>", "kind": "professional"]))
        graph.addEdge(Edge(source: "z", target: "a", attributes: ["kind": "member"]))
        graph.groups = [Group(id: "cluster_x", attributes: ["label": "X"], members: ["a"])]
        let expected = """
            graph net {
              graph [title="T", year="2024"];
              z [kind="service", level="dps"];
              a [kind="professional", label="A <b>"];
              subgraph cluster_x {
                graph [label="X"];
                a;
              }
              z -- a [kind="member"];
            }

            """
        #expect(DOTWriter().write(graph) == expected)
        #expect(DOTWriter().write(graph) == DOTWriter().write(graph))
    }

    @Test func nestedGroupsAndHTMLLabels() {
        var graph = CollaborationGraph(isStrict: true)
        graph.addNode(Node(id: "a", attributes: ["label": "<B>bold</B>"], htmlAttributes: ["label"]))
        graph.addNode(Node(id: "b"))
        graph.groups = [
            Group(id: "cluster_outer", members: ["a", "b"]),
            Group(id: "cluster_inner", members: ["a"], parent: "cluster_outer"),
        ]
        let expected = """
            strict digraph {
              a [label=<<B>bold</B>>];
              b;
              subgraph cluster_outer {
                subgraph cluster_inner {
                  a;
                }
                b;
              }
            }

            """
        #expect(DOTWriter().write(graph) == expected)
    }
}
