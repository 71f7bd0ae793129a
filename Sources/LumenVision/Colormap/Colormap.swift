/// A 256-entry colour lookup table for showing a map of values in 0…1 (a heat map, a
/// class activation map) as a picture; the tables are OpenCV's, so that results match
/// `cv2.applyColorMap` and pytorch-grad-cam byte for byte.
///
/// ```swift
/// let cam = Tensor.rand([7, 7])
/// let picture = try Colormap.jet.apply(cam)   // RGB, 7×7
/// ```
public enum Colormap: String, Sendable, CaseIterable, Hashable {
    /// OpenCV's `COLORMAP_JET`: dark blue, cyan, yellow, dark red.
    case jet
    /// OpenCV's `COLORMAP_VIRIDIS`.
    case viridis
    /// OpenCV's `COLORMAP_INFERNO`.
    case inferno
    /// OpenCV's `COLORMAP_MAGMA`.
    case magma
    /// OpenCV's `COLORMAP_TURBO`.
    case turbo
    /// Gray levels: entry `i` is `(i, i, i)`.
    case gray

    /// The 256 entries as `r, g, b` bytes (768 of them): entry `i` is the colour of value `i / 255`.
    ///
    /// ```swift
    /// let darkest = Colormap.jet.table[0..<3]   // [0, 0, 128]
    /// ```
    public var table: [UInt8] { Colormap.tables[self]! }

    /// Colours `values` (an `[H, W]` tensor in 0…1): each value becomes entry `UInt8(255 × v)`
    /// (truncated, as `np.uint8(255 * mask)` in OpenCV-based code) of ``table``. Values outside
    /// 0…1 are clamped; NaN counts as 0.
    ///
    /// - Throws: ``VisionError`` when `values` is not 2-D.
    ///
    /// ```swift
    /// let heat = try Colormap.turbo.apply(Tensor.rand([32, 32]))
    /// ```
    public func apply(_ values: Tensor) throws -> Image {
        guard values.rank == 2 else {
            throw VisionError("Colormap.apply: expected an [H, W] tensor, got shape \(values.shape)")
        }
        let (height, width) = (values.shape[0], values.shape[1])
        return Image(width: width, height: height, channels: 3, pixels: colors(of: values.scalars))
    }

    /// The RGB bytes of each value's entry, interleaved.
    func colors(of values: [Float]) -> [UInt8] {
        let lut = table
        var out = [UInt8](repeating: 0, count: values.count * 3)
        values.withUnsafeBufferPointer { src in
            lut.withUnsafeBufferPointer { lut in
                out.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<src.count {
                        let entry = Int(Colormap.quantize(src[i])) &* 3
                        dst[i &* 3] = lut[entry]
                        dst[i &* 3 &+ 1] = lut[entry &+ 1]
                        dst[i &* 3 &+ 2] = lut[entry &+ 2]
                    }
                }
            }
        }
        return out
    }

    /// `np.uint8(255 * v)` for a float32 `v`: the product in float32, truncated.
    @inline(__always)
    static func quantize(_ v: Float) -> UInt8 {
        let scaled = 255 * v
        return scaled >= 255 ? 255 : scaled > 0 ? UInt8(scaled) : 0
    }

    private static let tables: [Colormap: [UInt8]] = {
        var tables = hexTables.mapValues(bytes(hex:))
        tables[.gray] = (0..<256).flatMap { [UInt8($0), UInt8($0), UInt8($0)] }
        return tables
    }()

    private static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8).map { $0 <= UInt8(ascii: "9") ? $0 - UInt8(ascii: "0") : $0 - UInt8(ascii: "a") + 10 }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }
}
