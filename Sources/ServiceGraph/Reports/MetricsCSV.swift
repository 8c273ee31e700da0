import Foundation

/// The three forms `metrics` writes.
public enum MetricsFormat: String, CaseIterable, Sendable {
    case table, json, csv

    public func render(_ reports: [MetricsReport]) -> String {
        switch self {
        case .json: JSONValue.array(reports.map(\.json)).serialized()
        case .csv: Self.csv(reports)
        case .table: reports.map(Self.table).joined(separator: "\n")
        }
    }

    /// One row per user, RFC 4180 (CRLF line ends, quoted where needed), plain numbers with
    /// a decimal point, empty fields where a measure is undefined.
    static func csv(_ reports: [MetricsReport]) -> String {
        CSVText.write([csvHeader(byPeriod: reports.contains { $0.meta.by != nil })] + reports.flatMap(csvRows))
    }

    public static let csvHeader = csvHeader(byPeriod: false)

    /// The header; with `--by`, a `period` column after `user`.
    public static func csvHeader(byPeriod: Bool) -> [String] {
        ["input", "user"] + (byPeriod ? ["period"] : []) + HelperNetworkMeasures.columns.map(\.name)
            + PathwayMeasures.columns.map(\.name) + StructureMeasures.csvColumns.map(\.name)
    }

    /// A report's rows under its header: one per user (and period, with `--by`), helper network
    /// and pathway side by side, each with the org chart's figures; an org chart without users
    /// is one row with no user.
    public static func csvRows(_ report: MetricsReport) -> [[String]] {
        struct Key: Hashable { var user: NodeID, period: String? }
        let helpers = Dictionary((report.users ?? []).map { (Key(user: $0.user, period: $0.period), $0) }) { first, _ in first }
        let pathways = Dictionary(report.pathways.map { (Key(user: $0.user, period: $0.period), $0) }) { first, _ in first }
        let chart = report.structure.map { ($0, report.meta.language) }
        let byPeriod = report.meta.by != nil
        let keys = (report.users ?? []).map { Key(user: $0.user, period: $0.period) }
            + report.pathways.map { Key(user: $0.user, period: $0.period) }
        var seen = Set<Key>()
        var rows: [[String]] = []
        for key in keys where seen.insert(key).inserted {
            rows.append(csvRow(input: report.meta.input, user: key.user.rawValue, period: byPeriod ? key.period ?? "" : nil,
                               helper: helpers[key], pathway: pathways[key], chart: chart))
        }
        if rows.isEmpty && report.structure != nil {
            rows.append(csvRow(input: report.meta.input, user: "", period: byPeriod ? "" : nil, helper: nil, pathway: nil, chart: chart))
        }
        return rows
    }

    /// The row of one user of an event log (no helper network), for output as it is measured;
    /// with a `period` cell when measured by period.
    public static func csvRow(input: String, pathway: PathwayMeasures, byPeriod: Bool = false) -> [String] {
        csvRow(input: input, user: pathway.user.rawValue, period: byPeriod ? pathway.period ?? "" : nil,
               helper: nil, pathway: pathway, chart: nil)
    }

    /// Every column of the header, empty where the subject is absent or the measure undefined.
    private static func csvRow(input: String, user: String, period: String?, helper: HelperNetworkMeasures?,
                               pathway: PathwayMeasures?, chart: StructureMeasures.Described?) -> [String] {
        func cells<Subject>(_ columns: [MetricColumn<Subject>], _ subject: Subject?) -> [String] {
            columns.map { column in subject.map { plain(column.value($0)) } ?? "" }
        }
        return [input, user] + (period.map { [$0] } ?? []) + cells(HelperNetworkMeasures.columns, helper)
            + cells(PathwayMeasures.columns, pathway) + cells(StructureMeasures.csvColumns, chart)
    }

    /// RFC 4180 text of `rows` (CRLF after each), for output written piece by piece.
    public static func csvText(_ rows: [[String]]) -> String { CSVText.write(rows) }

