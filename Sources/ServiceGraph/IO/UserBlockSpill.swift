import Foundation

/// Users' compact events in temporary files (in the system's temporary directory, removed by
/// `remove()`, which the owner calls on every way out), for logs too large to hold: each file
/// (a **run**) holds user blocks in user order — the name, the number of events, the events as
/// they are in memory — and `merge` reads the runs side by side and hands on each user once, in
/// user order, the user's blocks from every run joined and put in pathway order.
///
/// An event log sorted by user is one run written as it is read; one that is not is cut into
/// runs of `runEvents` events, each sorted by user before it is written (an external sort), so
/// that memory holds one run's events however long the log.
final class UserBlockSpill {
    private var runs: [URL] = []
    private var writer: BlockWriter?
    private let displayName: String
    private let directory: URL

    init(displayName: String, directory: URL = FileManager.default.temporaryDirectory) {
        self.displayName = displayName
        self.directory = directory
    }

    /// Starts a new run; blocks appended go to it, in user order.
    func startRun() throws(Diagnostic) {
        try endRun()
        let url = directory.appendingPathComponent("samhandling-users-\(getpid())-\(UUID().uuidString).bin")
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = try? FileHandle(forWritingTo: url) else {
            throw Diagnostic(file: displayName, line: nil, message: "cannot create a temporary file in \(url.deletingLastPathComponent().path)")
        }
        runs.append(url)
        writer = BlockWriter(handle: handle)
    }

    func append(user: UnsafeBufferPointer<UInt8>, events: UnsafeBufferPointer<CompactEvent>) {
        writer?.append(user: user, events: events)
    }

    func endRun() throws(Diagnostic) {
        guard let writer else { return }
        self.writer = nil
        if !writer.finish() {
            throw Diagnostic(file: displayName, line: nil, message: "cannot write a temporary file in \(directory.path)")
        }
    }

    var runCount: Int { runs.count }

    /// Every user once, in user order (`UserOrder`), with the events of all runs in pathway order.
    func merge(_ body: (UnsafeBufferPointer<UInt8>, inout [CompactEvent]) throws -> Void) throws {
        try endRun()
        var readers: [BlockReader] = []
        // Every run is read at once, through a piece of its own: 256 KB each up to 16 runs, then
        // smaller (not under 64 KB), so that a 20-million-event log's 77 runs hold 5 MB, not 20.
        let pieceSize = max(1 << 16, min(1 << 18, (1 << 22) / max(1, runs.count)))
        for url in runs {
            guard let reader = BlockReader(url: url, pieceSize: pieceSize) else {
                throw Diagnostic(file: displayName, line: nil, message: "cannot read the temporary file \(url.path)")
            }
            readers.append(reader)
        }
        var heads: [Bool] = readers.map { $0.next() }
        var events: [CompactEvent] = []
        var user: [UInt8] = []
        var same: [Int] = []  // the runs whose head is the least user's block
        while true {
            // The least user at the head of a run, and every run whose head is that user: one
            // pass of three-way comparisons (a user is in nearly every run of a log sorted by
            // time, so a heap would compare more, not less).
            var least = -1
            same.removeAll(keepingCapacity: true)
            for index in readers.indices where heads[index] {
                let order = least < 0 ? -1 : readers[index].compare(to: readers[least])
                if order < 0 {
                    least = index
                    same.removeAll(keepingCapacity: true)
                    same.append(index)
                } else if order == 0 {
                    same.append(index)
                }
            }
            guard least >= 0 else { break }
            user.removeAll(keepingCapacity: true)
            user.append(contentsOf: readers[least].user)
            events.removeAll(keepingCapacity: true)
            for index in same {
                events.append(contentsOf: readers[index].events)
                heads[index] = readers[index].next()
            }
            if readers.contains(where: { $0.failed }) {
                throw Diagnostic(file: displayName, line: nil, message: "cannot read a temporary file in \(directory.path)")
            }
            UserOrder.sortPathway(&events)
            try user.withUnsafeBufferPointer { try body($0, &events) }
        }
    }

    /// Removes the files.
    func remove() {
        writer?.close()
        writer = nil
        for url in runs { try? FileManager.default.removeItem(at: url) }
        runs.removeAll()
    }
}

