import Foundation

/// How a municipality places its mental-health work: NIBR's four models (docs/structure.md).
public enum MentalHealthModel: String, CaseIterable, Sendable {
    /// In the staff of the chief executive or of a sector head (stabsmodell).
    case staff
    /// Spread through ordinary services, with no unit holding most of it (integrert).
    case integrated
    /// A unit of its own on a par with nursing & care, social services, the GP service (enhetsmodell).
    case ownUnit = "own_unit"
    /// A service inside a broader unit: health, care, NAV, child & family (tjenestemodell).
    case ownService = "own_service"

    /// The model's name for a reader.
    public func name(_ language: Language) -> String { language.terms.model(self) }
}

extension Tier {
    /// The tier's name for a reader.
    public func name(_ language: Language) -> String { language.terms.tier(self) }
}

/// One unit of an org chart.
public struct UnitMeasures: Sendable, Equatable {
    public let node: NodeID
    public let label: String
    /// The `tier` written on the unit; for a root without one, `executive`; else nil (unknown).
    public let tier: Tier?
    /// 1 + the fewest `reports_to` hops up to a root: the chief executive is 1.
    public let formalLevel: Int
    /// Distinct direct subordinates.
    public let span: Int
    /// More than one line up.
    public let dualReporting: Bool
    /// Budget, personnel and professional authority do not all go to the same superior.
    public let authoritySplit: Bool
    /// The unit's own `mh_fte`; nil when it states none.
    public let mhFTE: Double?
    /// Its own `mh_fte` and that of every node reporting to it, directly or not; nil when none
    /// of them states one.
    public let subtreeMHFTE: Double?
}

/// Why the placement model is what it is: the rule's step and the nodes and figures it used,
/// said in a sentence (`sentence(_:)`).
public struct PlacementReason: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        /// The main MH node is a staff function.
        case staff
        /// No node is marked `mh=true`.
        case noMentalHealthNode
        /// FTE is stated and the main node's subtree holds under 60 % of it.
        case spread
        /// The main node is a root.
        case root
        /// The main node's superior is of tier executive or sector.
        case underManagement
        /// The main node's superior is a unit (or lower).
        case underUnit
        /// The main node is on no line of report.
        case noLine
    }

    public let step: Step
    public let main: String?
    public let subtreeFTE: Double?
    public let totalFTE: Double?
    public let superior: String?
    public let superiorTier: Tier?
    /// The superior states no tier; the rule took `superiorTier` for it.
    public let tierAssumed: Bool
    public let model: MentalHealthModel

    /// One sentence naming the nodes and figures the rule used, e.g. "«Psykisk helse» (6 FTE,
    /// 100 % of stated MH FTE) sits under «NAV Eide», tier unit → own service".
    public func sentence(_ language: Language) -> String {
        let words = language.placement
        func quoted(_ text: String?) -> String { "«" + (text ?? "?") + "»" }
        func number(_ value: Double) -> String { MetricsFormat.plain(.number(value)) }
        var figures: String {
            guard let totalFTE else { return words.noFTE }
            let held = subtreeFTE ?? 0
            let share = totalFTE > 0 ? Int((held / totalFTE * 100).rounded()) : 0
            return words.figures(number(held), share)
        }
        var superiorText: String {
            let tier = superiorTier?.name(language) ?? "?"
            guard tierAssumed else { return "\(quoted(superior)), " + words.tier(tier) }
            if superiorTier == .executive { return "\(quoted(superior)), " + words.rootTakenAsExecutive }
            return "\(quoted(superior)), " + words.tierTakenAsUnit
        }
        let model = self.model.name(language)
        switch step {
        case .staff: return words.staff(quoted(main), figures, model)
        case .noMentalHealthNode: return words.noMentalHealthNode(model)
        case .spread: return words.spread(quoted(main), figures, model)
        case .root: return words.root(quoted(main), figures, model)
        case .underManagement, .underUnit: return words.under(quoted(main), figures, superiorText, model)
        case .noLine: return words.noLine(quoted(main), figures, model)
        }
    }
}

