import LumenNN
import Testing

@Suite("Layer behaviour beyond the torch fixtures: modes, options, conventions")
struct LayerBehaviourTests {
    @Test("BatchNorm2d with momentum nil keeps the cumulative average of the batch statistics, as torch")
    func cumulativeAverage() {
        let bn = BatchNorm2d(1, momentum: nil, affine: false)
        _ = bn(Tensor([1, 3], shape: [2, 1, 1, 1]))   // mean 2, unbiased variance 2
        _ = bn(Tensor([5, 7], shape: [2, 1, 1, 1]))   // mean 6, unbiased variance 2
        #expect(bn.runningMean!.scalars == [4])
        #expect(bn.runningVar!.scalars == [2])
        #expect(bn.numBatchesTracked!.item() == 2)
        #expect(bn.parameters().isEmpty)
        #expect(bn.namedBuffers().map(\.name) == ["runningMean", "runningVar", "numBatchesTracked"])
    }

    @Test("BatchNorm2d leaves running statistics alone in evaluation mode; without them it uses the batch's")
    func evaluation() {
        let bn = BatchNorm2d(1)
        bn.eval()
        let x = Tensor([1, 3], shape: [2, 1, 1, 1])
        #expect(bn(x).scalars.map { ($0 * 1000).rounded() } == [1000, 3000])
        #expect(bn.runningMean!.scalars == [0] && bn.numBatchesTracked!.item() == 0)
        let untracked = BatchNorm2d(1, trackRunningStats: false)
        untracked.eval()
        #expect(untracked(x).scalars.map { ($0 * 1000).rounded() } == [-1000, 1000])
        #expect(untracked.buffers().isEmpty)
    }

    @Test("Dropout zeroes and rescales in training mode and is the identity in evaluation mode")
    func dropout() {
        let dropout = Dropout(p: 0.5)
        let x = Tensor.ones([1000])
        let y = dropout(x)
        #expect(y.scalars.allSatisfy { $0 == 0 || $0 == 2 })
        #expect(y.scalars.contains(0) && y.scalars.contains(2))
        dropout.eval()
        #expect(dropout(x).scalars == x.scalars)
    }

    @Test("a parameter frozen after the module was first inspected stays a parameter")
    func frozenParameter() {
        let fc = Linear(2, 2)
        #expect(fc.parameters().count == 2)
        fc.bias!.requiresGrad = false
        #expect(fc.namedParameters().map(\.name) == ["weight", "bias"])
    }

    @Test("lazy properties are found under their declared names")
    func lazyProperty() {
        final class Lazy: Module {
            lazy var head = Linear(2, 1)
            override func forward(_ x: Tensor) -> Tensor { head(x) }
        }
        let model = Lazy()
        _ = model(Tensor([[1, 2]]))
        #expect(model.namedParameters().map(\.name) == ["head.weight", "head.bias"])
    }

    @Test("a module without forward stops with torch's message")
    func missingForward() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Module()(Tensor([1]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Module [Module] is missing the required \"forward\" function"))
    }

    @Test("a full backward hook may not replace gradInput when no input requires grad, as torch")
    func replacingNilGradInput() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let fc = Linear(2, 1)
            fc.registerFullBackwardHook { _, _, gradOutput in [gradOutput[0]] }
            try? fc(Tensor([[1, 2]])).sum().backward()
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Backward hook for Modules where no input requires gradient should always return None or None for all gradients."))
    }
}
