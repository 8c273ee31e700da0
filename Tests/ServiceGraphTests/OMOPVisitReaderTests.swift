import Foundation
import Testing
import TestSupport
@testable import ServiceGraph

/// The OMOP CDM `visit_occurrence` reader (docs/formats.md). `Fixtures/omop/visit_occurrence.csv`
/// is written by hand from the CDM v5.4 table definition
/// (https://ohdsi.github.io/CommonDataModel/cdm54.html#visit_occurrence): every column in the
/// CDM's order, datetimes as `YYYY-MM-DD HH:MM:SS`, 9202 Outpatient Visit, 9201 Inpatient Visit,
/// 9203 Emergency Room Visit, 262 Emergency Room and Inpatient Visit, 32817 EHR as the visit type.
/// Row 5 (visit 5) ends before it starts; care site 99 is not in the care-site file; visit 7 is
/// an Emergency Room and Inpatient Visit (262) that is read, an admission and a discharge.
@Suite struct OMOPVisitReaderTests {
    private var table: URL { Fixtures.url("omop/visit_occurrence.csv") }

    private func levels() throws -> [String: Level] {
        try EventLogSource.careSiteLevels(text: Fixtures.text("omop/care_sites.csv"), file: "care_sites.csv")
    }

    @Test func readsVisitsAsContactsAndStays() throws {
        #expect(EventLogReader.isEventLog(table))
        let reader = EventLogReader(url: table, displayName: "visit_occurrence.csv", source: EventLogSource(careSiteLevels: try levels()))
        let (pathways, summary) = try reader.readAll()
        #expect(pathways.map(\.user) == ["1001", "1002"] && summary.rows == 7 && summary.users == 2)
        let first = pathways[0].events
        #expect(first.map(\.kind) == [.contact, .admission, .discharge, .contact])
        #expect(first[0].actor == "provider:501" && first[0].service == "care_site:11" && first[0].level == .municipal)
        #expect(first[1].time.description == "2024-01-10T14:00" && first[2].time.description == "2024-01-20T11:00")
        #expect(first[1].level == .hospital && first[1].actor == nil && first[3].level == .dps)
        let second = pathways[1].events
        #expect(second.map(\.kind) == [.contact, .contact, .admission, .discharge])
        #expect(second[0].level == nil && second[1].time.description == "2024-02-10")
        // 262, Emergency Room and Inpatient Visit: a stay, as 9201 is.
        #expect(second[2].time.description == "2024-03-01T03:00" && second[3].time.description == "2024-03-04T12:00")
        #expect(second[2...].allSatisfy { $0.actor == "provider:504" && $0.service == "care_site:31" && $0.level == .hospital })
        // The visit that ends before it starts: its line, the rest read.
        #expect(summary.skipped == [Diagnostic(file: "visit_occurrence.csv", line: 6,
                                               message: "visit 5: the visit ends (2024-02-01T23:30) before it starts (2024-02-02T01:00): not read")])
        // The unmapped care site, in the quality section.
        #expect(summary.visitsOfUnknownLevel == 1 && summary.unknownLevelRows == ["row 5 (care site 99 not in the care-site file)"])
        #expect(DataQuality(eventLog: summary).visitsOfUnknownLevel == 1)
        #expect(summary.unknownLevelStayRows.isEmpty)
    }

    /// A stay at a care site not in the file is named by its row in the quality examples, not
    /// only by its user.
    @Test func aStayAtAnUnmappedSiteIsNamedByItsRow() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("visits.csv")
        try Data("person_id,visit_concept_id,visit_start_date,visit_end_date,care_site_id\n7,9202,2024-05-01,,11\n7,9201,2024-05-02,2024-05-04,98\n8,262,2024-05-03,2024-05-05,\n".utf8)
            .write(to: url)
        let (pathways, summary) = try EventLogReader(url: url, displayName: "visits.csv", source: EventLogSource(careSiteLevels: try levels())).readAll()
        #expect(summary.unknownLevelStayRows == ["row 3 (care site 98 not in the care-site file)", "row 4 (no care_site_id)"])
        var quality = DataQuality(eventLog: summary)
        quality.addStays(of: pathways.map { $0.measures() })
        #expect(quality.stayEventsOfUnknownLevel == 4)
        #expect(quality.examples["stay_events_of_unknown_level"] == summary.unknownLevelStayRows)
    }

    @Test func readsATabSeparatedTableWithDatesAlone() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("visits.csv")
        try Data("person_id\tvisit_concept_id\tvisit_start_date\tvisit_end_date\tcare_site_id\n7\t9201\t2024-05-01\t2024-05-04\t31\n7\t9202\t2024-05-10\t\t11\n".utf8).write(to: url)
        let (pathways, summary) = try EventLogReader(url: url, displayName: "visits.csv", source: EventLogSource(careSiteLevels: try levels())).readAll()
        #expect(summary.skipped.isEmpty)
        #expect(pathways.first?.events.map(\.kind) == [.admission, .discharge, .contact])
        #expect(pathways.first?.events.map(\.time.description) == ["2024-05-01", "2024-05-04", "2024-05-10"])
    }

    @Test func aBadCareSiteRowIsNamedByItsLine() {
        #expect(throws: Diagnostic(file: "sites.csv", line: 3, message: "unknown level 'ward' (civil, municipal, state, dps or hospital)")) {
            try EventLogSource.careSiteLevels(text: "care_site_id,level\n1,dps\n2,ward\n", file: "sites.csv")
        }
        #expect(throws: Diagnostic(file: "sites.csv", line: 1, message: "the header must be care_site_id,level")) {
            try EventLogSource.careSiteLevels(text: "site,level\n1,dps\n", file: "sites.csv")
        }
    }
}
