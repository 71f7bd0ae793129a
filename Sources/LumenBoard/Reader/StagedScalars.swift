import Foundation

/// The loader's scalar points on their way into their series: the series of the tags seen
/// last (so most events find theirs by comparing a few bytes, without hashing a String), each
/// with the points read for it since the last ``publish()``. Appending a batch of points to a
/// series at once costs one access to its columns instead of one per point.
///
/// Points wait here only within one batch of records: whoever stages them publishes before
/// anything else changes the run (an event the fast path does not read, the end of the batch),
/// so readers never see a series without its staged points and order within a tag is kept.
struct StagedScalars {
    private struct Entry {
        var tag: [UInt8]
        let series: ScalarSeries
        var points: [ScalarPoint] = []
        var steps: [Int64] = []
    }

    /// Tags kept at most: an event stream cycles through a handful of scalar tags.
    static let capacity = 16

    private var entries: [Entry] = []
    /// Where the last tag was found: the next event's tag is usually the one after it.
    private var lastHit = 0

    /// Stages a point of the series of `tag` if the tag is a recent one; false if it is not
    /// (then ``stage(tag:series:step:point:)`` it with its series).
    mutating func stage(tag: UnsafeRawBufferPointer, step: Int64, point: ScalarPoint) -> Bool {
        guard let i = index(of: tag) else { return false }
        stage(at: i, step: step, point: point)
        return true
    }

    /// Stages a point of `series`, the series of `tag`, which is not among the recent tags.
    mutating func stage(tag: UnsafeRawBufferPointer, series: ScalarSeries, step: Int64, point: ScalarPoint) {
        stage(at: insert(tag: tag, series: series), step: step, point: point)
    }

    private mutating func stage(at i: Int, step: Int64, point: ScalarPoint) {
        entries[i].points.append(point)
        entries[i].steps.append(step)
        lastHit = i
    }

    /// Appends every staged point to its series.
    mutating func publish() {
        for i in entries.indices where !entries[i].points.isEmpty {
            entries[i].series.append(entries[i].points, steps: entries[i].steps)
            entries[i].points.removeAll(keepingCapacity: true)
            entries[i].steps.removeAll(keepingCapacity: true)
        }
    }

    /// Publishes, then lets go of every tag: a quiet run holds nothing it does not show.
    mutating func forget() {
        publish()
        entries = []
        lastHit = 0
    }

    private func index(of tag: UnsafeRawBufferPointer) -> Int? {
        let count = entries.count
        guard count > 0 else { return nil }
        for probe in 0..<count {
            var i = lastHit + 1 + probe
            if i >= count { i -= count }
            if Self.equal(entries[i].tag, tag) { return i }
        }
        return nil
    }

    private mutating func insert(tag: UnsafeRawBufferPointer, series: ScalarSeries) -> Int {
        if entries.count == Self.capacity {
            // The oldest slot is replaced: the one after the last hit in cycle order.
            let victim = (lastHit + 1) % entries.count
            if !entries[victim].points.isEmpty {
                entries[victim].series.append(entries[victim].points, steps: entries[victim].steps)
            }
            entries[victim] = Entry(tag: Array(tag), series: series)
            return victim
        }
        entries.append(Entry(tag: Array(tag), series: series))
        return entries.count - 1
    }

    private static func equal(_ stored: [UInt8], _ tag: UnsafeRawBufferPointer) -> Bool {
        guard stored.count == tag.count else { return false }
        guard tag.count > 0 else { return true }
        return stored.withUnsafeBytes { memcmp($0.baseAddress!, tag.baseAddress!, tag.count) == 0 }
    }
}
