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

/// Runs `body` recording the autograd graph even inside ``withNoGrad(_:)``, as
/// `torch.enable_grad()` does.
///
/// ```swift
/// withNoGrad { withGradEnabled { (w * 2).requiresGrad } }   // true for a w that requires grad
/// ```
public func withGradEnabled<Result>(_ body: () throws -> Result) rethrows -> Result {
    try GradMode.$isEnabled.withValue(true) { try body() }
}
