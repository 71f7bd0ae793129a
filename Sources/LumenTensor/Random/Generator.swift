import Foundation

/// A seeded source of random numbers for tensors (xoshiro256**), as `torch.Generator`.
///
/// The same seed gives the same numbers on every platform; they are not torch's numbers.
///
/// ### Example
/// ```swift
/// let generator = Generator(seed: 42)
/// let x = Tensor.randn([2, 3], generator: generator)
/// ```
public final class Generator: @unchecked Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private let lock = NSLock()

    /// A generator started from `seed`.
    ///
    /// ```swift
    /// let generator = Generator(seed: 0)
    /// ```
    public init(seed: UInt64) { reseed(seed) }

    /// The generator used when none is given; ``Tensor/manualSeed(_:)`` reseeds it.
    ///
    /// ```swift
    /// Tensor.randn([2], generator: .default)
    /// ```
    public static let `default` = Generator(seed: 0x4C75_6D65_6E21)

    /// Restarts the sequence from `seed`.
    ///
    /// ```swift
    /// generator.manualSeed(42)
    /// ```
    public func manualSeed(_ seed: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        reseed(seed)
    }

    private func reseed(_ seed: UInt64) {
        // SplitMix64 spreads the seed over the four words of state.
        var z = seed
        func next() -> UInt64 {
            z &+= 0x9E37_79B9_7F4A_7C15
            var x = z
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        state = (next(), next(), next(), next())
    }

    private func nextWord() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// `count` values uniform in [0, 1).
    func uniform(_ count: Int) -> [Float] {
        lock.lock()
        defer { lock.unlock() }
        return (0..<count).map { _ in Float(nextWord() >> 40) * 0x1p-24 }
    }

    /// `count` values from the standard normal distribution (Box–Muller).
    func normal(_ count: Int) -> [Float] {
        lock.lock()
        defer { lock.unlock() }
        var values: [Float] = []
        values.reserveCapacity(count + 1)
        while values.count < count {
            let u1 = (Double(nextWord() >> 11) + 1) * 0x1p-53, u2 = Double(nextWord() >> 11) * 0x1p-53
            let radius = (-2 * Foundation.log(u1)).squareRoot()
            values.append(Float(radius * cos(2 * .pi * u2)))
            values.append(Float(radius * sin(2 * .pi * u2)))
        }
        return Array(values.prefix(count))
    }

    /// `count` integers uniform in `low..<high`, as Float values.
    func integers(_ count: Int, low: Int, high: Int) -> [Float] {
        precondition(high > low, "random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        lock.lock()
        defer { lock.unlock() }
        let span = UInt64(high - low)
        return (0..<count).map { _ in Float(low + Int(nextWord().multipliedFullWidth(by: span).high)) }
    }
}
