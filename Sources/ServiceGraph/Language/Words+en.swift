import Foundation

/// Every text in English.
extension Words {
    public static let en = Words(
        yes: "yes",
        no: "no",
        terms: TermWords(
            level: { level in
                switch level {
                case .municipal: "Municipality (1st line)"
                case .state: "State (NAV, county governor)"
                case .dps: "DPS (2nd line)"
                case .hospital: "Hospital (3rd line)"
                case .civil: "Family and civil society"
                case nil: "Level unknown"
                }
            },
            nodeKind: { kind in
                switch kind {
                case .user: "service user"
                case .professional: "professional"
                case .service: "service"
                case .unit: "administrative unit"
                case .forum: "forum or team"
                case .relative: "relative or network"
                }
            },
            edgeKind: { kind in
                switch kind {
                case .contact: "contact with the user"
                case .collaboration: "collaboration"
                case .member: "works in / member of"
                case .referral: "referral"
                case .admission: "admission"
                case .discharge: "discharge"
                case .message: "message"
                case .epicrisis: "epicrisis"
                case .meeting: "meeting"
                case .reportsTo: "reports to"
                case .order: "order (purchaser decision)"
                case .agreement: "agreement"
                case .informal: "informal tie"
                }
            },
            tier: { tier in
                switch tier {
                case .executive: "executive"
                case .sector: "sector"
                case .unit: "unit"
                case .department: "department"
                case .service: "service"
                }
            },
            model: { model in
                switch model {
                case .staff: "staff"
                case .integrated: "integrated"
                case .ownUnit: "own unit"
                case .ownService: "own service"
                }
            }
        ),
        legend: LegendWords(
            title: "Legend",
            levels: "Levels of care",
            nodes: "Nodes",
            ties: "Ties",
            coordinator: "double outline: coordinator"
        ),
        network: NetworkWords(
            singlePointOfFailure: "thick red outline: single point of failure",
            mentalHealthWork: "thick purple outline: mental-health work",
            bridge: "thick red line: bridge"
        ),
        map: MapWords(
            title: { "Helper-network map: " + $0 },
            met: { "met: \($0)" },
            sectors: "Sectors",
            rings: "Rings, from the centre",
            ringsOver: { "by contacts over " + $0 },
            ringNames: ["met 8 times or more", "met 4–7 times", "met 2–3 times", "met once", "no dated contact"],
            userAndHelper: "the user and a helper",
            userAndFamily: "the user and family or network",
            betweenHelpers: "between helpers",
            familyAndHelper: "family or network and a helper",
            isolated: "reaches no other helper without the user"
        ),
        pathway: PathwayWords(
            title: { "Pathway of " + $0 },
            months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
            indexDischarge: { "index discharge " + $0 },
            firstVisit: { "\($0): first visit \($1)" },
            careEpisode: { "care episode \($0)–\($1)" },
            brokenRelation: { "\($0): relation broken at a transition" },
            informationRow: "information passed",
            crowdedNames: "Names where a stretch is crowded",
            followupCensored: "follow-up: data end too soon",
            noFollowup: "no follow-up",
            followup: { "follow-up \($0) d" },
            municipalFollowup: { ", municipal \($0) d" },
            noMunicipalFollowup: ", none municipal",
            censored: "censored",
            bridged: "bridged",
            unbridged: "unbridged",
            transitionCounts: { "new faces \($0), carried \($1), broken \($2), \($3)" },
            stay: { "stay \($0) \($1)–\($2)" },
            stayOpen: " (open at the data end)",
            stayTransfer: " (transfer)",
            stayWithoutAdmission: " (discharge without admission)",
            legendStay: "inpatient stay (dashed: open at the data end; dotted: no admission recorded)",
            legendEpisode: { "care episode (visits no more than \($0) days apart)" },
            legendVisit: "visit (tall: the first with that professional, named above the lane; grey: no named professional)",
            legendBrokenRelation: "last visit of a relation broken at a transition (grey: at a censored one)",
            legendBridged: "level transition, bridged (someone carried across, or information passed)",
            legendUnbridged: "level transition, unbridged",
            legendCensored: { "level transition, censored (the data end within \($0) days)" },
            legendInformation: "information passed: referral, message, epicrisis, meeting",
            summary: { m in
                "\(m.levelTransitions ?? 0) level transitions (\(m.censoredTransitions ?? 0) censored, outside the counts), "
                    + "\(m.unbridgedTransitions ?? 0) unbridged; "
                    + "at the uncensored ones \(m.newFaces ?? 0) new faces and \(m.brokenRelations ?? 0) broken relations; "
                    + "\(m.discharges) index discharge\(m.discharges == 1 ? "" : "s")"
            }
        ),
        handovers: HandoverWords(
            title: { "Handovers between providers (by \($0))" }
        ),
        cohort: CohortWords(
            title: { name, users, step in
                let unit = switch step { case .day: "day"; case .week: "week"; case .month: "month" }
                return "Care level \(unit) by \(unit): \(name) (\(users) user\(users == 1 ? "" : "s"))"
            },
            state: { name in
                switch name {
                case "none": "not in care"
                case "municipal": "municipal"
                case "dps": "DPS"
                case "hospital": "hospital"
                case "dps_outpatient": "DPS, outpatient"
                case "dps_inpatient": "DPS, inpatient"
                case "hospital_outpatient": "hospital, outpatient"
                case "hospital_inpatient": "hospital, inpatient"
                default: name
                }
            },
            axis: { step, alignment in
                let units = switch step { case .day: "days"; case .week: "weeks"; case .month: "months" }
                return switch alignment {
                case .first: "\(units) from each user's first event"
                case .calendar: step == .week ? "calendar weeks (from Monday)" : "calendar \(units)"
                case .discharge: "\(units) after the first index discharge (from the day after)"
                }
            },
            atRisk: "number at risk",
            share: "share of users",
            tooltip: { step, state, percent, count, total in "\(step): \(state) \(percent) % (\(count) of \(total))" },
            noUsers: "no user has a dated event"
        ),
        structure: StructureWords(
            lineOfReport: "line of report (all authority)",
            partialAuthority: "budget or personnel authority only",
            professionalAuthority: "professional authority only",
            mentalHealthWork: "mental-health work (with FTE)",
            staffFunction: "dashed box: staff function",
            interMunicipal: "double outline: inter-municipal",
            fte: { "MH \($0) FTE" },
            organisation: "organisation",
            chartFigures: { "units \($0) · depth \($1) · span max/mean " },
            mentalHealthFigures: { "mental-health units \($0) · MH FTE \($1) · HHI \($2) · visible " },
            model: "model: ",
            purchaser: "purchaser ",
            roots: { "note: \($0) units have no line up (each is level 1)" },
            unitColumns: ["unit", "tier", "level", "span", "dual", "split", "FTE", "subtree FTE"]
        ),
        placement: PlacementWords(
            noFTE: "no FTE stated",
            figures: { "\($0) FTE, \($1) % of stated MH FTE" },
            tier: { "tier \($0)" },
            rootTakenAsExecutive: "a root with no tier, taken as executive",
            tierTakenAsUnit: "whose tier is not stated, taken as a unit",
            staff: { "\($0) (\($1)) is a staff function (staff=true) → \($2)" },
            noMentalHealthNode: { "no node is marked as mental-health work (mh=true) → \($0)" },
            spread: { "\($0) holds the most stated MH FTE (\($1)), under 60 % → \($2)" },
            root: { "\($0) (\($1)) is at the top of the chart → \($2)" },
            under: { "\($0) (\($1)) sits under \($2) → \($3)" },
            noLine: { "\($0) (\($1)) is on no line of report, so it is taken as a service → \($2)" }
        ),
        reorganisation: ReorganisationWords(
            none: "none",
            formalLevel: { "level \($0)" },
            placement: { "\($0); main MH node \($1); \($2) FTE, \($3) MH units; depth \($4)" },
            unitsAdded: "units added: ",
            unitsRemoved: "units removed: ",
            unitsMoved: "units moved: ",
            tiesAdded: "ties added: ",
            tiesRemoved: "ties removed: ",
            forumsLost: "forums lost: ",
            forumsAdded: "forums added: ",
            placementBefore: "mental-health placement before: ",
            placementAfter: "mental-health placement after: ",
            changes: { $0 + " — changes" },
            added: "added",
            moved: "moved (new superior)",
            removed: "removed"
        ),
        comparison: ComparisonWords(
            headings: [
                "municipality": "municipality", "population": "population", "units": "units", "depth": "depth",
                "span_max": "span max", "span_mean": "span mean", "mh_units": "MH units", "mh_fte": "MH FTE",
                "mh_fte_per_1000": "FTE/1000", "model": "model", "purchaser_provider": "purch.–prov.", "hand_offs": "hand-offs",
                "dual_reporting": "dual lines", "authority_splits": "auth. split", "informal_ties": "informal", "forums": "forums",
                "inter_municipal_nodes": "inter-mun.", "visible": "MH visible",
            ],
            whyEachModel: "Why each model:\n"
        ),
        report: ReportWords(
            organisationChart: "Organisation chart",
            network: "Network",
            pathway: { "Pathway: " + $0 },
            part: { "part \($0) of \($1) (row \($2), column \($3))" },
            andMore: { " and \($0) more" },
            suppressed: { "counts below \($0) shown as <\($0)" },
            wholeGraph: "The whole graph",
            measure: "measure",
            value: "value",
            nodes: "nodes",
            edgeRecords: "edge records",
            density: "density",
            components: "components",
            levelMixing: "level mixing",
            eiIndex: "E–I index",
            singlePointsOfFailure: "single points of failure",
            brokers: "Brokers (betweenness)",
            node: "node",
            degree: "degree",
            helperNetworks: "Helper networks",
            pathways: "Pathways",
            firstUsers: { "The first 20 of \($0) users." },
            levelTransitionsOf: "Level transitions of ",
            transitionColumns: ["time", "from", "to", "new faces", "carried", "broken", "bridged", "censored"],
            transitionNote: { days in
                "A transition is a change of the care level — the highest level at which a stay or a care episode is open — "
                    + "not a visit at another level: care at two levels at once is concurrent care, not a transition. "
                    + "Censored: the data end less than \(days) days after it, "
                    + "so it is left out of the totals."
            },
            followupOf: "Follow-up after discharge of ",
            followupColumns: ["index discharge", "follow-up, days", "municipal follow-up, days", "readmitted within 30 days",
                              "censored for 7 days"],
            organisation: "Organisation",
            figure: "figure",
            depth: "depth (levels)",
            span: "span of control, max / mean",
            mentalHealthUnits: "mental-health units",
            mentalHealthFTE: "mental-health FTE",
            placementModel: "placement model",
            why: "why",
            visible: "visible on the chart",
            unitColumns: ["unit", "tier", "formal level", "span", "dual reporting", "authority split", "MH FTE", "MH FTE below"],
            dataQuality: "Data quality",
            qualityColumns: ["what", "count", "which"],
            quality: [
                "undated_contacts": "undated contacts",
                "visits_without_named_professional": "visits without a named professional",
                "visits_of_unknown_level": "visits of unknown level",
                "events_without_user": "events between helpers naming no user",
                "skipped_rows": "skipped rows",
                "unknown_levels": "nodes of unknown level",
                "unmatched_discharges": "discharges without an admission",
                "open_stays": "stays open at the data end",
                "repeated_admissions": "repeated admissions (ignored)",
                "stay_events_of_unknown_level": "admissions and discharges of unknown level",
            ],
            validation: "validation errors / warnings",
            reports: "Samhandling reports",
            indexColumns: ["graph", "input", "nodes", "users"],
            madeBy: "Made by Samhandling; nothing in these pages is fetched from anywhere."
        ),
        measures: MeasureWords(
            names: [
                "helpers": "helpers",
                "relatives": "relatives and network",
                "services": "services",
                "levels": "levels",
                "helper_ties": "ties between helpers",
                "helper_density": "density among helpers",
                "helper_groups": "groups without the user",
                "fragmentation": "fragmentation",
                "fragmentation_without_relatives": "fragmentation without relatives",
                "distance_fragmentation": "distance fragmentation",
                "key_helper": "key helper",
                "key_helper_fragmentation": "fragmentation without the key helper",
                "coordinator_reach": "coordinator reach",
                "effective_size": "effective size",
                "efficiency": "efficiency",
                "constraint": "constraint",
                "care_density": "care density",
                "fragmented_care_density": "fragmented care density",
                "contacts": "visits",
                "providers": "professionals seen",
                "upc": "UPC",
                "coc": "COC",
                "secon": "SECON",
                "mmci": "MMCI",
                "hhi": "HHI",
                "handovers": "handovers",
                "level_switches": "level switches (visit to visit)",
                "level_transitions": "level transitions",
                "up_transitions": "transitions up",
                "down_transitions": "transitions down",
                "censored_transitions": "censored transitions",
                "new_faces": "new faces",
                "broken_relations": "broken relations",
                "unbridged_transitions": "unbridged transitions",
                "discontinuity_index": "discontinuity index",
                "discharges": "index discharges",
                "transfers": "transfers",
                "censored_discharges": "censored discharges",
                "followup_days": "days to follow-up",
                "followup_7d": "followed up within 7 days",
                "followup_30d": "followed up within 30 days",
                "followup_municipal_days": "days to municipal follow-up",
                "followup_municipal_7d": "municipal follow-up within 7 days",
                "readmissions_30d": "readmissions within 30 days",
                "readmission_rate_30d": "30-day readmission rate",
                "referral_wait_days": "days from referral to visit",
                "concurrency_mean": "levels at once, mean",
                "concurrency_max": "levels at once, most",
            ],
            explanations: [
                "fragmentation": "the share of pairs of helpers who cannot reach each other without the user (0: all connected, 1: none)",
                "fragmentation_without_relatives": "the same with family and network taken out too: how much they hold the helpers together",
                "distance_fragmentation": "as fragmentation, with far-apart pairs counting as partly cut off (Borgatti)",
                "key_helper": "the helper whose absence would leave the others most fragmented",
                "coordinator_reach": "the share of helpers a coordinator or forum is tied to",
                "effective_size": "the user's helpers less their redundancy (Burt): how many independent contacts",
                "efficiency": "effective size divided by the number of helpers",
                "constraint": "how much the user's ties run through few, interconnected helpers (Burt; higher: more dependent on them)",
                "care_density": "how many users each pair of the user's helpers share, on average (Pollack)",
                "upc": "usual provider continuity: the share of visits with the professional seen most",
                "coc": "continuity of care: how concentrated the visits are on few professionals (0–1)",
                "secon": "sequential continuity: the share of visits with the same professional as the visit before",
                "mmci": "modified modified continuity index: few professionals over many visits gives a value near 1",
                "hhi": "Herfindahl–Hirschman index: the sum of each professional's squared share of the visits",
                "level_transitions": "a change of the level the user is cared for at, not a visit at another level",
                "discontinuity_index": "the share of level transitions that no one bridged (organised discontinuity)",
                "level_mixing": "the share of ties that join different levels",
                "ei_index": "ties between levels less ties within, over all ties (−1 to 1; Krackhardt & Stern)",
                "betweenness": "how often a node lies on the shortest paths between others: a broker",
            ]
        ),
        scenario: ScenarioWords(
            scope: { scope in
                switch scope {
                case .graph: "Whole graph"
                case .user: "Helper network of"
                case .pathway: "Pathway of"
                case .structure: "Organisation"
                }
            },
            heading: { "Scenario: \($1) on \($0)" },
            noChanges: "No measure changes.",
            brokers: { "Betweenness: the \($0) largest changes (of \($1) nodes whose centrality changed; all in --format json or csv)" },
            title: { $0 + " — scenario" },
            added: "added",
            removed: "removed",
            moved: "moved (new superior)",
            relevelled: "at a new level",
            changed: "attributes changed, or merged into"
        ),
        requirements: RequirementWords(
            title: "The seven requirements of the national guidance on organising municipal mental-health work",
            heading: { requirement in
                switch requirement {
                case .coordinated: "Ensure a service that is experienced as holistic and coordinated"
                case .professionalMilieu:
                    "Ensure a good professional milieu, so that users get a service of good quality and those who work with mental health find the milieu stimulating"
                case .respect:
                    "Ensure that the user is treated with respect, both as an individual and as a group, and that the user, also as an individual and as a group, trusts those who are to provide the service and experiences being consulted"
                case .sharedValues: "Ensure that mental-health work rests on a shared foundation of values"
                case .continuity: "Ensure continuity for the user through stable relations and as few people as possible to deal with"
                case .visible:
                    "Ensure that people who need help get help: that mental-health work is visible enough in the organisation and in how it presents itself outwardly"
                case .sufficient:
                    "Ensure that people with mental disorders get sufficient services, in line with the rights individuals and groups of persons have under the law"
                }
            },
            short: { requirement in
                switch requirement {
                case .coordinated: "Holistic and coordinated"
                case .professionalMilieu: "Good professional milieu"
                case .respect: "Respect, trust, consulted"
                case .sharedValues: "Shared values"
                case .continuity: "Continuity, few people"
                case .visible: "Help for those who need it: visible"
                case .sufficient: "Sufficient services"
                }
            },
            indicator: indicatorNameEnglish,
            serviceKind: serviceKindNameEnglish,
            time: { $0.rawValue },
            timeShort: { time in
                switch time {
                case .evening: "eve"
                case .night: "night"
                case .weekend: "w/e"
                }
            },
            phrase: phraseEnglish,
            missing: missingEnglish,
            cannotTell: { requirement in
                switch requirement {
                case .coordinated:
                    "Whether helpers share plans and information in practice, and whether the user experiences one whole service: a tie in the graph is one someone wrote down, not how well it works."
                case .professionalMilieu:
                    "Competence, supervision, recruitment, and whether staff find the milieu stimulating; FTE only where a figure is stated."
                case .respect:
                    "Respect and trust are experiences: only the user can say whether they are heard. The graph shows at most who sits in a forum."
                case .sharedValues: "Shared values are not structural: no graph shows them, and they are never scored."
                case .continuity:
                    "Whether the relations were good and why helpers changed; an org chart holds no pathway (its purchaser hand-offs, under requirement 6, are where it builds in a break)."
                case .visible:
                    "How the work is presented to the public and whether people who need help find it: a chart shows where the work sits, not who it reaches."
                case .sufficient:
                    "Volume, waiting times and quality, and whether the rights under the law are met: the graph shows that a kind of service is there, not its capacity."
                }
            },
            need: { need in
                switch need {
                case .orgChart: "cannot be assessed: it needs an org chart (reports_to edges)"
                case .users: "cannot be assessed: it needs a user's helper network or pathway"
                case .usersOrOrgChart: "cannot be assessed: it needs users or reports_to edges, and the graph has neither"
                case .graph: "cannot be assessed: an event log holds visits only, and this needs a graph"
                }
            },
            notStructural: "not structural: never scored",
            neither: { name, numbers in
                "\(name) has neither users nor reports_to edges: requirements "
                    + RequirementText.series(numbers.map(String.init), and: "and")
                    + " cannot be assessed from it (4, shared values, is never scored)."
            },
            key: "– not in the data (never a bad value) · n/a the graph cannot show it",
            notApplicable: "n/a",
            readings: "What each line rests on",
            cannotTellHeading: "What the data cannot tell",
            columns: ["Requirement", "Indicators", "Reading", "What the data cannot tell"],
            before: "before",
            after: "after",
            scenario: "The seven requirements, before → after",
            andMore: { " and \($0) more" }
        )
    )
}

