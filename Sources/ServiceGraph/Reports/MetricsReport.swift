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
        /// `--by`: each user's helper network and pathway measured again in each calendar
        /// period (as `--from`/`--to` over that period would), one subject per user and period.
        public var by: PeriodStep?

        public init(input: String, sha256: String, toolVersion: String, from: String? = nil, to: String? = nil,
                    granularity: Granularity = .professional, windowDays: Double = 30, episodeGapDays: Double = 60,
                    language: Language = .en, by: PeriodStep? = nil) {
            self.language = language
            self.by = by
            self.input = input
            self.sha256 = sha256
            self.toolVersion = toolVersion
            self.period = (from, to)
            self.granularity = granularity
            self.windowDays = windowDays
            self.episodeGapDays = episodeGapDays
        }

        /// The pathway parameters these options stand for, with the data end for censoring.
        public func pathwayOptions(period: Period, dataEnd: Timestamp?) -> PathwayOptions {
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
        let extracted = graph.pathways()
        let options = meta.pathwayOptions(period: period, dataEnd: extracted.dataEnd)
        let measured = extracted.pathways.map { $0.measures(options) }
        if let by = meta.by {
            let dates = graph.dateRange()
            let periods = by.periods(first: dates?.first, last: dates?.last, within: period)
            // One list per period, then user by user, each user's periods in order.
            let perPeriod = try periods.map { calendar throws(MeasureError) in
                try graph.helperNetworkMeasures(period: calendar.period, fcdWeights: fcdWeights).map { measures in
                    var measures = measures
                    measures.period = calendar.label
                    return measures
                }
            }
            users = graph.users.indices.flatMap { user in perPeriod.map { $0[user] } }
            pathways = extracted.pathways.flatMap { meta.measures(of: $0, in: periods) }
        } else {
            users = try graph.helperNetworkMeasures(period: period, fcdWeights: fcdWeights)
            pathways = measured
        }
        quality = DataQuality(graph: graph, problems: self.problems)
        quality.addStructure(structure)
        quality.visitsOfUnknownLevel = extracted.visitsOfUnknownLevel
        quality.eventsWithoutUser = extracted.eventsWithoutUser
        quality.note("visits_of_unknown_level", extracted.nodesOfUnknownLevelVisits)
        quality.note("events_without_user", extracted.edgesWithoutUser)
        quality.addStays(of: measured)
    }

    /// Computes the pathway measures of an event log, reading it as a stream (the measures are
    /// held; for a large log, `streamPathways` hands them on instead).
    public init(eventLog: EventLogReader, meta: Meta, period: Period = Period()) throws(Diagnostic) {
        self.meta = meta
        var measured: [PathwayMeasures] = [], rows: [PathwayMeasures] = []
        let summary = try Self.streamPathways(eventLog: eventLog, meta: meta, period: period,
                                              onRestart: { measured.removeAll(); rows.removeAll() }) {
            measured.append($0.whole)
            rows += $0.rows
        }
        pathways = rows
        quality = DataQuality(eventLog: summary)
        quality.addStays(of: measured)
        problems = summary.skipped
    }

    /// Measures an event log one user at a time, handing each user's measures to `emit` as soon
    /// as they are computed, so that memory does not grow with the number of users. When the log
    /// turns out not to be sorted by user, `onRestart` is called: drop what was emitted, it comes
    /// again (see `EventLogReader.forEachPathway`).
    public static func streamPathways(eventLog: EventLogReader, meta: Meta, period: Period = Period(),
                                      onRestart: () -> Void, emit: (MeasuredPathway) -> Void)
        throws(Diagnostic) -> EventLogReader.Summary
    {
        // Censoring needs where the data ends before the first user is measured: `--to`, or a
        // first pass for the latest time; `--by` needs where it starts, unless `--from` says.
        let span = period.end == nil || (meta.by != nil && period.from == nil) ? try eventLog.timeSpan() : nil
        let options = meta.pathwayOptions(period: period, dataEnd: span?.last)
        let periods = meta.by?.periods(first: span?.first, last: span?.last, within: period)
        return try eventLog.forEachPathway(onRestart: onRestart) { pathway in
            emit(MeasuredPathway(whole: pathway.measures(options), byPeriod: periods.map { meta.measures(of: pathway, in: $0) }))
        }
    }

    /// One user's pathway measures over the whole period and, with `--by`, in each calendar period.
    public struct MeasuredPathway: Sendable {
        public var whole: PathwayMeasures
        /// nil without `--by`.
        public var byPeriod: [PathwayMeasures]?
        /// What is reported: the periods' measures with `--by`, else the whole.
        public var rows: [PathwayMeasures] { byPeriod ?? [whole] }
    }
}

extension MetricsReport.Meta {
    /// The pathway parameters in one `--by` period: as `--from`/`--to` over it, censored at its data end.
    func options(in calendar: CalendarPeriod) -> PathwayOptions {
        PathwayOptions(granularity: granularity, windowDays: windowDays, episodeGapDays: episodeGapDays,
                       period: calendar.period, dataEnd: calendar.dataEnd)
    }

    /// `pathway`'s measures in each of `periods`, each as `--from`/`--to` over it would give
    /// (censored at the period's data end), labelled with the period.
    func measures(of pathway: Pathway, in periods: [CalendarPeriod]) -> [PathwayMeasures] {
        periods.map { calendar in
            var measures = pathway.measures(options(in: calendar))
            measures.period = calendar.label
            return measures
        }
    }
}

