import Foundation

/// Self-contained HTML reports (`samhandling report`): one page per graph and an index. Inline
/// SVG drawings, tables, inline CSS; no script, nothing fetched, readable offline and printable.
/// All text from the data is escaped, so a label `<script>` shows as text.
public struct HTMLReport: Sendable {
    public var language: Language
    /// Counts below this are shown as "<N" in the tables (small-cell suppression for sharing).
    public var suppressBelow: Int?

    public init(language: Language = .en, suppressBelow: Int? = nil) {
        self.language = language
        self.suppressBelow = suppressBelow
    }

    /// A drawing to put on the page: a heading and Graphviz's SVG.
    public struct Figure: Sendable {
        public let heading: String
        public let svg: String
        /// Shown at its own size, scrolled sideways, not shrunk to the page (a timeline's labels
        /// would be too small to read).
        public let isWide: Bool

        public init(heading: String, svg: String, isWide: Bool = false) {
            self.heading = heading
            self.svg = svg
            self.isWide = isWide
        }
    }

    private var words: ReportWords { language.report }

    private func yes(_ flag: Bool) -> String { flag ? language.words.yes : "" }

    static let style = """
        body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:75em;color:#222;padding:0 1em}
        h1{font-size:1.6em;border-bottom:2px solid #6A3D9A;padding-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em}
        h3{font-size:1.05em}table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
        th:first-child,td:first-child{text-align:left}th{background:#f2eef7}.figure{overflow-x:auto;border:1px solid #ddd;margin:.5em 0 1.5em;padding:.5em}
        .figure svg{max-width:100%;height:auto}.figure.wide svg{max-width:none}.meta{color:#666;font-size:.9em}.note{color:#555;font-size:.9em}
        .glossary{color:#444;font-size:.88em;margin:-.4em 0 1.2em;display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em}
        .glossary dt{font-weight:bold}.glossary dd{margin:0}
        .print-only{display:none}
        @page{size:A4 landscape;margin:12mm}
        @media print{body{max-width:none;margin:0;padding:0}.screen-only{display:none}.print-only{display:block}
        .tile{break-inside:avoid}.tile.next{break-before:page}h2{break-after:avoid}a{color:#222;text-decoration:none}}
        """

    func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title><style>\(Self.style)\(Self.requirementsStyle)</style></head>
        <body>
        \(body)
        </body></html>

