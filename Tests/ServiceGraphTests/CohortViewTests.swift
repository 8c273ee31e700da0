import Foundation
import Testing
@testable import ServiceGraph

@Suite struct CohortViewTests {
    /// docs/sequences.md's example, week by week from the first event: w1 both municipal, w2 one
    /// municipal and one not in care, w3–w5 one user (a) at risk: DPS, then none twice.
    private var sequences: CareSequences {
        let settings = SequenceSettings()
        let a = Pathway(user: "a", events: [
            PathwayEvent(user: "a", time: t("2024-01-01"), kind: .contact, actor: "gp", service: "legekontor", level: .municipal, sourceOrder: 0),
            PathwayEvent(user: "a", time: t("2024-01-10"), kind: .contact, actor: "gp", service: "legekontor", level: .municipal, sourceOrder: 1),
            PathwayEvent(user: "a", time: t("2024-01-17"), kind: .admission, service: "dps_ward", level: .dps, sourceOrder: 2),
            PathwayEvent(user: "a", time: t("2024-01-19"), kind: .discharge, service: "dps_ward", level: .dps, sourceOrder: 3),
        ])
        let b = Pathway(user: "b", events: [
            PathwayEvent(user: "b", time: t("2024-01-22"), kind: .contact, actor: "nurse", service: "mh", level: .municipal, sourceOrder: 0),
        ])
        let all = [a, b].compactMap { try? $0.careSequence(settings, dataEnd: t("2024-01-31")).get() }
        return CareSequences(settings: settings, sequences: all)
    }

    private func height(_ view: CollaborationGraph, _ id: String) -> Double? {
        view[NodeID(id)].flatMap { Double($0.attributes["height"] ?? "") }
    }

    private func y(_ view: CollaborationGraph, _ id: String) -> Double? {
        guard let pos = view[NodeID(id)]?.attributes["pos"] else { return nil }
        return Double(pos.dropLast().split(separator: ",")[1])
    }

    private func texts(_ view: CollaborationGraph) -> [String] {
        view.nodes.filter { $0.id.rawValue.hasPrefix("__text") }.compactMap { $0.attributes["label"] }
    }

    @Test func barsAreTheSharesOfTheUsersAtRisk() throws {
        let view = CohortView(name: "example").styled(sequences)
        let full = CohortView.chartHeight
        #expect(height(view, "__bar0_municipal") == full)
        #expect(height(view, "__bar1_municipal") == full / 2 && height(view, "__bar1_none") == full / 2)
        #expect(height(view, "__bar2_dps") == full && height(view, "__bar4_none") == full)
        #expect(view[NodeID("__bar0_none")] == nil && view[NodeID("__bar2_municipal")] == nil)  // no empty boxes
        // Higher levels at the bottom: municipal under none.
        #expect(try #require(y(view, "__bar1_municipal")) < (try #require(y(view, "__bar1_none"))))
        #expect(view[NodeID("__bar1_none")]?.attributes["tooltip"] == "w2: not in care 50 % (1 of 2)")
        // Step names and the users at risk under each.
        let labels = texts(view)
        for name in ["w1", "w2", "w3", "w4", "w5", "number at risk", "weeks from each user's first event"] {
            #expect(labels.contains(name), "\(name)")
        }
        #expect(labels.filter { $0 == "2" }.count == 2 && labels.filter { $0 == "1" }.count == 3)
        #expect(view.attributes["label"] == "Care level week by week: example (2 users)")
        #expect(view.attributes["layout"] == "neato")
    }

    @Test func norwegianAndTheInpatientAlphabet() {
        var split = sequences
        split.states = .inpatient
        let view = CohortView(language: .nb, name: "eksempel").styled(split)
        #expect(height(view, "__bar2_dps_inpatient") == CohortView.chartHeight)
        let labels = texts(view)
        #expect(labels.contains("antall i risiko") && labels.contains("uker fra hver brukers første hendelse"))
        let legend = view.nodes.first { $0.id.rawValue.hasPrefix("__legend") }?.attributes["label"] ?? ""
        #expect(legend.contains("DPS, innlagt") && legend.contains("ikke i behandling") && legend.contains("sykehus, poliklinisk"))
        #expect(view.attributes["label"] == "Omsorgsnivå uke for uke: eksempel (2 brukere)")
    }

    @Test func noUsersIsSaid() {
        let view = CohortView(name: "empty").styled(CareSequences(settings: SequenceSettings()))
        #expect(texts(view) == ["no user has a dated event"])
        #expect(view.attributes["label"] == "Care level week by week: empty (0 users)")
    }
}
