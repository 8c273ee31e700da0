import Foundation

/// "Networks, not chains": how many services follow the user at once.
///
/// An episode of a service is a maximal run of visits to it with gaps ≤ G, the episode gap; it
/// is open from its first to its last visit. Over each calendar day from the user's first visit
/// to the last (inclusive), count the open episodes: concurrency_mean and concurrency_max are the
/// mean and maximum of those counts.
///
/// Example (G = 60 days): the GP surgery 01-01, 01-20, 03-20, 04-30 (gaps 19, 60, 41: one
/// episode of 121 days), the DPS 02-10…02-24 (15 days), the hospital 03-01 (1 day): 137 open
/// episode-days over the 121 days 01-01…04-30 → 1.132231, maximum 2.
/// Degenerate case: no visits → nil, nil.
/// - Complexity: O(N log N + D) for D days.
struct Concurrency {
    let mean: Double?
    let maximum: Int?

    /// `service` gives each visit's service as `Granularity.service` names it (a key equal for
    /// two visits exactly when those names are).
    init<E: MeasuredEvent, Key: Hashable>(visits: [E], episodeGapSeconds: Int64, service: (E) -> Key) {
        guard let firstDay = visits.map(\.eventTime.dayNumber).min(), let lastDay = visits.map(\.eventTime.dayNumber).max() else {
            (mean, maximum) = (nil, nil)
            return
        }
        var change = [Int](repeating: 0, count: lastDay - firstDay + 2)
        let byService = Dictionary(grouping: visits, by: service)
        for (_, serviceVisits) in byService {
            for run in serviceVisits.map(\.eventTime).sorted().runs(maximumGap: episodeGapSeconds) {
                change[run.range.lowerBound.dayNumber - firstDay] += 1
                change[run.range.upperBound.dayNumber - firstDay + 1] -= 1
            }
        }
        var open = 0, total = 0, most = 0
        for day in 0...(lastDay - firstDay) {
            open += change[day]
            total += open
            most = max(most, open)
        }
        mean = Double(total) / Double(lastDay - firstDay + 1)
        maximum = most
    }
}
