import Foundation

/// The time unit of a care-level sequence: one state per day, per week (Monday to Sunday on the
/// calendar, seven days from the start otherwise) or per month.
public enum SequenceStep: String, CaseIterable, Codable, Sendable {
    case day, week, month
}

/// Where a user's sequence starts (docs/sequences.md).
public enum SequenceAlignment: String, CaseIterable, Codable, Sendable {
    /// Step 1 is the day (week, month) of the user's first event.
    case first
    /// Steps are calendar days, weeks or months shared by every user, from the one holding the
    /// data's first event; a user is missing before the step of their first event.
    case calendar
    /// Step 1 starts the day after the user's first index discharge (as follow-up is counted);
    /// a user without one has no sequence.
    case discharge
}

/// The alphabet a sequence is written in.
public enum CareStates: String, CaseIterable, Codable, Sendable {
    /// `none`, `municipal`, `dps`, `hospital`.
    case levels
    /// `none`, `municipal`, `dps_outpatient`, `dps_inpatient`, `hospital_outpatient`,
    /// `hospital_inpatient`: the DPS and hospital levels split by whether a stay was open.
    case inpatient

    /// The state names, lowest first: the order TraMineR's `alphabet` takes them in.
    public var alphabet: [String] {
        switch self {
        case .levels: ["none", "municipal", "dps", "hospital"]
        case .inpatient: ["none", "municipal", "dps_outpatient", "dps_inpatient", "hospital_outpatient", "hospital_inpatient"]
        }
    }

    /// The index of `state` in the alphabet.
    public func code(of state: CareState) -> Int {
        switch self {
        case .inpatient: state.rawValue
        case .levels: state.rank
        }
    }
}

/// The care level of one step, with whether an inpatient stay was open at that level. Ordered by
/// rank, then inpatient above outpatient: the order a step's state is chosen by.
public enum CareState: Int, Comparable, CaseIterable, Sendable {
    case none, municipal, dpsOutpatient, dpsInpatient, hospitalOutpatient, hospitalInpatient

    init(rank: Int, inpatient: Bool) {
        switch rank {
        case 1: self = .municipal
        case 2: self = inpatient ? .dpsInpatient : .dpsOutpatient
        case 3: self = inpatient ? .hospitalInpatient : .hospitalOutpatient
        default: self = .none
        }
    }

    /// 0 none, 1 municipal, 2 DPS, 3 hospital.
    public var rank: Int {
        switch self {
        case .none: 0
        case .municipal: 1
        case .dpsOutpatient, .dpsInpatient: 2
        case .hospitalOutpatient, .hospitalInpatient: 3
        }
    }

    public var isInpatient: Bool { self == .dpsInpatient || self == .hospitalInpatient }

    /// The level of care it names; nil for none.
    public var level: Level? { Level(careRank: rank) }

    public static func < (lhs: CareState, rhs: CareState) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a pathway is cut into steps: the unit, the alignment and the episode gap G of the care
/// model the states are read from; `period` (`--from`/`--to`) keeps only the events inside it.
public struct SequenceSettings: Sendable, Equatable {
    public var step: SequenceStep
    public var alignment: SequenceAlignment
    public var episodeGapDays: Double
    public var period: Period

    public init(step: SequenceStep = .week, alignment: SequenceAlignment = .first, episodeGapDays: Double = 60,
                period: Period = Period()) {
        self.step = step
        self.alignment = alignment
        self.episodeGapDays = episodeGapDays
        self.period = period
    }

    var episodeGapSeconds: Int64 { Int64((episodeGapDays * 86_400).rounded()) }

    /// The calendar axis's origin for data starting at `first`: that day, the Monday of its week,
    /// or the first of its month (a day number).
    public func calendarOrigin(first: Timestamp) -> Int {
        let day = first.dayNumber
        switch step {
        case .day: return day
        case .week: return day - ((day % 7 + 7 + 3) % 7)  // 1970-01-01 was a Thursday
        case .month:
            let (year, month, _) = Timestamp.civil(fromDays: day)
            return Timestamp.daysFromCivil(year: year, month: month, day: 1)
        }
    }

    /// The first instant of step `index` (0 for step 1) of an axis whose step 1 starts on day
    /// `origin`. A month from the 31st ends on the last day of a shorter month.
    public func start(ofStep index: Int, origin: Int) -> Timestamp {
        switch step {
        case .day: return Timestamp(secondsSinceEpoch: Int64(origin + index) * 86_400)
        case .week: return Timestamp(secondsSinceEpoch: Int64(origin + 7 * index) * 86_400)
        case .month:
            let (year, month, day) = Timestamp.civil(fromDays: origin)
            let months = year * 12 + month - 1 + index
            let (y, m) = (months >= 0 ? months / 12 : (months - 11) / 12, ((months % 12) + 12) % 12 + 1)
            let days = Timestamp.daysFromCivil(year: y, month: m, day: min(day, Timestamp.daysIn(month: m, year: y)))
            return Timestamp(secondsSinceEpoch: Int64(days) * 86_400)
        }
    }

