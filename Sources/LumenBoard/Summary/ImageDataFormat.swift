/// The order of an image array's axes, as PyTorch's `dataformats` string:
/// `N` batch, `C` channel, `H` height, `W` width.
public struct ImageDataFormat: Sendable, Hashable, CustomStringConvertible {
    /// The axes in memory order, e.g. "CHW".
    public let axes: String

    /// Channel, height, width (PyTorch's default for `add_image`).
    public static let chw = ImageDataFormat(validated: "CHW")
    /// Height, width, channel (the usual layout of decoded images).
    public static let hwc = ImageDataFormat(validated: "HWC")
    /// Height, width: a gray image.
    public static let hw = ImageDataFormat(validated: "HW")
    /// Batch, channel, height, width (PyTorch's default for `add_images`).
    public static let nchw = ImageDataFormat(validated: "NCHW")
    /// Batch, height, width, channel.
    public static let nhwc = ImageDataFormat(validated: "NHWC")

    /// A format from a string such as "CHW" or "HWC" (any order of the letters).
    /// - Throws: ``ImageError`` when the letters do not describe an image layout.
    public init(_ axes: String) throws {
        let upper = axes.uppercased()
        let valid: Bool
        switch upper.count {
        case 2: valid = Set(upper) == ["H", "W"]
        case 3: valid = Set(upper) == ["C", "H", "W"]
        case 4: valid = Set(upper) == ["N", "C", "H", "W"]
        default: valid = false
        }
        guard valid else {
            throw ImageError(message: "data format \"\(axes)\" is not a layout of HW, CHW/HWC or NCHW/NHWC axes")
        }
        self.axes = upper
    }

    private init(validated axes: String) { self.axes = axes }

    /// Number of axes.
    public var rank: Int { axes.count }

    /// The position of `axis` in the layout, or nil when absent.
    func position(of axis: Character) -> Int? { axes.firstIndex(of: axis).map { axes.distance(from: axes.startIndex, to: $0) } }

    public var description: String { axes }
}

/// Why an image could not be encoded or decoded; names the shapes, format or field at fault.
public struct ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    public var description: String { message }
}

/// How float pixel values become 0…255 bytes.
public enum ImageScaling: Sendable {
    /// A float image whose values are all ≤ 1 is multiplied by 255; one with any value > 1
    /// is taken as already 0…255 (the rule of earlier PyTorch and tensorboardX releases).
    case automatic
    /// Always multiplied by 255 (PyTorch 2.x's rule).
    case multiplyBy255
    /// Taken as already 0…255.
    case none
}
