import Foundation

/// Finds the line where a node or edge first appears in DOT source text.
///
/// cgraph parses DOT but does not record where each object came from, so validation needs
/// this to name a line. It is a tokenizer, not a parser: cgraph has already accepted the text
/// by the time it is asked, and it only has to find statements, not judge them.
public struct DOTSourceLocator: Sendable {
    private var nodeLines: [String: Int] = [:]
    /// The line of the first token after the first graph's closing brace: cgraph reads only
    /// the first graph of a text and ignores the rest without a word.
    public private(set) var trailingContentLine: Int?
    private var edgeLines: [EdgeKey: [Int]] = [:]

    private struct EdgeKey: Hashable { let tail: String, head: String }

    public init(text: String) {
        let tokens = Self.tokenize(text)
        var bracketDepth = 0
        var previousOperand: [String] = []
        var pendingEdgeTails: [String]? = nil
        var pendingEdgeLine = 0
        // Brace groups, which may be edge operands: the ids inside each open `{`, and the
        // edge tails waiting outside it.
        var groupStack: [(members: [String], tails: [String]?, line: Int)] = []
        var index = 0

        func record(node name: String, line: Int) {
            if nodeLines[name] == nil { nodeLines[name] = line }
            for i in groupStack.indices { groupStack[i].members.append(name) }
        }
        func operandEnded(_ operand: [String], line: Int) {
            if let tails = pendingEdgeTails {
                for tail in tails {
                    for head in operand {
                        edgeLines[EdgeKey(tail: tail, head: head), default: []].append(pendingEdgeLine)
                    }
                }
                pendingEdgeTails = nil
            }
            previousOperand = operand
        }

        trailingContentLine = Self.trailingContentLine(of: text)

        func skipValue() {
            if index + 1 < tokens.count, case .identifier = tokens[index + 1].kind { index += 1 }
        }

        while index < tokens.count {
            let token = tokens[index]
            defer { index += 1 }
            switch token.kind {
            case .punctuation("["): bracketDepth += 1
            case .punctuation("]"): bracketDepth = max(0, bracketDepth - 1)
            case _ where bracketDepth > 0: continue
            case .punctuation("{"):
                groupStack.append(([], pendingEdgeTails, pendingEdgeLine))
                pendingEdgeTails = nil
                previousOperand = []
            case .punctuation("}"):
                let group = groupStack.popLast() ?? ([], nil, 0)
                pendingEdgeTails = group.tails
                pendingEdgeLine = group.line
                operandEnded(group.members, line: token.line)
            case .edgeOperator:
                pendingEdgeTails = previousOperand
                pendingEdgeLine = tokens[max(0, index - 1)].line
            case .punctuation(";"), .punctuation(","):
                previousOperand = []
            case .identifier(let name, let quoted):
                let next = index + 1 < tokens.count ? tokens[index + 1].kind : nil
                let previous = index > 0 ? tokens[index - 1].kind : nil
                if next == .punctuation("=") { index += 1; skipValue(); continue }
                if previous == .punctuation(":") { continue }  // a port
                if !quoted, Self.keywords.contains(name.lowercased()) {
                    // The name after graph/digraph/subgraph names the graph, not a node.
                    if ["graph", "digraph", "subgraph"].contains(name.lowercased()), index + 1 < tokens.count,
                       case .identifier(let next, let nextQuoted) = tokens[index + 1].kind,
                       nextQuoted || !Self.keywords.contains(next.lowercased()) { index += 1 }
                    continue
                }
                record(node: name, line: token.line)
                operandEnded([name], line: token.line)
            default:
                continue
            }
        }
    }

    /// The line of the first statement naming the node, if found.
    public func line(ofNode id: NodeID) -> Int? { nodeLines[id.rawValue] }

    /// The line of the `occurrence`-th edge statement (0-based) from `source` to `target`,
    /// also matched the other way round (undirected graphs), else the source node's line.
    public func line(ofEdgeFrom source: NodeID, to target: NodeID, occurrence: Int) -> Int? {
        for key in [EdgeKey(tail: source.rawValue, head: target.rawValue),
                    EdgeKey(tail: target.rawValue, head: source.rawValue)] {
            if let lines = edgeLines[key], !lines.isEmpty {
                return lines[min(occurrence, lines.count - 1)]
            }
        }
        return line(ofNode: source)
    }

    /// Lines for every node and edge of `graph`, read from this source.
    public func sourceLines(for graph: CollaborationGraph) -> SourceLines {
        var nodes: [NodeID: Int] = [:]
        for node in graph.nodes { nodes[node.id] = line(ofNode: node.id) }
        var seen: [EdgeKey: Int] = [:]
        let edges = graph.edges.map { edge -> Int? in
            let key = EdgeKey(tail: edge.source.rawValue, head: edge.target.rawValue)
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            return line(ofEdgeFrom: edge.source, to: edge.target, occurrence: occurrence)
        }
        return SourceLines(nodes: nodes, edges: edges)
    }

    static let keywords: Set<String> = ["graph", "digraph", "node", "edge", "subgraph", "strict"]

    enum TokenKind: Equatable {
        case identifier(String, quoted: Bool)
        case punctuation(Character)
        case edgeOperator
    }

