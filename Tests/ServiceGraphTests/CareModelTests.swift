import Foundation
import Testing
@testable import ServiceGraph

/// Hand-computed pathways: stays, transfers and chains, unmatched discharges, open stays,
/// censoring, follow-up and readmission, concurrency — each at every granularity where the
/// answer must not depend on it.
@Suite struct CareModelTests {
    typealias Row = (PathwayEvent.Kind, String, String?, String?, Level?)

    /// Case A: an acute stay, a transfer to the DPS ward the same day, home to the GP.
    static let transferToDPS: [Row] = [
        (.contact, "2024-01-10", "gp", "legekontor", .municipal),
        (.admission, "2024-02-01", nil, "ward", .hospital),
        (.contact, "2024-02-01", "doc", "ward", .hospital),
        (.discharge, "2024-02-10", nil, "ward", .hospital),
        (.admission, "2024-02-10", nil, "dps-ward", .dps),
        (.contact, "2024-02-12", "nurse", "dps-ward", .dps),
        (.discharge, "2024-02-20", nil, "dps-ward", .dps),
        (.contact, "2024-02-25", "gp", "legekontor", .municipal),
        (.contact, "2024-03-30", "gp", "legekontor", .municipal),
    ]

    @Test(arguments: Granularity.allCases)
    func aTransferJoinsTheChainAndFollowUpCountsFromTheLastDischarge(granularity: Granularity) {
        let m = pathway(Self.transferToDPS).measures(PathwayOptions(granularity: granularity, dataEnd: t("2024-03-30")))
        #expect(m.care.stays.map(\.opening) == [.admission, .transfer])
        #expect(Set(m.care.stays.map(\.chain)).count == 1)
        #expect(m.transfers == 1 && m.discharges == 1 && m.care.indexDischarges == [t("2024-02-20")])
        #expect(m.followupDays == [5.0] && m.followupMunicipalDays == [5.0])
        #expect(m.followup7d == 1 && m.followup30d == 1 && m.followupMunicipal7d == 1)
        #expect(m.readmissions30d == 0 && m.readmissionRate30d == 0)
        // Care level: 1, then 3 from the admission, 2 at the first DPS ward visit, 1 at the GP.
        #expect(m.transitions.map(\.time) == [t("2024-02-01"), t("2024-02-12"), t("2024-02-25")])
        #expect(m.transitions.map { [$0.from, $0.to] } == [[.municipal, .hospital], [.hospital, .dps], [.dps, .municipal]])
        #expect(m.transitions.map(\.newFaces) == [1, 1, 0])
        #expect(m.transitions.map(\.broken) == [0, 1, 1])
        #expect(m.transitions.map(\.carried) == [1, 0, 0])  // the GP before and after the admission
        #expect(m.transitions.map(\.bridged) == [true, false, false])
        #expect(m.upTransitions == 1 && m.downTransitions == 2 && m.censoredTransitions == 0)
        #expect(m.newFaces == 2 && m.brokenRelations == 2 && m.unbridgedTransitions == 2)
        #expect(approximately(m.discontinuityIndex, 2.0 / 3))
        #expect(m.levelSwitches == 3)  // ranks 1, 3, 2, 1, 1
        // Every service is one professional here, so two of the granularities agree.
        let c = m.continuity
        #expect(c.contacts == 5 && c.providers == 3 && c.handovers == 3)
        #expect(c.upc == 0.6 && approximately(c.coc, 0.3) && c.secon == 0.25 && approximately(c.hhi, 0.44))
        #expect(approximately(c.mmci, 0.512195))
        // legekontor 01-10…03-30 (81 days), the ward and the DPS ward a day each.
        #expect(approximately(m.concurrencyMean, 83.0 / 81) && m.concurrencyMax == 2)
    }

