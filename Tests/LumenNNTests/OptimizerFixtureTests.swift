import Foundation
import LumenNN
import LumenTensorTestSupport
import LumenTestSupport
import Testing

/// Tests/LumenNNTests/Fixtures/optimizers.json (Scripts/make_nn_fixtures.py).
struct OptimizerFixture: Decodable {
    struct Step: Decodable {
        let loss: Float
        let weight: FixtureTensor
        let bias: FixtureTensor
    }
    struct Case: Decodable {
        let name: String
        let steps: [Step]
    }

    let weight: FixtureTensor
    let bias: FixtureTensor
    let input: FixtureTensor
    let target: FixtureTensor
    let cases: [Case]
    let schedulers: [Schedule]

    struct Schedule: Decodable {
        let name: String
        let lrs: [Double]
    }

    static func load() throws -> OptimizerFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/optimizers", withExtension: "json"))
        return try JSONDecoder().decode(OptimizerFixture.self, from: Data(contentsOf: url))
    }
}

@Suite("Optimizers take torch.optim's steps (Scripts/make_nn_fixtures.py)")
struct OptimizerFixtureTests {
    /// The Lumen optimizer each case's name spells.
    static func optimizer(_ name: String, _ parameters: [Tensor]) -> Optimizer {
        switch name {
        case "SGD(lr: 0.1)": SGD(parameters, lr: 0.1)
        case "SGD(lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true)":
            SGD(parameters, lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true)
        case "SGD(lr: 0.05, momentum: 0.8, dampening: 0.3)": SGD(parameters, lr: 0.05, momentum: 0.8, dampening: 0.3)
        case "Adam(lr: 0.01)": Adam(parameters, lr: 0.01)
        case "Adam(lr: 0.02, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.1)":
            Adam(parameters, lr: 0.02, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.1)
        case "AdamW(lr: 0.01)": AdamW(parameters, lr: 0.01)
        case "AdamW(lr: 0.02, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.5)":
            AdamW(parameters, lr: 0.02, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.5)
        default: fatalError("no Lumen optimizer for fixture case \(name)")
        }
    }

    /// The Lumen scheduler each schedule's name spells.
    static func scheduler(_ name: String, _ optimizer: Optimizer) -> LRScheduler {
        switch name {
        case "StepLR(stepSize: 3)": StepLR(optimizer, stepSize: 3)
        case "StepLR(stepSize: 4, gamma: 0.5)": StepLR(optimizer, stepSize: 4, gamma: 0.5)
        case "CosineAnnealingLR(tMax: 10)": CosineAnnealingLR(optimizer, tMax: 10)
        case "CosineAnnealingLR(tMax: 7, etaMin: 0.01)": CosineAnnealingLR(optimizer, tMax: 7, etaMin: 0.01)
        default: fatalError("no Lumen scheduler for fixture case \(name)")
        }
    }

    @Test("three steps of SGD (momentum, dampening, Nesterov, weight decay), Adam and AdamW match torch.optim")
    func steps() throws {
        let fixture = try OptimizerFixture.load()
        #expect(fixture.cases.count == 7)
        for testCase in fixture.cases {
            let fc = Linear(3, 2)
            withNoGrad {
                fc.weight.assign(fixture.weight.tensor)
                fc.bias!.assign(fixture.bias.tensor)
            }
            let optimizer = Self.optimizer(testCase.name, fc.parameters())
            for (index, expected) in testCase.steps.enumerated() {
                optimizer.zeroGrad()
                let loss = (fc(fixture.input.tensor) - fixture.target.tensor).pow(2).mean()
                try loss.backward()
                optimizer.step()
                let context = "\(testCase.name), step \(index + 1)"
                #expect(abs(loss.item() - expected.loss) <= 1e-5 * max(1, abs(expected.loss)), "\(context): loss")
                #expect(maxRelativeDifference(fc.weight, expected.weight) <= 1e-5, "\(context): weight")
                #expect(maxRelativeDifference(fc.bias!, expected.bias) <= 1e-5, "\(context): bias")
            }
        }
    }

    @Test("StepLR and CosineAnnealingLR set torch's learning rates for 25 epochs")
    func schedules() throws {
        let fixture = try OptimizerFixture.load()
        #expect(fixture.schedulers.count == 4)
        for schedule in fixture.schedulers {
            let optimizer = SGD([Tensor([0], requiresGrad: true)], lr: 0.1)
            let scheduler = Self.scheduler(schedule.name, optimizer)
            #expect(scheduler.lastLR == Double(Float(0.1)))
            for (epoch, expected) in schedule.lrs.enumerated() {
                scheduler.step()
                #expect(scheduler.lastEpoch == epoch + 1)
                #expect(abs(scheduler.lastLR - expected) <= 1e-7 * expected + 1e-12, "\(schedule.name), epoch \(epoch + 1)")
                #expect(optimizer.lr == Float(scheduler.lastLR))
            }
        }
    }

    @Test("a rate changed by hand carries on through the next step, as torch's chainable schedulers")
    func manualRateChange() {
        let optimizer = SGD([Tensor([0], requiresGrad: true)], lr: 0.1)
        let scheduler = StepLR(optimizer, stepSize: 2, gamma: 0.5)
        scheduler.step()
        optimizer.lr = 0.4
        scheduler.step()
        #expect(optimizer.lr == 0.2)
    }

    @Test("zeroGrad clears gradients; parameters without a gradient are left alone")
    func withoutGradient() throws {
        let a = Tensor([1, 2], requiresGrad: true), b = Tensor([3], requiresGrad: true)
        let optimizer = Adam([a, b], lr: 0.1)
        try (a * a).sum().backward()
        optimizer.step()
        #expect(b.scalars == [3])
        #expect(a.scalars.map { ($0 * 1000).rounded() } == [900, 1900])
        optimizer.zeroGrad()
        #expect(a.grad == nil)
    }

}