/// The order of users (`NodeID`'s, the `String` order) on their UTF-8 bytes: for ASCII the
/// bytes' order, which is the same; otherwise through `String`.
enum UserOrder {
    static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in precedes(a, b) } }
    }

    static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        compare(a, ascii: !a.contains { $0 >= 0x80 }, b, ascii: !b.contains { $0 >= 0x80 }) < 0
    }

    /// -1 when `a` precedes `b`, 0 when they are the same bytes, 1 otherwise (`b` precedes, or
    /// two spellings `String` holds equal: those stay two users, as `precedes` and `==` tell
    /// them). `aIsASCII` and `bIsASCII` say whether each has no byte from 0x80 up.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, ascii aIsASCII: Bool,
                        _ b: UnsafeBufferPointer<UInt8>, ascii bIsASCII: Bool) -> Int {
        let common = min(a.count, b.count)
        let bytes = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
        if bytes == 0 && a.count == b.count { return 0 }
        if aIsASCII && bIsASCII { return bytes != 0 ? (bytes < 0 ? -1 : 1) : (a.count < b.count ? -1 : 1) }
        return String(decoding: a, as: UTF8.self) < String(decoding: b, as: UTF8.self) ? -1 : 1
    }

    /// Events in pathway order: by time, then as written (already so in a log written in time
    /// order, which is checked first).
    static func sortPathway(_ events: inout [CompactEvent]) {
        var sorted = true
        for index in events.indices.dropFirst() {
            let (a, b) = (events[index - 1], events[index])
            if a.time > b.time || (a.time == b.time && a.order > b.order) { sorted = false; break }
        }
        if !sorted { events.sort { ($0.time, $0.order) < ($1.time, $1.order) } }
    }
}

/// Writes user blocks to a file in 1 MB pieces.
private final class BlockWriter {
    let handle: FileHandle
    var buffer: [UInt8] = []
    var failed = false

    init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    func append(user: UnsafeBufferPointer<UInt8>, events: UnsafeBufferPointer<CompactEvent>) {
        // Written first when this block would take the buffer past its megabyte (it grew to
        // two when it was written after).
        let size = 8 + user.count + events.count * MemoryLayout<CompactEvent>.stride
        if !buffer.isEmpty && buffer.count + size > 1 << 20 { flush() }
        appendCount(user.count)
        buffer.append(contentsOf: user)
        appendCount(events.count)
        buffer.append(contentsOf: UnsafeRawBufferPointer(events))
        if buffer.count >= 1 << 20 { flush() }  // a block of a megabyte or more on its own
    }

    private func appendCount(_ count: Int) {
        withUnsafeBytes(of: UInt32(count).littleEndian) { buffer.append(contentsOf: $0) }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { failed = true }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file; false if a write failed.
    func finish() -> Bool {
        flush()
        close()
        return !failed
    }

    func close() { try? handle.close() }
}

/// Reads user blocks back, a block at a time, through a piece of the file (`pieceSize` bytes).
private final class BlockReader {
    let handle: FileHandle
    let pieceSize: Int
    var piece: [UInt8] = []
    var position = 0
    var atEnd = false
    var failed = false
    private(set) var user: [UInt8] = []
    /// Whether `user` has no byte from 0x80 up (its order is then its bytes' order).
    private(set) var userIsASCII = true
    private(set) var events: [CompactEvent] = []

    init?(url: URL, pieceSize: Int) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        self.handle = handle
        self.pieceSize = pieceSize
    }

    deinit { try? handle.close() }

    /// Reads the next block into the same two buffers; false at the end.
    func next() -> Bool {
        guard let length = count() else { return false }
        Self.resize(&user, to: length, with: 0)
        guard user.withUnsafeMutableBytes({ take(into: $0) }), let eventCount = count() else { failed = true; return false }
        userIsASCII = !user.contains { $0 >= 0x80 }
        Self.resize(&events, to: eventCount, with: CompactEvent(time: 0, order: 0, kind: 0, level: -1, actor: -1, service: -1, target: -1))
        guard events.withUnsafeMutableBytes({ take(into: $0) }) else { failed = true; return false }
        return true
    }

    /// This head's user against another's, as `UserOrder.compare`.
    func compare(to other: BlockReader) -> Int {
        user.withUnsafeBufferPointer { a in
            other.user.withUnsafeBufferPointer { b in UserOrder.compare(a, ascii: userIsASCII, b, ascii: other.userIsASCII) }
        }
    }

    private static func resize<T>(_ buffer: inout [T], to count: Int, with filler: T) {
        if buffer.count > count {
            buffer.removeLast(buffer.count - count)
        } else if buffer.count < count {
            buffer.append(contentsOf: repeatElement(filler, count: count - buffer.count))
        }
    }

    private func count() -> Int? {
        var value: UInt32 = 0
        guard withUnsafeMutableBytes(of: &value, { take(into: $0) }) else { return nil }
        return Int(UInt32(littleEndian: value))
    }

    /// Fills `target` from the file; false at the end of the file.
    private func take(into target: UnsafeMutableRawBufferPointer) -> Bool {
        var filled = 0
        while filled < target.count {
            if position == piece.count {
                guard !atEnd else { return false }
                do {
                    piece = [UInt8](try handle.read(upToCount: pieceSize) ?? Data())
                } catch {
                    failed = true
                    piece = []
                }
                position = 0
                if piece.isEmpty { atEnd = true; return false }
            }
            let step = min(target.count - filled, piece.count - position)
            piece.withUnsafeBytes { source in
                (target.baseAddress! + filled).copyMemory(from: source.baseAddress! + position, byteCount: step)
            }
            filled += step
            position += step
        }
        return true
    }
}
