import Foundation

/// The table `metrics` prints for people.
extension MetricsFormat {
    static func table(_ report: MetricsReport) -> String {
        var lines = [report.meta.input]
        if let whole = report.whole {
            lines += wholeGraphTable(whole, users: report.users ?? [])
        }
        if let structure = report.structure {
            lines.append("")
            lines += structure.tableLines(language: report.meta.language).map { "  " + $0 }
        }
        if !report.pathways.isEmpty {
            lines.append("")
            let header = ["pathway (by \(report.meta.granularity.rawValue), W = \(plain(.number(report.meta.windowDays))) days, "
                          + "G = \(plain(.number(report.meta.episodeGapDays))) days)"]
                + report.pathways.prefix(12).map { subject($0.user, $0.period) }
            let body = MetricsReport.pathwayColumns.map { column in
                [column.replacingOccurrences(of: "_", with: " ")] + report.pathways.prefix(12).map { dash(plain($0.values[column])) }
            }
            lines += aligned([header] + body).map { "  " + $0 }
            if report.pathways.count > 12 {
                let more = report.meta.by == nil ? "users" : "users and periods"
                lines.append("  … and \(report.pathways.count - 12) more \(more) (use --format csv or json for all)")
            }
            for pathway in report.pathways.prefix(12) where !pathway.transitions.isEmpty {
                lines.append("")
                lines.append("  level transitions of \(subject(pathway.user, pathway.period))")
                for transition in pathway.transitions {
                    lines.append("    \(transition.time)  \(transition.from.rawValue) → \(transition.to.rawValue)"
                                 + "  new faces \(transition.newFaces), carried \(transition.carried), broken \(transition.broken)"
                                 + (transition.censored ? "  censored (the data end within the window)"
                                    : transition.bridged ? "" : "  UNBRIDGED"))
                }
            }
        }
        let q = report.quality
        lines.append("")
        lines.append("  data quality: \(q.undatedContacts) undated contacts · \(q.visitsWithoutNamedProfessional) visits "
                     + "without a named professional · \(q.visitsOfUnknownLevel) visits of unknown level · "
                     + "\(q.skippedRows) skipped rows · \(q.unknownLevels) nodes of unknown level · "
                     + "\(q.unmatchedDischarges) unmatched discharges · \(q.openStays) stays open at the data end · "
                     + "\(q.repeatedAdmissions) repeated admissions · \(q.stayEventsOfUnknownLevel) admissions or "
                     + "discharges of unknown level · \(q.unitsWithoutTier) units without a tier · "
                     + "\(q.validationErrors) validation errors, \(q.validationWarnings) warnings")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func wholeGraphTable(_ whole: WholeGraphMeasures, users: [HelperNetworkMeasures]) -> [String] {
        var lines: [String] = []
        lines.append("  nodes \(whole.nodes) · edge records \(whole.edges) · density \(dash(plain(.measure(whole.density))))"
                     + " · components \(whole.components)")
        lines.append("  fragmentation \(dash(plain(.measure(whole.fragmentation))))"
                     + " · distance fragmentation \(dash(plain(.measure(whole.distanceFragmentation))))")
        lines.append("  level mixing \(dash(plain(.measure(whole.levelMixing))))"
                     + " · E–I index \(dash(plain(.measure(whole.eiIndex))))")
        lines.append("  single points of failure: " + (whole.articulationPoints.isEmpty ? "none"
                     : whole.articulationPoints.map(\.rawValue).joined(separator: ", ")))
        let brokers = whole.centrality.filter { $0.betweenness > 0 }.sorted {
            $0.betweenness != $1.betweenness ? $0.betweenness > $1.betweenness : $0.node < $1.node
        }.prefix(5)
        lines.append("  top brokers (betweenness): " + (brokers.isEmpty ? "none"
                     : brokers.map { "\($0.node) \(plain(.measure($0.betweenness)))" }.joined(separator: ", ")))
        if !users.isEmpty {
            lines.append("")
            let header = ["helper network"] + users.map { subject($0.user, $0.period) }
            let body = MetricsReport.userColumns.map { column in
                [column.replacingOccurrences(of: "_", with: " ")] + users.map { dash(plain($0.values[column])) }
            }
            lines += aligned([header] + body).map { "  " + $0 }
        }
        return lines
    }

    private static func dash(_ text: String) -> String { text.isEmpty ? "–" : text }

    /// A user's column heading: the id, and the period with `--by` (`kari 2024Q1`).
    private static func subject(_ user: NodeID, _ period: String?) -> String {
        period.map { "\(user) \($0)" } ?? user.rawValue
    }

    /// Left-aligned first column, right-aligned values.
    private static func aligned(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
