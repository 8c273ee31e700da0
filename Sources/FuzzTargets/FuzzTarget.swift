import CSV
import Foundation
import GraphvizSupport
import ServiceGraph

/// The project's own readers, each as a fuzz target (issue 7): bytes in, then everything the
/// tool would do with what was read. A reader may reject its input with a diagnostic; what it
/// must never do is crash, hang, or read something it cannot write back unchanged.
///
/// `check` returns the broken property, if any; the fuzzing entry point traps on it so that
/// libFuzzer keeps the input as a crash, and the test suite replays every such input kept under
/// `Tests/FuzzTargetsTests/Fixtures/regressions/<target>/`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A CSV folder: the input is split at NUL bytes into nodes.csv, edges.csv, groups.csv, graph.csv.
    case csv
    /// An event log, streamed, then every pathway measured; cut in two and read as a folder of
    /// parts, the same log (`partsAgree`).
    case eventLog = "event-log"
    case graphml
    case json
    /// DOT text parsed by cgraph (not instrumented), then converted into the model.
    case dot
    /// Differential: the byte-level CSV reader of event logs against CSV.swift, with `,` and
    /// `;`: the same records, up to the first that is not UTF-8 (where CSV.swift splits the
    /// row at the bad byte and reads on from inside it, and ours marks the record).
    case csvRecords = "csv-records"
    /// An XES log, streamed through libxml2's reader, every pathway measured; what was read must
    /// survive being written as XES and read again.
    case xes
    /// An OMOP visit_occurrence table, streamed, every pathway measured.
    case omop
    /// A Network Canvas export: a GraphML file (input starting with `<`), or a CSV set split at
    /// NUL bytes into an ego file, a Professional and a Family attribute list and a Knows edge
    /// list of one interview.
    case networkCanvas = "network-canvas"
    /// egor's three tables, split at NUL bytes into egos.csv, alters.csv and aaties.csv; what
    /// was read, written as the three tables again, must read back as the same helper networks.
    case egor

    /// Runs one input: nil when it was read and used correctly or rejected with a diagnostic,
    /// else what went wrong.
    public func check(_ data: Data) -> String? {
        switch self {
        case .csv:
            let folder = Scratch.shared.newFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let parts = data.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
            for (index, name) in ["nodes.csv", "edges.csv", "groups.csv", "graph.csv"].enumerated() {
                let url = folder.appendingPathComponent(name)
                if index < parts.count {
                    Scratch.write(Data(parts[index]), to: url)
                } else {
                    try? FileManager.default.removeItem(at: url)
                }
            }
            guard let graph = try? CSVFolder.read(folder, displayName: "fuzz") else { return nil }
            return exercise(graph)
        case .eventLog:
            let url = Scratch.shared.newFolder().appendingPathComponent("events.csv")
            Scratch.write(data, to: url)
            defer { Scratch.remove(url) }
            return measure(url) ?? Self.partsAgree(data) ?? Self.compareEngines(url)
        case .graphml:
            guard let graph = try? GraphMLReader.read(data, file: "fuzz") else { return nil }
            return exercise(graph)
        case .json:
            guard let graph = try? ModelJSON.read(data, file: "fuzz") else { return nil }
            return exercise(graph)
        case .csvRecords:
            let url = Scratch.shared.newFolder().appendingPathComponent("records.csv")
            Scratch.write(data, to: url)
            defer { Scratch.remove(url) }
            for delimiter in [",", ";"] as [UnicodeScalar] {
                if let broken = Self.compareCSVReaders(url, delimiter: delimiter) { return broken }
            }
            return nil
        case .xes:
            let url = Scratch.shared.newFolder().appendingPathComponent("events.xes")
            Scratch.write(data, to: url)
            defer { Scratch.remove(url) }
            return measure(url) ?? xesRoundTrip(url)
        case .omop:
            let url = Scratch.shared.newFolder().appendingPathComponent("visit_occurrence.csv")
            Scratch.write(data, to: url)
            defer { Scratch.remove(url) }
            return measure(url, source: EventLogSource(careSiteLevels: ["1": .municipal, "2": .hospital]))
        case .networkCanvas:
            if data.first == UInt8(ascii: "<") {
                guard let (read, elementAttributes) = try? GraphMLReader.readDocument(data, file: "fuzz") else { return nil }
                return exercise(NetworkCanvasExport.adopt(read, mapping: NetworkCanvasMapping(), file: "fuzz",
                                                          elementAttributes: elementAttributes).graph)
            }
            let names = ["i_s_ego.csv", "i_s_attributeList_Professional.csv", "i_s_attributeList_Family.csv", "i_s_edgeList_Knows.csv"]
            let folder = Scratch.write(parts: data, named: names)
            defer { try? FileManager.default.removeItem(at: folder) }
            guard let (graph, _) = try? NetworkCanvasExport.read(folder, displayName: "fuzz") else { return nil }
            return exercise(graph)
        case .egor:
            let folder = Scratch.write(parts: data, named: [EgorTables.egosFile, EgorTables.altersFile, EgorTables.tiesFile])
            defer { try? FileManager.default.removeItem(at: folder) }
            guard let (graph, _) = try? EgorTables.read(folder, displayName: "fuzz") else { return nil }
            return exercise(graph) ?? Self.egorRoundTrip(graph)
        case .dot:
            let text = String(decoding: data, as: UTF8.self)
            guard let graph = try? DOTReader.read(text: text) else { return nil }
            _ = DOTSourceLocator(text: text).sourceLines(for: graph)
            return exercise(graph)
        }
    }

    /// The records of `url` as CSV.swift reads them and as `CSVRecordReader` reads them; nil
    /// when they agree, else where they part.
    public static func compareCSVReaders(_ url: URL, delimiter: UnicodeScalar, pieceSize: Int = 1 << 20) -> String? {
        var ours: [[String]] = []
        var firstNotUTF8: Int?
        guard let reader = try? CSVRecordReader(url: url, delimiter: UInt8(delimiter.value), pieceSize: pieceSize) else {
            return "csv-records: our reader cannot open the file"
        }
        while reader.nextRecord() {
            if !reader.isUTF8 {
                firstNotUTF8 = ours.count
                break
            }
            ours.append((0..<reader.count).map(reader.string))
        }
        var theirs: [[String]] = []
        if let stream = InputStream(url: url), let csv = try? CSVReader(stream: stream, hasHeaderRow: false, delimiter: delimiter) {
            while theirs.count <= ours.count, let row = csv.next() { theirs.append(row) }
            stream.close()
        }
        let compared = firstNotUTF8 == nil ? theirs : Array(theirs.prefix(ours.count))
        guard compared != ours else { return nil }
        let index = zip(compared, ours).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(compared.count, ours.count)
        return "csv-records (\(delimiter)): record \(index) differs: CSV.swift \(index < compared.count ? "\(compared[index])" : "none"), "
            + "ours \(index < ours.count ? "\(ours[index])" : "none")\(firstNotUTF8.map { " (record \($0) is not UTF-8)" } ?? "")"
    }

    /// An event log measured as `metrics` measures it; a reader may reject it, never crash.
    /// The byte-level engine against the pathway types it stands in for: `metrics --format csv`
    /// rows (one job and two, the log cut into runs of 3 events) must be the rows of the
    /// measured pathways, and the handover tally's edge list the `HandoverNetwork`'s, with the
    /// same rows skipped.
    static func compareEngines(_ url: URL) -> String? {
        let reader = EventLogReader(url: url, displayName: "fuzz")
        let meta = MetricsReport.Meta(input: "fuzz", sha256: "", toolVersion: "fuzz")
        let report: MetricsReport
        do { report = try MetricsReport(eventLog: reader, meta: meta) } catch { return nil }
        let expected = MetricsFormat.csvText(report.pathways.map { MetricsFormat.csvRow(input: "fuzz", pathway: $0) })
        for (jobs, runEvents) in [(1, 1 << 19), (2, 3)] {
            var rows: [UInt8] = []
            guard let summary = try? MetricsReport.streamCSVRows(eventLog: reader, meta: meta, jobs: jobs, runEvents: runEvents,
                                                                 write: { rows += $0 }) else {
                return "event-log: the byte-level engine failed where the pathway reader did not"
            }
            let got = String(decoding: rows, as: UTF8.self)
            if got != expected { return "event-log: metrics rows differ (jobs \(jobs), runs of \(runEvents))\nexpected: \(expected)\ngot: \(got)" }
            if summary.skipped != report.problems { return "event-log: the engines skip different rows: \(summary.skipped) vs \(report.problems)" }
        }
        guard let (pathways, _) = try? reader.readAll() else { return nil }
        var network = HandoverNetwork()
        pathways.forEach { network.add($0) }
        var tally = HandoverTally()
        guard (try? tally.add(eventLog: reader)) != nil else { return "event-log: the handover tally failed where the pathway reader did not" }
        let tallied = String(decoding: tally.csv, as: UTF8.self)
        return tallied == network.csv ? nil : "event-log: handover edge lists differ\nexpected: \(network.csv)\ngot: \(tallied)"
    }

    private func measure(_ url: URL, source: EventLogSource = EventLogSource()) -> String? {
        let meta = MetricsReport.Meta(input: "fuzz", sha256: "", toolVersion: "fuzz")
        if let report = try? MetricsReport(eventLog: EventLogReader(url: url, displayName: "fuzz", source: source), meta: meta) {
            _ = report.json.serialized()
        }
        return nil
    }

    /// A graph written as egor's tables must read back with every user's helpers and the ties
    /// among them (ids become `<ego>:<alter>`; strings XML-free, CSV carries anything).
    private static func egorRoundTrip(_ graph: CollaborationGraph) -> String? {
        let folder = Scratch.shared.folder.appendingPathComponent("egor-back-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try EgorTables.write(graph, to: folder)
        } catch {
            return "egor: the tables could not be written: \(error)"
        }
        guard let (back, problems) = try? EgorTables.read(folder, displayName: "fuzz") else {
            return "egor: the tables written do not read back"
        }
        if let error = problems.first(where: { $0.severity == .error }) { return "egor: the tables written read back with \(error)" }
        func summary(_ graph: CollaborationGraph) -> [String] {
            ((try? graph.helperNetworkMeasures()) ?? []).map { "\($0.user):\($0.helpers):\($0.helperTies)" }
        }
        guard summary(back) == summary(graph) else {
            return "egor: helper networks differ after the tables: \(summary(graph)) → \(summary(back))"
        }
        return nil
    }

    /// The pathways of an XES log, written as XES and read again, must be the same (strings
    /// XML cannot carry aside: the writer puts U+FFFD in their place).
    private func xesRoundTrip(_ url: URL) -> String? {
        guard let (pathways, _) = try? EventLogReader(url: url, displayName: "fuzz").readAll() else { return nil }
        let written = XESWriter.write(pathways)
        let back = url.deletingLastPathComponent().appendingPathComponent("back.xes")
        Scratch.write(Data(written.utf8), to: back)
        let read = try? EventLogReader(url: back, displayName: "fuzz").readAll().pathways
        let strings = pathways.flatMap { [$0.user.rawValue] + $0.events.flatMap { [$0.actor, $0.service, $0.target].compactMap { $0 } } }
        guard strings.allSatisfy({ $0.unicodeScalars.allSatisfy(GraphMLWriter.isXMLCharacter) }) else {
            return read == nil ? "xes: XES written for pathways with non-XML characters does not read back" : nil
        }
        func fields(_ pathways: [Pathway]?) -> [[String]]? {
            pathways?.flatMap { pathway in
                pathway.events.map { [pathway.user.rawValue, $0.time.description, $0.kind.rawValue, $0.actor ?? "", $0.service ?? "",
                                      $0.level?.rawValue ?? "", $0.target ?? ""] }
            }
        }
        guard fields(read) != fields(pathways) else { return nil }
        return """
            xes: the pathways read do not survive XES
            read:    \(pathways)
            written: \(written)
            back:    \(read.map { "\($0)" } ?? "rejected")
            """
    }

    /// What the tool does with a graph once read: validate, measure, style, and write it in
    /// every format; each written form must read back as the same graph.
    private func exercise(_ graph: CollaborationGraph) -> String? {
        _ = graph.validate(file: "fuzz")
        let meta = MetricsReport.Meta(input: "fuzz", sha256: "", toolVersion: "fuzz")
        if let report = try? MetricsReport(graph: graph, meta: meta) {
            _ = report.json.serialized()
        }
        _ = DOTWriter().write(NetworkView().styled(graph))

        let json = ModelJSON.write(graph)
        if let changed = changed(graph, try? ModelJSON.read(Data(json.utf8), file: "fuzz"), through: "model JSON", written: json) {
            return changed
        }
        let graphML = GraphMLWriter().write(graph)
        let back = try? GraphMLReader.read(Data(graphML.utf8), file: "fuzz")
        guard Self.strings(of: graph).allSatisfy({ $0.unicodeScalars.allSatisfy(GraphMLWriter.isXMLCharacter) }) else {
            // XML 1.0 cannot carry these characters; the writer puts U+FFFD in their place, so
            // the file must still be well-formed GraphML, though not the same graph.
            return back == nil ? "\(rawValue): GraphML written for a graph with non-XML characters does not read back" : nil
        }
        return changed(graph, back, through: "GraphML", written: graphML)
    }

    /// Every string a graph holds: names, ids, attribute names and values.
    private static func strings(of graph: CollaborationGraph) -> [String] {
        func flatten(_ attributes: [String: String]) -> [String] { attributes.flatMap { [$0.key, $0.value] } }
        var all = [graph.name] + flatten(graph.attributes) + Array(graph.htmlAttributes)
        for node in graph.nodes { all += [node.id.rawValue] + flatten(node.attributes) + Array(node.htmlAttributes) }
        for edge in graph.edges {
            all += [edge.source.rawValue, edge.target.rawValue] + flatten(edge.attributes) + Array(edge.htmlAttributes)
        }
        for group in graph.groups {
            all += [group.id, group.parent ?? ""] + flatten(group.attributes) + group.members.map(\.rawValue)
                + Array(group.htmlAttributes)
        }
        return all
    }

    private func changed(_ graph: CollaborationGraph, _ read: CollaborationGraph?, through format: String,
                         written: String) -> String? {
        guard read != graph else { return nil }
        return """
            \(rawValue): the graph read does not survive \(format)
            read:    \(graph)
            written: \(written)
            back:    \(read.map { "\($0)" } ?? "rejected")
            """
    }
}

