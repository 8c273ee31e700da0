import Foundation

/// An unordered pair of levels, a level unknown where a node has none: what the care-density
/// sums and the fragmented-care-density weights are kept by.
///
/// The two ends are kept in the order of their names, so `LevelPair(.municipal, .dps)` and
/// `LevelPair(.dps, .municipal)` are one pair, written `dps|municipal`; a missing level is
/// named `unknown` (`municipal|unknown`).
public struct LevelPair: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The end whose name sorts first.
    public let first: Level?
    /// The end whose name sorts last.
    public let second: Level?

    public init(_ a: Level?, _ b: Level?) {
        (first, second) = Self.name(a) <= Self.name(b) ? (a, b) : (b, a)
    }

    /// The two names joined by `|`, as the JSON writes the pair: `dps|municipal`.
    public var description: String { Self.name(first) + "|" + Self.name(second) }

    /// The pair as a line of a weights file expects it: `dps,municipal`.
    public var csvFields: String { Self.name(first) + "," + Self.name(second) }

    /// In the order of their written form, so sums over pairs add up in the same order on every run.
    public static func < (lhs: LevelPair, rhs: LevelPair) -> Bool { lhs.description < rhs.description }

    private static func name(_ level: Level?) -> String { level?.rawValue ?? "unknown" }
}
