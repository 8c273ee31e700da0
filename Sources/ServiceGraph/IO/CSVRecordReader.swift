import Foundation

/// An RFC 4180 reader over bytes, for event logs of millions of rows: the file is read in 1 MB
/// pieces and each record's fields are handed out as byte ranges of one reused buffer — no
/// `String` per field, no Unicode scalar per byte. (CSV.swift, which the other CSV readers use,
/// spends about a thousand instructions a byte decoding scalars through an `AnyIterator`; on a
/// 55 MB log that is most of the time `metrics` takes.)
///
/// It reads what CSV.swift reads, record for record (a differential fuzz target holds it to
/// that, `FuzzTarget.csvRecords`): fields split at the delimiter outside quotes; a record ends
/// at LF, CR or CR LF outside quotes; in a quoted field `""` is a quote, and a quote followed by
/// anything but the delimiter, a line end or another quote is kept while the character after
/// it is dropped (CSV.swift's reading of that malformed case); a quote inside an unquoted field
/// is kept as written; a leading byte-order mark (UTF-8, UTF-16 or UTF-32) is skipped. Where
/// the two differ is text that is not UTF-8: CSV.swift splits the row at the bad byte and reads
/// on from inside it, this reader marks the record (`isUTF8` false) so the caller can skip it
/// and say where.
public final class CSVRecordReader {
    // The parser's state is a struct, so that the loop over bytes runs on it with exclusivity
    // checked statically; a class's stored properties are checked at run time on every access,
    // which cost a third of the time.
    private var parser: Parser

