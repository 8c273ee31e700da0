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

    /// A4 landscape, in points.
    public static let pageSize = (width: 842.0, height: 595.0)

    /// One drawing a page, pages one under the other (A4 landscape, a thin frame around each):
    /// a drawing larger than its page is scaled down to fit, a smaller one is drawn at its own
    /// size, top left — so a document of nine org charts prints as nine pages, not one strip.
    public static func pages(_ documents: [String], margin: Double = 28) -> String {
        let drawings = documents.compactMap(parse)
        let (pageWidth, pageHeight) = pageSize
        var parts: [String] = []
        for (index, drawing) in drawings.enumerated() {
            let top = Double(index) * pageHeight
            let scale = min(1, (pageWidth - 2 * margin) / drawing.width, (pageHeight - 2 * margin) / drawing.height)
            parts.append(String(format: ##"<rect x="0.5" y="%.2f" width="%.2f" height="%.2f" fill="white" stroke="#DDDDDD"/>"##,
                                top + 0.5, pageWidth - 1, pageHeight - 1))
            parts.append(String(format: #"<svg x="%.2f" y="%.2f" width="%.2f" height="%.2f" viewBox="%@">"#,
                                margin, top + margin, drawing.width * scale, drawing.height * scale, drawing.viewBox)
                         + drawing.body + "</svg>")
        }
        let height = Double(drawings.count) * pageHeight
        return #"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"# + "\n"
            + String(format: #"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%.0fpt" height="%.0fpt" viewBox="0 0 %.2f %.2f">"#,
                     pageWidth, height, pageWidth, height)
            + #"<rect width="100%" height="100%" fill="white"/>"# + "\n" + parts.joined(separator: "\n") + "\n</svg>\n"
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
