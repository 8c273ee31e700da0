import Foundation

/// What `samhandling scenario` prints: the measures before and after the edits (exactly as
/// `metrics` prints them) and every one that changed.
public struct ScenarioReport: Sendable {
    public let input: String
    public let script: EditScript
    public let before: MetricsReport
    public let after: MetricsReport
    public let changes: [ScenarioChange]
    /// Names for ids in the table (the graph's labels).
    public var labels: [String: String] = [:]
    /// The seven requirements before and after the edits, when asked for: a section of the table
    /// and a key of the JSON.
    public var requirements: (before: [RequirementsScorecard], after: [RequirementsScorecard])?

    public init(input: String, script: EditScript, before: MetricsReport, after: MetricsReport) {
        self.input = input
        self.script = script
        self.before = before
        self.after = after
        changes = ScenarioChange.between(before.json, after.json)
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "input": .string(input), "edits": .array(script.lines.map { .string($0.text) }),
            "before": before.json, "after": after.json, "changes": .array(changes.map(\.json)),
        ]
        if let requirements {
            let language = before.meta.language
            members["requirements"] = .object([
                "before": RequirementsReport(requirements.before, language: language).json,
                "after": RequirementsReport(requirements.after, language: language).json,
            ])
        }
        return .object(members)
    }

    public static let csvHeader = ["scope", "subject", "measure", "before", "after"]

    /// The changes, one row each (RFC 4180).
    public var csv: String {
        CSVText.write([Self.csvHeader] + changes.map {
            [$0.scope.rawValue, $0.subject ?? "", $0.measure, MetricsFormat.plain($0.before), MetricsFormat.plain($0.after)]
        })
    }

    /// The changes for people: grouped by scope and subject, with names, before → after; then,
    /// when asked for, the seven requirements before and after, side by side.
    public func table(language: Language) -> String {
        guard let requirements else { return changesTable(language: language) }
        let words = language.requirements
        let single = requirements.before.count == 1 && requirements.after.count == 1
        var paired: [RequirementsScorecard] = []
        for (old, new) in zip(requirements.before, requirements.after) {
            paired.append(old.named(single ? words.before : "\(old.name) \(words.before)"))
            paired.append(new.named(single ? words.after : "\(new.name) \(words.after)"))
        }
        return changesTable(language: language) + "\n" + words.scenario + "\n"
            + RequirementsReport(paired, language: language).gridLines(pairs: true).joined(separator: "\n") + "\n"
    }

    private func changesTable(language: Language) -> String {
        let words = language.scenario
        var lines = [words.heading(input, script.file)]
        for line in script.lines { lines.append("  \(line.number): \(line.text)") }
        lines.append("")
        guard !changes.isEmpty else { return (lines + [words.noChanges]).joined(separator: "\n") + "\n" }
        // Per node centrality moves with almost any edit: the table shows the largest moves
        // in betweenness (the JSON and CSV have every one).
        let central = changes.filter { $0.scope == .graph && $0.subject != nil }
        let rest = changes.filter { !($0.scope == .graph && $0.subject != nil) }
        let width = changes.map { MeasureNames.name($0.measure, language).count }.max() ?? 0
        func line(_ change: ScenarioChange) -> String {
            let name = MeasureNames.name(change.measure, language)
            return "  \(name)\(String(repeating: " ", count: width - name.count))  \(Self.shown(change.before)) → \(Self.shown(change.after))"
        }
        func named(_ id: String) -> String { labels[id].map { "\($0) (\(id))" } ?? id }
        var previous: (ScenarioChange.Scope, String?)?
        for change in rest {
            if previous == nil || previous! != (change.scope, change.subject) {
                if previous != nil { lines.append("") }
                lines.append(words.scope(change.scope) + (change.subject.map { " " + named($0) } ?? ""))
                previous = (change.scope, change.subject)
            }
            lines.append(line(change))
        }
        let moves = central.filter { $0.measure == "betweenness" }.sorted { magnitude($0) > magnitude($1) }
        if !moves.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines.append(words.brokers(min(moves.count, Self.brokersShown), Set(central.compactMap(\.subject)).count))
            let nameWidth = moves.prefix(Self.brokersShown).map { named($0.subject!).count }.max() ?? 0
            for move in moves.prefix(Self.brokersShown) {
                let name = named(move.subject!)
                lines.append("  \(name)\(String(repeating: " ", count: nameWidth - name.count))  \(Self.shown(move.before)) → \(Self.shown(move.after))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let brokersShown = 5

    /// How far a measure moved (a node that came or went counts as its whole value).
    private func magnitude(_ change: ScenarioChange) -> Double {
        func number(_ value: JSONValue) -> Double {
            switch value {
            case .number(let x): x
            case .int(let n): Double(n)
            default: 0
            }
        }
        return abs(number(change.after) - number(change.before))
    }

    private static func shown(_ value: JSONValue) -> String {
        let text = MetricsFormat.plain(value)
        return text.isEmpty ? "–" : text
    }
}