    @Test func theOrderInTheFileDoesNotMatter() {
        // The same events shuffled (the doc's visit now written before the admission of the same
        // instant, which changes nothing: the care level is a function of time).
        let shuffled = [8, 2, 0, 5, 1, 3, 4, 7, 6].map { Self.transferToDPS[$0] }
        let options = PathwayOptions(dataEnd: t("2024-03-30"))
        #expect(pathway(shuffled).measures(options) == pathway(Self.transferToDPS).measures(options))
    }

    @Test func aTransferAcrossServicesOnTheSameMinuteInEitherOrder() {
        let discharge: Row = (.discharge, "2024-02-10T10:00", nil, "ward", .hospital)
        let admission: Row = (.admission, "2024-02-10T10:00", nil, "dps-ward", .dps)
        for middle in [[discharge, admission], [admission, discharge]] {
            let rows: [Row] = [(.admission, "2024-02-01", nil, "ward", .hospital)] + middle
                + [(.discharge, "2024-02-20", nil, "dps-ward", .dps), (.contact, "2024-02-22", "gp", "legekontor", .municipal)]
            let m = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-06-30")))
            #expect(m.transfers == 1 && m.discharges == 1)
            #expect(m.care.indexDischarges == [t("2024-02-20")])
            #expect(m.followupDays == [2.0])
            #expect(m.care.unmatchedDischarges == 0 && m.care.openStays == 0)
        }
    }

    @Test(arguments: [("2024-02-10T23:00", true), ("2024-02-11T23:59", true), ("2024-02-12T00:00", false)])
    func aTransferIsAnAdmissionTheSameOrTheNextCalendarDay(admitted: String, isTransfer: Bool) {
        let rows: [Row] = [(.admission, "2024-02-01", nil, "ward", .hospital), (.discharge, "2024-02-10T08:00", nil, "ward", .hospital),
                           (.admission, admitted, nil, "dps-ward", .dps), (.discharge, "2024-02-25", nil, "dps-ward", .dps)]
        let m = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-06-30")))
        #expect(m.transfers == (isTransfer ? 1 : 0))
        #expect(m.care.indexDischarges == (isTransfer ? [t("2024-02-25")] : [t("2024-02-10T08:00"), t("2024-02-25")]))
        #expect(m.readmissions30d == (isTransfer ? 0 : 1))
    }

    @Test(arguments: Granularity.allCases)
    func anAdmissionWithNoDischargeStaysOpenToTheDataEnd(granularity: Granularity) {
        let rows: [Row] = [(.contact, "2024-01-05", "gp", "legekontor", .municipal),
                           (.admission, "2024-01-20", nil, "ward", .hospital),
                           (.contact, "2024-01-21", "doc", "ward", .hospital)]
        // The data end with the user's last event: the transition's window is cut short.
        let short = pathway(rows).measures(PathwayOptions(granularity: granularity, dataEnd: t("2024-01-21")))
        #expect(short.care.openStays == 1 && short.care.stays.first?.end == t("2024-01-21"))
        #expect(short.discharges == 0 && short.followup7d == nil && short.readmissionRate30d == nil)
        #expect(short.levelTransitions == 1 && short.censoredTransitions == 1)
        #expect(short.newFaces == 0 && short.brokenRelations == 0 && short.discontinuityIndex == nil)
        // With data to the end of June: uncensored, doc is a new face and the GP's relation broke.
        let long = pathway(rows).measures(PathwayOptions(granularity: granularity, dataEnd: t("2024-06-30")))
        #expect(long.care.stays.first?.end == t("2024-06-30") && long.care.stays.first?.isOpen == true)
        #expect(long.censoredTransitions == 0 && long.newFaces == 1 && long.brokenRelations == 1)
        #expect(long.discontinuityIndex == 1)
        #expect(long.continuity.providers == 2)
    }

