import Foundation

/// One user's helper network (docs/measures.md): who the helpers are and the measures of how they
/// hang together without the user.
public struct HelperNetworkMeasures: Sendable, Equatable {
    public var user: NodeID
    /// The helpers, in the graph's node order.
    public var helperIDs: [NodeID]
    /// Distinct services among the helpers' services and the services the user met.
    public var services: Int
    /// Distinct level names among the helpers and those services.
    public var levels: Int
    public var helperTies: Int
    public var helperDensity: Double?
    public var helperGroups: Int
    public var fragmentation: Double?
    public var distanceFragmentation: Double?
    public var keyHelper: NodeID?
    public var keyHelperFragmentation: Double?
    public var coordinatorReach: Double?
    /// The coordinator or forum that reaches `coordinatorReach` of the helpers (the first in
    /// node order where two reach as many); nil when `coordinatorReach` is.
    public var coordinatorHub: NodeID?
    public var effectiveSize: Double?
    public var efficiency: Double?
    public var constraint: Double?
    /// Pollack's care density; nil unless the graph has several users and this user two helpers.
    public var careDensity: Double?
    /// Engels' fragmented care density, with `--fcd-weights`.
    public var fragmentedCareDensity: Double?
    /// Shared-user sums per level pair of helpers (`dps|municipal`), the input to the
    /// fragmented care density when no weights are given.
    public var careDensityByLevelPair: [LevelPair: Int]?
    /// Helpers who cannot reach any other helper without the user (groups of one).
    public var isolatedHelpers: [NodeID]
    /// The user's relatives and civil-society contacts, in node order (see `relatives(of:)`):
    /// drawn in the map's family sector, never counted as helpers.
    public var relativeIDs: [NodeID] = []
    /// The helpers' fragmentation in G⁻ with every relative and civil-society node removed too:
    /// compared with `fragmentation`, how much the family and network hold the helpers
    /// together (a mother who carries information between two helpers joins them in G⁻).
    /// nil with fewer than two helpers.
    public var fragmentationWithoutRelatives: Double?

    /// The `--by` period these were measured in (`2024Q1`); nil when not by period.
    public var period: String?

    public var helpers: Int { helperIDs.count }
    public var relatives: Int { relativeIDs.count }
}

extension CollaborationGraph {
    /// The helpers of `user`: distinct `professional` nodes joined to it by a `contact` edge
    /// (either direction). With a period, a helper needs a contact dated inside it.
    public func helpers(of user: NodeID, period: Period = Period()) -> [NodeID] {
        var found = Set<NodeID>()
        for edge in edges where edge.declaredKind == .contact && edge.touches(user) {
            let other = edge.source == user ? edge.target : edge.source
            guard other != user, self[other]?.kind == .professional, edge.isDated(in: period) else { continue }
            found.insert(other)
        }
        return nodes.map(\.id).filter(found.contains)
    }

    /// Relatives and civil society: a node of kind `relative`, or a node of level `civil` that is
    /// neither a user nor a professional (a professional with contact is a helper, whatever
    /// its level).
    func isRelativeOrCivil(_ index: Int, levels: LevelResolution) -> Bool {
        let node = nodes[index]
        switch node.kind {
        case .relative: return true
        case .user, .professional: return false
        default: return levels[node.id] == .civil
        }
    }

    /// The relatives and civil-society contacts of `user`: relative or civil nodes joined to the
    /// user by an edge of any kind, either direction, in node order.
    public func relatives(of user: NodeID) -> [NodeID] { relatives(of: user, levels: resolveLevels()) }

    func relatives(of user: NodeID, levels: LevelResolution) -> [NodeID] {
        var found = Set<NodeID>()
        for edge in edges where edge.touches(user) {
            let other = edge.source == user ? edge.target : edge.source
            if other != user, let index = index(of: other), isRelativeOrCivil(index, levels: levels) { found.insert(other) }
        }
        return nodes.map(\.id).filter(found.contains)
    }

    /// The services each node is a `member` of, gathered in one pass over the edges.
    func memberServices() -> [NodeID: Set<String>] {
        var result: [NodeID: Set<String>] = [:]
        for edge in edges where edge.declaredKind == .member && self[edge.target]?.kind == .service {
            result[edge.source, default: []].insert(edge.target.rawValue)
        }
        return result
    }

