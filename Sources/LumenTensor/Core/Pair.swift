/// A size along height and width, written `2` for both or `[2, 3]` for (height, width), as
/// torch accepts `2` or `(2, 3)` for a kernel size, stride, padding or dilation.
///
/// ```swift
/// x.conv2d(w, stride: 2, padding: [1, 0])
/// ```
public struct Pair: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    /// The size along height.
    public var height: Int
    /// The size along width.
    public var width: Int

    /// A pair from its two sizes.
    ///
    /// ```swift
    /// Pair(3, 2)
    /// ```
    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    /// The same size along both dimensions.
    ///
    /// ```swift
    /// let stride: Pair = 2
    /// ```
    public init(integerLiteral value: Int) { self.init(value, value) }

    /// `[height, width]`.
    ///
    /// ```swift
    /// let kernel: Pair = [3, 2]
    /// ```
    public init(arrayLiteral elements: Int...) {
        precondition(elements.count == 2, "expected two sizes (height, width), got \(elements)")
        self.init(elements[0], elements[1])
    }
}
