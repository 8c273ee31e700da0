import Foundation
import Testing
import TestSupport
@testable import GraphvizSupport
@testable import ServiceGraph

/// Vocabulary problems are reported at the line where the node or edge first appears, which
/// the tool finds itself because cgraph does not record it.
@Suite struct ValidationLineTests {
    @Test func everyVocabularyProblemAtItsLine() throws {
        let loaded = try LoadedGraph.load(Fixtures.url("vocabulary-errors.dot"), displayName: "vocabulary-errors.dot")
        let problems = loaded.validate().map(\.description)
        #expect(problems == [
            "vocabulary-errors.dot:4: error: node 'gp' has unknown kind 'doctor' (expected one of user, professional, service, unit, forum, relative)",
            "vocabulary-errors.dot:5: error: node 'psy' has unknown level 'county' (expected one of civil, municipal, state, dps, hospital)",
            "vocabulary-errors.dot:7: error: node 'nurse' has conflicting levels: own level says dps, service ward says hospital",
            "vocabulary-errors.dot:8: error: edge 'u' → 'gp': dates='2024-13-01' is not a date: there is no month 13",
            "vocabulary-errors.dot:9: warning: edge 'gp' → 'psy' is a contact that has no date: it is in the helper network but on no pathway",
            "vocabulary-errors.dot:9: error: edge 'gp' → 'psy' is a contact but neither end is a user node: a tie between helpers is a collaboration (kind=collaboration)",
            "vocabulary-errors.dot:10: warning: edge 'gp' → 'nurse' is a message between helpers with no user= in a file with 2 users; it belongs to no pathway",
            "vocabulary-errors.dot:11: error: edge 'gp' → 'nurse' has unknown kind 'hug' (expected one of contact, collaboration, member, referral, admission, discharge, message, epicrisis, meeting, reports_to, order, agreement, informal)",
            "vocabulary-errors.dot:12: warning: node 'plain' has no kind; taken as 'professional' because it has a role",
        ])
    }

    @Test func syntaxErrorsBecomeDiagnosticsWithCgraphsLine() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.dot")
        try Data("digraph {\n  a -> b;\n  b -> [kind=contact];\n}\n".utf8).write(to: file)
        #expect {
            try LoadedGraph.load(file, displayName: "broken.dot")
        } throws: { error in
            (error as? Diagnostic)?.description == "broken.dot:3: error: syntax error in line 3 near '['"
        }
    }

    @Test func textAfterTheFirstGraphIsReported() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("two.dot")
        try Data("digraph one { a -> b [kind=collaboration] }\n\ndigraph two { c }\n".utf8).write(to: file)
        let loaded = try LoadedGraph.load(file, displayName: "two.dot")
        #expect(loaded.validate().map(\.description).contains(
            "two.dot:3: warning: text after the first graph is ignored (one graph per file)"))
    }

    @Test func shippedExamplesAreValid() throws {
        for path in ["helper-networks/one-year-26-helpers.dot", "romsdal/aukra.dot"] {
            let url = Fixtures.repositoryRoot.appendingPathComponent("Graphs/" + path)
            let loaded = try LoadedGraph.load(url, displayName: path)
            #expect(loaded.validate().isEmpty)
        }
    }
}