    /// The services of a helper: the one its `service` attribute names and the services it is
    /// a `member` of (from `memberServices()`).
    func services(of helper: NodeID, memberships: [NodeID: Set<String>]) -> Set<String> {
        var result = memberships[helper] ?? []
        if let named = self[helper]?.attributes["service"], !named.isEmpty { result.insert(named) }
        return result
    }

    /// G⁻ for `user`: every non-user node and every edge, less the user nodes and the edges
    /// whose `user=` names another user. Reachability here is what helpers have without any
    /// user carrying information between them.
    func graphWithoutUsers(for user: NodeID) -> (graph: SimpleGraph, blocked: [Bool]) {
        let simple = simpleGraph { edge in
            guard let named = edge.attributes["user"], !named.isEmpty else { return true }
            return named == user.rawValue
        }
        return (simple, nodes.map { $0.kind == .user })
    }

    /// The helper-network measures (docs/measures.md) for every user node, in node order.
    ///
    /// - Parameters:
    ///   - period: restricts helpers to those with a contact dated inside it.
    ///   - fcdWeights: weights per level pair for the fragmented care density.
    ///   - only: measure just these users (every user's helpers are still gathered: care
    ///     density needs them); nil for all.
    /// - Throws: `MeasureError.missingWeight` when a level pair present among a user's
    ///   helpers has no weight.
    /// - Complexity: per user O(n (V + E)) for n helpers (distance fragmentation and the key
    ///   helper search each run one pass per helper).
    public func helperNetworkMeasures(period: Period = Period(), fcdWeights: LevelPairWeights? = nil,
                                      only: Set<NodeID>? = nil) throws(MeasureError) -> [HelperNetworkMeasures]
    {
        let users = self.users.map(\.id)
        let helperSets = users.map { helpers(of: $0, period: period) }
        let full = simpleGraph()
        let levels = resolveLevels()
        let sharing = CareSharing(helperSets: helperSets)
        let memberships = memberServices()
        let usesUserAttribute = edges.contains { $0.attributes["user"]?.isEmpty == false }
        let shared = usesUserAttribute ? nil : graphWithoutUsers(for: users.first ?? "")

        let wanted = users.enumerated().filter { only?.contains($0.element) ?? true }
        return try wanted.map { (offset, user) throws(MeasureError) -> HelperNetworkMeasures in
            let helperIDs = helperSets[offset]
            let (withoutUsers, blocked) = shared ?? graphWithoutUsers(for: user)
            var measures = helperNetworkMeasures(
                user: user, helperIDs: helperIDs, full: full, withoutUsers: withoutUsers, blocked: blocked,
                levels: levels, memberships: memberships, period: period)
            if users.count > 1 {
                measures.careDensity = sharing.careDensity(of: helperIDs)
                let byPair = sharing.sharedByLevelPair(of: helperIDs, levels: levels)
                if let fcdWeights {
                    measures.fragmentedCareDensity = try fcdWeights.fragmentedCareDensity(
                        sharedByPair: byPair, helperCount: helperIDs.count)
                } else if helperIDs.count >= 2 {
                    measures.careDensityByLevelPair = byPair
                }
            }
            return measures
        }
    }

