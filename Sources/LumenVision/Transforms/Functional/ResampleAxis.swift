import Foundation

/// Where each output sample along one axis reads and with which weights: up to `stride` input
/// positions per output, precomputed once per resize.
///
/// The arithmetic follows ATen's CPU kernels for `interpolate` (index and weight maths in
/// Float, as ATen does for float tensors), so results agree with torch to rounding.
struct ResampleAxis {
    let inputSize: Int
    let outputSize: Int
    /// Taps reserved per output sample.
    let stride: Int
    /// `outputSize × stride` input positions (for ``ResampleAxis/nearest(input:output:exact:)``, one each).
    var indices: [Int]
    /// `outputSize × stride` weights (unused when `isNearest`).
    var weights: [Float]
    /// Taps used by each output sample (≤ `stride`).
    var counts: [Int]
    /// Whether each output copies one input sample.
    let isNearest: Bool

    private init(input: Int, output: Int, stride: Int, nearest: Bool) {
        inputSize = input
        outputSize = output
        self.stride = stride
        indices = [Int](repeating: 0, count: output * stride)
        weights = [Float](repeating: 0, count: output * stride)
        counts = [Int](repeating: stride, count: output)
        isNearest = nearest
    }

    /// Float input / output, as ATen's `area_pixel_compute_scale` without align_corners.
    private static func scale(_ input: Int, _ output: Int) -> Float { Float(input) / Float(output) }

    /// torch's `'nearest'` (floor of `i · scale`) or `'nearest-exact'` (the centre's nearest pixel).
    static func nearest(input: Int, output: Int, exact: Bool) -> ResampleAxis {
        var axis = ResampleAxis(input: input, output: output, stride: 1, nearest: true)
        let scale = Self.scale(input, output)
        for i in 0..<output {
            let source: Float
            if exact {
                source = Swift.max(scale * (Float(i) + 0.5) - 0.5, 0) + 0.5
            } else {
                source = scale * Float(i)
            }
            axis.indices[i] = Swift.min(Int(source.rounded(.down)), input - 1)
            axis.weights[i] = 1
        }
        return axis
    }

    /// torch's bilinear weights without antialiasing (`align_corners=False`): two neighbours of
    /// the centre, positions before the first pixel clamped to it.
    static func linear(input: Int, output: Int) -> ResampleAxis {
        var axis = ResampleAxis(input: input, output: output, stride: 2, nearest: false)
        let scale = Self.scale(input, output)
        for i in 0..<output {
            let position = Swift.max(scale * (Float(i) + 0.5) - 0.5, 0)
            let index = Swift.min(Int(position.rounded(.down)), input - 1)
            let lambda = Swift.min(Swift.max(position - Float(index), 0), 1)
            axis.indices[2 * i] = index
            axis.indices[2 * i + 1] = index < input - 1 ? index + 1 : index
            axis.weights[2 * i] = 1 - lambda
            axis.weights[2 * i + 1] = lambda
        }
        return axis
    }

    /// torch's bicubic weights without antialiasing: Keys' cubic with a = −0.75 over four
    /// neighbours, indices clamped to the edges.
    static func cubic(input: Int, output: Int) -> ResampleAxis {
        var axis = ResampleAxis(input: input, output: output, stride: 4, nearest: false)
        let scale = Self.scale(input, output)
        let a: Float = -0.75
        for i in 0..<output {
            let position = scale * (Float(i) + 0.5) - 0.5
            let index = Swift.min(Int(position.rounded(.down)), input - 1)
            let t = Swift.min(Swift.max(position - Float(index), 0), 1)
            let rest = 1 - t
            let coefficients = [cubicOuter(t + 1, a), cubicInner(t, a), cubicInner(rest, a), cubicOuter(rest + 1, a)]
            for j in 0..<4 {
                axis.indices[4 * i + j] = Swift.max(Swift.min(index - 1 + j, input - 1), 0)
                axis.weights[4 * i + j] = coefficients[j]
            }
        }
        return axis
    }

    /// torch's antialiased weights (`_upsample_bilinear2d_aa` / `_upsample_bicubic2d_aa`, after
    /// Pillow): the filter stretched by the scale when shrinking, a contiguous span of input
    /// samples per output, weights normalised to sum to one.
    static func antialiased(input: Int, output: Int, cubic: Bool) -> ResampleAxis {
        let scale = Self.scale(input, output)
        let halfWidth = cubic ? 2.0 : 1.0
        let support = Float(scale >= 1 ? halfWidth * Double(scale) : halfWidth)
        let stride = Int(Double(support).rounded(.up)) * 2 + 1
        var axis = ResampleAxis(input: input, output: output, stride: stride, nearest: false)
        let inverseScale = scale >= 1 ? Float(1.0 / Double(scale)) : 1
        for i in 0..<output {
            let center = Float(Double(scale) * (Double(i) + 0.5))
            let low = Swift.max(Int(Double(center) - Double(support) + 0.5), 0)
            let count = Swift.min(Swift.max(Swift.min(Int(Double(center) + Double(support) + 0.5), input) - low, 0), stride)
            var total: Float = 0
            for j in 0..<count {
                let x = Float((Double(Float(j + low) - center) + 0.5) * Double(inverseScale))
                let w = cubic ? cubicFilter(x) : linearFilter(x)
                axis.weights[i * stride + j] = w
                total += w
            }
            for j in 0..<count {
                axis.indices[i * stride + j] = low + j
                if total != 0 { axis.weights[i * stride + j] /= total }
            }
            axis.counts[i] = count
        }
        return axis
    }

    private static func linearFilter(_ x: Float) -> Float {
        let x = abs(x)
        return x < 1 ? 1 - x : 0
    }

    /// Keys' cubic with a = −0.5, as Pillow's and torch's antialiased bicubic.
    private static func cubicFilter(_ x: Float) -> Float {
        let x = abs(x), a: Float = -0.5
        if x < 1 { return cubicInner(x, a) }
        if x < 2 { return cubicOuter(x, a) }
        return 0
    }

    /// The cubic for |x| ≤ 1.
    private static func cubicInner(_ x: Float, _ a: Float) -> Float { ((a + 2) * x - (a + 3)) * x * x + 1 }

    /// The cubic for 1 < |x| < 2.
    private static func cubicOuter(_ x: Float, _ a: Float) -> Float { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
}
