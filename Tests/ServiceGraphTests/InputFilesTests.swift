import Foundation
import Testing
@testable import ServiceGraph

@Suite struct InputFilesTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("samhandling-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func foldersAreSearchedRecursivelyInSortedOrder() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["b.dot", "a/z.gv", "a/y.DOT", "a/notes.txt", ".hidden.dot", "a/.x/q.dot"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("digraph {}".utf8).write(to: url)
        }
        let (files, missing) = InputFiles.expand([root.path, root.appendingPathComponent("a/notes.txt").path, "/no/such/place"])
        #expect(files.map(\.relativePath) == ["a/y.DOT", "a/z.gv", "b.dot", "notes.txt"])
        #expect(missing.map(\.description) == ["/no/such/place: error: no such file or folder"])
        #expect(files[0].displayPath == root.path + "/a/y.DOT")
        #expect(files[3].displayPath == root.appendingPathComponent("a/notes.txt").path)
        let output = files[0].output(in: URL(fileURLWithPath: "/out"), extension: "svg")
        #expect(output.path == "/out/a/y.svg")
    }

    @Test func linksAndGraphFoldersInASearchedFolder() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        for path in ["in/real/b.dot", "elsewhere/a.dot", "in/team/nodes.csv", "in/team/inner.dot", "in/log.xes.gz",
                     "in/stray.csv", "in/real/.swap.dot"] {
            let url = root.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("digraph {}".utf8).write(to: url)
        }
        let inside = root.appendingPathComponent("in")
        try manager.createSymbolicLink(atPath: inside.appendingPathComponent("linked").path, withDestinationPath: "../elsewhere")
        try manager.createSymbolicLink(atPath: inside.appendingPathComponent("c.dot").path, withDestinationPath: "real/b.dot")
        try manager.createSymbolicLink(atPath: inside.appendingPathComponent("gone.dot").path, withDestinationPath: "nowhere.dot")
        try manager.createSymbolicLink(atPath: inside.appendingPathComponent("crew").path, withDestinationPath: "team")
        // A link to a file is followed, a link to a folder is not searched (it could loop) but is
        // taken when it is a graph folder, a dangling link is passed over, a graph folder is one
        // input and not searched further, hidden files are skipped.
        let (files, missing) = InputFiles.expand([inside.path])
        #expect(missing.isEmpty)
        #expect(files.map(\.relativePath) == ["c.dot", "crew", "real/b.dot", "team"])
        let (logs, _) = InputFiles.expand([inside.path], extensions: InputFiles.eventLogExtensions)
        #expect(logs.map(\.relativePath) == ["crew", "log.xes.gz", "stray.csv", "team"])  // graph folders are inputs to every command
        // Nothing found: the message names what was looked for and the stray CSV files.
        let (none, message) = InputFiles.expand([inside.appendingPathComponent("real").path], extensions: ["graphml"])
        #expect(none.isEmpty && message.count == 1)
        #expect(message.first?.message.hasPrefix("no graphs found (looked for .graphml files") == true)
        try Data("a,b\n".utf8).write(to: inside.appendingPathComponent("real/stray.csv"))
        let (_, stray) = InputFiles.expand([inside.appendingPathComponent("real").path], extensions: ["graphml"])
        #expect(stray.first?.message.hasSuffix("; stray.csv is not in a CSV folder (one holds nodes.csv, edges.csv or events.csv)") == true)
    }

    @Test func atomicWriteCreatesFoldersAndLeavesNoTemporaryFile() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("deep/er/file.svg")
        try AtomicFile.write(Data("one".utf8), to: target)
        try AtomicFile.write(Data("two".utf8), to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["file.svg"])
    }

    @Test func textFilesAreUTF8WithOrWithoutBOM() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let bom = root.appendingPathComponent("bom.dot")
        try Data([0xEF, 0xBB, 0xBF] + Array("graph { å }".utf8)).write(to: bom)
        #expect(try TextFile.read(bom, displayName: "bom.dot") == "graph { å }")

        let latin1 = root.appendingPathComponent("latin1.dot")
        try Data(Array("graph {\n a;\n".utf8) + [0x62, 0xE5, 0x0A]).write(to: latin1)
        #expect(throws: Diagnostic(file: "latin1.dot", line: 3, message: "the file is not UTF-8 text")) {
            try TextFile.read(latin1, displayName: "latin1.dot")
        }

        let binary = root.appendingPathComponent("binary.dot")
        try Data([0x67, 0x00, 0x01]).write(to: binary)
        #expect(throws: Diagnostic.self) { try TextFile.read(binary, displayName: "binary.dot") }

        #expect(throws: Diagnostic.self) { try TextFile.read(root.appendingPathComponent("none"), displayName: "none") }
    }

    /// A zip archive (a Network Canvas export as it comes) or a gzip file is named for what it is,
    /// with what to do, not refused as "not UTF-8".
    @Test func archivesAreNamedForWhatTheyAre() throws {
        let zip = Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), empty = Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        for bytes in [zip, empty] {
            #expect(throws: Diagnostic(file: "export.zip", line: nil, message: "the file is a zip archive, which is not read: unpack it first "
                                       + "(a Network Canvas export, unpacked, is read as a folder)")) {
                try TextFile.text(of: bytes, displayName: "export.zip")
            }
        }
        #expect(throws: Diagnostic(file: "log.csv.gz", line: nil, message: "the file is gzip-compressed, which is read only for an XES log "
                                   + "named .xes.gz: unpack it first (gunzip)")) {
            try TextFile.text(of: Data([0x1F, 0x8B, 0x08, 0x00]), displayName: "log.csv.gz")
        }
        // Text that begins with the same letters is text.
        #expect(try TextFile.text(of: Data("PK,name\n".utf8), displayName: "nodes.csv") == "PK,name\n")
    }

    /// A path's bytes: shown with `\x` escapes, kept in JSON as text or (not UTF-8) as NUL and
    /// base64, which reads back to the same bytes and never equals a UTF-8 path's text.
    @Test func pathBytesAreShownAndStoredWithoutLoss() throws {
        let latin1 = PathBytes(bytes: Array("in/caf".utf8) + [0xE9] + Array(".dot".utf8))
        #expect(latin1.text == nil)
        #expect(latin1.shown == "in/caf\\xE9.dot")
        #expect(PathBytes(stored: latin1.stored) == latin1)
        #expect(latin1.stored != latin1.shown && latin1.stored.hasPrefix("\u{0}"))
        #expect(PathBytes(stored: "in/caf\\xE9.dot") == PathBytes("in/caf\\xE9.dot"))
        #expect(PathBytes("a/b.c").stored == "a/b.c")
        #expect(latin1.pathExtension == "dot" && latin1.name.shown == "caf\\xE9.dot" && latin1.parent == PathBytes("in"))
        #expect(latin1.deletingPathExtension.shown == "in/caf\\xE9")
        #expect(PathBytes("a.b/c").deletingPathExtension == PathBytes("a.b/c"))
        #expect(PathBytes(bytes: [0x61, 0xC3]).shown == "a\\xC3")  // a cut-off sequence
        #expect(PathBytes(stored: "\u{0}not base64!") == nil)
    }

    /// A name that is not UTF-8 is found, read by its bytes, and written back by them under the
    /// output folder; a path outside the folder is refused.
    @Test func aNameThatIsNotUTF8IsFoundReadAndWritten() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let name = PathBytes(bytes: Array("caf".utf8) + [0xE9] + Array(".dot".utf8))
        let folder = PathBytes(root.path).appending(PathBytes("in"))
        try folder.createFolders()
        try AtomicFile.write(Data("digraph {}".utf8), to: folder.appending(name))
        let (files, missing) = InputFiles.expand([root.appendingPathComponent("in").path])
        #expect(missing.isEmpty)
        let file = try #require(files.first)
        #expect(files.count == 1 && file.relative == name && !file.isNamedInUTF8)
        #expect(file.relativePath == "caf\\xE9.dot")
        #expect(try file.bytes() == Data("digraph {}".utf8))
        let out = root.appendingPathComponent("out")
        let target = file.outputPath(in: out, extension: "svg")
        #expect(target.name.bytes == Array("caf".utf8) + [0xE9] + Array(".svg".utf8))
        #expect(OutputFolder.contains(target, folder: out))
        #expect(!OutputFolder.contains(PathBytes(out.path).appending(PathBytes("../x")).appending(name), folder: out))
        try AtomicFile.write(Data("<svg/>".utf8), to: target)
        try AtomicFile.write(Data("<svg></svg>".utf8), to: target)
        #expect(try target.read() == Data("<svg></svg>".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 1)  // no temporary file left
        // An event log by such a name is named in a message: it is read through Foundation.
        let logs = PathBytes(root.path).appending(PathBytes("logs"))
        try logs.createFolders()
        try AtomicFile.write(Data(), to: logs.appending(PathBytes(bytes: Array("l".utf8) + [0xE9] + Array(".XES.gz".utf8))))
        let (found, unreadable) = InputFiles.expand([root.appendingPathComponent("logs").path], extensions: InputFiles.eventLogExtensions)
        #expect(found.isEmpty)
        #expect(unreadable.map(\.message) == ["the file name is not UTF-8 (shown here with \\x escapes); rename the event log to read it"])
    }
}
