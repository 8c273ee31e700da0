import Foundation

/// A small, fast, seeded random generator (SplitMix64): the same seed gives the same data on
/// every machine, which the benchmarks and tests rely on.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Synthetic data with the structure of the real thing (`samhandling generate`): levels,
/// services, professionals in services, users in contact with helpers, pathways that climb to
/// hospital and come back. For tests and benchmarks; never for conclusions.
public enum Generator {
    static let levels: [Level] = [.municipal, .municipal, .municipal, .state, .dps, .dps, .hospital]

    /// One user's helper network of about `size` nodes: helpers spread over services and levels,
    /// dated contacts over a year, ties between helpers, a responsibility group.
    public static func helperNetwork(size: Int, seed: UInt64) -> CollaborationGraph {
        var random = SeededRandom(seed: seed)
        var graph = CollaborationGraph(name: "helper_network_\(seed)", attributes: ["title": "Synthetic helper network \(seed)"])
        graph.addNode(Node(id: "user", attributes: ["kind": "user", "label": "User \(seed)"]))
        let serviceCount = max(3, size / 6)
        let helperCount = max(1, size - serviceCount - 2)
        for s in 0..<serviceCount {
            let level = levels[s % levels.count]
            graph.addNode(Node(id: NodeID("s\(s)"), attributes: ["kind": "service", "label": "Service \(s)", "level": level.rawValue]))
        }
        graph.addNode(Node(id: "group", attributes: ["kind": "forum", "label": "Responsibility group", "level": "municipal"]))
        for h in 0..<helperCount {
            let service = Int.random(in: 0..<serviceCount, using: &random)
            graph.addNode(Node(id: NodeID("h\(h)"), attributes: ["kind": "professional", "label": "Helper \(h)",
                                                                 "role": "role \(h % 7)", "service": "s\(service)"]))
            graph.addEdge(Edge(source: NodeID("h\(h)"), target: NodeID("s\(service)"), attributes: ["kind": "member"]))
            let visits = Int.random(in: 1...8, using: &random)
            let dates = (0..<visits).map { _ in
                Timestamp(year: 2024, month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...28, using: &random))!.dateString
            }.sorted().joined(separator: " ")
            graph.addEdge(Edge(source: "user", target: NodeID("h\(h)"), attributes: ["kind": "contact", "dates": dates]))
            if h > 0 && Double.random(in: 0..<1, using: &random) < 0.35 {
                let other = Int.random(in: 0..<h, using: &random)
                graph.addEdge(Edge(source: NodeID("h\(h)"), target: NodeID("h\(other)"), attributes: ["kind": "collaboration"]))
            }
            if h % 5 == 0 { graph.addEdge(Edge(source: NodeID("h\(h)"), target: "group", attributes: ["kind": "member"])) }
        }
        return graph
    }

    /// A collaboration graph of exactly `nodes` nodes and `edges` edge records: 4 % services,
    /// 15 % users, the rest professionals, each a member of one service; users in contact with
    /// 2–8 professionals; the remaining edges are collaborations, most within a level.
    public static func collaborationGraph(nodes: Int, edges: Int, seed: UInt64) -> CollaborationGraph {
        var random = SeededRandom(seed: seed)
        var graph = CollaborationGraph(name: "collaboration_\(nodes)_\(edges)")
        let services = max(1, nodes / 25), users = nodes * 15 / 100, professionals = max(1, nodes - services - users)
        for s in 0..<services {
            graph.addNode(Node(id: NodeID("s\(s)"), attributes: ["kind": "service", "level": levels[s % levels.count].rawValue]))
        }
        var serviceOf = [Int](repeating: 0, count: professionals)
        for p in 0..<professionals {
            serviceOf[p] = Int.random(in: 0..<services, using: &random)
            graph.addNode(Node(id: NodeID("p\(p)"), attributes: ["kind": "professional", "service": "s\(serviceOf[p])"]))
        }
        for u in 0..<users { graph.addNode(Node(id: NodeID("u\(u)"), attributes: ["kind": "user"])) }
        var written = 0
        for p in 0..<professionals where written < edges {
            graph.addEdge(Edge(source: NodeID("p\(p)"), target: NodeID("s\(serviceOf[p])"), attributes: ["kind": "member"]))
            written += 1
        }
        for u in 0..<users where written < edges {
            for _ in 0..<Int.random(in: 2...8, using: &random) where written < edges {
                graph.addEdge(Edge(source: NodeID("u\(u)"), target: NodeID("p\(Int.random(in: 0..<professionals, using: &random))"),
                                   attributes: ["kind": "contact"]))
                written += 1
            }
        }
        let byService = Dictionary(grouping: 0..<professionals) { serviceOf[$0] }
        while written < edges {
            let a = Int.random(in: 0..<professionals, using: &random)
            let sameService = Double.random(in: 0..<1, using: &random) < 0.6
            let pool = sameService ? (byService[serviceOf[a]] ?? [a]) : Array(0..<professionals)
            let b = sameService ? pool[Int.random(in: 0..<pool.count, using: &random)] : Int.random(in: 0..<professionals, using: &random)
            guard a != b else { continue }
            graph.addEdge(Edge(source: NodeID("p\(a)"), target: NodeID("p\(b)"), attributes: ["kind": "collaboration"]))
            written += 1
        }
        return graph
    }

    /// Writes an event log of `users` users and about `events` events over `professionals`
    /// professionals in `services` services, sorted by user, as CSV to `sink` in pieces (the
    /// log is never held whole). Pathways step between levels; a stay at DPS or hospital
    /// begins with an admission and ends with a discharge.
    public static func writeEventLog(users: Int, events: Int, professionals: Int, services: Int, seed: UInt64,
                                     to sink: (String) throws -> Void) rethrows {
        var random = SeededRandom(seed: seed)
        let perUser = max(1, events / max(1, users))
        let start = Timestamp(year: 2024, month: 1, day: 1)!.secondsSinceEpoch
        var buffer = "user,time,kind,actor,service,level\n"
        let width = String(users).count
        for user in 0..<users {
            let id = "u" + String(repeating: "0", count: max(0, width - String(user).count)) + String(user)
            var time = start + Int64.random(in: 0..<(86_400 * 60), using: &random)
            var level = Level.municipal
            var written = 0
            let count = max(1, perUser + Int.random(in: -perUser / 3...perUser / 3 + 1, using: &random))
            while written < count {
                // A step between levels now and then: up to DPS or hospital (admitted), or back down.
                if Double.random(in: 0..<1, using: &random) < 0.08 {
                    let next: Level = level.rank == 1 ? (Double.random(in: 0..<1, using: &random) < 0.7 ? .dps : .hospital) : .municipal
                    if level.rank >= 2 {
                        buffer += "\(id),\(Timestamp(secondsSinceEpoch: time)),discharge,,s\(Int.random(in: 0..<services, using: &random)),\(level.rawValue)\n"
                        written += 1
                    }
                    if next.rank >= 2 {
                        buffer += "\(id),\(Timestamp(secondsSinceEpoch: time)),admission,,s\(Int.random(in: 0..<services, using: &random)),\(next.rawValue)\n"
                        written += 1
                    }
                    level = next
                }
                let actor = Int.random(in: 0..<professionals, using: &random)
                buffer += "\(id),\(Timestamp(secondsSinceEpoch: time)),contact,p\(actor),s\(actor % services),\(level.rawValue)\n"
                written += 1
                time += Int64.random(in: 3_600...(86_400 * 21), using: &random)
            }
            if buffer.utf8.count > 1 << 20 {
                try sink(buffer)
                buffer = ""
            }
        }
        try sink(buffer)
    }
}