    @Test(arguments: Granularity.allCases)
    func aDischargeWithNoAdmissionIsAStayFromTheFirstEvent(granularity: Granularity) {
        let rows: [Row] = [(.contact, "2024-03-01", "psy", "dps-clinic", .dps),
                           (.discharge, "2024-03-10", nil, "dps-ward", .dps),
                           (.contact, "2024-03-20", "gp", "legekontor", .municipal)]
        let m = pathway(rows).measures(PathwayOptions(granularity: granularity, dataEnd: t("2024-03-20")))
        #expect(m.care.unmatchedDischarges == 1)
        #expect(m.care.stays.map(\.opening) == [.unmatchedDischarge])
        #expect(m.care.stays.first?.start == t("2024-03-01") && m.care.stays.first?.end == t("2024-03-10"))
        #expect(m.discharges == 1 && m.followupDays == [10.0])
        #expect(m.followup7d == 0.0 && m.followup30d == 1.0 && m.followupMunicipal7d == 0.0)
        // Not readmitted, and only 10 days of data after it: out of the readmission rate.
        #expect(m.readmissions30d == 0 && m.readmissionRate30d == nil)
        #expect(m.transitions.map { [$0.from, $0.to] } == [[.dps, .municipal]])
        #expect(m.censoredTransitions == 1 && m.discontinuityIndex == nil)
    }

    @Test func twoAdmissionsToOneServiceOpenOneStay() {
        let rows: [Row] = [(.admission, "2024-05-01", nil, "ward", .hospital),
                           (.admission, "2024-05-03", nil, "ward", .hospital),
                           (.contact, "2024-05-04", "doc", "ward", .hospital),
                           (.discharge, "2024-05-10", nil, "ward", .hospital),
                           (.contact, "2024-05-12", "gp", "legekontor", .municipal)]
        let m = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-06-30")))
        #expect(m.care.stays.count == 1 && m.care.repeatedAdmissions == 1 && m.transfers == 0)
        #expect(m.discharges == 1 && m.followupDays == [2.0])
        #expect(m.readmissions30d == 0 && m.readmissionRate30d == 0)
        #expect(m.transitions.map(\.time) == [t("2024-05-12")])
        #expect(m.transitions.map(\.newFaces) == [1] && m.transitions.map(\.broken) == [1])
        #expect(m.discontinuityIndex == 1)
    }

    @Test func aVisitInsideAStayIsNoFollowUpAndAVisitAtAnAdmissionIsInside() {
        let rows: [Row] = [(.contact, "2024-03-20", "gp", "legekontor", .municipal),
                           (.admission, "2024-03-25", nil, "ward", .hospital),
                           (.contact, "2024-03-26", "doc", "ward", .hospital),
                           (.discharge, "2024-04-01", nil, "ward", .hospital),
                           (.admission, "2024-04-05T12:00", nil, "ward", .hospital),  // 4 days on: a readmission
                           (.contact, "2024-04-05T12:00", "gp", "legekontor", .municipal),  // at the admission: inside
                           (.discharge, "2024-04-10", nil, "ward", .hospital),
                           (.contact, "2024-04-12", "gp", "legekontor", .municipal)]
        let m = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-06-30")))
        #expect(m.care.indexDischarges == [t("2024-04-01"), t("2024-04-10")])
        #expect(m.transfers == 0)
        #expect(m.followupDays == [11.0, 2.0])
        #expect(m.followup7d == 0.5 && m.followup30d == 1.0)
        #expect(m.readmissions30d == 1 && m.readmissionRate30d == 0.5)
        // The municipal visit inside the second stay does not lower the care level.
        #expect(m.transitions.map(\.time) == [t("2024-03-25"), t("2024-04-12")])
        #expect(m.levelSwitches == 2)
    }

    @Test func aUserWithOnlyAdmissions() {
        let rows: [Row] = [(.admission, "2024-01-10", nil, "ward", .hospital),
                           (.admission, "2024-02-01", nil, "dps-ward", .dps)]
        let m = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-02-01")))
        #expect(m.care.openStays == 2 && m.transfers == 1)
        #expect(m.continuity.contacts == 0 && m.continuity.upc == nil && m.levelSwitches == nil)
        #expect(m.levelTransitions == 0 && m.discontinuityIndex == nil)  // in care, at one level
        #expect(m.discharges == 0 && m.followup7d == nil && m.readmissionRate30d == nil)
        #expect(m.concurrencyMean == nil && m.concurrencyMax == nil)
    }

