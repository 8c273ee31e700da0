import Foundation
import Testing
import TestSupport
@testable import Pipelines
import ServiceGraph

/// What a researcher sharing health data must be able to trust: nothing written outside the
/// output folder, nothing written over what a path names, no name left by `anonymize`, no hang,
/// no silent loss, a manifest that never lies, spreadsheet cells that cannot run, no crash on a
/// full disk, help that reads cleanly.
private func samhandling(_ arguments: [String], in root: URL) throws -> (status: Int32, stdout: String, stderr: String) {
    try Fixtures.run("samhandling", arguments, in: root)
}

private func write(_ text: String, to name: String, in root: URL) throws {
    let url = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// Every regular file under `folder`, relative to it.
private func files(under folder: URL) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    var result: [String] = []
    while let path = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory),
           !isDirectory.boolValue { result.append(path) }
    }
    return result.sorted()
}

private let smallLog = """
    user,time,kind,actor,service,level
    u,2024-01-01,contact,gp,legekontor,municipal
    u,2024-01-08,contact,psy,dps,dps

    """

@Suite struct OutputPathTests {
    /// User ids that would climb out of the output folder, make folders, or hold control
    /// characters become safe, readable, distinct file names inside it.
    @Test(arguments: ["map", "pathway"])
    func perUserFilesStayInsideTheOutputFolder(view: String) throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let long = String(repeating: "long", count: 80)
        let users = ["../../../escape", "a/b", "a_b", "tab\there", "..", long, "Kari"]
        var dot = "digraph {\n  gp [kind=professional, level=municipal];\n"
        for (index, user) in users.enumerated() {
            let quoted = user.replacingOccurrences(of: "\t", with: "\\t")
            dot += "  \"\(quoted)\" [kind=user];\n  \"\(quoted)\" -> gp [kind=contact, date=\"2024-01-0\(index + 1)\"];\n"
        }
        try write(dot + "}\n", to: "in/g.dot", in: root)
        let result = try samhandling(["render", "in/g.dot", "--view", view, "--out", "a/b/out", "--jobs", "1"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let everything = files(under: root)
        let outside = everything.filter { !$0.hasPrefix("a/b/out/") && !$0.hasPrefix("in/") }
        #expect(outside.isEmpty, "written outside the output folder: \(outside)")
        let outputs = files(under: root.appendingPathComponent("a/b/out")).filter { $0.hasSuffix(".svg") }
        #expect(outputs.count == users.count, "\(outputs)")
        #expect(outputs.allSatisfy { !$0.contains("/") && !$0.contains("\t") && $0.utf8.count <= 200 }, "\(outputs)")
        #expect(outputs.contains("g.Kari.svg"))
        #expect(outputs.contains { $0.contains("escape") } && outputs.contains { $0.contains("a_b") })
        // Run again: the same names (deterministic), and the run is incremental.
        let again = try samhandling(["render", "in/g.dot", "--view", view, "--out", "a/b/out", "--jobs", "1", "--force"], in: root)
        #expect(again.status == 0)
        #expect(files(under: root.appendingPathComponent("a/b/out")).filter { $0.hasSuffix(".svg") } == outputs)
    }
}

@Suite struct WriteThroughTests {
    @Test func aSymlinkIsFollowedAndKept() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(smallLog, to: "log.csv", in: root)
        try write("old\n", to: "data/target.csv", in: root)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.csv").path,
                                                   withDestinationPath: "data/target.csv")
        let result = try samhandling(["handovers", "log.csv", "--out", "link.csv"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let type = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("link.csv").path)[.type]
        #expect(type as? FileAttributeType == .typeSymbolicLink)
        let target = try String(contentsOf: root.appendingPathComponent("data/target.csv"), encoding: .utf8)
        #expect(target.hasPrefix("source,target,count"))
        // A dangling link: its target is created.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("dangling.dot").path,
                                                   withDestinationPath: "data/new.dot")
        #expect(try samhandling(["convert", "log.csv", "dangling.dot"], in: root).status == 0)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("data/new.dot").path))
    }

    @Test func aFIFOIsWrittenIntoNotReplaced() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(smallLog, to: "log.csv", in: root)
        let fifo = root.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = LockedData()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { received.set(handle.readDataToEndOfFile()) }
        }
        reader.start()
        let result = try samhandling(["handovers", "log.csv", "--out", "pipe.csv"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        for _ in 0..<200 where received.get() == nil { Thread.sleep(forTimeInterval: 0.02) }
        #expect(String(decoding: received.get() ?? Data(), as: UTF8.self).hasPrefix("source,target,count"))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
    }

    @Test func aDashIsStandardOutput() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(smallLog, to: "log.csv", in: root)
        let handovers = try samhandling(["handovers", "log.csv", "--out", "-"], in: root)
        #expect(handovers.status == 0 && handovers.stdout.hasPrefix("source,target,count"), "\(handovers.stderr)")
        let json = try samhandling(["convert", "log.csv", "-", "--to", "json"], in: root)
        #expect(json.status == 0 && json.stdout.contains("\"nodes\""), "\(json.stderr)")
        let dot = try samhandling(["convert", "log.csv", "-"], in: root)  // DOT unless --to says otherwise
        #expect(dot.status == 0 && dot.stdout.hasPrefix("digraph"), "\(dot.stderr)")
        let anonymous = try samhandling(["anonymize", "log.csv", "-", "--to", "dot"], in: root)
        #expect(anonymous.status == 0 && anonymous.stdout.hasPrefix("digraph") && !anonymous.stdout.contains("psy"))
        let generated = try samhandling(["generate", "event-log", "--users", "2", "--events", "6", "--out", "-"], in: root)
        #expect(generated.status == 0 && generated.stdout.hasPrefix("user,time,kind"))
        #expect(files(under: root) == ["log.csv"], "a file named '-' was written")
        let folder = try samhandling(["convert", "log.csv", "-", "--to", "csv"], in: root)
        #expect(folder.status == 2 && folder.stderr.contains("a CSV folder cannot go to standard output"))
        let egor = try samhandling(["convert", "log.csv", "-", "--to", "egor"], in: root)
        #expect(egor.status == 2 && egor.stderr.contains("egor's tables (a folder) cannot go to standard output"))
    }
}

