import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
struct ProgressBar {
    let total: Int
    let enabled: Bool
    private var done = 0
    private let width = 30

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 1
    }

    mutating func advance(label: String) {
        done += 1
        guard enabled else { return }
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let printable = String(label.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        let shown = printable.count > 40 ? "…" + printable.suffix(39) : printable
        try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K\(bar) \(done)/\(total) \(shown)".utf8))
    }

    func clear() {
        guard enabled else { return }
        try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K".utf8))
    }

    func finish() { clear() }
}
