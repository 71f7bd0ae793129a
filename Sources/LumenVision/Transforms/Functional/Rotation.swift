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
    let taps = GridTaps(sourceX: sourceX, sourceY: sourceY, width: width, height: height, nearest: interpolation == .nearest)
    let channels = planes.channels, planeCount = planes.planeCount, inSize = width * height
    var values = [Float](repeating: 0, count: planeCount * outSize)
    planes.values.withUnsafeBufferPointer { source in
        values.withUnsafeMutableBufferPointer { target in
            taps.index.withUnsafeBufferPointer { index in
                taps.weight.withUnsafeBufferPointer { weight in
                    taps.mask.withUnsafeBufferPointer { mask in
                        let (src, dst, idx, wts, msk) = (source.baseAddress!, target.baseAddress!, index.baseAddress!, weight.baseAddress!, mask.baseAddress!)
                        parallelChunks(planeCount &* outHeight, cost: outWidth &* 4) { range in
                            for line in range {
                                let (plane, row) = line.quotientAndRemainder(dividingBy: outHeight)
                                let input = src + plane &* inSize, output = dst + line &* outWidth
                                let fillValue = fill.map { $0.count == 1 ? $0[0] : $0[plane % channels] }
                                for p in (row &* outWidth)..<(row &* outWidth &+ outWidth) {
                                    let q = 4 &* p
                                    // grid_sample's corners in its order (nw, ne, sw, se); outside
                                    // ones have weight 0 and a valid index.
                                    let sum = input[idx[q]] * wts[q] + input[idx[q &+ 1]] * wts[q &+ 1]
                                        + input[idx[q &+ 2]] * wts[q &+ 2] + input[idx[q &+ 3]] * wts[q &+ 3]
                                    let o = p &- row &* outWidth
                                    guard let fillValue else {
                                        output[o] = sum
                                        continue
                                    }
                                    if taps.nearest {
                                        output[o] = msk[p] < 0.5 ? fillValue : sum
                                    } else {
                                        output[o] = sum * msk[p] + (1 - msk[p]) * fillValue
                                    }
                                }
                            }
                        }
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

/// Where each output pixel of a grid sample reads: four input indices and weights (the
/// bilinear corners, or one index of weight 1 for nearest), weight 0 for corners outside the
/// image, and the in-image share of the weights (grid_sample's mask for `fill`).
struct GridTaps {
    var index: [Int]
    var weight: [Float]
    var mask: [Float]
    let nearest: Bool

    init(sourceX: [Float], sourceY: [Float], width: Int, height: Int, nearest: Bool) {
        let count = sourceX.count
        index = [Int](repeating: 0, count: 4 * count)
        weight = [Float](repeating: 0, count: 4 * count)
        mask = [Float](repeating: 0, count: count)
        self.nearest = nearest
        func inside(_ x: Float, _ y: Float) -> Bool { x >= 0 && x < Float(width) && y >= 0 && y < Float(height) }
        for p in 0..<count {
            let (x, y) = (sourceX[p], sourceY[p])
            if nearest {
                // Half-way positions go to the even neighbour, as torch's vectorised round.
                let (nx, ny) = (x.rounded(.toNearestOrEven), y.rounded(.toNearestOrEven))
                if inside(nx, ny) {
                    index[4 * p] = Int(ny) * width + Int(nx)
                    weight[4 * p] = 1
                    mask[p] = 1
                }
                continue
            }
            let (x0, y0) = (x.rounded(.down), y.rounded(.down))
            // Distances past the top-left neighbour, and their complements.
            let (fx, fy) = (x - x0, y - y0)
            let (gx, gy) = (1 - fx, 1 - fy)
            var total: Float = 0
            for corner in 0..<4 {
                let cx = x0 + Float(corner & 1), cy = y0 + Float(corner >> 1)
                guard inside(cx, cy) else { continue }
                let w = (corner >> 1 == 0 ? gy : fy) * (corner & 1 == 0 ? gx : fx)
                index[4 * p + corner] = Int(cy) * width + Int(cx)
                weight[4 * p + corner] = w
                total += w
            }
            mask[p] = total
        }
    }
}