    /// The index of the step holding `time` on an axis starting on day `origin` (negative before it).
    public func step(holding time: Timestamp, origin: Int) -> Int {
        let days = time.dayNumber - origin
        switch step {
        case .day: return days
        case .week: return days >= 0 ? days / 7 : -((6 - days) / 7)
        case .month:
            let (y0, m0, _) = Timestamp.civil(fromDays: origin)
            let (y1, m1, _) = Timestamp.civil(fromDays: time.dayNumber)
            var index = (y1 * 12 + m1) - (y0 * 12 + m0)
            while start(ofStep: index, origin: origin) > time { index -= 1 }
            while start(ofStep: index + 1, origin: origin) <= time { index += 1 }
            return index
        }
    }
}

/// One user's care level step by step (docs/sequences.md).
///
/// The state of a step is the **highest** care level c(t) takes during it — the highest rank
/// among the stays and care episodes that overlap the step, inpatient above outpatient at one
/// rank — so that a single visit shows in the step it falls in at every step size, and the
/// state of a week is the highest of its seven days'. Steps run from the user's first (see
/// `SequenceAlignment`) to the one holding the data end; later steps are censored (missing).
///
/// Example (G = 60, weekly from the first event, data end 2024-01-31): gp 2024-01-01 and
/// 01-10, an admission to the DPS ward 01-17, discharged 01-19 → municipal, municipal,
/// dps (inpatient), none, none (the weeks of 01-01, 01-08, 01-15, 01-22, 01-29).
/// - Complexity: O(E · S + (stays + episodes) · steps each spans).
public struct CareSequence: Sendable, Equatable {
    public let user: NodeID
    /// The axis position of the first state (0 for step 1): after 0 only on a calendar axis, for
    /// a user whose first event comes after the data's.
    public let firstStep: Int
    public let states: [CareState]
    /// The day (day number) step 1 of this user's axis starts on.
    public let origin: Int

    public init(user: NodeID, firstStep: Int, states: [CareState], origin: Int) {
        self.user = user
        self.firstStep = firstStep
        self.states = states
        self.origin = origin
    }

    /// Why a pathway gave no sequence.
    public enum Omission: Error, Sendable, Equatable {
        /// No event inside the period.
        case noEvents
        /// `--align discharge` and no index discharge.
        case noIndexDischarge
        /// The data end before the first step begins (a discharge on the last day).
        case nothingObserved
    }
}

extension Pathway {
    /// This pathway's care level per step, or why it has none. `dataEnd` is where the data end
    /// (censoring, and where an open stay ends); `calendarOrigin` the day the calendar axis
    /// starts on (`SequenceSettings.calendarOrigin`), used with `.calendar` only.
    public func careSequence(_ settings: SequenceSettings, dataEnd: Timestamp, calendarOrigin: Int? = nil)
        -> Result<CareSequence, CareSequence.Omission>
    {
        let inPeriod = events.filter { settings.period.contains($0.time) }
        guard let first = inPeriod.first else { return .failure(.noEvents) }
        let visits = inPeriod.filter { $0.kind == .contact && $0.level != nil }
        let care = CareModel(events: inPeriod, visits: visits, episodeGapSeconds: settings.episodeGapSeconds, dataEnd: dataEnd)
        let origin: Int
        switch settings.alignment {
        case .first: origin = first.time.dayNumber
        case .calendar: origin = calendarOrigin ?? settings.calendarOrigin(first: first.time)
        case .discharge:
            guard let discharge = care.indexDischarges.first else { return .failure(.noIndexDischarge) }
            origin = discharge.dayNumber + 1
        }
        let firstStep = max(0, settings.step(holding: first.time, origin: origin))
        let lastStep = settings.step(holding: max(dataEnd, first.time), origin: origin)
        guard lastStep >= firstStep else { return .failure(.nothingObserved) }
        var states = Array(repeating: CareState.none, count: lastStep - firstStep + 1)
        func raise(from start: Timestamp, to end: Timestamp, to state: CareState) {
            let from = max(firstStep, settings.step(holding: start, origin: origin))
            let to = min(lastStep, settings.step(holding: end, origin: origin))
            guard from <= to else { return }
            for index in from...to where states[index - firstStep] < state { states[index - firstStep] = state }
        }
        for stay in care.stays { raise(from: stay.start, to: stay.end, to: CareState(rank: stay.level.rank, inpatient: true)) }
        for episode in care.episodes { raise(from: episode.start, to: episode.end, to: CareState(rank: episode.rank, inpatient: false)) }
        return .success(CareSequence(user: user, firstStep: firstStep, states: states, origin: origin))
    }
}

/// The care-level sequences of a set of users, written as TraMineR reads them: STS (one row per
/// user, one column per step) or SPELL (one row per run of one state).
public struct CareSequences: Sendable {
    public var settings: SequenceSettings
    public var states: CareStates
    public var sequences: [CareSequence]

