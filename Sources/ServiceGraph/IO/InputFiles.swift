import Foundation

/// An input graph file and where its outputs go, relative to the output folder.
public struct InputFile: Sendable, Equatable {
    public let url: URL
    /// The path the output mirrors: relative to the folder it was found in, or the bare
    /// file name for a file named directly. `romsdal/aukra.dot`.
    public let relativePath: String
    /// The file as the user named it (the folder as written, joined with the relative path),
    /// for messages.
    public let displayPath: String
    /// The path's and the relative path's bytes. When a name in them is not UTF-8, `url` and
    /// `relativePath` only stand for them (with `\x` escapes): the file is read with `bytes()`
    /// and its outputs are named from `relative`.
    public let path: PathBytes
    public let relative: PathBytes
    /// Where an event log's bytes come from when not from `url` alone: standard input (`-`), or
    /// the parts of a folder read as one log (`--parts`).
    public var logInput = EventLogInput.file

    public init(url: URL, relativePath: String, displayPath: String? = nil) {
        self.url = url
        self.relativePath = relativePath
        self.displayPath = displayPath ?? url.path
        path = PathBytes(url.path)
        relative = PathBytes(relativePath)
    }

    public init(path: PathBytes, relative: PathBytes, displayPath: String? = nil) {
        url = URL(fileURLWithPath: path.shown)
        relativePath = relative.shown
        self.displayPath = displayPath ?? path.shown
        self.path = path
        self.relative = relative
    }

    /// Whether Foundation can name the file (`url` opens it).
    public var isNamedInUTF8: Bool { path.text != nil }

    /// The file's bytes.
    public func bytes() throws -> Data {
        isNamedInUTF8 ? try FileBytes.read(url) : try path.read()
    }

    /// The output file for `format`: the relative path with its extension replaced.
    public func output(in directory: URL, extension ext: String) -> URL {
        let base = (relativePath as NSString).deletingPathExtension
        return directory.appendingPathComponent(base + "." + ext)
    }

    /// The output file's bytes, for a file whose name is not UTF-8.
    public func outputPath(in directory: URL, extension ext: String) -> PathBytes {
        PathBytes(directory.path).appending(PathBytes(bytes: relative.deletingPathExtension.bytes + Array(("." + ext).utf8)))
    }
}

/// The output folder of a batch: nothing derived from the data is written outside it.
public enum OutputFolder {
    /// Whether `url` lies inside `folder` once `..` and symbolic links are resolved.
    public static func contains(_ url: URL, folder: URL) -> Bool {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let target = url.standardizedFileURL.resolvingSymlinksInPath().path
        return target.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// Whether `path` lies inside `folder` once `..` and symbolic links are resolved (in the
    /// part of each that exists).
    public static func contains(_ path: PathBytes, folder: URL) -> Bool {
        guard let root = resolved(PathBytes(folder.path)), let target = resolved(path) else { return false }
        return target.starts(with: root.last == UInt8(ascii: "/") ? root : root + [UInt8(ascii: "/")])
    }

    /// The path's deepest part that exists with its links resolved, and the rest appended; nil
    /// when the rest holds `..`.
    private static func resolved(_ path: PathBytes) -> [UInt8]? {
        var existing = path
        var rest: [PathBytes] = []
        while !existing.bytes.isEmpty, existing.status() == nil {
            rest.append(existing.name)
            existing = existing.parent
        }
        guard !rest.contains(where: { $0.bytes == Array("..".utf8) }), var real = existing.resolved() else { return nil }
        for component in rest.reversed() where !component.bytes.isEmpty && component.bytes != [UInt8(ascii: ".")] {
            real = real.appending(component)
        }
        return real.bytes
    }
}

/// Expands files and folders into the graph files they hold.
public enum InputFiles {
    /// A folder read as one graph: a CSV folder, a Network Canvas CSV export, or egor's tables.
    public static func isGraphFolder(_ url: URL) -> Bool {
        CSVFolder.isGraphFolder(url) || NetworkCanvasExport.isExportFolder(url) || EgorTables.isEgorFolder(url)
    }

