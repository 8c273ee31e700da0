import Foundation

extension RequirementsScorecard {
    /// The scorecards of one input: one per user of a graph (its helper network and pathway,
    /// and the org chart's indicators too when the graph is also a chart), one for an org chart
    /// without users, one per user of an event log (`graph` nil: the pathway only), and one
    /// saying what cannot be assessed for a graph with neither users nor `reports_to` edges.
    ///
    /// Every indicator is read off measures `report` already holds (docs/requirements.md
    /// defines each) or off the graph's nodes; `profile` gives FTE per 1,000 inhabitants, shared
    /// out as a comparison of municipalities shares it (`MunicipalityComparison`).
    /// - Complexity: O(V + E) per subject, past what `report` computed.
    public static func scorecards(of report: MetricsReport, graph: CollaborationGraph?,
                                  profile: MunicipalityProfile? = nil) -> [RequirementsScorecard] {
        let input = report.meta.input
        guard let graph else {
            return report.pathways.map { pathway in
                assembled(input: input, name: pathway.user.rawValue, user: pathway.user, subject: .pathway,
                          indicators: continuity(of: pathway), otherwise: .graph)
            }
        }
        let reading = GraphReading(graph: graph)
        let chart = report.structure.map { reading.chartIndicators($0, profile: profile) }
        let pathways = Dictionary(report.pathways.map { ($0.user, $0) }) { first, _ in first }
        let users = report.users ?? []
        if users.isEmpty {
            guard let chart else {
                return [assembled(input: input, name: graph.municipalityName(input: input), user: nil, subject: .neither,
                                  indicators: [], otherwise: .usersOrOrgChart)]
            }
            return [assembled(input: input, name: profile?.name ?? graph.municipalityName(input: input), user: nil,
                              subject: .orgChart, indicators: chart, otherwise: .users)]
        }
        return users.map { helpers in
            let own = reading.helperIndicators(helpers) + continuity(of: pathways[helpers.user])
            return assembled(input: input, name: graph[helpers.user]?.label ?? helpers.user.rawValue, user: helpers.user,
                             subject: chart == nil ? .helperNetwork : .helperNetworkAndOrgChart,
                             indicators: own + (chart ?? []), otherwise: .orgChart)
        }
    }

    /// The scorecards of a batch, in order: FTE per 1,000 inhabitants is shared out among the
    /// org charts of the batch as `compare` shares it (inter-municipal FTE by population where
    /// every partner is in the batch, else evenly).
    public static func scorecards(of batch: [(report: MetricsReport, graph: CollaborationGraph?)]) -> [RequirementsScorecard] {
        let charts = batch.compactMap { item -> MunicipalityProfile? in
            guard item.report.structure != nil, let graph = item.graph else { return nil }
            return try? graph.municipalityProfile(input: item.report.meta.input)
        }
        let profiles = Dictionary(MunicipalityComparison(charts).profiles.map { ($0.input, $0) }) { first, _ in first }
        return batch.flatMap { scorecards(of: $0.report, graph: $0.graph, profile: profiles[$0.report.meta.input]) }
    }

    /// The seven in order: shared values never scored; a requirement no indicator speaks to
    /// cannot be assessed, and would need `otherwise`.
    private static func assembled(input: String, name: String, user: NodeID?, subject: ScorecardSubject,
                                  indicators: [Indicator], otherwise: RequirementNeed) -> RequirementsScorecard {
        let assessments = Requirement.allCases.map { requirement -> RequirementAssessment in
            if requirement == .sharedValues { return RequirementAssessment(requirement: requirement, status: .notStructural, indicators: []) }
            let own = indicators.filter { $0.key.requirement == requirement }
                .sorted { (IndicatorKey.allCases.firstIndex(of: $0.key) ?? 0) < (IndicatorKey.allCases.firstIndex(of: $1.key) ?? 0) }
            return RequirementAssessment(requirement: requirement, status: own.isEmpty ? .notAssessable(otherwise) : .assessed,
                                         indicators: own)
        }
        return RequirementsScorecard(input: input, name: name, user: user, subject: subject, assessments: assessments)
    }

