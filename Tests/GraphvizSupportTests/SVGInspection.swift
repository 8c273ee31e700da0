import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a rendered SVG holds, read with a real XML parser: a render that is not well-formed
/// XML fails to parse.
struct SVGInspection {
    /// A node as laid out: its title (the node's id), the bounding box of the shapes it draws
    /// (in SVG points) and the texts inside it.
    struct NodeBox {
        var title = ""
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var texts: [String] = []
        /// Whether the shapes are ellipses (then the box is the outer ellipse's bounding box).
        var isEllipse = false

        var width: Double { maxX - minX }
        var hasBox: Bool { minX <= maxX }

        /// Whether the two boxes overlap by more than `tolerance` points both ways.
        func intersects(_ other: NodeBox, tolerance: Double = 0.5) -> Bool {
            minX < other.maxX - tolerance && other.minX < maxX - tolerance
                && minY < other.maxY - tolerance && other.minY < maxY - tolerance
        }

        /// Whether a point lies inside the shape by more than `tolerance` points.
        func contains(_ x: Double, _ y: Double, tolerance: Double = 1) -> Bool {
            guard hasBox else { return false }
            if isEllipse {
                let rx = width / 2 - tolerance, ry = (maxY - minY) / 2 - tolerance
                guard rx > 0, ry > 0 else { return false }
                let dx = (x - (minX + maxX) / 2) / rx, dy = (y - (minY + maxY) / 2) / ry
                return dx * dx + dy * dy < 1
            }
            return x > minX + tolerance && x < maxX - tolerance && y > minY + tolerance && y < maxY - tolerance
        }
    }

    let texts: [String]
    let titles: [String]
    let rootElement: String?
    let nodes: [NodeBox]
    let clusters: [NodeBox]
    /// Each edge's title and the points of its path (the Bézier control points, which bound it).
    let edges: [(title: String, points: [(Double, Double)])]

    /// Points along an edge's path: each cubic Bézier segment of Graphviz's `M p0 C c1 c2 p1 …`
    /// evaluated at `steps` places.
    static func curve(_ points: [(Double, Double)], steps: Int = 40) -> [(Double, Double)] {
        guard points.count >= 4 else { return points }
        var result: [(Double, Double)] = []
        for start in stride(from: 0, to: points.count - 3, by: 3) {
            let (p0, p1, p2, p3) = (points[start], points[start + 1], points[start + 2], points[start + 3])
            for step in 0...steps {
                let t = Double(step) / Double(steps), u = 1 - t
                let a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t
                result.append((a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0, a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1))
            }
        }
        return result
    }

    init?(_ data: Data) {
        let delegate = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        texts = delegate.texts
        titles = delegate.titles
        rootElement = delegate.root
        nodes = delegate.nodes
        clusters = delegate.clusters
        edges = delegate.edges
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var titles: [String] = []
        var root: String?
        var nodes: [NodeBox] = []
        var clusters: [NodeBox] = []
        var edges: [(title: String, points: [(Double, Double)])] = []
        private var current: String?
        private var buffer = ""
        /// Depth of `g` elements, and the depth at which the current node's group opened.
        private var depth = 0
        private var nodeDepth: Int?
        private var node: NodeBox?
        private var kind = ""
        private var edgePoints: [(Double, Double)] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if root == nil { root = name }
            if name == "g" {
                depth += 1
                if let type = attributes["class"], ["node", "cluster", "edge"].contains(type) {
                    node = NodeBox(); nodeDepth = depth; kind = type; edgePoints = []
                }
            }
            func include(_ x: Double, _ y: Double) {
                guard var box = node else { return }
                box.minX = min(box.minX, x); box.maxX = max(box.maxX, x)
                box.minY = min(box.minY, y); box.maxY = max(box.maxY, y)
                node = box
            }
            // A node's box holds every shape it draws (both outlines of a double outline).
            if node != nil, kind != "edge" {
                if name == "polygon", let points = attributes["points"] {
                    for pair in points.split(separator: " ") {
                        let xy = pair.split(separator: ",").compactMap { Double($0) }
                        if xy.count == 2 { include(xy[0], xy[1]) }
                    }
                } else if name == "ellipse", let cx = attributes["cx"].flatMap(Double.init), let cy = attributes["cy"].flatMap(Double.init),
                          let rx = attributes["rx"].flatMap(Double.init), let ry = attributes["ry"].flatMap(Double.init) {
                    include(cx - rx, cy - ry)
                    include(cx + rx, cy + ry)
                    node?.isEllipse = true
                } else if name == "path", let d = attributes["d"] {
                    let numbers = d.split(whereSeparator: { "MCLZ, ".contains($0) }).compactMap { Double($0) }
                    for index in stride(from: 0, to: numbers.count - 1, by: 2) { include(numbers[index], numbers[index + 1]) }
                }
            }
            if kind == "edge", name == "path", node != nil, let d = attributes["d"] {
                let numbers = d.split(whereSeparator: { "MCLZ, ".contains($0) }).compactMap { Double($0) }
                for index in stride(from: 0, to: numbers.count - 1, by: 2) { edgePoints.append((numbers[index], numbers[index + 1])) }
            }
            if name == "text" || name == "title" { current = name; buffer = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if current != nil { buffer += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "g" {
                if depth == nodeDepth, let box = node {
                    switch kind {
                    case "cluster": clusters.append(box)
                    case "edge": edges.append((box.title, edgePoints))
                    default: nodes.append(box)
                    }
                    node = nil
                    nodeDepth = nil
                }
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
