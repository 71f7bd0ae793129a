import LumenNN
import LumenTensor
import LumenTestSupport
import LumenVision
import Testing

/// The small CNN's fixture and model, loaded once: the tests of a suite share them in turn.
private enum SmallCNNFixture {
    nonisolated(unsafe) static let fixture = Result { try CAMFixture.load("small_cnn") }
    nonisolated(unsafe) static let model = Result { try SmallCNN.loaded() }
}

/// ResNet-18's fixture and model (its random initialization is slow in a debug build), loaded once.
private enum ResNetFixture {
    nonisolated(unsafe) static let fixture = Result { try CAMFixture.load("resnet18") }
    nonisolated(unsafe) static let model = Result { try loadedResNet18(bytes: try #require(fixture.get().bytes)) }
}

private let methods = ["GradCAM", "HiResCAM", "GradCAMPlusPlus", "XGradCAM", "LayerCAM", "EigenCAM", "EigenGradCAM", "CAM"]

@Suite("CAM maps match pytorch-grad-cam 1.5.7 on a small CNN, 2 images at 32×32 (Scripts/make_cam_fixtures.py)", .serialized)
struct SmallCNNCAMTests {
    @Test("each method, top-1 and given classes: max |Δ| ≤ 1e-4 (eigen methods up to the SVD's sign)", arguments: methods + ["ScoreCAM", "AblationCAM"])
    func method(_ method: String) throws {
        let fixture = try SmallCNNFixture.fixture.get(), model = try SmallCNNFixture.model.get()
        let cases = fixture.cases(method).filter { $0.layers.count == 1 && !$0.augSmooth && !$0.eigenSmooth && $0.targets?.first?.kind != "softmax" }
        #expect(cases.count >= 2)
        for testCase in cases {
            let differences = try testCase.differences(model)
            #expect(differences.allSatisfy { $0 <= 1e-4 }, "\(testCase.name): \(differences)")
        }
    }

    @Test("two target layers, soft-max targets, aug smoothing, eigen smoothing", arguments: [
        "GradCAM-two-layers", "GradCAM-softmax", "GradCAM-aug", "GradCAM-aug-given", "GradCAM-eigen", "LayerCAM-eigen",
    ])
    func variant(_ name: String) throws {
        let fixture = try SmallCNNFixture.fixture.get(), model = try SmallCNNFixture.model.get()
        let testCase = try #require(fixture.cases.first { $0.name == name })
        let differences = try testCase.differences(model)
        #expect(differences.allSatisfy { $0 <= 1e-4 }, "\(name): \(differences)")
    }

    @Test("CamMultImageConfidenceChange of the Grad-CAM maps gives the library's score changes")
    func metric() throws {
        let fixture = try SmallCNNFixture.fixture.get(), model = try SmallCNNFixture.model.get()
        let metric = try #require(fixture.metric)
        let testCase = try #require(fixture.cases.first { $0.name == metric.case })
        let targets = try #require(testCase.targets).map(\.target)
        let input = patternInput(testCase.inputSize)
        let maps = try GradCAM(model: model, targetLayers: testCase.layers)(input, targets: targets)
        let change = try CamMultImageConfidenceChange()(input, cams: maps, targets: targets, model: model)
        #expect(change.count == metric.value.count)
        #expect(maxDifference(change, metric.value) <= 1e-4, "\(change) vs \(metric.value)")
    }
}

@Suite("CAM maps match pytorch-grad-cam 1.5.7 on ResNet-18 (Scripts/make_cam_fixtures.py)", .serialized)
struct ResNetCAMTests {
    @Test("each method at layer4, 224×224, top-1 and class 281: max |Δ| ≤ 1e-4 (eigen methods up to the SVD's sign)", arguments: methods)
    func method(_ method: String) throws {
        let fixture = try ResNetFixture.fixture.get(), model = try ResNetFixture.model.get()
        let cases = fixture.cases(method).filter { $0.layers == ["layer4"] && !$0.augSmooth && !$0.eigenSmooth }
        #expect(cases.count == 2)
        for testCase in cases {
            let differences = try testCase.differences(model)
            #expect(differences.allSatisfy { $0 <= 1e-4 }, "\(testCase.name): \(differences)")
        }
    }

    @Test("layer3 + layer4.1.conv2, eigen smoothing, aug smoothing; Score-CAM and Ablation-CAM at layer3 on 32×32", arguments: [
        "GradCAM-two-layers", "GradCAM-eigen", "GradCAM-aug", "ScoreCAM-layer3", "AblationCAM-layer3",
    ])
    func variant(_ name: String) throws {
        let fixture = try ResNetFixture.fixture.get(), model = try ResNetFixture.model.get()
        let testCase = try #require(fixture.cases.first { $0.name == name })
        let differences = try testCase.differences(model)
        #expect(differences.allSatisfy { $0 <= 1e-4 }, "\(name): \(differences)")
    }
}
