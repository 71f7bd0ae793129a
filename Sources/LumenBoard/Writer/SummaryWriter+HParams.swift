import Foundation

extension SummaryWriter {
    /// Records a training run's hyper-parameters and final metrics for TensorBoard's HParams
    /// dashboard, which tabulates and plots them across runs.
    ///
    /// By default they go into this writer's own run, as TensorFlow's hparams API puts them: the
    /// dashboard's row for the run then links to the run's own curves. With `runName`, they go
    /// into a new run `<logDir>/<runName>` instead, written byte for byte as PyTorch's
    /// `add_hparams(hparam_dict, metric_dict, hparam_domain_discrete, run_name, global_step)`
    /// writes it (PyTorch names that run after the time when not given one).
    ///
    /// Either way the run gets the plugin's experiment, session-start and session-end
    /// summaries (tags `_hparams_/…`), then each metric as a scalar at `step`. A metric
    /// need not have been logged before; one with the tag of a scalar logged during training
    /// adds a point to that curve. Names are written in sorted order. PyTorch writes a Boolean
    /// as the number 1 or 0 (Python's `bool` is an `int`), so the PyTorch layout does too; the
    /// writer's own run keeps it a Boolean.
    ///
    /// ### Example
    /// ```swift
    /// try writer.addHparams(["lr": 0.01, "batch": 64, "optimizer": "adam"],
    ///                       metrics: ["hparam/accuracy": 0.91, "hparam/loss": 0.3])
    /// ```
    ///
    /// - Parameters:
    ///   - hparams: Each hyper-parameter's name and value.
    ///   - metrics: Each metric's scalar tag and final value.
    ///   - discreteDomains: For some hyper-parameters, every value they can take (PyTorch's
    ///     `hparam_domain_discrete`); the dashboard offers them as filters.
    ///   - runName: Write PyTorch's layout into `<logDir>/<runName>`; nil writes into this run.
    ///   - step: The step of every event written (PyTorch's `global_step`).
    ///   - wallTime: Seconds since 1970 for every event; now when nil.
    /// - Throws: ``SummaryArgumentError`` for an empty name or run name, a non-finite
    ///   hyper-parameter, or a domain that does not fit its hyper-parameter; with `runName`,
    ///   ``EventFileError`` when the run's event file cannot be written.
    public func addHparams(
        _ hparams: [String: HParamValue], metrics: [String: Double], discreteDomains: [String: [HParamValue]] = [:],
        runName: String? = nil, step: Int = 0, wallTime: Double? = nil
    ) throws {
        if runName == "" { throw SummaryArgumentError("runName", "empty; pass nil to write into this writer's run") }
        let session = try HParamsSession(
            hparams: hparams, metricNames: metrics.keys, discreteDomains: discreteDomains, boolsAsNumbers: runName != nil)
        let time = wallTime ?? Date().timeIntervalSince1970
        var events = try session.summaryValues().map { value in
            var event = TBEvent()
            event.wallTime = time
            event.step = Int64(step)
            event.summary.value = [value]
            return event
        }
        for name in session.metricNames {
            var event = TBEvent()
            event.wallTime = time
            event.step = Int64(step)
            event.summary.value = [.scalar(tag: name, value: Float(metrics[name]!))]
            events.append(event)
        }
        guard let runName else {
            for event in events { addEvent(event) }
            return
        }
        // As PyTorch, a writer of its own for the run, closed at once.
        let run = try EventFileWriter(logDir: storage.directory(runName, in: logDir), flushInterval: flushSecs, maxQueue: maxQueue,
                                      storage: storage)
        for event in events { try run.write(event) }
        try run.close()
    }
}
