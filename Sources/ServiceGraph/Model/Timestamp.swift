import Foundation

/// A point in local civil time, as the input writes it (ISO 8601, no time zone).
///
/// `2024-03-01` means 00:00 that day. Stored as seconds since 1970-01-01T00:00 so that
/// differences in days are exact and no calendar or time zone is involved.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        secondsSinceEpoch = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (a space may stand for `T`).
    public init?(iso text: String) {
        var trimmed = text.trimmedOfWhitespace
        guard let parsed = trimmed.withUTF8({ Timestamp(isoBytes: $0) }) else { return nil }
        self = parsed
    }

    /// `init(iso:)` on the UTF-8 bytes of a field already trimmed: what the event-log reader
    /// parses, with no `String` made.
    init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
        @inline(__always) func number(_ from: Int, _ to: Int) -> Int? {
            var value = 0
            for index in from..<to {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        let count = bytes.count
        guard count == 10 || count == 16 || count == 19,
              bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0, 4), let month = number(5, 7), let day = number(8, 10)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        if count >= 16 {
            guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
                  bytes[13] == UInt8(ascii: ":"),
                  let h = number(11, 13), let m = number(14, 16)
            else { return nil }
            hour = h
            minute = m
        }
        if count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), let s = number(17, 19) else { return nil }
            second = s
        }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Why `text` is not a timestamp this tool reads, in words for the person who wrote it; nil
    /// when it is one. A day-first date (`01.03.2024`) gets the ISO form it probably means, an
    /// impossible day says how long its month is, an offset (`Z`, `+01:00`) says offsets are not
    /// read — times are local, as the input writes them.
    public static func problem(with text: String) -> String? {
        let trimmed = text.trimmedOfWhitespace
        if Timestamp(iso: trimmed) != nil { return nil }
        let bytes = Array(trimmed.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, !range.isEmpty, bytes[range].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        // YYYY-MM-DD whose day or month does not exist.
        if bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) {
            if bytes.count > 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") {
                let timeEnd = bytes.count > 19 && bytes[16] == UInt8(ascii: ":") ? 19 : 16
                if timeEnd < bytes.count, [UInt8(ascii: "Z"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[timeEnd]) {
                    let local = String(decoding: bytes[0..<timeEnd], as: UTF8.self)
                    return "'\(trimmed)' has a time-zone offset; time-zone offsets (Z, +01:00) are not read: "
                        + "write the local time, e.g. \(local)"
                }
            }
            guard (1...12).contains(month) else { return "'\(trimmed)' is not a date: there is no month \(month)" }
            let length = daysIn(month: month, year: year)
            if !(1...length).contains(day) {
                let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
                return "'\(trimmed)' is not a date: \(names[month - 1]) \(year) has \(length) days"
            }
            if bytes.count == 10 { return nil }
            return "'\(trimmed)' is not ISO 8601 (YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS)"
        }
        // Day first, as Norwegian and many spreadsheets write it: 01.03.2024, 1/3/2024, 1-3-2024.
        let parts = trimmed.split(whereSeparator: { $0 == "." || $0 == "/" || $0 == "-" }).map(String.init)
        if parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) {
            let (year, month, day) = parts[0].count == 4 ? (a, b, c) : (c, b, a)
            if year >= 1000, let date = Timestamp(year: year, month: month, day: day) {
                return "'\(trimmed)' is not ISO 8601 — did you mean \(date.dateString)?"
            }
        }
        return "'\(trimmed)' is not ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
    }

    /// Days since 1970-01-01, the calendar date of this timestamp.
    public var dayNumber: Int { Int((secondsSinceEpoch - Self.floorMod(secondsSinceEpoch, 86_400)) / 86_400) }

    /// Fractional days from `self` to `other`.
    public func days(to other: Timestamp) -> Double {
        Double(other.secondsSinceEpoch - secondsSinceEpoch) / 86_400
    }

    public func adding(days: Double) -> Timestamp {
        Timestamp(secondsSinceEpoch: secondsSinceEpoch + Int64((days * 86_400).rounded()))
    }

    /// `YYYY-MM-DD`, with `THH:MM` (and `:SS`) when the time is not midnight.
    public var description: String {
        let (year, month, day) = Self.civil(fromDays: dayNumber)
        let seconds = Int(Self.floorMod(secondsSinceEpoch, 86_400))
        var text = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        if seconds != 0 {
            text += "T\(Self.pad(seconds / 3600, 2)):\(Self.pad(seconds / 60 % 60, 2))"
            if seconds % 60 != 0 { text += ":\(Self.pad(seconds % 60, 2))" }
        }
        return text
    }

    /// The calendar date alone, `YYYY-MM-DD`.
    public var dateString: String {
        let (year, month, day) = Self.civil(fromDays: dayNumber)
        return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { ((a % b) + b) % b }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (Foundation's `.whitespaces`).
    /// Most fields have none: they are answered from the bytes at both ends, and only a field
    /// with a non-ASCII character at an end goes through Foundation (which cost an event-log
    /// reader a third of its time when every field went through it).
    var trimmedOfWhitespace: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        if first < 0x80 && last < 0x80 {
            if !isBlank(first) && !isBlank(last) { return self }
            guard let start = utf8.firstIndex(where: { !isBlank($0) }) else { return "" }
            let end = utf8.lastIndex(where: { !isBlank($0) }) ?? start
            let trimmed = String(self[start...end])
            // A non-ASCII space (no-break space, …) may now sit at an end.
            if let newFirst = trimmed.utf8.first, let newLast = trimmed.utf8.last, newFirst < 0x80, newLast < 0x80 {
                return trimmed
            }
            return trimmed.trimmingCharacters(in: .whitespaces)
        }
        return trimmingCharacters(in: .whitespaces)
    }
}
