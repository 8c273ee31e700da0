import ArgumentParser
import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

extension Samhandling {
    struct Metrics: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure graphs: helper networks of every user and the whole graph (DESIGN §5.1–5.2).",
            discussion: """
                --format table is for people; json is an array with one object per input \
                (meta, whole-graph measures, centrality, users, quality); csv has one row per \
                user. Undefined measures are null in JSON and empty in CSV. A file that fails is \
                reported and the others are still measured; the exit code is then 1.
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

        func validate() throws {
            if Period(from: from, to: to) == nil {
                throw ValidationError("--from and --to take dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM")
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
            let (files, missing) = InputFiles.expand(paths)
            var failed = !missing.isEmpty
            missing.forEach { Console.error($0.description) }
            var reports: [MetricsReport] = []
            for file in files {
                do throws(Diagnostic) {
                    reports.append(try measure(file, period: period, weights: weights))
                } catch {
                    Console.error(error.description)
                    failed = true
                }
            }
            print(format.render(reports), terminator: "")
            if failed { throw InputFailure() }
        }

        private func measure(_ file: InputFile, period: Period, weights: LevelPairWeights?) throws(Diagnostic) -> MetricsReport {
            let loaded = try LoadedGraph.load(file.url, displayName: file.displayPath)
            let digest = SHA256.hash(data: Data(loaded.text.utf8)).map { String(format: "%02x", $0) }.joined()
            let meta = MetricsReport.Meta(input: file.displayPath, sha256: digest, toolVersion: Samhandling.version,
                                          from: from, to: to)
            do {
                return try MetricsReport(graph: loaded.graph, meta: meta, period: period, fcdWeights: weights,
                                         problems: loaded.validate())
            } catch {
                throw Diagnostic(file: file.displayPath, line: nil, message: error.description)
            }
        }
    }
}
