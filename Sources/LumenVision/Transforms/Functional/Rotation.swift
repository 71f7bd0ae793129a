import Foundation
import LumenTensor

/// torchvision's inverse rotation matrix (`_get_inverse_affine_matrix` with no translation,
/// scale 1, no shear): output pixel offsets from the image centre → input offsets.
func inverseRotationMatrix(angle: Double, center: (x: Double, y: Double)) -> [Double] {
    // torchvision passes −angle: its rotate turns counter-clockwise, its affine clockwise.
    let radians = -angle * .pi / 180
    let (a, b, c, d) = (cos(radians), -sin(radians), sin(radians), cos(radians))
    var matrix = [d, -b, 0, -c, a, 0]
    matrix[2] += matrix[0] * -center.x + matrix[1] * -center.y
    matrix[5] += matrix[3] * -center.x + matrix[4] * -center.y
    matrix[2] += center.x
    matrix[5] += center.y
    return matrix
}

/// The size an expanded rotation needs: the rotated corners' bounding box, as torchvision's
/// `_compute_affine_output_size` (Float maths, 1e-4 truncation before the ceiling).
func expandedSize(matrix: [Double], width: Int, height: Int) -> (width: Int, height: Int) {
    let theta = matrix.map { Float($0) }
    let (w, h) = (Float(0.5 * Double(width)), Float(0.5 * Double(height)))
    let corners: [(Float, Float)] = [(-w, -h), (-w, h), (w, h), (w, -h)]
    var low: [Float] = [.infinity, .infinity], high: [Float] = [-.infinity, -.infinity]
    for (x, y) in corners {
        let moved = [x * theta[0] + y * theta[1] + theta[2], x * theta[3] + y * theta[4] + theta[5]]
        for k in 0..<2 {
            low[k] = Swift.min(low[k], moved[k])
            high[k] = Swift.max(high[k], moved[k])
        }
    }
    let tolerance: Float = 1e-4
    let size = (0..<2).map { k -> Int in
        let shift = k == 0 ? w : h
        let top = ((high[k] + shift) / tolerance).rounded(.towardZero) * tolerance
        let bottom = ((low[k] + shift) / tolerance).rounded(.towardZero) * tolerance
        return Int(top.rounded(.up) - bottom.rounded(.down))
    }
    return (size[0], size[1])
}