    public static let dotExtensions: Set<String> = ["dot", "gv"]
    /// Every graph format: DOT, GraphML and the model's JSON (CSV folders are found as folders).
    public static let graphExtensions: Set<String> = ["dot", "gv", "graphml", "json"]
    /// Event logs: the tool's CSV (and OMOP's), XES and gzipped XES.
    public static let eventLogExtensions: Set<String> = ["csv", "xes", "xes.gz"]

    /// Files named directly are taken whatever their extension; folders are searched
    /// recursively for files with one of `extensions`, in sorted order, hidden files skipped.
    /// A folder holding `nodes.csv` or `edges.csv` is one graph (a CSV folder), named directly
    /// or found inside another; so is a Network Canvas CSV export and a folder of egor's tables. A path that does not exist is reported in `missing` and the
    /// rest still returned.
    public static func expand(_ paths: [String], extensions: Set<String> = graphExtensions)
        -> (files: [InputFile], missing: [Diagnostic])
    {
        var files: [InputFile] = []
        var missing: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(Diagnostic(file: path, line: nil, message: "no such file or folder"))
                continue
            }
            let url = URL(fileURLWithPath: path)
            // A FIFO or a device would block the read or never end: only regular files are inputs.
            if !isDirectory.boolValue && !isRegularFile(path) {
                missing.append(Diagnostic(file: path, line: nil, message: "not a regular file"))
                continue
            }
            guard isDirectory.boolValue, !InputFiles.isGraphFolder(url) else {
                files.append(InputFile(url: url, relativePath: url.lastPathComponent, displayPath: path))
                continue
            }
            let root = url.standardizedFileURL.path
            let missingBefore = missing.count
            let search = search(under: root, extensions: extensions)
            let found = search.found
            let otherCSV = search.otherCSV
            // Foundation cannot name a file whose name is not UTF-8 (it hands back a name with
            // U+FFFD that opens nothing): such files are found by their bytes and read by them.
            var named: [(sortKey: String, file: InputFile)] = []
            for name in search.unnamed {
                let shown = (path as NSString).appendingPathComponent(name.shown)
                // An event log is read through Foundation, which cannot open it by such a name.
                if name.hasExtension(in: InputFiles.eventLogExtensions) {
                    missing.append(Diagnostic(file: shown, line: nil,
                                              message: "the file name is not UTF-8 (shown here with \\x escapes); rename the event log to read it"))
                } else {
                    named.append((name.shown, InputFile(path: PathBytes(root).appending(name), relative: name, displayPath: shown)))
                }
            }
            if found.isEmpty && named.isEmpty && missing.count == missingBefore {
                let kinds = extensions.sorted().map { "." + $0 }.joined(separator: ", ")
                var message = "no graphs found (looked for \(kinds) files and CSV folders)"
                if !otherCSV.isEmpty {
                    message += "; \(otherCSV.sorted().prefix(3).joined(separator: ", ")) "
                        + "\(otherCSV.count == 1 ? "is" : "are") not in a CSV folder (one holds nodes.csv, edges.csv or events.csv)"
                }
                missing.append(Diagnostic(file: path, line: nil, message: message))
            }
            for relative in found {
                named.append((relative, InputFile(url: URL(fileURLWithPath: (root as NSString).appendingPathComponent(relative)),
                                                  relativePath: relative,
                                                  displayPath: (path as NSString).appendingPathComponent(relative))))
            }
            files += named.sorted { $0.sortKey < $1.sortKey }.map(\.file)
        }
        return (files, missing)
    }

    /// What a search of the folder `root` finds, relative to it: the inputs whose paths are
    /// UTF-8 (files with one of `extensions`, and graph folders, which are not searched
    /// further), the other `.csv` files (for the message when nothing is found), and the files
    /// with one of `extensions` whose paths are not UTF-8 (in their own name or a folder's).
    /// Hidden files and folders are skipped; a link to a file is followed, a link to a folder
    /// is not searched (it could loop), though it is taken when it is a graph folder.
    ///
    /// One `readdir` walk, the entry's type from `d_type` (a `stat` only for links and file
    /// systems that do not say): Foundation's enumerator and a `stat` per check cost about
    /// seven system calls a file, a fifth of a warm render of 200 small files.
    static func search(under root: String, extensions: Set<String>)
        -> (found: [String], otherCSV: [String], unnamed: [PathBytes])
    {
        var found: [String] = [], otherCSV: [String] = [], unnamed: [PathBytes] = []
        // Each folder still to read, relative to `root`, and whether its path is UTF-8.
        var folders: [(relative: [UInt8], named: Bool)] = [([], true)]
        let rootBytes = PathBytes(root)
        while let (folder, folderNamed) = folders.popLast() {
            let full = folder.isEmpty ? rootBytes : rootBytes.appending(PathBytes(bytes: folder))
            guard let directory = full.withCString({ opendir($0) }) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
                guard name.first != UInt8(ascii: ".") else { continue }  // hidden (.git, swap files), . and ..
                let relative = folder.isEmpty ? name : folder + [UInt8(ascii: "/")] + name
                let entryPath = full.appending(PathBytes(bytes: name))
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                var isFile = entry.pointee.d_type == UInt8(DT_REG)
                var isLink = entry.pointee.d_type == UInt8(DT_LNK)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {  // a file system that does not say (XFS without ftype, some NFS)
                    var info = stat()
                    guard entryPath.withCString({ lstat($0, &info) }) == 0 else { continue }
                    isLink = info.st_mode & S_IFMT == S_IFLNK
                    isFolder = info.st_mode & S_IFMT == S_IFDIR
                    isFile = info.st_mode & S_IFMT == S_IFREG
                }
                if isLink {
                    guard let info = entryPath.status() else { continue }  // a dangling link
                    isFolder = info.st_mode & S_IFMT == S_IFDIR
                    isFile = info.st_mode & S_IFMT == S_IFREG
                }
                let namePath = folderNamed ? String(validating: relative, as: UTF8.self) : nil
                if isFolder {
                    if let namePath, let text = entryPath.text, InputFiles.isGraphFolder(URL(fileURLWithPath: text)) {
                        found.append(namePath)
                    } else if !isLink {
                        folders.append((relative, namePath != nil))
                    }
                    continue
                }
                guard isFile else { continue }
                let file = PathBytes(bytes: name)
                if file.hasExtension(in: extensions) {
                    if let namePath { found.append(namePath) } else { unnamed.append(PathBytes(bytes: relative)) }
                } else if let namePath, file.pathExtension == "csv" {
                    otherCSV.append(namePath)
                }
            }
        }
        return (found, otherCSV, unnamed.sorted { $0.shown < $1.shown })
    }

    /// A regular file, or a link to one.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}

