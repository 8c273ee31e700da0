import Foundation

/// What a reorganisation changed, from two versions of one municipality's chart
/// (`compare --before A --after B`; the 2003/04 and 2005/06 rounds of the NIBR note, source 002).
public struct Reorganisation: Sendable {
    public struct Tie: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// A tie's kind: one the vocabulary knows, or the `kind` text as written when it knows
        /// none ("" for no `kind`), so that a tie of an unknown kind still counts as changed
        /// when its kind does.
        public enum Kind: Hashable, Sendable, CustomStringConvertible {
            case declared(EdgeKind)
            case undeclared(String)

            init(of edge: Edge) {
                self = edge.declaredKind.map(Kind.declared) ?? .undeclared(edge.attributes["kind"] ?? "")
            }

            /// The kind's English name as the model writes it, or the text as written.
            public var description: String {
                switch self {
                case .declared(let kind): kind.rawValue
                case .undeclared(let text): text
                }
            }
        }

        public let source: NodeID
        public let target: NodeID
        public let kind: Kind

        public var description: String { "\(source) → \(target) (\(kind))" }
        /// By ends, then by the kind as written.
        public static func < (lhs: Tie, rhs: Tie) -> Bool {
            (lhs.source, lhs.target, lhs.kind.description) < (rhs.source, rhs.target, rhs.kind.description)
        }
    }

    public struct Move: Sendable, Equatable {
        public let unit: NodeID
        public let from: [NodeID]
        public let to: [NodeID]
    }

    public let unitsAdded: [NodeID]
    public let unitsRemoved: [NodeID]
    public let tiesAdded: [Tie]
    public let tiesRemoved: [Tie]
    /// Units in both versions whose superiors changed.
    public let moved: [Move]
    public let forumsLost: [NodeID]
    public let forumsAdded: [NodeID]
    public let before: StructureMeasures
    public let after: StructureMeasures
    /// Every node's label, from the version after (else before), for a reader.
    public let labels: [NodeID: String]

    public func label(_ node: NodeID) -> String { labels[node] ?? node.rawValue }

    /// Compares the nodes (by id) and ties (by ends and kind) of the two versions.
    /// - Throws: a reporting cycle in either version.
    /// - Complexity: O(V + E).
    public init(before old: CollaborationGraph, after new: CollaborationGraph) throws(ReportingCycle) {
        before = try old.structureMeasures()
        after = try new.structureMeasures()
        var labels: [NodeID: String] = [:]
        for node in old.nodes + new.nodes { labels[node.id] = node.label }
        self.labels = labels
        let oldUnits = before.units.map(\.node), newUnits = after.units.map(\.node)
        unitsAdded = newUnits.filter { !Set(oldUnits).contains($0) }
        unitsRemoved = oldUnits.filter { !Set(newUnits).contains($0) }
        func ties(_ graph: CollaborationGraph) -> Set<Tie> {
            Set(graph.edges.map { Tie(source: $0.source, target: $0.target, kind: Tie.Kind(of: $0)) })
        }
        let oldTies = ties(old), newTies = ties(new)
        tiesAdded = newTies.subtracting(oldTies).sorted()
        tiesRemoved = oldTies.subtracting(newTies).sorted()
        let oldLines = old.reportingLines(), newLines = new.reportingLines()
        moved = oldUnits.filter(Set(newUnits).contains).compactMap { unit in
            let from = Set((oldLines[unit] ?? []).map(\.superior)), to = Set((newLines[unit] ?? []).map(\.superior))
            return from == to ? nil : Move(unit: unit, from: from.sorted(), to: to.sorted())
        }
        let oldForums = old.nodes(ofKind: .forum).map(\.id), newForums = new.nodes(ofKind: .forum).map(\.id)
        forumsLost = oldForums.filter { !Set(newForums).contains($0) }
        forumsAdded = newForums.filter { !Set(oldForums).contains($0) }
    }

    /// A report for people.
    public func text(language: Language = .en) -> String {
        let words = language.reorganisation
        func list(_ items: [String]) -> String { items.isEmpty ? words.none : items.joined(separator: ", ") }
        func name(_ node: NodeID) -> String { "«\(label(node))»" }
        func placement(_ m: StructureMeasures) -> String {
            let main = m.mainMentalHealthNode.map { node in
                "\(name(node)) (" + words.formalLevel(m.units.first { $0.node == node }?.formalLevel.description ?? "–") + ")"
            } ?? "–"
            let fte = m.mhFTE.map { MetricsFormat.plain(.number($0)) } ?? "–"
            return words.placement(m.model.name(language), main, fte, m.mhUnits.count, m.maxDepth.map(String.init) ?? "–")
        }
        func tie(_ tie: Tie) -> String {
            let kind = switch tie.kind {
            case .declared(let kind): language.name(of: kind)
            case .undeclared(let text): text
            }
            return "\(name(tie.source)) → \(name(tie.target)) (\(kind))"
        }
        var lines: [String] = []
        lines.append(words.unitsAdded + list(unitsAdded.map(name)))
        lines.append(words.unitsRemoved + list(unitsRemoved.map(name)))
        lines.append(words.unitsMoved
                     + list(moved.map { "\(name($0.unit)) (\($0.from.map(name).joined(separator: " + ")) → \($0.to.map(name).joined(separator: " + ")))" }))
        lines.append(words.tiesAdded + list(tiesAdded.map(tie)))
        lines.append(words.tiesRemoved + list(tiesRemoved.map(tie)))
        lines.append(words.forumsLost + list(forumsLost.map(name)))
        lines.append(words.forumsAdded + list(forumsAdded.map(name)))
        lines.append(words.placementBefore + placement(before))
        lines.append(words.placementAfter + placement(after))
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        func placement(_ m: StructureMeasures) -> JSONValue {
            .object(["model": .string(m.model.rawValue), "model_reason": .string(m.reason.sentence(.en)),
                     "main_mh_node": .optional(m.mainMentalHealthNode?.rawValue),
                     "mh_fte": .measure(m.mhFTE), "mh_units": .int(m.mhUnits.count), "max_depth": m.maxDepth.map(JSONValue.int) ?? .null,
                     "visible": .bool(m.visible)])
        }
        func ties(_ list: [Tie]) -> JSONValue {
            .array(list.map { .object(["source": .string($0.source.rawValue), "target": .string($0.target.rawValue), "kind": .string($0.kind.description)]) })
        }
        return .object([
            "units_added": .array(unitsAdded.map { .string($0.rawValue) }),
            "units_removed": .array(unitsRemoved.map { .string($0.rawValue) }),
            "units_moved": .array(moved.map { .object(["unit": .string($0.unit.rawValue),
                                                        "from": .array($0.from.map { .string($0.rawValue) }),
                                                        "to": .array($0.to.map { .string($0.rawValue) })]) }),
            "ties_added": ties(tiesAdded), "ties_removed": ties(tiesRemoved),
            "forums_lost": .array(forumsLost.map { .string($0.rawValue) }),
            "forums_added": .array(forumsAdded.map { .string($0.rawValue) }),
            "before": placement(before), "after": placement(after),
        ])
    }
}
