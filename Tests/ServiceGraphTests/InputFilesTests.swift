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
}
