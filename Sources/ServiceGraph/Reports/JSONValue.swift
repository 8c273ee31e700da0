import Foundation

/// A JSON document built from results, encoded by Foundation's JSONEncoder with sorted keys
/// (deterministic, so golden files hold) and explicit `null` for undefined measures.
// Not `indirect`: arrays and objects hold their elements on the heap already, and an indirect
// enum would allocate a box for every number (a million users' CSV rows spent a fifth of their
// time allocating and freeing them).
public enum JSONValue: Encodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A measure: `null` when undefined; rounded to 9 decimals, so that the order in which
    /// parallel sums were added cannot change the last digits of a report.
    static func measure(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number((value * 1e9).rounded() / 1e9)
    }

    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .int(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .object(let members):
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in members { try container.encode(value, forKey: Key(key)) }
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// Pretty-printed, keys sorted, slashes unescaped, with a final newline.
    public func serialized() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps to a JSON value and numbers are finite.
        guard let data = try? encoder.encode(self) else { return "null\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
