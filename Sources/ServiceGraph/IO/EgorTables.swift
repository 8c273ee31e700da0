import Foundation

/// egor's three tables (R package egor, Krenz et al.; `egor()` and `threefiles_to_egor()`): a
/// folder holding
/// - `egos.csv`: one row per ego, `egoID`, then the ego's variables;
/// - `alters.csv`: one row per alter of an ego, `egoID`, `alterID` (unique within its ego), then
///   the alter's variables;
/// - `aaties.csv`: one row per alter–alter tie, `egoID`, `Source`, `Target` (alterIDs), then the
///   tie's variables.
/// These are egor's default `ID.vars`, so `egor(read.csv("alters.csv"), read.csv("egos.csv"),
/// read.csv("aaties.csv"))` reads the folder as written. The reader also takes the names of
/// egor's own tables (`.egoID`, `.altID`, `.srcID`, `.tgtID`, in any case).
///
/// Each ego is a user; each alter a node (id `<egoID>:<alterID>`, its variables as attributes)
/// joined to the user; each alter–alter tie an edge naming its `user`. Every ego's helper
/// network stays its own: alters of two egos are two nodes, as egor has them. Writing, every
/// user of a graph is an ego and its neighbours (any kind of tie, users left out) its alters,
/// with the ties among them.
public enum EgorTables {
    public static let egosFile = "egos.csv", altersFile = "alters.csv", tiesFile = "aaties.csv"
    /// The column a `service` is written under when its node is not among the ego's alters.
    public static let serviceNameColumn = "service_name"
    static let egoNames = ["egoid", ".egoid", "ego_id"], alterNames = ["alterid", ".altid", ".alterid", "altid", "alter_id"]
    static let sourceNames = ["source", ".srcid", "srcid", ".source"], targetNames = ["target", ".tgtid", "tgtid", ".target"]