        """
    }

    /// Graphviz's SVG without its XML prolog and doctype, to sit inside HTML.
    static func inline(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }

    /// The printable area of an A4 landscape page (12 mm margins), less room for a heading,
    /// in points.
    static let printArea = (width: 770.0, height: 470.0)
    /// How much neighbouring print windows share, in printed points.
    static let printOverlap = 24.0
    /// The smallest text a printed figure may have, in points.
    static let smallestPrintedText = 9.0

    /// How a figure prints: at one scale, as a grid of page-sized windows onto it.
    struct PrintLayout: Equatable {
        let scale: Double
        let columns: Int
        let rows: Int
        /// The smallest font size in the drawing, in its own points.
        let smallestFont: Double
    }

    /// The scale at which the figure's smallest text prints at 9 pt or more: the whole figure on
    /// one page when it fits at that scale (never enlarged past its own size unless its text
    /// is smaller than 9 pt), else windows of a page each, at that scale.
    static func printLayout(width: Double, height: Double, smallestFont: Double) -> PrintLayout {
        let least = smallestPrintedText / smallestFont
        let fit = min(printArea.width / width, printArea.height / height)
        let scale = max(least, min(1, fit))
        func count(_ extent: Double, _ page: Double) -> Int {
            extent <= page ? 1 : 1 + Int(((extent - page) / (page - printOverlap) - 1e-9).rounded(.up))
        }
        let columns = count(width * scale, printArea.width), rows = count(height * scale, printArea.height)
        return PrintLayout(scale: scale, columns: columns, rows: rows, smallestFont: smallestFont)
    }

    /// The smallest `font-size` Graphviz wrote into an SVG (14 if it wrote none).
    static func smallestFont(in svg: String) -> Double {
        var smallest = Double.infinity
        var rest = svg[...]
        while let found = rest.range(of: "font-size=\"") {
            rest = rest[found.upperBound...]
            if let end = rest.firstIndex(of: "\""), let size = Double(rest[..<end]), size > 0 { smallest = min(smallest, size) }
        }
        return smallest.isFinite ? smallest : 14
    }

    /// A figure for the screen (scaled to the page, or scrolled sideways if wide) and for print
    /// (`printLayout`): the print windows draw the screen figure again through `<use>`, so the
    /// drawing is in the page once.
    func figureHTML(_ figure: Figure, id: String) -> String {
        let inline = Self.inline(figure.svg)
        guard let drawing = SVGGrid.parse(figure.svg), let tagEnd = inline.range(of: ">"),
              let close = inline.range(of: "</svg>", options: .backwards) else {
            return "<div class=\"figure\">\(inline)</div>"
        }
        let wrapped = inline[..<tagEnd.upperBound] + "<g id=\"\(id)\">" + inline[tagEnd.upperBound..<close.lowerBound] + "</g></svg>"
        var html = "<div class=\"figure screen-only\(figure.isWide ? " wide" : "")\">\(wrapped)</div>"
        let box = drawing.viewBox.split(separator: " ").compactMap { Double($0) }
        guard box.count == 4, box[2] > 0, box[3] > 0 else { return html }
        let layout = Self.printLayout(width: drawing.width, height: drawing.height, smallestFont: Self.smallestFont(in: figure.svg))
        // The view box is in the drawing's points; a window a page wide covers this much of it.
        let unitsPerPoint = box[2] / drawing.width
        let windowWidth = min(Self.printArea.width / layout.scale, drawing.width), windowHeight = min(Self.printArea.height / layout.scale, drawing.height)
        let overlap = Self.printOverlap / layout.scale
        let parts = layout.columns * layout.rows
        html += "<div class=\"print-only\">"
        for row in 0..<layout.rows {
            for column in 0..<layout.columns {
                // Windows overlap by a little, so that nothing cut at a page edge is lost.
                let x = Double(column) * (windowWidth - overlap), y = Double(row) * (windowHeight - overlap)
                let w = min(windowWidth, drawing.width - x), h = min(windowHeight, drawing.height - y)
                let part = row * layout.columns + column + 1
                html += "<div class=\"tile\(part > 1 ? " next" : "")\">"
                if parts > 1 {
                    html += "<p class=\"note\">" + HTML.escape(words.part(part, parts, row + 1, column + 1)) + "</p>"
                }
                html += String(format: ##"<svg width="%.1fpt" height="%.1fpt" viewBox="%.2f %.2f %.2f %.2f"><use href="#%@"/></svg>"##,
                               w * layout.scale, h * layout.scale, box[0] + x * unitsPerPoint, box[1] + y * unitsPerPoint,
                               w * unitsPerPoint, h * unitsPerPoint, id as NSString)
                html += "</div>"
            }
        }
        return html + "</div>"
    }

    func count(_ value: Int?) -> String {
        guard let value else { return "–" }
        if let limit = suppressBelow, value > 0, value < limit { return "&lt;\(limit)" }
        return String(value)
    }

    func cell(_ value: JSONValue?, isCount: Bool) -> String {
        switch value {
        case .int(let number): return isCount ? count(number) : String(number)
        case .null, nil: return "–"
        case let other?: return HTML.escape(MetricsFormat.plain(other).isEmpty ? "–" : MetricsFormat.plain(other))
        }
    }

    /// A table; `header` is plain text unless `escapeHeader` is false (then it is HTML).
    func table(header: [String], rows: [[String]], escapeHeader: Bool = true) -> String {
        "<table><thead><tr>" + header.map { "<th>\(escapeHeader ? HTML.escape($0) : $0)</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
    }

    /// A node as the tables name it: its label, with its id where two nodes share the label.
    struct Names {
        let labels: [String: String]
        private let shared: Set<String>

        init(_ labels: [String: String]) {
            self.labels = labels
            var seen: [String: Int] = [:]
            for label in labels.values { seen[label, default: 0] += 1 }
            shared = Set(seen.filter { $0.value > 1 }.keys)
        }

        func callAsFunction(_ id: String) -> String {
            guard let label = labels[id], label != id else { return HTML.escape(id) }
            return HTML.escape(shared.contains(label) ? "\(label) (\(id))" : label)
        }
    }

    /// A short explanation of the indices a table uses, under it.
    func glossary(_ keys: [String]) -> String {
        let lines = MeasureNames.glossary(for: keys, language)
        guard !lines.isEmpty else { return "" }
        return "<dl class=\"glossary\">" + lines.map { "<dt>\(HTML.escape($0.term))</dt><dd>\(HTML.escape($0.text))</dd>" }.joined() + "</dl>"
    }

    /// The first few of what a data-quality count counts, then "and N more".
    func examples(_ names: [String]?, total: Int, _ display: Names) -> String {
        guard let names, !names.isEmpty, total > 0 else { return "" }
        let shown = names.map { item in
            // An edge "a–b" shows both ends by name; a user "kari (2)" keeps its count.
            var item = item, suffix = ""
            if let open = item.range(of: " ("), item.hasSuffix(")") {
                suffix = String(item[open.lowerBound...])
                item = String(item[..<open.lowerBound])
            }
            return item.components(separatedBy: "–").map { display($0) }.joined(separator: "–") + HTML.escape(suffix)
        }.joined(separator: ", ")
        let more = total - names.count
        return more > 0 ? shown + HTML.escape(words.andMore(more)) : shown
    }

    /// The page for one graph. `labels` names nodes by id (the graph's labels); `requirements`
    /// are the graph's scorecards against the seven requirements.
    public func page(for report: MetricsReport, structure: StructureMeasures?, figures: [Figure], title: String,
                     labels: [String: String] = [:], requirements: [RequirementsScorecard] = []) -> String {
        let name = Names(labels)
        var body = "<h1>\(HTML.escape(title))</h1>"
        body += "<p class=\"meta\">\(HTML.escape(report.meta.input)) · SHA-256 \(report.meta.sha256.prefix(12))… · Samhandling \(HTML.escape(report.meta.toolVersion))"
        if let limit = suppressBelow { body += " · " + HTML.escape(words.suppressed(limit)) }
        body += "</p>"
        for (index, figure) in figures.enumerated() {
            body += "<h2>\(HTML.escape(figure.heading))</h2>" + figureHTML(figure, id: "figure-\(index + 1)")
        }
        if let whole = report.whole {
            body += "<h2>\(words.wholeGraph)</h2>"
            body += table(header: [words.measure, words.value], rows: [
                [words.nodes, count(whole.nodes)], [words.edgeRecords, count(whole.edges)],
                [words.density, cell(.measure(whole.density), isCount: false)],
                [words.components, String(whole.components)],
                [words.levelMixing, cell(.measure(whole.levelMixing), isCount: false)],
                [words.eiIndex, cell(.measure(whole.eiIndex), isCount: false)],
                [words.singlePointsOfFailure,
                 whole.articulationPoints.map { name($0.rawValue) }.joined(separator: ", ")],
            ])
            body += glossary(["level_mixing", "ei_index"])
            let brokers = whole.centrality.filter { $0.betweenness > 0 }
                .sorted { $0.betweenness != $1.betweenness ? $0.betweenness > $1.betweenness : $0.node < $1.node }.prefix(10)
            if !brokers.isEmpty {
                body += "<h3>\(words.brokers)</h3>"
                body += table(header: [words.node, words.degree, "betweenness"],
                              rows: brokers.map { [name($0.node.rawValue), String($0.degree), cell(.measure($0.betweenness), isCount: false)] })
                body += glossary(["betweenness"])
            }
        }
        if let users = report.users, !users.isEmpty {
            body += "<h2>\(words.helperNetworks)</h2>"
            let countColumns: Set<String> = ["helpers", "relatives", "services", "levels", "helper_ties", "helper_groups"]
            body += table(header: [HTML.escape(words.measure)] + users.map { name($0.user.rawValue) }, rows: MetricsReport.userColumns.map { column in
                [HTML.escape(MeasureNames.name(column, language))] + users.map { measures in
                    column == "key_helper" ? measures.keyHelper.map { name($0.rawValue) } ?? "–"
                        : cell(measures.values[column], isCount: countColumns.contains(column))
                }
            }, escapeHeader: false)
            body += glossary(MetricsReport.userColumns)
        }
        if !report.pathways.isEmpty {
            body += "<h2>\(words.pathways)</h2>"
            let shown = Array(report.pathways.prefix(20))
            let countColumns: Set<String> = ["contacts", "providers", "handovers", "level_switches", "level_transitions",
                                             "up_transitions", "down_transitions", "censored_transitions", "new_faces",
                                             "broken_relations", "unbridged_transitions", "discharges", "transfers",
                                             "censored_discharges", "readmissions_30d", "concurrency_max"]
            body += table(header: [HTML.escape(words.measure)] + shown.map { name($0.user.rawValue) }, rows: MetricsReport.pathwayColumns.map { column in
                [HTML.escape(MeasureNames.name(column, language))] + shown.map { cell($0.values[column], isCount: countColumns.contains(column)) }
            }, escapeHeader: false)
            body += glossary(MetricsReport.pathwayColumns)
            if report.pathways.count > 20 {
                body += "<p class=\"note\">\(HTML.escape(words.firstUsers(report.pathways.count)))</p>"
            }
            for pathway in shown where !pathway.transitions.isEmpty {
                body += "<h3>\(HTML.escape(words.levelTransitionsOf) + name(pathway.user.rawValue))</h3>"
                body += table(header: words.transitionColumns,
                              rows: pathway.transitions.map {
                    [$0.time.description, HTML.escape(language.name(of: $0.from)), HTML.escape(language.name(of: $0.to)),
                     count($0.newFaces), count($0.carried), count($0.broken),
                     language.yesNo($0.bridged), yes($0.censored)]
                })
                body += "<p class=\"note\">" + HTML.escape(words.transitionNote(MetricsFormat.plain(.number(report.meta.windowDays))))
                    + "</p>"
            }
            for pathway in shown where !pathway.dischargeOutcomes.isEmpty {
                body += "<h3>\(HTML.escape(words.followupOf) + name(pathway.user.rawValue))</h3>"
                func days(_ value: Double?) -> String { value.map { MetricsFormat.plain(.number($0)) } ?? "–" }
                body += table(header: words.followupColumns,
                              rows: pathway.dischargeOutcomes.map {
                    [$0.time.description, days($0.followupDays), days($0.followupMunicipalDays),
                     language.yesNo($0.readmitted), yes($0.isCensored(horizon: 7))]
                })
            }
        }
        if let structure, !structure.units.isEmpty {
            body += "<h2>\(words.organisation)</h2>"
            body += table(header: [words.figure, words.value], rows: [
                [words.depth, structure.maxDepth.map(String.init) ?? "–"],
                [words.span, structure.span.map { "\($0.max) / \(String(format: "%.2f", $0.mean))" } ?? "–"],
                [words.mentalHealthUnits, String(structure.mhUnits.count)],
                [words.mentalHealthFTE, structure.mhFTE.map { MetricsFormat.plain(.number($0)) } ?? "–"],
                [words.placementModel, HTML.escape(structure.model.name(language))],
                [words.why, HTML.escape(structure.reason.sentence(language))],
                [words.visible, language.yesNo(structure.visible)],
            ])
            body += table(header: words.unitColumns, rows: structure.units.map {
                [HTML.escape($0.label), HTML.escape($0.tier?.name(language) ?? "?"), String($0.formalLevel), String($0.span),
                 yes($0.dualReporting), yes($0.authoritySplit),
                 $0.mhFTE.map { MetricsFormat.plain(.number($0)) } ?? "", $0.subtreeMHFTE.map { MetricsFormat.plain(.number($0)) } ?? ""]
            })
        }
        body += requirementsSection(requirements)
        let q = report.quality
        body += "<h2>\(words.dataQuality)</h2>"
        let rows: [(key: String, count: Int)] = [
            ("undated_contacts", q.undatedContacts), ("visits_without_named_professional", q.visitsWithoutNamedProfessional),
            ("visits_of_unknown_level", q.visitsOfUnknownLevel), ("events_without_user", q.eventsWithoutUser),
            ("skipped_rows", q.skippedRows), ("unknown_levels", q.unknownLevels), ("unmatched_discharges", q.unmatchedDischarges),
            ("open_stays", q.openStays), ("repeated_admissions", q.repeatedAdmissions),
            ("stay_events_of_unknown_level", q.stayEventsOfUnknownLevel),
        ]
        body += table(header: words.qualityColumns,
                      rows: rows.map { [HTML.escape(words.quality[$0.key]!), String($0.count), examples(q.examples[$0.key], total: $0.count, name)] }
                        + [[HTML.escape(words.validation),
                            "\(q.validationErrors) / \(q.validationWarnings)", ""]])
        return page(title: title, body: body)
    }

    /// The index: one row and link per page.
    public func index(_ entries: [(title: String, file: String, report: MetricsReport)]) -> String {
        var body = "<h1>\(words.reports)</h1>"
        body += table(header: words.indexColumns,
                      rows: entries.map { entry in
            ["<a href=\"\(HTML.escape(entry.file))\">\(HTML.escape(entry.title))</a>", HTML.escape(entry.report.meta.input),
             count(entry.report.whole?.nodes), count(entry.report.pathways.count)]
        })
        body += "<p class=\"note\">\(words.madeBy)</p>"
        return page(title: words.reports, body: body)
    }
}
