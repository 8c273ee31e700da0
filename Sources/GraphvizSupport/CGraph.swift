import CGraphviz
import CGraphvizShim
import Foundation

/// Owns one cgraph root graph and closes it exactly once.
///
/// Created only inside `Graphviz.serialized`, and must be released inside it too: every
/// use, including the last release, happens within one `serialized` block (see `parse`).
final class CGraph {
    let pointer: UnsafeMutablePointer<Agraph_t>

    init(_ pointer: UnsafeMutablePointer<Agraph_t>) {
        Graphviz.shared.requireSerialized()
        self.pointer = pointer
    }

    deinit {
        Graphviz.shared.requireSerialized()
        agclose(pointer)
    }

    /// Parses DOT text with cgraph; what cgraph warned about goes to `warnings`. An error
    /// message fails the parse even when cgraph handed back a graph: on a parser-stack overflow
    /// (thousands of nested braces) it returns what it had read so far, and that graph must not
    /// pass for the file. Call only inside `Graphviz.serialized`.
    static func parse(_ text: String, graphviz: Graphviz, warnings: inout [String]) throws(GraphvizError) -> CGraph {
        graphviz.requireSerialized()
        // cgraph reads only the first graph of a text; when anything follows it, the lexer is
        // left in a state that shifts the line numbers of the *next* parse's errors (seen on
        // Graphviz 2.43: "a }\nXYZ" then a broken file reports line 4 for line 3). Parsing an
        // empty graph first puts the lexer back at the start of a fresh text.
        if let reset = sh_agread_text("graph{}") { agclose(reset) }
        _ = graphviz.takeMessages()
        agreseterrors()
        let parsed = text.withCString { sh_agread_text($0) }
        let messages = graphviz.takeMessages()
        let errors = messages.filter { !$0.hasPrefix("Warning") }
        guard let parsed, errors.isEmpty else {
            if let parsed { agclose(parsed) }
            let message = errors.joined(separator: " ")
                .replacingOccurrences(of: "Error: ", with: "")
                .replacingOccurrences(of: "  ", with: " ")
            throw .syntax(line: Self.lineNumber(in: message) ?? (message.isEmpty ? nil : 1),
                          message: message.isEmpty ? "not a DOT graph (no graph found)" : message)
        }
        warnings = messages.map { $0.replacingOccurrences(of: "Warning: ", with: "") }
        return CGraph(parsed)
    }

    /// The number after "line" in a cgraph message ("syntax error in line 3 near ';'").
    static func lineNumber(in message: String) -> Int? {
        guard let range = message.range(of: "line ") else { return nil }
        let digits = message[range.upperBound...].prefix(while: \.isNumber)
        return Int(digits)
    }
}
