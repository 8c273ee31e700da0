import Testing
@testable import ServiceGraph

@Suite struct HelperNetworkTests {
    private func measures(_ graph: CollaborationGraph) throws -> HelperNetworkMeasures {
        try #require(try graph.helperNetworkMeasures().first)
    }

    /// The worked example of docs/measures.md: helpers gp, pn, sw, psy, doc; ties gp–pn, gp–psy, psy–doc; sw alone.
    @Test func workedExample() throws {
        let m = try measures(Sketch.helperNetwork(helpers: ["gp", "pn", "sw", "psy", "doc"],
                                                  ties: ["gp-pn", "gp-psy", "psy-doc"]))
        #expect(m.helpers == 5)
        #expect(m.helperTies == 3)
        #expect(m.helperDensity == 0.3)
        #expect(m.helperGroups == 2)
        #expect(approximately(m.fragmentation, 0.4))
        #expect(approximately(m.distanceFragmentation, 0.566667))
        #expect(approximately(m.effectiveSize, 3.8))
        #expect(approximately(m.efficiency, 0.76))
        #expect(approximately(m.constraint, 0.451111))
        #expect(m.isolatedHelpers == ["sw"])
        // Without gp, pn and sw are cut off from the rest: groups {pn}, {sw}, {psy, doc} →
        // 1 − 2/12; without psy, doc is cut off likewise; gp < psy wins the tie.
        #expect(m.keyHelper == "gp")
        #expect(approximately(m.keyHelperFragmentation, 1 - 2.0 / 12))
        #expect(m.coordinatorReach == nil)  // no coordinator or forum
        #expect(m.careDensity == nil)  // one user
    }

    /// The family holds the helpers together: the mother talks to the GP and to the DPS
    /// psychologist, a peer group (a civil-society service) joins the nurse to the psychologist.
    /// In G⁻ all four helpers hang together (fragmentation 0); without relatives and civil
    /// nodes gp, psy and nurse fall apart and only psy–doc stays: 1 − 2/12 = 0.833333.
    @Test func fragmentationWithoutRelatives() throws {
        var graph = Sketch.helperNetwork(
            helpers: ["gp", "psy", "doc", "nurse"],
            ties: ["mother-gp:informal", "mother-psy:informal", "nurse-peers:member", "psy-peers:member", "psy-doc"],
            extra: [("mother", "relative"), ("peers", "service"), ("aunt", "relative")],
            levels: ["peers": "civil"])
        graph.addEdge(Edge(source: "u", target: "mother", attributes: ["kind": "informal"]))
        graph.addEdge(Edge(source: "peers", target: "u", attributes: ["kind": "member"]))
        let m = try measures(graph)
        #expect(m.helpers == 4)  // relatives and civil services are never helpers
        #expect(m.relativeIDs == ["mother", "peers"])  // the aunt has no tie to the user
        #expect(m.relatives == 2)
        #expect(m.fragmentation == 0)
        #expect(approximately(m.fragmentationWithoutRelatives, 1 - 2.0 / 12))
        #expect(m.helperGroups == 1)  // groups are still counted in G⁻ with the family
    }

    /// A professional of level civil who met the user is a helper, and stays in the graph
    /// when relatives are removed; with fewer than two helpers the measure is undefined.
    @Test func fragmentationWithoutRelativesDegenerateCases() throws {
        let civilHelper = try measures(Sketch.helperNetwork(
            helpers: ["gp", "priest"], ties: ["gp-priest"], levels: ["priest": "civil"]))
        #expect(civilHelper.helpers == 2 && civilHelper.relatives == 0)
        #expect(civilHelper.fragmentationWithoutRelatives == 0)
        let one = try measures(Sketch.helperNetwork(helpers: ["gp"], extra: [("mother", "relative")]))
        #expect(one.fragmentationWithoutRelatives == nil)
        let none = try measures(Sketch.helperNetwork(helpers: []))
        #expect(none.fragmentationWithoutRelatives == nil && none.relatives == 0)
    }

