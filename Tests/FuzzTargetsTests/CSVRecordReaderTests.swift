import Foundation
import FuzzTargets
import Testing
import TestSupport
@testable import ServiceGraph

/// The byte-level CSV reader of event logs: RFC 4180 cases by hand, and the same records as
/// CSV.swift on thousands of generated inputs, read in pieces of every small size so that every
/// state of the reader meets a piece end.
@Suite struct CSVRecordReaderTests {
    private func records(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), pieceSize: Int = 1 << 20) throws
        -> [(fields: [String], utf8: Bool, lineFeeds: Int)]
    {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("r.csv")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try Data(bytes).write(to: url)
        let reader = try CSVRecordReader(url: url, delimiter: delimiter, pieceSize: pieceSize)
        var out: [(fields: [String], utf8: Bool, lineFeeds: Int)] = []
        while reader.nextRecord() { out.append(((0..<reader.count).map(reader.string), reader.isUTF8, reader.lineFeedsInFields)) }
        return out
    }

    private func fields(_ text: String, delimiter: Character = ",") throws -> [[String]] {
        try records(Array(text.utf8), delimiter: delimiter.asciiValue!).map(\.fields)
    }

    @Test func rfc4180ByHand() throws {
        #expect(try fields("a,b\r\nc,d\r\n") == [["a", "b"], ["c", "d"]])
        #expect(try fields("a,b\nc,d") == [["a", "b"], ["c", "d"]])  // no line end at the end
        #expect(try fields("a\rb\r\n\nc") == [["a"], ["b"], [""], ["c"]])  // CR alone ends a record; a blank line is one empty field
        #expect(try fields("\"a,b\",\"say \"\"hi\"\"\"\n") == [["a,b", "say \"hi\""]])
        #expect(try fields("\"two\nlines\",x\n") == [["two\nlines", "x"]])
        #expect(try fields("a,\n") == [["a", ""]])
        #expect(try fields("a,") == [["a", ""]])  // a delimiter at the end of the file: an empty field after it
        #expect(try fields("a;b,c\n", delimiter: ";") == [["a", "b,c"]])
        #expect(try fields("ab\"c,d\n") == [["ab\"c", "d"]])  // a quote inside an unquoted field is kept
        #expect(try fields("\"open") == [["open"]])  // a quote never closed runs to the end
        #expect(try fields("") .isEmpty)
    }

    /// CSV.swift's reading of a quote followed by something else inside a quoted field: the quote
    /// is kept, the character after it (a whole UTF-8 scalar) dropped, and the field stays quoted
    /// (so the delimiter and line end after it are text, to the next closing quote).
    @Test func aStrayQuoteKeepsTheQuoteAndDropsTheNextCharacter() throws {
        #expect(try fields("\"ab\"cd,e\n") == [["ab\"d,e\n"]])
        #expect(try fields("\"ab\"éd\",e\n") == [["ab\"d", "e"]])
        let broken = try records([0x22, 0x61, 0x22, 0xC3, 0x28, 0x0A])  // "a" then a lead byte with no continuation
        #expect(broken.first?.utf8 == false)
    }

    @Test func byteOrderMarksAreSkippedAsCSVSwiftSkipsThem() throws {
        for mark: [UInt8] in [[0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0xFF, 0xFE], [0xFF, 0xFE, 0x00, 0x00], [0x00, 0x00, 0xFE, 0xFF]] {
            for size in [1, 2, 3, 1 << 20] {
                #expect(try records(mark + Array("a,b\n".utf8), pieceSize: size).map(\.fields) == [["a", "b"]], "\(mark) in pieces of \(size)")
            }
        }
    }

    @Test func aRecordThatIsNotUTF8IsMarkedAndTheRestRead() throws {
        let read = try records(Array("a,b\n".utf8) + [0x63, 0xE9, 0x2C, 0x64, 0x0A] + Array("e,f\n".utf8))
        #expect(read.map(\.utf8) == [true, false, true])
        #expect(read[2].fields == ["e", "f"])
    }

    @Test func lineFeedsInsideQuotedFieldsAreCounted() throws {
        #expect(try records(Array("\"a\nb\nc\",d\ne\n".utf8)).map(\.lineFeeds) == [2, 0])
    }

    /// Inputs made of the bytes that matter, with CSV.swift's records as the answer; every piece
    /// size from 1 to 9 and the default.
    @Test func theSameRecordsAsCSVSwift() throws {
        let alphabet: [[UInt8]] = [[0x61], [0x62], [0x2C], [0x3B], [0x22], [0x22, 0x22], [0x0D], [0x0A], [0x0D, 0x0A], [0x20],
                                   [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xE9], [0xEF, 0xBB, 0xBF]]
        var generator = SplitMix(seed: 20261202)
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("input.csv")
        var disagreements: [String] = []
        for index in 0..<3000 {
            let length = Int(generator.next() % 24)
            let bytes = (0..<length).flatMap { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            try Data(bytes).write(to: url)
            for delimiter in [",", ";"] as [UnicodeScalar] {
                for size in [1, 2, 3, 5, 9, 1 << 20] where index % 6 == 0 || size == 1 << 20 {
                    if let broken = FuzzTarget.compareCSVReaders(url, delimiter: delimiter, pieceSize: size) {
                        disagreements.append("\(bytes.map { String($0, radix: 16) }) piece \(size): \(broken)")
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).joined(separator: "\n"))")
    }
}

/// A small seeded generator, so the inputs are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
