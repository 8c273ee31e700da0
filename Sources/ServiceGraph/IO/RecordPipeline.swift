import Foundation

/// `CSVRecordReader`'s records read ahead on a thread of their own, in batches of 4,096,
/// while the caller interprets the records before: splitting the bytes into records and fields,
/// and interning the values of the name columns (actor, service, target), is half the work of
/// reading an event log, and this puts it on the second core. The records, their fields,
/// `isUTF8` and `lineFeedsInFields` are the reader's, in order; `names` holds the same names
/// with the same ids as the reading thread's interner, the names of a batch added as it arrives.
///
/// At most `depth` batches wait at once (memory bounded). `close()` stops the thread and
/// waits for it; the owner calls it on every way out (the scanner's `deinit`).
final class RecordPipeline: @unchecked Sendable {
    /// A batch's records in memory of its own, freed with it: the reading thread fills it, the
    /// caller then reads it in place. Raw buffers, not arrays: an array read through a class is
    /// retained and released at every access, which was a sixth of reading a log.
    private final class Batch {
        private(set) var bytes: UnsafeMutablePointer<UInt8>
        private var byteCapacity: Int
        private(set) var byteCount = 0
        private(set) var starts: UnsafeMutablePointer<Int>, ends: UnsafeMutablePointer<Int>
        private var fieldCapacity: Int
        private(set) var fieldCount = 0
        /// Record r's fields are `starts[fields[r]..<fields[r + 1]]`.
        let fields: UnsafeMutablePointer<Int>
        let lineFeeds: UnsafeMutablePointer<Int>
        let utf8: UnsafeMutablePointer<Bool>
        /// Record r's value in name column c is `names[r * nameColumns + c]`: an id, -1 for none.
        let names: UnsafeMutablePointer<Int32>
        /// Record r's user as a number (`userColumn`), -1 for none.
        let users: UnsafeMutablePointer<Int32>
        /// The names first seen in this batch, in the order of their ids: name i is
        /// `newNameBytes[newNameEnds[i - 1]..<newNameEnds[i]]` (from 0 for the first).
        var newNameBytes: [UInt8] = [], newNameEnds: [Int] = []
        private(set) var count = 0
        /// The records it was made for.
        let capacity: Int
        var atEnd = false
        var readFailed = false

        init(records: Int, nameColumns: Int) {
            capacity = records
            names = .allocate(capacity: records * nameColumns)
            users = .allocate(capacity: records)
            byteCapacity = max(64, records * 64)
            fieldCapacity = max(8, records * 8)
            bytes = .allocate(capacity: byteCapacity)
            starts = .allocate(capacity: fieldCapacity)
            ends = .allocate(capacity: fieldCapacity)
            fields = .allocate(capacity: records + 1)
            fields[0] = 0
            lineFeeds = .allocate(capacity: records)
            utf8 = .allocate(capacity: records)
        }

        deinit {
            bytes.deallocate()
            starts.deallocate()
            ends.deallocate()
            fields.deallocate()
            lineFeeds.deallocate()
            utf8.deallocate()
            names.deallocate()
            users.deallocate()
        }

        /// Adds a record (at most the `records` the batch was made for).
        func append(_ recordBytes: UnsafeBufferPointer<UInt8>, _ recordStarts: UnsafeBufferPointer<Int>,
                    _ recordEnds: UnsafeBufferPointer<Int>, lineFeeds recordLineFeeds: Int, utf8 recordIsUTF8: Bool) {
            if byteCount + recordBytes.count > byteCapacity {
                byteCapacity = max(byteCapacity * 2, byteCount + recordBytes.count)
                bytes = Self.grown(bytes, count: byteCount, to: byteCapacity)
            }
            if fieldCount + recordStarts.count > fieldCapacity {
                fieldCapacity = max(fieldCapacity * 2, fieldCount + recordStarts.count)
                starts = Self.grown(starts, count: fieldCount, to: fieldCapacity)
                ends = Self.grown(ends, count: fieldCount, to: fieldCapacity)
            }
            if let base = recordBytes.baseAddress { (bytes + byteCount).update(from: base, count: recordBytes.count) }
            for field in 0..<recordStarts.count {
                starts[fieldCount + field] = byteCount + recordStarts[field]
                ends[fieldCount + field] = byteCount + recordEnds[field]
            }
            byteCount += recordBytes.count
            fieldCount += recordStarts.count
            fields[count + 1] = fieldCount
            lineFeeds[count] = recordLineFeeds
            utf8[count] = recordIsUTF8
            count += 1
        }

        /// Empties the batch for another use (its memory kept).
        func reset() {
            (byteCount, fieldCount, count, atEnd, readFailed) = (0, 0, 0, false, false)
            newNameBytes.removeAll(keepingCapacity: true)
            newNameEnds.removeAll(keepingCapacity: true)
        }

        private static func grown<T>(_ old: UnsafeMutablePointer<T>, count: Int, to capacity: Int) -> UnsafeMutablePointer<T> {
            let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
            new.moveInitialize(from: old, count: count)
            old.deallocate()
            return new
        }
    }

    private let reader: CSVRecordReader
    /// The columns whose values the reading thread interns (`EventLogValue`), and the names so
    /// far on the caller's side: the same names with the same ids, added as batches arrive.
    private let nameColumns: [Int]
    private(set) var names = ByteInterner()
    /// The column whose values the reading thread numbers as users (`userID`), if any.
    private let userColumn: Int?
    private let lock = NSLock()
    private var waiting: [Batch] = []  // under `lock`
    /// Batches read, given back for the reading thread to fill again (their memory reused: a
    /// new one each time was page faults in the kernel). Under `lock`.
    private var recycled: [Batch] = []
    private var cancelled = false  // under `lock`
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore
    private let finished = DispatchSemaphore(value: 0)
    private var closed = false
    private let depth: Int
    // The caller's side.
    private var current = Batch(records: 0, nameColumns: 0)
    private var index = -1