    /// Continuity from a pathway: handovers, COC, UPC, the discontinuity index, broken
    /// relations, follow-up within 7 days of an index discharge.
    static func continuity(of pathway: PathwayMeasures?) -> [Indicator] {
        let continuity = pathway?.continuity
        return [
            Indicator(.handovers, continuity?.handovers.map { .count($0) }),
            Indicator(.coc, continuity?.coc.map { .number($0) }),
            Indicator(.upc, continuity?.upc.map { .number($0) }),
            Indicator(.discontinuityIndex, pathway?.discontinuityIndex.map { .number($0) }),
            Indicator(.brokenRelations, pathway?.brokenRelations.map { .count($0) }),
            Indicator(.followup7d, pathway?.followup7d.map { .number($0) },
                      evidence: pathway?.dischargeOutcomes.map(\.time.dateString) ?? []),
        ]
    }
}

/// The graph-side readings: which nodes are forums, coordinators, mental-health work, which
/// service kinds, what says evening or night.
struct GraphReading {
    let graph: CollaborationGraph
    let levels: LevelResolution
    let memberships: [NodeID: Set<String>]

    init(graph: CollaborationGraph) {
        self.graph = graph
        levels = graph.resolveLevels()
        memberships = graph.memberServices()
    }

    func label(_ id: NodeID) -> String { graph[id]?.label ?? id.rawValue }
    func labels(_ ids: [NodeID]) -> [String] { ids.map(label) }
    func flagged(_ name: String) -> [NodeID] { graph.nodes.filter { $0.flag(name) }.map(\.id) }
    var forums: [NodeID] { graph.nodes(ofKind: .forum).map(\.id) }

    /// The nodes joined to any of `ids` by an edge of one of `kinds`, in node order.
    func neighbours(of ids: Set<NodeID>, by kinds: Set<EdgeKind>) -> [NodeID] {
        var found = Set<NodeID>()
        for edge in graph.edges where edge.declaredKind.map(kinds.contains) == true {
            if ids.contains(edge.source) { found.insert(edge.target) }
            if ids.contains(edge.target) { found.insert(edge.source) }
        }
        return graph.nodes.map(\.id).filter { found.contains($0) && !ids.contains($0) }
    }

    /// The first node (in node order) of each service kind among `candidates`.
    func serviceKinds(among candidates: Set<NodeID>) -> Indicator {
        let ordered = graph.nodes.filter { candidates.contains($0.id) }
        let found = ServiceKind.allCases.compactMap { kind -> (kind: ServiceKind, node: String)? in
            ordered.first { kind.matches($0, level: levels[$0.id]) }.map { (kind, $0.label) }
        }
        return Indicator(.serviceKinds, .kinds(found), evidence: found.map(\.node))
    }

    /// What the texts of `nodes` and `edges` (label, role, note, `cover`) and the visits `visits`
    /// say about evening, night and weekend help; missing when nothing says so.
    func outOfHours(nodes: [NodeID], edges: [Edge], visits: [(NodeID, String)] = []) -> Indicator {
        var times = Set<OutOfHours>()
        var evidence: [String] = []
        func note(_ found: [OutOfHours], _ what: String) {
            guard !found.isEmpty else { return }
            times.formUnion(found)
            if !evidence.contains(what) { evidence.append(what) }
        }
        for id in nodes {
            guard let node = graph[id] else { continue }
            let text = ["label", "role", "note", "cover"].compactMap { node.attributes[$0] }.joined(separator: " ")
            note(OutOfHours.said(in: text), "«\(node.label)»")
        }
        for edge in edges {
            let text = ["label", "note", "cover"].compactMap { edge.attributes[$0] }.joined(separator: " ")
            note(OutOfHours.said(in: text), "«\(label(edge.source))» – «\(label(edge.target))»")
        }
        for (helper, written) in visits { note(OutOfHours.of(visit: written), "«\(label(helper))» \(written)") }
        let found = OutOfHours.allCases.filter(times.contains)
        return Indicator(.outOfHours, found.isEmpty ? nil : .times(found), evidence: evidence)
    }

