import ArgumentParser
import Foundation
import GraphvizSupport
import ServiceGraph

@main
struct Samhandling: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "samhandling",
        abstract: "Network and pathway analysis of service-collaboration graphs.",
        discussion: """
            Reads helper networks, pathways and municipal structures (DOT), measures them and \
            renders them through the Graphviz library. Nothing is ever sent anywhere.
            """,
        version: version,
        subcommands: [Render.self, Metrics.self, Handovers.self, Compare.self, Report.self, Convert.self, Anonymize.self, Validate.self, Generate.self]
    )

    /// Exit codes as DESIGN §7 sets them: 0 ok, 1 some input failed, 2 usage.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as InputFailure {
            _ = failure
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Some inputs failed; each was already reported with its file and line.
struct InputFailure: Error {}

extension Samhandling {
    /// Loads one graph named on the command line, or reports why not and fails.
    static func loadGraph(_ path: String) throws -> LoadedGraph {
        do throws(Diagnostic) {
            return try LoadedGraph.load(URL(fileURLWithPath: path), displayName: path)
        } catch {
            Console.error(error.description)
            throw InputFailure()
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension LayoutEngine: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension MetricsFormat: ExpressibleByArgument {}

/// Where messages for people go: stderr, so that stdout stays clean for data.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Text to standard output as it is, unbuffered (so it keeps its place among whole files
    /// copied to standard output).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

extension Sequence<UInt8> {
    /// Lower-case hexadecimal, two digits a byte (digests, keys). String(format:) per byte
    /// cost more than the hashing.
    var hexadecimal: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
