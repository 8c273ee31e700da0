import Foundation

/// One problem found in an input, with where it is.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible, Error {
    public enum Severity: String, Sendable { case error, warning }

    public var file: String
    public var line: Int?
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int?, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    /// `file:line: error: message`, the form compilers use, so editors can jump to it.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(severity.rawValue): \(message)"
    }
}
