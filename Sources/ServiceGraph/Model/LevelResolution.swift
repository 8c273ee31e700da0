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
        levels.reserveCapacity(nodes.count)
        var conflicts: [LevelConflict] = []
        for node in nodes {
            let own = node.declaredLevel
            let serviceID = node.attributes["service"]
            let viaService = serviceID.flatMap { self[NodeID($0)]?.declaredLevel }
            let viaMembership = memberLevels[node.id] ?? []
            if viaMembership.count > 1 && own == nil {
                conflicts.append(LevelConflict(
                    node: node.id, answers: viaMembership.map { ("member of a \($0.rawValue) service", $0) }))
                continue
            }
            let member = viaMembership.count == 1 ? viaMembership[0] : nil
            // A relative with nothing else to go by belongs to family and civil society.
            guard let first = own ?? viaService ?? member ?? (node.kind == .relative ? .civil : nil) else { continue }
            guard viaService.map({ $0 != first }) ?? false || member.map({ $0 != first }) ?? false else {
                levels[node.id] = first
                continue
            }
            // The sources disagree: named, in this order, only now.
            var answers: [(source: String, level: Level)] = []
            if let own { answers.append(("own level", own)) }
            if let serviceID, let viaService { answers.append(("service \(serviceID)", viaService)) }
            if let member { answers.append(("member of a \(member.rawValue) service", member)) }
            conflicts.append(LevelConflict(node: node.id, answers: answers))
            if let own { levels[node.id] = own }
        }
        return LevelResolution(levels: levels, conflicts: conflicts)
    }

    /// The user nodes, in source order.
    public var users: [Node] { nodes(ofKind: .user) }
}