private func indicatorNameEnglish(_ key: IndicatorKey) -> String {
        switch key {
        case .coordinatorReach: "coordinator reach"
        case .helperGroups: "helper groups without the user"
        case .fragmentation: "fragmentation without the user"
        case .keyHelper: "losing the key helper"
        case .forums: "forums"
        case .mhForums: "forums with MH work"
        case .mhPartners: "collaboration partners of MH work"
        case .informalTies: "informal ties"
        case .mhFTE: "MH FTE"
        case .mhFTEPer1000: "MH FTE per 1,000 inhabitants"
        case .mhUnits: "MH units"
        case .largestMHUnit: "FTE of the main MH unit"
        case .interMunicipal: "inter-municipal nodes"
        case .voiceInForum: "forums with user or family"
        case .relatives: "relatives, user organisations"
        case .coordinator: "coordinators named"
        case .helpers: "helpers"
        case .handovers: "handovers"
        case .coc: "COC"
        case .upc: "UPC"
        case .discontinuityIndex: "discontinuity index"
        case .brokenRelations: "broken relations"
        case .followup7d: "followed up within 7 days"
        case .mhMarked: "MH work marked"
        case .mhHelpers: "helpers in MH work"
        case .mhFormalLevel: "formal level of MH work"
        case .placementModel: "placement model"
        case .entryPoints: "points of entry"
        case .purchaserHandOffs: "purchaser hand-offs"
        case .serviceKinds: "service kinds found (of 6)"
        case .outOfHours: "evening, night, weekend"
        }
}