    @Test(arguments: Granularity.allCases)
    func concurrencyAndTheEpisodeGap(granularity: Granularity) {
        let rows: [Row] = [(.contact, "2024-01-01", "pn1", "mh", .municipal), (.contact, "2024-01-08", "pn2", "mh", .municipal),
                           (.contact, "2024-01-15", "gp", "legekontor", .municipal),
                           (.contact, "2024-01-16", "psy", "dps-clinic", .dps), (.contact, "2024-01-22", "nav1", "nav", .state),
                           (.contact, "2024-02-01", "pn1", "mh", .municipal)]
        let m = pathway(rows).measures(PathwayOptions(granularity: granularity, dataEnd: t("2024-12-31")))
        let expected: [Granularity: (providers: Int, handovers: Int, upc: Double, coc: Double, secon: Double)] = [
            .professional: (5, 5, 2.0 / 6, 2.0 / 30, 0), .service: (4, 4, 0.5, 0.2, 0.2), .level: (3, 3, 4.0 / 6, 0.4, 0.4),
        ]
        let e = expected[granularity]!
        #expect(m.continuity.providers == e.providers && m.continuity.handovers == e.handovers)
        #expect(approximately(m.continuity.upc, e.upc) && approximately(m.continuity.coc, e.coc))
        #expect(approximately(m.continuity.secon, e.secon))
        #expect(m.levelSwitches == 2)
        // Up at the DPS visit (the GP and pn2 last seen; pn1 carried across), down at NAV (state is rank 1).
        #expect(m.transitions.map(\.time) == [t("2024-01-16"), t("2024-01-22")])
        #expect(m.transitions.map(\.newFaces) == [1, 1] && m.transitions.map(\.broken) == [2, 1])
        #expect(m.transitions.map(\.carried) == [1, 1] && m.discontinuityIndex == 0)
        // mh 01-01…02-01 (32 days) with the three others a day each.
        #expect(m.concurrencyMean == 35.0 / 32 && m.concurrencyMax == 2)
        // With G = 5 days every visit is an episode of its own; the transitions stay.
        var shortGap = PathwayOptions(granularity: granularity, dataEnd: t("2024-12-31"))
        shortGap.episodeGapDays = 5
        let split = pathway(rows).measures(shortGap)
        #expect(split.concurrencyMean == 6.0 / 32 && split.concurrencyMax == 1)
        #expect(split.care.episodes.filter { $0.rank == 1 }.count == 5)
        #expect(split.transitions.map(\.time) == [t("2024-01-16"), t("2024-01-22")])
    }

    @Test func followUpAndReadmissionAreCensoredByHorizon() {
        let rows: [Row] = [(.admission, "2024-02-20", nil, "ward", .hospital), (.discharge, "2024-03-01", nil, "ward", .hospital)]
        let early = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-03-05")))  // 4 days of data
        #expect(early.discharges == 1 && early.followupDays == [nil] && early.censoredDischarges == 1)
        #expect(early.followup7d == nil && early.followup30d == nil && early.readmissionRate30d == nil)
        let middle = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-03-20")))  // 19 days
        #expect(middle.censoredDischarges == 0 && middle.followup7d == 0 && middle.followup30d == nil)
        #expect(middle.readmissionRate30d == nil)
        let late = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-04-15")))
        #expect(late.followup7d == 0 && late.followup30d == 0 && late.readmissionRate30d == 0)
    }

    @Test func aReadmissionAndTheRateLeaveOutWhatCannotBeSeen() {
        let rows: [Row] = [(.admission, "2024-01-01", nil, "ward", .hospital), (.discharge, "2024-01-10", nil, "ward", .hospital),
                           (.admission, "2024-01-25", nil, "ward", .hospital), (.discharge, "2024-02-05", nil, "ward", .hospital),
                           (.contact, "2024-02-06", "gp", "legekontor", .municipal)]
        let m = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-02-06")))
        #expect(m.discharges == 2 && m.transfers == 0)
        #expect(m.readmissions30d == 1 && m.readmissionRate30d == 1.0)  // the second: 1 day of data, not readmitted
        #expect(m.followupDays == [27.0, 1.0] && m.followup7d == 0.5 && m.followup30d == 1.0)
        #expect(m.levelTransitions == 1 && m.censoredTransitions == 1)
    }

