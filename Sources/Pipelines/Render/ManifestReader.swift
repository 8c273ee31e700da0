import Foundation
import ServiceGraph

/// Reads the render manifest as `RenderManifest.json` writes it: an object of entries, each an
/// object of `key`, `outputs`, `problems`, `content` and `stamp`, in any order, with JSON's
/// string escapes. Nil for anything else (another member, a value of another type, a torn
/// file): the caller then hands the text to JSONDecoder, which decides.
enum ManifestReader {
    static func entries(_ data: Data) -> [String: RenderManifest.Entry]? {
        data.withUnsafeBytes { raw in
            var reader = Cursor(bytes: raw.bindMemory(to: UInt8.self))
            guard let entries = reader.manifest() else { return nil }
            reader.skipSpace()
            return reader.index == reader.bytes.count ? entries : nil
        }
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        /// Takes `byte` (after any space); false when something else comes.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// `{ "name": value, … }`, each value read by `member`; false when it is not that.
        mutating func object(_ member: (inout Cursor, String) -> Bool) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            repeat {
                guard let name = string(), take(UInt8(ascii: ":")), member(&self, name) else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        }

        mutating func array<T>(_ element: (inout Cursor) -> T?) -> [T]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var result: [T] = []
            if take(UInt8(ascii: "]")) { return result }
            repeat {
                guard let value = element(&self) else { return nil }
                result.append(value)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? result : nil
        }

        mutating func manifest() -> [String: RenderManifest.Entry]? {
            var entries: [String: RenderManifest.Entry] = [:]
            let read = object { cursor, input in
                guard let entry = cursor.entry() else { return false }
                entries[input] = entry
                return true
            }
            return read ? entries : nil
        }

        mutating func entry() -> RenderManifest.Entry? {
            var key: String?, outputs: [String]?, problems: [RenderManifest.Problem]?, content: String?, stamp: InputStamp?
            let read = object { cursor, name in
                switch name {
                case "key": key = cursor.string(); return key != nil
                case "outputs": outputs = cursor.array { $0.string() }; return outputs != nil
                case "problems": problems = cursor.array { $0.problem() }; return problems != nil
                case "content": content = cursor.string(); return content != nil
                case "stamp": stamp = cursor.stamp(); return stamp != nil
                default: return false
                }
            }
            guard read, let key, let outputs else { return nil }
            return RenderManifest.Entry(key: key, outputs: outputs, problems: problems, content: content, stamp: stamp)
        }

        mutating func problem() -> RenderManifest.Problem? {
            var file: String?, line: Int?, severity: String?, message: String?
            let read = object { cursor, name in
                switch name {
                case "file": file = cursor.string(); return file != nil
                case "line": line = cursor.integer().map(Int.init); return line != nil
                case "severity": severity = cursor.string(); return severity != nil
                case "message": message = cursor.string(); return message != nil
                default: return false
                }
            }
            guard read, let file, let severity, let message else { return nil }
            var problem = RenderManifest.Problem(Diagnostic(file: file, line: line, message: message))
            problem.severity = severity
            return problem
        }

        mutating func stamp() -> InputStamp? {
            var device: Int64?, inode: Int64?, size: Int64?, modified: Int64?, changed: Int64?, checked: Int64?
            let read = object { cursor, name in
                let value = cursor.integer()
                switch name {
                case "device": device = value
                case "inode": inode = value
                case "size": size = value
                case "modified": modified = value
                case "changed": changed = value
                case "checked": checked = value
                default: return false
                }
                return value != nil
            }
            guard read, let device, let inode, let size, let modified, let changed, let checked, device >= 0, inode >= 0
            else { return nil }
            return InputStamp(device: UInt64(device), inode: UInt64(inode), size: size, modified: modified, changed: changed, checked: checked)
        }

        mutating func integer() -> Int64? {
            skipSpace()
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            let start = index
            var value: Int64 = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[index] - 0x30))
                guard !overflow, !overflow2 else { return nil }
                value = sum
                index += 1
            }
            guard index > start else { return nil }
            // A fraction or an exponent is not what the writer writes.
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") { return nil }
            return negative ? -value : value
        }

        /// A JSON string, escapes undone; nil when it is not one or not UTF-8.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 {
                index += 1
            }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "\"") {  // no escapes: the common case
                defer { index += 1 }
                return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            var out = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(validating: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {  // a surrogate pair
                            guard take(UInt8(ascii: "\\")), index < bytes.count, bytes[index] == UInt8(ascii: "u") else { return nil }
                            index += 1
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        out += Array(String(Character(unicode)).utf8)
                    default: return nil
                    }
                case 0..<0x20: return nil
                default: out.append(byte)
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                switch byte {
                case 0x30...0x39: value = value << 4 | UInt32(byte - 0x30)
                case 0x41...0x46: value = value << 4 | UInt32(byte - 0x41 + 10)
                case 0x61...0x66: value = value << 4 | UInt32(byte - 0x61 + 10)
                default: return nil
                }
            }
            return value
        }
    }
}