    /// `%.6f` without trailing zeros (nor a trailing point: 0.9999999 is "1", not "1."). Through
    /// vsnprintf directly, not `String(format:)` and a regular expression: a million users' rows
    /// spent minutes here.
    static func sixDecimals(_ number: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 352)  // %.6f of the largest double fits
        let count = withVaList([number]) { vsnprintf(&buffer, buffer.count, "%.6f", $0) }
        guard count > 0 else { return String(number) }
        var bytes = buffer.prefix(min(Int(count), buffer.count - 1)).map { UInt8(bitPattern: $0) }
        if bytes.contains(0x2E) {  // a point: drop the zeros after it, then the point if bare
            while bytes.last == 0x30 { bytes.removeLast() }
            if bytes.last == 0x2E { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A measure for people and spreadsheets: integers as such, others to 6 decimals, no
    /// exponent, no thousands separator; empty when undefined.
    static func plain(_ value: JSONValue?) -> String {
        switch value {
        case .int(let number): String(number)
        case .number(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : sixDecimals(number)
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .array(let items): items.map { plain($0) }.joined(separator: " ")
        default: ""
        }
    }
}

extension MetricsFormat {
    /// `csvText([csvRow(input:pathway:byPeriod:)])` written straight into `out`: numbers, and
    /// lists of unsigned numbers and nulls, as digits with no `String` made; every other cell as
    /// `CSVText` writes it. `input` is the input's cell, from `CSVText.cell`.
    static func appendCSVRow(input: [UInt8], pathway: PathwayMeasures, byPeriod: Bool, to out: inout [UInt8]) {
        let comma = UInt8(ascii: ",")
        out.append(contentsOf: input)
        out.append(comma)
        out.append(contentsOf: CSVText.cell(pathway.user.rawValue))
        if byPeriod {
            out.append(comma)
            out.append(contentsOf: CSVText.cell(pathway.period ?? ""))
        }
        for _ in HelperNetworkMeasures.columns { out.append(comma) }
        for column in PathwayMeasures.columns {
            out.append(comma)
            let value = column.value(pathway)
            if case .array(let items) = value, items.allSatisfy(isUnsignedNumberOrNull) {
                for (index, item) in items.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: " ")) }
                    _ = appendNumber(item, to: &out)
                }
            } else if !appendNumber(value, to: &out) {
                out.append(contentsOf: CSVText.cell(plain(value)))
            }
        }
        for _ in StructureMeasures.csvColumns { out.append(comma) }
        out.append(0x0D)
        out.append(0x0A)
    }

    /// Whether `plain` writes `item`, in a list, as digits and a point only: a list of these,
    /// written by `appendNumber` with a space between, needs no quotes, and no `'` (a `-` at its
    /// start would ask for one).
    private static func isUnsignedNumberOrNull(_ item: JSONValue) -> Bool {
        switch item {
        case .null: true
        case .int(let number): number >= 0
        case .number(let number): number >= 0 && number.isFinite
        default: false
        }
    }

    /// A null, an integer or a number as `plain` writes it (and `CSVText` keeps it), into `out`,
    /// with no `String` made; false, and nothing written, for any other value.
    private static func appendNumber(_ value: JSONValue, to out: inout [UInt8]) -> Bool {
        switch value {
        case .null: break
        case .int(let number): CSVText.appendDecimal(number, to: &out)
        case .number(let number) where number == number.rounded() && abs(number) < 1e15:
            CSVText.appendDecimal(Int(number), to: &out)
        case .number(let number): appendSixDecimals(number, to: &out)
        default: return false
        }
        return true
    }

    /// `sixDecimals` into `out`. `%.6f` rounds the double's exact binary value to six decimals,
    /// ties to even: done here in integers (m · 2^e · 10^6, rounded), with no `String` and no
    /// `CVarArg` boxing; values too large or too small for that go through `sixDecimals`.
    static func appendSixDecimals(_ number: Double, to out: inout [UInt8]) {
        guard number.isFinite, abs(number) < 1e15, number.exponentBitPattern != 0 || number == 0 else {
            out.append(contentsOf: sixDecimals(number).utf8)
            return
        }
        let significand = UInt128(number.significandBitPattern | (number == 0 ? 0 : 1 << 52))
        let exponent = Int(number.exponentBitPattern) - 1075
        var millionths: UInt128
        if exponent >= 0 {
            millionths = (significand << exponent) * 1_000_000
        } else if -exponent < 120 {
            let scaled = significand * 1_000_000
            let shift = -exponent
            millionths = scaled >> shift
            let remainder = scaled & ((1 << shift) - 1), half = UInt128(1) << (shift - 1)
            if remainder > half || (remainder == half && millionths & 1 == 1) { millionths += 1 }
        } else {
            millionths = 0
        }
        if number < 0 { out.append(UInt8(ascii: "-")) }
        CSVText.appendDecimal(Int(millionths / 1_000_000), to: &out)
        var fraction = Int(millionths % 1_000_000)
        guard fraction != 0 else { return }
        var digits = 6
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(48 + fraction / divisor % 10))
            divisor /= 10
        }
    }
}