    @Test func aNAVContactIsNoFollowUpAndMunicipalFollowUpIsItsOwn() {
        let rows: [Row] = [(.admission, "2024-03-01", nil, "ward", .hospital), (.discharge, "2024-03-10", nil, "ward", .hospital),
                           (.contact, "2024-03-12", "nav1", "nav", .state), (.contact, "2024-03-14", "psy", "dps-clinic", .dps),
                           (.contact, "2024-03-25", "gp", "legekontor", .municipal)]
        let m = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-03-25")))
        #expect(m.followupDays == [4.0] && m.followupMunicipalDays == [15.0])
        #expect(m.followup7d == 1 && m.followupMunicipal7d == 0 && m.followup30d == 1)
        // NAV is rank 1: the care level falls to it on 03-12, rises at the DPS visit, falls at the GP.
        #expect(m.transitions.map { [$0.from, $0.to] } == [[.hospital, .municipal], [.municipal, .dps], [.dps, .municipal]])
        #expect(m.censoredTransitions == 3)
    }

    @Test func aVisitTheDayOfDischargeIsNoFollowUp() {
        let rows: [Row] = [(.admission, "2024-03-10", nil, "ward", .hospital), (.discharge, "2024-03-15T10:00", nil, "ward", .hospital),
                           (.contact, "2024-03-15T16:00", "gp", "legekontor", .municipal),
                           (.contact, "2024-03-17", "gp", "legekontor", .municipal)]
        let m = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-06-30")))
        #expect(approximately(m.followupDays.first ?? nil, 1 + 14.0 / 24))
    }

    @Test func stayEventsWithoutALevelAreCounted() {
        let rows: [Row] = [(.admission, "2024-03-10", nil, "ward", nil), (.discharge, "2024-03-15", nil, "ward", nil),
                           (.admission, "2024-03-16", nil, "kad", .municipal)]  // a municipal bed: no stay
        let m = pathway(rows).measures()
        #expect(m.care.stays.isEmpty && m.care.stayEventsOfUnknownLevel == 2 && m.care.unmatchedDischarges == 0)
        #expect(m.levelTransitions == nil)
    }

    @Test func theCareLevelIsTheHighestOpen() {
        let care = pathway([(.contact, "2024-01-01", "gp", "s", .municipal), (.contact, "2024-03-01", "gp", "s", .municipal),
                            (.admission, "2024-02-01", nil, "w", .hospital), (.discharge, "2024-02-05", nil, "w", .hospital)])
            .measures().care
        #expect(care.careRank(at: t("2023-12-31")) == nil)
        #expect(care.careRank(at: t("2024-01-15")) == 1)
        #expect(care.careRank(at: t("2024-02-05")) == 3)  // closed intervals: the discharge instant is inside
        #expect(care.careRank(at: t("2024-02-05T00:01")) == 1)
        #expect(care.careRank(at: t("2024-03-02")) == nil)
    }

    @Test func brokenRelationsAreFoundAtTheirLastVisit() {
        let rows = Self.transferToDPS
        let p = pathway(rows)
        let m = p.measures(PathwayOptions(dataEnd: t("2024-03-30")))
        // doc (visit 1) breaks at 02-12, the DPS nurse (visit 2) at 02-25.
        #expect(m.brokenRelationVisits(p.visits(), windowDays: 30) == [1: false, 2: false])
        let cut = p.measures(PathwayOptions(dataEnd: t("2024-03-01")))  // 02-12 and 02-25 now censored
        #expect(cut.brokenRelationVisits(p.visits(), windowDays: 30) == [1: true, 2: true])
    }
}
