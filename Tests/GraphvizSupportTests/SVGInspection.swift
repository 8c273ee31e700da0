import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a rendered SVG holds, read with a real XML parser: a render that is not well-formed
/// XML fails to parse.
struct SVGInspection {
    let texts: [String]
    let titles: [String]
    let rootElement: String?

    init?(_ data: Data) {
        let delegate = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        texts = delegate.texts
        titles = delegate.titles
        rootElement = delegate.root
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var titles: [String] = []
        var root: String?
        private var current: String?
        private var buffer = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if root == nil { root = name }
            if name == "text" || name == "title" { current = name; buffer = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if current != nil { buffer += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard name == current else { return }
            if name == "text" { texts.append(buffer) } else { titles.append(buffer) }
            current = nil
        }
    }
}
