import Foundation

/// Names interned to dense integer ids (0, 1, 2, …), looked up by their UTF-8 bytes: a name
/// seen before costs a hash and a comparison, no `String`. Each name's `String` is made once,
/// when it is first seen. For the providers, services and users of an event log of millions
/// of rows, where a `String` per field was most of the reading time.
struct ByteInterner: Sendable {
    /// Each id's name (empty when made with `keepsNames: false`).
    private(set) var names: [String] = []
    /// Whether `names` is kept: an interner that only numbers and orders names need not make
    /// a `String` of each.
    private let keepsNames: Bool
    private var arena: [UInt8] = []
    /// Name `i` is `arena[starts[i]..<starts[i + 1]]`.
    private var starts: [Int] = [0]
    /// Open addressing, linear probing; -1 for an empty slot. At most half full.
    private var table = [Int32](repeating: -1, count: 256)

    init(keepsNames: Bool = true) { self.keepsNames = keepsNames }

    var count: Int { starts.count - 1 }

    subscript(id: Int32) -> String { names[Int(id)] }

    /// The id of the name with these bytes, given one when new.
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let mask = table.count - 1
        var slot = Self.hash(bytes) & mask
        while true {
            let existing = table[slot]
            if existing < 0 { break }
            if hasBytes(Int(existing), bytes) { return existing }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        if keepsNames { names.append(String(decoding: bytes, as: UTF8.self)) }
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        table[slot] = id
        if count * 2 > table.count { grow() }
        return id
    }

    /// The id of `name`, given one when new.
    mutating func id(of name: String) -> Int32 {
        var name = name
        return name.withUTF8 { id(of: $0) }
    }

    /// The id of `name` if it has one.
    func existingID(of name: String) -> Int32? {
        var name = name
        return name.withUTF8 { bytes in
            let mask = table.count - 1
            var slot = Self.hash(bytes) & mask
            while table[slot] >= 0 {
                if hasBytes(Int(table[slot]), bytes) { return table[slot] }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// The UTF-8 bytes of name `id`.
    func withBytes<R>(of id: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = starts[Int(id)], end = starts[Int(id) + 1]
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Every id, ordered by its name as `UserOrder` orders users (`String`'s order).
    func idsInUserOrder() -> [Int32] {
        var ids = Array(0..<Int32(count))
        arena.withUnsafeBufferPointer { arena in
            starts.withUnsafeBufferPointer { starts in
                let ascii = (0..<count).map { id in !arena[starts[id]..<starts[id + 1]].contains { $0 >= 0x80 } }
                ids.sort { a, b in
                    let (a, b) = (Int(a), Int(b))
                    return UserOrder.compare(UnsafeBufferPointer(rebasing: arena[starts[a]..<starts[a + 1]]), ascii: ascii[a],
                                             UnsafeBufferPointer(rebasing: arena[starts[b]..<starts[b + 1]]), ascii: ascii[b]) < 0
                }
            }
        }
        return ids
    }

    private func hasBytes(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id], end = starts[id + 1]
        guard end - start == bytes.count else { return false }
        guard !bytes.isEmpty else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 }
    }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        let starts = self.starts
        arena.withUnsafeBufferPointer { arena in
            for id in 0..<(starts.count - 1) {
                var slot = Self.hash(UnsafeBufferPointer(rebasing: arena[starts[id]..<starts[id + 1]])) & mask
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(id)
            }
        }
    }

    /// FNV-1a, folded: names are short, and a fixed hash keeps runs repeatable.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 31))
    }
}
