import Foundation

/// Writes pathways as an event log (the form `EventLogReader` reads): RFC 4180, a header
/// `user,time,kind,actor,service,level,target`, one row per event in pathway order (time, then
/// as written), so the log read back gives the same pathways and the same measures.
public enum EventLogWriter {
    public static let header = ["user", "time", "kind", "actor", "service", "level", "target"]

    public static func write(_ pathways: [Pathway]) -> String {
        var rows = [header]
        for pathway in pathways {
            for event in pathway.events {
                rows.append([pathway.user.rawValue, event.time.description, event.kind.rawValue, event.actor ?? "", event.service ?? "",
                             event.level?.rawValue ?? "", event.target ?? ""])
            }
        }
        return CSVText.write(rows)
    }
}
