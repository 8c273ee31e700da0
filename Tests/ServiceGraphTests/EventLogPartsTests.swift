import Foundation
import Testing
import TestSupport
@testable import ServiceGraph

/// A folder of parts read as one log (EventLogInput.swift), and the progress counts.
@Suite struct EventLogPartsTests {
    private func parts(_ texts: [String]) throws -> (folder: URL, files: [InputFile]) {
        let folder = try Fixtures.temporaryFolder()
        let files = try texts.enumerated().map { index, text in
            let url = folder.appendingPathComponent("part-\(index).csv")
            try Data(text.utf8).write(to: url)
            return InputFile(url: url, relativePath: url.lastPathComponent, displayPath: "p/\(url.lastPathComponent)")
        }
        return (folder, files)
    }

    /// A user's rows from the end of one part into the next are one pathway, and rows at one
    /// instant keep the order of the whole: the admission (part 0) before the discharge (part
    /// 1), both dated 03-03, is a stay — it would be an unmatched discharge first if each part
    /// counted its rows from 1.
    @Test func aUserAcrossTwoPartsIsOneUserInTheOrderOfTheWhole() throws {
        let header = "user,time,kind,actor,service,level\n"
        let (folder, files) = try parts([
            header + "u1,2024-03-01,contact,p1,s1,dps\nu1,2024-03-01,contact,p2,s1,dps\nu1,2024-03-01,contact,p3,s1,dps\nu1,2024-03-03,admission,,s1,dps\n",
            header + "u1,2024-03-03,discharge,,s1,dps\nu2,2024-01-01,contact,p1,s1,municipal\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let reader = EventLogReader.parts(files, folder: folder, displayName: "p")
        let (pathways, summary) = try reader.readAll()
        #expect(summary.sortedByUser && summary.users == 2 && summary.rows == 6 && summary.skipped.isEmpty)
        #expect(pathways.map(\.user) == ["u1", "u2"])
        #expect(pathways[0].events.map(\.kind) == [.contact, .contact, .contact, .admission, .discharge])
        #expect(pathways[0].events.map(\.sourceOrder) == [1, 2, 3, 4, 5])
        #expect(summary.dataStart == Timestamp(iso: "2024-01-01") && summary.dataEnd == Timestamp(iso: "2024-03-03"))
    }

    /// A part with another header, one that is empty, and a bad row: each named with the
    /// part and its own line; the other parts are read.
    @Test func badPartsAreNamedAndLeftOut() throws {
        let header = "user,time,kind,actor\n"
        let (folder, files) = try parts([
            header + "a,2024-01-01,contact,p1\n",
            "user,time,kind\nb,2024-01-01,contact\n",
            "",
            header + "c,2024-01-01,contact,p1\nc,2024-01-02,visit,p1\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (pathways, summary) = try EventLogReader.parts(files, folder: folder, displayName: "p").readAll()
        #expect(pathways.map(\.user) == ["a", "c"])
        #expect(summary.skipped.map(\.file) == ["p/part-1.csv", "p/part-2.csv", "p/part-3.csv"])
        #expect(summary.skipped.map(\.line) == [1, 1, 3])
        #expect(summary.skipped[0].message.hasPrefix("the header is not the first part's (p/part-0.csv): 'user,time,kind', not 'user,time,kind,actor'"))
        #expect(summary.skipped[1].message == "the file has no header row; the part is left out")
        #expect(summary.skipped[2].message.hasPrefix("kind 'visit' is not an event kind"))
    }

    /// Bytes and lines are counted as pieces are read, the parts of a folder as one pass.
    @Test func progressCountsBytesAndLinesOfAllParts() throws {
        let header = "user,time,kind\n"
        let texts = [header + "a,2024-01-01,contact\na,2024-01-02,contact\n", header + "b,2024-01-01,contact\n"]
        let (folder, files) = try parts(texts)
        defer { try? FileManager.default.removeItem(at: folder) }
        let progress = ReadProgress()
        try ReadProgress.$current.withValue(progress) {
            _ = try EventLogReader.parts(files, folder: folder, displayName: "p").readAll()
        }
        let total = Int64(texts.map(\.utf8.count).reduce(0, +))
        #expect(progress.snapshot == ReadProgress.Snapshot(bytes: total, total: total, lines: 5, users: 0, pass: 1))
        // A file alone: its own pass.
        try ReadProgress.$current.withValue(progress) {
            _ = try EventLogReader(url: files[0].url, displayName: "x").readAll()
        }
        #expect(progress.snapshot == ReadProgress.Snapshot(bytes: Int64(texts[0].utf8.count), total: Int64(texts[0].utf8.count), lines: 3, pass: 2))
    }
}
