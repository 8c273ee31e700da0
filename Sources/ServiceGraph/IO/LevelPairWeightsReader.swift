import CSV
import Foundation

extension LevelPairWeights {
    /// Reads `level_a,level_b,weight` rows (RFC 4180; `,` or `;`; a header row is recognised
    /// by a third field that is not a number). Level names may be aliases; `unknown` is allowed.
    public static func read(text: String, file: String) throws(Diagnostic) -> LevelPairWeights {
        let separator: UnicodeScalar = text.prefix(while: { $0 != "\n" }).contains(";") ? ";" : ","
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, delimiter: separator)
        } catch {
            throw Diagnostic(file: file, line: nil, message: "not a CSV file: \(error)")
        }
        var weights: [LevelPair: Double] = [:]
        var line = 0
        while let row = reader.next() {
            line += 1
            let fields = row.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) { continue }
            guard fields.count >= 3 else {
                throw Diagnostic(file: file, line: line, message: "expected level_a,level_b,weight but found \(fields.count) field(s)")
            }
            guard let weight = Double(fields[2].replacingOccurrences(of: ",", with: ".")) else {
                if line == 1 { continue }  // the header
                throw Diagnostic(file: file, line: line, message: "weight '\(fields[2])' is not a number")
            }
            func level(_ name: String) throws(Diagnostic) -> Level? {
                if name.lowercased() == "unknown" { return nil }
                guard let level = Level(name: name) else {
                    throw Diagnostic(file: file, line: line, message: "unknown level '\(name)'")
                }
                return level
            }
            weights[LevelPair(try level(fields[0]), try level(fields[1]))] = weight
        }
        return LevelPairWeights(weights)
    }
}
