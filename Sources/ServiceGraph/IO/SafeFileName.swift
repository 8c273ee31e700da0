import Foundation

/// File names made from data: the user's id in `network.USER.svg`. An id is text from an input
/// file and may hold `/`, `..`, control characters or a thousand characters; written as it is,
/// it would climb out of the output folder or make folders.
///
/// A component keeps letters, digits and `-_+.,@()` (so it stays readable), turns anything
/// else into `_`, never starts with a dot, and is at most 64 bytes. When anything had to
/// change, `~` and eight hexadecimal digits of a hash of the original id follow, so two ids
/// never share a name (`a/b` → `a_b~1b2c3d4e`, while `a_b` stays `a_b`), the same on every
/// run.
public enum SafeFileName {
    static let maximumBytes = 64

    public static func component(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || "-_+.,@()".unicodeScalars.contains(scalar)
            out.unicodeScalars.append(keep ? scalar : "_")
        }
        while out.hasPrefix(".") { out = "_" + out.dropFirst() }
        while out.hasSuffix(".") { out = out.dropLast() + "_" }
        if out.isEmpty { out = "_" }
        if out.utf8.count > maximumBytes {
            var cut = ""
            for character in out where cut.utf8.count + character.utf8.count <= maximumBytes { cut.append(character) }
            out = cut
        }
        return out == text ? out : out + "~" + hash(text)
    }

    /// A component for each of `texts`, distinct also on a file system that ignores case
    /// (`Kari` and `kari` both get a hash).
    public static func components(_ texts: [String]) -> [String: String] {
        var result = Dictionary(texts.map { ($0, component($0)) }) { first, _ in first }
        let byFolded = Dictionary(grouping: result.keys) { result[$0]!.lowercased() }
        for (_, clashing) in byFolded where clashing.count > 1 {
            for text in clashing where !(result[text]!.contains("~")) { result[text] = result[text]! + "~" + hash(text) }
        }
        return result
    }

    /// FNV-1a, 64 bits, of the UTF-8 bytes; the first 8 hexadecimal digits.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: (0..<8).map { digits[Int((value >> (60 - 4 * UInt64($0))) & 0xF)] }, as: UTF8.self)
    }
}
