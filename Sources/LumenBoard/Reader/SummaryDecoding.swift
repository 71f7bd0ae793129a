import Foundation

/// Reads values in every encoding writers use: PyTorch's and tensorboardX's `simple_value`,
/// `histo` and `image`, and TF2's tensors tagged by plugin.
public enum SummaryDecoding {
    /// A scalar from `simple_value` or a rank-0 tensor (the `ScalarTensor` rule).
    public static func scalar(_ value: TBSummary.Value) -> Double? {
        switch value.value {
        case .simpleValue(let v): return Double(v)
        case .tensor(let t): return ScalarTensor.value(of: t)
        default: return nil
        }
    }

    /// A histogram from `histo` or TF2's k×3 tensor of (left, right, count).
    public static func histogram(_ value: TBSummary.Value, wallTime: Double) -> HistogramPoint? {
        switch value.value {
        case .histo(let h): return HistogramPoint(wallTime: wallTime, proto: h)
        case .tensor(let t):
            let numbers = doubles(t)
            guard numbers.count % 3 == 0 else { return nil }
            let rows = stride(from: 0, to: numbers.count, by: 3).map { (numbers[$0], numbers[$0 + 1], numbers[$0 + 2]) }
            return HistogramPoint(wallTime: wallTime, rows: rows)
        default: return nil
        }
    }

    /// Width and height of each image a value holds: one for `image`; TF2's image tensor holds
    /// the width, the height, then one encoded image per element.
    public static func imageSizes(_ value: TBSummary.Value) -> [(width: Int, height: Int)] {
        switch value.value {
        case .image(let image): return [(Int(image.width), Int(image.height))]
        case .tensor(let t) where t.stringVal.count >= 3:
            let width = Int(String(decoding: t.stringVal[0], as: UTF8.self)) ?? 0
            let height = Int(String(decoding: t.stringVal[1], as: UTF8.self)) ?? 0
            return Array(repeating: (width, height), count: t.stringVal.count - 2)
        default: return []
        }
    }

    /// The encoded bytes (PNG, JPEG, GIF) of image `index` of a value.
    public static func imageBytes(_ value: TBSummary.Value, index: Int) -> Data? {
        switch value.value {
        case .image(let image) where index == 0: return image.encodedImageString
        case .tensor(let t) where index + 2 < t.stringVal.count: return t.stringVal[index + 2]
        default: return nil
        }
    }

    /// A text value's strings, joined by blank lines.
    public static func text(_ value: TBSummary.Value) -> String {
        value.tensor.stringVal.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n\n")
    }

    private static func doubles(_ t: TBTensorProto) -> [Double] {
        if !t.doubleVal.isEmpty { return t.doubleVal }
        if !t.floatVal.isEmpty { return t.floatVal.map(Double.init) }
        let c = t.tensorContent
        switch t.dtype {
        case .dtDouble: return c.withUnsafeBytes { raw in (0..<c.count / 8).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) } }
        case .dtFloat: return c.withUnsafeBytes { raw in (0..<c.count / 4).map { Double(raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self)) } }
        default: return []
        }
    }
}
