import Foundation

/// One measure a scenario changed: where (the whole graph, a user's helper network, a user's
/// pathway, the org chart), whose, which, and its value before and after. A list (articulation
/// points, transitions, follow-up days…) is compared by its length.
public struct ScenarioChange: Sendable, Equatable {
    public enum Scope: String, Sendable, CaseIterable {
        case graph, user, pathway, structure
    }

    public let scope: Scope
    /// The user (helper network, pathway) or the node (centrality); nil for the graph and chart.
    public let subject: String?
    public let measure: String
    public let before: JSONValue
    public let after: JSONValue

    public var json: JSONValue {
        .object(["scope": .string(scope.rawValue), "subject": .optional(subject), "measure": .string(measure),
                 "before": before, "after": after])
    }

    /// Every measure that differs between two `metrics` objects (as `MetricsReport.json`
    /// writes them), in the order: graph, users, pathways, structure; within each, subjects in
    /// the order they first appear, measures by name.
    public static func between(_ before: JSONValue, _ after: JSONValue) -> [ScenarioChange] {
        let old = before.members, new = after.members
        var changes: [ScenarioChange] = []
        func compare(_ scope: Scope, _ subject: String?, _ a: [String: JSONValue], _ b: [String: JSONValue], skipping: Set<String> = []) {
            for key in Set(a.keys).union(b.keys).subtracting(skipping).sorted() {
                let x = a[key].map(comparable) ?? .null, y = b[key].map(comparable) ?? .null
                if x != y { changes.append(ScenarioChange(scope: scope, subject: subject, measure: key, before: x, after: y)) }
            }
        }
        let graphOnly: Set<String> = ["meta", "users", "pathways", "quality", "structure", "centrality"]
        compare(.graph, nil, old.filter { !graphOnly.contains($0.key) }, new.filter { !graphOnly.contains($0.key) })
        for (node, a, b) in paired(old["centrality"], new["centrality"], by: "node") {
            compare(.graph, node, a, b, skipping: ["node"])
        }
        for (user, a, b) in paired(old["users"], new["users"], by: "user") {
            compare(.user, user, a, b, skipping: ["user"])
        }
        for (user, a, b) in paired(old["pathways"], new["pathways"], by: "user") {
            compare(.pathway, user, a, b, skipping: ["user", "granularity"])
        }
        if old["structure"] != nil || new["structure"] != nil {
            compare(.structure, nil, old["structure"]?.members ?? [:], new["structure"]?.members ?? [:], skipping: ["model_reason"])
        }
        return changes
    }

    /// Lists by their length; everything else as it is.
    private static func comparable(_ value: JSONValue) -> JSONValue {
        if case .array(let items) = value { return .int(items.count) }
        return value
    }

    /// The objects of two lists matched by `key`, in the order they first appear (before, then
    /// the new ones after); one missing on a side is an empty object there.
    private static func paired(_ a: JSONValue?, _ b: JSONValue?, by key: String)
        -> [(String, [String: JSONValue], [String: JSONValue])]
    {
        func index(_ list: JSONValue?) -> (order: [String], objects: [String: [String: JSONValue]]) {
            var order: [String] = [], objects: [String: [String: JSONValue]] = [:]
            for item in list?.items ?? [] {
                guard case .string(let id)? = item.members[key], objects[id] == nil else { continue }
                order.append(id)
                objects[id] = item.members
            }
            return (order, objects)
        }
        let old = index(a), new = index(b)
        let order = old.order + new.order.filter { old.objects[$0] == nil }
        return order.map { ($0, old.objects[$0] ?? [:], new.objects[$0] ?? [:]) }
    }
}

extension JSONValue {
    var members: [String: JSONValue] {
        if case .object(let members) = self { return members }
        return [:]
    }

    var items: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }
}
