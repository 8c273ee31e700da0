import Foundation

/// Bytes that `CSVRecordReader` reads in pieces: a file, standard input, or either counted for
/// a progress bar. Read at most once per piece (1 MB), so the call through the protocol costs
/// nothing next to the bytes.
public protocol RecordByteSource: AnyObject {
    /// Up to `count` bytes; empty or nil at the end.
    func read(upToCount count: Int) throws -> Data?
}

/// A file opened for reading, closed when the source goes.
final class FileByteSource: RecordByteSource {
    private let handle: FileHandle
    private let closes: Bool

    /// `closes` false for standard input, which stays open.
    init(_ handle: FileHandle, closes: Bool = true) {
        self.handle = handle
        self.closes = closes
    }

    deinit { if closes { try? handle.close() } }

    func read(upToCount count: Int) throws -> Data? { try handle.read(upToCount: count) }
}

/// Bytes already read (the piece standard input's header was found in), then the rest of a
/// stream.
final class PrefixedByteSource: RecordByteSource {
    private var prefix: Data
    private let rest: any RecordByteSource

    init(prefix: Data, rest: any RecordByteSource) {
        self.prefix = prefix
        self.rest = rest
    }

    func read(upToCount count: Int) throws -> Data? {
        guard prefix.isEmpty else {
            defer { prefix = Data() }
            return prefix
        }
        return try rest.read(upToCount: count)
    }
}

/// Another source, its bytes and line feeds counted into a `ReadProgress` piece by piece.
final class CountedByteSource: RecordByteSource {
    private let source: any RecordByteSource
    private let progress: ReadProgress

    init(_ source: any RecordByteSource, progress: ReadProgress, total: Int64?) {
        self.source = source
        self.progress = progress
        progress.beginPass(total: total)
    }

    func read(upToCount count: Int) throws -> Data? {
        let data = try source.read(upToCount: count)
        if let data, !data.isEmpty {
            let lines = data.withUnsafeBytes { bytes in bytes.reduce(0) { $0 &+ ($1 == 0x0A ? 1 : 0) } }
            progress.add(bytes: data.count, lines: lines)
        }
        return data
    }
}
