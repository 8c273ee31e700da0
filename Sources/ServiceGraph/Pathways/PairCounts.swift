/// Counts of (from, to) pairs of provider ids: an open-addressing table of packed keys, for the
/// handover tally's one increment per visit. A log of a million visits has nearly as many
/// distinct pairs, so the table is large and every increment lands somewhere new in it: the
/// time goes to waiting for memory. The standard `Dictionary` spent a fifth of `handovers`
/// there (SipHash, its bucket search, its resizing); this spends a multiplication, and keeps a
/// key and its count in one slot so that an increment touches one cache line. `add(run:)`
/// first touches the slots of a whole pathway's pairs, so that their misses overlap.
///
/// Keys are `from << 32 | to` with both ids non-negative; a slot keyed `UInt64.max` is empty.
/// Linear probing, at most seven tenths full. Iteration order is the table's, which no output
/// depends on (`HandoverTally` sorts by names).
struct PairCounts: Sendable {
    private struct Slot {
        var key: UInt64
        var count: Int
    }
    private var slots: [Slot]
    private(set) var count = 0
    /// Where `add(pairs:)` leaves the sum of what it read first, so that the reads are kept.
    private var touched: UInt64 = 0
    /// 64 − log2(slots.count): the hash is the top bits of the key times 2^64/φ.
    private var shift: Int
    private static let empty = UInt64.max

    init() {
        slots = [Slot](repeating: Slot(key: Self.empty, count: 0), count: 1024)
        shift = 64 - 10
    }

    /// The pair (from, to) as a key, as `add(pairs:)` takes it.
    @inline(__always)
    static func packed(from: Int32, to: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: from)) << 32 | UInt64(UInt32(bitPattern: to))
    }

    @inline(__always)
    private static func home(_ key: UInt64, _ shift: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(shift))
    }

    /// Adds `amount` to the pair's count.
    @inline(__always)
    mutating func add(from: Int32, to: Int32, _ amount: Int = 1) { add(key: Self.packed(from: from, to: to), amount) }

    @inline(__always)
    private mutating func add(key: UInt64, _ amount: Int = 1) {
        var slot = Self.home(key, shift)
        let mask = slots.count - 1
        let isNew: Bool = slots.withUnsafeMutableBufferPointer { slots in
            while true {
                let existing = slots[slot].key
                if existing == key {
                    slots[slot].count &+= amount
                    return false
                }
                if existing == Self.empty {
                    slots[slot] = Slot(key: key, count: amount)
                    return true
                }
                slot = (slot + 1) & mask
            }
        }
        if isNew {
            count += 1
            if count * 10 > slots.count * 7 { grow() }
        }
    }

    /// Adds one to each consecutive pair of `providers` (a pathway's visits in order).
    mutating func add(run providers: UnsafeBufferPointer<Int32>) {
        guard providers.count > 1 else { return }
        add(pairs: (1..<providers.count).lazy.map { Self.packed(from: providers[$0 - 1], to: providers[$0]) })
    }

    /// Adds one to each pair of `keys` (packed by `packed(from:to:)`): a pathway's pairs, or
    /// pairs from different pathways gathered a few dozen at a time (a log in time order). The
    /// pairs' home slots are read first, all of them, so that the processor waits for their
    /// cache misses side by side rather than one after another.
    mutating func add<Keys: Collection<UInt64>>(pairs keys: Keys) {
        touched = slots.withUnsafeBufferPointer { slots in
            var sum: UInt64 = 0
            for key in keys { sum &+= slots[Self.home(key, shift)].key }
            return sum
        }
        for key in keys { add(key: key) }
    }

    /// Every pair with its count, in the table's order.
    func forEach(_ body: (_ from: Int32, _ to: Int32, _ count: Int) throws -> Void) rethrows {
        for slot in slots where slot.key != Self.empty {
            try body(Int32(truncatingIfNeeded: slot.key >> 32), Int32(truncatingIfNeeded: slot.key & 0xFFFF_FFFF), slot.count)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: Self.empty, count: 0), count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1, shift = self.shift
        slots.withUnsafeMutableBufferPointer { slots in
            for entry in old where entry.key != Self.empty {
                var slot = Self.home(entry.key, shift)
                while slots[slot].key != Self.empty { slot = (slot + 1) & mask }
                slots[slot] = entry
            }
        }
    }
}
