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

    private func t(_ en: String, _ nb: String) -> String { language == .en ? en : nb }

    static let style = """
        body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:75em;color:#222;padding:0 1em}
        h1{font-size:1.6em;border-bottom:2px solid #6A3D9A;padding-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em}
        h3{font-size:1.05em}table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
        th:first-child,td:first-child{text-align:left}th{background:#f2eef7}.figure{overflow-x:auto;border:1px solid #ddd;margin:.5em 0 1.5em;padding:.5em}
        .figure svg{max-width:100%;height:auto}.figure.wide svg{max-width:none}.meta{color:#666;font-size:.9em}.note{color:#555;font-size:.9em}
        @media print{.figure{overflow:visible;border:none}.figure.wide svg{max-width:100%}h2{page-break-before:auto}a{color:#222;text-decoration:none}}
        """

    func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language == .en ? "en" : "nb")"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title><style>\(Self.style)</style></head>
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

    func table(header: [String], rows: [[String]]) -> String {
        "<table><thead><tr>" + header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
    }

    /// The page for one graph.
    public func page(for report: MetricsReport, structure: StructureMeasures?, figures: [Figure], title: String) -> String {
        var body = "<h1>\(HTML.escape(title))</h1>"
        body += "<p class=\"meta\">\(HTML.escape(report.meta.input)) · SHA-256 \(report.meta.sha256.prefix(12))… · Samhandling \(HTML.escape(report.meta.toolVersion))"
        if let limit = suppressBelow { body += " · " + HTML.escape(t("counts below \(limit) shown as <\(limit)", "tall under \(limit) vist som <\(limit)")) }
        body += "</p>"
        for figure in figures {
            body += "<h2>\(HTML.escape(figure.heading))</h2><div class=\"figure\(figure.isWide ? " wide" : "")\">\(Self.inline(figure.svg))</div>"
        }
        if let whole = report.whole {
            body += "<h2>\(t("The whole graph", "Hele grafen"))</h2>"
            body += table(header: [t("measure", "mål"), t("value", "verdi")], rows: [
                [t("nodes", "noder"), count(whole.nodes)], [t("edge records", "kanter"), count(whole.edges)],
                [t("density", "tetthet"), cell(.measure(whole.density), isCount: false)],
                [t("components", "komponenter"), String(whole.components)],
                [t("level mixing", "nivåblanding"), cell(.measure(whole.levelMixing), isCount: false)],
                [t("E–I index", "E–I-indeks"), cell(.measure(whole.eiIndex), isCount: false)],
                [t("single points of failure", "sårbare knutepunkter"),
                 HTML.escape(whole.articulationPoints.map(\.rawValue).joined(separator: ", "))],
            ])
            let brokers = whole.centrality.filter { $0.betweenness > 0 }
                .sorted { $0.betweenness != $1.betweenness ? $0.betweenness > $1.betweenness : $0.node < $1.node }.prefix(10)
            if !brokers.isEmpty {
                body += "<h3>\(t("Brokers (betweenness)", "Mellommenn (betweenness)"))</h3>"
                body += table(header: [t("node", "node"), t("degree", "grad"), "betweenness"],
                              rows: brokers.map { [HTML.escape($0.node.rawValue), String($0.degree), cell(.measure($0.betweenness), isCount: false)] })
            }
        }
        if let users = report.users, !users.isEmpty {
            body += "<h2>\(t("Helper networks", "Hjelpenettverk"))</h2>"
            let countColumns: Set<String> = ["helpers", "services", "levels", "helper_ties", "helper_groups"]
            body += table(header: [t("measure", "mål")] + users.map(\.user.rawValue), rows: MetricsReport.userColumns.map { column in
                [column.replacingOccurrences(of: "_", with: " ")] + users.map { cell($0.values[column], isCount: countColumns.contains(column)) }
            })
        }
        if !report.pathways.isEmpty {
            body += "<h2>\(t("Pathways", "Forløp"))</h2>"
            let shown = Array(report.pathways.prefix(20))
            let countColumns: Set<String> = ["contacts", "providers", "handovers", "level_switches", "level_transitions",
                                             "up_transitions", "down_transitions", "censored_transitions", "new_faces",
                                             "broken_relations", "unbridged_transitions", "discharges", "transfers",
                                             "censored_discharges", "readmissions_30d", "concurrency_max"]
            body += table(header: [t("measure", "mål")] + shown.map(\.user), rows: MetricsReport.pathwayColumns.map { column in
                [column.replacingOccurrences(of: "_", with: " ")] + shown.map { cell($0.values[column], isCount: countColumns.contains(column)) }
            })
            if report.pathways.count > 20 {
                body += "<p class=\"note\">\(HTML.escape(t("The first 20 of \(report.pathways.count) users.", "De første 20 av \(report.pathways.count) brukere.")))</p>"
            }
            for pathway in shown where !pathway.transitions.isEmpty {
                body += "<h3>\(HTML.escape(t("Level transitions of ", "Nivåoverganger for ") + pathway.user))</h3>"
                body += table(header: [t("time", "tid"), t("from", "fra"), t("to", "til"), t("new faces", "nye ansikter"),
                                       t("carried", "båret over"), t("broken", "brutt"), t("bridged", "bro"),
                                       t("censored", "sensurert")],
                              rows: pathway.transitions.map {
                    [$0.time.description, HTML.escape(language.name(of: $0.from)), HTML.escape(language.name(of: $0.to)),
                     count($0.newFaces), count($0.carried), count($0.broken),
                     $0.bridged ? t("yes", "ja") : t("no", "nei"), $0.censored ? t("yes", "ja") : ""]
                })
                body += "<p class=\"note\">" + HTML.escape(t(
                    "A transition is a change of the care level — the highest level at which a stay or a care episode is open — "
                        + "not a visit at another level: care at two levels at once is concurrent care, not a transition. "
                        + "Censored: the data end less than \(MetricsFormat.plain(.number(report.meta.windowDays))) days after it, "
                        + "so it is left out of the totals.",
                    "En overgang er et skifte av omsorgsnivå — det høyeste nivået der et opphold eller en behandlingsepisode er åpen — "
                        + "ikke et besøk på et annet nivå: behandling på to nivåer samtidig er parallell behandling, ikke en overgang. "
                        + "Sensurert: data slutter mindre enn \(MetricsFormat.plain(.number(report.meta.windowDays))) dager etter, "
                        + "så den holdes utenfor summene.")) + "</p>"
            }
            for pathway in shown where !pathway.dischargeOutcomes.isEmpty {
                body += "<h3>\(HTML.escape(t("Follow-up after discharge of ", "Oppfølging etter utskrivning for ") + pathway.user))</h3>"
                func days(_ value: Double?) -> String { value.map { MetricsFormat.plain(.number($0)) } ?? "–" }
                body += table(header: [t("index discharge", "indeksutskrivning"), t("follow-up, days", "oppfølging, dager"),
                                       t("municipal follow-up, days", "kommunal oppfølging, dager"),
                                       t("readmitted within 30 days", "reinnlagt innen 30 dager"),
                                       t("censored for 7 days", "sensurert for 7 dager")],
                              rows: pathway.dischargeOutcomes.map {
                    [$0.time.description, days($0.followupDays), days($0.followupMunicipalDays),
                     $0.readmitted ? t("yes", "ja") : t("no", "nei"), $0.isCensored(horizon: 7) ? t("yes", "ja") : ""]
                })
            }
        }
        if let structure, !structure.units.isEmpty {
            body += "<h2>\(t("Organisation", "Organisering"))</h2>"
            body += table(header: [t("figure", "størrelse"), t("value", "verdi")], rows: [
                [t("depth (levels)", "antall nivåer"), structure.maxDepth.map(String.init) ?? "–"],
                [t("span of control, max / mean", "kontrollspenn, maks / snitt"),
                 structure.span.map { "\($0.max) / \(String(format: "%.2f", $0.mean))" } ?? "–"],
                [t("mental-health units", "enheter med psykisk helsearbeid"), String(structure.mhUnits.count)],
                [t("mental-health FTE", "årsverk psykisk helsearbeid"), structure.mhFTE.map { MetricsFormat.plain(.number($0)) } ?? "–"],
                [t("placement model", "organisasjonsmodell"), HTML.escape(structure.model.name(language))],
                [t("why", "hvorfor"), HTML.escape(structure.reason.sentence(language))],
                [t("visible on the chart", "synlig i organisasjonskartet"), structure.visible ? t("yes", "ja") : t("no", "nei")],
            ])
            body += table(header: [t("unit", "enhet"), t("tier", "nivå"), t("formal level", "formelt nivå"), t("span", "spenn"),
                                   t("dual reporting", "dobbel linje"), t("authority split", "delt ansvar"),
                                   t("MH FTE", "årsverk"), t("MH FTE below", "årsverk under")],
                          rows: structure.units.map {
                [HTML.escape($0.label), HTML.escape($0.tier?.name(language) ?? "?"), String($0.formalLevel), String($0.span),
                 $0.dualReporting ? t("yes", "ja") : "", $0.authoritySplit ? t("yes", "ja") : "",
                 $0.mhFTE.map { MetricsFormat.plain(.number($0)) } ?? "", $0.subtreeMHFTE.map { MetricsFormat.plain(.number($0)) } ?? ""]
            })
        }
        let q = report.quality
        body += "<h2>\(t("Data quality", "Datakvalitet"))</h2>"
        body += table(header: [t("what", "hva"), t("count", "antall")], rows: [
            [t("undated contacts", "udaterte kontakter"), String(q.undatedContacts)],
            [t("visits without a named professional", "besøk uten navngitt fagperson"), String(q.visitsWithoutNamedProfessional)],
            [t("visits of unknown level", "besøk med ukjent nivå"), String(q.visitsOfUnknownLevel)],
            [t("skipped rows", "hoppet over rader"), String(q.skippedRows)],
            [t("nodes of unknown level", "noder med ukjent nivå"), String(q.unknownLevels)],
            [t("discharges without an admission", "utskrivninger uten innleggelse"), String(q.unmatchedDischarges)],
            [t("stays open at the data end", "opphold åpne ved dataslutt"), String(q.openStays)],
            [t("repeated admissions (ignored)", "gjentatte innleggelser (sett bort fra)"), String(q.repeatedAdmissions)],
            [t("admissions and discharges of unknown level", "innleggelser og utskrivninger med ukjent nivå"),
             String(q.stayEventsOfUnknownLevel)],
            [t("validation errors / warnings", "valideringsfeil / -advarsler"), "\(q.validationErrors) / \(q.validationWarnings)"],
        ])
        return page(title: title, body: body)
    }

    /// The index: one row and link per page.
    public func index(_ entries: [(title: String, file: String, report: MetricsReport)]) -> String {
        var body = "<h1>\(t("Samhandling reports", "Samhandling-rapporter"))</h1>"
        body += table(header: [t("graph", "graf"), t("input", "fil"), t("nodes", "noder"), t("users", "brukere")],
                      rows: entries.map { entry in
            ["<a href=\"\(HTML.escape(entry.file))\">\(HTML.escape(entry.title))</a>", HTML.escape(entry.report.meta.input),
             count(entry.report.whole?.nodes), count(entry.report.pathways.count)]
        })
        body += "<p class=\"note\">\(t("Made by Samhandling; nothing in these pages is fetched from anywhere.", "Laget med Samhandling; ingenting på disse sidene hentes utenfra."))</p>"
        return page(title: t("Samhandling reports", "Samhandling-rapporter"), body: body)
    }
}
