import Foundation

/// How a municipality places its mental-health work (DESIGN §5.4; NIBR's four models).
public enum MentalHealthModel: String, CaseIterable, Sendable {
    /// In the staff of the chief executive or of a sector head (stabsmodell).
    case staff
    /// Spread through ordinary services, with no unit holding most of it (integrert).
    case integrated
    /// A unit of its own right under the chief executive or a sector head (enhetsmodell).
    case ownUnit = "own_unit"
    /// A service inside a broader unit: health, care, NAV, family (tjenestemodell).
    case ownService = "own_service"
}

/// One unit of an org chart.
public struct UnitMeasures: Sendable, Equatable {
    public let node: NodeID
    /// 1 + the fewest `reports_to` hops up to a root: the chief executive is 1.
    public let formalLevel: Int
    /// Distinct direct subordinates.
    public let span: Int
    /// More than one line up.
    public let dualReporting: Bool
    /// Budget, personnel and professional authority do not all go to the same superior.
    public let authoritySplit: Bool
}

/// The structure measures of one org chart (DESIGN §5.4).
public struct StructureMeasures: Sendable, Equatable {
    public let units: [UnitMeasures]
    public let maxDepth: Int?
    /// Nodes holding mental-health FTE (`mh_fte` > 0), without roll-up to their parents.
    public let mhUnits: [NodeID]
    public let mhFTE: Double
    /// Σ share² of the FTE over those nodes: 1 when one unit holds it all.
    public let mhHHI: Double?
    /// Some node is marked `mh=true`.
    public let visible: Bool
    /// The main mental-health node: the largest `mh_fte`, else the first marked `mh=true`.
    public let mainMentalHealthNode: NodeID?
    public let model: MentalHealthModel
    /// Per purchaser, the providers its decisions (`order` edges) fan out to.
    public let orders: [NodeID: [NodeID]]
    /// The hand-offs a user's case passes through: referral and order edges (application,
    /// purchaser decisions).
    public let handOffs: Int
    public let formalTies: Int
    public let informalTies: Int
    /// Nodes that belong to more than one municipality (`municipality` lists several).
    public let interMunicipal: [NodeID]

    public var span: (max: Int, mean: Double)? {
        let spans = units.map(\.span).filter { $0 > 0 }
        guard let most = spans.max() else { return nil }
        return (most, Double(spans.reduce(0, +)) / Double(spans.count))
    }
}

/// A `reports_to` cycle: nobody is at the top.
public struct ReportingCycle: Error, Equatable, CustomStringConvertible {
    public let nodes: [NodeID]

    public var description: String {
        "reports_to lines form a cycle: " + (nodes + [nodes[0]]).map(\.rawValue).joined(separator: " → ")
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

    /// Every §5.4 measure of the org chart in this graph.
    ///
    /// Units are the nodes on any `reports_to` edge; a root has no line up. formal_level = 1 +
    /// the fewest hops up to a root; span = distinct direct subordinates; max_depth = the
    /// largest formal level. The model, by this rule in order: **staff** if the main
    /// mental-health node has `staff=true`; **integrated** if no node is marked `mh=true`, or no
    /// single unit holds ≥ 60 % of the FTE; **own_unit** if the main node's superior is a root or
    /// a sector head (formal level ≤ 2); else **own_service**. Without any FTE figure the 60 %
    /// test cannot be made and is skipped.
    ///
    /// Degenerate cases: no `reports_to` edges → no units, max_depth nil.
    /// - Throws: `ReportingCycle` naming the nodes of a cycle.
    /// - Complexity: O(V + E).
    /// - Source: the model definitions of Ramsdal et al. (NIBR 2005, seeds/001:2598–2600) and
    ///   the Romsdal study (seeds/000:1538–1572).
    public func structureMeasures() throws(ReportingCycle) -> StructureMeasures {
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

        let units = ordered.map { id -> UnitMeasures in
            let ups = lines[id] ?? []
            let superiors = Set(ups.map(\.superior))
            let holders = Self.allAuthorities.map { authority in Set(ups.filter { $0.authorities.contains(authority) }.map(\.superior)) }
            let split = !ups.isEmpty && !(holders.allSatisfy { $0.count == 1 } && Set(holders).count == 1)
            return UnitMeasures(node: id, formalLevel: level[id] ?? 1, span: subordinates[id]?.count ?? 0,
                                dualReporting: superiors.count > 1, authoritySplit: split)
        }

        func fte(_ node: Node) -> Double {
            (node.attributes["mh_fte"].flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }) ?? 0
        }
        let holders = nodes.filter { fte($0) > 0 }
        let total = holders.reduce(0) { $0 + fte($1) }
        let marked = nodes.filter { $0.flag("mh") }
        let main = holders.max { fte($0) < fte($1) || (fte($0) == fte($1) && index(of: $0.id)! > index(of: $1.id)!) } ?? marked.first
        let largestShare = total > 0 ? (holders.map(fte).max() ?? 0) / total : nil

        let model: MentalHealthModel
        if let main, main.flag("staff") {
            model = .staff
        } else if marked.isEmpty || (largestShare.map { $0 < 0.6 } ?? false) || main == nil {
            model = .integrated
        } else {
            let superiorLevels = (lines[main!.id] ?? []).compactMap { level[$0.superior] }
            let isTopish = superiorLevels.isEmpty || superiorLevels.contains { $0 <= 2 }
            model = isTopish ? .ownUnit : .ownService
        }

        var orders: [NodeID: [NodeID]] = [:]
        for edge in edges where edge.declaredKind == .order {
            if !(orders[edge.source]?.contains(edge.target) ?? false) { orders[edge.source, default: []].append(edge.target) }
        }
        let formal = edges.filter { [.reportsTo, .order, .agreement].contains($0.declaredKind) }.count
        let informal = edges.filter { $0.declaredKind == .informal }.count
        let interMunicipal = nodes.filter { node in
            (node.attributes["municipality"] ?? "").split(whereSeparator: { ",;/".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.count > 1
        }.map(\.id)

        return StructureMeasures(
            units: units, maxDepth: units.map(\.formalLevel).max(), mhUnits: holders.map(\.id), mhFTE: total,
            mhHHI: total > 0 ? holders.reduce(0) { $0 + (fte($1) / total) * (fte($1) / total) } : nil,
            visible: !marked.isEmpty, mainMentalHealthNode: main?.id, model: model, orders: orders,
            handOffs: edges.filter { $0.declaredKind == .referral || $0.declaredKind == .order }.count,
            formalTies: formal, informalTies: informal, interMunicipal: interMunicipal)
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
