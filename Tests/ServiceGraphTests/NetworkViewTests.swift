import Testing
@testable import ServiceGraph

@Suite struct NetworkViewTests {
    /// A user, a GP (municipal), a DPS psychologist reached through a service, a relative.
    private var helperNetwork: CollaborationGraph {
        var graph = CollaborationGraph(attributes: ["title": "Test network"])
        graph.addNode(Node(id: "u", attributes: ["kind": "user", "label": "Kari"]))
        graph.addNode(Node(id: "gp", attributes: ["kind": "professional", "role": "GP", "level": "municipal", "label": "Dr A"]))
        graph.addNode(Node(id: "dps", attributes: ["kind": "service", "level": "dps", "mh": "true"]))
        graph.addNode(Node(id: "psy", attributes: ["kind": "professional", "service": "dps", "coordinator": "true"]))
        graph.addNode(Node(id: "mor", attributes: ["kind": "relative", "level": "civil"]))
        graph.addEdge(Edge(source: "u", target: "gp", attributes: ["kind": "contact", "dates": "2024-01-01 2024-02-01 2024-03-01"]))
        graph.addEdge(Edge(source: "u", target: "psy", attributes: ["kind": "contact", "date": "2024-01-05"]))
        graph.addEdge(Edge(source: "psy", target: "dps", attributes: ["kind": "member"]))
        graph.addEdge(Edge(source: "gp", target: "psy", attributes: ["kind": "referral", "date": "2024-01-03"]))
        return graph
    }

    @Test func shapesByKindAndColoursByLevel() throws {
        let view = NetworkView().styled(helperNetwork)
        let gp = try #require(view["gp"])
        #expect(gp.attributes["shape"] == "ellipse")
        #expect(gp.attributes["fillcolor"] == Style.colors(for: .municipal).fill)
        #expect(gp.attributes["label"] == #"Dr A\nGP"#)
        let psy = try #require(view["psy"])
        #expect(psy.attributes["fillcolor"] == Style.colors(for: .dps).fill)  // level through its service
        #expect(psy.attributes["peripheries"] == "2")  // the coordinator
        #expect(view["dps"]?.attributes["shape"] == "box")
        #expect(view["dps"]?.attributes["color"] == Style.mentalHealthColor)
        #expect(view["mor"]?.attributes["shape"] == "house")
    }

    @Test func theUserIsEmphasisedAndOutsideTheBands() throws {
        let view = NetworkView().styled(helperNetwork)
        let user = try #require(view["u"])
        #expect(user.attributes["shape"] == "doublecircle")
        #expect(user.attributes["fillcolor"] == "#222222")
        #expect(!view.groups.contains { $0.members.contains("u") })
    }

    @Test func levelsAreBandsInHierarchyOrder() {
        let view = NetworkView().styled(helperNetwork)
        let bands = view.groups.filter { $0.id.hasPrefix("cluster_level_") }
        #expect(bands.map(\.id) == ["cluster_level_dps", "cluster_level_municipal", "cluster_level_civil"])
        #expect(bands[0].members == ["dps", "psy", "__band_dps"])  // and the band's invisible anchor
        #expect(bands[0].attributes["label"] == "DPS (2nd line)")
    }

    /// A helper whose `service=` names a service is drawn joined to it; a written tie between
    /// the two is not doubled.
    @Test func serviceAttributeIsDrawnAsMembership() throws {
        var graph = helperNetwork
        graph.addNode(Node(id: "nurse", attributes: ["kind": "professional", "service": "home", "level": "municipal"]))
        graph.addNode(Node(id: "home", attributes: ["kind": "service", "level": "municipal"]))
        graph.addNode(Node(id: "stray", attributes: ["kind": "professional", "service": "nowhere"]))
        let view = NetworkView().styled(graph)
        let joined = view.edges.filter { UnorderedPair($0.source, $0.target) == UnorderedPair("nurse", "home") }
        #expect(joined.count == 1)
        #expect(joined.first?.attributes == Style.edgeAttributes(for: .member).attributes)
        // psy → dps is written as a member tie and also named by service=: drawn once.
        #expect(view.edges.filter { UnorderedPair($0.source, $0.target) == UnorderedPair("psy", "dps") }.count == 1)
        #expect(!view.edges.contains { $0.source == "stray" || $0.target == "stray" })  // no such service
    }

