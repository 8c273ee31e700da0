import Foundation
import Synchronization
import Testing
@testable import ServiceGraph

/// A value that counts how many of it are alive.
private final class Tracked: Sendable {
    static let live = Atomic<Int>(0)
    let value: Int

    init(_ value: Int) {
        self.value = value
        Self.live.add(1, ordering: .relaxed)
    }

    deinit { Self.live.subtract(1, ordering: .relaxed) }
}

@Suite(.serialized) struct ParallelMapTests {
    /// The results are handed back in order, and the buffer the workers filled keeps none of
    /// them alive afterwards (it once leaked every result: betweenness lost an array per worker).
    @Test func resultsInOrderAndNothingKeptAlive() {
        #expect(ProcessInfo.processInfo.activeProcessorCount > 1, "needs two cores to run in parallel")
        do {
            let results = parallelMap(Array(0..<64), minimumPerWorker: 1) { Tracked($0) }
            #expect(results.map(\.value) == Array(0..<64))
            #expect(Tracked.live.load(ordering: .relaxed) == 64)
        }
        #expect(Tracked.live.load(ordering: .relaxed) == 0)
    }
}
