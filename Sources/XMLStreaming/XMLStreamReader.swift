import CLibXML2
import Foundation

/// libxml2's streaming reader (`xmlTextReader`) behind a Swift type: a document walked node by
/// node, never held whole, a gzipped file opened as plain. The only module that touches
/// libxml2; the core's XES reader uses it and imports no C.
///
/// The reader is opened with network access off (`XML_PARSE_NONET`), line numbers past 65,535
/// (`XML_PARSE_BIG_LINES`) and compact text nodes. The first error libxml2 reports is kept, with
/// its line, for `advance()` to throw.
public final class XMLStreamReader {
    /// What the current node is.
    public enum Kind: Equatable {
        case element, endElement, documentType, other
    }

    /// XML that is not well-formed: libxml2's first message and its line (nil when unknown).
    public struct Failure: Error, Equatable {
        public let line: Int?
        public let message: String

        @usableFromInline init(line: Int?, message: String) {
            (self.line, self.message) = (line, message)
        }
    }

    // Read by the inlined accessors below: a call into another module per node was 10% of
    // reading an XES log.
    @usableFromInline let reader: xmlTextReaderPtr
    @usableFromInline let errors = ErrorBox()

    /// The reader of the file at `path`; nil when libxml2 cannot open it.
    public init?(path: String) {
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue
        guard let reader = xmlReaderForFile(path, nil, Int32(options)) else { return nil }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let errors = Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue()
            guard errors.first == nil else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed XML"
            errors.first = (Int(error.pointee.line), message.trimmingCharacters(in: .whitespacesAndNewlines))
        }, Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit { xmlFreeTextReader(reader) }

    /// Moves to the next node: false at the end of the document.
    @inlinable
    public func advance() throws(Failure) -> Bool {
        let status = xmlTextReaderRead(reader)
        if status > 0 { return true }
        if status == 0 { return false }
        let (line, message) = errors.first ?? (self.line, "not well-formed XML")
        throw Failure(line: line > 0 ? line : nil, message: message)
    }

    @inlinable
    public var kind: Kind {
        switch xmlTextReaderNodeType(reader) {
        case 1: return .element
        case 15: return .endElement
        case 10: return .documentType
        default: return .other
        }
    }

    /// The current node's depth: the root element is at 0.
    @inlinable
    public var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// The current node's name without its prefix.
    @inlinable
    public var localName: String? { xmlTextReaderConstLocalName(reader).map { String(cString: $0) } }

    /// Whether the current element is written `<name/>` (it has no end tag of its own).
    @inlinable
    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The line of the current node.
    @inlinable
    public var line: Int { Int(xmlGetLineNo(xmlTextReaderCurrentNode(reader))) }

    /// The value of the current element's attribute `name`; nil when it has none.
    @inlinable
    /// (A name known when the program is built: a String would be copied into a C string at
    /// every call.)
    public func attribute(_ name: StaticString) -> String? {
        defer { xmlTextReaderMoveToElement(reader) }
        guard xmlTextReaderMoveToAttribute(reader, name.utf8Start) == 1, let value = xmlTextReaderConstValue(reader) else { return nil }
        return String(cString: value)
    }
}

/// libxml2's first error of a reading, kept by its error callback.
@usableFromInline final class ErrorBox {
    @usableFromInline var first: (Int, String)?
}
