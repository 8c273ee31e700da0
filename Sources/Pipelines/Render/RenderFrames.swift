import Foundation
import ServiceGraph

/// The messages between `render` and its worker processes: length-prefixed frames (four bytes,
/// big-endian, then that many bytes), so a file name may hold any character — a tab, a
/// newline — without breaking a line protocol. Every request is answered by exactly one reply.
///
/// The first frame, the job, is JSON (once per worker). Requests and replies are in a binary
/// form of their own (`FrameBody`): with JSONEncoder and JSONDecoder they took about 4% of the
/// CPU time of a batch of 200 small helper networks, a request and a reply per file.
enum RenderFrames {
    /// Paths go as `PathBytes.stored`: their text, or their bytes when they are not UTF-8.
    struct Request: Equatable {
        var path: String
        var relativePath: String
        var displayPath: String
    }

    struct Reply: Equatable {
        var relativePath: String
        var outcome: RenderOutcome?
        /// Why the input could not be rendered at all.
        var failure: RenderManifest.Problem?
    }

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        framed(Array(try JSONEncoder().encode(value)))
    }

    static func encode<T: FrameCodable>(_ value: T) -> [UInt8] {
        var body = FrameBody()
        value.write(to: &body)
        return framed(body.bytes)
    }

    private static func framed(_ body: [UInt8]) -> [UInt8] {
        let length = UInt32(body.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)] + body
    }

    /// The next frame from `handle`; nil at the end of the stream (or a torn frame).
    static func read<T: Decodable>(_ type: T.Type, from handle: FileHandle) -> T? {
        guard case .frame(let body) = nextBody(from: handle) else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(body))
    }

    /// The next frame from `handle`; nil at the end of the stream, a torn frame, or one that is
    /// not a whole `T` with nothing after it.
    static func read<T: FrameCodable>(_ type: T.Type, from handle: FileHandle) -> T? {
        if case .frame(let value) = next(type, from: handle) { return value }
        return nil
    }

    /// What reading a frame gave.
    enum Next<T> {
        case frame(T)
        /// The stream ended before a frame began, or inside one (its writer died writing it).
        case end
        /// Bytes that are not a frame of `T`: longer than 64 MB, or not a whole `T`.
        case unreadable
    }

    static func next<T: FrameCodable>(_ type: T.Type, from handle: FileHandle) -> Next<T> {
        switch nextBody(from: handle) {
        case .end: return .end
        case .unreadable: return .unreadable
        case .frame(let body):
            var reader = FrameReader(body)
            guard let value = T(from: &reader), reader.atEnd else { return .unreadable }
            return .frame(value)
        }
    }

    /// The next frame's body: `.unreadable` when its length is over 64 MB.
    private static func nextBody(from handle: FileHandle) -> Next<[UInt8]> {
        let descriptor = handle.fileDescriptor
        guard let header = readExactly(4, from: descriptor) else { return .end }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard length <= 64 << 20 else { return .unreadable }
        guard let body = readExactly(length, from: descriptor) else { return .end }
        return .frame(body)
    }

    /// `count` bytes read straight from the descriptor, nothing past them; nil when the stream
    /// ends (or fails) first. (FileHandle's reads, a buffer made and copied for each, were about
    /// half of what a request and its reply cost the two processes.)
    private static func readExactly(_ count: Int, from descriptor: Int32) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while initialized < count {
                let got = Glibc.read(descriptor, buffer.baseAddress! + initialized, count - initialized)
                if got > 0 {
                    initialized += got
                } else if got < 0 && errno == EINTR {
                    continue
                } else {
                    failed = true
                    return
                }
            }
        }
        return failed ? nil : bytes
    }

    /// Writes a frame (from `encode`) whole to `handle`, straight to its descriptor; false when
    /// the other end is gone (or the write fails).
    static func write(_ frame: [UInt8], to handle: FileHandle) -> Bool {
        let descriptor = handle.fileDescriptor
        return frame.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let put = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if put > 0 {
                    offset += put
                } else if put < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }
}

/// A message body written by `write(to:)` and read back by `init?(from:)`, which gives nil for
/// bytes that are not one.
protocol FrameCodable {
    func write(to body: inout FrameBody)
    init?(from reader: inout FrameReader)
}

/// A frame's body as it is written: integers as 8 bytes, little-endian; byte strings (and text,
/// as UTF-8) as their count and their bytes; an optional as a byte, 0 or 1, before its value.
struct FrameBody {
    private(set) var bytes: [UInt8] = []