    /// Whether `url` is a folder holding `alters.csv` and `egos.csv` or `aaties.csv` (any case).
    public static func isEgorFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        return CSVFolder.file(named: altersFile, in: url) != nil
            && (CSVFolder.file(named: egosFile, in: url) != nil || CSVFolder.file(named: tiesFile, in: url) != nil)
    }

    /// The bytes of the three files, for a digest.
    public static func bytes(of folder: URL) -> Data {
        var bytes = Data()
        for name in [egosFile, altersFile, tiesFile] {
            bytes += CSVFolder.file(named: name, in: folder).flatMap { try? FileBytes.read($0) } ?? Data()
        }
        return bytes
    }

    // MARK: Reading

    /// Reads the tables into one graph. A row whose ids do not join (an alter of an ego not in
    /// `egos.csv`, a tie between alters its ego does not have) is returned as a problem with its
    /// file and line, and the rest is read. A table without its id columns is an error.
    public static func read(_ folder: URL, displayName: String) throws(Diagnostic) -> (graph: CollaborationGraph, problems: [Diagnostic]) {
        func shown(_ name: String) -> String { (displayName as NSString).appendingPathComponent(name) }
        func load(_ name: String) throws(Diagnostic) -> (CSVFolder.Table, String)? {
            guard let url = CSVFolder.file(named: name, in: folder) else { return nil }
            return try CSVFolder.table(url, displayName: shown(url.lastPathComponent)).map { ($0, shown(url.lastPathComponent)) }
        }
        func column(_ table: CSVFolder.Table, _ names: [String], file: String, what: String) throws(Diagnostic) -> Int {
            guard let index = table.header.firstIndex(where: { names.contains($0.lowercased()) }) else {
                throw Diagnostic(file: file, line: 1, message: "no \(what) column (egor names it \(names.prefix(2).joined(separator: " or ")))")
            }
            return index
        }
        func values(_ table: CSVFolder.Table, _ fields: [String], skipping: Set<Int>) -> [String: String] {
            var result: [String: String] = [:]
            for (index, name) in table.header.enumerated() where !name.isEmpty && !skipping.contains(index) {
                if let value = table.value(fields, index) { result[name] = value }
            }
            return result
        }

        var graph = CollaborationGraph(isDirected: false)
        var problems: [Diagnostic] = []
        var users: Set<String> = []
        var alters: [String: NodeKind] = [:]  // by node id
        var serviceNames: [(alter: NodeID, ego: String, service: String)] = []
        let egosTable = try load(egosFile)
        if let (table, file) = egosTable {
            let id = try column(table, egoNames, file: file, what: "ego id")
            for (line, fields) in table.rows {
                guard let ego = table.value(fields, id) else {
                    problems.append(Diagnostic(file: file, line: line, message: "an ego with no id; the row is not read"))
                    continue
                }
                guard users.insert(ego).inserted else {
                    problems.append(Diagnostic(file: file, line: line, message: "ego \(ego) is listed twice; this row is not read"))
                    continue
                }
                var attributes = values(table, fields, skipping: [id])
                attributes["kind"] = NodeKind.user.rawValue
                graph.addNode(Node(id: NodeID(ego), attributes: attributes))
            }
        }
        guard let (altersTable, altersName) = try load(altersFile) else {
            throw Diagnostic(file: displayName, line: nil, message: "egor's tables need \(altersFile)")
        }
        let alterEgo = try column(altersTable, egoNames, file: altersName, what: "ego id")
        let alterID = try column(altersTable, alterNames, file: altersName, what: "alter id")
        let hasKinds = altersTable.header.contains("kind")
        if !hasKinds && !altersTable.rows.isEmpty {
            problems.append(Diagnostic(file: altersName, line: 1, severity: .warning,
                                       message: "no kind column: every alter is read as a relative (give kind: professional, relative, service, …)"))
        }
        for (line, fields) in altersTable.rows {
            guard let ego = altersTable.value(fields, alterEgo), let alter = altersTable.value(fields, alterID) else {
                problems.append(Diagnostic(file: altersName, line: line, message: "an alter needs an ego id and an alter id; the row is not read"))
                continue
            }
            if egosTable == nil, !users.contains(ego) {
                guard graph[NodeID(ego)] == nil else {
                    problems.append(Diagnostic(file: altersName, line: line, message: "ego \(ego) has the id of an alter read before; the row is not read"))
                    continue
                }
                users.insert(ego)
                graph.addNode(Node(id: NodeID(ego), attributes: ["kind": NodeKind.user.rawValue]))
            }
            guard users.contains(ego) else {
                problems.append(Diagnostic(file: altersName, line: line, message: "ego \(ego) is not in \(egosFile); alter \(alter) is not read"))
                continue
            }
            let id = NodeID(ego + ":" + alter)
            guard graph[id] == nil else {
                problems.append(Diagnostic(file: altersName, line: line, message: "alter \(alter) of ego \(ego) is listed twice (or its id \(id) is an ego's); this row is not read"))
                continue
            }
            var attributes = values(altersTable, fields, skipping: [alterEgo, alterID])
            let tie = attributes.removeValue(forKey: "tie")
            let kind = attributes["kind"].flatMap(NodeKind.init(name:)) ?? .relative
            attributes["kind"] = attributes["kind"] ?? kind.rawValue
            if attributes["label"] == nil { attributes["label"] = attributes["name"] ?? alter }
            alters[id.rawValue] = kind
            if let service = attributes["service"], !service.isEmpty { serviceNames.append((id, ego, service)) }
            graph.addNode(Node(id: id, attributes: attributes))
            let tieKinds = (tie ?? "").split(separator: " ").map(String.init)
            for tieKind in tieKinds.isEmpty ? [EdgeKind.contact.rawValue] : tieKinds {
                graph.addEdge(Edge(source: NodeID(ego), target: id, attributes: ["kind": tieKind]))
            }
        }
        // A `service` naming another alter of the same ego (alter ids are the ego's own) names
        // that alter's node.
        for (alter, ego, service) in serviceNames where alters[ego + ":" + service] != nil {
            graph.updateNode(alter) { $0.attributes["service"] = ego + ":" + service }
        }
        if let (table, file) = try load(tiesFile) {
            let tieEgo = try column(table, egoNames, file: file, what: "ego id")
            let source = try column(table, sourceNames, file: file, what: "source")
            let target = try column(table, targetNames, file: file, what: "target")
            for (line, fields) in table.rows {
                guard let ego = table.value(fields, tieEgo), let from = table.value(fields, source), let to = table.value(fields, target) else {
                    problems.append(Diagnostic(file: file, line: line, message: "a tie needs an ego id, a source and a target; the row is not read"))
                    continue
                }
                let ends = [from, to].map { ego + ":" + $0 }
                guard let a = alters[ends[0]], let b = alters[ends[1]] else {
                    let missing = alters[ends[0]] == nil ? from : to
                    problems.append(Diagnostic(file: file, line: line,
                                               message: users.contains(ego) ? "alter \(missing) of ego \(ego) is not in \(altersFile); the tie is not read"
                                                   : "ego \(ego) is not among the egos; the tie is not read"))
                    continue
                }
                var attributes = values(table, fields, skipping: [tieEgo, source, target])
                attributes["user"] = ego
                let named = (attributes.removeValue(forKey: "kind") ?? "").split(separator: " ").map(String.init)
                let kinds = named.isEmpty ? [a == .professional && b == .professional ? EdgeKind.collaboration.rawValue : EdgeKind.informal.rawValue] : named
                for kind in kinds {
                    attributes["kind"] = kind
                    graph.addEdge(Edge(source: NodeID(ends[0]), target: NodeID(ends[1]), attributes: attributes))
                }
            }
        }
        // Alters are the ego's network as named at one interview (or survey): the ties have no
        // dates, and the graph says so (docs/formats.md, "Interview networks have no dates").
        graph.attributes[CollaborationGraph.interviewKey] = "egor"
        return (graph.normalizingVocabulary(), problems)
    }

    // MARK: Writing

    /// The three tables of `graph`, each a header and rows.
    public static func tables(of graph: CollaborationGraph) -> (egos: [[String]], alters: [[String]], aaties: [[String]]) {
        let users = graph.nodes.filter { $0.kind == .user }
        let userIDs = Set(users.map(\.id))
        func columns(_ sets: [[String: String]], first: [String], dropping: Set<String>) -> [String] {
            let all = Set(sets.flatMap(\.keys)).subtracting(dropping)
            return first.filter(all.contains) + all.subtracting(first).sorted()
        }
        let egoColumns = columns(users.map(\.attributes), first: ["label"], dropping: ["kind"])
        var egoRows = [["egoID"] + egoColumns]
        for user in users { egoRows.append([user.id.rawValue] + egoColumns.map { user.attributes[$0] ?? "" }) }

        let alterLists = users.map { (user: $0.id, alters: alters(of: $0.id, in: graph, users: userIDs)) }
        // Each alter's row as written: a `service` naming a node that is not an alter of the
        // same ego would name nothing in the tables, so its value is written as `service_name`
        // (read as a plain variable) instead.
        let alterAttributes: [[[String: String]]] = alterLists.map { user, alters in
            let members = Set(alters.map(\.id))
            return alters.map { alter in
                var attributes = graph[alter.id]?.attributes ?? [:]
                if let service = attributes["service"], !service.isEmpty, !members.contains(NodeID(service)) {
                    attributes["service"] = nil
                    if attributes[serviceNameColumn] == nil { attributes[serviceNameColumn] = service }
                }
                return attributes
            }
        }
        let alterColumns = columns(alterAttributes.flatMap { $0 }, first: ["kind", "label"], dropping: ["tie"])
        var alterRows = [["egoID", "alterID", "tie"] + alterColumns]
        var tieRows = [["egoID", "Source", "Target", "kind", "weight"]]
        for ((user, alters), rows) in zip(alterLists, alterAttributes) {
            for ((id, tie), attributes) in zip(alters, rows) {
                alterRows.append([user.rawValue, id.rawValue, tie.joined(separator: " ")] + alterColumns.map { attributes[$0] ?? "" })
            }
            // Ties among the alters: every edge between two of them, also one naming another user
            // (as helper_ties counts them: the two know each other whoever the tie was for).
            let members = Set(alters.map(\.id))
            var pairs: [UnorderedPair] = []
            var pairKinds: [UnorderedPair: (first: (NodeID, NodeID), kinds: [String], count: Int)] = [:]
            for edge in graph.edges where edge.source != edge.target && members.contains(edge.source) && members.contains(edge.target) {
                let pair = UnorderedPair(edge.source, edge.target)
                if pairKinds[pair] == nil {
                    pairs.append(pair)
                    pairKinds[pair] = ((edge.source, edge.target), [], 0)
                }
                let kind = edge.attributes["kind"] ?? ""
                if !kind.isEmpty, !pairKinds[pair]!.kinds.contains(kind) { pairKinds[pair]!.kinds.append(kind) }
                pairKinds[pair]!.count += 1
            }
            for pair in pairs {
                let entry = pairKinds[pair]!
                tieRows.append([user.rawValue, entry.first.0.rawValue, entry.first.1.rawValue, entry.kinds.joined(separator: " "), String(entry.count)])
            }
        }
        return (egoRows, alterRows, tieRows)
    }

    /// A user's alters: its neighbours that are not users, in the order their ties come, with the
    /// kinds of those ties.
    static func alters(of user: NodeID, in graph: CollaborationGraph, users: Set<NodeID>) -> [(id: NodeID, tie: [String])] {
        var order: [NodeID] = []
        var kinds: [NodeID: [String]] = [:]
        for edge in graph.edges where edge.touches(user) && edge.source != edge.target {
            let other = edge.source == user ? edge.target : edge.source
            guard !users.contains(other) else { continue }
            if kinds[other] == nil {
                order.append(other)
                kinds[other] = []
            }
            let kind = edge.attributes["kind"] ?? ""
            if !kind.isEmpty, !kinds[other]!.contains(kind) { kinds[other]!.append(kind) }
        }
        return order.map { ($0, kinds[$0] ?? []) }
    }

    /// One graph per user, as egor holds an ego network: the user, its alters (as in
    /// `alters.csv`) and every edge among them, in the source's order, with the source's
    /// attributes and the groups cut to those nodes.
    public static func egoNetworks(of graph: CollaborationGraph) -> [(user: NodeID, graph: CollaborationGraph)] {
        let userIDs = Set(graph.nodes.filter { $0.kind == .user }.map(\.id))
        return graph.nodes.filter { $0.kind == .user }.map { user in
            let members = Set([user.id] + alters(of: user.id, in: graph, users: userIDs).map(\.id))
            var network = CollaborationGraph(name: graph.name, isDirected: graph.isDirected, isStrict: graph.isStrict, attributes: graph.attributes)
            network.htmlAttributes = graph.htmlAttributes
            for node in graph.nodes where members.contains(node.id) { network.addNode(node) }
            network.edges = graph.edges.filter { members.contains($0.source) && members.contains($0.target) }
            network.groups = graph.groups.compactMap { group in
                var cut = group
                cut.members = group.members.filter(members.contains)
                return cut.members.isEmpty ? nil : cut
            }
            let kept = Set(network.groups.map(\.id))
            for index in network.groups.indices where network.groups[index].parent.map({ !kept.contains($0) }) ?? false {
                network.groups[index].parent = nil
            }
            return (user.id, network)
        }
    }

    /// Writes the three tables into `folder` (created if need be), each file atomically.
    public static func write(_ graph: CollaborationGraph, to folder: URL) throws {
        let (egos, alters, aaties) = tables(of: graph)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write(Data(CSVText.write(egos).utf8), to: folder.appendingPathComponent(egosFile))
        try AtomicFile.write(Data(CSVText.write(alters).utf8), to: folder.appendingPathComponent(altersFile))
        try AtomicFile.write(Data(CSVText.write(aaties).utf8), to: folder.appendingPathComponent(tiesFile))
    }
}
