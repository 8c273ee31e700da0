import Foundation

/// Writing CSV for spreadsheets, RFC 4180: CRLF line ends, a final line end, a field quoted
/// only when it holds a comma, a double quote, CR or LF, with its double quotes doubled.
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
                appendField(field, to: &out)
            }
            out.append(0x0D)
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
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
