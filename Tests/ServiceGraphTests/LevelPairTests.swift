import Foundation
import Testing
@testable import ServiceGraph

@Suite struct LevelPairTests {
    @Test func aPairIsTheSameWhicheverEndComesFirst() {
        #expect(LevelPair(.municipal, .dps) == LevelPair(.dps, .municipal))
        #expect(LevelPair(.municipal, .dps).first == .dps)
        #expect(Set([LevelPair(.hospital, .dps), LevelPair(.dps, .hospital)]).count == 1)
    }

    @Test func itIsWrittenAsTheSortedNamesWithUnknownForNoLevel() {
        #expect(LevelPair(.municipal, .dps).description == "dps|municipal")
        #expect(LevelPair(nil, .municipal).description == "municipal|unknown")
        #expect(LevelPair(nil, nil).description == "unknown|unknown")
        #expect(LevelPair(.state, nil).csvFields == "state,unknown")
    }

    @Test func pairsSortByTheirWrittenForm() {
        let pairs = [LevelPair(nil, .civil), LevelPair(.municipal, .municipal), LevelPair(.hospital, .dps)]
        #expect(pairs.sorted().map(\.description) == ["civil|unknown", "dps|hospital", "municipal|municipal"])
    }

    @Test func theMissingWeightMessageNamesTheLineToAdd() {
        #expect(MeasureError.missingWeight(levelPair: LevelPair(.municipal, .dps)).description
            == "the fragmented-care-density weights have no weight for the level pair dps|municipal; add a line dps,municipal,WEIGHT")
    }
}