    /// One user's indicators from their helper network (docs/requirements.md).
    func helperIndicators(_ h: HelperNetworkMeasures) -> [Indicator] {
        let n = h.helpers
        let helperSet = Set(h.helperIDs)
        var result: [Indicator] = []

        // Coordinated: who reaches the helpers, how they hang together without the user.
        result.append(Indicator(.coordinatorReach, h.coordinatorReach.flatMap { reach in
            h.coordinatorHub.map { _ in .share(Int((reach * Double(n)).rounded()), of: n) }
        }, evidence: h.coordinatorHub.map { [label($0)] } ?? []))
        result.append(Indicator(.helperGroups, n == 0 ? nil : .count(h.helperGroups), evidence: labels(h.isolatedHelpers)))
        result.append(Indicator(.fragmentation, h.fragmentation.map { .number($0) }))
        result.append(Indicator(.keyHelper, h.keyHelperFragmentation.map { .change(from: h.fragmentation, to: $0) },
                                evidence: h.keyHelper.map { [label($0)] } ?? []))

        // Respect: the user and their family in the user's forums; a coordinator named.
        let userForums = neighbours(of: helperSet.union([h.user]), by: Set(EdgeKind.allCases)).filter { graph[$0]?.kind == .forum }
        let voices = Set([h.user] + h.relativeIDs)
        let withVoice = userForums.filter { neighbours(of: [$0], by: Set(EdgeKind.allCases)).contains(where: voices.contains) }
        result.append(Indicator(.voiceInForum, userForums.isEmpty ? nil : .share(withVoice.count, of: userForums.count),
                                evidence: labels(userForums)))
        result.append(Indicator(.relatives, .count(h.relatives), evidence: labels(h.relativeIDs)))
        let coordinators = h.helperIDs.filter { graph[$0]?.flag("coordinator") == true }
        result.append(Indicator(.coordinator, coordinators.isEmpty ? nil : .count(coordinators.count), evidence: labels(coordinators)))

        // Continuity: as few people as possible (the pathway adds the rest).
        result.append(Indicator(.helpers, .count(n)))

        // Visible: helpers of work marked as mental-health work.
        let marked = Set(flagged("mh"))
        let mhHelpers = h.helperIDs.filter { helper in
            marked.contains(helper) || graph.services(of: helper, memberships: memberships).contains { marked.contains(NodeID($0)) }
        }
        result.append(Indicator(.mhHelpers, marked.isEmpty ? nil : .count(mhHelpers.count), evidence: labels(mhHelpers)))

        // Sufficient: the service kinds the user reached, and help outside office hours.
        var reached = helperSet
        for helper in h.helperIDs { reached.formUnion(graph.services(of: helper, memberships: memberships).map { NodeID($0) }) }
        let contacts = graph.edges.filter { $0.declaredKind == .contact && $0.touches(h.user) }
        for edge in contacts {
            let other = edge.source == h.user ? edge.target : edge.source
            if graph[other]?.kind == .service { reached.insert(other) }
        }
        result.append(serviceKinds(among: reached))
        let visits = contacts.flatMap { edge -> [(NodeID, String)] in
            let other = edge.source == h.user ? edge.target : edge.source
            return helperSet.contains(other) ? edge.dateStrings.map { (other, $0) } : []
        }
        let helperEdges = graph.edges.filter { helperSet.contains($0.source) || helperSet.contains($0.target) }
        result.append(outOfHours(nodes: graph.nodes.map(\.id).filter(reached.contains), edges: helperEdges, visits: visits))
        return result
    }

