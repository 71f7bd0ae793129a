/// What the hparams plugin recorded in one run: the experiment's definitions and the session
/// that the run is, each as last written.
public struct RunHParams: Sendable {
    /// The hyper-parameters and metrics the experiment declares (PyTorch repeats it in every
    /// session's run; TensorFlow writes it once, in the parent run).
    public internal(set) var experiment: TBHParamsExperiment?
    /// The session's hyper-parameter values; a run with one is a session.
    public internal(set) var sessionStart: TBHParamsSessionStartInfo?
    /// How the session ended, when it did.
    public internal(set) var sessionEnd: TBHParamsSessionEndInfo?

    /// True when nothing was recorded.
    public var isEmpty: Bool { experiment == nil && sessionStart == nil && sessionEnd == nil }

    mutating func add(_ data: TBHParamsHParamsPluginData) {
        switch data.data {
        case .experiment(let experiment): self.experiment = experiment
        case .sessionStartInfo(let start): sessionStart = start
        case .sessionEndInfo(let end): sessionEnd = end
        case nil: break
        }
    }
}
