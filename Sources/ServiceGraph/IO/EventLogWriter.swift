import Foundation

/// Writes pathways as an event log (the form `EventLogReader` reads): RFC 4180, a header
/// `user,time,kind,actor,service,level,target`, one row per event in pathway order (time, then
/// as written), so the log read back gives the same pathways and the same measures.
public enum EventLogWriter {
    public static let header = ["user", "time", "kind", "actor", "service", "level", "target"]

    public static func write(_ pathways: [Pathway]) -> String {
        headerText + pathways.map(rows(of:)).joined()
    }

    /// The header line, as `write` begins.
    public static var headerText: String { CSVText.write([header]) }

    /// One pathway's rows, as `write` writes them: for writing a log piece by piece.
    public static func rows(of pathway: Pathway) -> String {
        CSVText.write(pathway.events.map { event in
            [pathway.user.rawValue, event.time.description, event.kind.rawValue, event.actor ?? "", event.service ?? "",
             event.level?.rawValue ?? "", event.target ?? ""]
        })
    }
}
