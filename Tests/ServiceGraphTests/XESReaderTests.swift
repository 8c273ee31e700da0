import Foundation
import Testing
import TestSupport
@testable import ServiceGraph

/// The XES reader and writer (docs/formats.md). The fixtures in `Fixtures/xes` were written by
/// pm4py 2.7 (`pm4py.write_xes` of a data frame): its conventions — times with an offset, a
/// missing value written as a float `nan`, no lifecycle — are what the reader must take.
/// `no-resource.xes` is a log in the manner of pm4py's `roadtraffic50traces.xes`: activities
/// that name no kind of ours and no `org:resource`.
@Suite struct XESReaderTests {
    private func reader(_ name: String, mapping: XESMapping = XESMapping()) -> EventLogReader {
        EventLogReader(url: Fixtures.url("xes/" + name), displayName: name, source: EventLogSource(xes: mapping))
    }

    private func read(_ text: String, name: String = "log.xes", mapping: XESMapping = XESMapping()) throws
        -> (pathways: [Pathway], summary: EventLogReader.Summary)
    {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return try EventLogReader(url: url, displayName: name, source: EventLogSource(xes: mapping)).readAll()
    }

    private func write(_ text: String) throws -> URL {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("log.xes")
        try Data(text.utf8).write(to: url)
        return url
    }

    private static func xes(_ traces: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\" xmlns=\"http://www.xes-standard.org/\">\n" + traces + "</log>\n"
    }

    @Test func readsALogWrittenByPm4py() throws {
        let (pathways, summary) = try reader("pm4py-written.xes").readAll()
        #expect(summary.skipped.isEmpty && summary.rows == 8 && summary.users == 2 && summary.sortedByUser)
        #expect(pathways.map(\.user) == ["u1", "u2"])
        let first = pathways[0].events
        #expect(first.map(\.kind) == [.contact, .referral, .contact, .contact])
        // The clock time as written, its offset dropped.
        #expect(first[0].time.description == "2024-01-02T09:00")
        #expect(first[0].actor == "gp_a" && first[0].service == "gp_surgery" && first[0].level == .municipal)
        #expect(first[1].level == nil, "pm4py's nan is no value")
        let second = pathways[1].events
        #expect(second.map(\.kind) == [.contact, .admission, .discharge, .contact])
        #expect(second[1].actor == nil && second[1].service == "ward_3" && second[1].level == .hospital)
        #expect(summary.dataStart == Timestamp(iso: "2024-01-02T09:00") && summary.dataEnd == Timestamp(iso: "2024-02-03T11:00"))
    }

    @Test func readsAGzippedLogAsThePlainOne() throws {
        #expect(try reader("pm4py-written.xes.gz").readAll().pathways == reader("pm4py-written.xes").readAll().pathways)
        #expect(EventLogReader.isEventLog(Fixtures.url("xes/pm4py-written.xes.gz")))
    }

    /// pm4py's own handover discovery fails on a log without org:resource; here its events are
    /// visits to no named professional, counted in the quality section.
    @Test func aLogWithoutResourcesIsReadWithUnnamedActors() throws {
        let (pathways, summary) = try reader("no-resource.xes").readAll()
        #expect(summary.skipped.isEmpty && summary.users == 2)
        #expect(pathways.flatMap(\.events).allSatisfy { $0.kind == .contact && $0.actor == nil })
        #expect(summary.visitsWithoutNamedProfessional == 5 && summary.unnamedRows.first == "line 8")
        let quality = DataQuality(eventLog: summary)
        #expect(quality.visitsWithoutNamedProfessional == 5)
    }

    @Test func aMappingFileChoosesTheAttributes() throws {
        let mapping = try XESMapping.read(text: """
            field,attribute,default
            level,,municipal
            service,amount,
            activity,Send Fine,referral

            """, file: "mapping.csv")
        let (pathways, _) = try reader("no-resource.xes", mapping: mapping).readAll()
        let events = pathways[0].events
        #expect(events.map(\.kind) == [.contact, .referral])
        #expect(events.allSatisfy { $0.level == .municipal && $0.service == "35.0" })
    }

