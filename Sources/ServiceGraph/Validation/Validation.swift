import Foundation

extension CollaborationGraph {
    /// Checks the vocabulary and the consistency of a graph, and returns every problem with the
    /// line where its node or edge first appears.
    ///
    /// Errors: an unknown node kind, edge kind, level or tier; a level conflict; an `mh_fte` that
    /// is not a number of 0 or more; a `contact` edge with no `user` end; a date that is not ISO
    /// 8601 (or not a real day, or with a time-zone offset); a `user=` naming no user node; a
    /// unit reporting to itself.
    /// Warnings: a node without `kind` (the kind is inferred); an edge without `kind`; a contact
    /// with no date (but in an interview network, `isInterviewNetwork`, where no tie has one);
    /// a `service=` naming no node; a helper–helper event with no `user=` in a file
    /// with several users (it belongs to no pathway).
    public func validate(file: String, lines: SourceLines = SourceLines()) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func report(_ severity: Diagnostic.Severity, node: NodeID, _ message: String) {
            problems.append(Diagnostic(file: file, line: lines.nodes[node], severity: severity, message: message))
        }
        func report(_ severity: Diagnostic.Severity, edge index: Int, _ message: String) {
            let line = index < lines.edges.count ? lines.edges[index] : nil
            problems.append(Diagnostic(file: file, line: line, severity: severity, message: message))
        }

        for node in nodes {
            var name: String { "node \(Self.display(node.id))" }  // made only for a problem found
            if let kind = node.attributes["kind"], !kind.isEmpty {
                if NodeKind(name: kind) == nil {
                    report(.error, node: node.id,
                           "\(name) has unknown kind '\(kind)' (expected one of \(Self.list(NodeKind.allCases.map(\.rawValue))))")
                }
            } else {
                let inferred = node.kind
                report(.warning, node: node.id,
                       "\(name) has no kind; taken as '\(inferred.rawValue)'\(inferred == .professional ? " because it has a role" : "")")
            }
            if let level = node.attributes["level"], !level.isEmpty, Level(name: level) == nil {
                report(.error, node: node.id,
                       "\(name) has unknown level '\(level)' (expected one of \(Self.list(Level.allCases.map(\.rawValue))))")
            }
            if let tier = node.attributes["tier"], !tier.isEmpty, Tier(name: tier) == nil {
                report(.error, node: node.id,
                       "\(name) has unknown tier '\(tier)' (expected one of \(Self.list(Tier.allCases.map(\.rawValue))))")
            }
            if let fte = node.attributes["mh_fte"], !fte.isEmpty, Self.statedFTE(node) == nil {
                report(.error, node: node.id, "\(name) has mh_fte '\(fte)', which is not a number of FTE, 0 or more")
            }
            if let service = node.attributes["service"], !service.isEmpty, self[NodeID(service)] == nil {
                report(.warning, node: node.id, "\(name) names service '\(service)', which is not a node in this graph")
            }
        }

        for conflict in resolveLevels().conflicts {
            let answers = conflict.answers.map { "\($0.source) says \($0.level.rawValue)" }.joined(separator: ", ")
            report(.error, node: conflict.node, "node \(Self.display(conflict.node)) has conflicting levels: \(answers)")
        }

        let userIDs = Set(users.map(\.id))
        let interview = isInterviewNetwork
        for (index, edge) in edges.enumerated() {
            var name: String { "edge \(Self.display(edge.source)) → \(Self.display(edge.target))" }
            let kind = edge.declaredKind
            if let written = edge.attributes["kind"], !written.isEmpty {
                if kind == nil {
                    report(.error, edge: index,
                           "\(name) has unknown kind '\(written)' (expected one of \(Self.list(EdgeKind.allCases.map(\.rawValue))))")
                }
            } else {
                report(.warning, edge: index, "\(name) has no kind; it counts as a tie but not as a contact or event")
            }
            if let level = edge.attributes["level"], !level.isEmpty, Level(name: level) == nil {
                report(.error, edge: index, "\(name) has unknown level '\(level)'")
            }
            if kind == .reportsTo && edge.source == edge.target {
                report(.error, edge: index, "\(name): a unit cannot report to itself")
            }
            let dates = edge.dateStrings
            for entry in dates {
                guard let problem = Timestamp.problem(with: entry) else { continue }
                let field = edge.attributes["date"] == entry ? "date" : "dates"
                report(.error, edge: index, "\(name): \(field)=\(problem)")
            }
            if kind == .contact && dates.isEmpty && !interview {
                report(.warning, edge: index, "\(name) is a contact that has no date: it is in the helper network but on no pathway")
            }
            if kind == .contact, !userIDs.contains(edge.source), !userIDs.contains(edge.target) {
                let ends = [self[edge.source]?.kind, self[edge.target]?.kind]
                let hint = ends.contains(.relative)
                    ? ": a tie between a relative and a helper is a collaboration (kind=collaboration) or informal (kind=informal)"
                    : ": a tie between helpers is a collaboration (kind=collaboration)"
                report(.error, edge: index, "\(name) is a contact but neither end is a user node\(hint)")
            }
            if let user = edge.attributes["user"], !user.isEmpty {
                if !userIDs.contains(NodeID(user)) {
                    report(.error, edge: index, "\(name) names user '\(user)', which is not a user node")
                }
            } else if let kind, kind.isHelperEvent, userIDs.count > 1,
                      !userIDs.contains(edge.source), !userIDs.contains(edge.target) {
                report(.warning, edge: index,
                       "\(name) is a \(kind.rawValue) between helpers with no user= in a file with \(userIDs.count) users; it belongs to no pathway")
            }
        }
        // By line; problems on one line, or with no line, stay in the order found (sort is stable).
        return problems.sorted { ($0.line ?? Int.max) < ($1.line ?? Int.max) }
    }

    private static func display(_ id: NodeID) -> String { "'\(id.rawValue)'" }
    private static func list(_ names: [String]) -> String { names.joined(separator: ", ") }
}
