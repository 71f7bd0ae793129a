import LumenTensor
import Testing

/// Every op against PyTorch's outputs and gradients (Fixtures/, made by
/// Scripts/make_tensor_fixtures.py). Tolerance 1e-5 relative unless a test says otherwise.
@Suite("Fidelity with PyTorch")
struct FidelityTests {
    @Test("element-wise ops with broadcasting match torch (add, sub, mul, div, pow, activations, where, comparisons)",
          arguments: FixtureCase.load("elementwise"))
    func elementwise(_ fixture: FixtureCase) throws { try checkAgainstTorch(fixture) }

    @Test("reductions match torch (sum, mean, var, std, max, min, argmax over dims)", arguments: FixtureCase.load("reduction"))
    func reductions(_ fixture: FixtureCase) throws { try checkAgainstTorch(fixture) }

    @Test("shape ops, joins and indexing match torch", arguments: FixtureCase.load("shape"))
    func shapes(_ fixture: FixtureCase) throws { try checkAgainstTorch(fixture) }

    @Test("matches torch.matmul and torch.bmm", arguments: FixtureCase.load("matmul"))
    func matmul(_ fixture: FixtureCase) throws { try checkAgainstTorch(fixture) }

    @Test("matches torch.softmax and torch.log_softmax", arguments: FixtureCase.load("softmax"))
    func softmax(_ fixture: FixtureCase) throws { try checkAgainstTorch(fixture) }

    @Test("matches torch.nn.functional.conv2d", arguments: FixtureCase.load("conv"))
    func conv2d(_ fixture: FixtureCase) throws { try checkAgainstTorch(fixture) }

    @Test("matches torch's max, average and adaptive pooling", arguments: FixtureCase.load("pool"))
    func pooling(_ fixture: FixtureCase) throws { try checkAgainstTorch(fixture) }

    @Test("matches torch.nn.functional.interpolate", arguments: FixtureCase.load("interpolate"))
    func interpolate(_ fixture: FixtureCase) throws { try checkAgainstTorch(fixture) }

    @Test("matches torch.nn.functional.batch_norm, running statistics included", arguments: FixtureCase.load("norm"))
    func batchNorm(_ fixture: FixtureCase) throws { try checkAgainstTorch(fixture) }

    @Test("matches torch's cross_entropy, nll_loss, mse_loss and binary_cross_entropy_with_logits", arguments: FixtureCase.load("loss"))
    func losses(_ fixture: FixtureCase) throws { try checkAgainstTorch(fixture) }
}
