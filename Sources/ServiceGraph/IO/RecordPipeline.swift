import Foundation

/// `CSVRecordReader`'s records read ahead on a thread of their own, in batches of a thousand,
/// while the caller interprets the records before: splitting the bytes into records
/// and fields is half the work of reading an event log, and this puts it on the second core.
/// The records, their fields, `isUTF8` and `lineFeedsInFields` are the reader's, in order.
///
/// At most `depth` batches wait at once (memory bounded). `close()` stops the thread and
/// waits for it; the owner calls it on every way out (the scanner's `deinit`).
final class RecordPipeline: @unchecked Sendable {
    private struct Batch {
        var bytes: [UInt8] = []
        var starts: [Int] = [], ends: [Int] = []
        /// Record r's fields are `starts[fields[r]..<fields[r + 1]]`.
        var fields: [Int] = [0]
        var lineFeeds: [Int] = []
        var utf8: [Bool] = []
        var atEnd = false
        var readFailed = false
        var count: Int { utf8.count }
    }

    private let reader: CSVRecordReader
    private let lock = NSLock()
    private var waiting: [Batch] = []  // under `lock`
    private var cancelled = false  // under `lock`
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore
    private let finished = DispatchSemaphore(value: 0)
    private var closed = false
    private let depth: Int
    // The caller's side.
    private var current = Batch()
    private var index = -1

    init(reader: CSVRecordReader, batchRecords: Int = 1024, depth: Int = 4) {
        self.reader = reader
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
        while true {
            free.wait()
            if isCancelled { return }
            var batch = Batch()
            batch.bytes.reserveCapacity(records * 64)
            batch.starts.reserveCapacity(records * 8)
            batch.ends.reserveCapacity(records * 8)
            batch.fields.reserveCapacity(records + 1)
            batch.lineFeeds.reserveCapacity(records)
            batch.utf8.reserveCapacity(records)
            while batch.count < records && reader.nextRecord() {
                reader.withFields { bytes, starts, ends in
                    let base = batch.bytes.count
                    batch.bytes.append(contentsOf: bytes)
                    for field in 0..<starts.count {
                        batch.starts.append(base + starts[field])
                        batch.ends.append(base + ends[field])
                    }
                }
                batch.fields.append(batch.starts.count)
                batch.lineFeeds.append(reader.lineFeedsInFields)
                batch.utf8.append(reader.isUTF8)
            }
            batch.atEnd = batch.count < records
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
            current = waiting.removeFirst()
            lock.unlock()
            free.signal()
            index = 0
        }
        return true
    }

    var count: Int { current.fields[index + 1] - current.fields[index] }
    var isUTF8: Bool { current.utf8[index] }
    var lineFeedsInFields: Int { current.lineFeeds[index] }
    /// Whether reading the file failed part-way (known at the end).
    var readFailed: Bool { current.readFailed }

    /// As `CSVRecordReader.withFields`: the record's field i is `bytes[starts[i]..<ends[i]]`.
    func withFields<R>(_ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>,
                                _ ends: UnsafeBufferPointer<Int>) -> R) -> R {
        let range = current.fields[index]..<current.fields[index + 1]
        return current.bytes.withUnsafeBufferPointer { bytes in
            current.starts.withUnsafeBufferPointer { starts in
                current.ends.withUnsafeBufferPointer { ends in
                    body(bytes, UnsafeBufferPointer(rebasing: starts[range]), UnsafeBufferPointer(rebasing: ends[range]))
                }
            }
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
