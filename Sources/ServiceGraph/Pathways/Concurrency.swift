import Foundation

/// "Networks, not chains": how many services follow the user at once (DESIGN §5.3).
///
/// An episode of a service is a maximal run of visits to it with gaps ≤ W; it is open from
/// its first to its last visit. Over each calendar day from the user's first visit to the
/// last (inclusive), count the open episodes: concurrency_mean and concurrency_max are the
/// mean and maximum of those counts.
///
/// Example (DESIGN §5.3): the GP surgery 01-01…01-20 and again 03-20 (a 60-day gap splits
/// it), the DPS 02-10…02-24, the hospital 03-01: 37 open episode-days over 80 days → 0.4625,
/// maximum 1.
/// Degenerate case: no visits → nil, nil.
/// - Complexity: O(N log N + D) for D days.
struct Concurrency {
    let mean: Double?
    let maximum: Int?

    init(visits: [PathwayEvent], windowSeconds: Int64) {
        guard let firstDay = visits.map(\.time.dayNumber).min(), let lastDay = visits.map(\.time.dayNumber).max() else {
            (mean, maximum) = (nil, nil)
            return
        }
        var change = [Int](repeating: 0, count: lastDay - firstDay + 2)
        let byService = Dictionary(grouping: visits) { Granularity.service.provider(of: $0) }
        for (_, serviceVisits) in byService {
            let times = serviceVisits.map(\.time).sorted()
            var start = times[0], end = times[0]
            func close() {
                change[start.dayNumber - firstDay] += 1
                change[end.dayNumber - firstDay + 1] -= 1
            }
            for time in times.dropFirst() {
                if time.secondsSinceEpoch - end.secondsSinceEpoch > windowSeconds {
                    close()
                    start = time
                }
                end = time
            }
            close()
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
