import Foundation

/// The model's own JSON schema: everything a graph holds, nothing more.
///
/// ```json
/// {"name": "g", "directed": true, "strict": false, "attributes": {…}, "html": […],
///  "nodes": [{"id": "u", "attributes": {…}, "html": […]}],
///  "edges": [{"source": "u", "target": "gp", "attributes": {…}}],
///  "groups": [{"id": "cluster_a", "parent": null, "attributes": {…}, "members": ["gp"]}]}
/// ```
public enum ModelJSON {
    struct Document: Codable {
        var name: String
        var directed: Bool
        var strict: Bool
        var attributes: [String: String]
        var html: [String]?
        var nodes: [NodeRecord]
        var edges: [EdgeRecord]
        var groups: [GroupRecord]
    }

    struct NodeRecord: Codable {
        var id: String
        var attributes: [String: String]
        var html: [String]?
    }

    struct EdgeRecord: Codable {
        var source: String
        var target: String
        var attributes: [String: String]
        var html: [String]?
    }

    struct GroupRecord: Codable {
        var id: String
        var parent: String?
        var attributes: [String: String]
        var html: [String]?
        var members: [String]
    }

    static func html(_ set: Set<String>) -> [String]? { set.isEmpty ? nil : set.sorted() }

    public static func write(_ graph: CollaborationGraph) -> String {
        let document = Document(
            name: graph.name, directed: graph.isDirected, strict: graph.isStrict, attributes: graph.attributes,
            html: html(graph.htmlAttributes),
            nodes: graph.nodes.map { NodeRecord(id: $0.id.rawValue, attributes: $0.attributes, html: html($0.htmlAttributes)) },
            edges: graph.edges.map {
                EdgeRecord(source: $0.source.rawValue, target: $0.target.rawValue, attributes: $0.attributes, html: html($0.htmlAttributes))
            },
            groups: graph.groups.map {
                GroupRecord(id: $0.id, parent: $0.parent, attributes: $0.attributes, html: html($0.htmlAttributes),
                            members: $0.members.map(\.rawValue))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads the schema; a malformed document is a diagnostic naming the line where JSON
    /// parsing stopped, or the path of the field that is wrong.
    public static func read(_ data: Data, file: String) throws(Diagnostic) -> CollaborationGraph {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw Diagnostic(file: file, line: lineOfSyntaxError(data), message: "not valid JSON: \(context.debugDescription)")
        } catch let error as DecodingError {
            throw Diagnostic(file: file, line: nil, message: "not a Samhandling graph: \(describe(error))")
        } catch {
            throw Diagnostic(file: file, line: nil, message: "not valid JSON: \(error.localizedDescription)")
        }
        var graph = CollaborationGraph(name: document.name, isDirected: document.directed, isStrict: document.strict,
                                       attributes: document.attributes)
        graph.htmlAttributes = Set(document.html ?? [])
        for node in document.nodes {
            graph.addNode(Node(id: NodeID(node.id), attributes: node.attributes, htmlAttributes: Set(node.html ?? [])))
        }
        for edge in document.edges {
            graph.addEdge(Edge(source: NodeID(edge.source), target: NodeID(edge.target), attributes: edge.attributes,
                               htmlAttributes: Set(edge.html ?? [])))
        }
        graph.groups = document.groups.map {
            Group(id: $0.id, attributes: $0.attributes, members: $0.members.map { NodeID($0) }, parent: $0.parent,
                  htmlAttributes: Set($0.html ?? []))
        }
        return graph.normalizingVocabulary()
    }

    /// Groups alone, as compact JSON (GraphML keeps them in one graph-level data value).
    static func groupsJSON(_ groups: [Group]) -> String {
        let records = groups.map {
            GroupRecord(id: $0.id, parent: $0.parent, attributes: $0.attributes, html: html($0.htmlAttributes),
                        members: $0.members.map(\.rawValue))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(records)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func groups(fromJSON text: String) -> [Group]? {
        guard let records = try? JSONDecoder().decode([GroupRecord].self, from: Data(text.utf8)) else { return nil }
        return records.map {
            Group(id: $0.id, attributes: $0.attributes, members: $0.members.map { NodeID($0) }, parent: $0.parent,
                  htmlAttributes: Set($0.html ?? []))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// JSONSerialization names the character where parsing stopped; count lines up to it.
    private static func lineOfSyntaxError(_ data: Data) -> Int? {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return nil
        } catch {
            let text = "\(error)"
            guard let range = text.range(of: "character ") else { return nil }
            guard let offset = Int(text[range.upperBound...].prefix(while: \.isNumber)) else { return nil }
            return 1 + data.prefix(offset).filter { $0 == 0x0A }.count
        }
    }
}
