import Foundation

/// Draws a handover network: providers coloured by the level they work at, arrows as wide as
/// the number of handovers, each labelled with its count; a loop where a provider saw the user
/// twice in a row.
public struct HandoverView: Sendable {
    public var language: Language

    public init(language: Language = .en) { self.language = language }

    public func styled(_ network: HandoverNetwork) -> CollaborationGraph {
        var view = CollaborationGraph(name: "handovers", isDirected: true)
        let title = language.handovers.title(network.granularity.rawValue)
        view.attributes = ["label": DOTWriter.escString(plain: title), "labelloc": "t", "fontname": Style.fontName,
                           "fontsize": "16", "rankdir": "LR", "nodesep": "0.3", "pad": "0.3"]
        for provider in network.providers {
            let colors = Style.colors(for: network.level(of: provider))
            view.addNode(Node(id: NodeID(provider), attributes: [
                "label": DOTWriter.escString(plain: provider), "shape": "box", "style": "filled,rounded",
                "fillcolor": colors.fill, "color": colors.stroke, "fontname": Style.fontName, "fontsize": "11",
            ]))
        }
        let most = network.transfers.map(\.count).max() ?? 1
        for (transfer, count) in network.transfers {
            let isLoop = transfer.from == transfer.to
            view.addEdge(Edge(source: NodeID(transfer.from), target: NodeID(transfer.to), attributes: [
                "label": String(count), "fontname": Style.fontName, "fontsize": "10",
                "penwidth": String(format: "%.2f", 0.8 + 5.2 * Double(count) / Double(most)),
                "color": isLoop ? "#BBBBBB" : "#4D4D4D", "fontcolor": isLoop ? "#8C8C8C" : "#333333",
                "arrowsize": "0.7", "weight": String(count),
            ]))
        }
        return view
    }
}