    /// The line of the first text after the first graph's closing brace, without finding the
    /// lines of nodes and edges (which validation needs only when it has something to report).
    public static func trailingContentLine(of text: String) -> Int? {
        // Scanned to the first graph's end and one token past it, no token kept (tokenizing the
        // whole text was about 1% of drawing a small helper network).
        var depth = 0
        var firstGraphClosed = false
        var found: Int?
        scan(text, values: false) { token in
            if firstGraphClosed {
                found = token.line
                return false
            }
            if token.kind == .punctuation("{") { depth += 1 }
            if token.kind == .punctuation("}") {
                depth -= 1
                if depth == 0 { firstGraphClosed = true }
            }
            return true
        }
        return found
    }

    struct Token {
        let kind: TokenKind
        let line: Int
    }

    /// Works on UTF-8 bytes: every character the DOT grammar gives a meaning is ASCII, and no
    /// byte of a multi-byte sequence is (scalar by scalar, with a String appended a scalar at a
    /// time, this was a tenth of a render).
    /// Without `values`, identifiers are left empty (finding where the graph ends needs only
    /// the punctuation, and making their strings was most of the work).
    static func tokenize(_ text: String, values: Bool = true) -> [Token] {
        var tokens: [Token] = []
        scan(text, values: values) { tokens.append($0); return true }
        return tokens
    }

    /// Hands each token of `text` to `visit`, in order, until it returns false.
    private static func scan(_ text: String, values: Bool, _ visit: (Token) -> Bool) {
        let bytes = Array(text.utf8)
        var i = 0
        var line = 1
        var atLineStart = true
        func peek(_ offset: Int = 0) -> UInt8? {
            i + offset < bytes.count ? bytes[i + offset] : nil
        }
        let newline = UInt8(ascii: "\n"), quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        while i < bytes.count {
            let c = bytes[i]
            if c == newline { line += 1; i += 1; atLineStart = true; continue }
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") { i += 1; continue }
            defer { atLineStart = false }
            if c == UInt8(ascii: "#") && atLineStart {  // preprocessor output line
                while let d = peek(), d != newline { i += 1 }
                continue
            }
            if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/") {
                while let d = peek(), d != newline { i += 1 }
                continue
            }
            if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                i += 2
                while i < bytes.count && !(bytes[i] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) {
                    if bytes[i] == newline { line += 1 }
                    i += 1
                }
                i += 2
                continue
            }
            if c == UInt8(ascii: "-") && (peek(1) == UInt8(ascii: ">") || peek(1) == UInt8(ascii: "-")) {
                guard visit(Token(kind: .edgeOperator, line: line)) else { return }
                i += 2
                continue
            }
            if Self.isPunctuation(c) {
                guard visit(Token(kind: .punctuation(Character(Unicode.Scalar(c))), line: line)) else { return }
                i += 1
                continue
            }
            if c == quote {
                let startLine = line
                var value: [UInt8] = []
                i += 1
                while i < bytes.count && bytes[i] != quote {
                    if !values {
                        if bytes[i] == backslash && (peek(1) == quote || peek(1) == backslash) { i += 2; continue }
                        if bytes[i] == newline { line += 1 }
                        i += 1
                        continue
                    }
                    if bytes[i] == backslash && peek(1) == quote {
                        value.append(quote); i += 2; continue
                    }
                    if bytes[i] == backslash && peek(1) == newline {
                        line += 1; i += 2; continue
                    }
                    if bytes[i] == backslash && peek(1) == backslash {
                        value.append(backslash); value.append(backslash); i += 2; continue
                    }
                    if bytes[i] == newline { line += 1 }
                    value.append(bytes[i])
                    i += 1
                }
                i += 1
                guard visit(Token(kind: .identifier(String(decoding: value, as: UTF8.self), quoted: true), line: startLine)) else { return }
                continue
            }
            if c == UInt8(ascii: "<") {  // HTML-like string: nested angle brackets
                let startLine = line
                var depth = 0
                let start = i
                repeat {
                    let d = bytes[i]
                    if d == UInt8(ascii: "<") { depth += 1 } else if d == UInt8(ascii: ">") { depth -= 1 }
                    if d == newline { line += 1 }
                    i += 1
                } while i < bytes.count && depth > 0
                guard visit(Token(kind: .identifier(values ? String(decoding: bytes[start..<i], as: UTF8.self) : "", quoted: true),
                                  line: startLine)) else { return }
                continue
            }
            let start = i
            if c == UInt8(ascii: "-") { i += 1 }  // a negative numeral
            while let d = peek(), isIdentifierByte(d) { i += 1 }
            if i == start { i += 1; continue }  // a stray character cgraph would have refused
            guard visit(Token(kind: .identifier(values ? String(decoding: bytes[start..<i], as: UTF8.self) : "", quoted: false), line: line)) else { return }
        }
    }

    /// `{}[];,=:` (a switch, not a set: it is asked of every byte outside a string).
    private static func isPunctuation(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ";"),
             UInt8(ascii: ","), UInt8(ascii: "="), UInt8(ascii: ":"): true
        default: false
        }
    }

    /// Any byte of a non-ASCII character (all count as letters, as in cgraph), or an ASCII
    /// letter, digit, `_` or `.`.
    private static func isIdentifierByte(_ c: UInt8) -> Bool {
        c >= 128 || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")
            || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }
}

/// Where each node and edge of a graph was written: the line numbers validation reports.
public struct SourceLines: Sendable, Equatable {
    public var nodes: [NodeID: Int]
    /// One entry per edge of the graph, in the graph's edge order.
    public var edges: [Int?]

    public init(nodes: [NodeID: Int] = [:], edges: [Int?] = []) {
        self.nodes = nodes
        self.edges = edges
    }
}
