import Foundation

/// A what-if scenario: edits applied in order to a graph in memory (the input file is never
/// changed). One edit per line, `#` starts a comment (docs/scenarios.md):
///
///     move NODE under SUPERIOR      a reports_to line moves (a reorganisation)
///     merge NODE into NODE          every edge of the first goes to the second; the first goes
///     relevel LEVEL LEVEL           every node, edge and group at the first level is at the second
///     remove NODE                   with its edges (a purchaser office, a hand-off)
///     add ID key=value …            a node
///     tie A B key=value …           an edge (kind=collaboration unless given)
///     untie A B [kind=K]            every edge between A and B (of that kind)
///     set NODE key=value …          attributes of a node
public struct EditScript: Sendable, Equatable {
    public enum Verb: String, Sendable, CaseIterable {
        case move, merge, relevel, remove, add, tie, untie, set
    }

    public enum Edit: Sendable, Equatable {
        case move(NodeID, under: NodeID)
        case merge(NodeID, into: NodeID)
        case relevel(Level, Level)
        case remove(NodeID)
        case add(NodeID, [String: String])
        case tie(NodeID, NodeID, [String: String])
        case untie(NodeID, NodeID, kind: EdgeKind?)
        case set(NodeID, [String: String])

        public var verb: Verb {
            switch self {
            case .move: .move
            case .merge: .merge
            case .relevel: .relevel
            case .remove: .remove
            case .add: .add
            case .tie: .tie
            case .untie: .untie
            case .set: .set
            }
        }
    }

    /// An edit with the line it was written on, as written (spaces around it trimmed).
    public struct Line: Sendable, Equatable {
        public let number: Int
        public let text: String
        public let edit: Edit
    }

    public let file: String
    public let lines: [Line]

    /// Parses a script; the first line that is not an edit is the error, with its line.
    public init(text: String, file: String) throws(Diagnostic) {
        self.file = file
        var lines: [Line] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = index + 1
            do throws(EditError) {
                let words = try Self.words(of: Substring(raw))
                guard !words.isEmpty else { continue }
                let written = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                lines.append(Line(number: number, text: written, edit: try Self.edit(words)))
            } catch {
                throw Diagnostic(file: file, line: number, message: error.message)
            }
        }
        self.lines = lines
    }

    struct EditError: Error {
        let message: String
    }

    /// The words of a line, split at spaces and tabs, up to a `#` outside quotes; a value may
    /// be quoted to hold spaces (`label="Psykisk helse"`), with `\"` for a quote.
    static func words(of line: Substring) throws(EditError) -> [String] {
        var words: [String] = [], current = "", inWord = false, quoted = false, escaped = false
        for character in line {
            if quoted {
                if escaped { current.append(character); escaped = false }
                else if character == "\\" { escaped = true }
                else if character == "\"" { quoted = false }
                else { current.append(character) }
            } else if character == "#" {
                break
            } else if character == " " || character == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else if character == "\"" {
                quoted = true
                inWord = true
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard !quoted else { throw EditError(message: "a quote is not closed") }
        if inWord { words.append(current) }
        return words
    }

    private static func edit(_ words: [String]) throws(EditError) -> Edit {
        guard let verb = Verb(rawValue: words[0].lowercased()) else {
            throw EditError(message: "unknown edit '\(words[0])': the edits are \(Verb.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let arguments = Array(words.dropFirst())
        func exactly(_ count: Int, _ form: String) throws(EditError) {
            guard arguments.count == count else { throw EditError(message: "\(verb.rawValue) takes \(form)") }
        }
        switch verb {
        case .move:
            try exactly(3, "NODE under SUPERIOR")
            guard arguments[1].lowercased() == "under" else { throw EditError(message: "move takes NODE under SUPERIOR") }
            return .move(NodeID(arguments[0]), under: NodeID(arguments[2]))
        case .merge:
            try exactly(3, "NODE into NODE")
            guard arguments[1].lowercased() == "into" else { throw EditError(message: "merge takes NODE into NODE") }
            guard arguments[0] != arguments[2] else { throw EditError(message: "merge of '\(arguments[0])' into itself") }
            return .merge(NodeID(arguments[0]), into: NodeID(arguments[2]))
        case .relevel:
            try exactly(2, "LEVEL LEVEL (the level to change, and the level it becomes)")
            let levels = try arguments.map { (name: String) throws(EditError) -> Level in
                guard let level = Level(name: name) else {
                    throw EditError(message: "unknown level '\(name)': the levels are \(Level.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return level
            }
            return .relevel(levels[0], levels[1])
        case .remove:
            try exactly(1, "NODE")
            return .remove(NodeID(arguments[0]))
        case .add:
            guard let id = arguments.first else { throw EditError(message: "add takes ID key=value …") }
            return .add(NodeID(id), try known(attributes(arguments.dropFirst()), kinds: NodeKind.self))
        case .tie:
            guard arguments.count >= 2 else { throw EditError(message: "tie takes A B key=value …") }
            return .tie(NodeID(arguments[0]), NodeID(arguments[1]), try known(attributes(arguments.dropFirst(2)), kinds: EdgeKind.self))
        case .untie:
            guard arguments.count == 2 || arguments.count == 3 else { throw EditError(message: "untie takes A B [kind=K]") }
            var kind: EdgeKind?
            if arguments.count == 3 {
                let given = try attributes(arguments.dropFirst(2))
                guard given.count == 1, let name = given["kind"] else { throw EditError(message: "untie takes A B [kind=K]") }
                guard let known = EdgeKind(name: name) else { throw EditError(message: "unknown edge kind '\(name)'") }
                kind = known
            }
            return .untie(NodeID(arguments[0]), NodeID(arguments[1]), kind: kind)
        case .set:
            guard let id = arguments.first, arguments.count >= 2 else { throw EditError(message: "set takes NODE key=value …") }
            return .set(NodeID(id), try known(attributes(arguments.dropFirst()), kinds: NodeKind.self))
        }
    }

    /// `attributes` whose `kind` and `level`, when given, are in the vocabulary (an edit must not
    /// bring in a name that validation would then only warn about).
    private static func known<Kind: VocabularyTerm>(_ attributes: [String: String], kinds: Kind.Type) throws(EditError) -> [String: String] {
        if let kind = attributes["kind"], !kind.isEmpty, Kind(name: kind) == nil {
            throw EditError(message: "unknown kind '\(kind)': the kinds are \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let level = attributes["level"], !level.isEmpty, Level(name: level) == nil {
            throw EditError(message: "unknown level '\(level)': the levels are \(Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return attributes
    }

    private static func attributes(_ words: ArraySlice<String>) throws(EditError) -> [String: String] {
        var result: [String: String] = [:]
        for word in words {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw EditError(message: "'\(word)' is not key=value")
            }
            let key = String(word[..<equals]), value = String(word[word.index(after: equals)...])
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw EditError(message: "'\(key)' is not an attribute name (letters, digits and _)")
            }
            guard result[key] == nil else { throw EditError(message: "'\(key)' is given twice") }
            result[key] = value
        }
        return result
    }
}
