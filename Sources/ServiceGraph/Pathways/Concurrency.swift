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
    /// two visits exactly when those names are). The visits are sorted by service, then time,
    /// so that each service's episodes are runs of one array.
    init<E: MeasuredEvent, Key: Comparable>(visits: [E], episodeGapSeconds: Int64, service: (E) -> Key) {
        guard !visits.isEmpty else {
            (mean, maximum) = (nil, nil)
            return
        }
        var keyed = visits.map { (key: service($0), time: $0.eventTime) }
        var firstDay = Int.max, lastDay = Int.min
        for visit in keyed {
            firstDay = min(firstDay, visit.time.dayNumber)
            lastDay = max(lastDay, visit.time.dayNumber)
        }
        keyed.sort { $0.key < $1.key || ($0.key == $1.key && $0.time < $1.time) }
        var change = [Int](repeating: 0, count: lastDay - firstDay + 2)
        var index = 0
        while index < keyed.count {
            let key = keyed[index].key
            var start = keyed[index].time, last = start
            index += 1
            while true {
                let sameService = index < keyed.count && keyed[index].key == key
                if !sameService || keyed[index].time.secondsSinceEpoch - last.secondsSinceEpoch > episodeGapSeconds {
                    change[start.dayNumber - firstDay] += 1  // an episode start...last
                    change[last.dayNumber - firstDay + 1] -= 1
                    guard sameService else { break }
                    start = keyed[index].time
                }
                last = keyed[index].time
                index += 1
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
