import Foundation

/// Paths of test fixtures and of the repository, found from the test source files.
public enum Fixtures {
    /// `Tests/<Target>/Fixtures/<name>`, for the target whose test file passes its `#filePath`.
    public static func url(_ name: String, testFile: String = #filePath) -> URL {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Fixtures")
            .appendingPathComponent(name)
    }

    public static func text(_ name: String, testFile: String = #filePath) throws -> String {
        try String(contentsOf: url(name, testFile: testFile), encoding: .utf8)
    }

    /// The package's root folder (holding Package.swift, Graphs/, …).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding the built products (`samhandling`, `memory-probe`): the test
    /// runner's own folder.
    public static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// Runs a built product and returns its exit code, standard output and standard error.
    /// `environment` is added to this process's own.
    public static func run(_ product: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent(product)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Runs a built product with its output thrown away and returns its exit status and its peak
    /// resident memory in bytes, from its own resource usage (`wait4`), so that other processes
    /// the tests start meanwhile do not count, nor does the memory of the test process itself.
    public static func peakMemory(_ product: String, _ arguments: [String]) throws -> (status: Int32, bytes: Int) {
        // Linux records the high-water mark of the memory a process had when it called exec: a
        // child spawned straight from this (large) test process would be charged with it. So a
        // small Python process forks and execs the product and reports that grandchild's peak.
        let script = """
            import os, sys
            pid = os.fork()
            if pid == 0:
                fd = os.open(os.devnull, os.O_WRONLY)
                os.dup2(fd, 1); os.dup2(fd, 2)
                os.execv(sys.argv[1], sys.argv[1:])
            _, status, usage = os.wait4(pid, 0)
            print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
            """
        let path = productsDirectory.appendingPathComponent(product).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard fields.count == 2 else { throw CocoaError(.executableLoad) }
        return (Int32(fields[0]), fields[1] * 1_024)
    }

    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("samhandling-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Golden files: expected output kept in the repository. Run the tests with
/// `SAMHANDLING_UPDATE_GOLDEN=1` to rewrite them after a deliberate change, and review the diff.
public enum Golden {
    /// nil when `actual` matches the golden file, else a message saying where they part.
    public static func mismatch(_ actual: String, golden name: String, testFile: String = #filePath) -> String? {
        let url = Fixtures.url("golden/" + name, testFile: testFile)
        if ProcessInfo.processInfo.environment["SAMHANDLING_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "golden file \(name) is missing; run with SAMHANDLING_UPDATE_GOLDEN=1 to create it"
        }
        guard expected != actual else { return nil }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? expectedLines[index] : "<end of file>"
            let a = index < actualLines.count ? actualLines[index] : "<end of file>"
            if e != a { return "\(name):\(index + 1): expected «\(e)» but got «\(a)»" }
        }
        return "\(name) differs"
    }
}

/// The resident set size of this process, in bytes (Linux `/proc/self/statm`).
public func residentMemory() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
