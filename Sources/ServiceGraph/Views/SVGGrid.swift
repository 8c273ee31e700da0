import Foundation

/// Lays out SVG documents rendered by Graphviz in a grid, as one self-contained SVG: each
/// drawing becomes a nested `<svg>` at its place, so nothing is redrawn or referenced.
/// (Graphviz 2.43's own `packmode=array` crashes on charts with clusters.)
public enum SVGGrid {
    /// The size in points and the body of a Graphviz SVG document.
    struct Drawing {
        let width: Double
        let height: Double
        let viewBox: String
        let body: String
    }

    static func parse(_ document: String) -> Drawing? {
        guard let open = document.range(of: "<svg"),
              let tagEnd = document.range(of: ">", range: open.upperBound..<document.endIndex),
              let close = document.range(of: "</svg>", options: .backwards)
        else { return nil }
        let tag = String(document[open.lowerBound..<tagEnd.upperBound])
        func attribute(_ name: String) -> String? {
            guard let start = tag.range(of: " \(name)=\"") else { return nil }
            return tag[start.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
        }
        func points(_ value: String?) -> Double? {
            value.flatMap { Double($0.replacingOccurrences(of: "pt", with: "").replacingOccurrences(of: "px", with: "")) }
        }
        guard let width = points(attribute("width")), let height = points(attribute("height")) else { return nil }
        return Drawing(width: width, height: height, viewBox: attribute("viewBox") ?? "0 0 \(width) \(height)",
                       body: String(document[tagEnd.upperBound..<close.lowerBound]))
    }

    /// Rows of `columns` drawings, each row as tall as its tallest, `gap` points apart; drawings
    /// that are not Graphviz SVG are left out.
    public static func compose(_ documents: [String], columns: Int, gap: Double = 28) -> String {
        let drawings = documents.compactMap(parse)
        let rows = stride(from: 0, to: drawings.count, by: max(1, columns)).map { Array(drawings[$0..<min($0 + columns, drawings.count)]) }
        var y = gap, width = 0.0, parts: [String] = []
        for row in rows {
            var x = gap
            for drawing in row {
                parts.append(String(format: #"<svg x="%.2f" y="%.2f" width="%.2f" height="%.2f" viewBox="%@">"#,
                                    x, y, drawing.width, drawing.height, drawing.viewBox) + drawing.body + "</svg>")
                x += drawing.width + gap
            }
            width = max(width, x)
            y += (row.map(\.height).max() ?? 0) + gap
        }
        return #"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"# + "\n"
            + String(format: #"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%.0fpt" height="%.0fpt" viewBox="0 0 %.2f %.2f">"#,
                     width, y, width, y)
            + #"<rect width="100%" height="100%" fill="white"/>"# + "\n" + parts.joined(separator: "\n") + "\n</svg>\n"
    }
}