/// The structure measures of one org chart (docs/structure.md).
public struct StructureMeasures: Sendable, Equatable {
    /// Every node on a `reports_to` edge, in source order.
    public let units: [UnitMeasures]
    /// Units with no line up: the chief executive (two or more is a chart to look at again).
    public let roots: [NodeID]
    public let maxDepth: Int?
    /// Units marked `mh=true`.
    public let mhUnits: [NodeID]
    /// Total `mh_fte` over all nodes; nil when no node states one (never 0 for "not stated").
    public let mhFTE: Double?
    /// Σ share² over the nodes stating `mh_fte`: 1 when one node holds it all; nil without FTE.
    public let mhHHI: Double?
    /// Some node is marked `mh=true`.
    public let visible: Bool
    /// Among the `mh=true` nodes, the one whose subtree holds most stated FTE (ties: the lower
    /// formal level, then source order); with no FTE stated, the first of the lowest level.
    public let mainMentalHealthNode: NodeID?
    public let model: MentalHealthModel
    public let reason: PlacementReason
    /// Per purchaser, the providers its decisions (`order` edges) fan out to, in source order.
    public let purchasers: [(node: NodeID, providers: [NodeID])]
    /// The hand-offs a user's case passes through: referral and order edges.
    public let handOffs: Int
    public let formalTies: Int
    public let informalTies: Int
    /// Nodes that belong to more than one municipality (`municipality` lists several).
    public let interMunicipal: [NodeID]
    /// The label of every unit, purchaser and provider, for a reader.
    public let labels: [NodeID: String]

    public func label(_ node: NodeID) -> String { labels[node] ?? node.rawValue }

    /// Units that are not roots and state no `tier`.
    public var unitsWithoutTier: [NodeID] { units.filter { $0.tier == nil }.map(\.node) }

    /// Per purchaser, its providers.
    public var orders: [NodeID: [NodeID]] { Dictionary(purchasers.map { ($0.node, $0.providers) }) { a, _ in a } }

    public var span: (max: Int, mean: Double)? {
        let spans = units.map(\.span).filter { $0 > 0 }
        guard let most = spans.max() else { return nil }
        return (most, Double(spans.reduce(0, +)) / Double(spans.count))
    }

    public static func == (lhs: StructureMeasures, rhs: StructureMeasures) -> Bool {
        lhs.units == rhs.units && lhs.roots == rhs.roots && lhs.mhUnits == rhs.mhUnits && lhs.mhFTE == rhs.mhFTE
            && lhs.mhHHI == rhs.mhHHI && lhs.visible == rhs.visible && lhs.mainMentalHealthNode == rhs.mainMentalHealthNode
            && lhs.model == rhs.model && lhs.reason == rhs.reason && lhs.purchasers.map(\.node) == rhs.purchasers.map(\.node)
            && lhs.purchasers.map(\.providers) == rhs.purchasers.map(\.providers) && lhs.handOffs == rhs.handOffs
            && lhs.formalTies == rhs.formalTies && lhs.informalTies == rhs.informalTies && lhs.interMunicipal == rhs.interMunicipal
    }
}

/// A `reports_to` cycle: nobody is at the top (a unit reporting to itself is one of one).
public struct ReportingCycle: Error, Equatable, CustomStringConvertible {
    public let nodes: [NodeID]

    public var description: String {
        nodes.count == 1 ? "'\(nodes[0])' reports to itself"
            : "reports_to lines form a cycle: " + (nodes + [nodes[0]]).map(\.rawValue).joined(separator: " → ")
    }
}

extension CollaborationGraph {
    /// The superiors of each node along `reports_to` edges, with the authorities each line
    /// carries (`authority` = any of budget, personnel, professional; absent = all three).
    func reportingLines() -> [NodeID: [(superior: NodeID, authorities: Set<String>)]] {
        var lines: [NodeID: [(superior: NodeID, authorities: Set<String>)]] = [:]
        for edge in edges where edge.declaredKind == .reportsTo && edge.source != edge.target {
            let written = (edge.attributes["authority"] ?? "").lowercased()
                .split(whereSeparator: { " ,;+/".contains($0) }).map(String.init)
            let authorities = written.isEmpty ? Self.allAuthorities : Set(written).intersection(Self.allAuthorities)
            lines[edge.source, default: []].append((edge.target, authorities))
        }
        return lines
    }

    static let allAuthorities: Set<String> = ["budget", "personnel", "professional"]

