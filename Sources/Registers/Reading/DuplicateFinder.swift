import Linalg

/// Finds records that repeat an earlier record of the same file exactly, while the file is read.
///
/// Each record's parsed values are hashed into an open-addressing table of row numbers; a hash hit is confirmed by
/// comparing the two records, so a collision never reports a false duplicate. Memory: 12 bytes a slot, at most twice
/// as many slots as records.
struct DuplicateFinder {
    private var rows: [Int32] = []     // row + 1; 0 marks an empty slot
    private var hashes: [UInt64] = []
    private var count = 0

    /// Records row `row` with hash `hash`; returns an earlier row with the same hash for which `isEqual` holds.
    mutating func insert(row: Int, hash: UInt64, isEqual: (Int) -> Bool) -> Int? {
        if (count + 1) * 2 > rows.count { grow() }
        let mask = rows.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while rows[slot] != 0 {
            let earlier = Int(rows[slot]) - 1
            if hashes[slot] == hash, isEqual(earlier) { return earlier }
            slot = (slot + 1) & mask
        }
        rows[slot] = Int32(row + 1)
        hashes[slot] = hash
        count += 1
        return nil
    }

    private mutating func grow() {
        let oldRows = rows, oldHashes = hashes
        let capacity = max(1024, rows.count * 2)
        rows = [Int32](repeating: 0, count: capacity)
        hashes = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        for k in oldRows.indices where oldRows[k] != 0 {
            var slot = Int(truncatingIfNeeded: oldHashes[k]) & mask
            while rows[slot] != 0 { slot = (slot + 1) & mask }
            rows[slot] = oldRows[k]
            hashes[slot] = oldHashes[k]
        }
    }
}

/// A 64-bit hash of a record's values, built one value at a time with SplitMix64's finaliser.
struct RecordHash {
    private(set) var value: UInt64 = 0

    mutating func add(_ v: UInt64) { value = SplitMix64.mix(value ^ v) }
    mutating func add(_ v: Int32) { add(UInt64(UInt32(bitPattern: v))) }
    mutating func add(_ v: Double) { add(v.bitPattern) }
}
