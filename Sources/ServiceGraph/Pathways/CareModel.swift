import Foundation

/// An inpatient stay at a DPS or hospital service (rank ≥ 2).
public struct InpatientStay: Sendable, Equatable {
    /// How the stay began.
    public enum Opening: Sendable, Equatable {
        /// An admission with no other stay open and no discharge the same or the day before.
        case admission
        /// An admission while another stay was open, or on the same or the next calendar day as
        /// the latest discharge: the stay continues that stay's chain.
        case transfer
        /// No admission: a discharge that closed no open stay. The stay is taken to run from the
        /// user's first event to that discharge.
        case unmatchedDischarge
    }

    /// The service the stay is at (the admission's, or the unmatched discharge's).
    public let service: String?
    public let level: Level
    public let start: Timestamp
    /// The discharge; for a stay still open, the data end.
    public let end: Timestamp
    /// Open at the data end: no discharge closed it.
    public let isOpen: Bool
    public let opening: Opening
    /// The chain the stay belongs to: stays joined by transfers share one.
    public let chain: Int

    /// Whether `time` lies in the stay (both ends included).
    public func contains(_ time: Timestamp) -> Bool { start <= time && time <= end }
}

/// A care episode at one rank: a maximal run of the visits at that rank whose consecutive gaps
/// are at most the episode gap G; open from its first to its last visit (both included).
public struct CareEpisode: Sendable, Equatable {
    /// 1 (municipal and state), 2 (DPS) or 3 (hospital).
    public let rank: Int
    public let start: Timestamp
    public let end: Timestamp
    public let visits: Int

    public func contains(_ time: Timestamp) -> Bool { start <= time && time <= end }
}

/// Where a user is cared for: inpatient stays and their chains, care episodes per rank, and the
/// care level c(t), the highest rank of a stay or care episode open at t.
///
/// Level transitions are taken on c(t), not on consecutive visits: a user followed weekly by the
/// municipal nurse while in DPS outpatient therapy is in concurrent care at two levels, one
/// episode at each, and moves to the DPS level once, when the DPS episode begins.
///
/// Stays (rank ≥ 2 only), walking the events in order (time, then as written):
/// - an `admission` opens a stay at its service; it is ignored (and counted as repeated) when a
///   stay at that service is already open;
/// - a `discharge` closes the open stay at its service, else the latest-opened open stay of the
///   same rank; else it is an **unmatched discharge**, a stay from the user's first event to it;
/// - a stay still open at the data end lasts until the data end (an **open stay**).
///
/// Chains: an admission while another stay is open, or on the same or the next calendar day as the
/// latest discharge, is a **transfer** (HEDIS FUH's "direct transfer"); its stay joins that
/// stay's chain. A chain whose stays are all closed has one **index discharge**, its latest
/// discharge: an acute stay followed by a DPS ward is one chain, followed up from the DPS discharge.
///
/// Care episodes: for each rank r in 1…3, the visits at rank r split into maximal runs whose
/// consecutive gaps are ≤ G. Rank 0 (civil) never counts.
///
/// Example: admission to the acute ward 03-25, discharge 04-08, admission to the DPS ward 04-08,
/// discharge 05-06 → two stays in one chain, one transfer, one index discharge (05-06).
/// Degenerate cases: no events → nothing open, c(t) none everywhere; a discharge as the first
/// event → an unmatched stay of no length.
/// - Complexity: O(E · S) for E events and S stays open at once (S is small: one or two).
public struct CareModel: Sendable, Equatable {
    /// Every stay, in the order it began (an unmatched stay at its discharge).
    public let stays: [InpatientStay]
    /// Care episodes, by rank, then in time order.
    public let episodes: [CareEpisode]
    /// The index discharge of each closed chain, in time order.
    public let indexDischarges: [Timestamp]
    /// Admissions that were transfers.
    public let transfers: Int
    /// Discharges that closed no open stay.
    public let unmatchedDischarges: Int
    /// Stays still open at the data end.
    public var openStays: Int { stays.filter(\.isOpen).count }
    /// Admissions to a service where a stay was already open (ignored).
    public let repeatedAdmissions: Int
    /// Admissions and discharges whose level is unknown: they open and close no stay.
    public let stayEventsOfUnknownLevel: Int

    /// `events` in pathway order (time, then source order); `visits` the contacts of known level
    /// among them; `dataEnd` where an open stay ends (the user's last event when nil).
    public init(events: [PathwayEvent], visits: [PathwayEvent], episodeGapSeconds: Int64, dataEnd: Timestamp?) {
        self.init(events: events, visits: visits, episodeGapSeconds: episodeGapSeconds, dataEnd: dataEnd) { $0 }
    }

