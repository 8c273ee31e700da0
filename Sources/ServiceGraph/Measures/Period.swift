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
