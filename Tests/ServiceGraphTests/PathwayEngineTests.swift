import Foundation
import Testing
import TestSupport
@testable import ServiceGraph

/// The byte-level engine behind `metrics --format csv` and `handovers` on the tool's CSV event
/// logs: its answers are the pathway types' answers, on one thread or two, sorted or not, the
/// log cut into many runs or none.
@Suite struct PathwayEngineTests {
    /// A log of `users` users with every kind of row (stays, referrals, unnamed visits, visits of
    /// unknown level, a bad time, a bad kind), sorted by user; and the same rows in time order.
    static func generatedLog(users: Int, seed start: UInt64) -> (sorted: String, unsorted: String) {
        var seed = start
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let levels = ["municipal", "dps", "hospital", "state", "civil", ""]
        let kinds = ["contact", "contact", "contact", "contact", "referral", "admission", "discharge", "message", "meeting"]
        var rows: [(time: String, line: String)] = []
        for user in 0..<users {
            for _ in 0..<(1 + next(25)) {
                let time = String(format: "2024-%02d-%02dT%02d:00", 1 + next(12), 1 + next(28), next(24))
                let kind = next(200) == 0 ? "hug" : kinds[next(kinds.count)]
                let actor = next(6) == 0 ? "" : "p\(next(40))"
                let service = next(10) == 0 ? "" : "s\(next(8))"
                let target = kind == "referral" && next(2) == 0 ? "p\(next(40))" : ""
                let when = next(300) == 0 ? "01.02.2024" : time
                rows.append((time, "u\(String(format: "%03d", user)),\(when),\(kind),\(actor),\(service),\(levels[next(levels.count)]),\(target)"))
            }
        }
        let header = "user,time,kind,actor,service,level,target\n"
        let unsorted = rows.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element.line)
        return (header + rows.map(\.line).joined(separator: "\n") + "\n", header + unsorted.joined(separator: "\n") + "\n")
    }

    private func write(_ text: String, in folder: URL, as name: String = "log.csv") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The CSV rows through the pathway types (`streamPathways`), as before the engine.
    private func referenceRows(_ url: URL, meta: MetricsReport.Meta) throws -> (String, [Diagnostic]) {
        let report = try MetricsReport(eventLog: EventLogReader(url: url, displayName: "log.csv"), meta: meta)
        return (MetricsFormat.csvText(report.pathways.map { MetricsFormat.csvRow(input: meta.input, pathway: $0, byPeriod: meta.by != nil) }),
                report.problems)
    }

    private func engineRows(_ url: URL, meta: MetricsReport.Meta, jobs: Int, runEvents: Int = 1 << 19) throws -> (String, [Diagnostic]) {
        var bytes: [UInt8] = []
        let summary = try MetricsReport.streamCSVRows(eventLog: EventLogReader(url: url, displayName: "log.csv"), meta: meta,
                                                      jobs: jobs, runEvents: runEvents) { bytes += $0 }
        return (String(decoding: bytes, as: UTF8.self), summary.skipped)
    }

    @Test(arguments: [1, 2, 3])
    func metricsRowsAreThePathwayRowsOnAnyNumberOfJobsSortedOrNot(seed: UInt64) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (sorted, unsorted) = Self.generatedLog(users: 300, seed: seed)
        let sortedURL = try write(sorted, in: folder, as: "sorted.csv")
        let unsortedURL = try write(unsorted, in: folder, as: "unsorted.csv")
        for by in [nil, PeriodStep.quarter] {
            let meta = MetricsReport.Meta(input: "log.csv", sha256: "", toolVersion: "test", by: by)
            let (expected, problems) = try referenceRows(sortedURL, meta: meta)
            #expect(!problems.isEmpty && expected.count > 10_000)
            for jobs in [1, 2] {
                let (rows, skipped) = try engineRows(sortedURL, meta: meta, jobs: jobs)
                #expect(rows == expected)
                #expect(skipped == problems)
            }
            // Not sorted by user: the rows come sorted by user (here the same order), in one run or in many.
            for runEvents in [1 << 19, 7, 1] {
                let (rows, _) = try engineRows(unsortedURL, meta: meta, jobs: 2, runEvents: runEvents)
                #expect(rows == expected)
            }
            #expect(try referenceRows(unsortedURL, meta: meta).0 == expected)
        }
    }

    @Test func handoverTallyIsTheHandoverNetworkSortedOrNot() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (sorted, unsorted) = Self.generatedLog(users: 200, seed: 9)
        for granularity in Granularity.allCases {
            var network = HandoverNetwork(granularity: granularity)
            let reader = EventLogReader(url: try write(sorted, in: folder), displayName: "log.csv")
            for pathway in try reader.readAll().pathways { network.add(pathway) }
            var tally = HandoverTally(granularity: granularity)
            _ = try tally.add(eventLog: reader)
            #expect(String(decoding: tally.csv, as: UTF8.self) == network.csv)
            #expect(tally.network == network)
            #expect(tally.providerCount == network.providers.count && tally.handovers == network.handovers)
            var fromUnsorted = HandoverTally(granularity: granularity)
            let summary = try fromUnsorted.add(eventLog: EventLogReader(url: try write(unsorted, in: folder, as: "u.csv"), displayName: "u.csv"))
            #expect(!summary.sortedByUser)
            #expect(fromUnsorted.csv == tally.csv)
            #expect(tally.reading == .byUser)
            // Users last to first, each user's rows as written (not in time order): counted as
            // each user's events are gathered, not as they come. The same.
            let lines = sorted.split(separator: "\n")
            let blocks = Dictionary(grouping: lines.dropFirst(), by: { $0.prefix(while: { $0 != "," }) })
            let backwards = ([lines[0]] + blocks.keys.sorted(by: >).flatMap { blocks[$0]! }).joined(separator: "\n") + "\n"
            var fromBackwards = HandoverTally(granularity: granularity)
            #expect(try !fromBackwards.add(eventLog: EventLogReader(url: try write(backwards, in: folder, as: "b.csv"), displayName: "b.csv")).sortedByUser)
            #expect(fromBackwards.csv == tally.csv)
            #expect(fromBackwards.reading == .gathered)
            // Added by name, pathway by pathway, and merged: the same.
            var byName = HandoverTally(granularity: granularity)
            for pathway in try reader.readAll().pathways { byName.add(pathway) }
            var merged = HandoverTally(granularity: granularity)
            merged.merge(byName)
            #expect(merged.csv == tally.csv)
        }
    }

    /// A log sorted by time, not by user (as register extracts often are): each user's visits
    /// are counted as they come, users interleaved, and the network is the one of the log
    /// sorted by user. A user whose visit then comes before their previous one sends the
    /// count back to gathering each user's events: still the same network.
    @Test func aLogSortedByTimeIsCountedAsItComes() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Without the rows whose time is written otherwise ("01.02.2024"), the unsorted log is in time order.
        func inTimeOrder(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("01.02.2024") }.joined(separator: "\n") + "\n"
        }
        let (sorted, byTime) = Self.generatedLog(users: 150, seed: 4)
        let sortedURL = try write(inTimeOrder(sorted), in: folder, as: "sorted.csv")
        var network = HandoverNetwork()
        for pathway in try EventLogReader(url: sortedURL, displayName: "sorted.csv").readAll().pathways { network.add(pathway) }
        #expect(network.handovers > 300)
        for period in [Period(), try #require(Period(from: "2024-03-01", to: "2024-08-31"))] {
            var expected = HandoverNetwork()
            for pathway in try EventLogReader(url: sortedURL, displayName: "sorted.csv").readAll().pathways { expected.add(pathway, period: period) }
            var tally = HandoverTally()
            let summary = try tally.add(eventLog: EventLogReader(url: try write(inTimeOrder(byTime), in: folder, as: "t.csv"), displayName: "t.csv"),
                                        period: period)
            #expect(tally.reading == .inRowOrder)
            #expect(!summary.sortedByUser && summary.users == 150)
            #expect(String(decoding: tally.csv, as: UTF8.self) == expected.csv)
        }
        // One row moved to the end, or to the middle (visits are counted 64 at a time: the one
        // found out in the last batch, or in one in the middle), before its user's last
        // visit in time: gathered after all.
        let rows = inTimeOrder(byTime).split(separator: "\n")
        let early = rows.firstIndex { $0.contains(",contact,") && $0.contains(",2024-01-") }!
        for place in [rows.count - 1, rows.count / 2] {
            var lines = rows
            lines.insert(lines.remove(at: early), at: place)
            var tally = HandoverTally()
            _ = try tally.add(eventLog: EventLogReader(url: try write(lines.joined(separator: "\n") + "\n", in: folder, as: "m.csv"), displayName: "m.csv"))
            #expect(tally.reading == .gathered)
            #expect(String(decoding: tally.csv, as: UTF8.self) == network.csv)
        }
    }

    /// On a log in time order the users are numbered as the file is read ahead, before a row is
    /// found unusable: a user with no usable row is not counted, and a row skipped is reported
    /// with its line as before.
    @Test func aUserWithNoUsableRowIsNotCountedInRowOrder() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try write("""
            user,time,kind,actor,service,level
            u2,2024-01-01,contact,a,s,municipal
            u1,2024-01-02,contact,b,s,municipal
            u3,2024-01-0x,contact,a,s,municipal
            u2,2024-01-03,contact,b,s,municipal
            ,2024-01-04,contact,a,s,municipal
            u1,2024-01-05,contact,a,s,dps
            u2,2024-01-06,contact,a,s,municipal

            """, in: folder)
        var tally = HandoverTally()
        let summary = try tally.add(eventLog: EventLogReader(url: url, displayName: "log.csv"))
        #expect(tally.reading == .inRowOrder)
        #expect(summary.users == 2 && !summary.sortedByUser)
        #expect(summary.skipped.map(\.line) == [4, 6])
        #expect(String(decoding: tally.csv, as: UTF8.self) == "source,target,count\r\na,b,1\r\nb,a,2\r\n")
    }

    /// In row order each row's user is numbered on the thread that reads ahead: the same user
    /// as the reader makes of the field (trimmed, a `'` guard removed), a row too short to
    /// have one skipped; a visit out of order found in the last, short batch, or the visits an
    /// exact number of batches. Each against the network of the same log read pathway by pathway.
    @Test func rowOrderCountsTheUsersTheReaderSees() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func tally(_ text: String, as name: String) throws -> (HandoverTally, EventLogReader.Summary, String) {
            let url = try write(text, in: folder, as: name)
            var expected = HandoverNetwork()
            for pathway in try EventLogReader(url: url, displayName: name).readAll().pathways { expected.add(pathway) }
            var tally = HandoverTally()
            let summary = try tally.add(eventLog: EventLogReader(url: url, displayName: name))
            return (tally, summary, expected.csv)
        }
        let spelled = try tally("""
            time,kind,actor,service,level,user
            2024-01-01,contact,a,s,municipal,u2
            2024-01-02,contact,b,s,municipal, u1
            2024-01-03,contact,b,s,municipal,'=x
            2024-01-04,contact,a,s,municipal
            2024-01-05,contact,a,s,dps,\tu1
            2024-01-06,contact,a,s,municipal,=x
            2024-01-07,contact,a,s,municipal,u2

            """, as: "spelled.csv")
        #expect(spelled.0.reading == .inRowOrder && spelled.1.users == 3)
        #expect(spelled.1.skipped.map(\.line) == [5])
        #expect(String(decoding: spelled.0.csv, as: UTF8.self) == spelled.2)
        #expect(spelled.2 == "source,target,count\r\na,a,1\r\nb,a,2\r\n")

        let late = try tally("""
            user,time,kind,actor,service,level
            u1,2024-01-02,contact,a,s,municipal
            u2,2024-01-01,contact,b,s,municipal
            u1,2024-01-01,contact,b,s,municipal

            """, as: "late.csv")
        #expect(late.0.reading == .gathered)
        #expect(String(decoding: late.0.csv, as: UTF8.self) == late.2 && late.2 == "source,target,count\r\nb,a,1\r\n")

        // 128 visits, two users alternating, in time order: two whole batches.
        var rows = ["user,time,kind,actor,service,level"]
        for visit in 0..<128 {
            rows.append("u\(visit % 2),2024-02-01T00:\(String(format: "%02d", visit / 60)):\(String(format: "%02d", visit % 60)),contact,p\(visit % 3),s,municipal")
        }
        let whole = try tally(rows.joined(separator: "\n") + "\n", as: "whole.csv")
        #expect(whole.0.reading == .inRowOrder && whole.1.users == 2)
        #expect(String(decoding: whole.0.csv, as: UTF8.self) == whole.2)
        #expect(whole.0.handovers == 126)
    }

    @Test func handoverCSVIsSortedByNameAndEscaped() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try write("""
            user,time,kind,actor,service,level
            u1,2024-01-01,contact,"Berg, Ås",s,municipal
            u1,2024-01-02,contact,=cmd,s,municipal
            u1,2024-01-03,contact,,s,dps
            u1,2024-01-04,contact,"Berg, Ås",s,municipal

            """, in: folder)
        var tally = HandoverTally()
        _ = try tally.add(eventLog: EventLogReader(url: url, displayName: "log.csv"))
        #expect(String(decoding: tally.csv, as: UTF8.self)
            == "source,target,count\r\n'=cmd,s#unnamed,1\r\n\"Berg, Ås\",'=cmd,1\r\ns#unnamed,\"Berg, Ås\",1\r\n")
        #expect(tally.handovers == 3 && tally.providerCount == 3)
    }

    /// The runs of a log not sorted by user go to temporary files that are removed afterwards,
    /// also when measuring fails part-way.
    @Test func runFilesAreRemovedEvenOnError() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spillFolder = folder.appendingPathComponent("spill")
        try FileManager.default.createDirectory(at: spillFolder, withIntermediateDirectories: true)
        let reader = EventLogReader(url: try write(Self.generatedLog(users: 50, seed: 4).unsorted, in: folder), displayName: "log.csv")
        struct Stop: Error {}
        var users = 0
        var filesWhileMeasuring = 0
        #expect(throws: Stop.self) {
            try reader.forEachCompactPathway(streaming: false, runEvents: 10, temporaryDirectory: spillFolder) { _, _, _ in
                filesWhileMeasuring = try FileManager.default.contentsOfDirectory(atPath: spillFolder.path).count
                users += 1
                if users == 20 { throw Stop() }
            }
        }
        #expect(filesWhileMeasuring > 10)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spillFolder.path).isEmpty)
        let summary = try reader.forEachCompactPathway(streaming: false, runEvents: 10, temporaryDirectory: spillFolder) { _, _, _ in }
        #expect(summary.users == 50 && !summary.sortedByUser)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spillFolder.path).isEmpty)
    }

    /// Hostile shapes through the engine: a header only, a last line cut short, a NUL byte, a
    /// 10 MB field and 10,000 columns give what the pathway types give.
    @Test func hostileShapesGiveThePathwayAnswers() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = "user,time,kind,actor,service,level\n"
        let wide = (0..<10_000).map { "c\($0)" }.joined(separator: ",")
        let inputs = [
            header,
            header + "u1,2024-01-01,contact,gp,fl,municipal\nu1,2024-01-03,contact,nurse,fl,municipal\nu1,2024-01-0",
            header + "u1,2024-01-01,contact,g\u{0}p,fl,municipal\nu1,2024-02-01,contact,gp,fl,dps\n",
            header + "u1,2024-01-01,contact,\"\(String(repeating: "x", count: 10 << 20))\",fl,municipal\nu1,2024-01-02,contact,gp,fl,municipal\n",
            "user,time,kind," + wide + "\nu1,2024-01-01,contact," + String(repeating: ",", count: 9_999) + "\n",
        ]
        let meta = MetricsReport.Meta(input: "log.csv", sha256: "", toolVersion: "test")
        for (index, text) in inputs.enumerated() {
            let url = try write(text, in: folder, as: "hostile\(index).csv")
            let (expected, problems) = try referenceRows(url, meta: meta)
            let (rows, skipped) = try engineRows(url, meta: meta, jobs: 2)
            #expect(rows == expected)
            #expect(skipped == problems)
            var network = HandoverNetwork()
            for pathway in try EventLogReader(url: url, displayName: "log.csv").readAll().pathways { network.add(pathway) }
            var tally = HandoverTally()
            _ = try tally.add(eventLog: EventLogReader(url: url, displayName: "log.csv"))
            #expect(String(decoding: tally.csv, as: UTF8.self) == network.csv)
        }
        let cut = try engineRows(try write(inputs[1], in: folder, as: "cut.csv"), meta: meta, jobs: 1)
        #expect(cut.1.map(\.description) == ["log.csv:4: error: time '2024-01-0' is not ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"])
        #expect(try engineRows(try write(header, in: folder, as: "empty.csv"), meta: meta, jobs: 2).0.isEmpty)
    }

    /// Ids in first-seen order, kept as the table grows; names told apart that share their first
    /// eight bytes (what a wide slot holds), or differ only by trailing NUL bytes, or by length;
    /// with either kind of table.
    @Test(arguments: [false, true]) func internedNamesKeepTheirIdsAcrossGrowth(wideSlots: Bool) {
        var names = ByteInterner(wideSlots: wideSlots)
        let alike = ["abcdefg", "abcdefgh", "abcdefgi", "abcdefghi", "abcdefghj", "abcdefghij", "abcdefgh\u{0}", "a", "a\u{0}", "a\u{0}\u{0}",
                     "\u{0}", "abcdefghijklmnopq", "abcdefghijklmnopr"]
        let words = (0..<5_000).map { "name\($0)" } + ["", "é", "e\u{301}"] + alike + (0..<500).map { "a-longer-name-\($0)" }
        let ids = words.map { names.id(of: $0) }
        #expect(ids == (0..<Int32(words.count)).map { $0 })
        #expect(words.map { names.id(of: $0) } == ids)
        #expect(words.map { names.existingID(of: $0) } == ids)
        #expect(names.existingID(of: "abcdefghk") == nil && names.existingID(of: "a\u{0}\u{0}\u{0}") == nil)
        #expect(names.count == words.count && names[ids[4_999]] == "name4999")
        #expect(zip(words, ids).allSatisfy { word, id in names.withBytes(of: id) { Array($0) } == Array(word.utf8) })
        // As the reading-ahead thread numbers users: no names kept.
        var numbers = ByteInterner(keepsNames: false, wideSlots: wideSlots)
        #expect(words.map { numbers.id(of: $0) } == ids && words.map { numbers.id(of: $0) } == ids)
        #expect(words.map { numbers.existingID(of: $0) } == ids)
    }

    /// The run merge's three-way order of users: `String`'s order, and the same only for the same bytes.
    @Test func usersCompareAsStringsAndAreTheSameByTheirBytes() {
        func compare(_ a: String, _ b: String) -> Int {
            let (x, y) = (Array(a.utf8), Array(b.utf8))
            return x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    UserOrder.compare(x, ascii: !x.contains { $0 >= 0x80 }, y, ascii: !y.contains { $0 >= 0x80 })
                }
            }
        }
        let names = ["", "a", "ab", "b", "B", "a b", "u10", "u9", "ærlig", "zebra", "é", "e\u{301}", "Å", "ø"]
        for a in names {
            for b in names {
                let expected = Array(a.utf8) == Array(b.utf8) ? 0 : (a < b ? -1 : 1)
                #expect(compare(a, b) == expected, "\(a) vs \(b)")
            }
        }
        // Two spellings of é that String holds equal are two users: neither comes first.
        #expect(compare("é", "e\u{301}") == 1 && compare("e\u{301}", "é") == 1)
    }

    /// The handover tally's pair table against a `Dictionary`: many pairs (the table grows
    /// seven times), repeats, counts added in amounts, ids at the ends of their range, and runs
    /// of a pathway's providers counted as their consecutive pairs, and pairs added in batches.
    @Test func pairCountsAreADictionaryOfPairs() {
        var table = PairCounts(), expected: [Int: Int] = [:]
        func key(_ from: Int32, _ to: Int32) -> Int { Int(from) << 32 | Int(to) }
        var generator = SeededRandom(seed: 5)
        for step in 0..<60_000 {
            let from = Int32(truncatingIfNeeded: generator.next() % 3_000), to = Int32(truncatingIfNeeded: generator.next() % 3_000)
            let amount = step % 7 == 0 ? 5 : 1
            table.add(from: from, to: to, amount)
            expected[key(from, to), default: 0] += amount
        }
        for (from, to) in [(Int32.max, 0), (0, Int32.max), (Int32.max, Int32.max), (0, 0)] as [(Int32, Int32)] {
            table.add(from: from, to: to)
            expected[key(from, to), default: 0] += 1
        }
        let run: [Int32] = [7, 8, 7, 7, 9, 8]
        run.withUnsafeBufferPointer { table.add(run: $0) }
        for (from, to) in zip(run, run.dropFirst()) { expected[key(from, to), default: 0] += 1 }
        [Int32(4)].withUnsafeBufferPointer { table.add(run: $0) }  // one visit: no pair
        let batch: [(Int32, Int32)] = [(1, 2), (2, 1), (1, 2), (Int32.max, 3), (2_999, 2_999)]
        batch.map { PairCounts.packed(from: $0.0, to: $0.1) }.withUnsafeBufferPointer { table.add(pairs: $0) }
        for (from, to) in batch { expected[key(from, to), default: 0] += 1 }
        [UInt64]().withUnsafeBufferPointer { table.add(pairs: $0) }
        var seen: [Int: Int] = [:]
        table.forEach { from, to, count in
            #expect(seen[key(from, to)] == nil)
            seen[key(from, to)] = count
        }
        #expect(seen == expected)
        #expect(table.count == expected.count)
    }

    @Test func timestampsFromBytesAreTheTimestampsFromText() {
        for text in ["2024-02-29", "2023-02-29", "2024-01-01T10:30", "2024-01-01 10:30:15", "2024-13-01", "2024-1-01", "2024-01-01T25:00", "x"] {
            var copy = text
            #expect(copy.withUTF8 { Timestamp(isoBytes: $0) } == Timestamp(iso: text))
        }
    }
}

extension PathwayEngineTests {
    /// The integer `%.6f` of the CSV rows is vsnprintf's, digit for digit: ties, values just
    /// around them, large, tiny, negative and random ones.
    @Test func sixDecimalsInIntegersAreThoseOfPrintf() {
        var values: [Double] = [0, 1, 0.5, 0.0000005, 0.0000015, 0.0000025, 1.0000005, 0.1234565, 2.5e-7, 1e-300, 5e-324,
                                0.9999995, 0.99999949999, 123456789.1234565, 999999999999999.9, -0.25, -0.0000004, 1.0 / 3.0,
                                2.0 / 3.0, 0.105263, 10.441817, 1e14 + 0.5]
        var seed: UInt64 = 7
        for _ in 0..<20_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(seed >> 11) / Double(1 << 53)
            values.append(unit)
            values.append(unit * 1000)
            values.append(Double(Int(unit * 10_000_000)) / 10_000_000 + 0.00000005)
            values.append(Double(Int(unit * 1_000_000)) / 1_000_000)
        }
        for value in values {
            var out: [UInt8] = []
            MetricsFormat.appendSixDecimals(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == MetricsFormat.sixDecimals(value), "\(value)")
        }
    }
}
