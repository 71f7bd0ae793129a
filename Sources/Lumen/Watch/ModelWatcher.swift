import LumenBoard
import LumenNN
import LumenTensor

/// Logs what happens inside `model` while it trains, as Weights & Biases' `wandb.watch` does,
/// and more: every `every`-th training forward pass (the 1st, the `every + 1`-th, …) it writes
///
/// - with `.parameters`: a 64-bucket histogram of each parameter's finite values
///   (`parameters/<name>`), each layer's output mean and standard deviation
///   (`activations/<layer>/mean`, `…/std`) and, for ReLUs, the share of zeros
///   (`dead_units/<layer>`);
/// - with `.gradients`: after the pass's backward, a 64-bucket histogram of each parameter's
///   finite gradient (`gradients/<name>`) and its L2 norm (`gradient_norm/<name>`);
/// - NaN and ±∞ are counted, never dropped silently: `nonfinite/parameters` and
///   `nonfinite/gradients` total them for the model at every logged step, and
///   `nonfinite/<name>/nan`, `…/+inf`, `…/-inf` appear for a tensor that has any.
///
/// Steps are the training forward passes counted since `watch` was called (passes in
/// evaluation mode are not counted). It returns a handle that removes every hook it added;
/// watching the same model twice is allowed (each watch logs on its own).
///
/// ```swift
/// let handle = watch(model, writer: writer, log: .all, every: 100)
/// for (images, labels) in loader { … }
/// handle.remove()
/// ```
@discardableResult
public func watch(_ model: Module, writer: SummaryWriter, log: WatchLog = .gradients, every: Int = 1_000) -> RemovableHandle {
    precondition(every >= 1, "watch: every must be at least 1, got \(every)")
    let watcher = ModelWatcher(writer: writer, log: log, every: every)
    return watcher.attach(to: model)
}

/// The hooks behind ``watch(_:writer:log:every:)`` and the state they share.
final class ModelWatcher {
    private let writer: SummaryWriter
    private let log: WatchLog
    private let every: Int
    private var passes = 0
    /// The step being logged, from the start of a logged training pass to the next training pass
    /// (its backward comes after the pass).
    private var loggingStep: Int?
    /// Whether the forward pass under way is a logged one.
    private var inLoggedPass = false
    /// Parameters that get a gradient in backward, counted once when attached.
    private var trainableCount = 0
    private var pendingGradients = 0
    private var gradientNonFinite = 0

    init(writer: SummaryWriter, log: WatchLog, every: Int) {
        self.writer = writer
        self.log = log
        self.every = every
    }

    /// Adds the hooks to `model` and its layers and parameters.
    func attach(to model: Module) -> RemovableHandle {
        let parameters = model.namedParameters()
        trainableCount = parameters.count { $0.parameter.requiresGrad }
        var handles = [RemovableHandle]()
        handles.append(model.registerForwardPreHook(prepend: true) { [self] module, _ in
            self.beginPass(training: module.isTraining, parameters: parameters)
        })
        if log.contains(.parameters) {
            for (name, layer) in model.namedModules() where layer.children().isEmpty {
                let isReLU = layer is ReLU
                handles.append(layer.registerForwardHook { [self] _, _, output in
                    self.recordActivation(name.isEmpty ? layer.typeName : name, output, isReLU: isReLU)
                })
            }
        }
        if log.contains(.gradients) {
            for (name, parameter) in parameters where parameter.requiresGrad {
                handles.append(parameter.registerPostAccumulateGradHook { [self] tensor in
                    self.recordGradient(name, tensor.grad)
                })
            }
        }
        // The hooks hold the watcher, so it lives until they are removed even if the handle is dropped.
        return RemovableHandle(combining: handles)
    }

    private func beginPass(training: Bool, parameters: [(name: String, parameter: Tensor)]) {
        guard training else {
            inLoggedPass = false
            return
        }
        passes += 1
        loggingStep = (passes - 1) % every == 0 ? passes : nil
        inLoggedPass = loggingStep != nil
        pendingGradients = trainableCount
        gradientNonFinite = 0
        guard let step = loggingStep, log.contains(.parameters) else { return }
        var nonFinite = 0
        for (name, parameter) in parameters {
            let statistics = ValueStatistics(parameter, keepFinite: true)
            nonFinite += statistics.count - statistics.finiteCount
            logHistogram("parameters/\(name)", statistics, step: step)
            logNonFinite(name, statistics, step: step)
        }
        writer.addScalar("nonfinite/parameters", nonFinite, step: step)
    }

    private func recordActivation(_ layer: String, _ output: Tensor, isReLU: Bool) {
        guard inLoggedPass, let step = loggingStep else { return }
        let statistics = ValueStatistics(output, keepFinite: false)
        writer.addScalar("activations/\(layer)/mean", statistics.mean, step: step)
        writer.addScalar("activations/\(layer)/std", statistics.standardDeviation, step: step)
        if isReLU { writer.addScalar("dead_units/\(layer)", statistics.zeroShare, step: step) }
    }

    private func recordGradient(_ name: String, _ gradient: Tensor?) {
        guard let step = loggingStep, let gradient else { return }
        let statistics = ValueStatistics(gradient, keepFinite: true)
        logHistogram("gradients/\(name)", statistics, step: step)
        writer.addScalar("gradient_norm/\(name)", statistics.norm, step: step)
        logNonFinite(name, statistics, step: step)
        gradientNonFinite += statistics.count - statistics.finiteCount
        pendingGradients -= 1
        if pendingGradients == 0 { writer.addScalar("nonfinite/gradients", gradientNonFinite, step: step) }
    }

    /// A 64-bucket histogram over the finite values' range, as `wandb.watch` logs.
    private func logHistogram(_ tag: String, _ statistics: ValueStatistics, step: Int) {
        guard let histogram = EvenHistogram(statistics.finite, buckets: 64) else { return }
        do {
            try writer.addHistogramRaw(tag, min: histogram.min, max: histogram.max, num: statistics.finite.count,
                                       sum: histogram.sum, sumSquares: histogram.sumOfSquares,
                                       bucketLimits: histogram.rightEdges, bucketCounts: histogram.counts, step: step)
        } catch {
            writer.addText("watch/errors", "\(tag) at step \(step): \(error)", step: step)
        }
    }

    private func logNonFinite(_ name: String, _ statistics: ValueStatistics, step: Int) {
        guard statistics.hasNonFinite else { return }
        writer.addScalar("nonfinite/\(name)/nan", statistics.nanCount, step: step)
        writer.addScalar("nonfinite/\(name)/+inf", statistics.positiveInfinityCount, step: step)
        writer.addScalar("nonfinite/\(name)/-inf", statistics.negativeInfinityCount, step: step)
    }
}