/// Thread-safe box for the FIFO reader.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data? { lock.lock(); defer { lock.unlock() }; return data }
}

@Suite struct AnonymizeLeakTests {
    /// The case found by trying: a GP labelled with a full name, named again in a service label,
    /// an edge label, a mailto link, an edge tooltip and the graph's comment.
    @Test(arguments: ["dot", "graphml", "json", "csv", "events"])
    func noNameSurvivesInAnyFormat(format: String) throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("""
            digraph {
              graph [comment="case owner Ola Hansen", title="Helper network"];
              kari [kind=user, label="Kari Ødegård"];
              gp [kind=professional, label="Dr Per Hansen", role="GP", service=legekontor, email="per.hansen@example.org"];
              legekontor [kind=service, label="Legekontoret v/ Per Hansen", level=municipal, tooltip="Hansens kontor"];
              kari -> gp [kind=contact, date="2024-01-08", label="Kari saw Per Hansen",
                          URL="mailto:per.hansen@example.org", edgetooltip="odegard"];
              gp -> legekontor [kind=member];
            }
            """, to: "g.dot", in: root)
        let output = format == "csv" ? "out" : "out." + (format == "events" ? "csv" : format)
        let result = try samhandling(["anonymize", "g.dot", output, "--key", "k.key"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let text = files(under: root.appendingPathComponent(format == "csv" ? "out" : "."))
            .filter { $0.hasPrefix("out") || format == "csv" }
            .compactMap { try? String(contentsOf: root.appendingPathComponent(format == "csv" ? "out/" + $0 : $0), encoding: .utf8) }
            .joined(separator: "\n")
        #expect(!text.isEmpty)
        let folded = text.lowercased()
        for name in ["hansen", "per.", " per ", "kari", "ødegård", "odegard", "ola", "example.org", "mailto"] {
            #expect(!folded.contains(name), "«\(name)» survives in the \(format) output")
        }
        if format != "events" { #expect(folded.contains("gp"), "the role was kept") }
    }
}

@Suite struct WorkerProtocolTests {
    /// File names with a tab, a newline and a backslash render with two workers, under a watchdog.
    @Test func anyByteInAFileNameRendersInWorkers() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let names = ["tab\there.dot", "new\nline.dot", "back\\slash.dot", "plain.dot"]
        for name in names { try write("digraph { a -> b }", to: "in/" + name, in: root) }
        let process = Process()
        process.executableURL = Fixtures.productsDirectory.appendingPathComponent("samhandling")
        process.arguments = ["render", "in", "--out", "out", "--jobs", "2"]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let hung = process.isRunning
        if hung { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(!hung, "render --jobs 2 hung on file names with control characters")
        #expect(process.terminationStatus == 0)
        let outputs = files(under: root.appendingPathComponent("out")).filter { $0.hasSuffix(".svg") }
        #expect(outputs.count == names.count, "\(outputs)")
    }
}

extension WorkerProtocolTests {
    /// A file whose name is not UTF-8 (Latin-1 `café`, in its own name or its folder's) renders
    /// to an output of the same bytes with the new extension, with one worker or two, the same
    /// bytes as a UTF-8-named copy; the manifest stays JSON and the next run is incremental;
    /// messages show the name with `\x` escapes; metrics and validate read it. An event log so
    /// named is reported by metrics (it is read through Foundation), never dropped.
    @Test func aFileNameThatIsNotUTF8Renders() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let graph = "digraph { a -> b; b [kind=typo] }"
        try write(graph, to: "in/sub/plain.dot", in: root)
        func raw(_ parts: [UInt8]...) -> [UInt8] { Array(root.path.utf8) + parts.flatMap { $0 } }
        func exists(_ path: [UInt8]) -> Bool { var info = stat(); return stat(path.map { CChar(bitPattern: $0) } + [0], &info) == 0 }
        let latin1Name = Array("/in/sub/caf".utf8) + [0xE9]
        let latin1Folder = Array("/in/r".utf8) + [0xF8] + Array("d".utf8)
        try #require(mkdir((raw(latin1Folder)).map { CChar(bitPattern: $0) } + [0], 0o755) == 0)
        for path in [raw(latin1Name, Array(".dot".utf8)), raw(latin1Folder, Array("/x.dot".utf8)), raw(latin1Name, Array(".csv".utf8))] {
            let descriptor = open(path.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
            try #require(descriptor >= 0)
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: Data((path.last == UInt8(ascii: "v") ? "user,time,kind\n" : graph).utf8))
            try handle.close()
        }
        for jobs in ["1", "2"] {
            let out = "out" + jobs
            let result = try samhandling(["render", "in", "--out", out, "--jobs", jobs], in: root)
            #expect(result.status == 1, "jobs \(jobs)")  // the vocabulary error
            #expect(result.stderr.contains("in/sub/caf\\xE9.dot:1: error:"), "\(result.stderr)")
            #expect(result.stderr.contains("in/r\\xF8d/x.dot:1: error:"), "\(result.stderr)")
            #expect(result.stderr.contains("rendered 3, failed 0"), "\(result.stderr)")
            let plain = try Data(contentsOf: root.appendingPathComponent(out + "/sub/plain.svg"))
            for output in [Array("/\(out)/sub/caf".utf8) + [0xE9] + Array(".svg".utf8),
                           Array("/\(out)/r".utf8) + [0xF8] + Array("d/x.svg".utf8)] {
                let descriptor = open(raw(output).map { CChar(bitPattern: $0) } + [0], O_RDONLY)
                try #require(descriptor >= 0, "jobs \(jobs): no output \(output)")
                let bytes = try FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).readToEnd() ?? Data()
                #expect(bytes == plain, "jobs \(jobs)")
            }
            let manifest = try Data(contentsOf: root.appendingPathComponent(out + "/.samhandling-render.json"))
            let entries = try #require(try JSONSerialization.jsonObject(with: manifest) as? [String: Any])
            #expect(entries.count == 3)
            let again = try samhandling(["render", "in", "--out", out, "--jobs", jobs], in: root)
            #expect(again.stderr.contains("rendered 0, failed 0, unchanged 3"), "\(again.stderr)")
            #expect(again.stderr.contains("in/sub/caf\\xE9.dot:1: error:"), "\(again.stderr)")
            // Nothing else was written: no temporary file left, no name with U+FFFD.
            #expect(!files(under: root.appendingPathComponent(out)).contains { $0.contains("\u{FFFD}") || $0.contains(".tmp-") })
        }
        #expect(exists(raw(Array("/out1/sub/caf".utf8) + [0xE9] + Array(".svg".utf8))))
        let metrics = try samhandling(["metrics", "in", "--format", "json"], in: root)
        #expect(metrics.stdout.contains("caf\\\\xE9.dot"), "\(metrics.stdout.prefix(400))")
        #expect(metrics.stdout.contains("r\\\\xF8d/x.dot") || metrics.stdout.contains("r\\\\xF8d\\/x.dot"), "\(metrics.stdout.prefix(400))")
        #expect(metrics.stderr.contains("caf\\xE9.csv: error: the file name is not UTF-8"), "\(metrics.stderr)")
        let validation = try samhandling(["validate", "in"], in: root)
        #expect(validation.stdout.contains("in/sub/caf\\xE9.dot:1: error:"), "\(validation.stdout)")
    }

