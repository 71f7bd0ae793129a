/// Whether ops record the autograd graph on the current thread or task.
enum GradMode {
    @TaskLocal static var isEnabled = true
}

/// Runs `body` without recording the autograd graph, as `torch.no_grad()` does.
///
/// ```swift
/// let prediction = withNoGrad { model(x) }   // prediction.requiresGrad == false
/// ```
public func withNoGrad<Result>(_ body: () throws -> Result) rethrows -> Result {
    try GradMode.$isEnabled.withValue(false) { try body() }
}

/// Whether ops currently record the autograd graph (false inside ``withNoGrad(_:)``).
///
/// ```swift
/// withNoGrad { isGradEnabled }   // false
/// ```
public var isGradEnabled: Bool { GradMode.isEnabled }
