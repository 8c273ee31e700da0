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
        /// The input's SHA-256 (hex), of which `key` is made with the options (`RenderJob.cacheKey`).
        var content: String? = nil
        /// The input file as it was when `content` was taken (`InputStamp`): while it vouches for
        /// the file, the next run need not read and hash it.
        var stamp: InputStamp? = nil
    }

    /// A diagnostic as stored (and as a render worker sends it).
    struct Problem: Codable, Equatable {
        var file: String
        var line: Int?
        var severity: String
        var message: String

        init(file: String, line: Int?, severity: String, message: String) {
            (self.file, self.line, self.severity, self.message) = (file, line, severity, message)
        }

        init(_ diagnostic: Diagnostic) {
            self.init(file: diagnostic.file, line: diagnostic.line, severity: diagnostic.severity.rawValue, message: diagnostic.message)
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
    /// The manifest file as this run last read or wrote it: while it is unchanged on disk (no
    /// other run wrote it), a flush need not read and decode it again.
    private var seen: FileStamp?
    /// Each entry's JSON as last written, so that a flush encodes only what changed.
    private var fragments: [String: [UInt8]] = [:]

    init(directory: URL) {
        file = directory.appendingPathComponent(".samhandling-render.json")
        lockFile = RenderFolderLock.file(in: directory)
        seen = FileStamp(file)
        entries = Self.read(file)
    }

    private static func read(_ file: URL) -> [String: Entry] {
        guard let data = try? FileBytes.read(file) else { return [:] }
        // What `json` writes is read by `ManifestReader`; anything else (a manifest another
        // version wrote, or edited by hand) by JSONDecoder, which took 40,000 instructions an entry.
        return ManifestReader.entries(data) ?? (try? JSONDecoder().decode([String: Entry].self, from: data)) ?? [:]
    }

    /// Puts the entry of `input` right without rendering it again: the same key and outputs,
    /// with a newer stamp (one that vouches for the file where the old one could not). Written
    /// at the next flush: a refresh saves work, and one write carries them all (a run that finds
    /// two hundred stamps to refresh wrote the manifest twenty-five times, eight at a time).
    mutating func refresh(_ input: String, _ entry: Entry) {
        pending[input] = .some(entry)
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

    /// Keeps `entry` for `input`, written with the batch it falls in: every 250 ms, every 8
    /// inputs once 50 ms have passed, and every 64 (a flush writes the whole manifest: every 8
    /// inputs of a fast batch was 25 writes of it a second, 2% of the render time of 200 small
    /// files). A killed run loses at most the last 63 inputs it finished, or 250 ms of them.
    mutating func record(_ input: String, _ entry: Entry?) throws(Failure) {
        pending[input] = .some(entry)
        let since = ContinuousClock.now - lastFlush
        if pending.count >= 64 || (pending.count >= 8 && since > .milliseconds(50)) || since > .milliseconds(250) { try flush() }
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
        guard let lock = RenderFolderLock(lockFile) else { throw Failure(path: lockFile.path, reason: String(cString: strerror(errno))) }
        defer { lock.release() }
        let unchanged = seen != nil && FileStamp(file) == seen
        var merged = unchanged ? entries : Self.read(file)
        if !unchanged { fragments = [:] }
        for (input, entry) in pending {
            merged[input] = entry
            fragments[input] = nil
        }
        do {
            try AtomicFile.write(Self.json(merged, fragments: &fragments), to: file)
        } catch {
            throw Failure(path: file.path, reason: OutputPath.reason(error))
        }
        seen = FileStamp(file)
        entries = merged
        pending = [:]
        lastFlush = ContinuousClock.now
    }

    /// The manifest as JSON, keys sorted, written here rather than by `JSONEncoder`: a flush
    /// writes every entry, and `JSONEncoder` took about 120,000 instructions an entry (at a
    /// thousand inputs, more than rendering them). Each entry's text is kept in `fragments`
    /// for the next flush. `read` decodes it with `JSONDecoder`.
    static func json(_ entries: [String: Entry], fragments: inout [String: [UInt8]]) -> Data {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, input) in entries.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if let fragment = fragments[input] {
                out += fragment
            } else if let entry = entries[input] {
                let fragment = Self.fragment(input, entry)
                fragments[input] = fragment
                out += fragment
            }
        }
        out.append(UInt8(ascii: "}"))
        return Data(out)
    }

    /// `"input":{"key":…,"outputs":[…],"problems":[…]}`.
    private static func fragment(_ input: String, _ entry: Entry) -> [UInt8] {
        var out: [UInt8] = []
        func string(_ text: String) {
            out.append(UInt8(ascii: "\""))
            guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                out += text.utf8
                out.append(UInt8(ascii: "\""))
                return
            }
            let hex = Array("0123456789abcdef".utf8)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
                case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        func list<T>(_ items: [T], _ each: (T) -> Void) {
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                each(item)
            }
            out.append(UInt8(ascii: "]"))
        }
        string(input)
        out += #":{"key":"#.utf8
        string(entry.key)
        out += #","outputs":"#.utf8
        list(entry.outputs, string)
        if let problems = entry.problems {
            out += #","problems":"#.utf8
            list(problems) { problem in
                out += #"{"file":"#.utf8
                string(problem.file)
                if let line = problem.line { out += #","line":\#(line)"#.utf8 }
                out += #","message":"#.utf8
                string(problem.message)
                out += #","severity":"#.utf8
                string(problem.severity)
                out.append(UInt8(ascii: "}"))
            }
        }
        if let content = entry.content {
            out += #","content":"#.utf8
            string(content)
        }
        if let stamp = entry.stamp {
            out += #","stamp":{"device":\#(stamp.device),"inode":\#(stamp.inode),"size":\#(stamp.size),"#.utf8
            out += #""modified":\#(stamp.modified),"changed":\#(stamp.changed),"checked":\#(stamp.checked)}"#.utf8
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

/// What says a file was replaced or written: its device, inode, size and modification time.
/// The advisory lock (`flock`) under which the render's files in an output folder are read and
/// rewritten (the manifest, the text measurements), so that two runs into one folder keep each
/// other's work.
struct RenderFolderLock {
    private let descriptor: Int32

    static func file(in directory: URL) -> URL { directory.appendingPathComponent(".samhandling-render.lock") }

    /// Waits for the lock of `file`; nil (errno set) when the file cannot be opened.
    init?(_ file: URL) {
        descriptor = open(file.path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

struct FileStamp: Equatable {
    let device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int

    init?(_ url: URL) {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        (device, inode, size) = (UInt64(info.st_dev), UInt64(info.st_ino), Int64(info.st_size))
        (seconds, nanoseconds) = (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
    }
}
