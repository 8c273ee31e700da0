import Foundation
import ServiceGraph

extension FuzzTarget {
    /// The `event-log` target's second property: a log cut in two at a line end in the middle of
    /// its rows, the header repeated at the top of the second part, and read as a folder of parts
    /// (`--parts`), reads as the whole — the same pathways (events in the same order, at one
    /// instant too), rows and users, and each bad row with the same message at the same line of
    /// the whole. For inputs without a quote (where every line end ends a record) whose whole
    /// reading succeeds.
    static func partsAgree(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        guard !bytes.contains(UInt8(ascii: "\"")),
              let headerEnd = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
        var start = headerEnd + 1
        if bytes[headerEnd] == 0x0D, start < bytes.count, bytes[start] == 0x0A { start += 1 }
        guard let lineFeed = bytes[(start + (bytes.count - start) / 2)...].firstIndex(of: 0x0A) else { return nil }
        let cut = lineFeed + 1
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samhandling-fuzz-parts-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return nil }
        defer { try? FileManager.default.removeItem(at: folder) }
        let urls = ["whole.csv", "part-0.csv", "part-1.csv"].map { folder.appendingPathComponent($0) }
        for (url, content) in zip(urls, [bytes[...], bytes[..<cut], (bytes[..<start] + bytes[cut...])[...]]) {
            guard (try? Data(content).write(to: url)) != nil else { return nil }
        }
        guard let whole = try? EventLogReader(url: urls[0], displayName: "whole").readAll() else { return nil }
        let parts = urls.dropFirst().map { InputFile(url: $0, relativePath: $0.lastPathComponent, displayPath: $0.lastPathComponent) }
        let read: (pathways: [Pathway], summary: EventLogReader.Summary)
        do {
            read = try EventLogReader.parts(parts, folder: folder, displayName: "parts").readAll()
        } catch {
            return "parts: the whole reads, its parts throw \(error)"
        }
        guard read.pathways == whole.pathways else { return "parts: the pathways differ from the whole's" }
        guard (read.summary.rows, read.summary.users) == (whole.summary.rows, whole.summary.users) else {
            return "parts: \(read.summary.rows) rows of \(read.summary.users) users, the whole \(whole.summary.rows) of \(whole.summary.users)"
        }
        // A line of the second part is a line of the whole: after the first part's lines, less its header.
        var endsBefore = 0
        for index in 0..<cut where bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 >= cut || bytes[index + 1] != 0x0A)) {
            endsBefore += 1
        }
        let mapped = read.summary.skipped.map { problem in
            (problem.message, problem.file == "part-1.csv" ? problem.line.map { $0 + endsBefore - 1 } : problem.line)
        }
        guard mapped.elementsEqual(whole.summary.skipped.map { ($0.message, $0.line) }, by: { $0 == $1 }) else {
            return "parts: the bad rows differ: \(mapped) against \(whole.summary.skipped.map { ($0.message, $0.line) })"
        }
        return nil
    }
}
