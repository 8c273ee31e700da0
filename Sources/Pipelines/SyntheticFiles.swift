import Foundation
import ServiceGraph

/// Synthetic data written to files (seeded: the same seed, the same data).
public enum SyntheticFiles {
    /// `count` helper networks of `sizes` nodes, `network-00000.dot` on, into `folder`.
    public static func helperNetworks(count: Int, sizes: ClosedRange<Int> = 20...60, seed: UInt64, into folder: String) throws {
        var random = SeededRandom(seed: seed)
        for index in 0..<count {
            let graph = Generator.helperNetwork(size: Int.random(in: sizes, using: &random), seed: seed &* 1_000_003 &+ UInt64(index))
            let url = URL(fileURLWithPath: folder).appendingPathComponent(String(format: "network-%05d.dot", index))
            do {
                try AtomicFile.write(Data(DOTWriter().write(graph).utf8), to: url)
            } catch {
                Console.error("\(url.path): error: cannot write: \(OutputPath.reason(error))")
                throw InputFailure()
            }
        }
    }

    /// An event log of about `events` events, sorted by user, to a file or standard output.
    public static func eventLog(users: Int, events: Int, professionals: Int, services: Int, seed: UInt64, to path: String) throws {
        let write = { (emit: (Data) throws -> Void) throws in
            try Generator.writeEventLog(users: users, events: events, professionals: professionals, services: services,
                                        seed: seed) { try emit(Data($0.utf8)) }
        }
        if path == OutputPath.standardOutput { return try write(Console.write) }
        do {
            try AtomicFile.stream(to: URL(fileURLWithPath: path), write)
        } catch {
            Console.error("\(path): error: cannot write: \(OutputPath.reason(error))")
            throw InputFailure()
        }
    }
}
