import Foundation

/// Room for text in views whose positions the core computes (pathway, map): a generous estimate
/// of how wide a line of text is drawn, and rows that labels are packed into without overlap.
enum TextLayout {
    /// The width of `text` in inches at `points`, erring wide: per-character advances a little
    /// above those of DejaVu Sans, the face fontconfig gives Graphviz for Helvetica on Debian
    /// (narrow i and l, wide m, w, M and W, capitals wider than lower case).
    static func width(of text: String, points: Double) -> Double {
        var ems = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "I", "J", "'", ".", ",", ":", ";", "!", "|": ems += 0.32
            case "f", "r", "t", " ", "(", ")", "[", "]", "-", "/": ems += 0.44
            case "m", "æ", "œ": ems += 1.0
            case "w": ems += 0.86
            case "M", "W", "Æ", "Œ", "@", "%": ems += 1.02
            case "0"..."9": ems += 0.66
            default:
                ems += character.isUppercase ? 0.8 : (character.isLetter ? 0.66 : 0.8)
            }
        }
        return ems * points / 72
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word stands
    /// alone on its line).
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// `text` cut to at most `limit` characters, with an ellipsis where it was cut.
    static func shortened(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// Horizontal rows that spans of text are packed into, lowest row first, so that no two spans in
/// a row overlap (with a gap between them).
struct LabelRows {
    private(set) var rows: [[ClosedRange<Double>]] = []
    let gap: Double

    init(gap: Double = 0.06) { self.gap = gap }

    /// Puts `span` in the lowest row where it fits, opening a new row if none does and the row
    /// count stays below `limit`; nil when it fits nowhere.
    mutating func place(_ span: ClosedRange<Double>, limit: Int = .max) -> Int? {
        let padded = (span.lowerBound - gap / 2)...(span.upperBound + gap / 2)
        for (index, row) in rows.enumerated() where index < limit && !row.contains(where: { $0.overlaps(padded) }) {
            rows[index].append(padded)
            return index
        }
        guard rows.count < limit else { return nil }
        rows.append([padded])
        return rows.count - 1
    }
}
