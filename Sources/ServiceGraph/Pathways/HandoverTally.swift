import Foundation

/// The handover network (`HandoverNetwork`, docs/pathways.md) counted on integers: providers
/// interned to ids, each consecutive pair of visits one increment of a packed (from, to) key,
/// visits per provider and level in a flat array. Memory grows with providers and distinct
/// pairs (and, for a log not sorted by user, with its users), not with events. An event log in
/// the tool's CSV is read by the byte-level engine (`add(eventLog:period:)`: `reading` says
/// which of its three ways); pathways of graphs, XES and OMOP logs are added by name.
///
/// The edge list is written straight to bytes, sorted as `HandoverNetwork.transfers` sorts it
/// (by provider names, in `String` order: each name ranked once, the pairs sorted on ranks).
public struct HandoverTally: Sendable {
    public let granularity: Granularity
    private var providers = ByteInterner()
    private var levelCounts: [Int] = []  // Level.allCases.count per provider
    private var pairs = PairCounts()
    private static let levelCount = Level.allCases.count
    /// Visits counted together on a log in time order (`Reading.inRowOrder`).
    private static let batch = 64
    /// How the last event log added in the tool's CSV was read.
    private(set) var reading: Reading?

    enum Reading: Equatable {
        /// Sorted by user: user by user, each as it ends.
        case byUser
        /// Not sorted by user, each user's visits in pathway order: in row order as they come,
        /// 64 visits at a time (a visit out of order is found when its batch is counted).
        case inRowOrder
        /// In no order: each user's events gathered in sorted runs on disk first.
        case gathered
    }

    public init(granularity: Granularity = .professional) { self.granularity = granularity }

    /// Providers seen.
    public var providerCount: Int { providers.count }
    /// Transfers between different providers.
    public var handovers: Int {
        var total = 0
        pairs.forEach { from, to, count in if from != to { total += count } }
        return total
    }

    private mutating func provider(_ name: String) -> Int32 {
        let id = providers.id(of: name)
        if levelCounts.count < providers.count * Self.levelCount {
            levelCounts.append(contentsOf: repeatElement(0, count: Self.levelCount))
        }
        return id
    }

    private mutating func countVisit(_ provider: Int32, level: Int) {
        levelCounts[Int(provider) * Self.levelCount + level] += 1
    }

    private mutating func visit(_ provider: Int32, level: Int, after previous: Int32) {
        countVisit(provider, level: level)
        if previous >= 0 { pairs.add(from: previous, to: provider) }
    }

    /// Adds one user's visits (contacts of known level inside `period`), by provider name.
    public mutating func add(_ pathway: Pathway, period: Period = Period()) {
        var previous: Int32 = -1
        for event in pathway.visits(in: period) {
            guard let level = event.level, let index = Level.allCases.firstIndex(of: level) else { continue }
            let id = provider(granularity.provider(of: event))
            visit(id, level: index, after: previous)
            previous = id
        }
    }