private func serviceKindNameEnglish(_ kind: ServiceKind) -> String {
        switch kind {
        case .gp: "GP"
        case .homeServices: "home services"
        case .mentalHealth: "mental-health service"
        case .nav: "NAV"
        case .housing: "housing"
        case .dps: "DPS"
        }
}

private func phraseEnglish(_ indicator: Indicator) -> String {
        let names = RequirementText.names(indicator.evidence) { " and \($0) more" }
        let first = indicator.evidence.first.map { "«\($0)»" } ?? "?"
        func number(_ x: Double) -> String { RequirementText.number(x) }
        func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) " + (n == 1 ? one : many) }
        switch (indicator.key, indicator.value) {
        case let (.coordinatorReach, .share(reached, of: all)?): return "\(first) reaches \(reached) of \(all) helpers"
        case let (.helperGroups, .count(groups)?):
            return "without the user the helpers form " + plural(groups, "group", "groups")
                + (indicator.evidence.isEmpty ? "" : " (alone: \(names))")
        case let (.fragmentation, .number(x)?): return "fragmentation \(number(x))"
        case let (.keyHelper, .change(from, to)?):
            return "without \(first) it goes from \(from.map(number) ?? "–") to \(number(to))"
        case let (.forums, .count(n)?): return n == 0 ? "no forum" : plural(n, "forum", "forums") + " (\(names))"
        case let (.mhForums, .count(n)?): return n == 0 ? "MH work is in no forum" : "MH work is in " + plural(n, "forum", "forums") + " (\(names))"
        case let (.mhPartners, .count(n)?):
            return n == 0 ? "MH work has no collaboration tie" : "MH work collaborates with \(n) (\(names))"
        case let (.informalTies, .count(n)?): return n == 0 ? "no informal tie" : plural(n, "informal tie", "informal ties") + " (\(names))"
        case let (.mhFTE, .number(x)?): return "\(number(x)) MH FTE stated (\(names))"
        case let (.mhFTEPer1000, .number(x)?): return "\(number(x)) per 1,000 inhabitants (population \(indicator.evidence.first ?? "?"))"
        case let (.mhUnits, .count(n)?): return n == 0 ? "no MH unit" : plural(n, "MH unit", "MH units") + " (\(names))"
        case let (.largestMHUnit, .number(x)?): return "the main one, \(first), holds \(number(x)) FTE"
        case let (.interMunicipal, .count(n)?):
            return n == 0 ? "nothing inter-municipal in the chart" : plural(n, "inter-municipal node", "inter-municipal nodes") + " (\(names))"
        case let (.voiceInForum, .share(heard, of: all)?):
            return "the user or family takes part in \(heard) of \(all) " + (all == 1 ? "forum" : "forums") + " (\(names))"
        case let (.relatives, .count(n)?):
            return n == 0 ? "no relative or user organisation" : plural(n, "relative or user organisation", "relatives or user organisations") + " (\(names))"
        case (.coordinator, .count?): return "coordinator: \(names)"
        case let (.helpers, .count(n)?): return plural(n, "helper", "helpers")
        case let (.handovers, .count(n)?): return plural(n, "handover", "handovers")
        case let (.coc, .number(x)?): return "COC \(number(x))"
        case let (.upc, .number(x)?): return "UPC \(number(x))"
        case let (.discontinuityIndex, .number(x)?): return "discontinuity index \(number(x))"
        case let (.brokenRelations, .count(n)?): return plural(n, "broken relation", "broken relations")
        case let (.followup7d, .number(x)?):
            return "followed up within 7 days: share \(number(x)) of " + plural(indicator.evidence.count, "index discharge", "index discharges") + " (\(names))"
        case let (.mhMarked, .flag(marked)?):
            return marked ? "marked as MH work: \(names)" : "no node is marked as MH work (mh=true)"
        case let (.mhHelpers, .count(n)?):
            return n == 0 ? "no helper in MH work" : plural(n, "helper", "helpers") + " in MH work (\(names))"
        case let (.mhFormalLevel, .level(level)?): return "\(first) at formal level \(level)"
        case let (.placementModel, .model(_, reason)?): return "model: " + reason.sentence(.en)
        case let (.entryPoints, .count(n)?): return plural(n, "point of entry", "points of entry") + " (\(names))"
        case let (.purchaserHandOffs, .count(n)?):
            return n == 0 ? "no purchaser–provider hand-off" : plural(n, "purchaser hand-off", "purchaser hand-offs") + " (\(names))"
        case let (.serviceKinds, .kinds(found)?):
            let missing = ServiceKind.allCases.filter { kind in !found.contains { $0.kind == kind } }
            return "\(found.count) of 6 service kinds: " + found.map { serviceKindNameEnglish($0.kind) + " «\($0.node)»" }
                .joined(separator: ", ")
                + (missing.isEmpty ? "" : "; not found in the data: " + missing.map(serviceKindNameEnglish).joined(separator: ", "))
        case let (.outOfHours, .times(times)?):
            return times.map(\.rawValue).joined(separator: ", ") + " (\(names))"
        default: return indicatorNameEnglish(indicator.key)
        }
}