extension MetricsReport {
    /// The CSV rows of an event log in the tool's CSV (`EventLogReader.isCompact`), read in one
    /// pass over its bytes (the data end, for censoring, known at the end of it without a
    /// second), then measured user by user on `jobs` threads, chunks of whole users at a time,
    /// and handed to `write` in the log's user order (sorted by user when the log is not):
    /// byte for byte what `streamPathways` and `MetricsFormat.csvRow` give, on any number of
    /// jobs. `runEvents` bounds the events held at once in a log not sorted by user (small in
    /// tests, to cut a log into many runs).
    public static func streamCSVRows(eventLog: EventLogReader, meta: Meta, period: Period = Period(), jobs: Int = 1,
                                     runEvents: Int = 1 << 18,
                                     write: ([UInt8]) throws -> Void) throws -> EventLogReader.Summary {
        var options = PathwayOptions()
        var periods: [CalendarPeriod]?
        var batch: [(user: NodeID, events: [CompactEvent])] = []
        let chunkUsers = 64, chunksPerBatch = max(1, jobs) * 8
        var names = ByteInterner()
        var keys = CompactProviderKeys()
        let input = CSVText.cell(meta.input)

        /// The rows of a chunk of users.
        struct Chunk: Sendable {
            let meta: Meta, options: PathwayOptions, periods: [CalendarPeriod]?, names: ByteInterner, keys: CompactProviderKeys
            let input: [UInt8]

            func rows(_ users: ArraySlice<(user: NodeID, events: [CompactEvent])>) -> [UInt8] {
                var out: [UInt8] = []
                for (user, events) in users {
                    if let periods {
                        for calendar in periods { measure(user, events, meta.options(in: calendar), label: calendar.label, into: &out) }
                    } else {
                        measure(user, events, options, label: nil, into: &out)
                    }
                }
                return out
            }

            private func measure(_ user: NodeID, _ events: [CompactEvent], _ options: PathwayOptions, label: String?,
                                 into out: inout [UInt8]) {
                let names = self.names
                var measures = PathwayMeasures(
                    user: user, events: events, options: options, provider: keys.provider(at: options.granularity),
                    service: keys.service, serviceName: { $0.map { names[$0] } })
                measures.period = label
                MetricsFormat.appendCSVRow(input: input, pathway: measures, byPeriod: meta.by != nil, to: &out)
            }
        }

        func flush() throws {
            guard !batch.isEmpty else { return }
            if keys.names != names.count { keys = CompactProviderKeys(names) }
            let chunk = Chunk(meta: meta, options: options, periods: periods, names: names, keys: keys, input: input)
            let users = batch
            let ranges = stride(from: 0, to: users.count, by: chunkUsers).map { $0..<min($0 + chunkUsers, users.count) }
            var out = [[UInt8]](repeating: [], count: ranges.count)
            if jobs <= 1 || ranges.count == 1 {
                for (index, range) in ranges.enumerated() { out[index] = chunk.rows(users[range]) }
            } else {
                out.withUnsafeMutableBufferPointer { buffer in
                    // Each iteration writes its own slot.
                    nonisolated(unsafe) let slots = buffer
                    DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                        slots[index] = chunk.rows(users[ranges[index]])
                    }
                }
            }
            for piece in out { try write(piece) }
            batch.removeAll(keepingCapacity: true)
        }

        let summary = try eventLog.forEachCompactPathway(streaming: false, runEvents: runEvents, beforeFirst: { summary in
            // As `streamPathways`: the data end is `--to`, else the latest time; `--by` also needs the start.
            let needsSpan = period.end == nil || (meta.by != nil && period.from == nil)
            let first = needsSpan ? summary.dataStart : nil, last = needsSpan ? summary.dataEnd : nil
            options = meta.pathwayOptions(period: period, dataEnd: last)
            periods = meta.by?.periods(first: first, last: last, within: period)
        }) { user, events, interned in
            if names.count != interned.count { names = interned }
            batch.append((NodeID(String(decoding: user, as: UTF8.self)), events))
            if batch.count >= chunkUsers * chunksPerBatch { try flush() }
        }
        try flush()
        return summary
    }
}

/// The providers of compact events as keys equal exactly when the providers' names
/// (`Granularity.provider(of:)`) are: a name's id, else the id of the name a visit with no
/// professional (or no service) is given, when some row has that name, else a key of its own.
struct CompactProviderKeys: Sendable {
    let names: Int
    private var unnamed: [Int] = []  // per service id: "<service>#unnamed"
    private var unnamedWithoutService = -1, unknown = -2

    init() { names = -1 }

    init(_ interned: ByteInterner) {
        names = interned.count
        unnamed = (0..<Int32(interned.count)).map { id in
            interned.existingID(of: interned[id] + "#unnamed").map(Int.init) ?? -10 - Int(id)
        }
        unnamedWithoutService = interned.existingID(of: "#unnamed").map(Int.init) ?? -1
        unknown = interned.existingID(of: "#unknown").map(Int.init) ?? -2
    }

    /// `Granularity.service`'s name of a visit: its service, else its professional, else `#unknown`.
    func service(_ event: CompactEvent) -> Int {
        event.service >= 0 ? Int(event.service) : event.actor >= 0 ? Int(event.actor) : unknown
    }

    func provider(at granularity: Granularity) -> (CompactEvent) -> Int {
        switch granularity {
        case .professional:
            return { event in
                event.actor >= 0 ? Int(event.actor) : event.service >= 0 ? unnamed[Int(event.service)] : unnamedWithoutService
            }
        case .service: return service
        case .level: return { Int($0.level) }
        }
    }
}