    /// A node's `mh_fte` as a number (a decimal comma read as a point); nil when not stated or not
    /// a number (`validate` reports the latter).
    static func statedFTE(_ node: Node) -> Double? {
        guard let text = node.attributes["mh_fte"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty,
              let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite, value >= 0 else { return nil }
        return value
    }

    /// Every structure measure of the org chart in this graph (docs/structure.md).
    ///
    /// Units are the nodes on any `reports_to` edge; a root has no line up. formal_level = 1 +
    /// the fewest hops up to a root; span = distinct direct subordinates; max_depth = the
    /// largest formal level. The placement model, by this rule in order: **staff** if the main
    /// MH node has `staff=true`; **integrated** if no node is marked `mh=true`, or FTE is stated
    /// and the main node's subtree holds < 60 % of it; **own unit** if the main node is a root
    /// or its superior (its first `reports_to` line up, in source order) is of tier executive or
    /// sector; else **own service**. A superior with no tier counts as executive when it is a
    /// root, as a unit otherwise, and the reason says so.
    ///
    /// Example: «Psykisk helse» (6 FTE, all of it) under «NAV Eide», tier unit → own service.
    /// Degenerate cases: no `reports_to` edges → no units, max_depth nil; no `mh=true` node →
    /// integrated; no FTE stated → mh_fte and mh_hhi nil, and the 60 % test is not made.
    /// - Throws: `ReportingCycle` naming the nodes of a cycle (a unit reporting to itself is one).
    /// - Complexity: O(V + E · U) for U units (the subtree FTE).
    /// - Source: the model definitions of the Romsdal study (000:1538–1572) and NIBR 2005
    ///   (001:2598–2600).
    public func structureMeasures() throws(ReportingCycle) -> StructureMeasures {
        if let loop = edges.first(where: { $0.declaredKind == .reportsTo && $0.source == $0.target }) {
            throw ReportingCycle(nodes: [loop.source])
        }
        let lines = reportingLines()
        var unitIDs = Set<NodeID>()
        var subordinates: [NodeID: Set<NodeID>] = [:]
        for (node, ups) in lines {
            unitIDs.insert(node)
            for up in ups {
                unitIDs.insert(up.superior)
                subordinates[up.superior, default: []].insert(node)
            }
        }
        if let cycle = reportingCycle(lines) { throw cycle }
        let ordered = nodes.map(\.id).filter(unitIDs.contains)
        let roots = ordered.filter { (lines[$0] ?? []).isEmpty }

        // Fewest hops up to a root: breadth-first down from all roots.
        var level: [NodeID: Int] = [:]
        var queue = roots
        for root in roots { level[root] = 1 }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for child in (subordinates[node] ?? []).sorted() where level[child] == nil {
                level[child] = level[node]! + 1
                queue.append(child)
            }
        }

        // Subtree FTE: a node's own and every node below it, each counted once (dual lines).
        func subtree(_ id: NodeID) -> Double? {
            var seen: Set<NodeID> = [id], stack = [id]
            var total: Double?
            while let next = stack.popLast() {
                if let node = self[next], let fte = Self.statedFTE(node) { total = (total ?? 0) + fte }
                for child in subordinates[next] ?? [] where seen.insert(child).inserted { stack.append(child) }
            }
            return total
        }
        func tier(of id: NodeID) -> Tier? {
            self[id]?.attributes["tier"].flatMap(Tier.init(name:)) ?? (roots.contains(id) ? .executive : nil)
        }

        let units = ordered.map { id -> UnitMeasures in
            let ups = lines[id] ?? []
            let superiors = Set(ups.map(\.superior))
            let holders = Self.allAuthorities.map { authority in Set(ups.filter { $0.authorities.contains(authority) }.map(\.superior)) }
            let split = !ups.isEmpty && !(holders.allSatisfy { $0.count == 1 } && Set(holders).count == 1)
            return UnitMeasures(node: id, label: self[id]?.label ?? id.rawValue, tier: tier(of: id), formalLevel: level[id] ?? 1,
                                span: subordinates[id]?.count ?? 0, dualReporting: superiors.count > 1, authoritySplit: split,
                                mhFTE: self[id].flatMap(Self.statedFTE), subtreeMHFTE: subtree(id))
        }

        let stating = nodes.compactMap { node in Self.statedFTE(node).map { (node.id, $0) } }
        let total: Double? = stating.isEmpty ? nil : stating.reduce(0) { $0 + $1.1 }
        let marked = nodes.filter { $0.flag("mh") }
        func rank(_ node: Node) -> (Double, Int, Int) {  // larger subtree, lower level, earlier in the source
            (subtree(node.id) ?? 0, -(level[node.id] ?? Int.max), -(index(of: node.id) ?? 0))
        }
        let main: Node? = total == nil
            ? marked.min { (level[$0.id] ?? Int.max, index(of: $0.id) ?? 0) < (level[$1.id] ?? Int.max, index(of: $1.id) ?? 0) }
            : marked.max { rank($0) < rank($1) }

        let reason = Self.placement(main: main, total: total, subtree: main.flatMap { subtree($0.id) },
                                    superior: main.flatMap { lines[$0.id]?.first?.superior }, isRoot: main.map { roots.contains($0.id) } ?? false,
                                    label: { self[$0]?.label ?? $0.rawValue }, tier: tier(of:), isRootID: roots.contains)

        var purchasers: [(node: NodeID, providers: [NodeID])] = []
        for edge in edges where edge.declaredKind == .order {
            if let index = purchasers.firstIndex(where: { $0.node == edge.source }) {
                if !purchasers[index].providers.contains(edge.target) { purchasers[index].providers.append(edge.target) }
            } else {
                purchasers.append((edge.source, [edge.target]))
            }
        }
        let formal = edges.filter { [.reportsTo, .order, .agreement].contains($0.declaredKind) }.count
        let informal = edges.filter { $0.declaredKind == .informal }.count
        let interMunicipal = nodes.filter { node in
            (node.attributes["municipality"] ?? "").split(whereSeparator: { ",;/".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.count > 1
        }.map(\.id)

        return StructureMeasures(
            units: units, roots: roots, maxDepth: units.map(\.formalLevel).max(),
            mhUnits: ordered.filter { self[$0]?.flag("mh") == true }, mhFTE: total,
            mhHHI: total.flatMap { sum in sum > 0 ? stating.reduce(0) { $0 + ($1.1 / sum) * ($1.1 / sum) } : nil },
            visible: !marked.isEmpty, mainMentalHealthNode: main?.id, model: reason.model, reason: reason,
            purchasers: purchasers, handOffs: edges.filter { $0.declaredKind == .referral || $0.declaredKind == .order }.count,
            formalTies: formal, informalTies: informal, interMunicipal: interMunicipal,
            labels: Dictionary((ordered + purchasers.flatMap { [$0.node] + $0.providers } + interMunicipal).map {
                ($0, self[$0]?.label ?? $0.rawValue)
            }) { first, _ in first })
    }

    /// The four-step placement rule.
    private static func placement(main: Node?, total: Double?, subtree: Double?, superior: NodeID?, isRoot: Bool,
                                  label: (NodeID) -> String, tier: (NodeID) -> Tier?, isRootID: (NodeID) -> Bool)
        -> PlacementReason
    {
        func reason(_ step: PlacementReason.Step, _ model: MentalHealthModel, superiorTier: Tier? = nil,
                    assumed: Bool = false) -> PlacementReason {
            PlacementReason(step: step, main: main?.label, subtreeFTE: subtree, totalFTE: total,
                            superior: superior.map(label), superiorTier: superiorTier, tierAssumed: assumed, model: model)
        }
        guard let main else { return reason(.noMentalHealthNode, .integrated) }
        if main.flag("staff") { return reason(.staff, .staff) }
        if let total, total > 0, (subtree ?? 0) / total < 0.6 { return reason(.spread, .integrated) }
        if isRoot { return reason(.root, .ownUnit) }
        guard let superior else { return reason(.noLine, .ownService) }
        let declared = tier(superior)
        let assumed = declared == nil
        let effective = declared ?? (isRootID(superior) ? .executive : .unit)
        return effective == .executive || effective == .sector
            ? reason(.underManagement, .ownUnit, superiorTier: effective, assumed: assumed)
            : reason(.underUnit, .ownService, superiorTier: effective, assumed: assumed)
    }

    /// A cycle along `reports_to`, found by depth-first search, or nil.
    private func reportingCycle(_ lines: [NodeID: [(superior: NodeID, authorities: Set<String>)]]) -> ReportingCycle? {
        enum State { case visiting, done }
        var state: [NodeID: State] = [:]
        var path: [NodeID] = []
        func visit(_ node: NodeID) -> ReportingCycle? {
            state[node] = .visiting
            path.append(node)
            for up in (lines[node] ?? []).map(\.superior).sorted() {
                if state[up] == .visiting, let start = path.firstIndex(of: up) { return ReportingCycle(nodes: Array(path[start...])) }
                if state[up] == nil, let cycle = visit(up) { return cycle }
            }
            path.removeLast()
            state[node] = .done
            return nil
        }
        for node in nodes.map(\.id) where state[node] == nil && lines[node] != nil {
            if let cycle = visit(node) { return cycle }
        }
        return nil
    }
}
