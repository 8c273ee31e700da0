import Foundation
import GraphvizSupport
import ServiceGraph

/// The tool's version: in every report's meta and in the render cache key.
public enum Tool {
    public static let version = "0.1.0"
}

/// Some inputs failed; each was already reported with its file and line. The command ends
/// with exit code 1.
public struct InputFailure: Error {
    public init() {}
}

/// Where messages for people go: stderr, so that stdout stays clean for data.
public enum Console {
    public static func error(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
    }

    /// Text to standard output as it is, unbuffered (so it keeps its place among whole files
    /// copied to standard output). A failure to write — a full disk, a closed descriptor — is
    /// reported and ends the command with exit 1: output that did not arrive must not look done.
    public static func write(_ text: String) throws { try write(Data(text.utf8)) }

    public static func write(_ data: Data) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch {
            Console.error("samhandling: error: cannot write to standard output: \(OutputPath.reason(error))")
            throw InputFailure()
        }
    }

    /// Reports each problem, and counts them by severity.
    static func report(_ problems: [Diagnostic], errors: inout Int, warnings: inout Int) {
        for problem in problems {
            Console.error(problem.description)
            if problem.severity == .error { errors += 1 } else { warnings += 1 }
        }
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// A file a command was asked to write: a path, or `-` for standard output.
public enum OutputPath {
    public static let standardOutput = "-"

    /// Writes `data` to `path` (through `AtomicFile`: symlinks followed, FIFOs and devices
    /// written into, never replaced), or to standard output for `-`; a failure is reported with
    /// the path and becomes exit 1.
    public static func write(_ data: Data, to path: String) throws {
        if path == standardOutput { return try Console.write(data) }
        do {
            try AtomicFile.write(data, to: URL(fileURLWithPath: path))
        } catch {
            Console.error("\(path): error: cannot write: \(reason(error))")
            throw InputFailure()
        }
    }

    /// Refuses an output folder that is a file, with one message (not one per input).
    public static func requireFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            Console.error("\(path): error: not a folder: --out names the folder the outputs go into")
            throw InputFailure()
        }
    }

    /// The real cause of a failed write, in words (the POSIX error where there is one).
    public static func reason(_ error: Error) -> String {
        if let output = error as? OutputError { return output.reason }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

/// Graphs named on the command line: read, or written in a format.
public enum GraphFiles {
    /// Loads one graph (an event log read with `eventLogs`), or reports why not and fails.
    public static func load(_ path: String, eventLogs: EventLogSource = EventLogSource()) throws -> LoadedGraph {
        do throws(Diagnostic) {
            return try LoadedGraph.load(URL(fileURLWithPath: path), displayName: path, eventLogs: eventLogs)
        } catch {
            Console.error(error.description)
            throw InputFailure()
        }
    }

    /// Writes a graph in `format` to a path, a CSV folder, or standard output (`-`).
    public static func write(_ graph: CollaborationGraph, as format: GraphFormat, to path: String) throws {
        if let data = format.encoded(graph) { return try OutputPath.write(data, to: path) }
        do {
            try format.write(graph, to: URL(fileURLWithPath: path))
        } catch {
            Console.error("\(path): error: cannot write: \(OutputPath.reason(error))")
            throw InputFailure()
        }
    }
}

extension GraphFiles {
    /// Writes each user's helper network (`EgorTables.egoNetworks`) into `folder`, named by the
    /// user's id made safe (`SafeFileName`): `kari.dot`, or a folder `kari` for a CSV folder or
    /// egor's tables. Nothing is written outside `folder`.
    public static func writePerUser(_ graph: CollaborationGraph, as format: GraphFormat, into folder: String) throws {
        let networks = EgorTables.egoNetworks(of: graph)
        let names = SafeFileName.components(networks.map(\.user.rawValue))
        let extensions: [GraphFormat: String] = [.dot: ".dot", .graphml: ".graphml", .json: ".json", .events: ".csv", .xes: ".xes"]
        for (user, network) in networks {
            let path = (folder as NSString).appendingPathComponent(names[user.rawValue, default: "_"] + (extensions[format] ?? ""))
            try write(network, as: format, to: path)
        }
    }
}

extension Sequence<UInt8> {
    /// Lower-case hexadecimal, two digits a byte (digests, keys). String(format:) per byte
    /// cost more than the hashing.
    public var hexadecimal: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
