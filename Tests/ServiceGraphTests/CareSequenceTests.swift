import Foundation
import Testing
@testable import ServiceGraph

/// A pathway of `user` written as events in source order: `(kind, time, actor, service, level)`.
private func pathway(_ user: NodeID, _ rows: [(PathwayEvent.Kind, String, String?, String?, Level?)]) -> Pathway {
    Pathway(user: user, events: rows.enumerated().map { index, row in
        PathwayEvent(user: user, time: t(row.1), kind: row.0, actor: row.2, service: row.3, level: row.4, sourceOrder: index)
    })
}

/// The states of `pathway`, or nil when it has no sequence.
private func states(_ pathway: Pathway, _ step: SequenceStep = .week, _ alignment: SequenceAlignment = .first,
                    dataEnd: String, origin: Int? = nil, period: Period = Period()) -> [CareState]? {
    let settings = SequenceSettings(step: step, alignment: alignment, period: period)
    return try? pathway.careSequence(settings, dataEnd: t(dataEnd), calendarOrigin: origin).get().states
}

@Suite struct CareSequenceTests {
    /// The worked example of docs/sequences.md: a, gp 2024-01-01 and 01-10, a DPS stay 01-17…01-19;
    /// b, a nurse 01-22 and a referral 01-31 (the data end).
    private let a = pathway("a", [(.contact, "2024-01-01", "gp", "legekontor", .municipal),
                                  (.contact, "2024-01-10", "gp", "legekontor", .municipal),
                                  (.admission, "2024-01-17", nil, "dps_ward", .dps),
                                  (.discharge, "2024-01-19", nil, "dps_ward", .dps)])
    private let b = pathway("b", [(.contact, "2024-01-22", "nurse", "mh_service", .municipal),
                                  (.referral, "2024-01-31", "nurse", "dps_clinic", .municipal)])

    private func example(_ step: SequenceStep = .week, _ alignment: SequenceAlignment = .first,
                         _ alphabet: CareStates = .levels) -> CareSequences {
        let settings = SequenceSettings(step: step, alignment: alignment)
        let origin = settings.calendarOrigin(first: t("2024-01-01"))
        let sequences = [a, b].compactMap { try? $0.careSequence(settings, dataEnd: t("2024-01-31"), calendarOrigin: origin).get() }
        return CareSequences(settings: settings, states: alphabet, sequences: sequences)
    }

