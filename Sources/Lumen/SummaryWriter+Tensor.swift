import LumenBoard
import LumenTensor

extension SummaryWriter {
    /// Logs the value of a one-element tensor, as PyTorch's `add_scalar(tag, tensor, step)`.
    /// A tensor with more than one element stops with PyTorch's message.
    ///
    /// ```swift
    /// writer.addScalar("Loss/train", loss, step: step)
    /// ```
    public func addScalar(_ tag: String, _ value: Tensor, step: Int = 0, wallTime: Double? = nil) {
        addScalar(tag, value.item(), step: step, wallTime: wallTime)
    }

    /// Logs a histogram of a tensor's values, bucket for bucket as PyTorch's `add_histogram`.
    /// - Throws: ``HistogramError`` for an empty tensor, non-finite values with counted bins, or bad edges.
    ///
    /// ```swift
    /// try writer.addHistogram("conv1.weight", model.conv1.weight, step: epoch)
    /// ```
    public func addHistogram(
        _ tag: String, _ values: Tensor, step: Int = 0, bins: HistogramBins = .tensorflow, maxBins: Int? = nil, wallTime: Double? = nil
    ) throws {
        try addHistogram(tag, values.scalars, step: step, bins: bins, maxBins: maxBins, wallTime: wallTime)
    }

    /// Logs an image tensor laid out as `dataFormats` (`[C, H, W]` by default; `.hwc`, `.hw`),
    /// with the writer's float scaling, as PyTorch's `add_image`.
    /// - Throws: ``ImageError`` naming the shape and format when they do not fit.
    ///
    /// ```swift
    /// try writer.addImage("input", makeGrid(images, normalize: true), step: 0)
    /// ```
    public func addImage(
        _ tag: String, _ image: Tensor, dataFormats: ImageDataFormat = .chw, step: Int = 0, wallTime: Double? = nil
    ) throws {
        try addImage(tag, image.scalars, shape: image.shape, dataFormats: dataFormats, step: step, wallTime: wallTime)
    }

    /// Logs a batch of images (`[N, C, H, W]` by default) as one grid 8 images wide, as
    /// PyTorch's `add_images`.
    /// - Throws: ``ImageError`` naming the shape and format when they do not fit.
    ///
    /// ```swift
    /// try writer.addImages("batch", images, step: step)
    /// ```
    public func addImages(
        _ tag: String, _ images: Tensor, dataFormats: ImageDataFormat = .nchw, step: Int = 0, wallTime: Double? = nil
    ) throws {
        try addImages(tag, images.scalars, shape: images.shape, dataFormats: dataFormats, step: step, wallTime: wallTime)
    }
}