    /// - Parameter pieceSize: how much is read at a time (small in tests, to cross piece ends).
    public convenience init(url: URL, delimiter: UInt8 = UInt8(ascii: ","), pieceSize: Int = 1 << 20) throws(CSVRecordError) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw .cannotOpen }
        self.init(source: FileByteSource(handle), delimiter: delimiter, pieceSize: pieceSize)
    }

    /// Reads the records of `source` (standard input, a counted file: RecordByteSource.swift).
    public init(source: any RecordByteSource, delimiter: UInt8 = UInt8(ascii: ","), pieceSize: Int = 1 << 20) {
        parser = Parser(source: source, delimiter: delimiter, pieceSize: max(1, pieceSize))
        parser.start()
    }

    /// Reads the next record; false at the end of the file.
    public func nextRecord() -> Bool { parser.nextRecord() }

    /// The number of fields in the current record.
    public var count: Int { parser.ends.count }
    /// Whether the current record is UTF-8 text (every field well-formed).
    public var isUTF8: Bool { parser.isUTF8 }
    /// Line feeds inside the current record's quoted fields.
    public var lineFeedsInFields: Int { parser.lineFeedsInFields }
    /// Whether reading the file failed part-way (the records read so far are good).
    public var readFailed: Bool { parser.readFailed }

    /// Field `index` of the current record as bytes.
    public func field(_ index: Int) -> ArraySlice<UInt8> {
        parser.bytes[parser.starts[index]..<parser.ends[index]]
    }

    /// The current record's bytes and where each field starts and ends in them:
    /// for a caller that reads fields in place, without a slice or a `String` per field.
    /// Field i is `bytes[starts[i]..<ends[i]]`.
    public func withFields<R>(_ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>,
                                       _ ends: UnsafeBufferPointer<Int>) -> R) -> R {
        parser.bytes.withUnsafeBufferPointer { bytes in
            parser.starts.withUnsafeBufferPointer { starts in parser.ends.withUnsafeBufferPointer { ends in body(bytes, starts, ends) } }
        }
    }

    /// Reads up to `limit` records, handing each to `body` as `withFields` would, with its
    /// `lineFeedsInFields` and `isUTF8`; returns how many were read (fewer only at the end).
    /// One call for many records, so that the loop runs inside the parser, not through the class.
    public func readRecords(limit: Int, _ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>,
                                                 _ ends: UnsafeBufferPointer<Int>, _ lineFeeds: Int, _ isUTF8: Bool) -> Void) -> Int {
        parser.readRecords(limit: limit, body)
    }

    /// Field `index` as text (the current record must be UTF-8).
    public func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// Whether `bytes` are well-formed UTF-8 (the standard library's check, which is the decoder's).
    static func isWellFormed(_ bytes: ArraySlice<UInt8>) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    private struct Parser {
        let source: any RecordByteSource
        let delimiter: UInt8
        let pieceSize: Int
        var chunk: [UInt8] = []
        var position = 0
        var atEnd = false
        var pushedBack: Int16 = -1  // one byte put back, as CSV.swift's `back`; -1 for none
        /// The current record's field bytes; field i is `bytes[starts[i]..<ends[i]]`.
        var bytes: [UInt8] = []
        var starts: [Int] = [], ends: [Int] = []
        var isUTF8 = true
        var lineFeedsInFields = 0
        var readFailed = false

        static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        init(source: any RecordByteSource, delimiter: UInt8, pieceSize: Int) {
            (self.source, self.delimiter, self.pieceSize) = (source, delimiter, pieceSize)
        }

        mutating func start() {
            refill()
            while chunk.count < 4 && !atEnd { chunk += readPiece() }  // enough to see a byte-order mark
            // CSV.swift's BinaryReader skips a byte-order mark in its first read: UTF-32, then UTF-8, then UTF-16.
            for mark: [UInt8] in [[0x00, 0x00, 0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0xFF, 0xFE]]
                where chunk.count >= mark.count && chunk.starts(with: mark) {
                position = mark.count
                break
            }
        }

        mutating func refill() {
            chunk = readPiece()
            position = 0
        }

        mutating func readPiece() -> [UInt8] {
            guard !atEnd else { return [] }
            let data: Data
            do {
                data = try source.read(upToCount: pieceSize) ?? Data()
            } catch {
                readFailed = true
                data = Data()
            }
            if data.isEmpty { atEnd = true }
            return [UInt8](data)
        }

        @inline(__always)
        mutating func next() -> UInt8? {
            if pushedBack >= 0 {
                defer { pushedBack = -1 }
                return UInt8(pushedBack)
            }
            if position == chunk.count {
                refill()
                if position == chunk.count { return nil }
            }
            let byte = chunk[position]
            position += 1
            return byte
        }

        @inline(__always)
        mutating func pushBack(_ byte: UInt8?) {
            if let byte { pushedBack = Int16(byte) }
        }

        mutating func readRecords(limit: Int, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>,
                                                       UnsafeBufferPointer<Int>, Int, Bool) -> Void) -> Int {
            var read = 0
            while read < limit && nextRecord() {
                let lineFeeds = lineFeedsInFields, utf8 = isUTF8
                bytes.withUnsafeBufferPointer { bytes in
                    starts.withUnsafeBufferPointer { starts in
                        ends.withUnsafeBufferPointer { ends in body(bytes, starts, ends, lineFeeds, utf8) }
                    }
                }
                read += 1
            }
            return read
        }

        mutating func nextRecord() -> Bool {
            bytes.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            isUTF8 = true
            lineFeedsInFields = 0
            if pushedBack < 0 && position < chunk.count && plainRecord() { return true }
            guard var c = next() else { return false }
            var nonASCII = false
            var fieldStart = 0
            while true {
                var end: Bool
                if c == Self.quote {
                    end = readQuoted(&nonASCII)
                } else {
                    pushBack(c)
                    end = readUnquoted(&nonASCII)
                }
                if nonASCII && isUTF8 { isUTF8 = CSVRecordReader.isWellFormed(bytes[fieldStart...]) }
                nonASCII = false
                starts.append(fieldStart)
                ends.append(bytes.count)
                fieldStart = bytes.count
                if end { return true }
                guard let following = next() else {
                    starts.append(bytes.count)  // a delimiter at the end of the file: one empty field more
                    ends.append(bytes.count)
                    return true
                }
                c = following
            }
        }

        /// The common case at once: a record that ends inside the piece and has no quote in it is
        /// copied whole (delimiters included, fields located between them). False, with nothing
        /// read, for any other record: the byte-at-a-time path reads it.
        mutating func plainRecord() -> Bool {
            let begin = position
            var end = -1, high = false
            var fieldStarts: [Int] = [], fieldEnds: [Int] = []
            swap(&fieldStarts, &starts)
            swap(&fieldEnds, &ends)
            defer {
                swap(&fieldStarts, &starts)
                swap(&fieldEnds, &ends)
            }
            let delimiter = Int32(self.delimiter)
            chunk.withUnsafeBufferPointer { piece in
                // memchr for the line end, then for a quote and the delimiters before it: the C
                // library's vector search, not a branch per byte.
                guard let base = piece.baseAddress, begin < piece.count else { return }
                let start = base + begin, available = piece.count - begin
                var length = available
                if let lf = memchr(start, Int32(Self.lf), available) { length = UnsafeRawPointer(lf) - UnsafeRawPointer(start) }
                if let cr = memchr(start, Int32(Self.cr), length) { length = UnsafeRawPointer(cr) - UnsafeRawPointer(start) }
                guard length < available, memchr(start, Int32(Self.quote), length) == nil else { return }
                var fieldStart = 0
                while let found = memchr(start + fieldStart, delimiter, length - fieldStart) {
                    let at = UnsafeRawPointer(found) - UnsafeRawPointer(start)
                    fieldStarts.append(fieldStart)
                    fieldEnds.append(at)
                    fieldStart = at + 1
                }
                fieldStarts.append(fieldStart)
                fieldEnds.append(length)
                end = begin + length
                // Any byte of 0x80 or more: eight at a time.
                var index = 0
                let raw = UnsafeRawPointer(start)
                while index + 8 <= length {
                    if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { high = true; return }
                    index += 8
                }
                while index < length {
                    if start[index] >= 0x80 { high = true; return }
                    index += 1
                }
            }
            guard end >= 0 else {
                fieldStarts.removeAll(keepingCapacity: true)
                fieldEnds.removeAll(keepingCapacity: true)
                return false
            }
            bytes.append(contentsOf: chunk[begin..<end])
            if high {
                for (start, end) in zip(fieldStarts, fieldEnds) where !CSVRecordReader.isWellFormed(bytes[start..<end]) {
                    isUTF8 = false
                    break
                }
            }
            position = end + 1
            if chunk[end] == Self.cr {
                let after = next()
                if after != Self.lf { pushBack(after) }
            }
            return true
        }

        /// A quoted field after its opening quote; true when the record ends with it.
        mutating func readQuoted(_ nonASCII: inout Bool) -> Bool {
            while let c = next() {
                guard c == Self.quote else {
                    if c >= 0x80 { nonASCII = true } else if c == Self.lf { lineFeedsInFields += 1 }
                    bytes.append(c)
                    continue
                }
                let after = next()
                switch after {
                case nil, Self.lf?:
                    return true
                case Self.cr?:
                    let third = next()
                    if third != Self.lf { pushBack(third) }
                    return true
                case delimiter?:
                    return false
                case Self.quote?:
                    bytes.append(Self.quote)
                case let dropped?:
                    // The quote is kept, the character after it dropped: a whole UTF-8 scalar.
                    bytes.append(Self.quote)
                    if dropped >= 0x80 { dropScalar(startingWith: dropped) }
                }
            }
            return true
        }

        /// An unquoted field; true when the record ends with it. Runs of plain bytes are found in
        /// the piece and copied at once.
        mutating func readUnquoted(_ nonASCII: inout Bool) -> Bool {
            if pushedBack >= 0, let c = next() {
                // The byte put back is the field's first: taken as it comes.
                switch c {
                case Self.lf: return true
                case Self.cr:
                    let after = next()
                    if after != Self.lf { pushBack(after) }
                    return true
                case delimiter: return false
                default:
                    if c >= 0x80 { nonASCII = true }
                    bytes.append(c)
                }
            }
            while true {
                if position == chunk.count {
                    refill()
                    if chunk.isEmpty { return true }
                }
                let start = position, delimiter = self.delimiter
                var stop = start, special: UInt8?, high = false
                chunk.withUnsafeBufferPointer { piece in
                    while stop < piece.count {
                        let byte = piece[stop]
                        if byte == Self.lf || byte == Self.cr || byte == delimiter {
                            special = byte
                            return
                        }
                        if byte >= 0x80 { high = true }
                        stop += 1
                    }
                }
                if high { nonASCII = true }
                bytes.append(contentsOf: chunk[start..<stop])
                position = stop
                guard let found = special else { continue }
                position += 1
                if found == Self.cr {
                    let after = next()
                    if after != Self.lf { pushBack(after) }
                }
                return found != delimiter
            }
        }

        /// Skips the continuation bytes of the scalar `lead` begins; a scalar that is not
        /// well-formed makes the record not UTF-8 (CSV.swift stops decoding there).
        mutating func dropScalar(startingWith lead: UInt8) {
            var sequence = [lead]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            while sequence.count < length, let byte = next() {
                guard byte & 0xC0 == 0x80 else {
                    pushBack(byte)
                    break
                }
                sequence.append(byte)
            }
            if !CSVRecordReader.isWellFormed(sequence[...]) { isUTF8 = false }
        }
    }
}

public enum CSVRecordError: Error, Equatable {
    case cannotOpen
}
