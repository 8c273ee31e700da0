import Foundation
@testable import Pipelines
import ServiceGraph
import Testing
import TestSupport

/// `metrics` and `handovers` past one machine (docs/pathways.md, "Sharding"): standard input,
/// folders of parts, `--to` as the data end, shard outputs that combine to the whole's.
@Suite struct ShardingTests {
    /// Runs the binary with `input` on its standard input (nil: an empty one).
    private func run(_ arguments: [String], input: Data? = nil, in folder: URL? = nil) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let process = Process()
        process.executableURL = Fixtures.productsDirectory.appendingPathComponent("samhandling")
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        (process.standardInput, process.standardOutput, process.standardError) = (stdin, out, err)
        try process.run()
        // Written from another thread: the binary's output must be drained while it reads.
        let writer = Thread {
            if let input { try? stdin.fileHandleForWriting.write(contentsOf: input) }
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// A generated log (sorted by user) as its header and each user's lines, in order.
    private func generatedLog(users: Int = 60, events: Int = 1_500) throws -> (header: String, users: [[String]], folder: URL) {
        let folder = try Fixtures.temporaryFolder()
        let path = folder.appendingPathComponent("whole.csv").path
        let made = try run(["generate", "event-log", "--users", "\(users)", "--events", "\(events)", "--seed", "1", "--out", path])
        #expect(made.status == 0, "\(made.stderr)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        var byUser: [[String]] = []
        for line in lines.dropFirst() {
            let user = line.prefix { $0 != "," }
            if let last = byUser.last?.last, last.prefix(while: { $0 != "," }) == user {
                byUser[byUser.count - 1].append(line)
            } else {
                byUser.append([line])
            }
        }
        return (lines[0], byUser, folder)
    }

    private func text(_ header: String, _ users: some Sequence<[String]>) -> Data {
        Data(([header] + users.flatMap { $0 }).map { $0 + "\n" }.joined().utf8)
    }

    /// The whole log's users split in three runs, as a sorted-by-user sharding does.
    private func threeRuns(_ users: [[String]]) -> [ArraySlice<[String]>] {
        let third = users.count / 3
        return [users[..<third], users[third..<(2 * third)], users[(2 * third)...]]
    }

    /// The rows after the header (CRLF line ends).
    private func body(_ csv: String) -> [String] { Array(csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }) }

    /// `handovers --format csv` as counts by (source, target).
    private func counts(_ csv: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in body(csv) {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            counts[fields.dropLast().joined(separator: ","), default: 0] += Int(fields.last ?? "") ?? -1_000_000
        }
        return counts
    }

    @Test func metricsOfThreeShardsConcatenateToTheWhole() throws {
        let log = try generatedLog()
        defer { try? FileManager.default.removeItem(at: log.folder) }
        let to = ["--format", "csv", "--to", "2025-12-31"]
        let whole = try run(["metrics", "-"] + to, input: text(log.header, log.users))
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(whole.stderr.isEmpty)
        #expect(body(whole.stdout).count == log.users.count)
        var concatenated = ""
        for (index, shard) in threeRuns(log.users).enumerated() {
            let part = try run(["metrics", "-"] + to, input: text(log.header, shard))
            #expect(part.status == 0, "\(part.stderr)")
            // `tail -n +2` on every shard but the first: the header once.
            concatenated += index == 0 ? part.stdout : part.stdout.components(separatedBy: "\r\n").dropFirst().joined(separator: "\r\n")
        }
        #expect(concatenated == whole.stdout)
        // The same log read from its file: the same rows, but for the input column.
        let file = try run(["metrics", "whole.csv"] + to, in: log.folder)
        #expect(body(file.stdout).map { $0.drop { $0 != "," } } == body(whole.stdout).map { $0.drop { $0 != "," } })
    }

