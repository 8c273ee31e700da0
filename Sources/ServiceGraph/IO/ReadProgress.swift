import Foundation

/// How far the reading of a long input has come: bytes of how many, lines, users, which pass.
/// A command that shows a progress bar sets `current` around its work (a task-local value, so
/// the readers deep below find it without a parameter through every layer); the readers count
/// bytes and lines as they read pieces, the command counts users as it measures them. Nothing
/// is counted when `current` is nil (stderr not a terminal).
public final class ReadProgress: @unchecked Sendable {
    @TaskLocal public static var current: ReadProgress?

    public struct Snapshot: Sendable, Equatable {
        public var bytes: Int64 = 0
        /// The size of what is read, when known (a file's; nil for standard input).
        public var total: Int64?
        public var lines = 0
        public var users = 0
        /// 1 for the first reading, 2 when the input is read again (the data end, or a log not
        /// sorted by user).
        public var pass = 0

        public init(bytes: Int64 = 0, total: Int64? = nil, lines: Int = 0, users: Int = 0, pass: Int = 1) {
            (self.bytes, self.total, self.lines, self.users, self.pass) = (bytes, total, lines, users, pass)
        }
    }

    private let lock = NSLock()
    private var state = Snapshot(pass: 0)
    /// While a folder of parts is read, its parts are one pass (`holdPass`).
    private var held = false
    private let changed: @Sendable (Snapshot) -> Void

    /// `changed` is called after each piece read, on the reading thread.
    public init(changed: @escaping @Sendable (Snapshot) -> Void = { _ in }) {
        self.changed = changed
    }

    public var snapshot: Snapshot { lock.withLock { state } }

    /// A new reading of the input begins (counts start again), unless parts are being read as one.
    func beginPass(total: Int64?) {
        lock.withLock {
            guard !held else { return }
            state = Snapshot(total: total, pass: state.pass + 1)
        }
    }

    /// Parts of `total` bytes in all are read as one pass: the passes their readers begin are
    /// this one, until `releasePass`.
    func holdPass(total: Int64?) {
        beginPass(total: total)
        lock.withLock { held = true }
    }

    func releasePass() { lock.withLock { held = false } }

    func add(bytes: Int, lines: Int) {
        let now = lock.withLock {
            state.bytes += Int64(bytes)
            state.lines += lines
            return state
        }
        changed(now)
    }

    /// One more user measured.
    public func countUser() { lock.withLock { state.users += 1 } }
}
