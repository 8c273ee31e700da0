import CGraphvizShim
import Foundation
import Testing
import TestSupport
@testable import GraphvizSupport
@testable import ServiceGraph

@Suite(.serialized) struct RendererTests {
    private func styledDOT(_ path: String, language: Language = .en) throws -> (CollaborationGraph, String) {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Graphs/" + path)
        let graph = try DOTReader.read(text: try String(contentsOf: url, encoding: .utf8))
        let view = NetworkView(language: language).styled(graph)
        return (view, DOTWriter().write(view))
    }

    @Test(arguments: ["helper-networks/one-year-26-helpers.dot", "romsdal/aukra.dot"])
    func svgIsWellFormedAndHoldsEveryLabel(path: String) throws {
        let (view, dot) = try styledDOT(path)
        let svg = try #require(SVGInspection(try Renderer().render(dot: dot)))
        #expect(svg.rootElement == "svg")
        // The legend is one HTML-like table; the band spine's invisible points are not drawn.
        for node in view.nodes where node.id != "__legend" && node.attributes["style"] != "invis" {
            for line in node.label.components(separatedBy: #"\n"#) {
                #expect(svg.texts.contains(line), "label line «\(line)» of \(node.id) missing from the SVG")
            }
            #expect(svg.titles.contains(node.id.rawValue))
        }
        #expect(svg.texts.contains("Legend"))
    }

    @Test func norwegianLegendInTheSVG() throws {
        let (_, dot) = try styledDOT("helper-networks/one-year-26-helpers.dot", language: .nb)
        let svg = try #require(SVGInspection(try Renderer().render(dot: dot)))
        #expect(svg.texts.contains("Tegnforklaring"))
        #expect(svg.texts.contains("Sykehus (3. linje)"))
        #expect(svg.texts.contains("pårørende eller nettverk"))
    }

    @Test(arguments: [
        #"<script>alert("x")</script>"#, #"Tom & "Jerry""#, "æøå ÆØÅ", "a < b > c", #"back\\slash"#, "it's",
    ])
    func hostileLabelsAreEscaped(label: String) throws {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: "u", attributes: ["kind": "user", "label": DOTWriter.escString(plain: label)]))
        graph.addNode(Node(id: NodeID(label), attributes: ["kind": "professional", "label": DOTWriter.escString(plain: label)]))
        graph.addEdge(Edge(source: "u", target: NodeID(label), attributes: ["kind": "contact"]))
        let data = try Renderer().render(dot: DOTWriter().write(NetworkView().styled(graph)))
        let svg = try #require(SVGInspection(data), "the SVG is not well-formed XML")
        #expect(svg.texts.filter { $0 == label }.count == 2)
        #expect(svg.titles.contains(label))
        #expect(!String(decoding: data, as: UTF8.self).contains("<script"))
    }

    @Test(arguments: LayoutEngine.allCases)
    func everyLayoutEngine(engine: LayoutEngine) throws {
        let dot = "graph { a -- b -- c -- a; c -- d; subgraph cluster_x { e -- f } }"
        let svg = try #require(SVGInspection(try Renderer(engine: engine).render(dot: dot)))
        #expect(Set(svg.titles).isSuperset(of: ["a", "b", "c", "d", "e", "f"]))
    }

    @Test func everyFormat() throws {
        let dot = "digraph { a -> b }"
        let png = try Renderer(format: .png).render(dot: dot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let pdf = try Renderer(format: .pdf).render(dot: dot)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let laidOut = try Renderer(format: .dot).render(dot: dot)
        let graph = try DOTReader.read(text: String(decoding: laidOut, as: UTF8.self))
        #expect(graph["a"]?.attributes["pos"] != nil)  // the layout is in the output
        #expect(graph.edges.count == 1)
    }

    @Test func graphsTooLargeForTheLayoutAreRefused() throws {
        let nodes = (0...2_000).map { "n\($0);" }.joined(separator: " ")
        let dot = "digraph { \(nodes) }"
        #expect(throws: GraphvizError.tooLarge(nodes: 2_001, limit: 2_000, engine: "dot")) {
            try Renderer(engine: .dot).render(dot: dot)
        }
        let message = GraphvizError.tooLarge(nodes: 2_001, limit: 2_000, engine: "dot").description
        #expect(message.contains("--layout sfdp") && message.contains("--force"))
        #expect(LayoutEngine.sfdp.nodeLimit == nil)
        let forced = try Renderer(engine: .dot, force: true).render(dot: dot)
        #expect(SVGInspection(forced)?.titles.contains("n2000") == true)
    }

    /// Graphviz's own messages are captured, never printed by the library: a malformed
    /// HTML label makes gvc complain, and nothing may reach the process's stderr.
    @Test func graphvizMessagesAreCapturedNotPrinted() throws {
        let printed = try capturingStandardError {
            _ = try? Renderer().render(dot: "digraph { a -> b [label=<<B>unclosed>] }")
            _ = try? DOTReader.read(text: "digraph { a -> ; }")
        }
        #expect(printed.isEmpty, "Graphviz printed: \(printed)")
    }

    private func capturingStandardError(_ body: () throws -> Void) throws -> String {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("stderr").path
        let file = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        let saved = dup(STDERR_FILENO)
        fflush(nil)
        dup2(file, STDERR_FILENO)
        defer {
            fflush(nil)
            dup2(saved, STDERR_FILENO)
            close(saved)
            close(file)
        }
        try body()
        fflush(nil)
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// Regressions of Graphviz 2.43 that the views steer around.
@Suite(.serialized) struct GraphvizPitfallTests {
    /// A collaboration written twice between helpers of two levels is drawn once, "×2": as a
    /// label, dot made a node of it and freed it twice in gvFreeLayout (the process aborted).
    @Test func aRepeatedTieBetweenBandsRenders() throws {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: "u", attributes: ["kind": "user"]))
        graph.addNode(Node(id: "a", attributes: ["kind": "professional", "level": "state"]))
        graph.addNode(Node(id: "b", attributes: ["kind": "professional", "level": "municipal"]))
        graph.addNode(Node(id: "s", attributes: ["kind": "service", "level": "dps"]))
        graph.addNode(Node(id: "c", attributes: ["kind": "professional", "service": "s"]))
        for id in ["a", "b", "c"] { graph.addEdge(Edge(source: "u", target: NodeID(id), attributes: ["kind": "contact"])) }
        for _ in 0..<2 {
            graph.addEdge(Edge(source: "a", target: "b", attributes: ["kind": "collaboration"]))
            graph.addEdge(Edge(source: "c", target: "s", attributes: ["kind": "member"]))
        }
        let view = NetworkView().styled(graph)
        let tie = try #require(view.edges.first { $0.source == "a" && $0.target == "b" })
        #expect(tie.attributes["xlabel"] == "×2" && tie.attributes["label"] == nil)
        let (data, messages) = try Renderer(force: true).renderWithMessages(dot: DOTWriter().write(view))
        #expect(messages.isEmpty)
        #expect(try #require(SVGInspection(data)).texts.contains("×2"))
    }
}