    /// The same on any form of event; `serviceName` names a stay's service.
    init<E: MeasuredEvent>(events: [E], visits: [E], episodeGapSeconds: Int64, dataEnd: Timestamp?,
                           serviceName: (E.Name?) -> String?) {
        let end = dataEnd ?? events.last?.eventTime
        typealias Open = OpenStay<E.Name>
        var open: [Open] = []  // in the order opened
        var closed: [(stay: InpatientStay, order: Int)] = []
        var openOrder: [Int] = []
        var order = 0
        var latestDischarge: (time: Timestamp, chain: Int)?
        var chains = 0
        var transferCount = 0, unmatched = 0, repeated = 0, unknownLevel = 0
        let firstEvent = events.first?.eventTime

        for event in events where event.eventKind == .admission || event.eventKind == .discharge {
            guard let level = event.eventLevel else { unknownLevel += 1; continue }
            guard level.rank >= 2 else { continue }  // a stay is rank ≥ 2 only
            let service = event.serviceKey, time = event.eventTime
            if event.eventKind == .admission {
                if open.contains(where: { $0.service == service }) { repeated += 1; continue }
                let chain: Int
                let opening: InpatientStay.Opening
                if let latest = open.last {
                    (chain, opening) = (latest.chain, .transfer)
                } else if let discharge = latestDischarge, time.dayNumber - discharge.time.dayNumber <= 1 {
                    (chain, opening) = (discharge.chain, .transfer)
                } else {
                    chains += 1
                    (chain, opening) = (chains, .admission)
                }
                if opening == .transfer { transferCount += 1 }
                open.append(Open(service: service, level: level, start: time, chain: chain, opening: opening))
                openOrder.append(order)
                order += 1
                continue
            }
            // A discharge: the stay at its service, else the latest-opened stay of its rank.
            let index = open.lastIndex { $0.service != nil && $0.service == service }
                ?? open.lastIndex { $0.level.rank == level.rank }
            if let index {
                let stay = open.remove(at: index)
                let stayOrder = openOrder.remove(at: index)
                closed.append((InpatientStay(service: serviceName(stay.service), level: stay.level, start: stay.start, end: time,
                                             isOpen: false, opening: stay.opening, chain: stay.chain), stayOrder))
                latestDischarge = (time, stay.chain)
            } else {
                unmatched += 1
                chains += 1
                closed.append((InpatientStay(service: serviceName(service), level: level, start: firstEvent ?? time,
                                             end: time, isOpen: false, opening: .unmatchedDischarge, chain: chains), order))
                order += 1
                latestDischarge = (time, chains)
            }
        }
        for (stay, stayOrder) in zip(open, openOrder) {
            closed.append((InpatientStay(service: serviceName(stay.service), level: stay.level, start: stay.start,
                                         end: max(stay.start, end ?? stay.start), isOpen: true, opening: stay.opening,
                                         chain: stay.chain), stayOrder))
        }
        stays = closed.sorted { $0.order < $1.order }.map(\.stay)
        transfers = transferCount
        unmatchedDischarges = unmatched
        repeatedAdmissions = repeated
        stayEventsOfUnknownLevel = unknownLevel

        var latestByChain: [Int: Timestamp] = [:]
        var openChains = Set<Int>()
        for stay in stays {
            if stay.isOpen { openChains.insert(stay.chain) } else { latestByChain[stay.chain] = max(latestByChain[stay.chain] ?? stay.end, stay.end) }
        }
        indexDischarges = latestByChain.filter { !openChains.contains($0.key) }.map(\.value).sorted()

        var episodes: [CareEpisode] = []
        for rank in 1...3 {
            for run in visits.lazy.filter({ $0.eventLevel?.rank == rank }).map(\.eventTime).runs(maximumGap: episodeGapSeconds) {
                episodes.append(CareEpisode(rank: rank, start: run.range.lowerBound, end: run.range.upperBound, visits: run.count))
            }
        }
        self.episodes = episodes
    }

    /// c(t): the highest rank among the stays and care episodes open at `time` (intervals closed
    /// at both ends), or nil when the user is in no care then.
    public func careRank(at time: Timestamp) -> Int? {
        var best = 0
        for stay in stays where stay.level.rank > best && stay.contains(time) { best = stay.level.rank }
        for episode in episodes where episode.rank > best && episode.contains(time) { best = episode.rank }
        return best > 0 ? best : nil
    }

    /// Whether `time` lies inside some stay (an open one lasting to the data end).
    public func isInsideStay(_ time: Timestamp) -> Bool { stays.contains { $0.contains(time) } }
}

/// A stay while it is open, as `CareModel` walks the events.
private struct OpenStay<Name> {
    var service: Name?
    var level: Level
    var start: Timestamp
    var chain: Int
    var opening: InpatientStay.Opening
}

extension Level {
    /// The level a care rank is named by: 1 `municipal`, 2 `dps`, 3 `hospital`.
    init?(careRank rank: Int) {
        switch rank {
        case 1: self = .municipal
        case 2: self = .dps
        case 3: self = .hospital
        default: return nil
        }
    }
}

extension Sequence where Element == Timestamp {
    /// The maximal runs of these times (in order) whose consecutive gaps are at most `maximumGap`
    /// seconds, each with its first and last time and how many times it holds: care episodes,
    /// and the episodes of one service that concurrency counts.
    func runs(maximumGap: Int64) -> [(range: ClosedRange<Timestamp>, count: Int)] {
        var times = makeIterator()
        guard var start = times.next() else { return [] }
        var last = start, count = 1
        var result: [(range: ClosedRange<Timestamp>, count: Int)] = []
        while let time = times.next() {
            if time.secondsSinceEpoch - last.secondsSinceEpoch > maximumGap {
                result.append((start...last, count))
                (start, count) = (time, 0)
            }
            last = time
            count += 1
        }
        result.append((start...last, count))
        return result
    }
}
