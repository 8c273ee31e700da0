import Foundation

/// A period of time measures are restricted to (`--from`/`--to`), both ends inclusive.
/// A `to` given as a date alone includes that whole day.
public struct Period: Sendable, Equatable {
    public var from: Timestamp?
    /// The first instant after the period.
    public var end: Timestamp?

    public init(from: Timestamp? = nil, through end: Timestamp? = nil, endIsDateOnly: Bool = true) {
        self.from = from
        self.end = end.map { endIsDateOnly ? $0.adding(days: 1) : Timestamp(secondsSinceEpoch: $0.secondsSinceEpoch + 1) }
    }

    /// Parses `--from`/`--to` values; nil for an unparseable one.
    public init?(from: String?, to: String?) {
        var start: Timestamp?
        var stop: Timestamp?
        if let from {
            guard let parsed = Timestamp(iso: from) else { return nil }
            start = parsed
        }
        if let to {
            guard let parsed = Timestamp(iso: to) else { return nil }
            stop = parsed
        }
        self.init(from: start, through: stop, endIsDateOnly: to.map { $0.count == 10 } ?? true)
    }

    public var isUnbounded: Bool { from == nil && end == nil }

    public func contains(_ time: Timestamp) -> Bool {
        (from.map { time >= $0 } ?? true) && (end.map { time < $0 } ?? true)
    }
}

/// `--by`: the calendar periods a measure is taken in, one after another.
public enum PeriodStep: String, CaseIterable, Codable, Sendable {
    case month, quarter, year

    /// Months in one period.
    private var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .year: 12
        }
    }

    /// The calendar periods from the one holding `first` to the one holding `last`, in order.
    /// `within` (a `--from`/`--to`) cuts them: its ends, when given, stand for the data's.
    /// Empty when there is no time to cover (no dates, or `within` ends before `first`).
    public func periods(first: Timestamp?, last: Timestamp?, within: Period = Period()) -> [CalendarPeriod] {
        let lastSecond = within.end.map { Timestamp(secondsSinceEpoch: $0.secondsSinceEpoch - 1) }
        guard let start = within.from ?? first, let stop = lastSecond ?? last, start <= stop else { return [] }
        let (year, month, _) = Timestamp.civil(fromDays: start.dayNumber)
        var index = year * 12 + (month - 1) / months * months  // months since year 0 of the first period's start
        var periods: [CalendarPeriod] = []
        while let begin = Self.monthStart(index), begin <= stop, let next = Self.monthStart(index + months) {
            var period = Period()
            period.from = within.from.map { max(begin, $0) } ?? begin
            period.end = within.end.map { min(next, $0) } ?? next
            // Censored where the period ends or, past the last event without `--to`, where the data do.
            let periodEnd = Timestamp(secondsSinceEpoch: period.end!.secondsSinceEpoch - 1)
            periods.append(CalendarPeriod(label: label(index), period: period, dataEnd: min(periodEnd, lastSecond ?? last ?? periodEnd)))
            index += months
        }
        return periods
    }

    /// `2024-03`, `2024Q1` or `2024` for the period starting `index` months after year 0.
    private func label(_ index: Int) -> String {
        let year = String(index / 12), month = index % 12 + 1
        switch self {
        case .month: return year + (month < 10 ? "-0" : "-") + String(month)
        case .quarter: return year + "Q" + String((month - 1) / 3 + 1)
        case .year: return year
        }
    }

    private static func monthStart(_ index: Int) -> Timestamp? { Timestamp(year: index / 12, month: index % 12 + 1, day: 1) }
}

/// One calendar period of `--by`, cut to `--from`/`--to`: the contacts and events inside it are
/// measured as `--from`/`--to` over it would measure them.
public struct CalendarPeriod: Sendable, Equatable {
    /// `2024-03`, `2024Q1` or `2024`.
    public var label: String
    public var period: Period
    /// Where the data end for censoring in this period: its last second or, when the period runs
    /// past the input's last event and no `--to` was given, that event's time.
    public var dataEnd: Timestamp
}

extension CollaborationGraph {
    /// The first and the last date on any edge (where `--by` starts and ends); nil when no
    /// edge is dated.
    public func dateRange() -> (first: Timestamp, last: Timestamp)? {
        var range: (first: Timestamp, last: Timestamp)?
        for edge in edges {
            for time in edge.timestamps {
                range = range.map { (min($0.first, time), max($0.last, time)) } ?? (time, time)
            }
        }
        return range
    }
}
