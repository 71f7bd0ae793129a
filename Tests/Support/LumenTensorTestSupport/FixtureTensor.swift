import LumenTensor
import LumenTestSupport

/// A tensor written to a fixture by a script from torch: its shape and its values, row-major
/// (`{"shape": [2, 3], "data": [...]}` in JSON).
///
/// ```swift
/// let fixture = try JSONDecoder().decode([String: FixtureTensor].self, from: data)
/// #expect(maxRelativeDifference(model(fixture["input"]!.tensor), fixture["output"]!) <= 1e-5)
/// ```
public struct FixtureTensor: Decodable, Sendable {
    /// The size of each dimension.
    public let shape: [Int]
    /// The values in row-major order.
    public let data: [Float]

    /// A fixture tensor from its shape and values.
    ///
    /// ```swift
    /// FixtureTensor(shape: [2], data: [1, 2])
    /// ```
    public init(shape: [Int], data: [Float]) {
        self.shape = shape
        self.data = data
    }

    /// The values as a LumenTensor ``Tensor``.
    ///
    /// ```swift
    /// let input = fixture.input.tensor
    /// ```
    public var tensor: Tensor { Tensor(data, shape: shape) }
}

/// ``maxRelativeDifference(_:_:)`` of a tensor's values and a fixture's; infinity when the
/// shapes differ.
///
/// ```swift
/// #expect(maxRelativeDifference(output, fixture.output) <= 1e-5)
/// ```
public func maxRelativeDifference(_ actual: Tensor, _ expected: FixtureTensor) -> Float {
    actual.shape == expected.shape ? maxRelativeDifference(actual.scalars, expected.data) : .infinity
}

/// ``maxDifference(_:_:)`` of a tensor's values and a fixture's; infinity when the shapes differ.
///
/// ```swift
/// #expect(maxDifference(output, fixture.output) <= 1e-4)
/// ```
public func maxDifference(_ actual: Tensor, _ expected: FixtureTensor) -> Float {
    actual.shape == expected.shape ? maxDifference(actual.scalars, expected.data) : .infinity
}
