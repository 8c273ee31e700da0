import ArgumentParser
import ServiceGraph

/// The window and the episode gap, shared by every command that measures or draws a pathway.
struct PathwayParameters: ParsableArguments {
    @Option(help: "W: the window around a level transition, in days.")
    var window: Double = 30

    @Option(name: .customLong("episode-gap"), help: "G: a gap between visits longer than this ends a care episode, in days.")
    var episodeGap: Double = 60

    func validate() throws {
        if !(window >= 0) || !window.isFinite {
            throw ValidationError("--window takes a number of days, 0 or more")
        }
        if !(episodeGap >= 0) || !episodeGap.isFinite {
            throw ValidationError("--episode-gap takes a number of days, 0 or more")
        }
    }

    /// The pathway options with these parameters.
    func options(dataEnd: Timestamp?) -> PathwayOptions {
        PathwayOptions(windowDays: window, episodeGapDays: episodeGap, dataEnd: dataEnd)
    }

    /// Words for the cache key of a drawing.
    var key: String { "\(window)|\(episodeGap)" }
}
