import Foundation

/// A path as the file system holds it: bytes. Linux lets a name hold any byte but NUL and `/`,
/// and Foundation names only the paths that are UTF-8 (for the others it hands back U+FFFD,
/// which opens nothing): a path that is not UTF-8 is opened, read and written here by its bytes.
public struct PathBytes: Hashable, Sendable {
    public let bytes: [UInt8]

    public init(_ text: String) { bytes = Array(text.utf8) }
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The path as text, when it is UTF-8.
    public var text: String? { String(validating: bytes, as: UTF8.self) }

    /// The path for messages: each byte that is not UTF-8 written as `\xHH`.
    public var shown: String {
        if let text { return text }
        var shown = ""
        var rest = bytes[...]
        while !rest.isEmpty {
            var length = 1
            while length <= min(4, rest.count), String(validating: rest.prefix(length), as: UTF8.self) == nil { length += 1 }
            if length <= min(4, rest.count) {
                shown += String(validating: rest.prefix(length), as: UTF8.self)!
                rest = rest.dropFirst(length)
            } else {
                shown += "\\x" + String(rest.first!, radix: 16, uppercase: true).leftPadded(to: 2)
                rest = rest.dropFirst()
            }
        }
        return shown
    }

    /// The path as it is kept in JSON (the render manifest, the worker frames): its text when it
    /// is UTF-8, else NUL followed by the bytes in base64. A path never holds NUL, so the two
    /// forms never meet, and the JSON stays valid.
    public var stored: String { text ?? "\u{0}" + Data(bytes).base64EncodedString() }

    public init?(stored: String) {
        guard stored.hasPrefix("\u{0}") else {
            self.init(stored)
            return
        }
        guard let data = Data(base64Encoded: String(stored.dropFirst())) else { return nil }
        self.init(bytes: Array(data))
    }

    /// `component` (bytes or text) joined on with a `/`.
    public func appending(_ component: PathBytes) -> PathBytes {
        PathBytes(bytes: bytes.last == UInt8(ascii: "/") ? bytes + component.bytes : bytes + [UInt8(ascii: "/")] + component.bytes)
    }

    /// Everything before the last `/`; empty for a bare name.
    public var parent: PathBytes {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return PathBytes(bytes: []) }
        return PathBytes(bytes: slash == 0 ? [UInt8(ascii: "/")] : Array(bytes[..<slash]))
    }

    /// The last component.
    public var name: PathBytes {
        PathBytes(bytes: Array(bytes[(bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0)...]))
    }

    /// The last component's extension, lowercased, when it is UTF-8 (`dot`); empty when none.
    public var pathExtension: String {
        let name = self.name.bytes
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0 else { return "" }
        return String(validating: name[(dot + 1)...], as: UTF8.self)?.lowercased() ?? ""
    }

    /// Whether the last component's extension (`dot`) or double extension (`xes.gz`) is one of
    /// `extensions` (lowercase).
    public func hasExtension(in extensions: Set<String>) -> Bool {
        let last = pathExtension
        return extensions.contains(last) || extensions.contains(deletingPathExtension.pathExtension + "." + last)
    }

    /// The path with its last component's extension (and its dot) removed.
    public var deletingPathExtension: PathBytes {
        let start = (bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0)
        guard let dot = bytes[start...].lastIndex(of: UInt8(ascii: ".")), dot > start else { return self }
        return PathBytes(bytes: Array(bytes[..<dot]))
    }

    /// Calls `body` with the path as a C string.
    public func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// What `stat` says of the path, following links; nil when it names nothing.
    public func status() -> stat? {
        var info = stat()
        return withCString { stat($0, &info) } == 0 ? info : nil
    }

    public var exists: Bool { status() != nil }
    public var isRegularFile: Bool { status().map { $0.st_mode & S_IFMT == S_IFREG } ?? false }

    /// The file's bytes, read through `open(2)` by the path's bytes.
    public func read() throws -> Data {
        let descriptor = withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw OutputError(path: shown, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var data = Data()
        var info = stat()
        // A regular file's size, as a hint: one read of the whole file, into one buffer.
        let size = fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
        var buffer = [UInt8](repeating: 0, count: max(4096, min(size + 1, 1 << 24)))
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw OutputError(path: shown, reason: String(cString: strerror(errno))) }
            if count == 0 { return data }
            data.append(contentsOf: buffer[..<count])
        }
    }

    /// The path with every symbolic link in it resolved; nil when it names nothing.
    public func resolved() -> PathBytes? {
        guard let real = withCString({ realpath($0, nil) }) else { return nil }
        defer { free(real) }
        return PathBytes(bytes: Array(UnsafeRawBufferPointer(start: real, count: strlen(real))))
    }

    /// Creates the folder and the folders it is in that do not exist yet.
    public func createFolders() throws {
        guard !bytes.isEmpty, !exists else { return }
        try parent.createFolders()
        if withCString({ mkdir($0, 0o777) }) != 0 && errno != EEXIST {
            throw OutputError(path: shown, reason: String(cString: strerror(errno)))
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