    /// A hash sharding (as Spark's repartition by user) puts users in any order: the rows are the
    /// whole's, in another order.
    @Test func metricsOfHashShardsAreTheWholesRows() throws {
        let log = try generatedLog()
        defer { try? FileManager.default.removeItem(at: log.folder) }
        let to = ["--format", "csv", "--to", "2025-12-31"]
        let whole = try run(["metrics", "-"] + to, input: text(log.header, log.users))
        var rows: [String] = []
        for shard in 0..<3 {
            let part = try run(["metrics", "-"] + to, input: text(log.header, log.users.enumerated().filter { $0.offset % 3 == shard }.map(\.element)))
            #expect(part.status == 0, "\(part.stderr)")
            rows += body(part.stdout)
        }
        #expect(rows.sorted() == body(whole.stdout).sorted())
    }

    @Test func handoversOfThreeShardsSumToTheWhole() throws {
        let log = try generatedLog()
        defer { try? FileManager.default.removeItem(at: log.folder) }
        let whole = try run(["handovers", "-", "--format", "csv"], input: text(log.header, log.users))
        #expect(whole.status == 0, "\(whole.stderr)")
        var summed: [String: Int] = [:]
        for shard in threeRuns(log.users) {
            let part = try run(["handovers", "-", "--format", "csv"], input: text(log.header, shard))
            #expect(part.status == 0, "\(part.stderr)")
            summed.merge(counts(part.stdout), uniquingKeysWith: +)
        }
        #expect(!summed.isEmpty)
        #expect(summed == counts(whole.stdout))
        // From the file, byte for byte.
        #expect(try run(["handovers", "whole.csv", "--format", "csv"], in: log.folder).stdout == whole.stdout)
    }

    /// A folder of parts is one log: a user whose rows run from one part into the next is one
    /// user (split here in the middle of a user), and parts not in user order are grouped.
    @Test func aFolderOfPartsIsReadAsOneLog() throws {
        let log = try generatedLog()
        defer { try? FileManager.default.removeItem(at: log.folder) }
        let lines = log.users.flatMap { $0 }
        let cut1 = log.users[..<20].reduce(0) { $0 + $1.count } + 1  // inside user 21
        let cut2 = log.users[..<40].reduce(0) { $0 + $1.count }  // between users 40 and 41
        let parts = log.folder.appendingPathComponent("parts")
        try FileManager.default.createDirectory(at: parts, withIntermediateDirectories: true)
        for (index, range) in [0..<cut1, cut1..<cut2, cut2..<lines.count].enumerated() {
            try text(log.header, [Array(lines[range])]).write(to: parts.appendingPathComponent("part-\(index).csv"))
        }
        try Data("not a part".utf8).write(to: parts.appendingPathComponent("_SUCCESS"))
        let to = ["--format", "csv", "--to", "2025-12-31"]
        let whole = try run(["metrics", "whole.csv"] + to, in: log.folder)
        let folder = try run(["metrics", "--parts", "parts"] + to, in: log.folder)
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stdout.components(separatedBy: "\r\n").dropFirst().allSatisfy { $0.isEmpty || $0.hasPrefix("parts,") })
        #expect(body(folder.stdout).map { $0.drop { $0 != "," } } == body(whole.stdout).map { $0.drop { $0 != "," } })
        let handovers = try run(["handovers", "whole.csv", "--format", "csv"], in: log.folder)
        #expect(try run(["handovers", "--parts", "parts", "--format", "csv"], in: log.folder).stdout == handovers.stdout)
        // Without --parts the folder's logs are measured one by one, as before: user 21 twice.
        let oneByOne = try run(["metrics", "parts"] + to, in: log.folder)
        #expect(body(oneByOne.stdout).count == log.users.count + 1)

