import ServiceGraph

/// The window W around a level transition and the care-episode gap G, in days: shared by
/// everything that measures or draws a pathway (docs/pathways.md).
public struct PathwaySettings: Codable, Sendable, Equatable {
    public var windowDays: Double
    public var episodeGapDays: Double

    public init(windowDays: Double = 30, episodeGapDays: Double = 60) {
        self.windowDays = windowDays
        self.episodeGapDays = episodeGapDays
    }

    /// The pathway options with these parameters.
    public func options(dataEnd: Timestamp?) -> PathwayOptions {
        PathwayOptions(windowDays: windowDays, episodeGapDays: episodeGapDays, dataEnd: dataEnd)
    }

    /// Words for the cache key of a drawing.
    var key: String { "\(windowDays)|\(episodeGapDays)" }
}
