import Foundation
import Testing
@testable import Pipelines
import ServiceGraph

/// The binary bodies of the render workers' requests and replies (RenderFrames.swift): what is
/// written is read back the same, and bytes that are not a whole message are refused.
@Suite struct RenderFramesTests {
    private let hostile = ["", "a\tb", "line\nbreak\r\n", "æøå ÆØÅ – \u{1F600}", String(repeating: "x", count: 70_000),
                           "base64:/+8A", "\u{0}nul"]

    private var replies: [RenderFrames.Reply] {
        let stamp = InputStamp(device: .max, inode: 7, size: -1, modified: .min, changed: 0, checked: 1_700_000_000_000_000_000)
        let problems = [RenderManifest.Problem(file: "in/a\tb.dot", line: 3, severity: "error", message: "syntax error in line 3 near ';'"),
                        RenderManifest.Problem(file: "x", line: nil, severity: "warning", message: "")]
        return [
            .init(relativePath: "a.dot", outcome: nil, failure: nil),
            .init(relativePath: hostile[2], outcome: nil, failure: problems[0]),
            .init(relativePath: "b.dot", outcome: RenderOutcome(outputs: [], problems: []), failure: nil),
            .init(relativePath: hostile[3], outcome: RenderOutcome(outputs: hostile, problems: problems, content: String(repeating: "f", count: 64),
                                                                    stamp: stamp, textMeasures: (0..<112).map { UInt8($0) }), failure: nil),
        ]
    }

    private func body<T: FrameCodable>(_ value: T) -> [UInt8] {
        let frame = [UInt8](RenderFrames.encode(value))
        #expect(frame.prefix(4).reduce(0) { $0 << 8 | Int($1) } == frame.count - 4, "the length prefix is not the body's")
        return Array(frame.dropFirst(4))
    }

    private func decode<T: FrameCodable>(_ type: T.Type, _ bytes: [UInt8]) -> T? {
        var reader = FrameReader(bytes)
        guard let value = T(from: &reader), reader.atEnd else { return nil }
        return value
    }

    @Test func requestsAndRepliesComeBackAsTheyWent() {
        for path in hostile {
            let request = RenderFrames.Request(path: path, relativePath: path + "/r", displayPath: "shown " + path)
            #expect(decode(RenderFrames.Request.self, body(request)) == request)
        }
        for reply in replies { #expect(decode(RenderFrames.Reply.self, body(reply)) == reply) }
    }

    /// Every prefix of a message is torn; a byte more is not the message either.
    @Test func tornOrLongerBodiesAreRefused() {
        for reply in replies {
            let bytes = body(reply)
            for count in 0..<bytes.count { #expect(decode(RenderFrames.Reply.self, Array(bytes.prefix(count))) == nil, "\(count) of \(bytes.count) bytes") }
            #expect(decode(RenderFrames.Reply.self, bytes + [0]) == nil)
        }
    }

    @Test func countsAndMarksThatCannotBeAreRefused() {
        var huge = FrameBody()
        huge.put(UInt64.max)  // a string's count far beyond the body
        #expect(decode(RenderFrames.Request.self, huge.bytes) == nil)
        // An optional's mark that is neither 0 nor 1.
        var marked = body(RenderFrames.Reply(relativePath: "a.dot", outcome: nil, failure: nil))
        marked[marked.count - 2] = 2
        #expect(decode(RenderFrames.Reply.self, marked) == nil)
        // An outcome whose list of outputs claims more elements than there are bytes.
        var outcome = FrameBody()
        outcome.put(UInt64(1 << 40))
        #expect(decode(RenderOutcome.self, outcome.bytes) == nil)
    }

    /// Through a pipe, as the workers use it: the frames follow each other, and the end of the
    /// stream, or a frame cut short, reads as nil.
    @Test func framesReadFromAPipeOneAfterAnother() throws {
        let pipe = Pipe()
        let frames = replies.map { RenderFrames.encode($0) }
        let writer = pipe.fileHandleForWriting
        DispatchQueue.global().async {  // more than a pipe holds: written while it is read
            for frame in frames { #expect(RenderFrames.write(frame, to: writer)) }
            try? writer.write(contentsOf: frames[3].prefix(frames[3].count - 1))
            try? writer.close()
        }
        for reply in replies { #expect(RenderFrames.read(RenderFrames.Reply.self, from: pipe.fileHandleForReading) == reply) }
        #expect(RenderFrames.read(RenderFrames.Reply.self, from: pipe.fileHandleForReading) == nil)
    }
}

/// A worker whose reply cannot be read (it claims more than a frame may hold and goes on
/// writing, or its body is not a reply) is stopped, and its file fails with why: the run does not
/// hang waiting for it. One that dies inside a frame is named with how it ended.
@Suite struct UnreadableWorkerTests {
    @Test(arguments: [
        #"printf '\377\377\377\377'; exec cat /dev/zero"#,  // a length past 64 MB, then bytes without end
        #"printf '\000\000\000\002xx'; exec sleep 30"#,  // a whole frame that is not a reply, then silence
    ])
    func anUnreadableReplyStopsTheWorkerAndFailsItsFile(script: String) throws {
        var job = RenderJob()
        job.output = NSTemporaryDirectory()
        let pool = RenderPool(command: .init(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script]), job: job, workers: 1)
        let files = ["a.dot", "b.dot"].map { InputFile(url: URL(fileURLWithPath: "/nonexistent/" + $0), relativePath: $0) }
        var results: [String: Result<RenderOutcome, Diagnostic>] = [:]
        let start = ContinuousClock.now
        pool.run(files) { file, result in results[file.relativePath] = result }
        #expect(ContinuousClock.now - start < .seconds(20), "the run waited for the worker")
        for file in files {
            guard case .failure(let diagnostic) = results[file.relativePath] else {
                Issue.record("\(file.relativePath) did not fail")
                continue
            }
            #expect(diagnostic.message == "the render worker's reply for this file could not be read; the worker was stopped")
        }
    }
}

extension UnreadableWorkerTests {
    @Test(arguments: [
        // Each takes the job's first bytes before it dies: one that dies before the job is sent
        // fails its file as a worker that could not start (RenderWorker.init).
        (#"head -c 4 > /dev/null; printf '\000\000\000\010abc'; kill -9 $$"#, "the render worker was killed by signal 9 (Killed) before this file was done"),
        (#"head -c 4 > /dev/null; printf '\000\000\000\010abc'; exit 3"#, "the render worker stopped with exit status 3 before this file was done"),
    ])
    func aWorkerThatDiesInsideAFrameIsNamedWithHowItEnded(script: String, message: String) throws {
        var job = RenderJob()
        job.output = NSTemporaryDirectory()
        let pool = RenderPool(command: .init(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script]), job: job, workers: 1)
        let file = InputFile(url: URL(fileURLWithPath: "/nonexistent/a.dot"), relativePath: "a.dot")
        var result: Result<RenderOutcome, Diagnostic>?
        pool.run([file]) { _, answer in result = answer }
        guard case .failure(let diagnostic) = result else {
            Issue.record("the file did not fail")
            return
        }
        #expect(diagnostic.message == message)
    }
}
