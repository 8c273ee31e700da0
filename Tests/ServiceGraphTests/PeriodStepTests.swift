import Testing
@testable import ServiceGraph

/// `--by`: the calendar periods, their labels and their ends, worked out by hand.
@Suite struct PeriodStepTests {
    private func t(_ text: String) -> Timestamp { Timestamp(iso: text)! }

    @Test func quartersAcrossAYearEnd() {
        let periods = PeriodStep.quarter.periods(first: t("2023-11-15"), last: t("2024-02-01T10:00"))
        #expect(periods.map(\.label) == ["2023Q4", "2024Q1"])
        #expect(periods[0].period.from == t("2023-10-01") && periods[0].period.end == t("2024-01-01"))
        #expect(periods[1].period.from == t("2024-01-01") && periods[1].period.end == t("2024-04-01"))
        // Both ends inclusive as --from/--to are: the last instant of 2023 is in Q4, midnight in Q1.
        #expect(periods[0].period.contains(t("2023-12-31T23:59:59")) && !periods[0].period.contains(t("2024-01-01")))
        // Censored where each period ends; the last where the data end, as metrics without --to is.
        #expect(periods[0].dataEnd == t("2023-12-31T23:59:59") && periods[1].dataEnd == t("2024-02-01T10:00"))
    }

    @Test func monthsAndYearsAreLabelledAsISOWritesThem() {
        #expect(PeriodStep.month.periods(first: t("2024-09-30"), last: t("2024-12-01")).map(\.label)
                == ["2024-09", "2024-10", "2024-11", "2024-12"])
        #expect(PeriodStep.year.periods(first: t("2023-06-01"), last: t("2024-01-01")).map(\.label) == ["2023", "2024"])
        let february = PeriodStep.month.periods(first: t("2024-02-10"), last: t("2024-02-10"))
        #expect(february.count == 1 && february[0].period.end == t("2024-03-01"))  // 2024 is a leap year: 29 days
    }

    /// `--from`/`--to` set the span and cut the first and the last period.
    @Test func fromAndToCutThePeriods() {
        let within = Period(from: "2024-02-15", to: "2024-05-31")!
        let periods = PeriodStep.quarter.periods(first: t("2023-01-01"), last: t("2025-01-01"), within: within)
        #expect(periods.map(\.label) == ["2024Q1", "2024Q2"])
        #expect(periods[0].period == Period(from: "2024-02-15", to: "2024-03-31")!)
        #expect(periods[1].period == Period(from: "2024-04-01", to: "2024-05-31")!)
        #expect(periods[1].dataEnd == t("2024-05-31T23:59:59"))  // --to is the data end, as without --by
        // A span the user asked for is covered whole, dates or none.
        #expect(PeriodStep.year.periods(first: nil, last: nil, within: Period(from: "2022-03-01", to: "2024-01-31")!).map(\.label)
                == ["2022", "2023", "2024"])
    }

    @Test func nothingToCover() {
        #expect(PeriodStep.month.periods(first: nil, last: nil).isEmpty)
        #expect(PeriodStep.month.periods(first: t("2024-05-01"), last: t("2024-06-01"), within: Period(from: nil, to: "2024-04-01")!).isEmpty)
    }

    @Test func aGraphsDateRangeIsOverEveryDatedEdge() {
        let graph = Sketch.graph([Node(id: "a"), Node(id: "b")], [
            Edge(source: "a", target: "b", attributes: ["dates": "2024-03-02 2023-12-24"]),
            Edge(source: "a", target: "b", attributes: ["date": "2024-07-01T08:00"]),
            Edge(source: "b", target: "a"),
        ])
        #expect(graph.dateRange()?.first == t("2023-12-24") && graph.dateRange()?.last == t("2024-07-01T08:00"))
        #expect(Sketch.graph([Node(id: "a")]).dateRange() == nil)
    }

    /// With a period, a service node counts among the services the user met only when a contact
    /// with it is dated inside the period, as a helper does.
    @Test func servicesMetAreCountedInThePeriodOnly() throws {
        let graph = Sketch.graph([
            Node(id: "u", attributes: ["kind": "user"]), Node(id: "gp", attributes: ["kind": "professional", "service": "fl"]),
            Node(id: "nav", attributes: ["kind": "service"]),
        ], [
            Edge(source: "u", target: "gp", attributes: ["kind": "contact", "date": "2024-01-05"]),
            Edge(source: "u", target: "nav", attributes: ["kind": "contact", "date": "2024-06-05"]),
        ])
        let january = try #require(try graph.helperNetworkMeasures(period: Period(from: "2024-01-01", to: "2024-01-31")!).first)
        let june = try #require(try graph.helperNetworkMeasures(period: Period(from: "2024-06-01", to: "2024-06-30")!).first)
        let all = try #require(try graph.helperNetworkMeasures().first)
        #expect(january.services == 1)  // fl, through the GP; not NAV, met in June
        #expect(june.services == 1 && june.helpers == 0)  // NAV
        #expect(all.services == 2)
    }
}
