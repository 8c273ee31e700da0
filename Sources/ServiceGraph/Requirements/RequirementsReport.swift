import Foundation

/// How the scorecards' texts write names and numbers, in every language.
public enum RequirementText {
    /// The first four names quoted, then how many more (`andMore` in the reader's language).
    public static func names(_ list: [String], limit: Int = 4, andMore: (Int) -> String) -> String {
        let quoted = list.prefix(limit).map { $0.hasPrefix("«") ? $0 : "«\($0)»" }.joined(separator: ", ")
        return list.count > limit ? quoted + andMore(list.count - limit) : quoted
    }

    /// Two decimals, as the tables for people write fractions.
    public static func number(_ value: Double) -> String { String(format: "%.2f", value) }

    /// "1, 2 and 3".
    public static func series(_ items: [String], and: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(and) " + items[items.count - 1]
    }
}

extension Indicator {
    /// The value as the table's cell shows it: "–" when missing.
    public func cell(_ language: Language) -> String {
        guard let value else { return "–" }
        switch value {
        case .count(let n), .level(let n): return String(n)
        case .number(let x): return RequirementText.number(x)
        case .share(let part, of: let whole): return "\(part)/\(whole)"
        case .flag(let flag): return language.yesNo(flag)
        case .model(let model, _): return model.name(language)
        case .change(let from, let to): return (from.map(RequirementText.number) ?? "–") + "→" + RequirementText.number(to)
        case .kinds(let found): return "\(found.count)/\(ServiceKind.allCases.count)"
        case .times(let times): return times.map(language.requirements.timeShort).joined(separator: " ")
        }
    }

    /// The value in JSON (null when missing), with what a reader needs beside it.
    public func json(_ language: Language) -> JSONValue {
        var members: [String: JSONValue] = ["indicator": .string(key.rawValue), "evidence": .array(evidence.map(JSONValue.string))]
        switch value {
        case nil: members["value"] = .null
        case .count(let n)?, .level(let n)?: members["value"] = .int(n)
        case .number(let x)?: members["value"] = .measure(x)
        case .share(let part, of: let whole)?:
            members["value"] = .measure(whole > 0 ? Double(part) / Double(whole) : nil)
            (members["count"], members["of"]) = (.int(part), .int(whole))
        case .flag(let flag)?: members["value"] = .bool(flag)
        case .model(let model, let reason)?: (members["value"], members["reason"]) = (.string(model.rawValue), .string(reason.sentence(language)))
        case .change(let from, let to)?: (members["value"], members["before"]) = (.measure(to), .measure(from))
        case .kinds(let found)?: members["value"] = .array(found.map { .string($0.kind.rawValue) })
        case .times(let times)?: members["value"] = .array(times.map { .string($0.rawValue) })
        }
        return .object(members)
    }
}

extension RequirementAssessment {
    /// One line: what the indicators say (each with the nodes it rests on), or why the
    /// requirement cannot be assessed, or that it is not structural.
    public func reading(_ language: Language) -> String {
        let words = language.requirements
        switch status {
        case .notStructural: return words.notStructural
        case .notAssessable(let need): return words.need(need)
        case .assessed:
            // Several indicators can miss for one reason (no node marked as mental-health work): said once.
            var phrases: [String] = []
            for indicator in indicators {
                let phrase = indicator.isMissing ? words.missing(indicator) : words.phrase(indicator)
                if !phrases.contains(phrase) { phrases.append(phrase) }
            }
            let text = phrases.joined(separator: "; ")
            return text.prefix(1).uppercased() + text.dropFirst() + "."
        }
    }

    var statusName: String {
        switch status {
        case .assessed: "assessed"
        case .notAssessable: "not_assessable"
        case .notStructural: "not_structural"
        }
    }
}

/// What `samhandling requirements` prints: the seven requirements held up to each subject, as a
/// table (requirements down, subjects across; then each line's reading and what the data cannot
/// tell), JSON, CSV or an HTML page.
public struct RequirementsReport: Sendable {
    public let scorecards: [RequirementsScorecard]
    public let language: Language

    public init(_ scorecards: [RequirementsScorecard], language: Language = .en) {
        self.scorecards = scorecards
        self.language = language
    }

    private var words: RequirementWords { language.requirements }

