import CGraphviz
import CGraphvizShim
import Foundation

/// The process's one connection to libgraphviz.
///
/// libgraphviz is not thread-safe, not even for reads (cdt's splay trees reorganise on
/// lookup), so every call into it goes through `serialized`. It owns the one `GVC_t` the
/// process reuses (a context per graph leaks memory in Graphviz 2.43) and captures the
/// library's error text instead of letting it print to stderr.
public final class Graphviz: @unchecked Sendable {
    public static let shared = Graphviz()

    private let lock = NSLock()
    let context: OpaquePointer

    /// Messages cgraph and gvc reported since the last `takeMessages()`. Only touched under `lock`.
    nonisolated(unsafe) private static var messageBuffer = ""

    private init() {
        // Its text layout engine is the cache of text measurements (textcache.c), which loads
        // pango only when a text must be measured.
        context = sh_context()
        _ = agseterrf { text in
            if let text { Graphviz.messageBuffer += String(cString: text) }
            return 0
        }
    }

    /// Where `capturingStandardError` sends stderr; made on first use. Only touched under `lock`.
    nonisolated(unsafe) private var errorFile: UnsafeMutablePointer<FILE>?

    /// The thread inside `serialized`, if any. Written only by the thread that holds `lock`.
    nonisolated(unsafe) private var holder: pthread_t?

    /// Runs `body` with exclusive access to libgraphviz. Not re-entrant.
    func serialized<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        lock.lock()
        holder = pthread_self()
        defer {
            holder = nil
            lock.unlock()
        }
        return try body()
    }

    /// Stops the process when called outside `serialized`: every call into libgraphviz is
    /// preceded by this (a programming error, never a property of the input).
    func requireSerialized(_ function: StaticString = #function) {
        precondition(holder.map { pthread_equal($0, pthread_self()) != 0 } ?? false,
                     "\(function) called into Graphviz outside Graphviz.serialized")
    }

    /// The captured messages, one per line, and clears them. Call only inside `serialized`.
    func takeMessages() -> [String] {
        requireSerialized()
        let text = Self.messageBuffer
        Self.messageBuffer = ""
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Runs `body` with the process's stderr sent to a temporary file, and returns what was
    /// written there. Parts of Graphviz (libpathplan's "triangulation failed") print with
    /// fprintf instead of agerr, past the error handler. Call only inside `serialized`.
    func capturingStandardError<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> (T, String) {
        requireSerialized()
        // One temporary file for the process, emptied before each use (a new one each time
        // cost a file's creation in the temporary folder, twice a graph).
        if errorFile == nil, let file = tmpfile() {
            _ = fcntl(fileno(file), F_SETFD, FD_CLOEXEC)  // not inherited by the processes this one starts
            errorFile = file
        }
        guard let file = errorFile, ftruncate(fileno(file), 0) == 0 else { return (try body(), "") }
        rewind(file)
        fflush(nil)
        let saved = dup(STDERR_FILENO)
        guard saved >= 0 else { return (try body(), "") }
        dup2(fileno(file), STDERR_FILENO)
        func restore() -> String {
            fflush(nil)
            dup2(saved, STDERR_FILENO)
            close(saved)
            rewind(file)
            var text = ""
            var buffer = [CChar](repeating: 0, count: 4096)
            while fgets(&buffer, Int32(buffer.count), file) != nil {
                text += String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            return text
        }
        do {
            let result = try body()
            return (result, restore())
        } catch {
            _ = restore()
            throw error
        }
    }

    /// The Graphviz version, as the cgraph library loaded reports it (the same as gvc's), read
    /// without making a context: a run with nothing to draw does not start Graphviz.
    public static var libraryVersion: String { String(cString: sh_graphviz_version()) }

    /// The folder Graphviz loads its plugins from (pango's among them), read without making a
    /// context; nil when it cannot be told.
    public static var pluginFolder: String? { sh_graphviz_plugin_folder().map { String(cString: $0) } }

    /// The Graphviz version, as the library reports it.
    public var version: String {
        serialized {
            let info = gvcInfo(context)
            return info?[1].map { String(cString: $0) } ?? "unknown"
        }
    }
}

/// A failure inside Graphviz, with the library's own words.
public enum GraphvizError: Error, Equatable, CustomStringConvertible {
    /// cgraph refused the text; `line` is where it says the error is.
    case syntax(line: Int?, message: String)
    case layout(engine: String, message: String)
    case render(format: String, message: String)
    case tooLarge(nodes: Int, limit: Int, engine: String)

    public var description: String {
        switch self {
        case .syntax(_, let message): message
        case .layout(let engine, let message): "layout with \(engine) failed: \(message)"
        case .render(let format, let message): "rendering as \(format) failed: \(message)"
        case .tooLarge(let nodes, let limit, let engine):
            "graph has \(nodes) nodes, more than the \(limit) the '\(engine)' layout handles in reasonable time; "
                + "use --layout sfdp, or --force to lay it out anyway"
        }
    }

    /// The line the error points at, when Graphviz names one.
    public var line: Int? {
        if case .syntax(let line, _) = self { return line }
        return nil
    }
}

/// Text measurements kept between processes (textcache.c): what pango answered for a text in
/// a font, under a salted digest of the two (the text itself is not kept). A process given the
/// measurements an earlier one made draws those texts without loading pango, to the same bytes.
extension Graphviz {
    /// The bytes of one measurement, as `takeFreshTextMeasures` gives them and
    /// `useTextMeasures` takes them (in this machine's byte order).
    public static let textMeasureSize = MemoryLayout<sh_text_measure>.stride

    /// Digests under `salt` from now on, with `measures` (whole records, of the same salt) known
    /// already. A salt other than the last empties what this process measured.
    public func useTextMeasures(salt: (UInt64, UInt64), known measures: [UInt8]) {
        let count = measures.count / Self.textMeasureSize
        let records = [sh_text_measure](unsafeUninitializedCapacity: count) { buffer, initialized in
            measures.withUnsafeBytes { bytes in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[..<(count * Self.textMeasureSize)]))
            }
            initialized = count
        }
        serialized {
            sh_textcache_salt(salt.0, salt.1)
            records.withUnsafeBufferPointer { sh_textcache_preload($0.baseAddress, $0.count) }
        }
    }

    /// The measurements this process made that were not handed out before, as records.
    public func takeFreshTextMeasures() -> [UInt8] {
        serialized {
            let count = sh_textcache_fresh_count()
            guard count > 0 else { return [] }
            var records = [sh_text_measure](repeating: sh_text_measure(), count: count)
            let taken = records.withUnsafeMutableBufferPointer { sh_textcache_take_fresh($0.baseAddress, $0.count) }
            return records.prefix(taken).withUnsafeBytes { Array($0) }
        }
    }
}
