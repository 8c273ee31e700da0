import Foundation
import Testing
@testable import ServiceGraph

@Suite struct PathwayViewTests {
    private func t(_ text: String) -> Timestamp { Timestamp(iso: text)! }

    /// gp (municipal) → psy (DPS) with no bridge → gp again, bridged by an epicrisis.
    private var pathway: Pathway {
        Pathway(user: "u", events: [
            PathwayEvent(user: "u", time: t("2024-01-01"), kind: .contact, actor: "gp", service: "s", level: .municipal, sourceOrder: 0),
            PathwayEvent(user: "u", time: t("2024-03-01"), kind: .admission, service: "d", level: .dps, sourceOrder: 1),
            PathwayEvent(user: "u", time: t("2024-03-01"), kind: .contact, actor: "psy", service: "d", level: .dps, sourceOrder: 2),
            PathwayEvent(user: "u", time: t("2024-03-10"), kind: .epicrisis, actor: "psy", level: .dps, sourceOrder: 3),
            PathwayEvent(user: "u", time: t("2024-03-12"), kind: .contact, actor: "gp", service: "s", level: .municipal, sourceOrder: 4),
        ])
    }

    private func position(_ node: Node?) -> (Double, Double)? {
        guard let pos = node?.attributes["pos"], pos.hasSuffix("!") else { return nil }
        let parts = pos.dropLast().split(separator: ",").compactMap { Double($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    @Test func lanesTimeAndMarks() throws {
        let view = PathwayView(names: ["gp": "Dr Hansen"]).styled(pathway)
        #expect(view.attributes["layout"] == "neato")
        // Visits: x grows with time; the DPS lane lies above the municipal one.
        let first = try #require(position(view["__visit0"])), second = try #require(position(view["__visit1"]))
        let third = try #require(position(view["__visit2"]))
        #expect(first.0 < second.0 && second.0 < third.0)
        #expect(second.1 > first.1 && first.1 == third.1)
        // Hospital, DPS and municipality are always lanes, top to bottom.
        let lanes = (0..<3).compactMap { position(view[NodeID("__lane\($0)")])?.1 }
        #expect(lanes == lanes.sorted(by: >))
        #expect(view["__visit0"]?.attributes["xlabel"] == "Dr Hansen")
        #expect(view["__visit0"]?.attributes["width"] == "0.2")  // a new face
        #expect(view["__visit2"]?.attributes["width"] == "0.12")  // gp again
        #expect(view["__stay1"]?.attributes["shape"] == "triangle")  // the admission
    }

    @Test func transitionsColouredByBridging() {
        // W = 5 days. 03-01: the GP's relation ends and nothing is passed on → unbridged, broken.
        // 03-12: the epicrisis of 03-10 lies within the window → bridged.
        let pathway = Pathway(user: "u", events: [
            PathwayEvent(user: "u", time: t("2024-02-25"), kind: .contact, actor: "gp", service: "s", level: .municipal, sourceOrder: 0),
            PathwayEvent(user: "u", time: t("2024-03-01"), kind: .contact, actor: "psy", service: "d", level: .dps, sourceOrder: 1),
            PathwayEvent(user: "u", time: t("2024-03-10"), kind: .epicrisis, actor: "psy", level: .dps, sourceOrder: 2),
            PathwayEvent(user: "u", time: t("2024-03-12"), kind: .contact, actor: "nurse", service: "s", level: .municipal, sourceOrder: 3),
        ])
        let view = PathwayView(options: PathwayOptions(windowDays: 5)).styled(pathway)
        let arrows = view.edges.filter { $0.source.rawValue.hasPrefix("__visit") }
        #expect(arrows.count == 2)
        #expect(arrows[0].attributes["style"] == "dashed")  // 03-01: nothing passed within 30 days
        #expect(arrows[0].attributes["color"] == Style.alertColor)
        #expect(arrows[1].attributes["color"] == PathwayView.bridgedColor)  // the epicrisis bridges 03-12
        // The GP's relation broke at 03-01: the visit before is outlined.
        #expect(view["__visit0"]?.attributes["color"] == Style.alertColor)
    }

    @Test func dateAxisAndLegendInNorwegian() {
        let view = PathwayView(language: .nb).styled(pathway)
        let ticks = view.nodes.filter { $0.id.rawValue.hasPrefix("__tick") }.compactMap { $0.attributes["label"] }
        #expect(ticks == ["jan 2024", "feb 2024", "mar 2024"])
        #expect(view["__legend"]?.attributes["label"]?.contains("overgang uten bro") == true)
        #expect(view.attributes["label"] == "Forløp for u")
    }

    @Test func emptyPathwayIsAnEmptyDrawing() {
        let view = PathwayView().styled(Pathway(user: "u", events: []))
        #expect(view.nodes.isEmpty)
    }

    @Test func stable() {
        #expect(DOTWriter().write(PathwayView().styled(pathway)) == DOTWriter().write(PathwayView().styled(pathway)))
    }
}
