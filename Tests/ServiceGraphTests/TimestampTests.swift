import Testing
@testable import ServiceGraph

@Suite struct TimestampTests {
    @Test func dateAloneIsMidnight() throws {
        let date = try #require(Timestamp(iso: "2024-03-01"))
        #expect(date.secondsSinceEpoch == 1_709_251_200)
        #expect(date.description == "2024-03-01")
    }

    @Test func dateWithTime() throws {
        let time = try #require(Timestamp(iso: "2024-03-01T14:30"))
        #expect(time.description == "2024-03-01T14:30")
        #expect(Timestamp(iso: "2024-03-01 14:30") == time)
        #expect(try #require(Timestamp(iso: "2024-03-01T14:30:15")).description == "2024-03-01T14:30:15")
    }

    @Test(arguments: ["", "2024", "2024-3-1", "2024/03/01", "2024-02-30", "2023-02-29", "2024-13-01",
                      "2024-00-10", "2024-03-01T24:00", "2024-03-01T12:60", "2024-03-01T12", "01-03-2024",
                      "2024-03-01Z", "２０２４-03-01"])
    func rejects(_ text: String) {
        #expect(Timestamp(iso: text) == nil)
    }

    @Test func leapDay() {
        #expect(Timestamp(iso: "2024-02-29") != nil)
        #expect(Timestamp(iso: "2000-02-29") != nil)
        #expect(Timestamp(iso: "1900-02-29") == nil)
    }

    @Test func daysBetweenAreExactAndFractional() throws {
        let a = try #require(Timestamp(iso: "2024-01-01"))
        let b = try #require(Timestamp(iso: "2024-03-20"))
        #expect(a.days(to: b) == 79)  // 2024 is a leap year: 31 + 29 + 19
        let c = try #require(Timestamp(iso: "2024-03-20T12:00"))
        #expect(b.days(to: c) == 0.5)
        #expect(c.dayNumber == b.dayNumber)
    }

    @Test func datesBeforeTheEpoch() throws {
        let date = try #require(Timestamp(iso: "1969-12-31T23:00"))
        #expect(date.secondsSinceEpoch == -3600)
        #expect(date.description == "1969-12-31T23:00")
        #expect(date.dateString == "1969-12-31")
    }

    @Test func edgeDatesSplitOnSpacesAndCommas() {
        let edge = Edge(source: "u", target: "p",
                        attributes: ["date": "2024-01-02", "dates": "2024-01-05, 2024-01-09 2024-02-01T10:00"])
        #expect(edge.dateStrings == ["2024-01-02", "2024-01-05", "2024-01-09", "2024-02-01T10:00"])
        #expect(edge.timestamps.map(\.description) == ["2024-01-02", "2024-01-05", "2024-01-09", "2024-02-01T10:00"])
        #expect(edge.dateCount == 4)
    }

    /// `dateCount`, which counts without making strings, agrees with `dateStrings`, separators
    /// leading, trailing and doubled, CR LF, an empty `date` among them.
    @Test(arguments: [
        ["date": "2024-01-02"], ["date": ""], ["dates": ""], ["dates": " , \r\n"], ["dates": "2024-01-05"],
        ["dates": ",2024-01-05,,2024-01-09\r\n2024-02-01 "], ["date": "", "dates": "\t2024-01-05\t"],
        ["date": "2024-01-02", "dates": "2024-01-05 2024-01-09"], [:],
    ])
    func dateCountAgreesWithTheDates(_ attributes: [String: String]) {
        let edge = Edge(source: "u", target: "p", attributes: attributes)
        #expect(edge.dateCount == edge.dateStrings.count)
    }
}

/// The event-log reader trims every field; the fast path must agree with Foundation's
/// `.whitespaces` on what it trims.
@Suite struct WhitespaceTrimmingTests {
    @Test(arguments: ["x", " x", "x ", "\tx\t", "  a b  ", "", "   ", "\u{00A0}x", "x\u{00A0}", " \u{00A0}x\u{2003} ",
                      "ø", " ø ", "\u{00A0}", "a\nb", " \n ", "\u{3000}Oslo\u{3000}"])
    func agreesWithFoundation(_ text: String) {
        #expect(text.trimmedOfWhitespace == text.trimmingCharacters(in: .whitespaces))
    }
}
