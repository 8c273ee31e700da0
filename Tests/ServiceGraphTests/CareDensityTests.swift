import Foundation
import Testing
import TestSupport
@testable import ServiceGraph

/// The care-density example of Pollack et al. (2013), as in the project's oracles.
@Suite struct CareDensityTests {
    /// Patients 1:{A,C,D}, 2:{A,D}, 3:{A,D}, 4:{D}, 5:{C}.
    private var sharing: CollaborationGraph {
        var graph = CollaborationGraph()
        let visits = ["1": ["A", "C", "D"], "2": ["A", "D"], "3": ["A", "D"], "4": ["D"], "5": ["C"]]
        for patient in visits.keys.sorted() { graph.addNode(Node(id: NodeID(patient), attributes: ["kind": "user"])) }
        for (provider, level) in [("A", "municipal"), ("C", "dps"), ("D", "municipal")] {
            graph.addNode(Node(id: NodeID(provider), attributes: ["kind": "professional", "level": level]))
        }
        for patient in visits.keys.sorted() {
            for provider in visits[patient]! {
                graph.addEdge(Edge(source: NodeID(patient), target: NodeID(provider), attributes: ["kind": "contact"]))
            }
        }
        return graph
    }

    @Test func pollackExample() throws {
        let byUser = Dictionary(uniqueKeysWithValues: try sharing.helperNetworkMeasures().map { ($0.user.rawValue, $0) })
        #expect(approximately(byUser["1"]?.careDensity, 5.0 / 3))
        #expect(byUser["2"]?.careDensity == 3)
        #expect(byUser["3"]?.careDensity == 3)
        #expect(byUser["4"]?.careDensity == nil)
        #expect(byUser["5"]?.careDensity == nil)
    }

    @Test func measuringOneUserGivesWhatTheFullRunGives() throws {
        let all = try sharing.helperNetworkMeasures()
        let one = try sharing.helperNetworkMeasures(only: ["2"])
        #expect(one.count == 1)
        #expect(one.first == all.first { $0.user == "2" })  // care density still sees every user
    }

    @Test func sharedSumsPerLevelPairWithoutWeights() throws {
        let first = try #require(try sharing.helperNetworkMeasures().first { $0.user == "1" })
        // AC: municipal–dps shares 1; CD: dps–municipal shares 1; AD: municipal–municipal shares 3.
        #expect(first.careDensityByLevelPair == [LevelPair(.dps, .municipal): 2, LevelPair(.municipal, .municipal): 3])
        #expect(first.fragmentedCareDensity == nil)
    }

    @Test func fragmentedCareDensityWithWeights() throws {
        let weights = try LevelPairWeights.read(text: "level_a,level_b,weight\nkommune,dps,0.5\nmunicipal,municipal,1\n", file: "w.csv")
        let first = try #require(try sharing.helperNetworkMeasures(fcdWeights: weights).first { $0.user == "1" })
        #expect(approximately(first.fragmentedCareDensity, (0.5 * 2 + 1 * 3) / 3))
        #expect(first.careDensityByLevelPair == nil)
        #expect(approximately(first.careDensity, 5.0 / 3))
    }

    @Test func aMissingWeightNamesThePair() throws {
        let weights = LevelPairWeights([LevelPair(.municipal, .municipal): 1])
        #expect(throws: MeasureError.missingWeight(levelPair: LevelPair(.municipal, .dps))) {
            try sharing.helperNetworkMeasures(fcdWeights: weights)
        }
    }

    @Test func weightFilesAreCheckedWithTheirLine() {
        #expect(throws: Diagnostic(file: "w.csv", line: 3, message: "unknown level 'county'")) {
            try LevelPairWeights.read(text: "a,b,weight\ndps,dps,1\ncounty,dps,2\n", file: "w.csv")
        }
        #expect(throws: Diagnostic(file: "w.csv", line: 2, message: "weight 'lots' is not a number")) {
            try LevelPairWeights.read(text: "dps;dps;1\ndps;hospital;lots\n", file: "w.csv")
        }
    }
}
