import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a rendered SVG holds, read with a real XML parser: a render that is not well-formed
/// XML fails to parse.
struct SVGInspection {
    /// A node as laid out: its title (the node's id), the bounding box of its first polygon (in
    /// SVG points) and the texts inside it.
    struct NodeBox {
        var title = ""
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var texts: [String] = []

        var width: Double { maxX - minX }
        var hasBox: Bool { minX <= maxX }

        /// Whether the two boxes overlap by more than `tolerance` points both ways.
        func intersects(_ other: NodeBox, tolerance: Double = 0.5) -> Bool {
            minX < other.maxX - tolerance && other.minX < maxX - tolerance
                && minY < other.maxY - tolerance && other.minY < maxY - tolerance
        }
    }

    let texts: [String]
    let titles: [String]
    let rootElement: String?
    let nodes: [NodeBox]

    init?(_ data: Data) {
        let delegate = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        texts = delegate.texts
        titles = delegate.titles
        rootElement = delegate.root
        nodes = delegate.nodes
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var titles: [String] = []
        var root: String?
        var nodes: [NodeBox] = []
        private var current: String?
        private var buffer = ""
        /// Depth of `g` elements, and the depth at which the current node's group opened.
        private var depth = 0
        private var nodeDepth: Int?
        private var node: NodeBox?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if root == nil { root = name }
            if name == "g" {
                depth += 1
                if attributes["class"] == "node" { node = NodeBox(); nodeDepth = depth }
            }
            if name == "polygon", var box = node, !box.hasBox, let points = attributes["points"] {
                for pair in points.split(separator: " ") {
                    let xy = pair.split(separator: ",").compactMap { Double($0) }
                    guard xy.count == 2 else { continue }
                    box.minX = min(box.minX, xy[0]); box.maxX = max(box.maxX, xy[0])
                    box.minY = min(box.minY, xy[1]); box.maxY = max(box.maxY, xy[1])
                }
                node = box
            }
            if name == "text" || name == "title" { current = name; buffer = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if current != nil { buffer += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "g" {
                if depth == nodeDepth, let box = node { nodes.append(box); node = nil; nodeDepth = nil }
                depth -= 1
            }
            guard name == current else { return }
            if name == "text" {
                texts.append(buffer)
                node?.texts.append(buffer)
            } else {
                titles.append(buffer)
                if node != nil && node?.title.isEmpty == true { node?.title = buffer }
            }
            current = nil
        }
    }
}