/// One scratch folder per process for the targets that read files, and a folder of its own in
/// it for each input: the tests replay inputs in parallel, so no two may share a file name.
private final class Scratch: Sendable {
    static let shared = Scratch()
    let folder: URL

    private init() {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("samhandling-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A new, empty folder for one input's files.
    func newFolder() -> URL {
        let url = folder.appendingPathComponent(UUID().uuidString)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            preconditionFailure("cannot make the fuzz scratch folder \(url.path): \(error)")
        }
        return url
    }

    /// Removes an input's file and the folder `newFolder` made for it.
    static func remove(_ file: URL) {
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }

    /// The input split at NUL bytes into the files `names` of a folder of its own (tests replay
    /// inputs in parallel); a name with no part left is not written.
    static func write(parts data: Data, named names: [String]) -> URL {
        let folder = shared.newFolder()
        let parts = data.split(separator: 0, maxSplits: names.count - 1, omittingEmptySubsequences: false)
        for (name, part) in zip(names, parts) { write(Data(part), to: folder.appendingPathComponent(name)) }
        return folder
    }

    static func write(_ data: Data, to url: URL) {
        do {
            try data.write(to: url)
        } catch {
            preconditionFailure("cannot write the fuzz scratch file \(url.path): \(error)")
        }
    }
}
