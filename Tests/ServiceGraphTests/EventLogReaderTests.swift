import Foundation
import Testing
import TestSupport
@testable import ServiceGraph

@Suite struct EventLogReaderTests {
    private func write(_ text: String, bom: Bool = false) throws -> (URL, URL) {
        let folder = try Fixtures.temporaryFolder()
        let url = folder.appendingPathComponent("log.csv")
        try Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)).write(to: url)
        return (folder, url)
    }

    private func read(_ text: String, bom: Bool = false) throws -> (pathways: [Pathway], summary: EventLogReader.Summary) {
        let (folder, url) = try write(text, bom: bom)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try EventLogReader(url: url, displayName: "log.csv").readAll()
    }

    @Test func readsTheColumnsInAnyOrderWithExtras() throws {
        let (pathways, summary) = try read("""
            time,user,kind,actor,service,level,note
            2024-01-01,u1,contact,gp,legekontor,kommune,first
            2024-01-05T10:30,u1,henvisning,gp,dps,,
            2024-02-01,u1,contact,psy,dps,2,
            2024-01-03,u2,contact,,legevakt,municipal,

            """)
        #expect(summary.rows == 4 && summary.users == 2 && summary.skipped.isEmpty)
        #expect(summary.dataEnd == Timestamp(iso: "2024-02-01"))
        #expect(pathways.map(\.user) == ["u1", "u2"])
        let first = pathways[0].events
        #expect(first.map(\.kind) == [.contact, .referral, .contact])
        #expect(first[0].level == .municipal && first[2].level == .dps)
        #expect(first[1].time.description == "2024-01-05T10:30")
        #expect(first[1].service == "dps" && first[1].actor == "gp")
        #expect(pathways[1].events[0].actor == nil)
        #expect(summary.visitsWithoutNamedProfessional == 1)
    }

    @Test func rfc4180QuotesNewlinesBOMAndSemicolons() throws {
        let text = "user;time;kind;actor;service;level\r\n"
            + "\"Ola \"\"O\"\" Nordmann\";2024-01-01;contact;\"Berg; psychiatric\nnurse\";mh;municipal\r\n"
            + "\"Ola \"\"O\"\" Nordmann\";2024-01-02;contact;gp;legekontor;municipal\r\n"
            + "\"Ola \"\"O\"\" Nordmann\";not a date;contact;gp;legekontor;municipal\r\n"
        let (pathways, summary) = try read(text, bom: true)
        #expect(pathways.map(\.user) == [#"Ola "O" Nordmann"#])
        #expect(pathways[0].events[0].actor == "Berg; psychiatric\nnurse")
        // The embedded newline puts the third data row on line 5.
        #expect(summary.skipped.map(\.description) == [
            "log.csv:5: error: time 'not a date' is not ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
        ])
    }

    @Test func badRowsAreReportedAndTheRestRead() throws {
        let (pathways, summary) = try read("""
            user,time,kind,actor,service,level
            u1,2024-01-01,contact,gp,s,municipal
            ,2024-01-02,contact,gp,s,municipal
            u1,2024-01-03,hug,gp,s,municipal
            u1,2024-01-04,contact,gp,s,county
            u1,2024-01-05,contact,gp,s,
            u1,2024-01-06,discharge,,ward,hospital

            """)
        #expect(summary.skipped.map(\.description) == [
            "log.csv:3: error: no user",
            "log.csv:4: error: kind 'hug' is not an event kind (contact, referral, admission, discharge, message, epicrisis, meeting)",
            "log.csv:5: error: unknown level 'county'",
        ])
        #expect(pathways[0].events.count == 3)
        #expect(summary.visitsOfUnknownLevel == 1)
    }

    /// A row that is not UTF-8 (a Latin-1 é) is skipped with its line and the rest read. (CSV.swift
    /// split such a row at the bad byte and read on from inside it: a user "b" at time "s", line 3.)
    @Test func aRowThatIsNotUTF8IsSkippedWithItsLine() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("log.csv")
        try Data(Array("user,time,kind,actor,service,level\n".utf8) + Array("u1,2024-01-01,contact,a".utf8) + [0xE9]
                 + Array("b,s,municipal\nu1,2024-01-02,contact,b,s,municipal\n".utf8)).write(to: url)
        let (pathways, summary) = try EventLogReader(url: url, displayName: "log.csv").readAll()
        #expect(summary.skipped == [Diagnostic(file: "log.csv", line: 2, message: "the row is not UTF-8 text")])
        #expect(pathways.map(\.user) == ["u1"] && pathways[0].events.count == 1 && summary.rows == 2)
    }

    /// Hostile shapes: a header only, a last line cut short, a NUL byte, a 10 MB field and
    /// 10,000 columns: each read to a correct result, never a crash.
    @Test func hostileShapesAreReadCorrectly() throws {
        let header = "user,time,kind,actor,service,level\n"
        #expect(try read(header).pathways.isEmpty)
        let cut = try read(header + "u1,2024-01-01,contact,gp,fl,municipal\nu1,2024-01-0")
        #expect(cut.pathways.first?.events.count == 1 && cut.summary.skipped.map(\.line) == [3])
        let nul = try read(header + "u1,2024-01-01,contact,g\u{0}p,fl,municipal\n")
        #expect(nul.pathways.first?.events.first?.actor == "g\u{0}p")
        let long = String(repeating: "x", count: 10 << 20)
        let big = try read(header + "u1,2024-01-01,contact,\"\(long)\",fl,municipal\nu1,2024-01-02,contact,gp,fl,municipal\n")
        #expect(big.pathways.first?.events.map { $0.actor?.count } == [10 << 20, 2])
        let wide = (0..<10_000).map { "c\($0)" }.joined(separator: ",")
        let many = try read("user,time,kind," + wide + "\nu1,2024-01-01,contact," + String(repeating: ",", count: 9_999) + "\n")
        #expect(many.pathways.first?.events.count == 1 && many.summary.skipped.isEmpty)
    }

    @Test func aLogNotSortedByUserIsGroupedAndDeliveredOnce() throws {
        let text = "user,time,kind,actor,service,level\nb,2024-01-01,contact,gp,s,municipal\n"
            + "a,2024-01-02,contact,gp,s,municipal\nb,2024-01-03,contact,pn,s,municipal\n"
        let (folder, url) = try write(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        var delivered: [String] = []
        var restarts = 0
        let summary = try EventLogReader(url: url, displayName: "log.csv").forEachPathway(onRestart: {
            restarts += 1
            delivered.removeAll()
        }) { delivered.append("\($0.user):\($0.events.count)") }
        #expect(restarts == 1)
        #expect(delivered == ["a:1", "b:2"])
        #expect(!summary.sortedByUser && summary.users == 2)
    }

    @Test func streamingGivesTheSameAnswersAsReadingWhole() throws {
        // A generated log of 200 users, sorted by user: measures per user from the stream must
        // equal those from the same events held as one graph-free list.
        var lines = ["user,time,kind,actor,service,level"]
        var generator = SystemRandomNumberGenerator()
        _ = generator
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int((seed >> 33) % UInt64(bound)) }
        let levels = ["municipal", "dps", "hospital", "state"]
        var byUser: [NodeID: [PathwayEvent]] = [:]
        for user in 0..<200 {
            let id = NodeID(String(format: "u%04d", user))
            for visit in 0..<(3 + next(12)) {
                let level = levels[next(4)]
                let time = String(format: "2024-%02d-%02d", 1 + next(12), 1 + next(28))
                let actor = "p\(next(30))"
                lines.append("\(id),\(time),contact,\(actor),s\(next(5)),\(level)")
                byUser[id, default: []].append(PathwayEvent(user: id, time: Timestamp(iso: time)!, kind: .contact, actor: actor,
                                                            service: nil, level: Level(name: level), sourceOrder: visit))
            }
        }
        let (folder, url) = try write(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        var streamed: [NodeID: PathwayMeasures] = [:]
        let summary = try EventLogReader(url: url, displayName: "log.csv").forEachPathway { streamed[$0.user] = $0.measures() }
        #expect(summary.sortedByUser && summary.users == 200)
        for (user, events) in byUser {
            let whole = Pathway(user: user, events: events).measures()
            #expect(streamed[user]?.continuity == whole.continuity)
            #expect(streamed[user]?.transitions == whole.transitions)
        }
    }

    @Test func headerProblems() throws {
        #expect(throws: Diagnostic(file: "log.csv", line: 1,
                                   message: "the header has no 'kind' column (an event log needs user, time and kind)")) {
            try read("user,time,actor\nu,2024-01-01,gp\n")
        }
        #expect(throws: Diagnostic.self) { try read("") }
        let (folder, url) = try write("user,time,kind\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(EventLogReader.isEventLog(url))
        let (other, notLog) = try write("level_a,level_b,weight\n")
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(!EventLogReader.isEventLog(notLog))
    }
}