private func missingEnglish(_ indicator: Indicator) -> String {
        let what = indicatorNameEnglish(indicator.key)
        switch indicator.key {
        case .coordinatorReach: return "no coordinator (coordinator=true) or forum in the data"
        case .helperGroups: return "no helpers"
        case .fragmentation: return "fragmentation needs two helpers"
        case .keyHelper: return "a key helper needs three helpers"
        case .mhForums, .mhPartners, .mhHelpers, .entryPoints: return "no node is marked as MH work (mh=true)"
        case .mhFTE: return "no MH FTE stated (mh_fte)"
        case .mhFTEPer1000: return "FTE per 1,000 inhabitants needs stated FTE and the population"
        case .largestMHUnit:
            return indicator.evidence.isEmpty ? "no node is marked as MH work (mh=true)" : "no FTE stated for «\(indicator.evidence[0])»"
        case .voiceInForum: return "no forum, or no user or family, to see in the data"
        case .relatives: return "the chart names no user or relatives' organisation"
        case .coordinator: return "no coordinator marked (coordinator=true)"
        case .handovers, .coc, .upc: return "\(what): too few dated visits"
        case .discontinuityIndex: return "no uncensored level transition"
        case .brokenRelations: return "broken relations: no stay or care episode"
        case .followup7d: return "no index discharge"
        case .mhFormalLevel: return indicator.evidence.isEmpty ? "no node is marked as MH work (mh=true)" : "«\(indicator.evidence[0])» is on no line of report"
        case .outOfHours: return "the data do not say when help is there outside office hours"
        default: return "\(what): not in the data"
        }
}
