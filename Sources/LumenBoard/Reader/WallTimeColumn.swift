/// The wall times of one chunk of a scalar series, each exactly as logged: 4-byte differences
/// of their bit patterns from the chunk's first wall time while those fit (±2³¹ units in the last
/// place, about ±8 minutes around today's times, so points logged close together), 8-byte
/// doubles otherwise. Bit patterns, not values, are subtracted, so any double — NaN, −0 —
/// comes back bit for bit.
struct WallTimeColumn {
    private var firstBits: UInt64 = 0
    private var offsets: [Int32] = []
    /// Every wall time, once one did not fit as an offset.
    private var full: [Double] = []
    private var isFull = false
    private(set) var count = 0

    subscript(i: Int) -> Double {
        isFull ? full[i] : Double(bitPattern: firstBits &+ UInt64(bitPattern: Int64(offsets[i])))
    }

    mutating func reserve(_ capacity: Int) {
        if isFull { full.reserveCapacity(capacity) } else { offsets.reserveCapacity(capacity) }
    }

    /// Adds a wall time after the last; `capacity` is what the chunk has reserved, for a column
    /// that has to widen.
    mutating func append(_ wallTime: Double, capacity: Int) {
        if count == 0 { firstBits = wallTime.bitPattern }
        if isFull {
            full.append(wallTime)
        } else if let offset = Int32(exactly: Int64(bitPattern: wallTime.bitPattern &- firstBits)) {
            offsets.append(offset)
        } else {
            full.reserveCapacity(capacity)
            full.append(contentsOf: (0..<count).map { self[$0] })
            full.append(wallTime)
            offsets = []
            isFull = true
        }
        count += 1
    }

    /// Keeps the first `keep` wall times.
    mutating func keepFirst(_ keep: Int) {
        if isFull { full.removeSubrange(keep...) } else { offsets.removeSubrange(keep...) }
        count = keep
    }

    var residentBytes: Int { offsets.capacity * 4 + full.capacity * 8 }
}
