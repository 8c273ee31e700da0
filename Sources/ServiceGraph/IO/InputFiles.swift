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

    public init(url: URL, relativePath: String, displayPath: String? = nil) {
        self.url = url
        self.relativePath = relativePath
        self.displayPath = displayPath ?? url.path
    }

    /// The output file for `format`: the relative path with its extension replaced.
    public func output(in directory: URL, extension ext: String) -> URL {
        let base = (relativePath as NSString).deletingPathExtension
        return directory.appendingPathComponent(base + "." + ext)
    }
}

/// Expands files and folders into the graph files they hold.
public enum InputFiles {
    public static let dotExtensions: Set<String> = ["dot", "gv"]
    /// Every graph format: DOT, GraphML and the model's JSON (CSV folders are found as folders).
    public static let graphExtensions: Set<String> = ["dot", "gv", "graphml", "json"]

    /// Files named directly are taken whatever their extension; folders are searched
    /// recursively for files with one of `extensions`, in sorted order, hidden files skipped.
    /// A folder holding `nodes.csv` or `edges.csv` is one graph (a CSV folder), named directly
    /// or found inside another. A path that does not exist is reported in `missing` and the
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
            guard isDirectory.boolValue, !CSVFolder.isGraphFolder(url) else {
                files.append(InputFile(url: url, relativePath: url.lastPathComponent, displayPath: path))
                continue
            }
            let root = url.standardizedFileURL.path
            let enumerator = manager.enumerator(atPath: root)
            var found: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {  // hidden files and folders (.git, editor swap files)
                    enumerator?.skipDescendants()
                    continue
                }
                let full = (root as NSString).appendingPathComponent(relative)
                if CSVFolder.isGraphFolder(URL(fileURLWithPath: full)) {
                    found.append(relative)
                    enumerator?.skipDescendants()
                    continue
                }
                if extensions.contains((name as NSString).pathExtension.lowercased()) {
                    var isDir: ObjCBool = false
                    if manager.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                        found.append(relative)
                    }
                }
            }
            for relative in found.sorted() {
                files.append(InputFile(url: URL(fileURLWithPath: (root as NSString).appendingPathComponent(relative)),
                                       relativePath: relative,
                                       displayPath: (path as NSString).appendingPathComponent(relative)))
            }
        }
        return (files, missing)
    }
}

/// Writes a file so that readers see the old content or the new, never a part: the bytes go
/// to a temporary file in the same folder, which is then renamed over the target.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}

/// A file's bytes. (swift-foundation's `Data(contentsOf:)` leaks a 4 KB buffer on every empty
/// file it reads; an empty regular file is answered here without it.)
public enum FileBytes {
    public static func read(_ url: URL) throws -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if attributes?[.type] as? FileAttributeType == .typeRegular, (attributes?[.size] as? NSNumber)?.intValue == 0 {
            return Data()
        }
        return try Data(contentsOf: url)
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
