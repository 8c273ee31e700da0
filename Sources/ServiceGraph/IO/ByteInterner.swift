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
    /// The same with wide slots (`wideSlots`), used instead of `table`: each slot holds its
    /// name's length and first eight bytes beside its id, so that looking up a short name (a
    /// user's code) reads one slot and nothing else, where `table` reads the slot, the name's
    /// start and its bytes — three cache misses a row when the rows' users are a million and
    /// come in time order. Four times the memory: kept for that one use.
    private var wideTable: [WideSlot] = []
    private let wide: Bool

    private struct WideSlot {
        /// The name's first eight bytes, little-endian, zero beyond its end.
        var prefix: UInt64
        /// -1 for an empty slot.
        var id: Int32
        var length: Int32
        static let empty = WideSlot(prefix: 0, id: -1, length: 0)
    }

    init(keepsNames: Bool = true, wideSlots: Bool = false) {
        self.keepsNames = keepsNames
        wide = wideSlots
        if wideSlots {
            table = []
            wideTable = [WideSlot](repeating: .empty, count: 256)
        }
    }

    var count: Int { starts.count - 1 }

    subscript(id: Int32) -> String { names[Int(id)] }

    /// The id of the name with these bytes, given one when new.
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let prefix = Self.prefix(bytes)
        let (found, slot) = find(bytes, prefix)
        if found >= 0 { return found }
        let id = Int32(count)
        if keepsNames { names.append(String(decoding: bytes, as: UTF8.self)) }
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        if wide {
            wideTable[slot] = WideSlot(prefix: prefix, id: id, length: Int32(bytes.count))
        } else {
            table[slot] = id
        }
        if count * 2 > (wide ? wideTable.count : table.count) { grow() }
        return id
    }

    /// The id of the name with these bytes (`prefix` its first eight), or -1 and the empty
    /// slot where it would go, in whichever table this interner keeps.
    @inline(__always)
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: UInt64) -> (Int32, Int) {
        let hash = Self.hash(prefix, bytes)
        if wide {
            return wideTable.withUnsafeBufferPointer { table in
                let mask = table.count - 1, length = Int32(bytes.count)
                var slot = hash & mask
                while true {
                    let entry = table[slot]
                    if entry.id < 0 { return (-1, slot) }
                    if entry.prefix == prefix && entry.length == length && (length <= 8 || hasBytes(Int(entry.id), bytes)) {
                        return (entry.id, slot)
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        return table.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var slot = hash & mask
            while true {
                let existing = table[slot]
                if existing < 0 { return (-1, slot) }
                if hasBytes(Int(existing), bytes) { return (existing, slot) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The first eight bytes of `bytes`, little-endian, zero-filled.
    @inline(__always)
    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        if bytes.count >= 8 { return UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)) }
        var word: UInt64 = 0
        for index in 0..<bytes.count { word |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        return word
    }

    /// The slot a name hashes to, in either table: its first eight bytes and its length mixed
    /// (FNV-1a over any bytes beyond eight), then a finaliser's multiply and shifts. Names are
    /// short, and a fixed hash keeps runs repeatable.
    @inline(__always)
    private static func hash(_ prefix: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash = prefix ^ UInt64(bytes.count) << 56
        if bytes.count > 8 {
            for byte in UnsafeBufferPointer(rebasing: bytes[8...]) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
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
            let id = find(bytes, Self.prefix(bytes)).0
            return id >= 0 ? id : nil
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
        let starts = self.starts
        if wide {
            let old = wideTable
            wideTable = [WideSlot](repeating: .empty, count: old.count * 2)
            let mask = wideTable.count - 1
            arena.withUnsafeBufferPointer { arena in
                wideTable.withUnsafeMutableBufferPointer { table in
                    for entry in old where entry.id >= 0 {
                        let id = Int(entry.id)
                        var slot = Self.hash(entry.prefix, UnsafeBufferPointer(rebasing: arena[starts[id]..<starts[id + 1]])) & mask
                        while table[slot].id >= 0 { slot = (slot + 1) & mask }
                        table[slot] = entry
                    }
                }
            }
            return
        }
        table = [Int32](repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        arena.withUnsafeBufferPointer { arena in
            for id in 0..<(starts.count - 1) {
                let name = UnsafeBufferPointer(rebasing: arena[starts[id]..<starts[id + 1]])
                var slot = Self.hash(Self.prefix(name), name) & mask
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(id)
            }
        }
    }
}
