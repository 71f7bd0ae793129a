/// The largest relative difference between corresponding values, `|a − e| / max(1, |e|)`:
/// relative for expected values beyond ±1, absolute within (where float32's rounding of a
/// difference of larger numbers is absolute too). Infinity when the counts differ, NaN when
/// a difference is NaN, so that `<= tolerance` fails.
///
/// ```swift
/// #expect(maxRelativeDifference(output.scalars, expected.data) <= 1e-5)
/// ```
public func maxRelativeDifference(_ actual: some Collection<Float>, _ expected: some Collection<Float>) -> Float {
    largest(actual, expected) { a, e in Swift.abs(a - e) / Swift.max(1, Swift.abs(e)) }
}

/// The largest absolute difference between corresponding values; infinity when the counts
/// differ, NaN when a difference is NaN.
///
/// ```swift
/// #expect(maxDifference(pixels, expected) <= 1)
/// ```
public func maxDifference(_ actual: some Collection<Float>, _ expected: some Collection<Float>) -> Float {
    largest(actual, expected) { a, e in Swift.abs(a - e) }
}

private func largest(
    _ actual: some Collection<Float>, _ expected: some Collection<Float>, _ difference: (Float, Float) -> Float
) -> Float {
    guard actual.count == expected.count else { return .infinity }
    var worst: Float = 0
    for (a, e) in zip(actual, expected) {
        let d = difference(a, e)
        if d.isNaN { return .nan }
        worst = Swift.max(worst, d)
    }
    return worst
}