    /// An org chart's indicators (docs/requirements.md).
    func chartIndicators(_ s: StructureMeasures, profile: MunicipalityProfile?) -> [Indicator] {
        let marked = flagged("mh")
        let markedSet = Set(marked)
        var result: [Indicator] = []

        // Coordinated: forums, the forums and partners of mental-health work, informal ties.
        result.append(Indicator(.forums, .count(forums.count), evidence: labels(forums)))
        let mhForums = neighbours(of: markedSet, by: [.member, .meeting]).filter { graph[$0]?.kind == .forum }
        result.append(Indicator(.mhForums, marked.isEmpty ? nil : .count(mhForums.count), evidence: labels(mhForums)))
        let partners = neighbours(of: markedSet, by: [.collaboration, .agreement, .informal])
        result.append(Indicator(.mhPartners, marked.isEmpty ? nil : .count(partners.count), evidence: labels(partners)))
        let informal = graph.edges.filter { $0.declaredKind == .informal }
        result.append(Indicator(.informalTies, .count(s.informalTies),
                                evidence: informal.map { "«\(label($0.source))» – «\(label($0.target))»" }))

        // Professional milieu: FTE, units, the largest, inter-municipal.
        let stating = graph.nodes.filter { CollaborationGraph.statedFTE($0) != nil }.map(\.id)
        result.append(Indicator(.mhFTE, s.mhFTE.map { .number($0) }, evidence: labels(stating)))
        result.append(Indicator(.mhFTEPer1000, profile?.mhFTEPer1000.map { .number($0) },
                                evidence: profile?.population.map { [String($0)] } ?? []))
        result.append(Indicator(.mhUnits, .count(s.mhUnits.count), evidence: labels(s.mhUnits)))
        let main = s.mainMentalHealthNode
        let mainUnit = main.flatMap { id in s.units.first { $0.node == id } }
        let mainFTE = mainUnit?.subtreeMHFTE ?? main.flatMap { graph[$0] }.flatMap(CollaborationGraph.statedFTE)
        result.append(Indicator(.largestMHUnit, mainFTE.map { .number($0) }, evidence: main.map { [label($0)] } ?? []))
        result.append(Indicator(.interMunicipal, .count(s.interMunicipal.count), evidence: labels(s.interMunicipal)))

        // Respect: user and relatives' organisations in the chart, and in its forums; a coordinator.
        let voices = graph.nodes.filter { [.user, .relative].contains($0.kind) || levels[$0.id] == .civil }.map(\.id)
        result.append(Indicator(.relatives, voices.isEmpty ? nil : .count(voices.count), evidence: labels(voices)))
        let heard = forums.filter { forum in neighbours(of: [forum], by: Set(EdgeKind.allCases)).contains { voices.contains($0) } }
        result.append(Indicator(.voiceInForum, voices.isEmpty || forums.isEmpty ? nil : .share(heard.count, of: forums.count),
                                evidence: labels(heard)))
        let coordinators = flagged("coordinator")
        result.append(Indicator(.coordinator, coordinators.isEmpty ? nil : .count(coordinators.count), evidence: labels(coordinators)))

        // Visible: marked, its level, the model and why, the points of entry, purchaser hand-offs.
        result.append(Indicator(.mhMarked, .flag(s.visible), evidence: labels(marked)))
        result.append(Indicator(.mhFormalLevel, mainUnit.map { .level($0.formalLevel) }, evidence: main.map { [label($0)] } ?? []))
        result.append(Indicator(.placementModel, .model(s.model, reason: s.reason), evidence: main.map { [label($0)] } ?? []))
        let lines = graph.reportingLines()
        let entries = s.purchasers.isEmpty
            ? marked.filter { id in !(lines[id] ?? []).contains { markedSet.contains($0.superior) } }
            : s.purchasers.map(\.node)
        result.append(Indicator(.entryPoints, entries.isEmpty ? nil : .count(entries.count), evidence: labels(entries)))
        result.append(Indicator(.purchaserHandOffs, .count(s.purchasers.reduce(0) { $0 + $1.providers.count }),
                                evidence: s.purchasers.map { "«\(label($0.node))» → " + $0.providers.map { "«\(label($0))»" }.joined(separator: ", ") }))

        // Sufficient: the service kinds in the chart, and help outside office hours.
        result.append(serviceKinds(among: Set(graph.nodes.map(\.id))))
        result.append(outOfHours(nodes: graph.nodes.map(\.id), edges: graph.edges))
        return result
    }
}
