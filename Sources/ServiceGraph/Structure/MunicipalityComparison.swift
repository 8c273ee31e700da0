import Foundation

/// One municipality's figures, for a side-by-side comparison (`samhandling compare`).
public struct MunicipalityProfile: Sendable, Equatable {
    public var name: String
    public var input: String
    public var population: Int?
    public var units: Int
    public var depth: Int?
    public var spanMax: Int?
    public var spanMean: Double?
    /// Units marked `mh=true`.
    public var mhUnits: Int
    /// This municipality's mental-health FTE: its own, plus its share of inter-municipal
    /// services (split by population where every partner's is known, else evenly); nil when
    /// the chart states no FTE.
    public var mhFTE: Double?
    public var mhFTEPer1000: Double?
    public var model: MentalHealthModel
    public var reason: PlacementReason
    /// The main mental-health node's label.
    public var mainMentalHealthNode: String?
    public var purchaserProvider: Bool
    public var handOffs: Int
    public var dualReporting: Int
    public var authoritySplits: Int
    public var informalTies: Int
    public var forums: Int
    public var interMunicipalNodes: Int
    public var visible: Bool

    /// FTE held by inter-municipal nodes, with the municipalities they belong to.
    var shared: [(fte: Double, municipalities: [String])] = []

    public static func == (lhs: MunicipalityProfile, rhs: MunicipalityProfile) -> Bool {
        lhs.name == rhs.name && lhs.input == rhs.input && lhs.mhFTE == rhs.mhFTE && lhs.units == rhs.units
            && lhs.model == rhs.model
    }
}

extension CollaborationGraph {
    /// The name a chart goes by: its `municipality`, else its `title`, else the file's name.
    public func municipalityName(input: String) -> String {
        attributes["municipality"] ?? attributes["title"] ?? (input as NSString).lastPathComponent
    }

    /// The figures a comparison of municipalities reports, from this org chart.
    public func municipalityProfile(input: String) throws(ReportingCycle) -> MunicipalityProfile {
        let structure = try structureMeasures()
        let name = municipalityName(input: input)
        func municipalities(_ node: Node) -> [String] {
            (node.attributes["municipality"] ?? "").split(whereSeparator: { ",;/".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var own = 0.0
        var shared: [(fte: Double, municipalities: [String])] = []
        for node in nodes {
            guard let fte = Self.statedFTE(node), fte > 0 else { continue }
            let list = municipalities(node)
            if list.count > 1 { shared.append((fte, list)) } else { own += fte }
        }
        let population = (attributes["population"]?.replacingOccurrences(of: " ", with: "")).flatMap { Int($0) }
        var profile = MunicipalityProfile(
            name: name, input: input, population: population, units: structure.units.count, depth: structure.maxDepth,
            spanMax: structure.span?.max, spanMean: structure.span?.mean, mhUnits: structure.mhUnits.count,
            mhFTE: structure.mhFTE.map { _ in own + shared.reduce(0) { $0 + $1.fte / Double($1.municipalities.count) } },
            mhFTEPer1000: nil, model: structure.model, reason: structure.reason,
            mainMentalHealthNode: structure.mainMentalHealthNode.map { self[$0]?.label ?? $0.rawValue },
            purchaserProvider: !structure.orders.isEmpty, handOffs: structure.handOffs,
            dualReporting: structure.units.filter(\.dualReporting).count,
            authoritySplits: structure.units.filter(\.authoritySplit).count, informalTies: structure.informalTies,
            forums: nodes.filter { $0.kind == .forum }.count, interMunicipalNodes: structure.interMunicipal.count,
            visible: structure.visible)
        profile.shared = shared
        return profile
    }
}

/// A side-by-side comparison of municipalities.
public struct MunicipalityComparison: Sendable {
    public private(set) var profiles: [MunicipalityProfile]

    /// Shares inter-municipal FTE out by population where every partner's population is in
    /// the comparison (else evenly, as each profile already has it), then FTE per 1,000.
    public init(_ profiles: [MunicipalityProfile]) {
        let populations = Dictionary(profiles.compactMap { p in p.population.map { (p.name, $0) } }) { a, _ in a }
        self.profiles = profiles.map { profile in
            var adjusted = profile
            guard var total = profile.mhFTE else { return adjusted }
            for (fte, partners) in profile.shared {
                let known = partners.compactMap { populations[$0] }
                guard known.count == partners.count, let mine = populations[profile.name], partners.contains(profile.name) else { continue }
                total += fte * Double(mine) / Double(known.reduce(0, +)) - fte / Double(partners.count)
            }
            adjusted.mhFTE = total
            adjusted.mhFTEPer1000 = profile.population.flatMap { $0 > 0 ? total * 1000 / Double($0) : nil }
            return adjusted
        }
    }

    public static let columns = [
        "municipality", "population", "units", "depth", "span_max", "span_mean", "mh_units", "mh_fte", "mh_fte_per_1000",
        "model", "purchaser_provider", "hand_offs", "dual_reporting", "authority_splits", "informal_ties", "forums",
        "inter_municipal_nodes", "visible", "main_mh_node", "model_reason", "input",
    ]

    func values(_ p: MunicipalityProfile) -> [String: JSONValue] {
        func int(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
        return [
            "municipality": .string(p.name), "population": int(p.population), "units": .int(p.units), "depth": int(p.depth),
            "span_max": int(p.spanMax), "span_mean": .measure(p.spanMean), "mh_units": .int(p.mhUnits),
            "mh_fte": .measure(p.mhFTE), "mh_fte_per_1000": .measure(p.mhFTEPer1000), "model": .string(p.model.rawValue),
            "purchaser_provider": .bool(p.purchaserProvider), "hand_offs": .int(p.handOffs), "dual_reporting": .int(p.dualReporting),
            "authority_splits": .int(p.authoritySplits), "informal_ties": .int(p.informalTies), "forums": .int(p.forums),
            "inter_municipal_nodes": .int(p.interMunicipalNodes), "visible": .bool(p.visible),
            "main_mh_node": .optional(p.mainMentalHealthNode), "model_reason": .string(p.reason.sentence(.en)),
            "input": .string(p.input),
        ]
    }

    public var json: JSONValue { .array(profiles.map { .object(values($0)) }) }

    public var csv: String {
        CSVText.write([Self.columns] + profiles.map { profile in
            let row = values(profile)
            return Self.columns.map { MetricsFormat.plain(row[$0]) }
        })
    }

    /// An aligned table for people, in English or Norwegian.
    public func table(language: Language = .en) -> String {
        let words = language.comparison
        let columns = Self.columns.filter { !["input", "main_mh_node", "model_reason"].contains($0) }
        let header = columns.map { words.headings[$0]! }
        let rows = profiles.map { profile -> [String] in
            let row = values(profile)
            return columns.map { column in
                switch row[column] {
                case .bool(let flag): language.yesNo(flag)
                case .string where column == "model": profile.model.name(language)
                case .number(let number) where column.hasPrefix("mh_fte") || column == "span_mean":
                    String(format: "%.2f", number)
                case let value: MetricsFormat.plain(value).isEmpty ? "–" : MetricsFormat.plain(value)
                }
            }
        }
        let all = [header] + rows
        let widths = columns.indices.map { index in all.map { $0[index].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 || columns[index] == "model" ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n\n"
            + words.whyEachModel
            + profiles.map { "  \($0.name): \($0.reason.sentence(language))\n" }.joined()
    }
}
