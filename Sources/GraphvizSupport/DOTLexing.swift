import ServiceGraph

/// What cgraph's lexer makes of a string as DOTWriter writes it, for handing the string to
/// cgraph without the text (Graphviz 2.42/2.43 `lib/cgraph/scan.l`).
enum DOTLexing {
    /// The string read back from `DOTWriter.quote(text)` (an ID or value written quoted; a
    /// plain identifier reads back as itself either way). Inside quotes the lexer turns `\"`
    /// into `"`, keeps `\\`, drops a backslash with the line break after it, and drops a line
    /// break that stands alone between two escapes (flex prefers its line-counting rule there).
    /// Nil for text holding NUL: written out, cgraph's text would end there.
    static func quoted(_ text: String) -> String? {
        var special = false, backslashes = 0, trailing = 0
        for byte in text.utf8 {
            switch byte {
            case 0: return nil
            case 0x22, 0x0A: special = true
            case 0x5C: backslashes += 1
            default: break
            }
            trailing = byte == 0x5C ? trailing + 1 : 0
        }
        if !special {
            // Backslashes pass through, and DOTWriter doubles an odd run at the end (`\"` would end nothing).
            return backslashes == 0 || trailing % 2 == 0 ? text : text + "\\"
        }
        let written = Array(DOTWriter.quote(text).utf8.dropFirst().dropLast())
        var out: [UInt8] = []
        out.reserveCapacity(written.count)
        var index = 0
        while index < written.count {
            let byte = written[index]
            if byte == 0x5C {
                let next = index + 1 < written.count ? written[index + 1] : nil
                switch next {
                case 0x22: out.append(0x22); index += 2
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C]); index += 2
                case 0x0A: index += 2
                default: out.append(0x5C); index += 1
                }
                continue
            }
            // A run of anything but `"` and `\`, matched whole; a run that is one line break
            // alone ties with the rule that counts lines, which comes first and drops it.
            var end = index
            while end < written.count, written[end] != 0x22, written[end] != 0x5C { end += 1 }
            if !(end == index + 1 && byte == 0x0A) { out.append(contentsOf: written[index..<end]) }
            index = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An HTML-like value, written `<value>`: read back as written when its own `<` and `>`
    /// nest (the lexer counts them to find the closing `>`). Nil when they do not, or for NUL.
    static func html(_ text: String) -> String? {
        var depth = 0
        for byte in text.utf8 {
            switch byte {
            case 0: return nil
            case 0x3C: depth += 1
            case 0x3E:
                depth -= 1
                if depth < 0 { return nil }
            default: break
            }
        }
        return depth == 0 ? text : nil
    }
}
