import Foundation

/// Everything `samhandling metrics` reports for one input (README, "Using it"; the pathway keys in
/// docs/pathways.md).
public struct MetricsReport: Sendable {
    public struct Meta: Sendable {
        public var input: String
        public var sha256: String
        public var toolVersion: String
        public var period: (from: String?, to: String?)
        public var granularity: Granularity
        public var windowDays: Double
        public var episodeGapDays: Double
        /// The language of the texts a reader reads: the table, and the placement model's reason.
        public var language: Language

        public init(input: String, sha256: String, toolVersion: String, from: String? = nil, to: String? = nil,
                    granularity: Granularity = .professional, windowDays: Double = 30, episodeGapDays: Double = 60,
                    language: Language = .en) {
            self.language = language
            self.input = input
            self.sha256 = sha256
            self.toolVersion = toolVersion
            self.period = (from, to)
            self.granularity = granularity
            self.windowDays = windowDays
            self.episodeGapDays = episodeGapDays
        }

        /// The pathway parameters these options stand for, with the data end for censoring.
        func pathwayOptions(period: Period, dataEnd: Timestamp?) -> PathwayOptions {
            // `--to` is where the data ends when given: its last second (a date alone covers the day).
            PathwayOptions(granularity: granularity, windowDays: windowDays, episodeGapDays: episodeGapDays,
                           period: period,
                           dataEnd: period.end.map { Timestamp(secondsSinceEpoch: $0.secondsSinceEpoch - 1) } ?? dataEnd)
        }
    }

    public var meta: Meta
    /// Whole-graph and helper-network measures: nil for an event log, which has no graph.
    public var whole: WholeGraphMeasures?
    /// The org chart's measures, when the graph has a `reports_to` edge.
    public var structure: StructureMeasures?
    public var users: [HelperNetworkMeasures]?
    public var pathways: [PathwayMeasures]
    public var quality: DataQuality
    /// What reading and checking the input found, each with its file and line: an event log's
    /// rows that could not be used, a graph's vocabulary errors and warnings.
    public var problems: [Diagnostic] = []

    /// What to measure in a graph.
    public enum Scope: String, CaseIterable, Sendable {
        /// The whole graph, each user's helper network and each user's pathway.
        case all
        /// The whole graph only: betweenness, articulation points, both fragmentations and the
        /// rest of the whole-graph measures, for a municipality's collaboration graph where no one user is the point.
        case whole
    }

    /// Computes the measures of `graph`: the whole graph and, for `.all`, each user's helper
    /// network and pathway.
    public init(graph: CollaborationGraph, meta: Meta, period: Period = Period(), fcdWeights: LevelPairWeights? = nil,
                problems: [Diagnostic] = [], scope: Scope = .all) throws(MeasureError) {
        self.meta = meta
        self.problems = problems
        whole = graph.wholeGraphMeasures()
        if graph.edges.contains(where: { $0.declaredKind == .reportsTo }) {
            do {
                structure = try graph.structureMeasures()
            } catch {
                self.problems.append(Diagnostic(file: meta.input, line: nil, message: error.description))
            }
        }
        guard scope == .all else {
            users = nil
            pathways = []
            quality = DataQuality(graph: graph, problems: self.problems)
            quality.addStructure(structure)
            return
        }
        users = try graph.helperNetworkMeasures(period: period, fcdWeights: fcdWeights)
        let extracted = graph.pathways()
        let options = meta.pathwayOptions(period: period, dataEnd: extracted.dataEnd)
        pathways = extracted.pathways.map { $0.measures(options) }
        quality = DataQuality(graph: graph, problems: self.problems)
        quality.addStructure(structure)
        quality.visitsOfUnknownLevel = extracted.visitsOfUnknownLevel
        quality.eventsWithoutUser = extracted.eventsWithoutUser
        quality.note("visits_of_unknown_level", extracted.nodesOfUnknownLevelVisits)
        quality.note("events_without_user", extracted.edgesWithoutUser)
        quality.addStays(of: pathways)
    }

    /// Computes the pathway measures of an event log, reading it as a stream (the measures are
    /// held; for a large log, `streamPathways` hands them on instead).
    public init(eventLog: EventLogReader, meta: Meta, period: Period = Period()) throws(Diagnostic) {
        self.meta = meta
        var measured: [PathwayMeasures] = []
        let summary = try Self.streamPathways(eventLog: eventLog, meta: meta, period: period,
                                              onRestart: { measured.removeAll() }) { measured.append($0) }
        pathways = measured
        quality = DataQuality(eventLog: summary)
        quality.addStays(of: measured)
        problems = summary.skipped
    }

    /// Measures an event log one user at a time, handing each user's measures to `emit` as soon
    /// as they are computed, so that memory does not grow with the number of users. When the log
    /// turns out not to be sorted by user, `onRestart` is called: drop what was emitted, it comes
    /// again (see `EventLogReader.forEachPathway`).
    public static func streamPathways(eventLog: EventLogReader, meta: Meta, period: Period = Period(),
                                      onRestart: () -> Void, emit: (PathwayMeasures) -> Void)
        throws(Diagnostic) -> EventLogReader.Summary
    {
        // Censoring needs where the data ends before the first user is measured: `--to`, or a
        // first pass for the latest time.
        let options = meta.pathwayOptions(period: period, dataEnd: period.end == nil ? try eventLog.latestTime() : nil)
        return try eventLog.forEachPathway(onRestart: onRestart) { emit($0.measures(options)) }
    }
}