    /// Adds every user of an event log: the tool's CSV through the byte-level engine, other
    /// forms pathway by pathway. Returns what reading found (the rows skipped).
    public mutating func add(eventLog reader: EventLogReader, period: Period = Period()) throws -> EventLogReader.Summary {
        let granularity = self.granularity
        guard reader.isCompact else {
            var partial = HandoverTally(granularity: granularity)
            let progress = ReadProgress.current
            let summary = try reader.forEachPathway(onRestart: { partial = HandoverTally(granularity: granularity) }) {
                progress?.countUser()
                partial.add($0, period: period)
            }
            merge(partial)
            return summary
        }
        var partial = HandoverTally(granularity: granularity)
        // Per name id of this log: its provider (at professional granularity also the unnamed one of a service).
        var named: [Int32] = [], unnamed: [Int32] = []
        var unnamedOfNoService: Int32 = -1
        var ofLevel = [Int32](repeating: -1, count: Self.levelCount)
        func startAgain() {
            partial = HandoverTally(granularity: granularity)
            (named, unnamed, unnamedOfNoService, ofLevel) = ([], [], -1, [Int32](repeating: -1, count: Self.levelCount))
        }
        /// The visit's provider, its visit counted (the log's names asked for only when one is new here).
        func visit(_ event: CompactEvent, _ names: () -> ByteInterner) -> Int32 {
            func cached(_ id: Int32, _ cache: inout [Int32], _ name: (String) -> String) -> Int32 {
                let index = Int(id)
                if index >= cache.count { cache.append(contentsOf: repeatElement(-1, count: names().count - cache.count)) }
                if cache[index] < 0 { cache[index] = partial.provider(name(names()[id])) }
                return cache[index]
            }
            let provider: Int32
            switch granularity {
            case .professional:
                if event.actor >= 0 {
                    provider = cached(event.actor, &named) { $0 }
                } else if event.service >= 0 {
                    provider = cached(event.service, &unnamed) { $0 + "#unnamed" }
                } else {
                    if unnamedOfNoService < 0 { unnamedOfNoService = partial.provider("#unnamed") }
                    provider = unnamedOfNoService
                }
            case .service:
                if event.service >= 0 || event.actor >= 0 {
                    provider = cached(event.service >= 0 ? event.service : event.actor, &named) { $0 }
                } else {
                    if unnamedOfNoService < 0 { unnamedOfNoService = partial.provider("#unknown") }
                    provider = unnamedOfNoService
                }
            case .level:
                let level = Int(event.level)
                if ofLevel[level] < 0 { ofLevel[level] = partial.provider(CompactEvent.levels[level].rawValue) }
                provider = ofLevel[level]
            }
            partial.countVisit(provider, level: Int(event.level))
            return provider
        }
        var run: [Int32] = []  // a user's providers, visit by visit
        func addPathway(_ events: [CompactEvent], _ names: ByteInterner) {
            // Lent by address: a closure holding the interner itself copied it at each visit
            // (four retains and four releases, a tenth of the command's time).
            withUnsafePointer(to: names) { interner in
                for event in events where event.isVisit && period.contains(event.timestamp) {
                    run.append(visit(event, { interner.pointee }))
                }
            }
            run.withUnsafeBufferPointer { partial.pairs.add(run: $0) }
            run.removeAll(keepingCapacity: true)
        }
        // A log sorted by user: user by user as each ends.
        var summary = try reader.forEachCompactPathway(streaming: true, stopWhenUnsorted: true) { _, events, names in
            addPathway(events, names)
        }
        if !summary.sortedByUser {
            // Not sorted by user, but perhaps by time (as register extracts often are): each
            // user's previous visit kept, the visits counted in row order as they come (a batch
            // at a time) while each user's visits come in pathway order (time, then row), which
            // is then the order counted; a visit out of order, found up to 63 visits late, gives
            // up the pass, and what it counted is thrown away.
            startAgain()
            var previous: [(provider: Int32, time: Int64)] = []  // per user; provider -1 before the first visit
            // Visits gathered 64 at a time and then counted in row order: on a large log
            // each user's previous visit and each pair's count is a cache miss, and in a short
            // loop of their own the processor waits for several of them at once.
            var pending: [(user: Int32, provider: Int32, time: Int64)] = [], keys: [UInt64] = []
            pending.reserveCapacity(Self.batch)
            keys.reserveCapacity(Self.batch)
            func countPending() -> Bool {
                defer { pending.removeAll(keepingCapacity: true); keys.removeAll(keepingCapacity: true) }
                for visit in pending {
                    let index = Int(visit.user), last = previous[index]
                    guard visit.time >= last.time else { return false }
                    if last.provider >= 0 { keys.append(PairCounts.packed(from: last.provider, to: visit.provider)) }
                    previous[index] = (visit.provider, visit.time)
                }
                keys.withUnsafeBufferPointer { partial.pairs.add(pairs: $0) }
                return true
            }
            var inRowOrder = try reader.forEachCompactEventInRowOrder { user, event, names in
                guard event.isVisit && period.contains(event.timestamp) else { return true }
                let index = Int(user)
                if index >= previous.count { previous.append(contentsOf: repeatElement((-1, .min), count: index + 1 - previous.count)) }
                pending.append((user, visit(event, names), event.time))
                return pending.count < Self.batch || countPending()
            }
            if !countPending() { inRowOrder = nil }
            if let inRowOrder {
                summary = inRowOrder
                partial.reading = .inRowOrder
            } else {
                // In no order: each user's events gathered (in sorted runs on disk) and counted user by user.
                startAgain()
                summary = try reader.forEachCompactPathway(streaming: false) { _, events, names in addPathway(events, names) }
                partial.reading = .gathered
            }
        } else {
            partial.reading = .byUser
        }
        merge(partial)
        reading = partial.reading
        return summary
    }

