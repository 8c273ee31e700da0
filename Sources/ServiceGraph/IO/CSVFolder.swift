import CSV
import Foundation

/// A graph as a folder of CSV files a spreadsheet can edit:
/// - `nodes.csv`: `id`, then one column per attribute (`kind,label,level,service,role,…`);
/// - `edges.csv`: `source,target`, then one column per attribute (`kind,date,…`);
/// - `groups.csv` (optional): `id,parent,members` (member ids one per line in the cell), attributes;
/// - `graph.csv` (optional): `attribute,value` rows for the graph's attributes, with `__name`,
///   `__directed` and `__strict`;
/// - `events.csv` (optional, read only): an event log whose rows become dated edges.
/// An empty cell means the attribute is absent; `__html` lists attributes holding HTML-like labels.
public enum CSVFolder {
    public static let fileNames = ["nodes.csv", "edges.csv", "groups.csv", "graph.csv", "events.csv"]

    /// Whether `url` is a folder with a `nodes.csv`, `edges.csv` or `events.csv` (in any case:
    /// `Edges.CSV` from a spreadsheet counts).
    public static func isGraphFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        return ["nodes.csv", "edges.csv", "events.csv"].contains { file(named: $0, in: url) != nil }
    }

    /// The file of the folder whose name is `name` in any case (the exact name first).
    public static func file(named name: String, in folder: URL) -> URL? {
        let exact = folder.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: exact.path) { return exact }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.sorted().first { $0.lowercased() == name }.map { folder.appendingPathComponent($0) }
    }

    /// The bytes of every file the folder is read from, in a fixed order (for a digest).
    public static func bytes(of folder: URL) -> Data {
        var bytes = Data()
        for name in fileNames { bytes += file(named: name, in: folder).flatMap { try? FileBytes.read($0) } ?? Data() }
        return bytes
    }

    /// CSV files in the folder that it does not read (`kanter.csv`), each a warning.
    public static func ignoredFiles(in folder: URL, displayName: String) -> [Diagnostic] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.sorted().filter { $0.lowercased().hasSuffix(".csv") && !fileNames.contains($0.lowercased()) }.map {
            Diagnostic(file: (displayName as NSString).appendingPathComponent($0), line: nil, severity: .warning,
                       message: "ignored: a CSV folder reads \(fileNames.joined(separator: ", ")) (in any case), not other files")
        }
    }

    // MARK: Writing

    public static func write(_ graph: CollaborationGraph, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func columns(_ sets: [[String: String]], first: [String]) -> [String] {
            let all = Set(sets.flatMap(\.keys))
            return first.filter(all.contains) + all.subtracting(first).sorted()
        }
        func html(_ set: Set<String>) -> String { set.sorted().joined(separator: " ") }

        let nodeColumns = columns(graph.nodes.map(\.attributes), first: ["kind", "label", "level", "service", "role"])
        let nodeHTML = graph.nodes.contains { !$0.htmlAttributes.isEmpty }
        var rows = [["id"] + nodeColumns + (nodeHTML ? ["__html"] : [])]
        for node in graph.nodes {
            rows.append([node.id.rawValue] + nodeColumns.map { node.attributes[$0] ?? "" } + (nodeHTML ? [html(node.htmlAttributes)] : []))
        }
        try AtomicFile.write(Data(CSVText.write(rows).utf8), to: folder.appendingPathComponent("nodes.csv"))

        let edgeColumns = columns(graph.edges.map(\.attributes), first: ["kind", "date", "dates", "user", "level"])
        let edgeHTML = graph.edges.contains { !$0.htmlAttributes.isEmpty }
        rows = [["source", "target"] + edgeColumns + (edgeHTML ? ["__html"] : [])]
        for edge in graph.edges {
            rows.append([edge.source.rawValue, edge.target.rawValue] + edgeColumns.map { edge.attributes[$0] ?? "" }
                        + (edgeHTML ? [html(edge.htmlAttributes)] : []))
        }
        try AtomicFile.write(Data(CSVText.write(rows).utf8), to: folder.appendingPathComponent("edges.csv"))

        let groupsFile = folder.appendingPathComponent("groups.csv")
        if graph.groups.isEmpty {
            try? FileManager.default.removeItem(at: groupsFile)
        } else {
            let groupColumns = columns(graph.groups.map(\.attributes), first: ["label"])
            rows = [["id", "parent", "members"] + groupColumns + ["__html"]]
            for group in graph.groups {
                rows.append([group.id, group.parent ?? "", group.members.map(\.rawValue).joined(separator: "\n")]
                            + groupColumns.map { group.attributes[$0] ?? "" } + [html(group.htmlAttributes)])
            }
            try AtomicFile.write(Data(CSVText.write(rows).utf8), to: groupsFile)
        }

        rows = [["attribute", "value"], ["__name", graph.name], ["__directed", String(graph.isDirected)],
                ["__strict", String(graph.isStrict)]]
        if !graph.htmlAttributes.isEmpty { rows.append(["__html", html(graph.htmlAttributes)]) }
        rows += graph.attributes.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
        try AtomicFile.write(Data(CSVText.write(rows).utf8), to: folder.appendingPathComponent("graph.csv"))
    }

    // MARK: Reading

    /// A CSV file read whole: its header and its rows, each with the line it starts on.
    struct Table {
        let header: [String]
        let rows: [(line: Int, fields: [String])]

        func index(_ name: String) -> Int? { header.firstIndex(of: name) }

        func value(_ row: [String], _ column: Int?) -> String? {
            guard let column, column < row.count else { return nil }
            return row[column].isEmpty ? nil : CSVText.unguarded(row[column])
        }
    }

    static func table(_ url: URL, displayName: String) throws(Diagnostic) -> Table? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text = try TextFile.read(url, displayName: displayName)
        let header = text.prefix { $0 != "\n" && $0 != "\r" }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: EventLogReader.delimiter(of: String(header)))
        } catch {
            throw Diagnostic(file: displayName, line: 1, message: "cannot read the header row")
        }
        let names = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        var line = 2 + names.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        var rows: [(Int, [String])] = []
        while let row = reader.next() {
            let start = line
            line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            rows.append((start, row))
        }
        return Table(header: names, rows: rows)
    }

    /// Reads a folder; every problem names its file and line.
    public static func read(_ folder: URL, displayName: String) throws(Diagnostic) -> CollaborationGraph {
        func path(_ name: String) -> (URL, String) {
            let url = file(named: name, in: folder) ?? folder.appendingPathComponent(name)
            return (url, (displayName as NSString).appendingPathComponent(url.lastPathComponent))
        }
        var graph = CollaborationGraph()
        let (graphURL, graphName) = path("graph.csv")
        if let table = try table(graphURL, displayName: graphName) {
            guard let attribute = table.index("attribute"), let value = table.index("value") else {
                throw Diagnostic(file: graphName, line: 1, message: "graph.csv needs the columns attribute,value")
            }
            for row in table.rows {
                guard let name = table.value(row.fields, attribute) else { continue }
                let text = table.value(row.fields, value) ?? ""
                switch name {
                case "__name": graph.name = text
                case "__directed": graph.isDirected = text.lowercased() != "false"
                case "__strict": graph.isStrict = text.lowercased() == "true"
                case "__html": graph.htmlAttributes = Set(text.split(separator: " ").map(String.init))
                default: graph.attributes[name] = text
                }
            }
        }
        func attributes(_ table: Table, _ row: [String], skipping: Set<String>) -> ([String: String], Set<String>) {
            var result: [String: String] = [:]
            for (index, name) in table.header.enumerated() where !skipping.contains(name) && name != "__html" {
                if let value = table.value(row, index) { result[name] = value }
            }
            let html = table.value(row, table.index("__html")).map { Set($0.split(separator: " ").map(String.init)) } ?? []
            return (result, html)
        }

        let (nodesURL, nodesName) = path("nodes.csv")
        if let table = try table(nodesURL, displayName: nodesName) {
            guard let id = table.index("id") else {
                throw Diagnostic(file: nodesName, line: 1, message: "nodes.csv needs an 'id' column")
            }
            for row in table.rows {
                guard let nodeID = table.value(row.fields, id) else {
                    throw Diagnostic(file: nodesName, line: row.line, message: "a node with no id")
                }
                let (values, html) = attributes(table, row.fields, skipping: ["id"])
                graph.addNode(Node(id: NodeID(nodeID), attributes: values, htmlAttributes: html))
            }
        }
        let (edgesURL, edgesName) = path("edges.csv")
        if let table = try table(edgesURL, displayName: edgesName) {
            guard let source = table.index("source"), let target = table.index("target") else {
                throw Diagnostic(file: edgesName, line: 1, message: "edges.csv needs 'source' and 'target' columns")
            }
            for row in table.rows {
                guard let from = table.value(row.fields, source), let to = table.value(row.fields, target) else {
                    throw Diagnostic(file: edgesName, line: row.line, message: "an edge needs both a source and a target")
                }
                let (values, html) = attributes(table, row.fields, skipping: ["source", "target"])
                graph.addEdge(Edge(source: NodeID(from), target: NodeID(to), attributes: values, htmlAttributes: html))
            }
        }
        let (groupsURL, groupsName) = path("groups.csv")
        if let table = try table(groupsURL, displayName: groupsName) {
            guard let id = table.index("id") else {
                throw Diagnostic(file: groupsName, line: 1, message: "groups.csv needs an 'id' column")
            }
            for row in table.rows {
                guard let groupID = table.value(row.fields, id) else {
                    throw Diagnostic(file: groupsName, line: row.line, message: "a group with no id")
                }
                let members = (table.value(row.fields, table.index("members")) ?? "")
                    .split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { NodeID(String($0)) }
                let (values, html) = attributes(table, row.fields, skipping: ["id", "parent", "members"])
                graph.groups.append(Group(id: groupID, attributes: values, members: members,
                                          parent: table.value(row.fields, table.index("parent")), htmlAttributes: html))
            }
        }
        let (eventsURL, eventsName) = path("events.csv")
        if FileManager.default.fileExists(atPath: eventsURL.path) {
            try addEvents(ofLog: eventsURL, displayName: eventsName, to: &graph)
        }
        return graph.normalizingVocabulary()
    }

    /// An event log read as a graph: its users, the professionals and services its rows name,
    /// and a dated edge per row.
    public static func graph(ofEventLog url: URL, displayName: String, skippingBadRows: Bool = false,
                             source: EventLogSource = EventLogSource()) throws(Diagnostic) -> CollaborationGraph {
        var graph = CollaborationGraph()
        try addEvents(ofLog: url, displayName: displayName, to: &graph, skippingBadRows: skippingBadRows, source: source)
        return graph.normalizingVocabulary()
    }

    /// Every row of an event log as a dated edge; the first bad row is the error, unless bad
    /// rows are skipped (as `metrics` skips them, reporting each).
    static func addEvents(ofLog url: URL, displayName: String, to graph: inout CollaborationGraph,
                          skippingBadRows: Bool = false, source: EventLogSource = EventLogSource()) throws(Diagnostic) {
        let (pathways, summary) = try EventLogReader(url: url, displayName: displayName, source: source).readAll()
        if !skippingBadRows, let first = summary.skipped.first { throw first }
        for pathway in pathways { addEvents(of: pathway, to: &graph) }
    }

    /// An event log's rows as dated edges: a visit from the user to the professional (or the
    /// service), an admission or discharge from the user to the service, information from the
    /// sender to the target, naming its user. Each edge keeps the row's `level` and `service`, so
    /// that the graph's pathways are the log's even where one professional works in two services.
    static func addEvents(of pathway: Pathway, to graph: inout CollaborationGraph) {
        let user = pathway.user
        if graph[user] == nil { graph.addNode(Node(id: user, attributes: ["kind": "user"])) }
        for event in pathway.events {
            var attributes = ["kind": event.kind.rawValue, "date": event.time.description]
            attributes["level"] = event.level?.rawValue
            attributes["service"] = event.service
            let (source, target): (NodeID, NodeID?)
            switch event.kind {
            case .contact:
                source = user
                target = (event.actor ?? event.service).map { NodeID($0) }
                if let actor = event.actor, graph[NodeID(actor)] == nil {
                    var node = ["kind": "professional"]
                    node["service"] = event.service
                    graph.addNode(Node(id: NodeID(actor), attributes: node))
                }
            case .admission, .discharge:
                source = user
                target = event.service.map { NodeID($0) }
            case .referral, .message, .epicrisis, .meeting:
                source = event.actor.map { NodeID($0) } ?? user
                target = (event.target ?? event.service).map { NodeID($0) }
                attributes["user"] = pathway.user.rawValue
                for person in [event.actor, event.target].compactMap({ $0 }) where graph[NodeID(person)] == nil {
                    graph.addNode(Node(id: NodeID(person), attributes: ["kind": "professional"]))
                }
            }
            if let service = event.service, graph[NodeID(service)] == nil {
                var node = ["kind": "service"]
                node["level"] = event.kind == .contact ? event.level?.rawValue : nil
                graph.addNode(Node(id: NodeID(service), attributes: node))
            }
            guard let target else { continue }
            graph.addEdge(Edge(source: source, target: target, attributes: attributes))
        }
    }
}
