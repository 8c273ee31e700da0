import Foundation

/// The JSON `metrics --format json` prints: one object per input; the measures come from
/// the columns (MetricColumns.swift), the lists beside them (transitions, ids) are JSON only.
extension MetricsReport {
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "meta": .object([
                "input": .string(meta.input), "sha256": .string(meta.sha256), "tool_version": .string(meta.toolVersion),
                "from": .optional(meta.period.from), "to": .optional(meta.period.to),
                "granularity": .string(meta.granularity.rawValue), "window_days": .number(meta.windowDays),
                "episode_gap_days": .number(meta.episodeGapDays), "by": .optional(meta.by?.rawValue),
            ]),
            "pathways": .array(pathways.map(\.json)),
            "quality": quality.json,
        ]
        guard let whole else { return .object(object) }
        object.merge(wholeGraphJSON(whole)) { $1 }
        if let users { object["users"] = .array(users.map(\.json)) }
        if let structure { object["structure"] = structure.json(language: meta.language) }
        return .object(object)
    }

    private func wholeGraphJSON(_ whole: WholeGraphMeasures) -> [String: JSONValue] {
        [
            "nodes": .int(whole.nodes), "edges": .int(whole.edges), "density": .measure(whole.density),
            "components": .int(whole.components),
            "fragmentation": .measure(whole.fragmentation), "distance_fragmentation": .measure(whole.distanceFragmentation),
            "articulation_points": .array(whole.articulationPoints.map { .string($0.rawValue) }),
            "bridges": .array(whole.bridges.map { .array([.string($0.first.rawValue), .string($0.second.rawValue)]) }),
            "level_mixing": .measure(whole.levelMixing), "ei_index": .measure(whole.eiIndex),
            "centrality": .array(whole.centrality.map {
                .object(["node": .string($0.node.rawValue), "degree": .int($0.degree), "betweenness": .measure($0.betweenness)])
            }),
        ]
    }
}

extension PathwayMeasures {
    var json: JSONValue {
        var object = values
        object["user"] = .string(user.rawValue)
        if let period { object["period"] = .string(period) }
        object["granularity"] = .string(granularity.rawValue)
        object["transitions"] = .array(transitions.map { transition in
            .object([
                "time": .string(transition.time.description), "from": .string(transition.from.rawValue),
                "to": .string(transition.to.rawValue), "new_faces": .int(transition.newFaces),
                "carried": .int(transition.carried), "broken": .int(transition.broken), "bridged": .bool(transition.bridged),
                "censored": .bool(transition.censored),
            ])
        })
        return .object(object)
    }
}

extension HelperNetworkMeasures {
    var json: JSONValue {
        var object = values
        object["user"] = .string(user.rawValue)
        if let period { object["period"] = .string(period) }
        object["isolated_helpers"] = .array(isolatedHelpers.map { .string($0.rawValue) })
        object["relative_ids"] = .array(relativeIDs.map { .string($0.rawValue) })
        object["care_density_by_level_pair"] = careDensityByLevelPair.map { sums in
            .object(Dictionary(uniqueKeysWithValues: sums.map { ($0.key.description, .int($0.value)) }))
        } ?? .null
        return .object(object)
    }
}