    @Test func theWorkedExampleWeekByWeekFromTheFirstEvent() {
        // a: weeks of 01-01, 01-08 (the episode 01-01…01-10), 01-15 (the stay), 01-22, 01-29 (holds the data end).
        #expect(states(a, dataEnd: "2024-01-31") == [.municipal, .municipal, .dpsInpatient, .none, .none])
        #expect(states(b, dataEnd: "2024-01-31") == [.municipal, .none])
        #expect(example().sts() == """
            id,w1,w2,w3,w4,w5\r
            a,municipal,municipal,dps,none,none\r
            b,municipal,none,NA,NA,NA\r

            """)
        #expect(example().spell() == """
            id,begin,end,status,begin_date,end_date\r
            a,1,2,municipal,2024-01-01,2024-01-14\r
            a,3,3,dps,2024-01-15,2024-01-21\r
            a,4,5,none,2024-01-22,2024-02-04\r
            b,1,1,municipal,2024-01-22,2024-01-28\r
            b,2,2,none,2024-01-29,2024-02-04\r

            """)
        #expect(example(.week, .first, .inpatient).sts().contains("a,municipal,municipal,dps_inpatient,none,none"))
    }

    @Test func onTheCalendarAUserIsMissingBeforeTheirFirstEvent() {
        let sequences = example(.week, .calendar)
        #expect(sequences.sequences.map(\.firstStep) == [0, 3])
        #expect(sequences.sts() == """
            id,2024-01-01,2024-01-08,2024-01-15,2024-01-22,2024-01-29\r
            a,municipal,municipal,dps,none,none\r
            b,NA,NA,NA,municipal,none\r

            """)
        #expect(sequences.spell().contains("b,4,4,municipal,2024-01-22,2024-01-28\r\nb,5,5,none,2024-01-29,2024-02-04"))
        // A Wednesday start gives weeks from its Monday; months from the first.
        #expect(SequenceSettings(step: .week).calendarOrigin(first: t("2024-01-03")) == t("2024-01-01").dayNumber)
        #expect(SequenceSettings(step: .week).calendarOrigin(first: t("2024-01-07T23:00")) == t("2024-01-01").dayNumber)
        #expect(SequenceSettings(step: .month).calendarOrigin(first: t("2024-02-17")) == t("2024-02-01").dayNumber)
        #expect(example(.month, .calendar).sts() == "id,2024-01\r\na,dps\r\nb,municipal\r\n")
    }

    @Test func fromTheDischargeStepOneIsTheDayAfter() {
        // a's index discharge is 01-19: weeks from 01-20 and 01-27 (holding the data end); b has none.
        #expect(states(a, .week, .discharge, dataEnd: "2024-01-31") == [.none, .none])
        let b = self.b.careSequence(SequenceSettings(alignment: .discharge), dataEnd: t("2024-01-31"))
        #expect(b == .failure(.noIndexDischarge))
        #expect(example(.week, .discharge).sts() == "id,w1,w2\r\na,none,none\r\n")
        // Discharged on the data's last day: nothing observed after it.
        let last = a.careSequence(SequenceSettings(alignment: .discharge), dataEnd: t("2024-01-19T12:00"))
        #expect(last == .failure(.nothingObserved))
    }

    @Test func eachStep() {
        let days = states(a, .day, dataEnd: "2024-01-31")
        let expected = Array(repeating: CareState.municipal, count: 10) + Array(repeating: .none, count: 6)
            + Array(repeating: .dpsInpatient, count: 3) + Array(repeating: .none, count: 12)
        #expect(days == expected)
        #expect(states(a, .month, dataEnd: "2024-01-31") == [.dpsInpatient])
        #expect(states(a, .month, dataEnd: "2024-03-01") == [.dpsInpatient, .none, .none])  // 01-01, 02-01, 03-01
        // The highest in a step: a week is the highest of its days, a month of its weeks.
        let weeks = states(a, .week, dataEnd: "2024-01-31") ?? []
        for (index, week) in weeks.enumerated() {
            #expect(week == days?[(index * 7)..<min(index * 7 + 7, 31)].max())
        }
    }

    @Test func monthsFromTheThirtyFirstEndOnAShorterMonthsLastDay() {
        let settings = SequenceSettings(step: .month)
        let origin = t("2024-01-31").dayNumber
        #expect((0...3).map { settings.start(ofStep: $0, origin: origin).dateString } == ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"])
        #expect(settings.step(holding: t("2024-02-28T23:59"), origin: origin) == 0)
        #expect(settings.step(holding: t("2024-02-29"), origin: origin) == 1)
        #expect(settings.step(holding: t("2024-12-31"), origin: origin) == 11)
        #expect(SequenceSettings(step: .week).step(holding: t("2023-12-31"), origin: t("2024-01-01").dayNumber) == -1)
    }

    /// A nurse (municipal) every Monday 01-01…03-25, a psychologist (DPS outpatient) 02-05 and
    /// 02-19: concurrent care is DPS for the weeks the DPS episode is open, one state per step.
    @Test func concurrentCareIsTheHigherLevel() {
        var rows: [(PathwayEvent.Kind, String, String?, String?, Level?)] = (0..<13).map { week in
            (.contact, t("2024-01-01").adding(days: Double(7 * week)).dateString, "nurse", "mh_service", .municipal)
        }
        rows += [(.contact, "2024-02-05", "psy", "dps_clinic", .dps), (.contact, "2024-02-19", "psy", "dps_clinic", .dps)]
        let weeks = states(pathway("c", rows), dataEnd: "2024-03-31")
        #expect(weeks == Array(repeating: .municipal, count: 5) + Array(repeating: .dpsOutpatient, count: 3)
            + Array(repeating: .municipal, count: 5))
    }

    @Test func aStayAboveAnEpisodeAndRankAboveInpatient() {
        // A DPS stay with a hospital outpatient visit in its week: hospital (rank first).
        let p = pathway("d", [(.contact, "2024-03-04", "gp", "legekontor", .municipal),
                              (.admission, "2024-03-04", nil, "dps_ward", .dps),
                              (.contact, "2024-03-05", "doc", "ed", .hospital),
                              (.discharge, "2024-03-06", nil, "dps_ward", .dps),
                              (.contact, "2024-03-12", "psy", "dps_clinic", .dps)])
        #expect(states(p, dataEnd: "2024-03-18") == [.hospitalOutpatient, .dpsOutpatient, .none])
        #expect(states(p, .day, dataEnd: "2024-03-07") == [.dpsInpatient, .hospitalOutpatient, .dpsInpatient, .none])
        #expect(CareStates.levels.code(of: .hospitalOutpatient) == 3 && CareStates.levels.code(of: .dpsInpatient) == 2)
    }

    @Test func anOpenStayLastsToTheDataEndAndAnUnmatchedDischargeFromTheFirstEvent() {
        let open = pathway("e", [(.admission, "2024-05-10T14:00", nil, "ward", .hospital)])
        #expect(states(open, .day, dataEnd: "2024-05-20") == Array(repeating: .hospitalInpatient, count: 11))
        let unmatched = pathway("f", [(.contact, "2024-02-01", "gp", "legekontor", .municipal),
                                      (.discharge, "2024-02-10", nil, "dps_ward", .dps),
                                      (.contact, "2024-02-20", "gp", "legekontor", .municipal)])
        let days = states(unmatched, .day, dataEnd: "2024-02-20") ?? []
        #expect(days.prefix(10).allSatisfy { $0 == .dpsInpatient } && days.dropFirst(10).allSatisfy { $0 == .municipal })
        #expect(days.count == 20)
    }

    @Test func censoredStepsAreMissingAndNoCareIsNone() throws {
        // Only a referral: observed, in no care; the second user is censored after 3 of 5 steps.
        let referral = pathway("g", [(.referral, "2024-01-01", "gp", "dps_clinic", .municipal)])
        #expect(states(referral, dataEnd: "2024-01-29") == Array(repeating: .none, count: 5))
        let settings = SequenceSettings()
        let sequences = CareSequences(settings: settings, sequences: [
            try referral.careSequence(settings, dataEnd: t("2024-01-29")).get(),
            try pathway("h", [(.contact, "2024-01-15", "gp", "legekontor", .municipal)]).careSequence(settings, dataEnd: t("2024-01-29")).get(),
        ])
        #expect(sequences.sts(missing: "") == "id,w1,w2,w3,w4,w5\r\ng,none,none,none,none,none\r\nh,municipal,none,none,,\r\n")
        let distribution = sequences.distribution()
        #expect(distribution.atRisk == [2, 2, 2, 1, 1])
        #expect(distribution.share(step: 0, code: 1) == 0.5 && distribution.share(step: 3, code: 0) == 1)
    }

    @Test func degenerateCases() {
        let settings = SequenceSettings()
        #expect(Pathway(user: "x", events: []).careSequence(settings, dataEnd: t("2024-01-01")) == .failure(.noEvents))
        let empty = CareSequences(settings: settings)
        #expect(empty.length == 0 && empty.sts() == "id\r\n" && empty.spell() == "id,begin,end,status,begin_date,end_date\r\n")
        #expect(empty.distribution().atRisk.isEmpty)
        // One user, one event at the data end: one step.
        let one = pathway("i", [(.contact, "2024-01-01", "gp", "legekontor", .municipal)])
        #expect(states(one, dataEnd: "2024-01-01") == [.municipal])
        // --from drops what comes before: the stay begun before it is an unmatched discharge, from
        // the first event inside the period (the discharge itself) to it.
        let period = Period(from: t("2024-01-18"))
        #expect(states(a, .week, .first, dataEnd: "2024-01-31", period: period) == [.dpsInpatient, .none])
    }

    /// An id that a spreadsheet would run as a formula is written guarded, as every CSV of the tool.
    @Test func idsAreWrittenAsRFC4180() throws {
        let settings = SequenceSettings()
        let odd = pathway("=1+1, \"x\"", [(.contact, "2024-01-01", "gp", "legekontor", .municipal)])
        let sequences = CareSequences(settings: settings, sequences: [try odd.careSequence(settings, dataEnd: t("2024-01-01")).get()])
        #expect(sequences.sts() == "id,w1\r\n\"'=1+1, \"\"x\"\"\",municipal\r\n")
    }
}
