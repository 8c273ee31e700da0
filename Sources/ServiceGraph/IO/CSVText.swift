import CSV
import Foundation

/// Writing CSV for spreadsheets: RFC 4180 through CSV.swift's writer, CRLF line ends, a final
/// line end, fields quoted where they hold a comma, quote or line break.
enum CSVText {
    static func write(_ rows: [[String]]) -> String {
        let stream = OutputStream.toMemory()
        guard let writer = try? CSVWriter(stream: stream, delimiter: ",", newline: .crlf) else { return "" }
        for row in rows { try? writer.write(row: row) }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }
}
