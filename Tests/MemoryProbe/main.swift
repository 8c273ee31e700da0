// Renders one DOT text many times in a fresh process and prints resident memory at each
// checkpoint, so that memory tests measure rendering alone and not the test runner's other,
// concurrently running suites. Usage: memory-probe [--parse] FILE CHECKPOINT...
// With --parse it only parses (errors expected and ignored), without it it renders as SVG.
import Foundation
import GraphvizSupport

var arguments = CommandLine.arguments.dropFirst()
let parseOnly = arguments.first == "--parse"
if parseOnly { arguments = arguments.dropFirst() }
guard let path = arguments.first, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: memory-probe FILE CHECKPOINT...\n".utf8))
    exit(2)
}
let checkpoints = arguments.dropFirst().compactMap { Int($0) }
let renderer = Renderer()
var done = 0
for checkpoint in checkpoints {
    while done < checkpoint {
        if parseOnly {
            _ = try? DOTReader.read(text: text)
        } else {
            do { _ = try renderer.render(dot: text) } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                exit(1)
            }
        }
        done += 1
    }
    let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
    let pages = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
    print("\(checkpoint) \(pages * Int(sysconf(Int32(_SC_PAGESIZE))))")
}