/// Text measured once (textcache.c) and numbers written without printf (printdouble.c): the
/// same bytes as Graphviz's own ways.
@Suite(.serialized) struct GraphvizShortcutTests {
    /// Texts no other test draws, so that the first render has pango measure them and the
    /// second takes them from the cache: the two drawings are the same, byte for byte.
    @Test(arguments: [LayoutEngine.dot, .neato])
    func textsFromTheCacheDrawAsPangoMeasuredThem(engine: LayoutEngine) throws {
        let unique = UUID().uuidString.replacingOccurrences(of: "-", with: "")  // SVG writes "-" as &#45;
        let dot = """
            digraph { a [label="first \(unique)", fontname=Helvetica, fontsize=11]; b [label="second \(unique)\\nline", fontname=Courier];
              c [label=<<b>bold \(unique)</b> <i>it</i>>]; a -> b [label="edge \(unique)"]; b -> c }
            """
        func hits() -> UInt64 {
            var hits: UInt64 = 0, misses: UInt64 = 0
            Graphviz.shared.serialized { sh_textcache_counts(&hits, &misses) }
            return hits
        }
        let first = try Renderer(engine: engine).render(dot: dot)
        let before = hits()
        let second = try Renderer(engine: engine).render(dot: dot)
        #expect(hits() - before >= 5, "the second render measured its texts again")
        #expect(first == second)
        #expect(String(decoding: first, as: UTF8.self).contains("second \(unique)"))
    }

    /// The digests' function is SipHash-2-4: its 64-bit form gives the published values (Aumasson
    /// and Bernstein's paper and reference vectors: key 00…0f, message 00…(n-1)).
    @Test func theDigestIsSipHash() {
        let key = (UInt64(0x0706050403020100), UInt64(0x0f0e0d0c0b0a0908))
        let message = [UInt8](0..<64)
        func siphash(_ count: Int) -> UInt64 { message.withUnsafeBytes { sh_siphash24(key.0, key.1, $0.baseAddress, count) } }
        #expect(siphash(0) == 0x726fdb47dd0e0e31)
        #expect(siphash(1) == 0x74f839c593dc67fd)
        #expect(siphash(15) == 0xa129ca6149be45e5)
        func siphash128(_ count: Int) -> [UInt64] {
            var out: [UInt64] = [0, 0]
            message.withUnsafeBytes { bytes in out.withUnsafeMutableBufferPointer { sh_siphash24_128(key.0, key.1, bytes.baseAddress, count, $0.baseAddress) } }
            return out
        }
        #expect(siphash128(0) == [0xe6a825ba047f81a3, 0x930255c71472f66d])
        #expect(siphash128(1) == [0x44af996bd8c187da, 0x45fc229b11597634])
    }

    /// PNG is drawn with pango's layouts, which a measurement from the cache does not have: a
    /// text already in the cache (from an SVG) still draws in a PNG as it did before.
    @Test func pngIsMeasuredByPango() throws {
        let dot = "digraph { a [label=\"png \(UUID().uuidString)\"] }"
        let before = try Renderer(format: .png).render(dot: dot)
        _ = try Renderer(format: .svg).render(dot: dot)  // now in the cache
        let after = try Renderer(format: .png).render(dot: dot)
        #expect(before.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(before == after)
    }

    @Test func fixedTwoDecimalsAsSnprintf() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        var values: [Double] = [0, -0.0, 0.005, -0.005, 0.125, 0.375, 2.675, 1e15, -1e15, 4.5e15, 1e300, -1e-300,
                                .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        for k in -40_000...40_000 {
            let x = Double(k) / 200
            values += [x, x.nextUp, x.nextDown, Double(k) / 8]
        }
        for _ in 0..<200_000 {
            values.append(Double(bitPattern: next()))
            values.append(Double(Int64(bitPattern: next()) % 10_000_000_000) / 1000)
        }
        var ours = [CChar](repeating: 0, count: 64), libc = [CChar](repeating: 0, count: 64)
        var mismatches: [Double] = []
        for value in values {
            let length = sh_format_fixed2(&ours, value)
            _ = withVaList([value]) { vsnprintf(&libc, 50, "%.02f", $0) }
            if strcmp(ours, libc) != 0 || length != strlen(libc) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