    @Test func noHelpers() throws {
        let m = try measures(Sketch.helperNetwork(helpers: []))
        #expect([m.helpers, m.services, m.levels, m.helperTies, m.helperGroups] == [0, 0, 0, 0, 0])
        let ratios: [Double?] = [m.helperDensity, m.fragmentation, m.distanceFragmentation, m.keyHelperFragmentation,
                                 m.coordinatorReach, m.effectiveSize, m.efficiency, m.constraint]
        #expect(ratios.allSatisfy { $0 == nil })
        #expect(m.keyHelper == nil)
    }

    @Test func oneHelper() throws {
        let m = try measures(Sketch.helperNetwork(helpers: ["gp"]))
        #expect(m.helperGroups == 1)
        #expect([m.helperDensity, m.fragmentation, m.distanceFragmentation].allSatisfy { $0 == nil })
        #expect([m.effectiveSize, m.efficiency, m.constraint] == [1, 1, 1])
        #expect(m.keyHelper == nil)
    }

    @Test func twoHelpersApartAndTogether() throws {
        let apart = try measures(Sketch.helperNetwork(helpers: ["a", "b"]))
        #expect([apart.fragmentation, apart.distanceFragmentation, apart.helperDensity] == [1, 1, 0])
        #expect([apart.effectiveSize, apart.constraint] == [2, 0.5])  // (1/2)² + (1/2)²
        #expect(apart.keyHelper == nil)  // needs three helpers
        let together = try measures(Sketch.helperNetwork(helpers: ["a", "b"], ties: ["a-b"]))
        #expect([together.fragmentation, together.distanceFragmentation, together.helperDensity] == [0, 0, 1])
        #expect(together.effectiveSize == 1)
        // p = 1/2 from u; each helper has degree 2 in E: (1/2 + 1/2 · 1/2)² · 2 = 1.125
        #expect(approximately(together.constraint, 1.125))
    }

    @Test func aHelperReachableOnlyThroughAForum() throws {
        let graph = Sketch.helperNetwork(helpers: ["a", "b", "c"], ties: ["a-group:member", "b-group:member"],
                                         extra: [("group", "forum")])
        let m = try measures(graph)
        #expect(m.helperGroups == 2)  // {a, b} through the forum, {c}
        #expect(m.helperTies == 0)  // no direct ties
        #expect(approximately(m.fragmentation, 1 - 2.0 / 6))
        // a–b at distance 2: 1/2 each way; everything else unreachable.
        #expect(approximately(m.distanceFragmentation, 1 - 1.0 / 6))
        #expect(approximately(m.coordinatorReach, 2.0 / 3))
        #expect(m.isolatedHelpers == ["c"])
    }

    @Test func theUserDoesNotConnectHelpers() throws {
        // A path through the user or through another user does not count.
        var graph = Sketch.helperNetwork(helpers: ["a", "b"], ties: ["a-v:contact", "v-b:contact"])
        graph.addNode(Node(id: "v", attributes: ["kind": "user"]))
        let m = try #require(try graph.helperNetworkMeasures().first { $0.user == "u" })
        #expect(m.fragmentation == 1)
    }

    @Test func edgesNamingAnotherUserDoNotConnect() throws {
        var graph = Sketch.helperNetwork(helpers: ["a", "b"])
        graph.addNode(Node(id: "v", attributes: ["kind": "user"]))
        graph.addEdge(Edge(source: "a", target: "b", attributes: ["kind": "message", "user": "v"]))
        let forU = try #require(try graph.helperNetworkMeasures().first { $0.user == "u" })
        #expect(forU.fragmentation == 1)
        graph.addEdge(Edge(source: "a", target: "b", attributes: ["kind": "message", "user": "u"]))
        let again = try #require(try graph.helperNetworkMeasures().first { $0.user == "u" })
        #expect(again.fragmentation == 0)
    }

    @Test func starOfHelpersAroundACoordinator() throws {
        var graph = Sketch.helperNetwork(helpers: ["hub", "a", "b", "c"], ties: ["hub-a", "hub-b", "hub-c"])
        graph.updateNode("hub") { $0.attributes["coordinator"] = "true" }
        let m = try measures(graph)
        #expect(m.fragmentation == 0)
        #expect(m.keyHelper == "hub")
        #expect(m.keyHelperFragmentation == 1)  // a, b, c fall apart
        #expect(m.coordinatorReach == 1)  // the hub itself and its three ties
        // 6 ordered pairs at distance 1 (hub–x), 6 at distance 2 (x–y): 1 − (6 + 3)/12
        #expect(approximately(m.distanceFragmentation, 0.25))
        let expectedEffectiveSize = 4 - 2 * 3 / 4.0  // n − 2t/n with t = 3
        #expect(m.effectiveSize == expectedEffectiveSize)
    }

