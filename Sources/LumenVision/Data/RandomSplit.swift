import Foundation
import LumenTensor

/// Splits `dataset` at random into non-overlapping subsets of the given lengths, as
/// `torch.utils.data.random_split`: one permutation of all indices, cut in order.
///
/// - Throws: ``VisionError`` naming the lengths when one is negative or they do not add up to
///   the dataset's count.
///
/// ```swift
/// let parts = try randomSplit(digits, lengths: [1500, 297], generator: Generator(seed: 42))
/// let (train, test) = (parts[0], parts[1])
/// ```
public func randomSplit<D: Dataset>(_ dataset: D, lengths: [Int], generator: Generator = .default) throws -> [Subset<D>] {
    if let negative = lengths.firstIndex(where: { $0 < 0 }) {
        throw VisionError("randomSplit: length \(lengths[negative]) at index \(negative) of \(lengths) is negative")
    }
    let total = lengths.reduce(0, +)
    guard total == dataset.count else {
        throw VisionError("randomSplit: the lengths \(lengths) sum to \(total), but the dataset has \(dataset.count) samples")
    }
    let order = generator.permutation(total)
    var start = 0
    return lengths.map { length in
        defer { start += length }
        return Subset(dataset, indices: Array(order[start..<start + length]))
    }
}

/// Splits `dataset` at random into subsets holding the given fractions of it, as
/// `torch.utils.data.random_split` with fractions: each split gets ⌊count · fraction⌋ samples,
/// then the samples left over go one each to the first splits, round-robin.
///
/// - Throws: ``VisionError`` when a fraction is outside 0…1 or they do not sum to 1 (within
///   1e-9, and not above 1, as torch's `math.isclose` test).
///
/// ```swift
/// let parts = try randomSplit(digits, fractions: [0.8, 0.2], generator: Generator(seed: 42))
/// // 1797 samples → lengths [1438, 359]
/// ```
public func randomSplit<D: Dataset>(_ dataset: D, fractions: [Double], generator: Generator = .default) throws -> [Subset<D>] {
    try randomSplit(dataset, lengths: splitLengths(count: dataset.count, fractions: fractions), generator: generator)
}

/// torch's rule for turning fractions into lengths.
func splitLengths(count: Int, fractions: [Double]) throws -> [Int] {
    let sum = fractions.reduce(0, +)
    guard !fractions.isEmpty, abs(sum - 1) <= 1e-9 * max(abs(sum), 1), sum <= 1 else {
        throw VisionError("randomSplit: the fractions \(fractions) sum to \(sum), not 1")
    }
    if let bad = fractions.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
        throw VisionError("randomSplit: fraction \(fractions[bad]) at index \(bad) is not between 0 and 1")
    }
    var lengths = fractions.map { Int((Double(count) * $0).rounded(.down)) }
    let remainder = count - lengths.reduce(0, +)
    for i in 0..<max(remainder, 0) { lengths[i % lengths.count] += 1 }
    return lengths
}
