import LumenBoard
import LumenTensor
import LumenVision

extension SummaryWriter {
    /// Logs one image's feature maps as a grid of gray tiles, each channel scaled to its own
    /// 0…1 range, as the course does with `make_grid(fmap.transpose(0, 1), normalize=True,
    /// scale_each=True, nrow=8)`.
    ///
    /// - Parameters:
    ///   - maps: `[C, H, W]`, or `[N, C, H, W]` of which the first image is shown.
    /// - Throws: ``VisionError`` naming the shape when it is not 3-D or 4-D.
    ///
    /// ```swift
    /// let maps = try FeatureMaps(model, layers: ["conv1"])
    /// _ = model(image)
    /// try writer.addFeatureMaps("conv1", maps["conv1"]!, step: epoch)
    /// ```
    public func addFeatureMaps(_ tag: String, _ maps: Tensor, step: Int = 0, nrow: Int = 8, wallTime: Double? = nil) throws {
        guard maps.rank == 3 || maps.rank == 4 else {
            throw VisionError("addFeatureMaps(\(tag)): expected [C, H, W] or [N, C, H, W] feature maps, got shape \(maps.shape)")
        }
        let first = maps.rank == 4 ? maps[0] : maps
        let tiles = first.reshape([first.shape[0], 1, first.shape[1], first.shape[2]])
        try addImage(tag, makeGrid(tiles, nrow: nrow, normalize: true, scaleEach: true), step: step, wallTime: wallTime)
    }

    /// Logs a convolution's filters as a grid, each scaled to its own 0…1 range: as colour tiles
    /// when they have three input channels, otherwise one gray tile per input channel, a row per
    /// filter (the course's `add_image` of `make_grid(kernels, normalize=True, scale_each=True)`).
    ///
    /// - Parameters:
    ///   - weight: `[out, in, kh, kw]`, e.g. `conv.weight`.
    /// - Throws: ``VisionError`` naming the shape when it is not 4-D.
    ///
    /// ```swift
    /// try writer.addKernels("conv1/kernels", model.conv1.weight, step: epoch)
    /// ```
    public func addKernels(_ tag: String, _ weight: Tensor, step: Int = 0, wallTime: Double? = nil) throws {
        guard weight.rank == 4 else {
            throw VisionError("addKernels(\(tag)): expected a [out, in, kh, kw] convolution weight, got shape \(weight.shape)")
        }
        let (out, inChannels, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        let kernels = weight.detach()
        let grid: Tensor
        if inChannels == 3 {
            grid = try makeGrid(kernels, nrow: 8, normalize: true, scaleEach: true)
        } else {
            let tiles = kernels.reshape([out * inChannels, 1, kh, kw])
            grid = try makeGrid(tiles, nrow: inChannels == 1 ? 8 : inChannels, normalize: true, scaleEach: true)
        }
        try addImage(tag, grid, step: step, wallTime: wallTime)
    }
}
