import Foundation
import ServiceGraph

/// Which outputs are up to date: a manifest in the output folder maps each input to the hash of
/// what its outputs were made from (input, options, tool and Graphviz versions), the outputs,
/// and the problems found when it was read (printed again when it is not re-rendered).
///
/// The manifest never says more than is true: before anything is rendered, the entries of the
/// inputs about to be redone are removed from it on disk (a run that cannot write the manifest
/// renders nothing); finished inputs are added in batches as the run goes, so a killed run
/// keeps what it finished. Every write re-reads the file under an advisory lock
/// (`.samhandling-render.lock`) and merges, so two runs into one folder keep each other's
/// entries; the file itself is replaced atomically. Inputs and outputs are named by
/// `PathBytes.stored`: the path's text, or for a name that is not UTF-8 its bytes in base64.
struct RenderManifest {
    struct Entry: Codable, Equatable {
        var key: String
        var outputs: [String]
        var problems: [Problem]?
    }

    /// A diagnostic as stored (and as a render worker sends it).
    struct Problem: Codable, Equatable {
        var file: String
        var line: Int?
        var severity: String
        var message: String

        init(_ diagnostic: Diagnostic) {
            (file, line, severity, message) = (diagnostic.file, diagnostic.line, diagnostic.severity.rawValue, diagnostic.message)
        }

        var diagnostic: Diagnostic {
            Diagnostic(file: file, line: line, severity: Diagnostic.Severity(rawValue: severity) ?? .error, message: message)
        }
    }

    /// A manifest that cannot be read or written.
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): error: cannot write the render manifest: \(reason)" }
    }

    let file: URL
    private let lockFile: URL
    private var entries: [String: Entry]
    private var pending: [String: Entry?] = [:]
    private var lastFlush = ContinuousClock.now

    init(directory: URL) {
        file = directory.appendingPathComponent(".samhandling-render.json")
        lockFile = directory.appendingPathComponent(".samhandling-render.lock")
        entries = Self.read(file)
    }

    private static func read(_ file: URL) -> [String: Entry] {
        (try? JSONDecoder().decode([String: Entry].self, from: FileBytes.read(file))) ?? [:]
    }

    /// The outputs were made from this very input and options, and are all still there.
    func isFresh(_ input: String, key: String) -> Bool {
        guard let entry = entries[input], entry.key == key, !entry.outputs.isEmpty else { return false }
        return entry.outputs.allSatisfy { PathBytes(stored: $0)?.exists ?? false }
    }

    func entry(_ input: String) -> Entry? { entries[input] }

    /// Removes the entries of `inputs` on disk before they are rendered again.
    mutating func begin(redoing inputs: [String]) throws(Failure) {
        guard !inputs.isEmpty else { return }
        for input in inputs { pending[input] = .some(nil) }
        try flush()
    }

    mutating func record(_ input: String, _ entry: Entry?) throws(Failure) {
        pending[input] = .some(entry)
        if pending.count >= 8 || ContinuousClock.now - lastFlush > .milliseconds(250) { try flush() }
    }

    /// Writes what is pending, merged into what is on disk now.
    mutating func flush() throws(Failure) {
        guard !pending.isEmpty else { return }
        let folder = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: file.path, reason: OutputPath.reason(error))
        }
        let descriptor = open(lockFile.path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw Failure(path: lockFile.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(descriptor, LOCK_UN) }
        var merged = Self.read(file)
        for (input, entry) in pending { merged[input] = entry }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try AtomicFile.write(try encoder.encode(merged), to: file)
        } catch {
            throw Failure(path: file.path, reason: OutputPath.reason(error))
        }
        entries = merged
        pending = [:]
        lastFlush = ContinuousClock.now
    }
}