func rotatePlanes(_ planes: Planes, angle: Double, interpolation: InterpolationMode, expand: Bool,
                  center: [Int]?, fill: [Float]?, operation: String) throws -> Planes {
    guard interpolation == .nearest || interpolation == .bilinear else {
        throw VisionError("\(operation): interpolation \(interpolation) is not supported, use .nearest or .bilinear")
    }
    if let center, center.count != 2 {
        throw VisionError("\(operation): center must be [x, y], got \(center)")
    }
    if let fill, fill.count != 1 && fill.count != planes.channels {
        throw VisionError("\(operation): fill has \(fill.count) values for \(planes.channels) channels")
    }
    let (width, height) = (planes.width, planes.height)
    let pivot = center.map { (x: Double($0[0]) - Double(width) * 0.5, y: Double($0[1]) - Double(height) * 0.5) } ?? (x: 0, y: 0)
    let matrix = inverseRotationMatrix(angle: angle, center: pivot)
    let (outWidth, outHeight) = expand ? expandedSize(matrix: matrix, width: width, height: height) : (width, height)
    // The sampling grid (torchvision's _gen_affine_grid, then grid_sample's unnormalisation
    // with align_corners=False): each output pixel's position in input pixel units.
    let theta = matrix.map { Float($0) }
    let (halfWidth, halfHeight) = (Float(0.5 * Double(width)), Float(0.5 * Double(height)))
    let scaled = [theta[0] / halfWidth, theta[1] / halfWidth, theta[2] / halfWidth,
                  theta[3] / halfHeight, theta[4] / halfHeight, theta[5] / halfHeight]
    let outSize = outWidth * outHeight
    var sourceX = [Float](repeating: 0, count: outSize), sourceY = [Float](repeating: 0, count: outSize)
    for i in 0..<outHeight {
        let by = -Float(outHeight) * 0.5 + 0.5 + Float(i)
        for j in 0..<outWidth {
            let bx = -Float(outWidth) * 0.5 + 0.5 + Float(j)
            let gx = bx * scaled[0] + by * scaled[1] + scaled[2]
            let gy = bx * scaled[3] + by * scaled[4] + scaled[5]
            sourceX[i * outWidth + j] = (gx + 1) * halfWidth - 0.5
            sourceY[i * outWidth + j] = (gy + 1) * halfHeight - 0.5
        }
    }
    let channels = planes.channels
    var values = [Float](repeating: 0, count: planes.planeCount * outSize)
    planes.values.withUnsafeBufferPointer { src in
        values.withUnsafeMutableBufferPointer { dst in
            for plane in 0..<planes.planeCount {
                let input = plane &* width &* height, output = plane &* outSize
                let fillValue = fill.map { $0.count == 1 ? $0[0] : $0[plane % channels] }
                for p in 0..<outSize {
                    let (x, y) = (sourceX[p], sourceY[p])
                    if interpolation == .nearest {
                        let (nx, ny) = (x.rounded(.toNearestOrEven), y.rounded(.toNearestOrEven))
                        let inside = nx >= 0 && nx < Float(width) && ny >= 0 && ny < Float(height)
                        if inside {
                            dst[output &+ p] = src[input &+ Int(ny) &* width &+ Int(nx)]
                        } else {
                            dst[output &+ p] = fillValue ?? 0
                        }
                        continue
                    }
                    let (x0, y0) = (x.rounded(.down), y.rounded(.down))
                    // Distances past the top-left neighbour, and their complements.
                    let (fx, fy) = (x - x0, y - y0)
                    let (gx, gy) = (1 - fx, 1 - fy)
                    // grid_sample's corners in its order (nw, ne, sw, se); outside ones add nothing.
                    var sum: Float = 0, mask: Float = 0
                    for corner in 0..<4 {
                        let cx = x0 + Float(corner & 1), cy = y0 + Float(corner >> 1)
                        guard cx >= 0 && cx < Float(width) && cy >= 0 && cy < Float(height) else { continue }
                        let weight = (corner >> 1 == 0 ? gy : fy) * (corner & 1 == 0 ? gx : fx)
                        sum += src[input &+ Int(cy) &* width &+ Int(cx)] * weight
                        mask += weight
                    }
                    if let fillValue {
                        dst[output &+ p] = sum * mask + (1 - mask) * fillValue
                    } else {
                        dst[output &+ p] = sum
                    }
                }
            }
        }
    }
    var result = planes.with(values: values, height: outHeight, width: outWidth)
    result.roundToBytes()
    return result
}

/// Rotates a `[..., H, W]` tensor by `angle` degrees counter-clockwise, as
/// `torchvision.transforms.functional.rotate` on tensors (an affine grid and `grid_sample`).
///
/// `expand` enlarges the output to hold the whole turned image; `center` is the pivot `[x, y]`
/// in pixels from the top-left corner (default the image centre); `fill` (one value, or one per
/// channel) paints what comes from outside, and when `nil` that area is 0 and bilinear edges
/// fade to it, as torchvision without `fill`.
///
/// ```swift
/// let turned = try rotate(x, angle: 30, interpolation: .bilinear, expand: true)
/// ```
/// - Throws: ``VisionError`` for a rank below 2, an interpolation other than nearest /
///   bilinear, a `center` not of two values or a `fill` not matching the channels.
public func rotate(_ x: Tensor, angle: Double, interpolation: InterpolationMode = .nearest, expand: Bool = false,
                   center: [Int]? = nil, fill: [Float]? = nil) throws -> Tensor {
    try PlanesFunction.apply(x, "rotate") {
        try rotatePlanes($0, angle: angle, interpolation: interpolation, expand: expand, center: center, fill: fill, operation: "rotate")
    }
}

/// Rotates a picture through torchvision's uint8-tensor path (see the tensor overload); `fill`
/// is in bytes 0…255.
///
/// ```swift
/// let turned = try rotate(photo, angle: -15, fill: [255])
/// ```
public func rotate(_ image: Image, angle: Double, interpolation: InterpolationMode = .nearest, expand: Bool = false,
                   center: [Int]? = nil, fill: [Float]? = nil) throws -> Image {
    try PlanesFunction.apply(image, "rotate") {
        try rotatePlanes($0, angle: angle, interpolation: interpolation, expand: expand, center: center, fill: fill, operation: "rotate")
    }
}