    /// Every edge kind looks different from every other — in colour, dash pattern or
    /// arrowheads — and so does its legend sample.
    @Test func everyEdgeKindIsDrawnDistinctly() {
        let kinds: [EdgeKind?] = EdgeKind.allCases + [nil]
        func look(_ kind: EdgeKind?) -> [String] {
            let attributes = Style.edgeAttributes(for: kind).attributes
            return ["color", "style", "arrowhead", "arrowtail", "dir"].map { attributes[$0] ?? "" }
        }
        for (i, a) in kinds.enumerated() {
            for b in kinds[(i + 1)...] {
                #expect(look(a) != look(b), "\(String(describing: a)) and \(String(describing: b)) are drawn alike")
                if a != nil && b != nil {
                    #expect(Style.edgeAttributes(for: a).sample != Style.edgeAttributes(for: b).sample
                            || look(a)[0] != look(b)[0],
                            "\(String(describing: a)) and \(String(describing: b)) share a legend sample and a colour")
                }
            }
        }
    }

    private func edge(_ view: CollaborationGraph, _ source: NodeID, _ target: NodeID) -> Edge? {
        view.edges.first { $0.source == source && $0.target == target }
    }

    @Test func edgesStyledByKindAndContactsByFrequency() {
        let view = NetworkView().styled(helperNetwork)
        #expect(edge(view, "u", "gp")?.attributes["penwidth"] == "1.7")  // three visits
        #expect(edge(view, "u", "psy")?.attributes["penwidth"] == "1.2")  // one visit
        #expect(edge(view, "psy", "dps")?.attributes["style"] == "dotted")  // member
        #expect(edge(view, "gp", "psy")?.attributes["style"] == "dashed")  // referral
        // Ties between helpers do not set ranks; the user's ties and memberships do.
        #expect(edge(view, "gp", "psy")?.attributes["constraint"] == "false")
        #expect(edge(view, "u", "gp")?.attributes["constraint"] == nil)
        #expect(edge(view, "psy", "dps")?.attributes["constraint"] == nil)
        // No data attribute (dates, roles) reaches the styled graph.
        #expect(view.edges.allSatisfy { $0.attributes["dates"] == nil && $0.attributes["date"] == nil })
        #expect(view.nodes.allSatisfy { $0.attributes["kind"] == nil })
    }

    @Test func legendListsOnlyWhatIsUsed() throws {
        let legend = try #require(NetworkView().styled(helperNetwork)["__legend"]?.attributes["label"])
        #expect(legend.contains("professional"))
        #expect(legend.contains("DPS (2nd line)"))
        #expect(legend.contains("referral"))
        #expect(!legend.contains("administrative unit"))
        #expect(!legend.contains("Hospital"))
        #expect(!legend.contains("reports to"))
        #expect(legend.contains("mental-health work"))
    }

    @Test func norwegianLegend() throws {
        let view = NetworkView(language: .nb).styled(helperNetwork)
        let legend = try #require(view["__legend"]?.attributes["label"])
        #expect(legend.contains("Tegnforklaring"))
        #expect(legend.contains("fagperson"))
        #expect(legend.contains("henvisning"))
        #expect(view.groups.first?.attributes["label"] == "DPS (2. linje)")
    }

    @Test func orgChartsReadTopDownWithReportingLinesReversed() {
        var chart = CollaborationGraph()
        chart.addNode(Node(id: "ce", attributes: ["kind": "unit"]))
        chart.addNode(Node(id: "health", attributes: ["kind": "unit", "mh_fte": "2,5"]))
        chart.addEdge(Edge(source: "health", target: "ce", attributes: ["kind": "reports_to"]))
        chart.addEdge(Edge(source: "health", target: "ce", attributes: ["kind": "informal"]))
        let view = NetworkView().styled(chart)
        #expect(view.attributes["rankdir"] == "TB")
        #expect(view.edges[0].source == "ce")
        #expect(view.edges[0].attributes["dir"] == "back")
        #expect(view.edges[1].attributes["constraint"] == "false")
        #expect(view["health"]?.attributes["color"] == Style.mentalHealthColor)  // decimal comma read
    }

    @Test func emphasisedBrokersAndBridges() {
        let view = NetworkView(emphasizedNodes: ["gp"], emphasizedEdges: [UnorderedPair("psy", "gp")])
            .styled(helperNetwork)
        #expect(view["gp"]?.attributes["color"] == Style.alertColor)
        #expect(edge(view, "gp", "psy")?.attributes["color"] == Style.alertColor)
        #expect(view["__legend"]?.attributes["label"]?.contains("single point of failure") == true)
    }

    @Test func parallelTiesOfOneKindAreDrawnOnceWithTheirCount() {
        var graph = helperNetwork
        graph.addNode(Node(id: "ward", attributes: ["kind": "service", "level": "hospital"]))
        for kind in ["admission", "discharge", "admission", "discharge"] {
            graph.addEdge(Edge(source: "u", target: "ward", attributes: ["kind": kind]))
        }
        graph.addEdge(Edge(source: "u", target: "gp", attributes: ["kind": "contact", "date": "2024-05-01"]))
        let view = NetworkView().styled(graph)
        let toWard = view.edges.filter { $0.target == "ward" }
        #expect(toWard.count == 2)
        #expect(toWard.allSatisfy { $0.attributes["label"] == "×2" })
        let contacts = view.edges.filter { $0.source == "u" && $0.target == "gp" }
        #expect(contacts.count == 1)
        #expect(contacts[0].attributes["penwidth"] == "1.9")  // 3 + 1 visits
        #expect(contacts[0].attributes["label"] == nil)  // visits show as width, not a count
    }

    @Test func theUsersTiesAreWrittenHospitalFirst() {
        var graph = helperNetwork
        graph.addNode(Node(id: "ward", attributes: ["kind": "service", "level": "hospital"]))
        graph.addEdge(Edge(source: "u", target: "ward", attributes: ["kind": "admission"]))
        let view = NetworkView().styled(graph)
        let fromUser = view.edges.filter { $0.source == "u" }.map(\.target)
        #expect(fromUser == ["ward", "psy", "gp"])  // hospital, DPS, municipality
    }

    /// Regression: the DOT writer declares nodes in order, and dot stacks the bands in the
    /// order their nodes first appear, so the view must list the user, then hospital first.
    @Test func nodesAreDeclaredUserFirstThenHospitalDownwards() {
        var graph = helperNetwork
        graph.addNode(Node(id: "ward", attributes: ["kind": "service", "level": "hospital"]))
        let order = NetworkView().styled(graph).nodes.map(\.id).filter { !$0.rawValue.hasPrefix("__") }  // legend, band spine
        #expect(order == ["u", "ward", "dps", "psy", "gp", "mor"])
    }

    @Test func legendTextIsEscapedForHTMLLabels() {
        #expect(HTML.escape(#"<b>"Tom" & 'Jerry'</b>"#) == "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;")
    }
}