    /// Adds another tally's counts (of the same granularity), by provider name.
    public mutating func merge(_ other: HandoverTally) {
        guard providers.count > 0 else {
            self = other
            return
        }
        let map = (0..<Int32(other.providers.count)).map { provider(other.providers[$0]) }
        for id in 0..<other.providers.count {
            for level in 0..<Self.levelCount {
                levelCounts[Int(map[id]) * Self.levelCount + level] += other.levelCounts[id * Self.levelCount + level]
            }
        }
        other.pairs.forEach { from, to, count in pairs.add(from: map[Int(from)], to: map[Int(to)], count) }
    }

    /// Each provider's rank in name order.
    private func ranks() -> (order: [Int32], rank: [Int]) {
        let order = (0..<Int32(providers.count)).sorted { providers[$0] < providers[$1] }
        var rank = [Int](repeating: 0, count: order.count)
        for (position, id) in order.enumerated() { rank[Int(id)] = position }
        return (order, rank)
    }

    /// The edge list as `HandoverNetwork.csv` writes it (`source,target,count`, RFC 4180, CRLF),
    /// as bytes.
    public var csv: [UInt8] {
        var out: [UInt8] = []
        writeCSV { out += $0 }
        return out
    }

    /// The edge list handed to `write` in pieces of about a megabyte, so that it is never
    /// held whole besides the counts. The pairs are put in order by two stable counting sorts
    /// on the providers' ranks (by target, then by source): linear in the pairs, where a
    /// comparison sort of a million pairs was a tenth of the command's time. The rows are then
    /// written a few pieces at a time on `jobs` threads, the pieces handed on in order.
    public func writeCSV(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, _ write: ([UInt8]) throws -> Void) rethrows {
        let (order, rank) = ranks()
        // Each provider's CSV cell, by rank, in one buffer.
        var cellBytes: [UInt8] = [], cellStarts: [Int] = [0]
        for id in order {
            cellBytes.append(contentsOf: CSVText.cell(providers[id]))
            cellStarts.append(cellBytes.count)
        }
        let pairCount = pairs.count
        // Each pair as its two ranks packed (source << 32 | target) beside its count, moved
        // whole by each sort so that the rows are then read in order.
        var keys: [UInt64] = [], counts: [Int] = []
        keys.reserveCapacity(pairCount)
        counts.reserveCapacity(pairCount)
        pairs.forEach { from, to, count in
            keys.append(UInt64(rank[Int(from)]) << 32 | UInt64(rank[Int(to)]))
            counts.append(count)
        }
        Self.countingSort(&keys, &counts, shift: 0, buckets: providers.count)
        Self.countingSort(&keys, &counts, shift: 32, buckets: providers.count)

        try write(Array("source,target,count\r\n".utf8))
        let pieceRows = 40_000, threads = max(1, jobs)
        let pieces = stride(from: 0, to: pairCount, by: pieceRows).map { $0..<min($0 + pieceRows, pairCount) }
        let (sortedPairs, pairCounts, cells, starts) = (keys, counts, cellBytes, cellStarts)  // lets, for the threads
        var wave = 0
        var out = [[UInt8]](repeating: [], count: threads * 2)  // reused: a new megabyte each time is page faults
        while wave < pieces.count {
            let these = Array(pieces[wave..<min(wave + threads * 2, pieces.count)])
            if threads == 1 || these.count == 1 {
                for (slot, range) in these.enumerated() { Self.rows(range, sortedPairs, pairCounts, cells, starts, into: &out[slot]) }
            } else {
                out.withUnsafeMutableBufferPointer { buffer in
                    // Each iteration writes its own slot.
                    nonisolated(unsafe) let slots = buffer
                    DispatchQueue.concurrentPerform(iterations: these.count) { slot in
                        Self.rows(these[slot], sortedPairs, pairCounts, cells, starts, into: &slots[slot])
                    }
                }
            }
            for piece in out.prefix(these.count) { try write(piece) }
            wave += these.count
        }
    }