    private func helperNetworkMeasures(user: NodeID, helperIDs: [NodeID], full: SimpleGraph, withoutUsers: SimpleGraph,
                                       blocked: [Bool], levels: LevelResolution,
                                       memberships: [NodeID: Set<String>], period: Period) -> HelperNetworkMeasures {
        let helperIndices = helperIDs.compactMap(index(of:))
        let n = helperIndices.count

        var serviceIDs = Set<String>()
        for helper in helperIDs { serviceIDs.formUnion(services(of: helper, memberships: memberships)) }
        for edge in edges where edge.declaredKind == .contact && edge.touches(user) && edge.isDated(in: period) {
            let other = edge.source == user ? edge.target : edge.source
            if self[other]?.kind == .service { serviceIDs.insert(other.rawValue) }
        }
        var levelNames = Set<Level>()
        for id in helperIDs { if let level = levels[id] { levelNames.insert(level) } }
        for service in serviceIDs { if let level = levels[NodeID(service)] { levelNames.insert(level) } }

        var ties = 0
        for (i, a) in helperIndices.enumerated() {
            for b in helperIndices[(i + 1)...] where full.hasEdge(a, b) { ties += 1 }
        }

        let labels = withoutUsers.componentLabels(blocked: blocked).labels
        var groupSizes: [Int: Int] = [:]
        for v in helperIndices { groupSizes[labels[v], default: 0] += 1 }
        let isolated = helperIndices.filter { groupSizes[labels[$0]] == 1 }.map { nodes[$0].id }

        var measures = HelperNetworkMeasures(
            user: user, helperIDs: helperIDs, services: serviceIDs.count, levels: levelNames.count,
            helperTies: ties,
            helperDensity: n >= 2 ? Double(ties) / Double(n * (n - 1) / 2) : nil,
            helperGroups: groupSizes.count,
            fragmentation: withoutUsers.fragmentation(of: helperIndices, blocked: blocked),
            distanceFragmentation: withoutUsers.distanceFragmentation(of: helperIndices, blocked: blocked),
            isolatedHelpers: isolated)

        measures.relativeIDs = relatives(of: user, levels: levels)
        if n >= 2 {
            let helperSet = Set(helperIndices)
            let withoutRelatives = blocked.indices.map {
                blocked[$0] || (!helperSet.contains($0) && isRelativeOrCivil($0, levels: levels))
            }
            measures.fragmentationWithoutRelatives = withoutUsers.fragmentation(of: helperIndices, blocked: withoutRelatives)
        }

        if n >= 3 {
            let (helper, value) = keyHelper(helperIndices, in: withoutUsers, blocked: blocked)
            measures.keyHelper = helper
            measures.keyHelperFragmentation = value
        }
        (measures.coordinatorReach, measures.coordinatorHub) = coordinatorReach(helperIndices, in: withoutUsers)
        if n >= 1 {
            let ego = EgoNetwork(helpers: helperIndices, in: full)
            measures.effectiveSize = ego.effectiveSize
            measures.efficiency = ego.efficiency
            measures.constraint = ego.constraint
        }
        return measures
    }

    /// Borgatti's key player (one player): the helper whose removal from G⁻ leaves the
    /// remaining helpers most fragmented; ties go to the smallest id.
    private func keyHelper(_ helpers: [Int], in graph: SimpleGraph, blocked: [Bool]) -> (NodeID, Double) {
        var best: (id: NodeID, value: Double)?
        for h in helpers {
            var without = blocked
            without[h] = true
            let value = graph.fragmentation(of: helpers.filter { $0 != h }, blocked: without) ?? 0
            let id = nodes[h].id
            if best == nil || value > best!.value || (value == best!.value && id < best!.id) {
                best = (id, value)
            }
        }
        return best.map { ($0.id, $0.value) } ?? ("", 0)
    }

    /// The largest share of the helpers that one coordinator (`coordinator=true`) or forum is,
    /// or is directly tied to, in G⁻, with that hub (the first in node order on a tie). nil
    /// without helpers or without any such node.
    private func coordinatorReach(_ helpers: [Int], in graph: SimpleGraph) -> (Double?, NodeID?) {
        guard !helpers.isEmpty else { return (nil, nil) }
        let hubs = nodes.indices.filter { nodes[$0].kind != .user && (nodes[$0].flag("coordinator") || nodes[$0].kind == .forum) }
        var best: (hub: Int, reached: Int)?
        for hub in hubs {
            let reached = helpers.filter { $0 == hub || graph.hasEdge(hub, $0) }.count
            if reached > (best?.reached ?? -1) { best = (hub, reached) }
        }
        guard let best else { return (nil, nil) }
        return (Double(best.reached) / Double(helpers.count), nodes[best.hub].id)
    }
}

extension Edge {
    /// Whether the edge counts in `period`: always when it is unbounded, else when one of its
    /// dates falls inside it.
    func isDated(in period: Period) -> Bool {
        period.isUnbounded || timestamps.contains(where: period.contains)
    }
}

/// A measure that could not be computed from the input as given.
public enum MeasureError: Error, Equatable, CustomStringConvertible {
    case missingWeight(levelPair: LevelPair)

    public var description: String {
        switch self {
        case .missingWeight(let pair):
            "the fragmented-care-density weights have no weight for the level pair \(pair); add a line \(pair.csvFields)," + "WEIGHT"
        }
    }
}
