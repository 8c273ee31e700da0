import Foundation
import Testing
@testable import ServiceGraph

@Suite struct HandoverNetworkTests {
    private func visit(_ user: NodeID, _ day: Int, _ actor: String?, _ service: String, _ level: Level) -> PathwayEvent {
        PathwayEvent(user: user, time: Timestamp(secondsSinceEpoch: Int64(day) * 86_400), kind: .contact, actor: actor,
                     service: service, level: level, sourceOrder: day)
    }

    @Test func countsConsecutivePairsWithLoops() {
        var network = HandoverNetwork()
        network.add(Pathway(user: "a", events: [visit("a", 1, "gp", "s", .municipal), visit("a", 2, "gp", "s", .municipal),
                                                visit("a", 3, "psy", "d", .dps), visit("a", 4, "gp", "s", .municipal)]))
        network.add(Pathway(user: "b", events: [visit("b", 1, "gp", "s", .municipal), visit("b", 2, "psy", "d", .dps)]))
        network.add(Pathway(user: "c", events: [visit("c", 1, "psy", "d", .dps)]))  // one visit: no pair
        #expect(network.transfers.map { "\($0.transfer.from)>\($0.transfer.to)=\($0.count)" }
                == ["gp>gp=1", "gp>psy=2", "psy>gp=1"])
        #expect(network.handovers == 3)  // loops are not handovers
        #expect(network.providers == ["gp", "psy"])
        #expect(network.level(of: "psy") == .dps)
        // The handovers equal the sum of every pathway's handovers.
        #expect(network.handovers == 2 + 1)
    }

    @Test func granularityAndUnnamedVisits() {
        let events = [visit("a", 1, "pn1", "mh", .municipal), visit("a", 2, "pn2", "mh", .municipal),
                      visit("a", 3, nil, "mh", .municipal)]
        var byService = HandoverNetwork(granularity: .service)
        byService.add(Pathway(user: "a", events: events))
        #expect(byService.transfers.map(\.count) == [2])  // mh → mh twice
        var byProfessional = HandoverNetwork()
        byProfessional.add(Pathway(user: "a", events: events))
        #expect(byProfessional.providers == ["mh#unnamed", "pn1", "pn2"])
    }

    @Test func mergeAddsCounts() {
        var first = HandoverNetwork(), second = HandoverNetwork()
        first.add(Pathway(user: "a", events: [visit("a", 1, "x", "s", .municipal), visit("a", 2, "y", "s", .municipal)]))
        second.add(Pathway(user: "b", events: [visit("b", 1, "x", "s", .municipal), visit("b", 2, "y", "s", .municipal)]))
        first.merge(second)
        #expect(first.transfers.map(\.count) == [2])
    }

    @Test func csvAndGraph() {
        var network = HandoverNetwork()
        network.add(Pathway(user: "a", events: [visit("a", 1, "Dr \"A\", GP", "s", .municipal), visit("a", 2, "b", "s", .dps)]))
        #expect(network.csv == "source,target,count\r\n\"Dr \"\"A\"\", GP\",b,1\r\n")
        let graph = network.graph
        #expect(graph.edges.first?.attributes == ["count": "1", "weight": "1"])
        #expect(graph["b"]?.attributes["level"] == "dps")
    }
}
