import Foundation
import Testing
@testable import ServiceGraph

@Suite struct PathwayViewTests {
    /// gp (municipal) → an acute stay with doc → home to gp, then the DPS with psy; an epicrisis.
    private var example: Pathway {
        pathway([(.contact, "2024-01-08", "gp", "legekontor", .municipal),
                 (.admission, "2024-03-01", nil, "ward", .hospital),
                 (.contact, "2024-03-02", "doc", "ward", .hospital),
                 (.discharge, "2024-03-15", nil, "ward", .hospital),
                 (.contact, "2024-03-20", "gp", "legekontor", .municipal),
                 (.epicrisis, "2024-03-21", "doc", nil, .hospital),
                 (.contact, "2024-06-03", "psy", "dps-clinic", .dps),
                 (.contact, "2024-06-17", "psy", "dps-clinic", .dps)])
    }

    private func position(_ node: Node?) -> (x: Double, y: Double)? {
        guard let pos = node?.attributes["pos"], pos.hasSuffix("!") else { return nil }
        let parts = pos.dropLast().split(separator: ",").compactMap { Double($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    private func texts(_ view: CollaborationGraph) -> [(text: String, node: Node)] {
        view.nodes.filter { $0.id.rawValue.hasPrefix("__text") && !$0.htmlAttributes.contains("label") }
            .map { ($0.attributes["label"] ?? "", $0) }
    }

    private func width(_ node: Node) -> Double { Double(node.attributes["width"] ?? "") ?? 0 }

    @Test func lanesTicksAndBars() throws {
        let view = PathwayView(options: PathwayOptions(dataEnd: t("2024-06-30")), names: ["gp": "Dr Hansen"]).styled(example)
        #expect(view.attributes["layout"] == "neato")
        let labels = texts(view)
        // Hospital above DPS above the municipality.
        let laneY = [Level.hospital, .dps, .municipal].compactMap { level in
            labels.first { $0.text == Language.en.name(of: level) }.flatMap { position($0.node)?.y }
        }
        #expect(laneY.count == 3 && laneY == laneY.sorted(by: >))
        // Visits are ticks whose x grows with time; a new face's tick is taller.
        let ticks = view.nodes.filter { $0.id.rawValue.hasPrefix("__visit") }
        #expect(ticks.count == 5)
        let xs = ticks.compactMap { position($0)?.x }
        #expect(xs == xs.sorted())
        #expect(ticks.map { $0.attributes["height"] } == ["0.3", "0.3", "0.18", "0.3", "0.18"])
        // One stay (thick), care episodes (thin): municipal 01-08…03-20 (71 days), hospital, DPS.
        let bars = view.nodes.filter { $0.id.rawValue.hasPrefix("__bar") }
        #expect(bars.filter { $0.attributes["height"] == "0.260" }.count == 1)
        #expect(bars.filter { $0.attributes["height"] == "0.070" }.count == 4)  // 71 > 60 days: the GP twice
        // A year is 16 inches: Jan…Jun is about 8.
        let stay = try #require(bars.first { $0.attributes["height"] == "0.260" })
        #expect(abs(width(stay) - 14 * 16.0 / 366) < 0.01)
        // Names once, at the first visit; the index discharge's follow-up beside it.
        #expect(labels.filter { $0.text == "Dr Hansen" }.count == 1)
        #expect(labels.filter { $0.text == "doc" }.count == 1 && labels.filter { $0.text == "psy" }.count == 1)
        #expect(labels.contains { $0.text == "follow-up 5.0 d" })
        #expect(labels.map(\.text).starts(with: ["Jan 2024", "Feb", "Mar", "Apr", "May", "Jun"]))
    }

    @Test func transitionsBridgedUnbridgedAndCensored() {
        // 03-01 up and 03-20 down, both bridged by the epicrisis of 03-21 (within 30 days of each);
        // 06-03 up with no one carried and nothing passed: unbridged. With the data ending 06-20
        // the last one is censored.
        let view = PathwayView(options: PathwayOptions(dataEnd: t("2024-12-31"))).styled(example)
        let arrows = view.edges.filter { $0.attributes["arrowsize"] != nil }
        #expect(arrows.map { $0.attributes["color"] } == [PathwayView.bridgedColor, PathwayView.bridgedColor, Style.alertColor])
        #expect(arrows.last?.attributes["style"] == "dashed")
        let censored = PathwayView(options: PathwayOptions(dataEnd: t("2024-06-20"))).styled(example)
        let last = censored.edges.filter { $0.attributes["arrowsize"] != nil }.last
        #expect(last?.attributes["color"] == PathwayView.censoredColor && last?.attributes["style"] == "dotted")
        // The doc's relation broke at 03-20 (uncensored): its last visit is ringed in red. The GP's
        // last visit, 03-20, lies more than 30 days before 06-03: not counted as broken there.
        #expect(view.nodes.filter { $0.id.rawValue.hasPrefix("__broken") }.map { $0.attributes["color"] } == [Style.alertColor])
    }

    @Test func aCrowdedWeekGoesToANumberedKey() {
        // Twelve new faces in four days at the hospital: three rows of names, then numbers.
        let rows: [(PathwayEvent.Kind, String, String?, String?, Level?)] = (0..<12).map { index in
            (.contact, "2024-03-0\(1 + index / 3)", "Professional Number \(index)", "ward", .hospital)
        }
        let view = PathwayView(options: PathwayOptions(dataEnd: t("2024-12-31"))).styled(pathway(rows))
        let labels = texts(view).map(\.text)
        let named = labels.filter { $0.hasPrefix("Professional Number") }
        #expect(!named.isEmpty && named.count < 12)
        let numbers = labels.filter { Int($0) != nil }
        #expect(named.count + numbers.count == 12)
        let key = view.nodes.first { $0.htmlAttributes.contains("label") && ($0.attributes["label"] ?? "").contains("crowded") }
        #expect(key?.attributes["label"]?.contains("1  Professional Number") == true)
    }

    @Test func labelsInOneLaneNeverShareARowWhereTheyOverlap() {
        let rows: [(PathwayEvent.Kind, String, String?, String?, Level?)] = (0..<30).map { index in
            (.contact, Timestamp(secondsSinceEpoch: t("2024-01-01").secondsSinceEpoch + Int64(index) * 86_400 * 3).description,
             "helper \(index)", "s", .municipal)
        }
        let view = PathwayView().styled(pathway(rows))
        let boxes = texts(view).compactMap { entry -> (Double, Double, Double)? in
            guard let p = position(entry.node) else { return nil }
            return (p.x - width(entry.node) / 2, p.x + width(entry.node) / 2, p.y)
        }
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] where abs(a.2 - b.2) < 0.15 {
                #expect(a.1 <= b.0 || b.1 <= a.0, "\(a) and \(b) overlap")
            }
        }
    }

    @Test func legendInNorwegian() {
        let view = PathwayView(language: .nb).styled(example)
        #expect(texts(view).map(\.text).contains("jan 2024"))
        let legend = view.nodes.first { ($0.attributes["label"] ?? "").contains("Tegnforklaring") }
        #expect(legend?.attributes["label"]?.contains("nivåovergang uten bro") == true)
        #expect(view.attributes["label"] == "Forløp for u")
    }

    @Test func emptyPathwayIsAnEmptyDrawing() {
        #expect(PathwayView().styled(Pathway(user: "u", events: [])).nodes.isEmpty)
    }

    @Test func stable() {
        #expect(DOTWriter().write(PathwayView().styled(example)) == DOTWriter().write(PathwayView().styled(example)))
    }
}
