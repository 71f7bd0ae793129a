import LumenNN
import LumenTensor
import LumenTestSupport
import LumenVision
import Testing

/// A model whose classifier sees max-pooled features: not of CAM's shape.
private final class MaxPoolHead: Module {
    let conv = Conv2d(3, 4, kernelSize: 3, padding: 1)
    let fc = Linear(4, 5)
    override func forward(_ x: Tensor) -> Tensor { fc(conv(x).adaptiveMaxPool2d(1).values.flatten(startDim: 1)) }
}

@Suite("CAM requests: errors, modes, and how the methods relate")
struct CAMBehaviourTests {
    private let input = patternInput([2, 3, 32, 32])

    @Test("a path that names no module is refused, naming it and the nearest names")
    func unknownLayer() throws {
        let error = try #require(throws: VisionError.self) { try GradCAM(model: SmallCNN(), targetLayers: ["features.6"]) }
        #expect(error.message.contains("\"features.6\""))
        #expect(error.message.contains("features.5"))
    }

    @Test("a class index out of range names it and the number of classes; one target per image")
    func badTargets() throws {
        let cam = try GradCAM(model: SmallCNN(), targetLayers: ["features.5"])
        let error = try #require(throws: VisionError.self) { try cam(input, targets: [.category(1), .category(10)]) }
        #expect(error.message.contains("10") && error.message.contains("10 classes"))
        #expect(throws: VisionError.self) { try cam(input, targets: [.category(1)]) }
        #expect(throws: VisionError.self) { try cam(Tensor.zeros([3, 32, 32])) }
    }

    @Test("a target layer whose output is not 4-D is refused, naming the layer and its shape")
    func notFourDimensional() throws {
        let error = try #require(throws: VisionError.self) { try GradCAM(model: SmallCNN(), targetLayers: ["fc"])(input) }
        #expect(error.message.contains("\"fc\"") && error.message.contains("[2, 10]"))
    }

    @Test("CAM refuses models that do not end in global average pooling → linear")
    func camNeedsGlobalAveragePooling() throws {
        #expect(throws: VisionError.self) { try CAM(model: MaxPoolHead(), targetLayers: ["conv"])(input) }
        #expect(throws: VisionError.self) { try CAM(model: SmallCNN(), targetLayers: ["features.2"])(input) }
        #expect(throws: VisionError.self) { try CAM(model: Sequential(Conv2d(3, 4, kernelSize: 3)), targetLayers: ["0"]) }
    }

    @Test("at the last feature maps of a GAP → linear model, Grad-CAM's weights are CAM's over the area: same maps")
    func gradCAMEqualsCAM() throws {
        let model = SmallCNN()
        let targets: [CAMTarget] = [.category(2), .category(5)]
        let grad = try GradCAM(model: model, targetLayers: ["features.5"])(input, targets: targets)
        let cam = try CAM(model: model, targetLayers: ["features.5"])(input, targets: targets)
        // Both maps are min-max scaled to 0…1 after Float32 sums taken in different orders
        // (gradient of the pooled logit vs. the classifier's weight row), so a few ulps of the
        // unscaled map can grow to ~1e-5 after scaling; 1e-4 still fails any real difference.
        #expect(maxDifference(grad.scalars, cam.scalars) <= 1e-4)
    }

    @Test("creating a CAM puts the model in evaluation mode, as the library does; maps are [N, H, W] in 0…1")
    func evaluationModeAndRange() throws {
        let model = SmallCNN().train()
        let cam = try LayerCAM(model: model, targetLayers: ["features.2", "features.5"])
        #expect(!model.isTraining && !model.features.isTraining)
        let maps = try cam(input)
        #expect(maps.shape == [2, 32, 32])
        #expect(maps.scalars.allSatisfy { (0...1).contains($0) })
        #expect(maps.scalars.max()! > 0.99)
    }

    @Test("the hooks are removed after each call: the model's outputs and later maps are unchanged")
    func hooksRemoved() throws {
        let model = SmallCNN().eval()
        let before = withNoGrad { model(input) }
        let cam = try ScoreCAM(model: model, targetLayers: ["features.5"], batchSize: 7)
        let first = try cam(input)
        let after = withNoGrad { model(input) }
        #expect(before.scalars == after.scalars)
        #expect(try cam(input).scalars == first.scalars)
    }
}