    @Test func aBadMappingRowIsNamedByItsLine() {
        #expect(throws: Diagnostic(file: "m.csv", line: 3, message: "unknown field 'colour' (user, time, kind, actor, service, level, target or activity)")) {
            try XESMapping.read(text: "field,attribute,default\nlevel,lvl,\ncolour,x,\n", file: "m.csv")
        }
        #expect(throws: Diagnostic(file: "m.csv", line: 2, message: "the default level 'high' is not a level")) {
            try XESMapping.read(text: "field,attribute,default\nlevel,,high\n", file: "m.csv")
        }
    }

    /// What cannot be used is a diagnostic with its line, and the rest is read.
    @Test func badEventsAndTracesAreNamedByLineAndTheRestRead() throws {
        let (pathways, summary) = try read(Self.xes("""
            <trace>
              <string key="concept:name" value="u1"/>
              <event><string key="concept:name" value="contact"/><date key="time:timestamp" value="yesterday"/></event>
              <event><string key="concept:name" value="contact"/><date key="time:timestamp" value="2024-01-02T10:00:00Z"/><string key="level" value="top"/></event>
              <event><string key="concept:name" value="contact"/><date key="time:timestamp" value="2024-01-03T10:00:00.250+02:00"/></event>
            </trace>
            <trace>
              <event><date key="time:timestamp" value="2024-01-02T10:00:00"/></event>
            </trace>
            <trace><string key="concept:name" value="u2"/><event><date key="time:timestamp" value="2024-01-04"/></event></trace>

            """))
        #expect(summary.skipped.map(\.line) == [5, 6, 9])
        #expect(summary.skipped[0].message.contains("'yesterday' is not an xs:dateTime"))
        #expect(summary.skipped[1].message == "unknown level 'top'")
        #expect(summary.skipped[2].message.contains("a trace with no concept:name"))
        #expect(pathways.map(\.user) == ["u1", "u2"] && summary.rows == 5)
        #expect(pathways[0].events.map(\.time.description) == ["2024-01-03T10:00"])
    }

    @Test func aDocumentThatIsNotXESIsRefusedWithItsLine() throws {
        #expect(throws: Diagnostic(file: "log.xes", line: 2, message: "not an XES log: the root element is <graphml>, not <log>")) {
            try read("<?xml version=\"1.0\"?>\n<graphml/>\n")
        }
        #expect(throws: Diagnostic.self) { try read("<!DOCTYPE log [<!ENTITY a \"b\">]>\n<log>&a;</log>\n") }
        let broken = try write(Self.xes("<trace>\n<event>\n</trace>\n"))
        do throws(Diagnostic) {
            _ = try EventLogReader(url: broken, displayName: "log.xes").readAll()
            Issue.record("a log that is not well-formed was read")
        } catch {
            #expect(error.line == 5 && error.message.hasPrefix("not well-formed XML"), "\(error)")
        }
        #expect(throws: Diagnostic(file: "log.xes", line: nil, message: "cannot open the file")) {
            try EventLogReader(url: URL(fileURLWithPath: "/nonexistent/log.xes"), displayName: "log.xes").readAll()
        }
    }

    /// A case whose traces are apart is read again, whole, and grouped.
    @Test func aCaseSplitOverTracesIsGrouped() throws {
        let trace = { (user: String, day: String) in
            "<trace><string key=\"concept:name\" value=\"\(user)\"/><event><date key=\"time:timestamp\" value=\"2024-01-\(day)\"/></event></trace>\n"
        }
        let (pathways, summary) = try read(Self.xes(trace("b", "01") + trace("a", "02") + trace("b", "03")))
        #expect(!summary.sortedByUser && summary.users == 2)
        #expect(pathways.map(\.user) == ["a", "b"] && pathways[1].events.count == 2)
    }

    /// Traces are handed on in the log's order, not sorted: a log of numbered cases streams.
    @Test func tracesStreamInTheLogsOrder() throws {
        let traces = ["10", "9", "100"].map {
            "<trace><string key=\"concept:name\" value=\"\($0)\"/><event><date key=\"time:timestamp\" value=\"2024-01-01\"/></event></trace>\n"
        }
        let (pathways, summary) = try read(Self.xes(traces.joined()))
        #expect(summary.sortedByUser && pathways.map(\.user) == ["10", "9", "100"])
    }

    /// The writer's log reads back to the same pathways, event for event.
    @Test func theWrittenLogReadsBackTheSame() throws {
        let log = Fixtures.repositoryRoot.appendingPathComponent("Graphs/pathways/synthetic-event-log.csv")
        let original = try EventLogReader(url: log, displayName: "log.csv").readAll().pathways
        let (back, summary) = try read(XESWriter.write(original))
        #expect(summary.skipped.isEmpty)
        func fields(_ pathways: [Pathway]) -> [[String]] {
            pathways.flatMap { pathway in
                pathway.events.map { [pathway.user.rawValue, $0.time.description, $0.kind.rawValue, $0.actor ?? "", $0.service ?? "",
                                      $0.level?.rawValue ?? "", $0.target ?? ""] }
            }
        }
        #expect(fields(back) == fields(original))
        let text = XESWriter.write(original)
        for declaration in ["<extension name=\"Concept\"", "<extension name=\"Time\"", "<extension name=\"Organizational\"",
                            "<global scope=\"trace\">", "<global scope=\"event\">", "<classifier name=\"Activity\" keys=\"concept:name\"/>"] {
            #expect(text.contains(declaration), "\(declaration)")
        }
    }

    @Test func xesTimesAreLocalClockTimes() {
        #expect(XESTime.timestamp("2024-03-31T02:30:00.000+02:00")?.description == "2024-03-31T02:30")
        #expect(XESTime.timestamp("2024-03-01")?.description == "2024-03-01")
        #expect(XESTime.timestamp("2024-03-01T10:15:07Z")?.description == "2024-03-01T10:15:07")
        #expect(XESTime.timestamp("2024-03-01T10:15:07+0200") == nil)
        #expect(XESTime.timestamp("2024-02-30T10:15:07") == nil)
        #expect(XESTime.text(Timestamp(iso: "2024-03-01")!) == "2024-03-01T00:00:00")
    }
}
