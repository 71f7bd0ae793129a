/// An argument that a summary call cannot write; names the argument and the sizes or values at
/// fault, e.g. `predictions: 3 values but labels has 4`.
public struct SummaryArgumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending argument, as the call spells it (`labels`, `metadata`, `layout`, …).
    public let argument: String
    /// What is wrong with it.
    public let message: String

    public init(_ argument: String, _ message: String) {
        self.argument = argument
        self.message = message
    }

    public var description: String { "\(argument): \(message)" }
}
