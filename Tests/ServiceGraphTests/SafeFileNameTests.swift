import Foundation
import Testing
@testable import ServiceGraph

@Suite struct SafeFileNameTests {
    @Test func plainIDsStayAsTheyAre() {
        for id in ["kari", "Kari", "user01", "pn_berg", "Åse-Ødegård", "U-3F2A"] {
            #expect(SafeFileName.component(id) == id)
        }
    }

    @Test(arguments: ["../../../escape", "a/b", "..", ".", ".hidden", "tab\there", "new\nline", "back\\slash", "", "x:y*z?"])
    func hostileIDsBecomeOneSafeComponent(id: String) {
        let name = SafeFileName.component(id)
        #expect(!name.contains("/") && !name.contains("\\") && !name.hasPrefix("."), "\(name)")
        #expect(!name.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(name)")
        #expect(name.contains("~") && !name.isEmpty)
        #expect(SafeFileName.component(id) == name)  // the same every time
    }

    @Test func longIDsAreCutAndStillDistinct() {
        let a = String(repeating: "x", count: 300) + "a", b = String(repeating: "x", count: 300) + "b"
        #expect(SafeFileName.component(a).utf8.count <= 64 + 9)
        #expect(SafeFileName.component(a) != SafeFileName.component(b))
    }

    @Test func idsThatWouldShareANameDoNot() {
        let names = SafeFileName.components(["a/b", "a_b", "a:b", "Kari", "kari"])
        #expect(Set(names.values).count == 5)
        #expect(names["a_b"] == "a_b")  // the id that needed no change keeps its name
        #expect(Set(names.values.map { $0.lowercased() }).count == 5, "Kari and kari would clash where case is ignored")
    }
}
