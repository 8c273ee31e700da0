import Foundation
import ServiceGraph

/// What rendering one input gave: the files written, and the problems found on the way (a file
/// with vocabulary errors is still drawn as far as it goes; the run then fails).
struct RenderOutcome: Equatable {
    var outputs: [String]
    var problems: [RenderManifest.Problem]
    /// The input's SHA-256 and stamp, taken as it was read to be rendered (`InputDigest`).
    var content: String? = nil
    var stamp: InputStamp? = nil
    /// From a worker: the texts it measured for this input (`TextMeasureStore`), as records.
    var textMeasures: [UInt8]? = nil
}

/// One worker process: this same program started to serve (`RenderJob.serveAsWorker`), sent the
/// job and then requests on its standard input, answering on its standard output.
final class RenderWorker {
    private let process = Process()
    private let input = Pipe(), output = Pipe()

    /// Why a worker could not be started, in words.
    struct StartFailure: Error {
        let reason: String
    }

    /// Starts the worker and sends it the job, the first frame. A worker that dies before it
    /// has the job (killed as it starts, say) is waited for, and the failure says why it ended.
    init(command: RenderJob.WorkerCommand, job: RenderJob) throws(StartFailure) {
        process.executableURL = command.executable
        process.arguments = command.arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw StartFailure(reason: "\(error)")
        }
        guard let frame = try? RenderFrames.encode(job), RenderFrames.write(frame, to: input.fileHandleForWriting) else {
            throw StartFailure(reason: finish())
        }
    }

    /// What asking a worker for a file gave.
    enum Answer {
        case result(Result<RenderOutcome, Diagnostic>)
        /// The worker ended before it answered: `finish()` says how.
        case ended
        /// It answered with bytes that are not a reply to this request; it has been stopped.
        case unreadable
    }

    /// The worker's answer for `file`.
    func render(_ file: InputFile) -> Answer {
        let request = RenderFrames.Request(path: file.path.stored, relativePath: file.relative.stored, displayPath: file.displayPath)
        guard RenderFrames.write(RenderFrames.encode(request), to: input.fileHandleForWriting) else { return .ended }
        switch RenderFrames.next(RenderFrames.Reply.self, from: output.fileHandleForReading) {
        case .end:
            return .ended
        case .unreadable:
            stop()
            return .unreadable
        case .frame(let reply):
            guard reply.relativePath == file.relative.stored else {
                stop()
                return .unreadable
            }
            if let outcome = reply.outcome { return .result(.success(outcome)) }
            return .result(.failure(reply.failure?.diagnostic
                                    ?? Diagnostic(file: file.displayPath, line: nil, message: "the render worker gave no answer")))
        }
    }

    /// Kills a worker whose replies cannot be trusted (it may be blocked writing the rest of one),
    /// and waits for it.
    private func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Closes the worker's input and waits for it to end: why it ended, in words.
    @discardableResult
    func finish() -> String {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let status = process.terminationStatus
        if process.terminationReason == .uncaughtSignal {
            let name = strsignal(status).map { String(cString: $0) } ?? "signal \(status)"
            return "the render worker was killed by signal \(status) (\(name))"
        }
        return "the render worker stopped with exit status \(status)"
    }

    /// The worker's side: reads the job, then answers each request with the renderer `start`
    /// makes for it until its input ends. Its standard output carries the frames alone
    /// (anything else printed goes to standard error).
    static func serve(_ start: (RenderJob) -> (InputFile) -> Result<RenderOutcome, Diagnostic>) {
        let channel = FileHandle(fileDescriptor: dup(STDOUT_FILENO), closeOnDealloc: true)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        guard let job = RenderFrames.read(RenderJob.self, from: FileHandle.standardInput) else { return }
        let render = start(job)
        while let request = RenderFrames.read(RenderFrames.Request.self, from: FileHandle.standardInput) {
            let result: Result<RenderOutcome, Diagnostic>
            if let path = PathBytes(stored: request.path), let relative = PathBytes(stored: request.relativePath) {
                result = render(InputFile(path: path, relative: relative, displayPath: request.displayPath))
            } else {
                result = .failure(Diagnostic(file: request.displayPath, line: nil, message: "the render worker was sent a path it cannot read"))
            }
            let reply: RenderFrames.Reply
            switch result {
            case .success(let outcome): reply = .init(relativePath: request.relativePath, outcome: outcome, failure: nil)
            case .failure(let diagnostic): reply = .init(relativePath: request.relativePath, outcome: nil, failure: .init(diagnostic))
            }
            guard RenderFrames.write(RenderFrames.encode(reply), to: channel) else { return }
        }
    }
}

/// Renders files in worker processes (libgraphviz is not thread-safe: parallelism is by process).
/// Files are handed out one at a time as each worker answers, so a worker that drew slow graphs
/// does not leave the other idle at the end; a worker is replaced after `filesPerWorker` files
/// (a fresh process sheds Graphviz's own per-layout leaks) or when it dies. Results are handed to
/// `record` on the calling thread in input order, as soon as each is known.
struct RenderPool {
    static let filesPerWorker = 1_000

    let command: RenderJob.WorkerCommand
    let job: RenderJob
    let workers: Int

    func run(_ files: [InputFile], record: (InputFile, Result<RenderOutcome, Diagnostic>) throws -> Void) rethrows {
        signal(SIGPIPE, SIG_IGN)  // a worker that died must be a write error here, not our end
        let queue = WorkQueue(files)
        let results = Results(count: files.count)
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            DispatchQueue.global().async { [command, job] in
                defer { group.leave() }
                var worker: RenderWorker?
                var startFailure = ""
                var done = 0
                while let (index, file) = queue.next() {
                    if worker == nil || done >= Self.filesPerWorker {
                        worker?.finish()
                        do throws(RenderWorker.StartFailure) {
                            worker = try RenderWorker(command: command, job: job)
                        } catch {
                            (worker, startFailure) = (nil, error.reason)
                        }
                        done = 0
                    }
                    guard let current = worker else {
                        results.add(index, .failure(Diagnostic(file: file.displayPath, line: nil,
                                                               message: "cannot start a render worker: \(startFailure)")))
                        continue
                    }
                    switch current.render(file) {
                    case .result(let result):
                        results.add(index, result)
                        done += 1
                    case .ended:
                        let reason = current.finish()
                        results.add(index, .failure(Diagnostic(file: file.displayPath, line: nil,
                                                               message: "\(reason) before this file was done")))
                        worker = nil
                    case .unreadable:
                        results.add(index, .failure(Diagnostic(file: file.displayPath, line: nil,
                                                               message: "the render worker's reply for this file could not be read; the worker was stopped")))
                        worker = nil
                    }
                }
                worker?.finish()
            }
        }
        for index in files.indices { try record(files[index], results.wait(for: index)) }
        group.wait()
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

    /// The replies, gathered from several threads and taken in input order.
    final class Results: @unchecked Sendable {
        private let condition = NSCondition()
        private var results: [Result<RenderOutcome, Diagnostic>?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func add(_ index: Int, _ result: Result<RenderOutcome, Diagnostic>) {
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }

        func wait(for index: Int) -> Result<RenderOutcome, Diagnostic> {
            condition.lock()
            defer { condition.unlock() }
            while results[index] == nil { condition.wait() }
            return results[index]!
        }
    }
}
