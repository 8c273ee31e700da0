import Foundation
import Testing
import TestSupport
@testable import Pipelines

/// Text measurements kept in the output folder (`TextMeasureStore`): a re-run that draws only
/// texts measured before does not load pango, and draws the same bytes as a first run.
@Suite struct TextMeasureStoreTests {
    /// The dynamic linker names each library it loads on stderr (glibc's LD_DEBUG=files),
    /// workers' included: whether this run loaded pango's Graphviz plugin.
    private func loadedPango(_ result: (status: Int32, stdout: String, stderr: String)) -> Bool {
        result.stderr.contains("/libgvplugin_pango.so")
    }

    /// The run's own lines, without the linker's.
    private func summary(_ result: (status: Int32, stdout: String, stderr: String)) -> String {
        result.stderr.split(separator: "\n").filter { !$0.hasPrefix(" ") }.joined(separator: "\n")
    }

    private func svgs(_ folder: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".svg") }
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    private func touch(_ root: URL, _ indices: [Int]) throws {
        for index in indices {
            let file = root.appendingPathComponent(String(format: "in/network-%05d.dot", index))
            let handle = try FileHandle(forWritingTo: file)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("// touched \(UUID())\n".utf8))
            try handle.close()
        }
    }

    @Test(arguments: ["1", "2"])
    func aReRunOfTextsMeasuredBeforeDoesNotLoadPango(jobs: String) throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Fixtures.run("samhandling", ["generate", "helper-networks", "--count", "6", "--out", "in"], in: root).status == 0)
        let arguments = ["render", "in", "--out", "out", "--jobs", jobs]
        let debug = ["LD_DEBUG": "files"]
        let first = try Fixtures.run("samhandling", arguments, in: root, environment: debug)
        #expect(first.status == 0 && summary(first).contains("rendered 6, failed 0"))
        let measuredFirst = loadedPango(first)
        #expect(measuredFirst, "the first run measures its texts with pango")
        let store = root.appendingPathComponent("out/" + TextMeasureStore.fileName)
        let kept = try Data(contentsOf: store)
        #expect(kept.count > 76 && (kept.count - 76) % 56 == 0)

        // No label is in the file: every text drawn is looked for in its bytes.
        let drawn = try svgs(root.appendingPathComponent("out"))
        let texts = Set(drawn.values.flatMap { svg in
            String(decoding: svg, as: UTF8.self).components(separatedBy: "<text").dropFirst().compactMap { element in
                element.split(separator: ">", maxSplits: 1).last?.split(separator: "<").first.map(String.init)
            }
        }).filter { $0.count >= 4 }
        #expect(texts.count > 10)
        for text in texts { #expect(kept.range(of: Data(text.utf8)) == nil, "\(text) is in the file") }

        // Two inputs changed (so that --jobs 2 starts workers) and drawn again, as before: was pango loaded?
        func rerun(touching indices: [Int]) throws -> Bool {
            try touch(root, indices)
            let result = try Fixtures.run("samhandling", arguments, in: root, environment: debug)
            #expect(result.status == 0 && summary(result).contains("rendered 2, failed 0, unchanged 4"), "\(summary(result))")
            #expect(try svgs(root.appendingPathComponent("out")) == drawn)
            return loadedPango(result)
        }
        let measuredAgain = try rerun(touching: [1, 4])
        #expect(!measuredAgain, "texts measured before were measured again")

        // Made under another environment (its stamp changed), the file is not used, and is made anew.
        var stale = kept
        stale[40] ^= 0xFF
        try stale.write(to: store)
        let measuredStale = try rerun(touching: [2, 3])
        #expect(measuredStale, "a file of another environment was used")
        #expect(try Data(contentsOf: store).prefix(60) == kept.prefix(60), "the stamp of this environment was not written back")

        // A torn file is not read, and is made whole again.
        try kept.prefix(100).write(to: store)
        let measuredTorn = try rerun(touching: [0, 5])
        #expect(measuredTorn, "a torn file was used")
        let whole = try Data(contentsOf: store)
        #expect(whole.count > 76 && (whole.count - 76) % 56 == 0)
    }

    /// `--force` starts the file anew: the texts are measured again, under a new key.
    @Test func forceMeasuresAgainUnderANewKey() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Fixtures.run("samhandling", ["generate", "helper-networks", "--count", "2", "--out", "in"], in: root).status == 0)
        #expect(try Fixtures.run("samhandling", ["render", "in", "--out", "out", "--jobs", "1"], in: root).status == 0)
        let store = root.appendingPathComponent("out/" + TextMeasureStore.fileName)
        let before = try Data(contentsOf: store)
        let forced = try Fixtures.run("samhandling", ["render", "in", "--out", "out", "--jobs", "1", "--force"], in: root,
                                      environment: ["LD_DEBUG": "files"])
        #expect(forced.status == 0 && summary(forced).contains("rendered 2, failed 0"))
        let measured = loadedPango(forced)
        #expect(measured, "--force drew from the kept measurements")
        let after = try Data(contentsOf: store)
        #expect(after.count == before.count)
        #expect(after[60..<76] != before[60..<76], "the key was kept")
    }

    /// PNG is drawn with pango's own layouts (gvc loads pango for its cairo renderer): no
    /// measurements are kept for it.
    @Test func pngKeepsNoMeasurements() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Fixtures.run("samhandling", ["generate", "helper-networks", "--count", "1", "--out", "in"], in: root).status == 0)
        let result = try Fixtures.run("samhandling", ["render", "in", "--out", "out", "--format", "png"], in: root,
                                      environment: ["LD_DEBUG": "files"])
        #expect(result.status == 0)
        let measured = loadedPango(result)
        #expect(measured)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/" + TextMeasureStore.fileName).path))
    }

    /// Fontconfig's configuration is followed where it points: the file FONTCONFIG_FILE names,
    /// what its `<include>` names, and the fonts in its `<dir>`s (one beside the file, after a
    /// `<dir/>` that names nothing).
    @Test func theStampFollowsFontconfigWhereItPoints() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("fonts.conf"), extra = root.appendingPathComponent("extra.conf")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("myfonts/a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("beside"), withIntermediateDirectories: true)
        let text = """
            <fontconfig><include ignore_missing="yes">\(extra.path)</include>
            <dir>\(root.path)/myfonts</dir> <dir /> <dir prefix='relative'>beside</dir></fontconfig>
            """
        try Data(text.utf8).write(to: config)
        try Data("<fontconfig/>".utf8).write(to: extra)
        let environment = ["HOME": root.path, "FONTCONFIG_FILE": config.path]
        let first = TextMeasureStore.environmentStamp(environment)
        #expect(TextMeasureStore.environmentStamp(environment) == first)
        try Data("<fontconfig><match/></fontconfig>".utf8).write(to: config)
        #expect(TextMeasureStore.environmentStamp(environment) != first, "FONTCONFIG_FILE's contents are not stamped")
        try Data(text.utf8).write(to: config)
        let restored = TextMeasureStore.environmentStamp(environment)
        try Data("<fontconfig><alias/></fontconfig>".utf8).write(to: extra)
        let included = TextMeasureStore.environmentStamp(environment)
        #expect(included != restored, "an included file is not stamped")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("myfonts/a/b"), withIntermediateDirectories: true)
        let deeper = TextMeasureStore.environmentStamp(environment)
        #expect(deeper != included, "a font folder of a <dir> is not stamped")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("beside/c"), withIntermediateDirectories: true)
        #expect(TextMeasureStore.environmentStamp(environment) != deeper, "a <dir prefix='relative'> after a <dir/> is not stamped")
    }

    /// The stamp changes with what pango's answers depend on: here a font folder and fontconfig's
    /// configuration in the user's home, and the variables fontconfig reads.
    @Test func theEnvironmentStampFollowsFontsAndConfiguration() throws {
        let home = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["HOME": home.path]
        let before = TextMeasureStore.environmentStamp(environment)
        #expect(TextMeasureStore.environmentStamp(environment) == before)
        #expect(before.count == 32)
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".fonts/truetype"), withIntermediateDirectories: true)
        let withFonts = TextMeasureStore.environmentStamp(environment)
        #expect(withFonts != before)
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".fonts/truetype/new"), withIntermediateDirectories: true)
        let withMoreFonts = TextMeasureStore.environmentStamp(environment)
        #expect(withMoreFonts != withFonts, "a font folder added deep down is not seen")
        let config = home.appendingPathComponent(".config/fontconfig/fonts.conf")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("<fontconfig/>".utf8).write(to: config)
        let configured = TextMeasureStore.environmentStamp(environment)
        #expect(configured != withMoreFonts)
        try Data("<fontconfig></fontconfig>".utf8).write(to: config)
        #expect(TextMeasureStore.environmentStamp(environment) != configured, "an edited configuration is not seen")
        #expect(TextMeasureStore.environmentStamp(environment.merging(["FONTCONFIG_FILE": "/x"]) { $1 }) != TextMeasureStore.environmentStamp(environment))
    }
}
