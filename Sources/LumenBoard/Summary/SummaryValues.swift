import LumenPNG
import Foundation

extension TBSummary.Value {
    /// A scalar as PyTorch writes it: `simple_value` (32-bit float).
    public static func scalar(tag: String, value: Float) -> Self {
        var v = Self()
        v.tag = tag
        v.simpleValue = value
        return v
    }

    /// A histogram value, as PyTorch writes it (no plugin metadata).
    public static func histogram(tag: String, _ histogram: TBHistogramProto) -> Self {
        var v = Self()
        v.tag = tag
        v.histo = histogram
        return v
    }

    /// An image value: `pixels` PNG-encoded.
    public static func image(tag: String, _ pixels: ImagePixels) -> Self {
        var image = TBSummary.Image()
        image.height = Int32(pixels.height)
        image.width = Int32(pixels.width)
        image.colorspace = Int32(pixels.channels)
        image.encodedImageString = Data(PNGEncoder.encode(PNGImage(width: pixels.width, height: pixels.height, channels: pixels.channels, bytes: pixels.bytes)))
        var v = Self()
        v.tag = tag
        v.image = image
        return v
    }

    /// A text value as PyTorch writes it: tag `<tag>/text_summary`, a one-element string
    /// tensor, plugin "text". TensorBoard renders the text as Markdown.
    public static func text(tag: String, _ text: String) -> Self {
        var tensor = TBTensorProto()
        tensor.dtype = .dtString
        tensor.stringVal = [Data(text.utf8)]
        var dim = TBTensorShapeProto.Dim()
        dim.size = 1
        tensor.tensorShape.dim = [dim]
        var metadata = TBSummaryMetadata()
        metadata.pluginData.pluginName = "text"
        var v = Self()
        v.tag = tag + "/text_summary"
        v.metadata = metadata
        v.tensor = tensor
        return v
    }
}
