import Foundation
import FuzzTargets
import Testing
import TestSupport

/// Replays, through each fuzz target, its seed corpus (the inputs fuzzing starts from) and every
/// input fuzzing found to crash or break a property (`scripts/fuzz.sh` copies them to
/// `Fixtures/regressions/<target>/`). A replayed input must now be read and used correctly or
/// rejected with a diagnostic.
struct FuzzRegressionTests {
    static func inputs(_ kind: String) -> [(target: FuzzTarget, url: URL)] {
        FuzzTarget.allCases.flatMap { target in
            let folder = Fixtures.url("\(kind)/\(target.rawValue)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.sorted().filter { !$0.hasPrefix(".") }.map { (target, folder.appendingPathComponent($0)) }
        }
    }

    @Test func everyTargetHasASeedCorpus() {
        let seeded = Set(Self.inputs("corpus").map(\.target))
        #expect(seeded == Set(FuzzTarget.allCases))
    }

    @Test(arguments: FuzzRegressionTests.inputs("corpus").map { "\($0.target.rawValue)/\($0.url.lastPathComponent)" })
    func seedInputSurvives(_ name: String) throws {
        try replay("corpus/" + name)
    }

    @Test(arguments: FuzzRegressionTests.inputs("regressions").map { "\($0.target.rawValue)/\($0.url.lastPathComponent)" })
    func foundInputNoLongerBreaks(_ name: String) throws {
        try replay("regressions/" + name)
    }

    private func replay(_ name: String) throws {
        let parts = name.split(separator: "/")
        let target = try #require(FuzzTarget(rawValue: String(parts[1])))
        let data = try Data(contentsOf: Fixtures.url(name))
        let broken = target.check(data)
        #expect(broken == nil, "\(name): \(broken ?? "")")
    }
}