    @Test func pathOfHelpers() throws {
        let m = try measures(Sketch.helperNetwork(helpers: ["a", "b", "c", "d"], ties: ["a-b", "b-c", "c-d"]))
        // Σ 1/d over ordered pairs: 2 · (3 · 1 + 2 · 1/2 + 1/3) = 8.6667 of 12
        let inverseDistances: Double = 2 * (3 + 1 + 1.0 / 3)
        #expect(approximately(m.distanceFragmentation, 1 - inverseDistances / 12))
        #expect(m.keyHelper == "b")  // b and c tie at 1 − 2/6; b is the smaller id
        #expect(approximately(m.keyHelperFragmentation, 1 - 2.0 / 6))
    }

    @Test func completeHelperNetwork() throws {
        let m = try measures(Sketch.helperNetwork(helpers: ["a", "b", "c"], ties: ["a-b", "b-c", "a-c"]))
        #expect([m.helperDensity, m.fragmentation, m.distanceFragmentation] == [1, 0, 0])
        #expect(m.keyHelperFragmentation == 0)
        #expect(m.keyHelper == "a")  // all tie at 0: the smallest id
        #expect(approximately(m.effectiveSize, 1))
    }

    @Test func duplicateEdgesAndSelfLoopsChangeNothing() throws {
        let plain = try measures(Sketch.helperNetwork(helpers: ["gp", "pn", "sw", "psy", "doc"],
                                                      ties: ["gp-pn", "gp-psy", "psy-doc"]))
        let noisy = try measures(Sketch.helperNetwork(helpers: ["gp", "pn", "sw", "psy", "doc"],
                                                      ties: ["gp-pn", "pn-gp", "gp-psy", "gp-psy:message", "psy-doc",
                                                             "psy-psy", "sw-sw"]))
        #expect(plain == noisy)
    }

    @Test func servicesAndLevels() throws {
        var graph = Sketch.helperNetwork(helpers: ["gp", "psy"], extra: [("legekontor", "service"), ("dps", "service"), ("nav", "service")],
                                         levels: ["legekontor": "municipal", "dps": "dps", "nav": "state"])
        graph.updateNode("gp") { $0.attributes["service"] = "legekontor" }
        graph.addEdge(Edge(source: "psy", target: "dps", attributes: ["kind": "member"]))
        graph.addEdge(Edge(source: "u", target: "nav", attributes: ["kind": "contact"]))
        let m = try measures(graph)
        #expect(m.helpers == 2)  // nav is a service, not a helper
        #expect(m.services == 3)
        #expect(m.levels == 3)
    }

    @Test func aPeriodKeepsHelpersMetInIt() throws {
        var graph = Sketch.helperNetwork(helpers: [])
        graph.addNode(Node(id: "early", attributes: ["kind": "professional"]))
        graph.addNode(Node(id: "late", attributes: ["kind": "professional"]))
        graph.addNode(Node(id: "undated", attributes: ["kind": "professional"]))
        graph.addEdge(Edge(source: "u", target: "early", attributes: ["kind": "contact", "dates": "2024-01-05 2024-02-01"]))
        graph.addEdge(Edge(source: "u", target: "late", attributes: ["kind": "contact", "date": "2024-06-30T18:00"]))
        graph.addEdge(Edge(source: "u", target: "undated", attributes: ["kind": "contact"]))
        #expect(graph.helpers(of: "u") == ["early", "late", "undated"])
        let period = try #require(Period(from: "2024-03-01", to: "2024-06-30"))
        #expect(graph.helpers(of: "u", period: period) == ["late"])  // the whole last day counts
        #expect(graph.helpers(of: "u", period: try #require(Period(from: nil, to: "2024-01-05"))) == ["early"])
    }
}
