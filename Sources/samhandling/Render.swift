import ArgumentParser
import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

/// The views `render` can draw.
enum ViewKind: String, CaseIterable, ExpressibleByArgument {
    case network, map, pathway, structure
}

/// What `--highlight` emphasises in the network view.
enum Highlight: String, CaseIterable, ExpressibleByArgument {
    /// Articulation points and bridges: the single points of failure.
    case articulation
}

extension Samhandling {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render graphs through Graphviz (default: every graph under Graphs/ into output/).",
            discussion: """
                PATH may be files or folders; folders are searched recursively for .dot and .gv \
                files and their structure is mirrored under --out. A file that fails is reported \
                with its line and skipped; the others still render, and the exit code is 1.
                """
        )

        @Argument(help: "Graph files or folders.")
        var paths: [String] = ["Graphs"]

        @Option(name: .shortAndLong, help: "Folder for the renders.")
        var out: String = "output"

        @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: OutputFormat = .svg

        @Option(help: "Layout engine: \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", ")).")
        var layout: LayoutEngine = .dot

        @Option(help: "View: network; structure (an org chart); map (a helper-network map per user) or pathway (a timeline per user, also of event logs), both laid out by neato.")
        var view: ViewKind = .network

        @Option(help: "In the network view, emphasise: articulation (single points of failure and bridges).")
        var highlight: Highlight?

        @Option(help: "Language of legends: en or nb.")
        var lang: Language = .en

        @OptionGroup(title: "Pathway view") var pathway: PathwayParameters

        @Flag(help: "Render everything again, and lay out graphs larger than the layout handles in reasonable time.")
        var force = false

        @Option(help: "Worker processes (default: all cores). libgraphviz is not thread-safe, so renders run in parallel processes.")
        var jobs: Int?

        @Flag(help: .hidden)
        var worker = false

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs takes 1 or more") }
        }

        func run() throws {
            if worker { return try runWorker() }
            let start = ContinuousClock.now
            // The pathway view draws event logs too.
            let extensions = view == .pathway ? InputFiles.graphExtensions.union(["csv"]) : InputFiles.graphExtensions
            let (files, missing) = InputFiles.expand(paths, extensions: extensions)
            missing.forEach { Console.error($0.description) }
            let outputDirectory = URL(fileURLWithPath: out)
            var cache = RenderCache(directory: outputDirectory)
            let keys = Dictionary(files.map { ($0.relativePath, cacheKey(for: $0)) }) { first, _ in first }
            let todo = files.filter { force || !cache.isFresh($0.relativePath, key: keys[$0.relativePath] ?? "") }
            var failed = missing.count
            var rendered = 0
            let workers = min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, todo.count)
            var progress = ProgressBar(total: todo.count, enabled: Console.stderrIsTerminal)
            let record = { (file: InputFile, result: Result<[String], Diagnostic>) in
                progress.advance(label: file.relativePath)
                switch result {
                case .success(let outputs):
                    rendered += 1
                    if let key = keys[file.relativePath] { cache.record(file.relativePath, key: key, outputs: outputs) }
                case .failure(let diagnostic):
                    progress.clear()
                    Console.error(diagnostic.description)
                    failed += 1
                    cache.forget(file.relativePath)
                }
            }
            if workers > 1 {
                try renderInWorkers(todo, workers: workers, each: record)
            } else {
                let renderer = Renderer(engine: layout, format: format, force: force)
                for file in todo {
                    do throws(Diagnostic) {
                        record(file, .success(try render(file, with: renderer, into: outputDirectory)))
                    } catch {
                        record(file, .failure(error))
                    }
                }
            }
            progress.finish()
            cache.save()
            let seconds = (ContinuousClock.now - start).seconds
            let unchanged = files.count - todo.count
            Console.error(String(format: "rendered %d, failed %d%@, in %.2f s → %@", rendered, failed,
                                 unchanged > 0 ? ", unchanged \(unchanged)" : "", seconds, outputDirectory.path))
            if failed > 0 { throw InputFailure() }
        }

        /// What an output depends on: the input's bytes, every option that changes the drawing,
        /// and the tool's version.
        private func cacheKey(for file: InputFile) -> String {
            var hasher = SHA256()
            let options = [view.rawValue, format.rawValue, layout.rawValue, lang.rawValue, highlight?.rawValue ?? "-",
                           String(force), pathway.key, Samhandling.version].joined(separator: "|")
            hasher.update(data: Data(options.utf8))
            if CSVFolder.isGraphFolder(file.url) {
                for name in CSVFolder.fileNames { hasher.update(data: (try? FileBytes.read(file.url.appendingPathComponent(name))) ?? Data()) }
            } else {
                hasher.update(data: (try? FileBytes.read(file.url)) ?? Data(UUID().uuidString.utf8))
            }
            return hasher.finalize().hexadecimal
        }

        /// Renders in `workers` worker processes of this same program. Files are handed out one
        /// at a time as each worker answers, so a worker that drew slow graphs does not leave the
        /// other idle at the end; a worker is replaced after `filesPerWorker` files (a fresh
        /// process sheds Graphviz's own per-layout leaks) or when it dies.
        private func renderInWorkers(_ files: [InputFile], workers: Int,
                                     each record: (InputFile, Result<[String], Diagnostic>) -> Void) throws {
            let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            var arguments = ["render", "--worker", "--out", out, "--format", format.rawValue, "--layout", layout.rawValue,
                             "--view", view.rawValue, "--lang", lang.rawValue,
                             "--window", String(pathway.window), "--episode-gap", String(pathway.episodeGap)]
            if let highlight { arguments += ["--highlight", highlight.rawValue] }
            if force { arguments.append("--force") }
            let workerArguments = arguments
            signal(SIGPIPE, SIG_IGN)  // a worker that died must be a write error here, not our end
            let queue = WorkQueue(files)
            let results = WorkerResults()
            let group = DispatchGroup()
            for _ in 0..<workers {
                group.enter()
                DispatchQueue.global().async {
                    defer { group.leave() }
                    var worker: RenderWorker?
                    var done = 0
                    while let (index, file) = queue.next() {
                        if worker == nil || done >= Self.filesPerWorker {
                            worker?.finish()
                            worker = try? RenderWorker(executable: executable, arguments: workerArguments)
                            done = 0
                        }
                        guard let current = worker else {
                            results.add(index, file, .failure(Diagnostic(file: file.displayPath, line: nil,
                                                                         message: "cannot start a render worker")))
                            continue
                        }
                        if let result = current.render(file) {
                            results.add(index, file, result)
                            done += 1
                        } else {
                            let status = current.finish()
                            results.add(index, file, .failure(Diagnostic(
                                file: file.displayPath, line: nil,
                                message: "the render worker stopped (exit status \(status)) before this file was done")))
                            worker = nil
                        }
                    }
                    worker?.finish()
                }
            }
            group.wait()
            for (file, result) in results.inInputOrder { record(file, result) }
        }

        static let filesPerWorker = 1_000

        /// A worker: reads `path, relative path, display path` lines from stdin, renders each,
        /// and answers `OK relative outputs…` or `ERR relative message` lines on stdout.
        private func runWorker() throws {
            let renderer = Renderer(engine: layout, format: format, force: force)
            let directory = URL(fileURLWithPath: out)
            while let line = readLine() {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 3 else { continue }
                let file = InputFile(url: URL(fileURLWithPath: fields[0]), relativePath: fields[1], displayPath: fields[2])
                do throws(Diagnostic) {
                    let outputs = try render(file, with: renderer, into: directory)
                    print((["OK", file.relativePath] + outputs).joined(separator: "\t"))
                } catch {
                    print(["ERR", file.relativePath, error.file, error.line.map(String.init) ?? "",
                           error.message.replacingOccurrences(of: "\n", with: " ")].joined(separator: "\t"))
                }
                fflush(nil)
            }
        }

        /// Renders one input; returns the outputs written, relative to the output folder.
        @discardableResult
        private func render(_ file: InputFile, with renderer: Renderer, into directory: URL) throws(Diagnostic) -> [String] {
            let name = file.displayPath
            if file.url.pathExtension.lowercased() == "csv" {
                return try renderEventLog(file, with: renderer, into: directory)
            }
            let loaded = try LoadedGraph.load(file.url, displayName: name)
            do {
                try renderer.admit(nodes: loaded.graph.nodes.count)
            } catch {
                throw Diagnostic(file: name, line: nil, message: error.description)
            }
            var admitted = renderer
            admitted.force = true  // admitted above; the view's own nodes (legend, rings) do not count
            var written: [String] = []
            for (suffix, styled) in try views(of: loaded.graph, name: name) {
                if view == .map || view == .pathway { admitted.engine = .neato }  // positions are pinned for neato
                written.append(try write(styled, with: admitted, for: file, suffix: suffix, into: directory))
            }
            return written
        }

        /// Renders one styled graph and writes it atomically; returns the output's path.
        private func write(_ styled: CollaborationGraph, with renderer: Renderer, for file: InputFile, suffix: String,
                           into directory: URL) throws(Diagnostic) -> String {
            let bytes: Data
            do {
                bytes = try renderer.render(dot: DOTWriter().write(styled))
            } catch {
                throw Diagnostic(file: file.displayPath, line: nil, message: error.description)
            }
            let target = file.output(in: directory, extension: suffix + format.fileExtension)
            do {
                try AtomicFile.write(bytes, to: target)
            } catch {
                throw Diagnostic(file: target.path, line: nil, message: "cannot write: \(error.localizedDescription)")
            }
            return target.path
        }

        /// The styled graphs to render for one input, each with the suffix its output file
        /// takes before the extension: one network, or one map per user (`name.kari.svg` when
        /// the file has several users).
        private func views(of graph: CollaborationGraph, name: String) throws(Diagnostic) -> [(String, CollaborationGraph)] {
            switch view {
            case .network:
                var network = NetworkView(language: lang)
                if highlight == .articulation {
                    let whole = graph.wholeGraphMeasures()
                    network.emphasizedNodes = Set(whole.articulationPoints)
                    network.emphasizedEdges = Set(whole.bridges)
                }
                return [("", network.styled(graph))]
            case .map:
                let users = graph.users.map(\.id)
                guard !users.isEmpty else {
                    throw Diagnostic(file: name, line: nil, message: "the map view needs a node of kind user; this graph has none")
                }
                return users.compactMap { user in
                    HelperMapView(language: lang).styled(graph, user: user).map { (users.count > 1 ? user.rawValue + "." : "", $0) }
                }
            case .structure:
                do {
                    _ = try graph.structureMeasures()  // a reporting cycle is an error, named
                } catch {
                    throw Diagnostic(file: name, line: nil, message: error.description)
                }
                return [("", StructureView(language: lang).styled(graph))]
            case .pathway:
                let extracted = graph.pathways()
                guard !extracted.pathways.isEmpty else {
                    throw Diagnostic(file: name, line: nil, message: "the pathway view needs a node of kind user; this graph has none")
                }
                let names = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.htmlAttributes.contains("label") ? $0.id.rawValue : $0.label) }) { a, _ in a }
                let pathwayView = PathwayView(language: lang, options: pathway.options(dataEnd: extracted.dataEnd), names: names)
                let several = extracted.pathways.count > 1
                return extracted.pathways.map { (several ? $0.user + "." : "", pathwayView.styled($0)) }
            }
        }

        /// One timeline per user of an event log (the only view an event log has).
        private func renderEventLog(_ file: InputFile, with renderer: Renderer, into directory: URL) throws(Diagnostic) -> [String] {
            let reader = EventLogReader(url: file.url, displayName: file.displayPath)
            let dataEnd = try reader.latestTime()
            var pending: [(String, CollaborationGraph)] = []
            let view = PathwayView(language: lang, options: pathway.options(dataEnd: dataEnd))
            let summary = try reader.forEachPathway(onRestart: { pending.removeAll() }) { pending.append(($0.user + ".", view.styled($0))) }
            summary.skipped.forEach { Console.error($0.description) }
            var neato = renderer
            neato.engine = .neato
            neato.force = true
            var written: [String] = []
            for (suffix, styled) in pending {
                written.append(try write(styled, with: neato, for: file, suffix: suffix, into: directory))
            }
            if !summary.skipped.isEmpty {
                throw Diagnostic(file: file.displayPath, line: nil, message: "\(summary.skipped.count) rows were skipped")
            }
            return written
        }
    }
}