/// Writes a file so that readers see the old content or the new, never a part, and nothing the
/// path names is written over:
/// - a new path or a regular file: the bytes go to a temporary file in the same folder, which is
///   then renamed over the target;
/// - a symbolic link is followed, and its final target written that way in its own folder (the
///   link stays a link; a dangling link's target is created);
/// - a FIFO, a character device, a socket, or the process's own descriptors (`/dev/stdout`,
///   `/dev/fd/N`, `/proc/self/fd/N`): opened and written directly, since a rename would replace
///   them with a plain file;
/// - a folder is an error.
public enum AtomicFile {
    /// `permissions` (e.g. 0o600 for a key) are given to a new file from its creation on.
    public static func write(_ data: Data, to url: URL, permissions: Int? = nil) throws {
        try stream(to: url, permissions: permissions) { try $0(data) }
    }

    /// Writes what `body` hands to its writer, piece by piece, with the same rules as `write`:
    /// for a regular file or a new path nothing is seen until `body` is done (a failure leaves
    /// the old file as it was and no temporary file behind).
    public static func stream(to url: URL, permissions: Int? = nil, _ body: ((Data) throws -> Void) throws -> Void) throws {
        switch try destination(of: url.path) {
        case .direct(let path):
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw OutputError(path: path, reason: "it cannot be opened for writing")
            }
            defer { try? handle.close() }
            try body { try handle.write(contentsOf: $0) }
        case .replace(let path):
            // The folder and name by the path's text (Foundation's URL made, split and joined
            // them again at a cost of about a tenth of a small drawing's write).
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            var info = stat()
            if stat(folder, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            // Created here, with its permissions from the start, and written by its descriptor:
            // FileManager.createFile would write an empty file atomically (a temporary file of
            // its own, renamed) before this one is opened again to be written.
            var temporary = ""
            var descriptor: Int32 = -1
            for _ in 0..<8 where descriptor < 0 {
                temporary = (folder == "/" ? "" : folder) + "/.\(name).tmp-\(getpid())-\(String(UInt64.random(in: 0 ... .max), radix: 36))"
                descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions ?? 0o666))
                if descriptor < 0 && errno != EEXIST { break }
            }
            guard descriptor >= 0 else {
                throw OutputError(path: path, reason: "cannot create a file in \(folder): \(String(cString: strerror(errno)))")
            }
            if let permissions { fchmod(descriptor, mode_t(permissions)) }  // exactly these, whatever the umask
            var open = true
            do {
                try body { data in try writeAll(data, to: descriptor, path: path) }
                open = false
                guard close(descriptor) == 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
                guard rename(temporary, path) == 0 else {
                    throw OutputError(path: path, reason: String(cString: strerror(errno)))
                }
            } catch {
                if open { close(descriptor) }
                unlink(temporary)
                throw error
            }
        }
    }

    /// Writes all of `data` to the descriptor (a short write continues; EINTR is retried).
    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let put = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if put >= 0 {
                    offset += put
                } else if errno != EINTR {
                    throw OutputError(path: path, reason: String(cString: strerror(errno)))
                }
            }
        }
    }

    /// Writes `data` to a path given by its bytes. A path that is UTF-8 is written as `write(_:to:)`
    /// writes it; one that is not goes to a temporary file in its folder, renamed over it (by the
    /// folder's descriptor), and only a new path or a regular file is written over.
    public static func write(_ data: Data, to path: PathBytes) throws {
        if let text = path.text { return try write(data, to: URL(fileURLWithPath: text)) }
        if let info = path.status(), info.st_mode & S_IFMT != S_IFREG {
            throw OutputError(path: path.shown, reason: "it is not a regular file")
        }
        let folder = path.parent
        try folder.createFolders()
        let directory = folder.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard directory >= 0 else { throw OutputError(path: path.shown, reason: String(cString: strerror(errno))) }
        defer { close(directory) }
        let temporary = ".samhandling.tmp-\(getpid())-\(UUID().uuidString.prefix(8))"
        let descriptor = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw OutputError(path: path.shown, reason: "cannot create a file in \(folder.shown)") }
        var stillOpen = true
        do {
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: data)
            stillOpen = false
            guard close(descriptor) == 0 else { throw OutputError(path: path.shown, reason: String(cString: strerror(errno))) }
            let renamed = path.name.withCString { renameat(directory, temporary, directory, $0) }
            guard renamed == 0 else { throw OutputError(path: path.shown, reason: String(cString: strerror(errno))) }
        } catch {
            if stillOpen { close(descriptor) }
            unlinkat(directory, temporary, 0)
            throw error
        }
    }

    private enum Destination {
        /// Write a temporary file beside it and rename it over the path.
        case replace(String)
        /// Open the path and write into it.
        case direct(String)
    }

    /// Where the bytes for `path` go, following symbolic links.
    private static func destination(of start: String) throws -> Destination {
        var path = start
        for _ in 0..<40 {
            if ["/dev/stdout", "/dev/stderr"].contains(path) || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/") {
                return .direct(path)
            }
            var info = stat()
            guard lstat(path, &info) == 0 else { return .replace(path) }  // a new path
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                return .replace(path)
            case S_IFDIR:
                throw OutputError(path: path, reason: "it is a folder")
            case S_IFLNK:
                var target = stat()
                if stat(path, &target) == 0, target.st_mode & S_IFMT != S_IFREG, target.st_mode & S_IFMT != S_IFDIR {
                    return .direct(path)  // a link to a FIFO or a device
                }
                guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else {
                    throw OutputError(path: path, reason: "the symbolic link cannot be read")
                }
                path = destination.hasPrefix("/") ? destination
                    : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
            default:
                return .direct(path)
            }
        }
        throw OutputError(path: start, reason: "too many levels of symbolic links")
    }
}

