import Foundation
@testable import FuzzTargets
import ServiceGraph
import Testing

/// The event-log target's parts property (`FuzzTarget.partsAgree`) on logs made by hand: each cut
/// in the middle of its rows (in the middle of a user here), read as two parts, must read as the
/// whole — bad rows at the same lines, across CRLF, CR-only and LF line ends, blank lines, a log
/// not sorted by user, a byte-order mark.
@Suite struct EventLogPartsPropertyTests {
    static let rows = [
        "u1,2024-03-01,contact,p1,s1,dps", "u1,2024-03-01,contact,p2,s1,dps", "u1,2024-03-03,admission,,s1,dps", "",
        "u1,2024-03-03,discharge,,s1,dps", "u1,2024-13-03,contact,p1,s1,dps", "u2,2024-01-01,visit,p1,s1,municipal",
        "u2,2024-01-02,contact,p1,s1,municipal", "u0,2024-01-05,contact,p4,s2,hospital",
    ]

    @Test(arguments: ["\r\n", "\n", "\r"], [false, true])
    func partsReadAsTheWhole(lineEnd: String, bom: Bool) throws {
        let text = (["user,time,kind,actor,service,level"] + Self.rows).joined(separator: lineEnd) + lineEnd
        let data = Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8))
        // The property is not vacuous here: the whole reads, with its two bad rows.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("samhandling-parts-\(UUID().uuidString).csv")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = try EventLogReader(url: url, displayName: "whole").readAll()
        #expect(whole.summary.skipped.map(\.line) == [7, 8] && !whole.summary.sortedByUser)
        // CR-only line ends are no cut point (the cut is after a line feed): nothing to compare.
        #expect(FuzzTarget.partsAgree(data) == nil)
    }
}
