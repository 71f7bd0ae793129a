/// What a summary value holds, whichever writer's encoding it uses: PyTorch's and
/// tensorboardX's `simple_value` / `histo` / `image`, or TF2's tensors tagged by plugin.
public enum ValueKind: String, Sendable, CaseIterable {
    case scalar, histogram, image, audio, text, tensor

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
            default: self = .tensor
            }
        }
    }
}
