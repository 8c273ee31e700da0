import Foundation
import ServiceGraph

/// The inputs of `metrics` and `handovers` (docs/pathways.md, "Sharding"): files and folders as
/// `InputFiles.expand` finds them; `-` for standard input; and with `--parts`, each folder named
/// as one event log in parts — its event-log files, in name order, read one after another.
enum LogInputs {
    static func expand(_ paths: [String], parts: Bool, extensions: Set<String>) -> (files: [InputFile], missing: [Diagnostic]) {
        var files: [InputFile] = [], missing: [Diagnostic] = []
        var namedStandardInput = false
        for path in paths {
            if path == "-" {
                guard !namedStandardInput else {
                    missing.append(Diagnostic(file: path, line: nil, message: "standard input is named twice; it is read once"))
                    continue
                }
                namedStandardInput = true
                // Named so in messages and in the input column of the metrics (a leading `-` would be
                // written guarded against spreadsheet formulas, as `'-`).
                var file = InputFile(url: URL(fileURLWithPath: "-"), relativePath: "-", displayPath: StandardInput.displayName)
                file.logInput = .standardInput
                files.append(file)
                continue
            }
            var isFolder: ObjCBool = false
            let url = URL(fileURLWithPath: path)
            if parts, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue, !CSVFolder.isGraphFolder(url) {
                let found = InputFiles.expand([path], extensions: InputFiles.eventLogExtensions)
                let logs = found.files.filter { !CSVFolder.isGraphFolder($0.url) }
                guard !logs.isEmpty else {
                    missing.append(Diagnostic(file: path, line: nil,
                                              message: "a folder of parts with no event log in it (looked for .csv files, in it and below)"))
                    continue
                }
                missing += found.missing
                var file = InputFile(url: url, relativePath: url.lastPathComponent, displayPath: path)
                file.logInput = .parts(logs)
                files.append(file)
                continue
            }
            let found = InputFiles.expand([path], extensions: extensions)
            files += found.files
            missing += found.missing
        }
        return (files, missing)
    }
}

extension InputFile {
    /// The reader of this event log: its file, standard input, or its parts as one log.
    func eventLogReader(source: EventLogSource) -> EventLogReader {
        switch logInput {
        case .file: EventLogReader(url: url, displayName: displayPath, source: source)
        case .standardInput: .standardInput(source: source)
        case .parts(let parts): .parts(parts, folder: url, displayName: displayPath, source: source)
        }
    }
}

extension MetricsJob {
    /// Standard input is read once, as it comes. When the data end (`--to`) is not given — or,
    /// with `--by`, the data start (`--from`) — it must be found before the first user is
    /// measured: standard input is then first copied to a temporary file, read twice. Returns
    /// the warning that such an input is censored at its own last event: shards of one log are
    /// censored alike only when each is given the same `--to`.
    func prepareStandardInput(_ file: InputFile) throws(Diagnostic) -> [Diagnostic] {
        guard file.logInput == .standardInput, period.end == nil || (by != nil && period.from == nil) else { return [] }
        try StandardInput.shared.keepCopy()
        guard period.end == nil else { return [] }
        return [Diagnostic(file: StandardInput.displayName, line: nil, severity: .warning, message:
            "no --to: censored at the last event of this input; shards of one log are censored alike only when each is given the same --to")]
    }
}
