import CSV
import Foundation
import Testing
@testable import ServiceGraph

/// CSV is written by the project (see `CSVText`) and read by CSV.swift: what one writes, the
/// other must read back field for field.
@Suite struct CSVTextTests {
    @Test func quotesOnlyWhatNeedsIt() {
        let text = CSVText.write([["id", "label"], ["a", "plain"], ["b", "x, y"], ["c", #"say "hi""#], ["d", "two\nlines"],
                                  ["e", "cr\rlf"], ["f", ""], ["g", " spaced "]])
        #expect(text == "id,label\r\na,plain\r\nb,\"x, y\"\r\nc,\"say \"\"hi\"\"\"\r\nd,\"two\nlines\"\r\n"
                + "e,\"cr\rlf\"\r\nf,\r\ng, spaced \r\n")
    }

    @Test(arguments: [
        [["a", "b"]], [["", ""]], [["æøå", "Ålesund, Molde"]], [["\"", "\"\""]], [["x\r\ny", "z"]], [["🙂", "tab\there"]],
    ])
    func csvSwiftReadsBackWhatIsWritten(_ rows: [[String]]) throws {
        let header = ["first", "second"]
        let reader = try CSVReader(string: CSVText.write([header] + rows), hasHeaderRow: true)
        var back: [[String]] = []
        while let row = reader.next() { back.append(row) }
        #expect(back == rows)
    }
}

/// Numbers in CSV and tables: integers bare, others to six decimals without trailing zeros.
@Suite struct PlainNumberTests {
    @Test(arguments: [
        (0.5, "0.5"), (2.0, "2"), (-0.25, "-0.25"), (1.0 / 3, "0.333333"), (0.1234567, "0.123457"),
        (0.9999999, "1"), (-0.0000001, "-0"), (123456.75, "123456.75"), (1e20, "100000000000000000000"),
        (Double.nan, "nan"), (Double.infinity, "inf"),
    ])
    func formatting(_ number: Double, _ expected: String) {
        #expect(MetricsFormat.plain(.number(number)) == expected)
    }
}
