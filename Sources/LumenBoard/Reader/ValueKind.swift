/// What a summary value holds, whichever writer's encoding it uses: PyTorch's and
/// tensorboardX's `simple_value` / `histo` / `image`, or TF2's tensors tagged by plugin.
public enum ValueKind: String, Sendable, CaseIterable {
    case scalar, histogram, image, audio, text
    /// TensorBoard's PR-curves plugin: a `[6, thresholds]` tensor per step.
    case prCurve = "pr_curves"
    /// The custom-scalars plugin's layout (a serialized `Layout` in a string tensor).
    case customScalars = "custom_scalars"
    /// The hparams plugin's records: experiment, session start, session end.
    case hparams
    case tensor

    /// The kind of `value`.
    public init(_ value: TBSummary.Value) {
        switch value.value {
        case .simpleValue: self = .scalar
        case .histo: self = .histogram
        case .image: self = .image
        case .audio: self = .audio
        case .obsoleteOldStyleHistogram: self = .histogram
        case .tensor, .none:
            switch value.metadata.pluginData.pluginName {
            case "scalars": self = .scalar
            case "histograms": self = .histogram
            case "images": self = .image
            case "audio": self = .audio
            case "text": self = .text
            case "pr_curves": self = .prCurve
            case "custom_scalars": self = .customScalars
            case "hparams": self = .hparams
            default: self = .tensor
            }
        }
    }
}