    mutating func put(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func put(_ value: Int64) { put(UInt64(bitPattern: value)) }
    mutating func put(_ value: String) { put(Array(value.utf8)) }

    mutating func put(_ value: [UInt8]) {
        put(UInt64(value.count))
        bytes += value
    }

    mutating func put<T>(_ value: T?, _ write: (inout FrameBody, T) -> Void) {
        bytes.append(value == nil ? 0 : 1)
        if let value { write(&self, value) }
    }

    mutating func put<T>(_ values: [T], _ write: (inout FrameBody, T) -> Void) {
        put(UInt64(values.count))
        for value in values { write(&self, value) }
    }
}

/// A frame's body as it is read: each read gives nil past the end, or for what `FrameBody`
/// cannot have written (a count larger than what is left, an optional's byte other than 0 or 1).
struct FrameReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    mutating func uint64() -> UInt64? {
        guard bytes.count - offset >= 8 else { return nil }
        defer { offset += 8 }
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }

    mutating func int64() -> Int64? { uint64().map { Int64(bitPattern: $0) } }

    mutating func byteString() -> [UInt8]? {
        guard let count = uint64(), count <= UInt64(bytes.count - offset) else { return nil }
        defer { offset += Int(count) }
        return Array(bytes[offset..<offset + Int(count)])
    }

    mutating func string() -> String? {
        byteString().flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// nil when the bytes are not an optional; `.some(nil)` for one that is absent.
    mutating func optional<T>(_ read: (inout FrameReader) -> T?) -> T?? {
        guard offset < bytes.count else { return nil }
        offset += 1
        switch bytes[offset - 1] {
        case 0: return .some(nil)
        case 1: return read(&self).map { .some($0) }
        default: return nil
        }
    }

    mutating func array<T>(_ read: (inout FrameReader) -> T?) -> [T]? {
        // Each element takes a byte at least: a count beyond what is left is not one.
        guard let count = uint64(), count <= UInt64(bytes.count - offset) else { return nil }
        var values: [T] = []
        // Not more than the bytes left could hold at a byte each, and not more than a few
        // thousand: a garbled count must not reserve gigabytes (each element is larger in memory).
        values.reserveCapacity(min(Int(count), 4_096))
        for _ in 0..<count {
            guard let value = read(&self) else { return nil }
            values.append(value)
        }
        return values
    }
}

extension RenderFrames.Request: FrameCodable {
    func write(to body: inout FrameBody) {
        body.put(path)
        body.put(relativePath)
        body.put(displayPath)
    }

    init?(from reader: inout FrameReader) {
        guard let path = reader.string(), let relativePath = reader.string(), let displayPath = reader.string() else { return nil }
        self.init(path: path, relativePath: relativePath, displayPath: displayPath)
    }
}

extension RenderFrames.Reply: FrameCodable {
    func write(to body: inout FrameBody) {
        body.put(relativePath)
        body.put(outcome) { $1.write(to: &$0) }
        body.put(failure) { $1.write(to: &$0) }
    }

    init?(from reader: inout FrameReader) {
        guard let relativePath = reader.string(),
              let outcome = reader.optional({ RenderOutcome(from: &$0) }),
              let failure = reader.optional({ RenderManifest.Problem(from: &$0) })
        else { return nil }
        self.init(relativePath: relativePath, outcome: outcome, failure: failure)
    }
}

extension RenderOutcome: FrameCodable {
    func write(to body: inout FrameBody) {
        body.put(outputs) { $0.put($1) }
        body.put(problems) { $1.write(to: &$0) }
        body.put(content) { $0.put($1) }
        body.put(stamp) { $1.write(to: &$0) }
        body.put(textMeasures) { $0.put($1) }
    }

    init?(from reader: inout FrameReader) {
        guard let outputs = reader.array({ $0.string() }),
              let problems = reader.array({ RenderManifest.Problem(from: &$0) }),
              let content = reader.optional({ $0.string() }),
              let stamp = reader.optional({ InputStamp(from: &$0) }),
              let measures = reader.optional({ $0.byteString() })
        else { return nil }
        self.init(outputs: outputs, problems: problems, content: content, stamp: stamp, textMeasures: measures)
    }
}

extension RenderManifest.Problem: FrameCodable {
    func write(to body: inout FrameBody) {
        body.put(file)
        body.put(line.map(Int64.init)) { $0.put($1) }
        body.put(severity)
        body.put(message)
    }

    init?(from reader: inout FrameReader) {
        guard let file = reader.string(), let line = reader.optional({ $0.int64() }),
              let severity = reader.string(), let message = reader.string()
        else { return nil }
        self.init(file: file, line: line.map { Int($0) }, severity: severity, message: message)
    }
}

extension InputStamp: FrameCodable {
    func write(to body: inout FrameBody) {
        body.put(device)
        body.put(inode)
        for value in [size, modified, changed, checked] { body.put(value) }
    }

    init?(from reader: inout FrameReader) {
        guard let device = reader.uint64(), let inode = reader.uint64(), let size = reader.int64(),
              let modified = reader.int64(), let changed = reader.int64(), let checked = reader.int64()
        else { return nil }
        self.init(device: device, inode: inode, size: size, modified: modified, changed: changed, checked: checked)
    }
}