    /// Sorts the pairs, stably, on one half of their keys (a rank below `buckets`), each count
    /// moving with its key.
    private static func countingSort(_ keys: inout [UInt64], _ counts: inout [Int], shift: UInt64, buckets: Int) {
        var starts = [Int](repeating: 0, count: buckets + 1)
        var sortedKeys = [UInt64](repeating: 0, count: keys.count), sortedCounts = [Int](repeating: 0, count: counts.count)
        keys.withUnsafeBufferPointer { keys in
            counts.withUnsafeBufferPointer { counts in
                sortedKeys.withUnsafeMutableBufferPointer { sortedKeys in
                    sortedCounts.withUnsafeMutableBufferPointer { sortedCounts in
                        starts.withUnsafeMutableBufferPointer { starts in
                            for key in keys { starts[Int((key >> shift) & 0xFFFF_FFFF) + 1] += 1 }
                            for index in 1..<starts.count { starts[index] += starts[index - 1] }
                            for index in 0..<keys.count {
                                let key = keys[index], bucket = Int((key >> shift) & 0xFFFF_FFFF)
                                sortedKeys[starts[bucket]] = key
                                sortedCounts[starts[bucket]] = counts[index]
                                starts[bucket] += 1
                            }
                        }
                    }
                }
            }
        }
        keys = sortedKeys
        counts = sortedCounts
    }

    /// The CSV rows of the sorted pairs in `range` (keys of ranks, cells by rank), as bytes.
    private static func rows(_ range: Range<Int>, _ keys: [UInt64], _ counts: [Int], _ cells: [UInt8], _ cellStarts: [Int],
                             into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(range.count * 24)
        keys.withUnsafeBufferPointer { keys in
            counts.withUnsafeBufferPointer { counts in
                cells.withUnsafeBufferPointer { cells in
                    cellStarts.withUnsafeBufferPointer { cellStarts in
                        for index in range {
                            let key = keys[index]
                            let source = Int(key >> 32), target = Int(key & 0xFFFF_FFFF)
                            out.append(contentsOf: UnsafeBufferPointer(rebasing: cells[cellStarts[source]..<cellStarts[source + 1]]))
                            out.append(UInt8(ascii: ","))
                            out.append(contentsOf: UnsafeBufferPointer(rebasing: cells[cellStarts[target]..<cellStarts[target + 1]]))
                            out.append(UInt8(ascii: ","))
                            CSVText.appendDecimal(counts[index], to: &out)
                            out.append(0x0D)
                            out.append(0x0A)
                        }
                    }
                }
            }
        }
    }

    /// The same counts as a `HandoverNetwork`, for the graph and drawing formats.
    public var network: HandoverNetwork {
        var counts: [HandoverNetwork.Transfer: Int] = [:]
        pairs.forEach { from, to, count in counts[HandoverNetwork.Transfer(from: providers[from], to: providers[to])] = count }
        var visitsByLevel: [String: [Level: Int]] = [:]
        for id in 0..<providers.count {
            for (index, level) in Level.allCases.enumerated() where levelCounts[id * Self.levelCount + index] > 0 {
                visitsByLevel[providers[Int32(id)], default: [:]][level] = levelCounts[id * Self.levelCount + index]
            }
        }
        return HandoverNetwork(granularity: granularity, counts: counts, visitsByLevel: visitsByLevel)
    }
}
