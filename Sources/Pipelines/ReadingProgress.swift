import Foundation
import ServiceGraph

/// The progress bar of `metrics`, `handovers` and `convert` on a long event log: one line on
/// stderr, redrawn at most five times a second, only when stderr is a terminal (never in a pipe,
/// a file or a Spark task), and not at all for an input read in under half a second.
///
///     ██████████░░░░░░░░░░  48%  26.4/55.0 MB  480,112 rows  24,007 users  412,000 rows/s  7 s left
///     pass 2  ██░░░░░░░░░░░░░░░░  10%  …             (the input read again)
///     480,112 rows  24,007 users  412,000 rows/s     (standard input: its size is not known)
public enum ReadingProgress {
    /// Runs `body` with `ReadProgress.current` set and a bar drawn from it, when `enabled`.
    public static func showing<T, E: Error>(enabled: Bool = isatty(STDERR_FILENO) != 0, _ body: () throws(E) -> T) throws(E) -> T {
        guard enabled else { return try body() }
        let drawer = Drawer()
        let progress = ReadProgress { drawer.draw($0) }
        let result: Result<T, E> = ReadProgress.$current.withValue(progress) {
            do throws(E) {
                return .success(try body())
            } catch {
                return .failure(error)
            }
        }
        drawer.clear()
        return try result.get()
    }

    /// The line for `snapshot`, `seconds` into its pass (rows counted as lines read).
    public static func line(_ snapshot: ReadProgress.Snapshot, seconds: Double, width: Int = 20) -> String {
        var parts: [String] = []
        if snapshot.pass > 1 { parts.append("pass \(snapshot.pass)") }
        if let total = snapshot.total, total > 0 {
            let fraction = min(1, Double(snapshot.bytes) / Double(total))
            let filled = Int((fraction * Double(width)).rounded(.down))
            parts.append(String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled))
            parts.append(String(format: "%3d%%", Int((fraction * 100).rounded(.down))))
            parts.append(megabytes(snapshot.bytes) + "/" + megabytes(total) + " MB")
        }
        parts.append("\(grouped(snapshot.lines)) rows")
        if snapshot.users > 0 { parts.append("\(grouped(snapshot.users)) user\(snapshot.users == 1 ? "" : "s")") }
        if seconds > 0 {
            parts.append("\(grouped(Int((Double(snapshot.lines) / seconds).rounded()))) rows/s")
            if let total = snapshot.total, snapshot.bytes > 0, snapshot.bytes < total {
                let left = Double(total - snapshot.bytes) / (Double(snapshot.bytes) / seconds)
                parts.append(duration(left) + " left")
            }
        }
        return parts.joined(separator: "  ")
    }

    /// 1,234,567.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }

    /// Bytes as megabytes with one decimal.
    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }

    /// 7 s, 4 min 05 s, 2 h 03 min.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3_600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3_600, whole % 3_600 / 60)
    }

    /// Draws the line on stderr, throttled; called on the reading thread.
    private final class Drawer: @unchecked Sendable {
        private let lock = NSLock()
        private let start = ContinuousClock.now
        private var lastDraw: ContinuousClock.Instant?
        private var pass = 0
        private var passStart = ContinuousClock.now
        private var drawn = false

        func draw(_ snapshot: ReadProgress.Snapshot) {
            lock.withLock {
                let now = ContinuousClock.now
                if snapshot.pass != pass { (pass, passStart) = (snapshot.pass, now) }
                guard (now - start).seconds >= 0.5, lastDraw.map({ (now - $0).seconds >= 0.2 }) ?? true else { return }
                lastDraw = now
                drawn = true
                let text = ReadingProgress.line(snapshot, seconds: (now - passStart).seconds)
                try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K\(text)".utf8))
            }
        }

        func clear() {
            lock.withLock {
                if drawn { try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K".utf8)) }
                drawn = false
            }
        }
    }
}
