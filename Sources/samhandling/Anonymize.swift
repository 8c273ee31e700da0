import ArgumentParser
import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

extension Samhandling {
    struct Anonymize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the people in a graph with stable pseudonyms, so it can be shared.",
            discussion: """
                Users, relatives and professionals get pseudonyms from a keyed hash (HMAC-SHA256) \
                of their id: with the same --key file, the same person gets the same pseudonym in \
                every file. Only an allow-list of attributes is kept (kinds, roles, levels, services, \
                dates, FTE, tiers; labels of services and units); every kept text is checked for \
                every part of every person's name, and nothing is written if one survives. \
                --shift-dates moves each user's dates by one offset of whole days. A new key is \
                written only where --key names it — never beside the output unless you put it \
                there. Keep the key apart from the data: with it, pseudonyms can be checked against \
                guessed names.
                """
        )

        @Argument(help: "The graph to anonymise (any format).")
        var input: String

        @Argument(help: "Where to write the result (format from the extension, as convert); - for standard output.")
        var output: String

        @Option(help: "Output format: dot, graphml, json, csv (a folder) or events (an event-log CSV).")
        var to: GraphFormat?

        @Option(help: "Key file: read if it exists, else created there (32 random bytes, hex).")
        var key: String?

        @Flag(help: "Move every date of a user by one offset of up to ±182 days.")
        var shiftDates = false

        func validate() throws {
            if let key, URL(fileURLWithPath: key).standardizedFileURL == URL(fileURLWithPath: output).standardizedFileURL {
                throw ValidationError("--key must not be the output file")
            }
            if output == OutputPath.standardOutput && to == .csv {
                throw ValidationError("a CSV folder cannot go to standard output: give --to dot, graphml, json or events")
            }
        }

        func run() throws {
            let secret = try keyMaterial()
            let loaded = try Samhandling.loadGraph(input)
            let hash: @Sendable (String) -> String = { text in
                Self.mac(text, key: secret).map { String(format: "%02X", $0) }.joined()
            }
            var shift: (@Sendable (String) -> Int)?
            if shiftDates {
                shift = { user in
                    let value = Self.mac("shift:" + user, key: secret).prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                    return Int(value % 365) - 182
                }
            }
            let anonymizer = Anonymizer(pseudonymHash: hash, dateShift: shift)
            let anonymous = anonymizer.anonymize(loaded.graph)
            // A second look at the result: should anything of a name remain, nothing is written.
            let leaks = anonymizer.leaks(in: anonymous, original: loaded.graph)
            guard leaks.isEmpty else {
                leaks.forEach { Console.error("\(input): error: not anonymised: \($0)") }
                Console.error("\(output): not written")
                throw InputFailure()
            }
            try Samhandling.write(anonymous, as: to ?? GraphFormat(output: output), to: output)
        }

        static func mac(_ text: String, key: Data) -> [UInt8] {
            Array(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key)))
        }

        /// The key: read from --key, created there if it does not exist, or a fresh one for this
        /// run only (then pseudonyms will differ next time).
        private func keyMaterial() throws -> Data {
            guard let key else {
                Console.error("anonymize: no --key given: pseudonyms are random for this run and cannot be repeated")
                return SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            }
            let url = URL(fileURLWithPath: key)
            if let text = try? String(contentsOf: url, encoding: .utf8) {
                let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
                var bytes: [UInt8] = []
                var index = hex.startIndex
                while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex),
                      let byte = UInt8(hex[index..<next], radix: 16) {
                    bytes.append(byte)
                    index = next
                }
                guard bytes.count >= 16, index == hex.endIndex else {
                    Console.error("\(key): error: not a key file (expected at least 32 hexadecimal digits)")
                    throw InputFailure()
                }
                return Data(bytes)
            }
            let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            do {
                try AtomicFile.write(Data((fresh.hexadecimal + "\n").utf8), to: url, permissions: 0o600)
            } catch {
                Console.error("\(key): error: cannot write the key: \(error.localizedDescription)")
                throw InputFailure()
            }
            let outputFolder = URL(fileURLWithPath: output).deletingLastPathComponent().standardizedFileURL
            if url.deletingLastPathComponent().standardizedFileURL == outputFolder {
                Console.error("anonymize: warning: the key is in the same folder as the output; keep it apart when sharing")
            }
            Console.error("anonymize: new key written to \(key)")
            return fresh
        }
    }
}
