import Foundation
@testable import LumenNN
import Testing

/// MixedNet of Scripts/make_summary_fixtures.py, for 3×16×16 inputs: Sequentials (one nested),
/// a BatchNorm2d whose weight alone is frozen, a frozen convolution, layers without bias, a
/// ModuleList that is never called itself, a convolution called twice, and Dropout.
final class MixedNet: Module {
    let stem = Sequential(Conv2d(3, 8, kernelSize: 3, padding: 1, bias: false), BatchNorm2d(8), ReLU())
    let frozen = Conv2d(8, 8, 3, padding: 1)
    let blocks = ModuleList((0..<2).map { _ in Sequential(Conv2d(8, 8, 3, padding: 1), ReLU()) })
    let pool = MaxPool2d(2)
    let refine = Conv2d(8, 8, 1)
    let head = Sequential(Flatten(), Sequential(Linear(8 * 8 * 8, 32, bias: false), Dropout(), Linear(32, 10)))

    override init() {
        super.init()
        frozen.freeze()
        let norm = stem[1] as! BatchNorm2d
        norm.freeze()
        norm.bias!.requiresGrad = true
    }

    override func forward(_ x: Tensor) -> Tensor {
        var out = frozen(stem(x))
        for block in blocks { out = block(out) }
        return head(refine(refine(pool(out))))
    }
}

/// A text torchsummary or torchinfo printed, from Tests/LumenNNTests/Fixtures/Summary.
///
/// torchinfo 1.8 writes the mult-adds unit through a `str` enum, which Python 3.11 and later
/// format as the member's name (`(Units.MEGABYTES)`) where earlier Pythons and torchinfo's own
/// tests have the unit (`(M)`); Lumen writes the unit, so that one token is mapped back.
func torchText(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/Summary/\(name)", withExtension: "txt"))
    return try String(contentsOf: url, encoding: .utf8)
        .replacingOccurrences(of: "(Units.MEGABYTES)", with: "(M)")
        .replacingOccurrences(of: "(Units.GIGABYTES)", with: "(G)")
        .replacingOccurrences(of: "(Units.TERABYTES)", with: "(T)")
}

/// What `print` writes for a summary.
func printed(_ value: some CustomStringConvertible) -> String { value.description + "\n" }

@Suite("summary: torchsummary's and torchinfo's tables")
struct SummaryTests {
    @Test func leNetMatchesTorchsummary() throws {
        let net = LeNet()
        #expect(printed(summary(net, inputSize: [3, 32, 32])) == (try torchText("lenet-torchsummary-3x32x32")))
        #expect(printed(summary(net, inputSize: [3, 32, 32], batchSize: 16)) == (try torchText("lenet-torchsummary-batch16-3x32x32")))
    }

    @Test func leNetMatchesTorchinfo() throws {
        let report = summary(LeNet(), inputSize: [3, 32, 32])
        #expect(printed(report.detailed(depth: 3)) == (try torchText("lenet-torchinfo-1x3x32x32-depth3")))
    }

    @Test func mixedNetMatchesTorchsummary() throws {
        #expect(printed(summary(MixedNet(), inputSize: [3, 16, 16])) == (try torchText("mixed-torchsummary-3x16x16")))
    }

    @Test(arguments: [1, 2, 3])
    func mixedNetMatchesTorchinfo(depth: Int) throws {
        let report = summary(MixedNet(), inputSize: [3, 16, 16], batchSize: 2)
        #expect(printed(report.detailed(depth: depth)) == (try torchText("mixed-torchinfo-2x3x16x16-depth\(depth)")))
    }

    @Test func mixedNetMatchesTorchinfoWithOtherColumns() throws {
        let report = summary(MixedNet(), inputSize: [3, 16, 16], batchSize: 2)
        let view = report.detailed(depth: 2, columns: [.outputSize, .numParams, .paramsPercent, .trainable])
        #expect(printed(view) == (try torchText("mixed-torchinfo-2x3x16x16-depth2-output_size-num_params-params_percent-trainable")))
    }

    /// One model for every ResNet case: building ResNet-18 (11.7 million random weights) takes
    /// seconds in a debug build, its forward pass at 224×224 a fraction of one.
    @Test func resNet18MatchesTorchsummaryAndTorchinfo() throws {
        let model = ResNet.resnet18()
        for size in [224, 64] {
            let report = summary(model, inputSize: [3, size, size])
            #expect(printed(report) == (try torchText("resnet18-torchsummary-3x\(size)x\(size)")))
            #expect(printed(report.detailed()) == (try torchText("resnet18-torchinfo-1x3x\(size)x\(size)-depth3")))
        }
        let stages = summary(model, inputSize: [3, 64, 64], batchSize: 2).detailed(depth: 1)
        #expect(printed(stages) == (try torchText("resnet18-torchinfo-2x3x64x64-depth1")))
        #expect(stages.totalMultAdds == 297_136_848)
    }

    @Test func numbersAreProperties() {
        let report = summary(MixedNet(), inputSize: [3, 16, 16])
        // torchsummary counts the twice-called convolution twice and the half-frozen BatchNorm2d
        // as frozen; torchinfo counts each parameter once, by its own requiresGrad.
        #expect(report.totalParams == 18_842)
        #expect(report.trainableParams == 18_242)
        #expect(report.nonTrainableParams == 600)
        #expect(report.layers.count == 15)
        #expect(report.layers[3] == ModelSummary.Layer(name: "Conv2d-4", outputShape: [-1, 8, 16, 16], parameterCount: 584, isTrainable: false))
        #expect(report.layers.map(\.name).suffix(2) == ["Dropout-14", "Linear-15"])
        #expect(abs(report.paramsSizeMB - 18_842 * 4 / 1_048_576) < 1e-12)
        let view = summary(MixedNet(), inputSize: [3, 16, 16], batchSize: 2).detailed()
        #expect(view.totalParams == 18_770)
        #expect(view.trainableParams == 18_178)
        #expect(view.nonTrainableParams == 592)
        #expect(view.totalMultAdds == 1_059_508)
        #expect(view.depth == 3 && view.columns == DetailedSummary.Column.standard)
    }

    @Test func theForwardPassLeavesNoTrace() throws {
        let model = MixedNet()
        model.head.eval()
        let norm = try #require(model.stem[1] as? BatchNorm2d)
        let statistics = [norm.runningMean!, norm.runningVar!, norm.numBatchesTracked!].map(\.scalars)
        let modes = model.modules().map(\.isTraining)
        let userCalls = Log()
        model.refine.registerForwardHook { _, _, _ in userCalls.entries.append("refine") }

        let first = summary(model, inputSize: [3, 16, 16]).description
        let second = summary(model, inputSize: [3, 16, 16]).description

        #expect(first == second, "a reused model gives the same summary")
        #expect([norm.runningMean!, norm.runningVar!, norm.numBatchesTracked!].map(\.scalars) == statistics)
        #expect(model.modules().map(\.isTraining) == modes, "each module is back in its own mode")
        #expect(model.parameters().allSatisfy { $0.grad == nil })
        #expect(userCalls.entries == ["refine", "refine", "refine", "refine"], "the model's own hooks ran")
        #expect(model.modules().allSatisfy { $0.forwardPreHooks.isEmpty })
        #expect(model.modules().map(\.forwardHooks.hooks.count) == model.modules().map { $0 === model.refine ? 1 : 0 })
    }
}
