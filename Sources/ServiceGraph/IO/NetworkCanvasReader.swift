import Foundation

/// How the node and edge types of a Network Canvas protocol become kinds of ours
/// (docs/formats.md, "Network Canvas"). A type named in the mapping file takes the kind given
/// there; otherwise a node type whose name holds a word of `professionalWords` is a
/// professional, one holding a word of `relativeWords` a relative, and any other a relative
/// (with a warning naming the type); an edge type not named is `collaboration` between two
/// professionals and `informal` otherwise.
public struct NetworkCanvasMapping: Sendable, Equatable {
    /// Looked for beside the export: in its folder, or in the folder of its GraphML file.
    public static let fileName = "network-canvas-mapping.csv"
    static let professionalWords = ["professional", "helper", "service", "provider", "clinician", "staff", "worker",
                                    "fagperson", "hjelper", "tjeneste", "behandler"]
    static let relativeWords = ["family", "friend", "relative", "kin", "neighbo", "partner", "parent", "sibling",
                                "pårørende", "familie", "venn", "nabo", "slekt"]

    /// Kinds by type name, the names in lower case.
    public var nodeKinds: [String: NodeKind] = [:]
    public var edgeKinds: [String: EdgeKind] = [:]

    public init(nodeKinds: [String: NodeKind] = [:], edgeKinds: [String: EdgeKind] = [:]) {
        self.nodeKinds = Dictionary(nodeKinds.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.edgeKinds = Dictionary(edgeKinds.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    }

    /// The kind of an alter of this node type; nil when neither the file nor a word tells.
    public func kind(ofNodeType type: String) -> NodeKind? {
        let name = type.lowercased()
        if let kind = nodeKinds[name] { return kind }
        if Self.professionalWords.contains(where: { name.contains($0) }) { return .professional }
        if Self.relativeWords.contains(where: { name.contains($0) }) { return .relative }
        return nil
    }

    public func kind(ofEdgeType type: String, between a: NodeKind, and b: NodeKind) -> EdgeKind {
        if let kind = edgeKinds[type.lowercased()] { return kind }
        return a == .professional && b == .professional ? .collaboration : .informal
    }

    /// A CSV `entity,type,kind`: `node` or `edge`, the type's name as the protocol has it, and a
    /// node or edge kind. A row that cannot be used is an error with its line.
    public static func read(_ url: URL, displayName: String) throws(Diagnostic) -> NetworkCanvasMapping {
        guard let table = try CSVFolder.table(url, displayName: displayName) else { return NetworkCanvasMapping() }
        guard let entity = table.index("entity"), let type = table.index("type"), let kind = table.index("kind") else {
            throw Diagnostic(file: displayName, line: 1, message: "the mapping needs the columns entity,type,kind")
        }
        var mapping = NetworkCanvasMapping()
        for (line, row) in table.rows {
            guard let typeName = table.value(row, type), let kindName = table.value(row, kind) else {
                throw Diagnostic(file: displayName, line: line, message: "a row needs a type and a kind")
            }
            switch table.value(row, entity)?.lowercased() {
            case "node":
                guard let nodeKind = NodeKind(name: kindName) else {
                    throw Diagnostic(file: displayName, line: line, message: "'\(kindName)' is not a node kind (\(NodeKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                mapping.nodeKinds[typeName.lowercased()] = nodeKind
            case "edge":
                guard let edgeKind = EdgeKind(name: kindName) else {
                    throw Diagnostic(file: displayName, line: line, message: "'\(kindName)' is not an edge kind (\(EdgeKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                mapping.edgeKinds[typeName.lowercased()] = edgeKind
            default:
                throw Diagnostic(file: displayName, line: line, message: "entity must be node or edge")
            }
        }
        return mapping
    }

    /// The mapping file in `folder`, if there is one.
    public static func beside(_ folder: URL, displayFolder: String) throws(Diagnostic) -> NetworkCanvasMapping {
        guard let url = CSVFolder.file(named: fileName, in: folder) else { return NetworkCanvasMapping() }
        return try read(url, displayName: (displayFolder as NSString).appendingPathComponent(url.lastPathComponent))
    }
}

/// A Network Canvas export (Interviewer, Server or Fresco; documented at
/// documentation.networkcanvas.com, "Exporting data", and written by the
/// complexdatacollective network exporters): one interview is an ego, the alters it named by
/// node type and the ties among them by edge type. It becomes a helper network: the ego a
/// `user`, each alter a professional or a relative (`NetworkCanvasMapping`) joined to the user by
/// a `contact` tie, each tie `collaboration` or `informal`. Every interview of a folder is one
/// user of one graph.
///
/// The CSV set, per interview `<caseID>_<sessionID>`:
/// - `…_ego.csv`: `networkCanvasEgoUUID`, `networkCanvasCaseID`, `networkCanvasSessionID`,
///   `networkCanvasProtocolName`, `sessionStart`, `sessionFinish`, `sessionExported`, then the
///   ego's variables by name;
/// - `…_attributeList_<NodeType>.csv`: `nodeID` (1…n within the interview),
///   `networkCanvasEgoUUID`, `networkCanvasUUID` (the alter), then its variables;
/// - `…_edgeList_<EdgeType>.csv`: `edgeID`, `from`, `to` (nodeIDs), `networkCanvasEgoUUID`,
///   `networkCanvasUUID`, `networkCanvasSourceUUID`, `networkCanvasTargetUUID`, then the
///   edge's variables.
/// Rows are joined by `networkCanvasEgoUUID` and the alters' UUIDs, not by file names. A layout
/// (sociogram) variable is written as `<name>_x`, `<name>_y` in 0…1; the first such pair becomes
/// `nc_x`, `nc_y` on the alter.
public enum NetworkCanvasExport {
    static let egoSuffix = "_ego.csv", attributeListMarker = "_attributeList_", edgeListMarker = "_edgeList_"
    static let egoColumn = "networkCanvasEgoUUID", uuidColumn = "networkCanvasUUID", caseColumn = "networkCanvasCaseID"
    static let typeKey = "networkCanvasType"
    /// Columns the export adds to every entity, read for the joins and not kept as attributes.
    static let reservedColumns: Set<String> = [
        egoColumn, uuidColumn, caseColumn, "networkCanvasSessionID", "networkCanvasProtocolName", "nodeID", "edgeID",
        "from", "to", "networkCanvasSourceUUID", "networkCanvasTargetUUID", typeKey, "APP_VERSION", "COMMIT_HASH",
    ]

    /// Whether `url` is a folder holding a Network Canvas CSV export (a file named `…_ego.csv`,
    /// `…_attributeList_….csv` or `…_edgeList_….csv`).
    public static func isExportFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        return csvFiles(in: url).contains { role(of: $0) != nil }
    }

    /// Whether a GraphML file was written by Network Canvas: its nodes carry the
    /// `networkCanvasType` data, or its graph the ego's `networkCanvasUUID`.
    public static func isNetworkCanvasGraphML(_ graph: CollaborationGraph) -> Bool {
        graph.attributes[uuidColumn] != nil || graph.nodes.contains { $0.attributes[typeKey] != nil }
    }

    /// The bytes of the export's files (and its mapping file), for a digest.
    public static func bytes(of folder: URL) -> Data {
        var bytes = Data()
        for name in csvFiles(in: folder) where role(of: name) != nil || name == NetworkCanvasMapping.fileName {
            bytes += (try? FileBytes.read(folder.appendingPathComponent(name))) ?? Data()
        }
        return bytes
    }

    enum FileRole: Equatable { case ego, alters(type: String), ties(type: String) }

    static func role(of name: String) -> FileRole? {
        guard name.lowercased().hasSuffix(".csv") else { return nil }
        if name.hasSuffix(egoSuffix) { return .ego }
        let stem = String(name.dropLast(4))
        if let range = stem.range(of: attributeListMarker, options: .backwards) { return .alters(type: String(stem[range.upperBound...])) }
        if let range = stem.range(of: edgeListMarker, options: .backwards) { return .ties(type: String(stem[range.upperBound...])) }
        return nil
    }

    static func csvFiles(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".csv") }.sorted()
    }

    /// Builds the helper network as the files come in. Problems with one row or one file are
    /// collected, and the rest is read.
    struct Builder {
        let mapping: NetworkCanvasMapping
        var graph = CollaborationGraph(isDirected: false)
        var problems: [Diagnostic] = []
        /// The user's id per ego UUID.
        var users: [String: NodeID] = [:]
        /// Alters by their UUID, with the ego they belong to; and by (ego, nodeID).
        var alters: [String: (ego: String, id: NodeID, kind: NodeKind)] = [:]
        var nodeIDs: [String: String] = [:]
        var unmappedTypes: Set<String> = []

        init(mapping: NetworkCanvasMapping) { self.mapping = mapping }

        mutating func addUser(ego: String, id: NodeID, attributes: [String: String]) {
            var values = attributes
            values["kind"] = NodeKind.user.rawValue
            if values["label"] == nil, let name = Builder.nameValue(in: attributes) { values["label"] = name }
            values["nc_uuid"] = ego
            users[ego] = id
            graph.addNode(Node(id: id, attributes: values))
        }

        /// An alter of `type`: its kind by the mapping, its label from a `name` variable, its
        /// sociogram position from the first `<name>_x`/`<name>_y` pair (`_X`/`_Y` in GraphML).
        mutating func addAlter(ego: String, uuid: String, type: String, attributes: [String: String], file: String, line: Int?) {
            guard let user = users[ego] else { return }
            let kind: NodeKind
            if let mapped = mapping.kind(ofNodeType: type) {
                kind = mapped
            } else {
                kind = .relative
                if unmappedTypes.insert(type).inserted {
                    problems.append(Diagnostic(file: file, line: line, severity: .warning,
                                               message: "node type '\(type)' names no kind: its alters are read as relatives "
                                                   + "(name it in \(NetworkCanvasMapping.fileName): entity,type,kind)"))
                }
            }
            var values = attributes.filter { !NetworkCanvasExport.reservedColumns.contains($0.key) }
            if let original = values["kind"] { values["nc_kind"] = original }
            values["kind"] = kind.rawValue
            if values["label"] == nil { values["label"] = Builder.nameValue(in: attributes) ?? "\(type) \(attributes["nodeID"] ?? uuid)" }
            values["nc_type"] = type
            values["nc_uuid"] = uuid
            if let (x, y) = Builder.layout(in: attributes) {
                values["nc_x"] = x
                values["nc_y"] = y
            }
            let id = NodeID(uuid)
            alters[uuid] = (ego, id, kind)
            if let nodeID = attributes["nodeID"] { nodeIDs[ego + "\u{1F}" + nodeID] = uuid }
            graph.addNode(Node(id: id, attributes: values))
            graph.addEdge(Edge(source: user, target: id, attributes: ["kind": EdgeKind.contact.rawValue]))
        }

        /// The alter a tie's end names: by UUID, else by the interview's nodeID.
        func alter(uuid: String?, nodeID: String?, ego: String) -> (ego: String, id: NodeID, kind: NodeKind)? {
            if let uuid, let found = alters[uuid], found.ego == ego { return found }
            if let nodeID, let uuid = nodeIDs[ego + "\u{1F}" + nodeID] { return alters[uuid] }
            return nil
        }

        mutating func addTie(ego: String, type: String, source: (ego: String, id: NodeID, kind: NodeKind),
                             target: (ego: String, id: NodeID, kind: NodeKind), attributes: [String: String]) {
            var values = attributes.filter { !NetworkCanvasExport.reservedColumns.contains($0.key) }
            if let original = values["kind"] { values["nc_kind"] = original }
            values["kind"] = mapping.kind(ofEdgeType: type, between: source.kind, and: target.kind).rawValue
            values["nc_type"] = type
            if let user = users[ego] { values["user"] = user.rawValue }
            graph.addEdge(Edge(source: source.id, target: target.id, attributes: values))
        }

        static func nameValue(in attributes: [String: String]) -> String? {
            for key in ["name", "Name", "NAME", "label", "nickname"] {
                if let value = attributes[key], !value.isEmpty { return value }
            }
            return nil
        }

        /// The first layout pair, in column-name order: `<v>_x` with `<v>_y` (either case), both numbers.
        static func layout(in attributes: [String: String]) -> (String, String)? {
            for key in attributes.keys.sorted() where key.hasSuffix("_x") || key.hasSuffix("_X") {
                let base = key.dropLast(2)
                guard let x = attributes[key], Double(x) != nil,
                      let y = attributes[base + "_y"] ?? attributes[base + "_Y"], Double(y) != nil else { continue }
                return (x, y)
            }
            return nil
        }
    }

    /// Reads every interview of an export folder into one graph; the problems of single rows
    /// and files (an interview without its ego file, a tie to an alter that is not there) are
    /// returned beside it, each with its file and line, and the rest is read. A folder with no
    /// ego file at all, or a mapping file that cannot be used, is an error.
    public static func read(_ folder: URL, displayName: String) throws(Diagnostic) -> (graph: CollaborationGraph, problems: [Diagnostic]) {
        var builder = Builder(mapping: try NetworkCanvasMapping.beside(folder, displayFolder: displayName))
        let files = csvFiles(in: folder).compactMap { name in role(of: name).map { (name, $0) } }
        func shown(_ name: String) -> String { (displayName as NSString).appendingPathComponent(name) }
        func table(_ name: String) -> CSVFolder.Table? {
            do {
                return try CSVFolder.table(folder.appendingPathComponent(name), displayName: shown(name))
            } catch {
                builder.problems.append(error)
                return nil
            }
        }
        func row(_ table: CSVFolder.Table, _ fields: [String]) -> [String: String] {
            var values: [String: String] = [:]
            for (index, name) in table.header.enumerated() where !name.isEmpty {
                if let value = table.value(fields, index) { values[name] = value }
            }
            return values
        }

        // Egos first: the other files join to them.
        var egos: [(uuid: String, caseID: String?, values: [String: String])] = []
        var seen: Set<String> = []
        for (name, fileRole) in files where fileRole == .ego {
            guard let table = table(name) else { continue }
            guard table.index(egoColumn) != nil else {
                builder.problems.append(Diagnostic(file: shown(name), line: 1, message: "an ego file needs the column \(egoColumn)"))
                continue
            }
            for (line, fields) in table.rows {
                let values = row(table, fields)
                guard let uuid = values[egoColumn] else {
                    builder.problems.append(Diagnostic(file: shown(name), line: line, message: "an ego with no \(egoColumn)"))
                    continue
                }
                guard seen.insert(uuid).inserted else {
                    builder.problems.append(Diagnostic(file: shown(name), line: line, message: "ego \(uuid) is in the export twice; this row is not read"))
                    continue
                }
                egos.append((uuid, values[caseColumn], values))
            }
        }
        guard !egos.isEmpty else {
            throw Diagnostic(file: displayName, line: nil, message: "the Network Canvas export has no ego file (…_ego.csv) with an ego in it: "
                             + "each interview's alters and ties join to its ego")
        }
        // The case ID names the user where it is unique in the export, else the ego's UUID.
        var caseCounts: [String: Int] = [:]
        for ego in egos { if let caseID = ego.caseID { caseCounts[caseID, default: 0] += 1 } }
        for ego in egos {
            let id = ego.caseID.flatMap { caseCounts[$0] == 1 && !seen.contains($0) ? $0 : nil } ?? ego.uuid
            var values = ego.values.filter { !reservedColumns.contains($0.key) }
            if let caseID = ego.caseID { values["nc_case"] = caseID }
            if let session = ego.values["networkCanvasSessionID"] { values["nc_session"] = session }
            builder.addUser(ego: ego.uuid, id: NodeID(id), attributes: values)
        }

        for (name, fileRole) in files {
            guard case .alters(let type) = fileRole, let table = table(name) else { continue }
            guard table.index(egoColumn) != nil, table.index(uuidColumn) != nil else {
                builder.problems.append(Diagnostic(file: shown(name), line: 1, message: "an attribute list needs the columns \(egoColumn) and \(uuidColumn)"))
                continue
            }
            var orphans: (line: Int, ego: String, count: Int)?
            for (line, fields) in table.rows {
                let values = row(table, fields)
                guard let ego = values[egoColumn], builder.users[ego] != nil else {
                    if orphans == nil { orphans = (line, values[egoColumn] ?? "", 0) }
                    orphans?.count += 1
                    continue
                }
                guard let uuid = values[uuidColumn], builder.graph[NodeID(uuid)] == nil else {
                    builder.problems.append(Diagnostic(file: shown(name), line: line,
                                                       message: values[uuidColumn] == nil ? "an alter with no \(uuidColumn)"
                                                           : "alter \(values[uuidColumn]!) is listed twice (or has an ego's id); this row is not read"))
                    continue
                }
                builder.addAlter(ego: ego, uuid: uuid, type: type, attributes: values, file: shown(name), line: line)
            }
            if let orphans {
                let expected = name.range(of: attributeListMarker, options: .backwards).map { String(name[..<$0.lowerBound]) + egoSuffix } ?? "…" + egoSuffix
                builder.problems.append(Diagnostic(file: shown(name), line: orphans.line,
                                                   message: "the alters' ego \(orphans.ego) is in no ego file (is \(expected) missing?): "
                                                       + "\(orphans.count) alter\(orphans.count == 1 ? "" : "s") of this file not read"))
            }
        }

        for (name, fileRole) in files {
            guard case .ties(let type) = fileRole, let table = table(name) else { continue }
            guard table.index(egoColumn) != nil else {
                builder.problems.append(Diagnostic(file: shown(name), line: 1, message: "an edge list needs the column \(egoColumn)"))
                continue
            }
            for (line, fields) in table.rows {
                let values = row(table, fields)
                guard let ego = values[egoColumn], builder.users[ego] != nil else {
                    builder.problems.append(Diagnostic(file: shown(name), line: line, message: "the tie's ego \(values[egoColumn] ?? "(none)") is in no ego file; the tie is not read"))
                    continue
                }
                guard let source = builder.alter(uuid: values["networkCanvasSourceUUID"], nodeID: values["from"], ego: ego),
                      let target = builder.alter(uuid: values["networkCanvasTargetUUID"], nodeID: values["to"], ego: ego) else {
                    builder.problems.append(Diagnostic(file: shown(name), line: line, message: "the tie's ends are not both alters of ego \(ego); the tie is not read"))
                    continue
                }
                builder.addTie(ego: ego, type: type, source: source, target: target, attributes: values)
            }
        }
        builder.graph.attributes[CollaborationGraph.interviewKey] = interviewValue
        return (builder.graph.normalizingVocabulary(), builder.problems)
    }

    /// The `interview` attribute of a graph read from an export: its ties are named at the
    /// interview and have no dates.
    static let interviewValue = "network-canvas"

    /// An XML attribute of the GraphML's `<graph>` (or `<graphml>`) element by its local name,
    /// in any case (`nc:caseId` on `<graph>`; older exporters wrote `nc:caseID` on `<graphml>`).
    static func elementAttribute(_ name: String, in attributes: [String: String]) -> String? {
        let local = name.lowercased()
        let found = attributes.filter { key, _ in
            let lowered = key.lowercased()
            return !lowered.hasPrefix("xmlns") && (lowered == local || lowered.hasSuffix(":" + local))
        }
        return found.sorted { $0.key < $1.key }.first.flatMap { $0.value.isEmpty ? nil : $0.value }
    }

    /// A Network Canvas GraphML file as read by `GraphMLReader` (the ego's variables on the
    /// graph, alters as nodes with `networkCanvasType`, ties as edges with it, layout variables
    /// as `<name>_X`, `<name>_Y`) turned into the same helper network as its CSV set.
    /// `elementAttributes` are the XML attributes of the file's `<graph>` element
    /// (`GraphMLReader.readDocument`): the user is named by its `nc:caseId` as in the CSV set
    /// (by the ego's UUID where there is none), and the case, the session and its times are kept
    /// under the CSV set's names.
    public static func adopt(_ graphML: CollaborationGraph, mapping: NetworkCanvasMapping, file: String,
                             elementAttributes: [String: String] = [:])
        -> (graph: CollaborationGraph, problems: [Diagnostic])
    {
        var builder = Builder(mapping: mapping)
        let ego = graphML.attributes[uuidColumn] ?? "ego"
        var egoValues = graphML.attributes.filter { $0.key != uuidColumn }
        egoValues.removeValue(forKey: "label")
        let caseID = elementAttribute("caseId", in: elementAttributes)
        if let caseID { egoValues["nc_case"] = caseID }
        if let session = elementAttribute("sessionUUID", in: elementAttributes) { egoValues["nc_session"] = session }
        for (xml, column) in [("sessionStartTime", "sessionStart"), ("sessionFinishTime", "sessionFinish"),
                              ("sessionExportTime", "sessionExported")] where egoValues[column] == nil {
            if let time = elementAttribute(xml, in: elementAttributes) { egoValues[column] = time }
        }
        builder.addUser(ego: ego, id: NodeID(caseID ?? ego), attributes: egoValues)
        var ids: [NodeID: String] = [:]
        for node in graphML.nodes {
            let uuid = node.attributes[uuidColumn] ?? node.id.rawValue
            guard builder.graph[NodeID(uuid)] == nil else {
                builder.problems.append(Diagnostic(file: file, line: nil, message: "alter \(uuid) is in the file twice (or has the ego's id); node \(node.id) is not read"))
                continue
            }
            ids[node.id] = uuid
            var values = node.attributes
            values["nodeID"] = node.id.rawValue
            builder.addAlter(ego: ego, uuid: uuid, type: node.attributes[typeKey] ?? "", attributes: values, file: file, line: nil)
        }
        for edge in graphML.edges {
            guard let source = ids[edge.source].flatMap({ builder.alters[$0] }), let target = ids[edge.target].flatMap({ builder.alters[$0] }) else { continue }
            builder.addTie(ego: ego, type: edge.attributes[typeKey] ?? "", source: source, target: target, attributes: edge.attributes)
        }
        builder.graph.attributes[CollaborationGraph.interviewKey] = interviewValue
        return (builder.graph.normalizingVocabulary(), builder.problems)
    }
}