/// An output that cannot be written, and why.
public struct OutputError: Error, LocalizedError, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
    public var errorDescription: String? { reason }
}

/// A file's bytes. (swift-foundation's `Data(contentsOf:)` leaks a 4 KB buffer on every empty
/// file it reads; an empty regular file is answered here without it.)
public enum FileBytes {
    /// The file's bytes, read to its end through `open(2)` (so a FIFO or a file in `/proc`,
    /// whose size says 0, is read whole). Not through `FileManager.attributesOfItem` and
    /// `Data(contentsOf:)`: those read `/etc/passwd` and `/etc/group` for the owner's name and
    /// list extended attributes, every file (a twentieth of rendering a small graph).
    public static func read(_ url: URL) throws -> Data {
        try PathBytes(url.path).read()
    }
}

/// Reads a text file as UTF-8 (a BOM is dropped), with a message naming the file when it is not.
public enum TextFile {
    public static func read(_ url: URL, displayName: String) throws(Diagnostic) -> String {
        let data: Data
        do {
            data = try FileBytes.read(url)
        } catch {
            throw Diagnostic(file: displayName, line: nil, message: "cannot read the file: \(error.localizedDescription)")
        }
        return try text(of: data, displayName: displayName)
    }

    /// A file's bytes as UTF-8 text, as `read` takes them.
    public static func text(of data: Data, displayName: String) throws(Diagnostic) -> String {
        // Archives by their first bytes, with what to do instead of "not UTF-8".
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            throw Diagnostic(file: displayName, line: nil, message: "the file is a zip archive, which is not read: unpack it first "
                             + "(a Network Canvas export, unpacked, is read as a folder)")
        }
        if data.starts(with: [0x1F, 0x8B]) {
            throw Diagnostic(file: displayName, line: nil, message: "the file is gzip-compressed, which is read only for an XES log "
                             + "named .xes.gz: unpack it first (gunzip)")
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw Diagnostic(file: displayName, line: Self.firstInvalidLine(bytes),
                             message: "the file is not UTF-8 text")
        }
        if text.utf8.contains(0) {
            throw Diagnostic(file: displayName, line: nil, message: "the file holds NUL bytes: it is binary, not a graph")
        }
        return text
    }

    /// Graphviz's names for ISO 8859-1 (lib/common/input.c), compared without case.
    public static let latin1Names: Set<String> = ["latin-1", "latin1", "l1", "iso-8859-1", "iso_8859-1", "iso8859-1", "iso-ir-100"]

    /// The line of the first byte sequence that is not valid UTF-8.
    static func firstInvalidLine(_ bytes: Data.SubSequence) -> Int? {
        var line = 1
        var lineStart = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(data: bytes[lineStart..<index], encoding: .utf8) == nil { return line }
            line += 1
            lineStart = bytes.index(after: index)
        }
        return line
    }
}
