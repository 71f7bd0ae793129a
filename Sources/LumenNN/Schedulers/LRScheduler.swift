import Foundation

/// Changes an optimizer's learning rate once per epoch, as `torch.optim.lr_scheduler`.
/// A scheduler starts from the optimizer's rate; call ``step()`` after each epoch's optimizer
/// steps. Like torch's, each step updates the optimizer's current rate, so a rate changed by
/// hand (or by another scheduler) carries on. Schedulers track the rate in double precision, as
/// torch does in Python, and hand the optimizer its Float value.
///
/// ### Example
/// ```swift
/// let optimizer = SGD(model.parameters(), lr: 0.1, momentum: 0.9)
/// let scheduler = CosineAnnealingLR(optimizer, tMax: 100)
/// for epoch in 0..<100 {
///     train(epoch)          // calls optimizer.step() per batch
///     scheduler.step()
/// }
/// ```
public protocol LRScheduler: AnyObject {
    /// The epochs stepped so far (0 right after creation).
    var lastEpoch: Int { get }
    /// The learning rate the scheduler last set (torch's `get_last_lr()[0]`).
    var lastLR: Double { get }
    /// Moves to the next epoch and sets the optimizer's learning rate for it.
    func step()
}

/// Multiplies the learning rate by `gamma` every `stepSize` epochs, as
/// `torch.optim.lr_scheduler.StepLR`: `lr = initial · gamma^⌊epoch / stepSize⌋`.
///
/// ```swift
/// let scheduler = StepLR(optimizer, stepSize: 30, gamma: 0.1)
/// ```
public final class StepLR: LRScheduler {
    public let optimizer: any Optimizer
    public let stepSize: Int
    public let gamma: Double
    public private(set) var lastEpoch = 0
    public private(set) var lastLR: Double

    /// A scheduler for `optimizer`, starting from its current learning rate.
    public init(_ optimizer: any Optimizer, stepSize: Int, gamma: Double = 0.1) {
        precondition(stepSize > 0, "StepLR: step_size must be positive, got \(stepSize)")
        self.optimizer = optimizer
        self.stepSize = stepSize
        self.gamma = gamma
        lastLR = Double(optimizer.lr)
    }

    public func step() {
        lastEpoch += 1
        lastLR = currentRate(of: optimizer, last: lastLR)
        if lastEpoch % stepSize == 0 { lastLR *= gamma }
        optimizer.lr = Float(lastLR)
    }
}

/// Anneals the learning rate along a cosine from its initial value down to `etaMin` over
/// `tMax` epochs, then back up, as `torch.optim.lr_scheduler.CosineAnnealingLR` — with torch's
/// recursive update, so the rates equal torch's:
///
/// ```
/// lr = etaMin + (lr − etaMin) · (1 + cos(π · t / tMax)) / (1 + cos(π · (t − 1) / tMax))
/// ```
///
/// ```swift
/// let scheduler = CosineAnnealingLR(optimizer, tMax: 200, etaMin: 1e-5)
/// ```
public final class CosineAnnealingLR: LRScheduler {
    public let optimizer: any Optimizer
    public let tMax: Int
    public let etaMin: Double
    public private(set) var lastEpoch = 0
    public private(set) var lastLR: Double
    private let initialLR: Double

    /// A scheduler for `optimizer`, starting from its current learning rate.
    public init(_ optimizer: any Optimizer, tMax: Int, etaMin: Double = 0) {
        precondition(tMax > 0, "CosineAnnealingLR: T_max must be positive, got \(tMax)")
        self.optimizer = optimizer
        self.tMax = tMax
        self.etaMin = etaMin
        initialLR = Double(optimizer.lr)
        lastLR = initialLR
    }

    public func step() {
        lastEpoch += 1
        lastLR = currentRate(of: optimizer, last: lastLR)
        let t = Double(lastEpoch), period = Double(tMax)
        if (lastEpoch - 1 - tMax) % (2 * tMax) == 0 {
            lastLR += (initialLR - etaMin) * (1 - cos(Double.pi / period)) / 2
        } else {
            lastLR = (1 + cos(Double.pi * t / period)) / (1 + cos(Double.pi * (t - 1) / period)) * (lastLR - etaMin) + etaMin
        }
        optimizer.lr = Float(lastLR)
    }
}

/// The optimizer's rate in double precision: the scheduler's own value while the optimizer
/// still holds it, the optimizer's when it was changed since.
private func currentRate(of optimizer: any Optimizer, last: Double) -> Double {
    optimizer.lr == Float(last) ? last : Double(optimizer.lr)
}
