import LumenTensor

/// What fills the border `pad(_:padding:fill:mode:)` adds, as torchvision's `padding_mode`.
public enum PaddingMode: Sendable, Equatable {
    /// The `fill` value.
    case constant
    /// The nearest edge pixel repeated.
    case edge
    /// A mirror image without repeating the edge: `[1, 2, 3]` padded by 2 → `[3, 2, 1, 2, 3, 2, 1]`.
    case reflect
    /// A mirror image repeating the edge: `[1, 2, 3]` padded by 2 → `[2, 1, 1, 2, 3, 3, 2]`.
    case symmetric
}

/// torchvision's padding list: `[all]`, `[left/right, top/bottom]` or `[left, top, right, bottom]`.
func paddingSides(_ padding: [Int], operation: String) throws -> (left: Int, top: Int, right: Int, bottom: Int) {
    guard padding.allSatisfy({ $0 >= 0 }) else {
        throw VisionError("\(operation): padding must not be negative, got \(padding)")
    }
    switch padding.count {
    case 1: return (padding[0], padding[0], padding[0], padding[0])
    case 2: return (padding[0], padding[1], padding[0], padding[1])
    case 4: return (padding[0], padding[1], padding[2], padding[3])
    default: throw VisionError("\(operation): padding must have 1, 2 or 4 values, got \(padding.count)")
    }
}

/// Where a padded position reads from along an axis of `size`, for the non-constant modes.
private func sourceIndex(_ i: Int, size: Int, mode: PaddingMode) -> Int {
    switch mode {
    case .constant, .edge: return Swift.min(Swift.max(i, 0), size - 1)
    case .reflect: return i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i
    case .symmetric: return i < 0 ? -i - 1 : i >= size ? 2 * size - 1 - i : i
    }
}

func padPlanes(_ planes: Planes, left: Int, top: Int, right: Int, bottom: Int, fill: Float, mode: PaddingMode,
               operation: String) throws -> Planes {
    let (inHeight, inWidth) = (planes.height, planes.width)
    let (height, width) = (inHeight + top + bottom, inWidth + left + right)
    switch mode {
    case .reflect:
        guard Swift.max(left, right) < inWidth, Swift.max(top, bottom) < inHeight else {
            throw VisionError("\(operation): reflect padding (\(left), \(top), \(right), \(bottom)) must be smaller than the image size \(inHeight)×\(inWidth)")
        }
    case .symmetric:
        guard Swift.max(left, right) <= inWidth, Swift.max(top, bottom) <= inHeight else {
            throw VisionError("\(operation): symmetric padding (\(left), \(top), \(right), \(bottom)) must not exceed the image size \(inHeight)×\(inWidth)")
        }
    case .edge:
        guard inHeight > 0, inWidth > 0 else { throw VisionError("\(operation): cannot edge-pad an empty \(inHeight)×\(inWidth) image") }
    case .constant: break
    }
    let columns = (0..<width).map { sourceIndex($0 - left, size: inWidth, mode: mode) }
    let rowsInside = (0..<height).map { (0..<inHeight).contains($0 - top) }
    let columnsInside = (0..<width).map { (0..<inWidth).contains($0 - left) }
    var values = [Float](repeating: 0, count: planes.planeCount * height * width)
    planes.values.withUnsafeBufferPointer { src in
        values.withUnsafeMutableBufferPointer { dst in
            for plane in 0..<planes.planeCount {
                let input = plane &* inHeight &* inWidth, output = plane &* height &* width
                for y in 0..<height {
                    let row = output &+ y &* width
                    if mode == .constant {
                        for x in 0..<width {
                            dst[row &+ x] = rowsInside[y] && columnsInside[x] ? src[input &+ (y &- top) &* inWidth &+ (x &- left)] : fill
                        }
                    } else {
                        let sourceRow = input &+ sourceIndex(y &- top, size: inHeight, mode: mode) &* inWidth
                        for x in 0..<width { dst[row &+ x] = src[sourceRow &+ columns[x]] }
                    }
                }
            }
        }
    }
    return planes.with(values: values, height: height, width: width)
}

/// Pads a `[..., H, W]` tensor on each side, as `torchvision.transforms.functional.pad`.
///
/// `padding` is `[all]`, `[left/right, top/bottom]` or `[left, top, right, bottom]`; `fill` is
/// used by `.constant` only.
///
/// ```swift
/// let framed = try pad(x, padding: [4], mode: .reflect)
/// ```
/// - Throws: ``VisionError`` for a negative or badly sized `padding`, or a reflection wider
///   than the image.
public func pad(_ x: Tensor, padding: [Int], fill: Float = 0, mode: PaddingMode = .constant) throws -> Tensor {
    try PlanesFunction.apply(x, "pad") {
        let p = try paddingSides(padding, operation: "pad")
        return try padPlanes($0, left: p.left, top: p.top, right: p.right, bottom: p.bottom, fill: fill, mode: mode, operation: "pad")
    }
}

/// Pads a picture (see the tensor overload); `fill` is a byte value 0…255.
///
/// ```swift
/// let framed = try pad(photo, padding: [4], fill: 255)
/// ```
public func pad(_ image: Image, padding: [Int], fill: Float = 0, mode: PaddingMode = .constant) throws -> Image {
    try PlanesFunction.apply(image, "pad") {
        let p = try paddingSides(padding, operation: "pad")
        return try padPlanes($0, left: p.left, top: p.top, right: p.right, bottom: p.bottom, fill: fill, mode: mode, operation: "pad")
    }
}
