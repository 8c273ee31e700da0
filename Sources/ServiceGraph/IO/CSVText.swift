import Foundation

/// Writing CSV for spreadsheets, RFC 4180: CRLF line ends, a final line end, a field quoted
/// only when it holds a comma, a double quote, CR or LF, with its double quotes doubled.
///
/// Every cell a spreadsheet would run as a formula — one that starts with `=`, `+`, `-`, `@`, a
/// tab or a CR — is written with a `'` before it (OWASP's advice against CSV injection); a plain
/// number (`-1.5`) is not. A text that already starts with `'` before such a character gets one
/// more, so that reading removes exactly one and our own CSV reads back as it was written
/// (`unguarded`, applied by the CSV-folder and event-log readers).
///
/// Written here rather than through CSV.swift's `CSVWriter`, which tests every field with five
/// Foundation substring searches and writes it scalar by scalar: a handover network of a
/// 20,000-event log spent more time being written than being computed. Reading stays with
/// CSV.swift; the tests read what is written here back through it.
enum CSVText {
    static func write(_ rows: [[String]]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 32)
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { out.append(0x2C) }
                appendField(guarded(field), to: &out)
            }
            out.append(0x0D)
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    /// Whether the field, after any leading `'`, starts as a formula would.
    private static func startsAsFormula(_ utf8: String.UTF8View) -> Bool {
        guard let first = utf8.first(where: { $0 != UInt8(ascii: "'") }) else { return false }
        return formulaStarts.contains(first)
    }

    /// `field` as written for a spreadsheet: a `'` before a formula's first character.
    static func guarded(_ field: String) -> String {
        guard startsAsFormula(field.utf8) else { return field }
        // A plain number is no formula: -1.5 and +3 stay as they are.
        if let first = field.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+"), Double(field) != nil {
            return field
        }
        return "'" + field
    }

    /// A cell as read back: the `'` that `guarded` put before a formula removed.
    public static func unguarded(_ field: String) -> String {
        guard field.utf8.first == UInt8(ascii: "'"), startsAsFormula(field.utf8) else { return field }
        return String(field.dropFirst())
    }

    /// One cell as `write` writes it (guarded, quoted where needed), as bytes.
    static func cell(_ field: String) -> [UInt8] {
        var out: [UInt8] = []
        appendField(guarded(field), to: &out)
        return out
    }

    /// `String(value)`'s digits, with no `String` made.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(contentsOf: String(value).utf8)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(48 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            // Rebased, so that the bytes are copied at once, not one by one through a slice's iterator.
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
        }
    }

    private static func appendField(_ field: String, to out: inout [UInt8]) {
        let quote: UInt8 = 0x22
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == quote || $0 == 0x0D || $0 == 0x0A }) else {
            out.append(contentsOf: field.utf8)
            return
        }
        out.append(quote)
        for byte in field.utf8 {
            if byte == quote { out.append(quote) }
            out.append(byte)
        }
        out.append(quote)
    }
}
