import Foundation

/// What a scenario did to one user's visits, for the pathway view: each visit of the edited
/// pathway that is new (a visit to an added professional, or moved to another by a merge) or at
/// a new level is coloured, and each visit of the original that is gone (removed, untied, merged
/// away) is drawn greyed where it was.
///
/// Visits are matched by time, professional and service: the same visit at another level is
/// relevelled; an edited visit with no match is new (added when its professional was added,
/// changed otherwise); an original visit with no match is gone.
public struct ScenarioPathway: Sendable, Equatable {
    /// A visit of the edited pathway and its colour, one of ScenarioView's.
    public var colours: [Visit: String] = [:]
    /// Visits of the original pathway that the edits took away.
    public var gone: [PathwayEvent] = []

    /// The fields a visit is known by on the drawing.
    public struct Visit: Hashable, Sendable {
        public var time: Timestamp
        public var actor: String?
        public var service: String?
        public var level: Level?

        public init(_ event: PathwayEvent) {
            (time, actor, service, level) = (event.time, event.actor, event.service, event.level)
        }

        var withoutLevel: Visit {
            var copy = self
            copy.level = nil
            return copy
        }
    }

    public init(before: Pathway?, after: Pathway?, added: Set<NodeID>) {
        // The original's visits not matched exactly, by time, professional and service.
        var left: [Visit: [PathwayEvent]] = [:]
        var exact: [Visit: Int] = [:]
        for event in before?.visits() ?? [] { exact[Visit(event), default: 0] += 1 }
        var unmatched: [PathwayEvent] = []
        for event in after?.visits() ?? [] {
            if let count = exact[Visit(event)], count > 0 {
                exact[Visit(event)] = count - 1
            } else {
                unmatched.append(event)
            }
        }
        for event in before?.visits() ?? [] {
            if let count = exact[Visit(event)], count > 0 {
                exact[Visit(event)] = count - 1
                left[Visit(event).withoutLevel, default: []].append(event)
            }
        }
        for event in unmatched {
            let visit = Visit(event)
            if var same = left[visit.withoutLevel], !same.isEmpty {
                same.removeFirst()
                left[visit.withoutLevel] = same
                colours[visit] = ScenarioView.relevelled
            } else {
                colours[visit] = event.actor.map { added.contains(NodeID($0)) } == true ? ScenarioView.added : ScenarioView.changed
            }
        }
        gone = left.values.flatMap { $0 }.sorted { ($0.time, $0.sourceOrder) < ($1.time, $1.sourceOrder) }
    }

    public var isEmpty: Bool { colours.isEmpty && gone.isEmpty }
}