    public init(settings: SequenceSettings, states: CareStates = .levels, sequences: [CareSequence] = []) {
        self.settings = settings
        self.states = states
        self.sequences = sequences
    }

    /// Steps on the axis: to the last step any user is observed in.
    public var length: Int { sequences.map { $0.firstStep + $0.states.count }.max() ?? 0 }

    /// The name of step `index` (0 for step 1): on a calendar axis the date it starts
    /// (`2024-01-01`; `2024-01` for a month), else `d1`, `w1`, `m1` …
    public func label(ofStep index: Int) -> String {
        switch settings.alignment {
        case .calendar:
            let start = settings.start(ofStep: index, origin: sequences.first?.origin ?? 0)
            return settings.step == .month ? String(start.dateString.prefix(7)) : start.dateString
        case .first, .discharge:
            return String(settings.step.rawValue.prefix(1)) + String(index + 1)
        }
    }

    /// STS: `id` and one column per step named by `label(ofStep:)`; a step before a user's
    /// first (calendar) or after the data end is `missing`.
    public func sts(missing: String = "NA") -> String {
        let alphabet = states.alphabet, length = length
        var rows = [["id"] + (0..<length).map(label(ofStep:))]
        rows.reserveCapacity(sequences.count + 1)
        for sequence in sequences {
            var row = [sequence.user.rawValue]
            row.reserveCapacity(length + 1)
            row += Array(repeating: missing, count: sequence.firstStep)
            row += sequence.states.map { alphabet[states.code(of: $0)] }
            row += Array(repeating: missing, count: length - sequence.firstStep - sequence.states.count)
            rows.append(row)
        }
        return CSVText.write(rows)
    }

    /// SPELL: `id,begin,end,status,begin_date,end_date`, one row per maximal run of one state;
    /// begin and end are step positions (1 for step 1, both included), the dates the first and
    /// last day of those steps. Missing steps have no row.
    public func spell() -> String {
        let alphabet = states.alphabet
        var rows = [["id", "begin", "end", "status", "begin_date", "end_date"]]
        for sequence in sequences {
            var runStart = 0
            for index in sequence.states.indices {
                let code = states.code(of: sequence.states[index])
                let isLast = index == sequence.states.count - 1
                guard isLast || states.code(of: sequence.states[index + 1]) != code else { continue }
                let (begin, end) = (sequence.firstStep + runStart, sequence.firstStep + index)
                let endDate = Timestamp(secondsSinceEpoch: settings.start(ofStep: end + 1, origin: sequence.origin).secondsSinceEpoch - 86_400)
                rows.append([sequence.user.rawValue, String(begin + 1), String(end + 1), alphabet[code],
                             settings.start(ofStep: begin, origin: sequence.origin).dateString, endDate.dateString])
                runStart = index + 1
            }
        }
        return CSVText.write(rows)
    }

    /// The state distribution step by step: how many users are observed in each step (at risk)
    /// and how many of them are in each state — what TraMineR's `seqdplot` draws (missing left out).
    public func distribution() -> CareDistribution {
        let length = length
        var counts = Array(repeating: Array(repeating: 0, count: states.alphabet.count), count: length)
        for sequence in sequences {
            for (offset, state) in sequence.states.enumerated() { counts[sequence.firstStep + offset][states.code(of: state)] += 1 }
        }
        return CareDistribution(states: states, labels: (0..<length).map(label(ofStep:)), counts: counts)
    }
}

/// How many users are in each state at each step.
public struct CareDistribution: Sendable, Equatable {
    public var states: CareStates
    /// The steps' names, as STS names its columns.
    public var labels: [String]
    /// `counts[step][code]`: users in the state of that code (index into `states.alphabet`).
    public var counts: [[Int]]

    /// Users observed in each step.
    public var atRisk: [Int] { counts.map { $0.reduce(0, +) } }

    /// The share of the step's users in the state of `code`; nil when none is observed then.
    public func share(step: Int, code: Int) -> Double? {
        let total = counts[step].reduce(0, +)
        return total == 0 ? nil : Double(counts[step][code]) / Double(total)
    }
}