    public var json: JSONValue {
        .array(scorecards.map { card in
            .object([
                "input": .string(card.input), "name": .string(card.name), "user": .optional(card.user?.rawValue),
                "subject": .string(card.subject.rawValue),
                "requirements": .array(card.assessments.map { assessment in
                    var members: [String: JSONValue] = [
                        "requirement": .string(assessment.requirement.rawValue), "number": .int(assessment.requirement.number),
                        "heading": .string(assessment.requirement.heading(language)), "status": .string(assessment.statusName),
                        "reading": .string(assessment.reading(language)),
                        "cannot_tell": .string(words.cannotTell(assessment.requirement)),
                        "indicators": .array(assessment.indicators.map { $0.json(language) }),
                    ]
                    if case .notAssessable(let need) = assessment.status { members["needs"] = .string(need.rawValue) }
                    return .object(members)
                }),
            ])
        })
    }

    public static let csvHeader = ["input", "name", "user", "requirement", "status", "indicator", "value", "evidence"]

    /// One row per indicator (and one for a requirement with none), RFC 4180: a long table for
    /// a spreadsheet's pivot.
    public var csv: String {
        var rows = [Self.csvHeader]
        for card in scorecards {
            for assessment in card.assessments {
                let start = [card.input, card.name, card.user?.rawValue ?? "", assessment.requirement.rawValue, assessment.statusName]
                if assessment.indicators.isEmpty { rows.append(start + ["", "", ""]) }
                for indicator in assessment.indicators {
                    let value = indicator.json(language)
                    guard case .object(let members) = value else { continue }
                    rows.append(start + [indicator.key.rawValue, MetricsFormat.plain(members["value"]),
                                         indicator.evidence.joined(separator: "; ")])
                }
            }
        }
        return CSVText.write(rows)
    }

    /// The rows of the comparison table: per requirement, its heading, then each indicator any
    /// subject has, with every subject's cell ("–" missing, "n/a" not assessable), in order.
    public func grid() -> [(requirement: Requirement, rows: [(name: String, cells: [String])])] {
        Requirement.allCases.map { requirement in
            let present = Set(scorecards.flatMap { $0.assessment(requirement)?.indicators.map(\.key) ?? [] })
            let keys = IndicatorKey.allCases.filter(present.contains)
            let rows = keys.map { key in
                (words.indicator(key), scorecards.map { card in card.indicator(key)?.cell(language) ?? words.notApplicable })
            }
            return (requirement, rows)
        }
    }

    /// The side-by-side table and its key. With `pairs`, the columns go in pairs (before, after)
    /// and a row where any pair differs is marked with `*`.
    func gridLines(pairs: Bool = false) -> [String] {
        var all: [[String]] = [[""] + scorecards.map(\.name)]
        var headingRows = Set<Int>()
        for (requirement, rows) in grid() {
            headingRows.insert(all.count)
            let heading = "\(requirement.number) " + words.short(requirement)
            if rows.isEmpty {
                let status = requirement == .sharedValues ? words.notStructural : words.notApplicable
                all.append([heading + "  " + status])
            } else {
                all.append([heading])
                all += rows.map { row in
                    let changed = pairs && stride(from: 0, to: row.cells.count - 1, by: 2).contains { row.cells[$0] != row.cells[$0 + 1] }
                    return [(changed ? "* " : "  ") + row.name] + row.cells
                }
            }
        }
        // Headings stand on lines of their own; the other rows are aligned in columns.
        let aligned = all.enumerated().filter { !headingRows.contains($0.offset) }.map(\.element)
        let widths = (0..<all[0].count).map { column in aligned.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in all.enumerated() {
            if headingRows.contains(index) { lines.append(row[0]); continue }
            lines.append(row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression))
        }
        return lines + [words.key]
    }

    /// The table for people: requirements down, subjects across; then, per subject, each
    /// requirement's reading; then what the data cannot tell.
    public func table() -> String {
        var lines = [words.title, ""] + gridLines()
        lines += ["", words.readings]
        for card in scorecards {
            lines.append("")
            lines.append(card.name + (card.name == card.input ? "" : " (\(card.input))"))
            if card.subject == .neither {
                lines.append("  " + words.neither(card.name, card.notAssessable.map(\.0.number)))
                continue
            }
            for assessment in card.assessments where assessment.requirement != .sharedValues {
                lines.append("  \(assessment.requirement.number) \(words.short(assessment.requirement)): " + assessment.reading(language))
            }
        }
        lines += ["", words.cannotTellHeading]
        for requirement in Requirement.allCases {
            lines.append("  \(requirement.number) \(requirement.heading(language)).")
            lines.append("    " + words.cannotTell(requirement))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
