import ArgumentParser
import Foundation
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write synthetic data for tests and benchmarks (seeded: the same seed, the same data).",
            subcommands: [HelperNetworks.self, Graph.self, EventLog.self]
        )

        struct HelperNetworks: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "helper-networks", abstract: "A folder of helper networks (DOT), 20–60 nodes each unless told.")
            @Option(help: "How many.") var count: Int = 1_000
            @Option(help: "Fewest nodes of one.") var minSize: Int = 20
            @Option(help: "Most nodes of one.") var maxSize: Int = 60
            @Option(name: .shortAndLong, help: "Folder to write them to.") var out: String
            @Option(help: "Seed.") var seed: UInt64 = 1

            func validate() throws {
                guard minSize >= 1, minSize <= maxSize else { throw ValidationError("--min-size must be 1 or more and at most --max-size") }
            }

            func run() throws {
                try SyntheticFiles.helperNetworks(count: count, sizes: minSize...maxSize, seed: seed, into: out)
            }
        }

        struct Graph: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "graph", abstract: "One collaboration graph of N nodes and M edges.")
            @Option(help: "Nodes.") var nodes: Int
            @Option(help: "Edge records.") var edges: Int
            @Option(name: .shortAndLong, help: "Where to write it (.dot, .graphml, .json, or a folder for CSV; - for DOT on standard output).")
            var out: String
            @Option(help: "Seed.") var seed: UInt64 = 1

            func run() throws {
                let graph = Generator.collaborationGraph(nodes: nodes, edges: edges, seed: seed)
                try GraphFiles.write(graph, as: GraphFormat(output: out), to: out)
            }
        }

        struct EventLog: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "event-log", abstract: "An event log of U users and about E events, sorted by user.")
            @Option(help: "Users.") var users: Int
            @Option(help: "Events (about).") var events: Int
            @Option(help: "Professionals.") var professionals: Int = 5_000
            @Option(help: "Services.") var services: Int = 200
            @Option(name: .shortAndLong, help: "CSV file to write; - for standard output.") var out: String
            @Option(help: "Seed.") var seed: UInt64 = 1

            func validate() throws {
                if users < 1 || events < 1 || professionals < 1 || services < 1 {
                    throw ValidationError("users, events, professionals and services must be at least 1")
                }
            }

            func run() throws {
                try SyntheticFiles.eventLog(users: users, events: events, professionals: professionals, services: services,
                                            seed: seed, to: out)
            }
        }
    }
}
