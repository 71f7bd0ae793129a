import LumenTensor

/// Flattens dimensions `startDim` through `endDim` into one, as `torch.nn.Flatten` (which keeps
/// the batch dimension: `startDim` defaults to 1).
///
/// ```swift
/// Flatten()(Tensor.zeros([8, 2, 3, 3])).shape   // [8, 18]
/// ```
public final class Flatten: Module {
    public let startDim: Int
    public let endDim: Int

    /// A layer flattening `startDim...endDim`.
    ///
    /// ```swift
    /// let flatten = Flatten(startDim: 0)
    /// ```
    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
        super.init()
    }

    public override var extraDescription: String {
        "start_dim=\(startDim), end_dim=\(endDim)"
    }

    public override func forward(_ input: Tensor) -> Tensor { input.flatten(startDim: startDim, endDim: endDim) }
}

/// Returns its input unchanged, as `torch.nn.Identity` (a placeholder where a layer is optional).
///
/// ```swift
/// let downsample: Module = needsProjection ? Conv2d(64, 128, 1, stride: 2) : Identity()
/// ```
public final class Identity: Module {
    /// An identity layer.
    ///
    /// ```swift
    /// let skip = Identity()
    /// ```
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input }
}
