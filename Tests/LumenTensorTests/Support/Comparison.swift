import LumenTensor
import LumenTensorTestSupport
import Testing

/// Whether `actual` matches `expected` within `tolerance` relative: each element within
/// tolerance · (|expected| + max |expected|). The second term keeps elements near zero, whose
/// value is a difference of larger ones, from demanding more digits than float32 holds.
func expectClose(_ actual: Tensor, _ expected: FixtureTensor, tolerance: Float = 1e-5, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape, "\(what): shape", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    let scale = expected.data.map { Swift.abs($0) }.max() ?? 0
    var worst: (index: Int, error: Float) = (-1, 0)
    for (i, (a, e)) in zip(actual.scalars, expected.data).enumerated() {
        let error = Swift.abs(a - e) / (Swift.abs(e) + scale + .leastNormalMagnitude)
        if !(error <= tolerance) && (worst.index < 0 || !(error <= worst.error)) { worst = (i, error) }
    }
    #expect(worst.index < 0,
            "\(what): element \(worst.index) is \(worst.index < 0 ? 0 : actual.scalars[worst.index]), torch gives \(worst.index < 0 ? 0 : expected.data[worst.index]) (relative error \(worst.error))",
            sourceLocation: sourceLocation)
}

/// Runs a fixture case through Lumen and compares outputs and input gradients with torch's.
func checkAgainstTorch(_ fixture: FixtureCase, tolerance: Float = 1e-5, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let inputs = fixture.inputs.map { Tensor($0.data.data, shape: $0.data.shape, requiresGrad: $0.grad) }
    let run = try #require(opTable[fixture.op], "no Lumen op for \(fixture.op)")
    let outputs = run(inputs, Args(raw: fixture.args))
    try #require(outputs.count == fixture.outputs.count, "\(fixture.name): output count", sourceLocation: sourceLocation)
    var loss: Tensor?
    for (i, (output, expected)) in zip(outputs, fixture.outputs).enumerated() {
        expectClose(output, expected.data, tolerance: tolerance, "\(fixture.name) output \(i)", sourceLocation: sourceLocation)
        if let upstream = expected.upstream {
            let term = (output * upstream.tensor).sum()
            loss = loss.map { $0 + term } ?? term
        }
    }
    guard let loss else { return }
    try loss.backward()
    for (i, (input, expected)) in zip(inputs, fixture.grads).enumerated() {
        guard let expected else { continue }
        guard let grad = input.grad else {
            Issue.record("\(fixture.name): no gradient for input \(i)", sourceLocation: sourceLocation)
            continue
        }
        expectClose(grad, expected, tolerance: tolerance, "\(fixture.name) gradient of input \(i)", sourceLocation: sourceLocation)
    }
}