    /// - Parameter nameColumns: columns whose values are interned on the reading thread
    ///   (`nameID(_:)`, `names`): interning is the largest part of reading a row, and the
    ///   caller's thread has the rest of the row and everything after it to do.
    /// - Parameter userColumn: a column whose values are numbered on the reading thread as
    ///   they first appear (`userID`), for a caller that needs each row's user as a number: on
    ///   a log in time order every row's user is a lookup, which is then not the caller's.
    init(reader: CSVRecordReader, nameColumns: [Int] = [], userColumn: Int? = nil, batchRecords: Int = 4096, depth: Int = 4) {
        self.reader = reader
        self.nameColumns = nameColumns
        self.userColumn = userColumn
        self.depth = depth
        // Made at 0 and signalled up: libdispatch traps on a semaphore freed below its starting value.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<depth { free.signal() }
        let records = max(1, batchRecords)
        Thread.detachNewThread { [self] in produce(records) }
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    private func produce(_ records: Int) {
        defer { finished.signal() }
        var interner = ByteInterner(), users = ByteInterner(keepsNames: false, wideSlots: true)
        let nameColumns = self.nameColumns, columnCount = nameColumns.count, userColumn = self.userColumn
        while true {
            free.wait()
            if isCancelled { return }
            lock.lock()
            let batch = recycled.popLast() ?? Batch(records: records, nameColumns: columnCount)
            lock.unlock()
            batch.reset()
            let read = reader.readRecords(limit: records) { bytes, starts, ends, lineFeeds, utf8 in
                let slot = batch.count * columnCount
                for (index, column) in nameColumns.enumerated() {
                    guard column < starts.count else {
                        batch.names[slot + index] = -1
                        continue
                    }
                    batch.names[slot + index] = EventLogValue.with(UnsafeBufferPointer(rebasing: bytes[starts[column]..<ends[column]])) { value in
                        guard let value else { return -1 }
                        let known = interner.count
                        let id = interner.id(of: value)
                        if id == known {
                            batch.newNameBytes.append(contentsOf: value)
                            batch.newNameEnds.append(batch.newNameBytes.count)
                        }
                        return id
                    }
                }
                if let userColumn {  // else -1
                    batch.users[batch.count] = userColumn < starts.count
                        ? EventLogValue.with(UnsafeBufferPointer(rebasing: bytes[starts[userColumn]..<ends[userColumn]])) { value in
                            value.map { users.id(of: $0) } ?? -1
                        }
                        : -1
                } else {
                    batch.users[batch.count] = -1
                }
                batch.append(bytes, starts, ends, lineFeeds: lineFeeds, utf8: utf8)
            }
            batch.atEnd = read < records
            batch.readFailed = batch.atEnd && reader.readFailed
            lock.lock()
            waiting.append(batch)
            lock.unlock()
            filled.signal()
            if batch.atEnd { return }
        }
    }

    /// Moves to the next record; false at the end of the file.
    func nextRecord() -> Bool {
        index += 1
        while index >= current.count {
            if current.atEnd {
                index = current.count
                return false
            }
            filled.wait()
            lock.lock()
            if current.capacity > 0 { recycled.append(current) }
            current = waiting.removeFirst()
            lock.unlock()
            var start = 0
            current.newNameBytes.withUnsafeBufferPointer { bytes in
                for end in current.newNameEnds {
                    _ = names.id(of: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    start = end
                }
            }
            free.signal()
            index = 0
        }
        return true
    }

    var count: Int { current.fields[index + 1] - current.fields[index] }
    var isUTF8: Bool { current.utf8[index] }
    /// The current record's value in the `column`th of the name columns, as an id into
    /// `names`; -1 when the field is empty or missing.
    func nameID(_ column: Int) -> Int32 { current.names[index * nameColumns.count + column] }
    /// The current record's user as a number (users numbered as they first appear in the
    /// file, rows that are then not used among them), when made with a `userColumn`; -1 when
    /// the field is empty or missing, or when made without one.
    var userID: Int32 { current.users[index] }
    var lineFeedsInFields: Int { current.lineFeeds[index] }
    /// Whether reading the file failed part-way (known at the end).
    var readFailed: Bool { current.readFailed }

    /// As `CSVRecordReader.withFields`: the record's field i is `bytes[starts[i]..<ends[i]]`.
    func withFields<R>(_ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>,
                                _ ends: UnsafeBufferPointer<Int>) -> R) -> R {
        let batch = current
        let first = batch.fields[index], fieldCount = batch.fields[index + 1] - first
        return withExtendedLifetime(batch) {
            body(UnsafeBufferPointer(start: batch.bytes, count: batch.byteCount),
                 UnsafeBufferPointer(start: batch.starts + first, count: fieldCount),
                 UnsafeBufferPointer(start: batch.ends + first, count: fieldCount))
        }
    }

    /// Field `index` as text.
    func string(_ field: Int) -> String {
        withFields { bytes, starts, ends in String(decoding: UnsafeBufferPointer(rebasing: bytes[starts[field]..<ends[field]]), as: UTF8.self) }
    }

    /// Stops the thread reading ahead and waits for it to end.
    func close() {
        guard !closed else { return }
        closed = true
        lock.lock()
        cancelled = true
        lock.unlock()
        for _ in 0..<depth { free.signal() }
        finished.wait()
    }
}
