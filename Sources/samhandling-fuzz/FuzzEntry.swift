import FuzzTargets
import Foundation

// Built two ways (scripts/fuzz.sh):
// - with `--sanitize fuzzer -Xswiftc -DFUZZING`, libFuzzer supplies `main` and calls the entry
//   below with generated inputs; SAMHANDLING_FUZZ_TARGET names the reader;
// - in a normal build, `main` replays files: `samhandling-fuzz <target> FILE…`.

private let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["SAMHANDLING_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set SAMHANDLING_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    if let broken = selectedTarget.check(data) {
        FileHandle.standardError.write(Data((broken + "\n").utf8))
        preconditionFailure("a property of the \(selectedTarget.rawValue) reader broke")
    }
    return 0
}

#if !FUZZING
@main
enum Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: samhandling-fuzz \(names) FILE…\n".utf8))
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path): cannot read the file\n".utf8))
                exit(1)
            }
            if let broken = target.check(data) {
                print("\(path): \(broken)")
                exit(1)
            }
            print("\(path): ok")
        }
    }
}
#endif
