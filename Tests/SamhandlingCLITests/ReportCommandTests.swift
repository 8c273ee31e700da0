import Foundation
import Testing
import TestSupport

@Suite struct ReportCommandTests {
    @Test func pagesIndexAndEscaping() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("""
            digraph { graph [title="<script>alert(1)</script> & report"];
              u [kind=user, label="<script>alert(1)</script>"]; gp [kind=professional, level=municipal, label="Dr <b>A</b>"];
              psy [kind=professional, level=dps]; u -> gp [kind=contact, dates="2024-01-01 2024-02-01"];
              u -> psy [kind=contact, date="2024-03-01"] }
            """.utf8).write(to: root.appendingPathComponent("hostile.dot"))
        let result = try Fixtures.run("samhandling", ["report", "hostile.dot", "--out", "report", "--suppress-below", "3"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: root.appendingPathComponent("report/hostile.html"), encoding: .utf8)
        #expect(!page.contains("<script"))  // escaped in HTML and in the SVG
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("url(http"))  // nothing fetched
        #expect(!page.contains("<img") && !page.contains("<link"))
        #expect(page.contains("<svg"))  // drawings inline
        #expect(page.contains("Helper-network map") && page.contains("Pathway"))
        #expect(page.contains("<td>&lt;3</td>"))  // two helpers, suppressed
        let index = try String(contentsOf: root.appendingPathComponent("report/index.html"), encoding: .utf8)
        #expect(index.contains("href=\"hostile.html\""))
        #expect(!index.contains("<script"))
    }

    @Test func norwegianAndTheShippedGraphs() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let graphs = Fixtures.repositoryRoot.appendingPathComponent("Graphs").path
        let result = try Fixtures.run("samhandling", ["report", graphs, "--out", "r", "--lang", "nb"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let index = try String(contentsOf: root.appendingPathComponent("r/index.html"), encoding: .utf8)
        let links = index.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
        let shipped = FileManager.default.enumerator(atPath: graphs)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".dot") }.count ?? 0
        #expect(links.count == shipped && shipped >= 32)
        for link in links {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("r/" + link).path), "\(link) is missing")
        }
        let aukra = try String(contentsOf: root.appendingPathComponent("r/romsdal_aukra.html"), encoding: .utf8)
        #expect(aukra.contains("Organisasjonskart") && aukra.contains("Datakvalitet") && aukra.contains("lang=\"nb\""))
        #expect(aukra.contains("egen tjeneste") && aukra.contains("hvorfor"))
    }
}