/// The files still to render, handed out one at a time to the worker threads.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let files: [InputFile]
    private var taken = 0

    init(_ files: [InputFile]) { self.files = files }

    func next() -> (Int, InputFile)? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < files.count else { return nil }
        taken += 1
        return (taken - 1, files[taken - 1])
    }
}

/// The replies of worker processes, gathered from several threads.
final class WorkerResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [(index: Int, file: InputFile, result: Result<[String], Diagnostic>)] = []

    func add(_ index: Int, _ file: InputFile, _ result: Result<[String], Diagnostic>) {
        lock.lock()
        defer { lock.unlock() }
        results.append((index, file, result))
    }

    /// In the order of the inputs, so messages come out the same whatever the workers did.
    var inInputOrder: [(InputFile, Result<[String], Diagnostic>)] {
        lock.lock()
        defer { lock.unlock() }
        return results.sorted { $0.index < $1.index }.map { ($0.file, $0.result) }
    }
}

/// One worker process: a file goes in as a line on its standard input, and its answer comes
/// back as a line on its standard output (`OK relative outputs…` or `ERR relative file line message`).
final class RenderWorker {
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    private var buffer = Data()

    init(executable: URL, arguments: [String]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
    }

    /// The worker's answer for `file`; nil when the worker died first.
    func render(_ file: InputFile) -> Result<[String], Diagnostic>? {
        let line = [file.url.path, file.relativePath, file.displayPath].joined(separator: "\t") + "\n"
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(line.utf8))
        } catch {
            return nil
        }
        guard let reply = readLine() else { return nil }
        let fields = reply.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 2, fields[1] == file.relativePath else { return nil }
        if fields[0] == "OK" { return .success(Array(fields.dropFirst(2))) }
        guard fields[0] == "ERR", fields.count >= 5 else { return nil }
        return .failure(Diagnostic(file: fields[2], line: Int(fields[3]), message: fields[4]))
    }

    /// Closes the worker's input and waits for it to end; its exit status.
    @discardableResult
    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    private func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { return nil }  // end of file: the worker is gone
            buffer.append(chunk)
        }
    }
}

/// Which outputs are up to date: a manifest in the output folder maps each input to the hash
/// of what its outputs were made from, and the outputs.
struct RenderCache {
    struct Entry: Codable {
        var key: String
        var outputs: [String]
    }

    let file: URL
    private var entries: [String: Entry]

    init(directory: URL) {
        file = directory.appendingPathComponent(".samhandling-render.json")
        entries = (try? JSONDecoder().decode([String: Entry].self, from: FileBytes.read(file))) ?? [:]
    }

    /// The outputs were made from this very input and options, and are all still there.
    func isFresh(_ input: String, key: String) -> Bool {
        guard let entry = entries[input], entry.key == key, !entry.outputs.isEmpty else { return false }
        return entry.outputs.allSatisfy { FileManager.default.fileExists(atPath: $0) }
    }

    mutating func record(_ input: String, key: String, outputs: [String]) { entries[input] = Entry(key: key, outputs: outputs) }

    mutating func forget(_ input: String) { entries[input] = nil }

    func save() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(entries) { try? AtomicFile.write(data, to: file) }
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
