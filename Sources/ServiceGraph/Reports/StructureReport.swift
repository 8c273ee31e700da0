import Foundation

/// An org chart's measures as `metrics` writes them: the `structure` object of the JSON, the
/// per-chart columns of the CSV, and the table's section.
extension StructureMeasures {
    func json(language: Language) -> JSONValue {
        func ids(_ list: [NodeID]) -> JSONValue { .array(list.map { .string($0.rawValue) }) }
        return .object([
            "units": .array(units.map { unit in
                .object([
                    "node": .string(unit.node.rawValue), "label": .string(unit.label), "tier": .optional(unit.tier?.rawValue),
                    "formal_level": .int(unit.formalLevel), "span": .int(unit.span), "dual_reporting": .bool(unit.dualReporting),
                    "authority_split": .bool(unit.authoritySplit), "mh_fte": .measure(unit.mhFTE),
                    "subtree_mh_fte": .measure(unit.subtreeMHFTE),
                ])
            }),
            "max_depth": maxDepth.map(JSONValue.int) ?? .null, "mh_units": ids(mhUnits), "mh_fte": .measure(mhFTE),
            "mh_hhi": .measure(mhHHI), "visible": .bool(visible), "main_mh_node": .optional(mainMentalHealthNode?.rawValue),
            "model": .string(model.rawValue), "model_reason": .string(reason.sentence(language)),
            "purchasers": .array(purchasers.map { .object(["node": .string($0.node.rawValue), "providers": ids($0.providers)]) }),
        ])
    }

    /// The table's section: the chart's figures, the placement with its reason, and a line per unit.
    func tableLines(language: Language) -> [String] {
        let words = language.structure
        func plain(_ value: Double?) -> String { value.map { MetricsFormat.plain(.number($0)) } ?? "–" }
        var lines = [words.organisation]
        lines.append("  " + words.chartFigures(units.count, maxDepth.map(String.init) ?? "–")
                     + (span.map { "\($0.max)/" + String(format: "%.2f", $0.mean) } ?? "–"))
        lines.append("  " + words.mentalHealthFigures(mhUnits.count, plain(mhFTE), plain(mhHHI)) + language.yesNo(visible))
        lines.append("  " + words.model + model.name(language) + " — " + reason.sentence(language))
        for purchaser in purchasers {
            lines.append("  " + words.purchaser + "«\(label(purchaser.node))» → "
                         + purchaser.providers.map { "«\(label($0))»" }.joined(separator: ", "))
        }
        if roots.count > 1 { lines.append("  " + words.roots(roots.count)) }
        let header = words.unitColumns
        let rows = units.map { unit in
            [unit.label, unit.tier?.name(language) ?? "?", String(unit.formalLevel), String(unit.span),
             unit.dualReporting ? language.words.yes : "", unit.authoritySplit ? language.words.yes : "",
             plain(unit.mhFTE), plain(unit.subtreeMHFTE)]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        lines += all.map { row in
            "  " + row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column <= 1 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return lines
    }
}
