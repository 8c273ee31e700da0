import ArgumentParser
import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

extension Samhandling {
    struct Metrics: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure graphs and event logs: helper networks, pathways and the whole graph.",
            discussion: """
                Inputs are DOT graphs (.dot, .gv) and event logs (.csv with user,time,kind,… \
                columns). --format table is for people; json is an array with one object per \
                input (meta, whole-graph measures, centrality, users, pathways, quality; an event \
                log has meta, pathways and quality); csv has one row per user. Undefined measures \
                are null in JSON and empty in CSV. A file that fails is reported and the others \
                are still measured; the exit code is then 1.
                """
        )

        @Argument(help: "Graph files or folders.")
        var paths: [String]

        @Option(help: "Output format: table, json or csv.")
        var format: MetricsFormat = .table

        @Option(help: "Count only helpers with a contact on or after this date (YYYY-MM-DD).")
        var from: String?

        @Option(help: "Count only helpers with a contact on or before this date (YYYY-MM-DD).")
        var to: String?

        @Option(name: .customLong("fcd-weights"), help: "CSV of level_a,level_b,weight for the fragmented care density.")
        var fcdWeights: String?

        @Option(help: "What counts as one provider on a pathway: professional, service or level.")
        var granularity: Granularity = .professional

        @OptionGroup var pathway: PathwayParameters

        @Flag(help: "Treat warnings about the inputs as failures (exit 1).")
        var strict = false

        @Option(help: "Language of the table and of the placement model's reason: en or nb.")
        var lang: Language = .en

        @Option(help: ArgumentHelp(
            "What to measure in a graph: all (whole graph, helper networks, pathways) or whole (the whole graph only).",
            discussion: "--scope whole suits a municipality's collaboration graph: betweenness, single points of failure, "
                + "fragmentation and distance fragmentation of the whole, without a helper network per user."))
        var scope: MetricsReport.Scope = .all

        func validate() throws {
            if Period(from: from, to: to) == nil {
                throw ValidationError("--from and --to take dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM")
            }
            if scope == .whole && format == .csv {
                throw ValidationError("--format csv has a row per user; with --scope whole use table or json")
            }
        }

        func run() throws {
            let period = Period(from: from, to: to) ?? Period()
            var weights: LevelPairWeights?
            if let fcdWeights {
                do throws(Diagnostic) {
                    let text = try TextFile.read(URL(fileURLWithPath: fcdWeights), displayName: fcdWeights)
                    weights = try LevelPairWeights.read(text: text, file: fcdWeights)
                } catch {
                    Console.error(error.description)
                    throw InputFailure()
                }
            }
            let (files, missing) = InputFiles.expand(paths, extensions: InputFiles.graphExtensions.union(["csv"]))
            var failed = !missing.isEmpty
            missing.forEach { Console.error($0.description) }
            // CSV goes out row by row, each input as it is measured (an event log's users as they
            // are measured, so memory does not grow with them); JSON and the table are
            // printed whole at the end.
            let streaming = format == .csv
            if streaming { try Console.write(MetricsFormat.csvText([MetricsFormat.csvHeader])) }
            var reports: [MetricsReport] = []
            var errors = 0, warnings = 0
            for file in files {
                do {
                    let problems: [Diagnostic]
                    if streaming && file.url.pathExtension.lowercased() == "csv" {
                        problems = try streamEventLog(file, period: period)
                    } else {
                        let report = try measure(file, period: period, weights: weights)
                        if streaming {
                            try Console.write(MetricsFormat.csvText(MetricsFormat.csvRows(report)))
                        } else {
                            reports.append(report)
                        }
                        problems = report.problems
                    }
                    // Bad rows and vocabulary errors are reported; the rest of the input is measured.
                    for problem in problems {
                        Console.error(problem.description)
                        if problem.severity == .error { errors += 1 } else { warnings += 1 }
                    }
                } catch let diagnostic as Diagnostic {
                    Console.error(diagnostic.description)
                    failed = true
                }
            }
            if !streaming { try Console.write(format.render(reports)) }
            if errors + warnings > 0 {
                Console.error("metrics: \(files.count) input\(files.count == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s"), "
                              + "\(warnings) warning\(warnings == 1 ? "" : "s")")
            }
            if failed || errors > 0 || (strict && warnings > 0) { throw InputFailure() }
        }

        private func measure(_ file: InputFile, period: Period, weights: LevelPairWeights?) throws(Diagnostic) -> MetricsReport {
            if file.url.pathExtension.lowercased() == "csv" {
                let (reader, meta) = try eventLog(file)
                return try MetricsReport(eventLog: reader, meta: meta, period: period)
            }
            let loaded = try LoadedGraph.load(file.url, displayName: file.displayPath)
            let digest = SHA256.hash(data: loaded.bytes).hexadecimal
            let meta = MetricsReport.Meta(input: file.displayPath, sha256: digest, toolVersion: Samhandling.version,
                                          from: from, to: to, granularity: granularity, windowDays: pathway.window,
                                          episodeGapDays: pathway.episodeGap, language: lang)
            do {
                return try MetricsReport(graph: loaded.graph, meta: meta, period: period, fcdWeights: weights,
                                         problems: loaded.validate(), scope: scope)
            } catch {
                throw Diagnostic(file: file.displayPath, line: nil, message: error.description)
            }
        }

        /// The reader and meta of an event log; the digest (a whole pass over the file) only when
        /// the output shows it (JSON and table do, CSV rows do not).
        private func eventLog(_ file: InputFile, withDigest: Bool = true) throws(Diagnostic) -> (EventLogReader, MetricsReport.Meta) {
            guard scope == .all else {
                throw Diagnostic(file: file.displayPath, line: nil,
                                 message: "an event log has no whole graph to measure (--scope whole is for graphs)")
            }
            guard EventLogReader.isEventLog(file.url) else {
                throw Diagnostic(file: file.displayPath, line: 1,
                                 message: "not an event log: the header must name user, time and kind columns")
            }
            let meta = MetricsReport.Meta(input: file.displayPath, sha256: withDigest ? try digest(of: file) : "",
                                          toolVersion: Samhandling.version, from: from, to: to, granularity: granularity,
                                          windowDays: pathway.window, episodeGapDays: pathway.episodeGap,
                                          language: lang)
            return (EventLogReader(url: file.url, displayName: file.displayPath), meta)
        }

        /// Writes an event log's CSV rows as its users are measured. They go to a temporary file
        /// first, which is emptied if the log turns out not to be sorted by user and is read
        /// again, then to standard output; the skipped rows are returned.
        private func streamEventLog(_ file: InputFile, period: Period) throws -> [Diagnostic] {
            let (reader, meta) = try eventLog(file, withDigest: false)
            let spillURL = FileManager.default.temporaryDirectory
                .appendingPathComponent("samhandling-metrics-\(getpid())-\(UUID().uuidString).csv")
            guard FileManager.default.createFile(atPath: spillURL.path, contents: nil),
                  let spill = try? FileHandle(forUpdating: spillURL)
            else {
                throw Diagnostic(file: file.displayPath, line: nil, message: "cannot create a temporary file in \(spillURL.path)")
            }
            defer {
                try? spill.close()
                try? FileManager.default.removeItem(at: spillURL)
            }
            var buffer: [UInt8] = []
            var writeFailed = false
            func flush() {
                do { try spill.write(contentsOf: buffer) } catch { writeFailed = true }
                buffer.removeAll(keepingCapacity: true)
            }
            let summary = try MetricsReport.streamPathways(eventLog: reader, meta: meta, period: period, onRestart: {
                buffer.removeAll(keepingCapacity: true)
                do { try spill.truncate(atOffset: 0) } catch { writeFailed = true }
            }) { measures in
                buffer.append(contentsOf: MetricsFormat.csvText([MetricsFormat.csvRow(input: meta.input, pathway: measures)]).utf8)
                if buffer.count >= 1 << 20 { flush() }
            }
            flush()
            guard !writeFailed, (try? spill.seek(toOffset: 0)) != nil else {
                throw Diagnostic(file: file.displayPath, line: nil, message: "cannot write the temporary file \(spillURL.path)")
            }
            while let chunk = try? spill.read(upToCount: 1 << 20), !chunk.isEmpty {
                try Console.write(chunk)
            }
            return summary.skipped
        }

        /// SHA-256 of a file, read in pieces (event logs can be gigabytes).
        private func digest(of file: InputFile) throws(Diagnostic) -> String {
            guard let handle = try? FileHandle(forReadingFrom: file.url) else {
                throw Diagnostic(file: file.displayPath, line: nil, message: "cannot open the file")
            }
            defer { try? handle.close() }
            var hasher = SHA256()
            while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
            return hasher.finalize().hexadecimal
        }
    }
}

extension Granularity: ExpressibleByArgument {}
extension MetricsReport.Scope: ExpressibleByArgument {}
