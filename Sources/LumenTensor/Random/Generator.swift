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
    /// It is the process-wide generator, shared by every thread as torch's is, unless the
    /// calling task runs inside ``withDefault(_:operation:)``.
    ///
    /// ```swift
    /// Tensor.randn([2], generator: .default)
    /// ```
    public static var `default`: Generator { scopedDefault ?? processDefault }

    private static let processDefault = Generator(seed: 0x4C75_6D65_6E21)

    @TaskLocal private static var scopedDefault: Generator?

    /// Runs `operation` with `generator` as ``default`` for the calling task and the tasks it
    /// creates, so that its seeded numbers are not interleaved with other threads' draws.
    ///
    /// ```swift
    /// let weights = Generator.withDefault(Generator(seed: 7)) { Linear(4, 2) }
    /// ```
    public static func withDefault<Result>(_ generator: Generator, operation: () throws -> Result) rethrows -> Result {
        try $scopedDefault.withValue(generator, operation: operation)
    }

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

    /// A `Double` uniform in [0, 1), from 53 random bits.
    ///
    /// ```swift
    /// if generator.nextDouble() < 0.5 { image = image.flipped() }
    /// ```
    public func nextDouble() -> Double {
        lock.lock()
        defer { lock.unlock() }
        return Double(nextWord() >> 11) * 0x1p-53
    }

    /// An integer uniform in `0..<bound` (`bound` > 0).
    ///
    /// ```swift
    /// let top = generator.nextInt(below: height - cropHeight + 1)
    /// ```
    public func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound, got \(bound)")
        lock.lock()
        defer { lock.unlock() }
        return Int(nextWord().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A random permutation of `0..<n` (Fisher–Yates), as `torch.randperm(n)` (not torch's numbers).
    ///
    /// ```swift
    /// let order = generator.permutation(dataset.count)
    /// ```
    public func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        lock.lock()
        defer { lock.unlock() }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(nextWord().multipliedFullWidth(by: UInt64(i + 1)).high)
            order.swapAt(i, j)
        }
        return order
    }
}
