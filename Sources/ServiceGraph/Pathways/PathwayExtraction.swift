import Foundation

/// Pathways read out of a graph, and what could not be used.
public struct ExtractedPathways: Sendable {
    public var pathways: [Pathway]
    /// Contacts with no date: they are in the helper network but on no pathway.
    public var undatedContacts: Int
    /// Dated contacts whose level cannot be found (reported and skipped).
    public var visitsOfUnknownLevel: Int
    /// Helper events in a multi-user graph with no `user=` (they belong to no pathway).
    public var eventsWithoutUser: Int
    /// The nodes visited at no known level, and the edges of the events without a user, in
    /// input order, each once: what the two counts above count.
    public var nodesOfUnknownLevelVisits: [String] = []
    public var edgesWithoutUser: [String] = []
    /// The latest event time in the input: where the data ends, for censoring.
    public var dataEnd: Timestamp?
}

extension CollaborationGraph {
    /// Every user's pathway (docs/pathways.md): each date on a `contact` edge is one visit, with the
    /// level of the edge, else of the professional, else of the service; dated `referral`,
    /// `message`, `epicrisis`, `meeting`, `admission` and `discharge` edges are events. In a
    /// file with one user every dated event is that user's; with several, an event between
    /// helpers names its user with `user=`.
    public func pathways() -> ExtractedPathways {
        let levels = resolveLevels()
        let userIDs = users.map(\.id)
        let userSet = Set(userIDs)
        var events: [NodeID: [PathwayEvent]] = [:]
        var undated = 0, unknownLevel = 0, withoutUser = 0
        var unknownLevelNodes = OrderedNames(), edgesWithoutUser = OrderedNames()
        var end: Timestamp?

        let memberships = memberServices()
        func serviceOf(_ id: NodeID) -> String? {
            guard let node = self[id] else { return nil }
            if node.kind == .service { return id.rawValue }
            return services(of: id, memberships: memberships).sorted().first
        }

        for (edgeIndex, edge) in edges.enumerated() {
            guard let kind = edge.declaredKind, let eventKind = PathwayEvent.Kind(rawValue: kind.rawValue) else { continue }
            let times = edge.timestamps
            if kind == .contact && edge.dateCount == 0 { undated += 1 }
            guard !times.isEmpty else { continue }

            let user: NodeID
            if userSet.contains(edge.source) {
                user = edge.source
            } else if userSet.contains(edge.target) {
                user = edge.target
            } else if let named = edge.attributes["user"], !named.isEmpty, userSet.contains(NodeID(named)) {
                user = NodeID(named)
            } else if userIDs.count == 1 {
                user = userIDs[0]
            } else {
                withoutUser += 1
                edgesWithoutUser.insert("\(edge.source)–\(edge.target)")
                continue
            }
            let other = edge.source == user ? edge.target : edge.source
            let edgeLevel = edge.attributes["level"].flatMap(Level.init(name:))
            // A `service=` on the edge names the service of that event (an event log's row).
            let edgeService = edge.attributes["service"].flatMap { $0.isEmpty ? nil : $0 }

            for (dateIndex, time) in times.enumerated() {
                var event = PathwayEvent(user: user, time: time, kind: eventKind,
                                         sourceOrder: edgeIndex * 10_000 + dateIndex)
                switch eventKind {
                case .contact:
                    let node = self[other]
                    event.actor = node?.kind == .professional ? other.rawValue : nil
                    event.service = edgeService ?? serviceOf(other)
                    event.level = edgeLevel ?? levels[other] ?? event.service.flatMap { levels[NodeID($0)] }
                    if event.level == nil { unknownLevel += 1; unknownLevelNodes.insert(other.rawValue); continue }
                case .admission, .discharge:
                    event.service = edgeService ?? serviceOf(other) ?? other.rawValue
                    event.level = edgeLevel ?? levels[other]
                case .referral, .message, .epicrisis, .meeting:
                    let sender = edge.source == user ? nil : edge.source
                    event.actor = sender?.rawValue
                    if edge.target != user, let target = self[edge.target] {
                        if target.kind == .professional { event.target = edge.target.rawValue }
                        event.service = serviceOf(edge.target)
                    }
                    event.service = edgeService ?? event.service
                    event.level = edgeLevel ?? sender.flatMap { levels[$0] }
                }
                events[user, default: []].append(event)
                end = max(end ?? time, time)
            }
        }
        return ExtractedPathways(
            pathways: userIDs.map { Pathway(user: $0, events: events[$0] ?? []) },
            undatedContacts: undated, visitsOfUnknownLevel: unknownLevel, eventsWithoutUser: withoutUser,
            nodesOfUnknownLevelVisits: unknownLevelNodes.names, edgesWithoutUser: edgesWithoutUser.names, dataEnd: end)
    }
}

/// Names in the order first seen, each once.
struct OrderedNames {
    private(set) var names: [String] = []
    private var seen = Set<String>()

    mutating func insert(_ name: String) {
        if seen.insert(name).inserted { names.append(name) }
    }
}
