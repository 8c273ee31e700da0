import Foundation

/// The seven requirements in HTML: a section of a graph's report page, and a page of their own
/// (`requirements --format html`) with the subjects side by side, printable on A4 landscape.
extension HTMLReport {
    static let requirementsStyle = """
        table.requirements td,table.requirements th{text-align:left;vertical-align:top}
        table.requirements td:first-child{width:22%}table.requirements td:nth-child(2){white-space:nowrap}
        table.grid{font-size:.82em}table.grid td,table.grid th{padding:.15em .45em}table.grid td:first-child{white-space:nowrap}
        table.grid tr.requirement th{text-align:left;background:#f7f5fa;font-weight:bold}
        .readings{font-size:.85em}.readings dt{font-weight:bold;margin-top:.4em}.readings dd{margin:0 0 0 1.2em}
        @media print{table.grid{font-size:8pt}table.grid tr,table.requirements tr{break-inside:avoid}.readings{font-size:8pt}h3{break-after:avoid}}
        """

    private var requirementWords: RequirementWords { language.requirements }

    /// A graph's section: per subject, a row per requirement with its indicators and values,
    /// the reading and what the data cannot tell.
    public func requirementsSection(_ scorecards: [RequirementsScorecard]) -> String {
        guard !scorecards.isEmpty else { return "" }
        let words = requirementWords
        var html = "<h2>\(HTML.escape(words.title))</h2>"
        for card in scorecards {
            if scorecards.count > 1 || card.user != nil { html += "<h3>\(HTML.escape(card.name))</h3>" }
            if card.subject == .neither {
                html += "<p>\(HTML.escape(words.neither(card.name, card.notAssessable.map(\.0.number))))</p>"
            }
            html += table(header: words.columns, rows: card.assessments.map { assessment in
                let indicators = assessment.indicators.map { HTML.escape(words.indicator($0.key) + ": " + $0.cell(language)) }
                return ["<b>\(assessment.requirement.number)</b> " + HTML.escape(assessment.requirement.heading(language)),
                        indicators.joined(separator: "<br>"), HTML.escape(assessment.reading(language)),
                        HTML.escape(words.cannotTell(assessment.requirement))]
            }).replacingOccurrences(of: "<table>", with: "<table class=\"requirements\">")
        }
        return html + "<p class=\"note\">\(HTML.escape(words.key))</p>"
    }

    /// The subjects side by side: requirements down, one column each; then each line's reading
    /// and what the data cannot tell.
    public func requirementsGrid(_ report: RequirementsReport) -> String {
        let words = requirementWords
        let columns = report.scorecards.count + 1
        var html = "<table class=\"grid\"><thead><tr><th></th>"
            + report.scorecards.map { "<th>\(HTML.escape($0.name))</th>" }.joined() + "</tr></thead><tbody>"
        for (requirement, rows) in report.grid() {
            let heading = "\(requirement.number) " + words.short(requirement)
                + (rows.isEmpty ? " — " + (requirement == .sharedValues ? words.notStructural : words.notApplicable) : "")
            html += "<tr class=\"requirement\"><th colspan=\"\(columns)\">\(HTML.escape(heading))</th></tr>"
            html += rows.map { row in
                "<tr><td>\(HTML.escape(row.name))</td>" + row.cells.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
            }.joined()
        }
        html += "</tbody></table><p class=\"note\">\(HTML.escape(words.key))</p>"
        html += "<h2>\(HTML.escape(words.readings))</h2><dl class=\"readings\">"
        for card in report.scorecards {
            html += "<dt>\(HTML.escape(card.name))</dt>"
            if card.subject == .neither {
                html += "<dd>\(HTML.escape(words.neither(card.name, card.notAssessable.map(\.0.number))))</dd>"
                continue
            }
            for assessment in card.assessments where assessment.requirement != .sharedValues {
                html += "<dd>\(assessment.requirement.number) \(HTML.escape(words.short(assessment.requirement))): "
                    + HTML.escape(assessment.reading(language)) + "</dd>"
            }
        }
        html += "</dl><h2>\(HTML.escape(words.cannotTellHeading))</h2><dl class=\"readings\">"
        for requirement in Requirement.allCases {
            html += "<dt>\(requirement.number) \(HTML.escape(requirement.heading(language)))</dt><dd>"
                + HTML.escape(words.cannotTell(requirement)) + "</dd>"
        }
        return html + "</dl>"
    }

    /// A page of its own for the side-by-side table.
    public func requirementsPage(_ report: RequirementsReport) -> String {
        page(title: requirementWords.title, body: "<h1>\(HTML.escape(requirementWords.title))</h1>" + requirementsGrid(report)
             + "<p class=\"note\">\(language.report.madeBy)</p>")
    }
}
