import Foundation

/// Two sources disagree about a node's level (see `resolveLevels`), a validation error.
public struct LevelConflict: Sendable, Equatable {
    public let node: NodeID
    /// Each source and the level it gives, e.g. `("own level", .dps)`.
    public let answers: [(source: String, level: Level)]

    public static func == (lhs: LevelConflict, rhs: LevelConflict) -> Bool {
        lhs.node == rhs.node && lhs.answers.map(\.source) == rhs.answers.map(\.source)
            && lhs.answers.map(\.level) == rhs.answers.map(\.level)
    }
}

/// The level of every node whose level can be found, and the nodes where the sources disagree.
public struct LevelResolution: Sendable {
    public let levels: [NodeID: Level]
    public let conflicts: [LevelConflict]

    public subscript(id: NodeID) -> Level? { levels[id] }
}

extension CollaborationGraph {
    /// Finds the level of every node: its own `level`; else the level of the service named by
    /// its `service` attribute; else the level of the single service it has a `member` edge
    /// to; else, for a `relative`, `civil`. Different answers from these sources, or member services of
    /// several levels and no own level, are conflicts; a conflicting node gets its own level
    /// if it has one, else none.
    ///
    /// - Complexity: O(V + E).
    public func resolveLevels() -> LevelResolution {
        var memberLevels: [NodeID: [Level]] = [:]
        for edge in edges where edge.declaredKind == .member {
            guard let service = self[edge.target], service.kind == .service,
                  let level = service.declaredLevel else { continue }
            if !(memberLevels[edge.source]?.contains(level) ?? false) {
                memberLevels[edge.source, default: []].append(level)
            }
        }
        var levels: [NodeID: Level] = [:]
        var conflicts: [LevelConflict] = []
        for node in nodes {
            var answers: [(source: String, level: Level)] = []
            if let own = node.declaredLevel { answers.append(("own level", own)) }
            if let serviceID = node.attributes["service"], let level = self[NodeID(serviceID)]?.declaredLevel {
                answers.append(("service \(serviceID)", level))
            }
            let viaMembership = memberLevels[node.id] ?? []
            if viaMembership.count == 1 {
                answers.append(("member of a \(viaMembership[0].rawValue) service", viaMembership[0]))
            } else if viaMembership.count > 1 && node.declaredLevel == nil {
                conflicts.append(LevelConflict(
                    node: node.id, answers: viaMembership.map { ("member of a \($0.rawValue) service", $0) }))
                continue
            }
            // A relative with nothing else to go by belongs to family and civil society.
            if answers.isEmpty && node.kind == .relative { answers.append(("kind relative", .civil)) }
            guard let first = answers.first else { continue }
            if answers.contains(where: { $0.level != first.level }) {
                conflicts.append(LevelConflict(node: node.id, answers: answers))
                if let own = node.declaredLevel { levels[node.id] = own }
            } else {
                levels[node.id] = first.level
            }
        }
        return LevelResolution(levels: levels, conflicts: conflicts)
    }

    /// The user nodes, in source order.
    public var users: [Node] { nodes(ofKind: .user) }
}
