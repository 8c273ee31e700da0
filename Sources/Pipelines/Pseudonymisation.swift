import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

/// Replaces the people in a graph with stable pseudonyms so that it can be shared: a keyed hash
/// (HMAC-SHA256) of each id, the same with the same key in every file; dates optionally moved
/// by one offset per user. Nothing is written if any part of a name survives.
public struct AnonymizeJob {
    public var input: String
    public var output: String
    /// nil: from the output's path, as `convert`.
    public var format: GraphFormat?
    /// The key file: read if it exists, else created there. nil: a key for this run only.
    public var keyFile: String?
    public var shiftDates = false

    public init(input: String, output: String) {
        self.input = input
        self.output = output
    }

    public func run() throws {
        let key = try PseudonymKey(file: keyFile, output: output)
        let loaded = try GraphFiles.load(input)
        let anonymizer = Anonymizer(pseudonymHash: key.pseudonym, dateShift: shiftDates ? key.dateShift : nil)
        let anonymous = anonymizer.anonymize(loaded.graph)
        // A second look at the result: should anything of a name remain, nothing is written.
        let leaks = anonymizer.leaks(in: anonymous, original: loaded.graph)
        guard leaks.isEmpty else {
            leaks.forEach { Console.error("\(input): error: not anonymised: \($0)") }
            Console.error("\(output): not written")
            throw InputFailure()
        }
        try GraphFiles.write(anonymous, as: format ?? GraphFormat(output: output), to: output)
    }
}

/// The secret behind the pseudonyms, and what is derived from it.
public struct PseudonymKey: Sendable {
    let secret: Data

    public init(secret: Data) { self.secret = secret }

    /// The key in `file`, created there (32 random bytes, hex, mode 0600) if it does not exist;
    /// without a file, a fresh key for this run only (then pseudonyms differ next time).
    init(file: String?, output: String) throws {
        guard let file else {
            Console.error("anonymize: no --key given: pseudonyms are random for this run and cannot be repeated")
            self.init(secret: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
            return
        }
        let url = URL(fileURLWithPath: file)
        if let text = try? String(contentsOf: url, encoding: .utf8) {
            guard let bytes = Self.bytes(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count >= 16 else {
                Console.error("\(file): error: not a key file (expected at least 32 hexadecimal digits)")
                throw InputFailure()
            }
            self.init(secret: Data(bytes))
            return
        }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        do {
            try AtomicFile.write(Data((fresh.hexadecimal + "\n").utf8), to: url, permissions: 0o600)
        } catch {
            Console.error("\(file): error: cannot write the key: \(error.localizedDescription)")
            throw InputFailure()
        }
        let outputFolder = URL(fileURLWithPath: output).deletingLastPathComponent().standardizedFileURL
        if url.deletingLastPathComponent().standardizedFileURL == outputFolder {
            Console.error("anonymize: warning: the key is in the same folder as the output; keep it apart when sharing")
        }
        Console.error("anonymize: new key written to \(file)")
        self.init(secret: fresh)
    }

    /// The pseudonym material for a text: the keyed hash in upper-case hexadecimal.
    public var pseudonym: @Sendable (String) -> String {
        { [secret] text in Self.mac(text, key: secret).map { String(format: "%02X", $0) }.joined() }
    }

    /// A user's date offset, from −182 to +182 days.
    public var dateShift: @Sendable (String) -> Int {
        { [secret] user in
            let value = Self.mac("shift:" + user, key: secret).prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return Int(value % 365) - 182
        }
    }

    static func mac(_ text: String, key: Data) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key)))
    }

    private static func bytes(hex: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            guard let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), let byte = UInt8(hex[index..<next], radix: 16) else {
                return nil
            }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
