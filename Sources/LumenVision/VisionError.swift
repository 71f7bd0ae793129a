/// Why an image, dataset, transform or CAM request failed: names the file, offset, index, field
/// or shapes at fault.
public struct VisionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