        // Parts in no user order (users dealt out by hash): the same rows, sorted by user.
        let hashed = log.folder.appendingPathComponent("hashed")
        try FileManager.default.createDirectory(at: hashed, withIntermediateDirectories: true)
        for shard in 0..<3 {
            try text(log.header, log.users.enumerated().filter { $0.offset % 3 == shard }.map(\.element))
                .write(to: hashed.appendingPathComponent("part-\(shard).csv"))
        }
        let grouped = try run(["metrics", "--parts", "hashed"] + to, in: log.folder)
        #expect(grouped.status == 0, "\(grouped.stderr)")
        #expect(body(grouped.stdout).map { $0.drop { $0 != "," } }.sorted() == body(whole.stdout).map { $0.drop { $0 != "," } }.sorted())
        #expect(try run(["handovers", "--parts", "hashed", "--format", "csv"], in: log.folder).stdout == handovers.stdout)
    }

    /// `--to` is the data end of every shard; without it a shard is censored at its own last
    /// event, and standard input says so. User a: municipal visits, then DPS from 02-20 (an up
    /// transition at 02-20; W = 30 days, so it is censored when the data end is before 03-21);
    /// a's last event is 03-01; user b's is 06-01.
    @Test func theDataEndIsToNotTheShardsLastEvent() throws {
        let header = "user,time,kind,actor,service,level"
        let a = ["a,2024-01-10,contact,p1,s1,municipal", "a,2024-01-30,contact,p1,s1,municipal",
                 "a,2024-02-20,contact,p2,s2,dps", "a,2024-03-01,contact,p2,s2,dps"]
        let b = ["b,2024-05-01,contact,p3,s1,municipal", "b,2024-06-01,contact,p3,s1,municipal"]
        func censored(_ csv: String, user: String) throws -> String {
            let lines = csv.components(separatedBy: "\r\n")
            let column = try #require(lines[0].split(separator: ",").firstIndex(of: "censored_transitions"))
            let row = try #require(lines.first { $0.hasPrefix("standard input,\(user),") })
            return String(row.split(separator: ",", omittingEmptySubsequences: false)[column])
        }
        let whole = try run(["metrics", "-", "--format", "csv"], input: text(header, [a, b]))
        #expect(try censored(whole.stdout, user: "a") == "0")  // the data end is b's 06-01
        #expect(whole.stderr.contains("standard input: warning: no --to"))
        let alone = try run(["metrics", "-", "--format", "csv"], input: text(header, [a]))
        #expect(try censored(alone.stdout, user: "a") == "1")  // its own last event, 03-01
        #expect(alone.status == 0)
        let given = try run(["metrics", "-", "--format", "csv", "--to", "2024-06-01"], input: text(header, [a]))
        #expect(try censored(given.stdout, user: "a") == "0")
        #expect(given.stderr.isEmpty)
        // Without --to, standard input is read twice (from a copy): not sorted by user is then fine.
        let unsorted = try run(["metrics", "-", "--format", "csv"], input: text(header, [b, a]))
        #expect(unsorted.status == 0, "\(unsorted.stderr)")
        #expect(body(unsorted.stdout).map { $0.prefix(17) } == ["standard input,a,", "standard input,b,"])
    }

    @Test func badInputOnTheseWays() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let header = "user,time,kind,actor,service,level"
        // Empty standard input.
        for command in ["metrics", "handovers"] {
            let empty = try run([command, "-", "--format", "csv", "--to", "2024-12-31"])
            #expect(empty.status == 1)
            #expect(empty.stderr.contains("standard input:1: error: standard input is empty"), "\(empty.stderr)")
        }
        // A header alone (an empty Spark partition): no users, no error.
        let headerOnly = try run(["metrics", "-", "--format", "csv", "--to", "2024-12-31"], input: Data((header + "\n").utf8))
        #expect(headerOnly.status == 0, "\(headerOnly.stderr)")
        #expect(body(headerOnly.stdout).isEmpty)
        // Not sorted by user, read once (with --to): said, nothing written.
        let unsorted = try run(["handovers", "-", "--format", "csv"],
                               input: Data("\(header)\nb,2024-01-01,contact,p1,s1,dps\na,2024-01-02,contact,p1,s1,dps\n".utf8))
        #expect(unsorted.status == 1)
        #expect(unsorted.stderr.contains("standard input: error: the rows are not sorted by user"), "\(unsorted.stderr)")
        #expect(unsorted.stdout == "source,target,count\r\n")  // none of its rows counted
        // A folder of parts with no log in it.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("none"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("none/_SUCCESS"))
        let none = try run(["metrics", "--parts", "none", "--format", "csv"], in: root)
        #expect(none.status == 1)
        #expect(none.stderr.contains("none: error: a folder of parts with no event log in it"), "\(none.stderr)")
        // A part with another header, and a bad row in a part: each named with its file and
        // line; the rest is read.
        let parts = root.appendingPathComponent("parts")
        try FileManager.default.createDirectory(at: parts, withIntermediateDirectories: true)
        try Data("\(header)\na,2024-01-01,contact,p1,s1,dps\na,2024-01-05,contact,p2,s1,dps\n".utf8).write(to: parts.appendingPathComponent("1.csv"))
        try Data("user,time,kind\nb,2024-01-01,contact\n".utf8).write(to: parts.appendingPathComponent("2.csv"))
        try Data("\(header)\nc,2024-01-01,contact,p1,s1,dps\nc,2024-13-01,contact,p1,s1,dps\nc,2024-01-03,contact,p3,s1,dps\n".utf8)
            .write(to: parts.appendingPathComponent("3.csv"))
        let mixed = try run(["handovers", "--parts", "parts", "--format", "csv"], in: root)
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("parts/2.csv:1: error: the header is not the first part's (parts/1.csv)"), "\(mixed.stderr)")
        #expect(mixed.stderr.contains("parts/3.csv:3: error: time"), "\(mixed.stderr)")
        #expect(mixed.stdout == "source,target,count\r\np1,p2,1\r\np1,p3,1\r\n")
        // Standard input named twice.
        let twice = try run(["metrics", "-", "-", "--format", "csv"], input: Data((header + "\n").utf8))
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("-: error: standard input is named twice"))
    }

    /// Not a terminal (a pipe, as in Spark): no progress bar, whatever the size.
    @Test func noProgressBarWhenStderrIsNotATerminal() throws {
        let log = try generatedLog(users: 2_000, events: 60_000)
        defer { try? FileManager.default.removeItem(at: log.folder) }
        for arguments in [["metrics", "whole.csv", "--format", "csv"], ["handovers", "whole.csv"], ["convert", "whole.csv", "out.dot"]] {
            let result = try run(arguments, in: log.folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("\r") && !result.stderr.contains("rows"), "\(arguments[0]): \(result.stderr)")
        }
    }

    @Test func progressLine() {
        typealias Snapshot = ReadProgress.Snapshot
        // A file half read in 4 s: 4 s left.
        #expect(ReadingProgress.line(Snapshot(bytes: 27_500_000, total: 55_000_000, lines: 480_112, users: 24_007), seconds: 4, width: 10)
                == "█████░░░░░   50%  27.5/55.0 MB  480,112 rows  24,007 users  120,028 rows/s  4 s left")
        // Standard input: no size, so no bar and no time left; the first pass has no users yet.
        #expect(ReadingProgress.line(Snapshot(bytes: 1_000, lines: 1_234_567), seconds: 2) == "1,234,567 rows  617,284 rows/s")
        // Read again (pass 2), at the very start, and done.
        #expect(ReadingProgress.line(Snapshot(bytes: 0, total: 1_000, lines: 0, users: 1, pass: 2), seconds: 0, width: 4)
                == "pass 2  ░░░░    0%  0.0/0.0 MB  0 rows  1 user")
        #expect(ReadingProgress.line(Snapshot(bytes: 1_000, total: 1_000, lines: 10), seconds: 1, width: 4)
                == "████  100%  0.0/0.0 MB  10 rows  10 rows/s")
        #expect(ReadingProgress.duration(6.3) == "7 s")
        #expect(ReadingProgress.duration(59.2) == "1 min 00 s")
        #expect(ReadingProgress.duration(245) == "4 min 05 s")
        #expect(ReadingProgress.duration(7_380) == "2 h 03 min")
        #expect(ReadingProgress.grouped(0) == "0")
        #expect(ReadingProgress.grouped(999) == "999")
        #expect(ReadingProgress.grouped(1_000) == "1,000")
    }
}