    /// A worker killed mid-batch: its file is reported failed with the signal, a new worker
    /// takes the rest, and nothing hangs.
    @Test func aKilledWorkerIsNamedAndReplaced() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try samhandling(["generate", "helper-networks", "--count", "200", "--out", "in"], in: root)
        let process = Process()
        process.executableURL = Fixtures.productsDirectory.appendingPathComponent("samhandling")
        process.arguments = ["render", "in", "--out", "out", "--jobs", "2"]
        process.currentDirectoryURL = root
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Find a worker (a child started with --worker) and kill it.
        var killed = false
        for _ in 0..<2_000 where !killed && process.isRunning {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = Int32(entry),
                      let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                      let close = stat.lastIndex(of: ")"),
                      stat[stat.index(close, offsetBy: 2)...].split(separator: " ").dropFirst().first == Substring(String(process.processIdentifier)),
                      let command = try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8),
                      command.contains("--worker") else { continue }
                kill(pid, SIGKILL)
                killed = true
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(killed, "no worker was found to kill")
        #expect(process.terminationStatus == 1)
        #expect(message.contains("killed by signal 9"), "\(message)")
        #expect(message.contains("rendered 199, failed 1") || message.contains("rendered 200, failed 0"), "\(message)")
    }
}

@Suite struct SilentLossTests {
    @Test func deepNestingIsAnErrorNotAnEmptyGraph() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("digraph { " + String(repeating: "{ ", count: 3_331) + "a -> b" + String(repeating: " }", count: 3_331) + " }",
                  to: "deep.dot", in: root)
        let validate = try samhandling(["validate", "deep.dot"], in: root)
        #expect(validate.status == 1 && validate.stdout.contains("deep.dot:1: error:"), "\(validate.stdout)\(validate.stderr)")
        let convert = try samhandling(["convert", "deep.dot", "deep.json"], in: root)
        #expect(convert.status == 1 && convert.stderr.contains("deep.dot"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("deep.json").path))
    }

    @Test func renderAndMetricsReportWhatValidateFinds() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("""
            digraph {
              kari [kind=usr];
              gp [kind=professional, level=municipal];
              kari -> gp [kind=contact, date="2024-02-30"];
            }
            """, to: "bad.dot", in: root)
        for command in [["render", "bad.dot", "--out", "out", "--jobs", "1"], ["metrics", "bad.dot"]] {
            let result = try samhandling(command, in: root)
            #expect(result.status == 1, "\(command[0]) accepted unknown kinds and impossible dates")
            #expect(result.stderr.contains("bad.dot:2: error: node 'kari' has unknown kind 'usr'"), "\(result.stderr)")
            #expect(result.stderr.contains("bad.dot:4: error:") && result.stderr.contains("'2024-02-30'")
                    && result.stderr.contains("February 2024 has 29 days"), "\(result.stderr)")
        }
        try write("digraph { u [kind=user]; gp [kind=professional, level=municipal]; u -> gp [kind=contact]; x }",
                  to: "warn.dot", in: root)
        let render = try samhandling(["render", "warn.dot", "--out", "out", "--jobs", "1"], in: root)
        #expect(render.status == 0 && render.stderr.contains("warn.dot:1: warning:"), "\(render.stderr)")
        #expect(render.stderr.contains("2 warnings"), "the summary line does not count the warnings: \(render.stderr)")
        #expect(try samhandling(["render", "warn.dot", "--out", "out2", "--strict", "--jobs", "1"], in: root).status == 1)
        #expect(try samhandling(["metrics", "warn.dot", "--strict"], in: root).status == 1)
        // An undated contact is a warning: --strict fails on it.
        let strict = try samhandling(["validate", "--strict", "warn.dot"], in: root)
        #expect(strict.status == 1 && strict.stdout.contains("has no date"), "\(strict.stdout)")
    }

    @Test func datesSayWhatIsWrong() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("""
            digraph {
              u [kind=user]; gp [kind=professional, level=municipal];
              u -> gp [kind=contact, date="01.03.2024"];
              u -> gp [kind=contact, date="2024-03-01T10:00+01:00"];
              u -> gp [kind=contact, date="2024-03-01T10:00Z"];
            }
            """, to: "dates.dot", in: root)
        let result = try samhandling(["validate", "dates.dot"], in: root)
        #expect(result.stdout.contains("dates.dot:3: error:") && result.stdout.contains("did you mean 2024-03-01?"), "\(result.stdout)")
        #expect(result.stdout.contains("dates.dot:4: error:") && result.stdout.contains("time-zone offsets"), "\(result.stdout)")
        #expect(result.stdout.contains("dates.dot:5: error:"))
        try write("user,time,kind,actor,service,level\nu,01.03.2024,contact,gp,s,municipal\n", to: "log.csv", in: root)
        let log = try samhandling(["metrics", "log.csv"], in: root)
        #expect(log.stderr.contains("log.csv:2: error:") && log.stderr.contains("did you mean 2024-03-01?"), "\(log.stderr)")
    }

    @Test func noInputFoundIsAFailure() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("just notes", to: "empty/readme.txt", in: root)
        for command in [["validate", "empty"], ["metrics", "empty"], ["render", "empty", "--out", "out"], ["report", "empty", "--out", "r"]] {
            let result = try samhandling(command, in: root)
            #expect(result.status == 1, "\(command[0]) found nothing and exited \(result.status)")
            #expect(result.stderr.contains("empty: error: no graphs found"), "\(command[0]): \(result.stderr)")
        }
    }

    @Test func csvFoldersAreFoundWhateverTheCaseAndStrayFilesAreNamed() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("id,kind,level\nu,user,\ngp,professional,municipal\n", to: "g/Nodes.CSV", in: root)
        try write("source,target,kind,date\nu,gp,contact,2024-01-01\n", to: "g/Edges.CSV", in: root)
        try write("source,target\nu,gp\n", to: "g/kanter.csv", in: root)
        let result = try samhandling(["metrics", "--format", "csv", "g"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("g,u,1,"), "\(result.stdout)")
        #expect(result.stderr.contains("kanter.csv: warning:") && result.stderr.contains("ignored"), "\(result.stderr)")
        try write("source,target,kind\nu,gp,contact\nu\n", to: "h/edges.csv", in: root)
        let bad = try samhandling(["validate", "h"], in: root)
        #expect(bad.status == 1 && (bad.stdout + bad.stderr).contains("h/edges.csv:3: error:"), "\(bad.stdout)\(bad.stderr)")
    }

    @Test func unknownGraphMLEntitiesAreErrors() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="label" for="node" attr.name="label" attr.type="string"/>
              <graph edgedefault="directed">
                <node id="a"><data key="label">A&xxe;B</data></node>
              </graph>
            </graphml>
            """, to: "e.graphml", in: root)
        let result = try samhandling(["validate", "e.graphml"], in: root)
        #expect(result.status == 1, "an unknown entity was dropped silently")
        #expect((result.stdout + result.stderr).contains("e.graphml:5: error:"), "\(result.stdout)\(result.stderr)")
    }

    @Test func aContactBetweenARelativeAndAHelperSaysWhatItShouldBe() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("digraph { u [kind=user]; m [kind=relative]; gp [kind=professional]; m -> gp [kind=contact] }", to: "r.dot", in: root)
        let result = try samhandling(["validate", "r.dot"], in: root)
        #expect(result.stdout.contains("collaboration"), "\(result.stdout)")
    }

    @Test func aFIFOGivenAsInputIsNotAFile() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(mkfifo(root.appendingPathComponent("in.dot").path, 0o600) == 0)
        let result = try samhandling(["validate", "in.dot"], in: root)
        #expect(result.status == 1 && result.stderr.contains("in.dot: error: not a regular file"), "\(result.stderr)")
    }
}

@Suite struct ManifestTests {
    @Test func aManifestThatCannotBeWrittenIsAnError() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("digraph { a -> b }", to: "g.dot", in: root)
        // A folder where the manifest goes: it cannot be written.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("out/.samhandling-render.json"),
                                                withIntermediateDirectories: true)
        let result = try samhandling(["render", "g.dot", "--out", "out", "--jobs", "1"], in: root)
        #expect(result.status == 1, "an unwritable manifest was ignored")
        #expect(result.stderr.contains(".samhandling-render.json"), "\(result.stderr)")
    }

    @Test func aKilledBatchKeepsWhatItFinished() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let made = try samhandling(["generate", "helper-networks", "--count", "150", "--out", "in"], in: root)
        try #require(made.status == 0)
        let process = Process()
        process.executableURL = Fixtures.productsDirectory.appendingPathComponent("samhandling")
        process.arguments = ["render", "in", "--out", "out", "--jobs", "1"]
        process.currentDirectoryURL = root
        process.standardError = FileHandle.nullDevice
        try process.run()
        let out = root.appendingPathComponent("out")
        while process.isRunning && files(under: out).filter({ $0.hasSuffix(".svg") }).count < 40 { Thread.sleep(forTimeInterval: 0.01) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let manifest = try #require(try? Data(contentsOf: out.appendingPathComponent(".samhandling-render.json")))
        let entries = try #require(try JSONSerialization.jsonObject(with: manifest) as? [String: Any])
        #expect(entries.count >= 20, "the killed run recorded \(entries.count) finished files")
        let again = try samhandling(["render", "in", "--out", "out", "--jobs", "1"], in: root)
        #expect(again.stderr.contains("unchanged \(entries.count)"), "\(again.stderr)")
    }

    @Test func twoRendersIntoOneFolderKeepBothEntries() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try samhandling(["generate", "helper-networks", "--count", "60", "--out", "a"], in: root)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("b"), withIntermediateDirectories: true)
        for index in 30..<60 {
            let name = String(format: "network-%05d.dot", index)
            try FileManager.default.moveItem(at: root.appendingPathComponent("a/" + name), to: root.appendingPathComponent("b/" + name))
        }
        // a/ and b/ at once into one output folder: neither run may lose the other's entries.
        let processes = ["a", "b"].map { folder -> Process in
            let process = Process()
            process.executableURL = Fixtures.productsDirectory.appendingPathComponent("samhandling")
            process.arguments = ["render", folder, "--out", "out", "--jobs", "1"]
            process.currentDirectoryURL = root
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let manifest = try Data(contentsOf: root.appendingPathComponent("out/.samhandling-render.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: manifest) as? [String: Any])
        #expect(entries.count == 60, "\(entries.count) of 60 entries kept")
    }
}

@Suite struct SpreadsheetCellTests {
    @Test func formulaCellsAreGuardedAndReadBackUnchanged() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("""
            digraph {
              u [kind=user, label="=HYPERLINK(\\"http://x\\")"];
              gp [kind=professional, label="+sum", level=municipal, note="@cmd", fte="-1.5"];
              u -> gp [kind=contact, date="2024-01-01", label="-2+3"];
            }
            """, to: "g.dot", in: root)
        #expect(try samhandling(["convert", "g.dot", "folder"], in: root).status == 0)
        let nodes = try String(contentsOf: root.appendingPathComponent("folder/nodes.csv"), encoding: .utf8)
        #expect(nodes.contains("'=HYPERLINK") && nodes.contains("'+sum") && nodes.contains("'@cmd"), "\(nodes)")
        #expect(nodes.contains(",-1.5") && !nodes.contains("'-1.5"), "a plain number is not a formula")
        let edges = try String(contentsOf: root.appendingPathComponent("folder/edges.csv"), encoding: .utf8)
        #expect(edges.contains("'-2+3"))
        #expect(try samhandling(["convert", "folder", "back.json"], in: root).status == 0)
        #expect(try samhandling(["convert", "g.dot", "direct.json"], in: root).status == 0)
        #expect(try String(contentsOf: root.appendingPathComponent("back.json"), encoding: .utf8)
                == String(contentsOf: root.appendingPathComponent("direct.json"), encoding: .utf8))

        try write("user,time,kind,actor,service,level\n=u,2024-01-01,contact,+gp,@s,municipal\n=u,2024-01-02,contact,-p,s,municipal\n",
                  to: "log.csv", in: root)
        let handovers = try samhandling(["handovers", "log.csv"], in: root)
        #expect(handovers.stdout.contains("'+gp,'-p,1"), "\(handovers.stdout)")
        let metrics = try samhandling(["metrics", "--format", "csv", "log.csv"], in: root)
        #expect(metrics.stdout.contains("log.csv,'=u,"), "\(metrics.stdout)")
    }
}

@Suite struct StandardOutputTests {
    @Test func aFullDiskOnStandardOutputIsAMessageNotACrash() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(smallLog, to: "log.csv", in: root)
        try write("digraph { a -> b }", to: "warn.dot", in: root)  // validate prints its warnings on standard output
        for command in [["metrics", "--format", "csv", "log.csv"], ["metrics", "--format", "json", "log.csv"],
                        ["handovers", "log.csv"], ["validate", "warn.dot"], ["convert", "log.csv", "-"]] {
            let process = Process()
            process.executableURL = Fixtures.productsDirectory.appendingPathComponent("samhandling")
            process.arguments = command
            process.currentDirectoryURL = root
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(command): \(message)")
            #expect(message.contains("standard output") && !message.contains("Fatal error"), "\(command): \(message)")
        }
    }
}

@Suite struct HelpAndDefaultsTests {
    @Test(arguments: ["render", "metrics", "handovers", "compare", "report", "convert", "anonymize", "validate", "generate"])
    func helpHasNoStrayBackslashes(command: String) throws {
        let result = try samhandling([command, "--help"], in: Fixtures.repositoryRoot)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\\\n") && !result.stdout.contains(" \\ "), "\(result.stdout)")
    }

    @Test func noArgumentsOutsideACheckout() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for command in ["render", "report"] {
            let result = try samhandling([command], in: root)
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("Graphs: error"), "\(command) talks of a Graphs folder: \(result.stderr)")
        }
        let created = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(created.isEmpty, "something was created: \(created)")
    }

    @Test func anOutputFolderThatIsAFileIsReportedOnce() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("digraph { a -> b }", to: "in/a.dot", in: root)
        try write("digraph { c -> d }", to: "in/b.dot", in: root)
        try write("not a folder", to: "out", in: root)
        let result = try samhandling(["render", "in", "--out", "out", "--jobs", "1"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.components(separatedBy: "out: error:").count == 2, "\(result.stderr)")
        #expect(result.stderr.contains("not a folder"))
    }
}

/// The manifest's JSON is written by hand (JSONEncoder was slower than the renders at a thousand
/// inputs): what it writes reads back with JSONDecoder as it was, whatever the strings hold.
@Suite struct ManifestJSONTests {
    @Test func everyStringReadsBackAsWritten() throws {
        let hostile = "q\"uote \\ back\tslash\n\u{0}\u{1F} é 𝄞 </script>"
        let entries: [String: RenderManifest.Entry] = [
            hostile: .init(key: "k", outputs: [hostile, "/out/a.svg"], problems: [
                .init(Diagnostic(file: hostile, line: 3, severity: .warning, message: hostile)),
                .init(Diagnostic(file: "f", line: nil, message: "m")),
            ]),
            "\u{0}Y2Fm6S5kb3Q=": .init(key: "", outputs: [], problems: nil),
            "b": .init(key: "x", outputs: ["b.svg"], problems: []),
        ]
        var fragments: [String: [UInt8]] = [:]
        let data = RenderManifest.json(entries, fragments: &fragments)
        #expect(try JSONDecoder().decode([String: RenderManifest.Entry].self, from: data) == entries)
        #expect(RenderManifest.json(entries, fragments: &fragments) == data)  // from the kept fragments
        #expect(ManifestReader.entries(data) == entries)
    }

    /// The hand-written reader reads what the writer writes, stamps and digests included, and
    /// leaves anything else to JSONDecoder (it answers nil rather than guess).
    @Test func theReaderReadsWhatIsWrittenAndNothingElse() throws {
        let stamp = InputStamp(device: 2049, inode: 1_234_567, size: 3_021, modified: 1_764_000_000_123_456_789,
                               changed: 1_764_000_000_123_456_789, checked: 1_764_000_099_000_000_001)
        let entries: [String: RenderManifest.Entry] = [
            "in/a.dot": .init(key: "k1", outputs: ["out/a.svg"], problems: [], content: "ab12", stamp: stamp),
            "é 𝄞\u{7}\"": .init(key: "k2", outputs: [], problems: [.init(Diagnostic(file: "f", line: 12, severity: .warning, message: "w\n"))]),
        ]
        var fragments: [String: [UInt8]] = [:]
        let written = RenderManifest.json(entries, fragments: &fragments)
        #expect(ManifestReader.entries(written) == entries)
        #expect(try JSONDecoder().decode([String: RenderManifest.Entry].self, from: written) == entries)
        // JSONEncoder's own text (other escapes, "\/", other order) reads the same.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        #expect(ManifestReader.entries(try encoder.encode(entries)) == entries)
        #expect(ManifestReader.entries(Data(#"{"a":{"key":"k","outputs":["a\/b","\ud834\udd1e"]}}"#.utf8))?["a"]?.outputs == ["a/b", "𝄞"])
        for text in [#"{"a":{"key":"k","outputs":[],"extra":1}}"#, #"{"a":{"key":"k"}}"#, #"{"a":{"key":"k","outputs":[]}"#,
                     #"{"a":{"key":"k","outputs":[]}} x"#, #"{"a":{"key":"k","outputs":["\ud834"]}}"#,
                     #"{"a":{"key":"k","outputs":[],"problems":[{"file":"f","line":1.5,"severity":"error","message":"m"}]}}"#, ""] {
            #expect(ManifestReader.entries(Data(text.utf8)) == nil, "\(text)")
        }
    }
}

/// The rule by which a stamp stands for a file's bytes (InputStamp).
@Suite struct InputStampTests {
    private let settled = InputStamp(device: 1, inode: 2, size: 3, modified: 10_000_000_000, changed: 10_000_000_000,
                                     checked: 13_000_000_000)

    @Test func aSettledStampVouchesForTheSameFile() {
        var now = settled
        now.checked = 99_000_000_000
        #expect(settled.vouches(for: now))
    }

    @Test func anyDifferenceOrAnUnsettledTimeDoesNot() {
        for change in [\InputStamp.modified, \InputStamp.changed, \InputStamp.size] {
            var now = settled
            now[keyPath: change] += 1
            #expect(!settled.vouches(for: now))
        }
        var moved = settled
        moved.inode += 1
        #expect(!settled.vouches(for: moved))
        moved = settled
        moved.device += 1
        #expect(!settled.vouches(for: moved))
        // Written less than 3 s before the stamp was taken: a write in the same tick could keep the times.
        var recent = settled
        recent.checked = recent.changed + InputStamp.settle - 1
        #expect(!recent.vouches(for: recent))
        recent.checked = recent.changed + InputStamp.settle
        #expect(recent.vouches(for: recent))
    }
}
