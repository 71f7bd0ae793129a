import Foundation

extension Tensor {
    /// How ``interpolate(size:scaleFactor:mode:alignCorners:)`` samples.
    public enum InterpolationMode: Sendable {
        /// The nearest input pixel at or before the scaled position (torch's `'nearest'`).
        case nearest
        /// A weighted sum of the four surrounding pixels (torch's `'bilinear'`).
        case bilinear
    }

    /// Where one output row (or column) reads: two input positions and their weights.
    struct Taps {
        var low: [Int] = [], high: [Int] = [], lowWeight: [Float] = [], highWeight: [Float] = []

        /// torch's source-index rules: with `alignCorners` the corner pixels' centres line up;
        /// without, pixel areas do, and positions before the first centre clamp to it.
        init(inSize: Int, outSize: Int, scaleFactor: Double?, mode: InterpolationMode, alignCorners: Bool) {
            let scale: Float
            if alignCorners {
                scale = outSize > 1 ? Float(inSize - 1) / Float(outSize - 1) : 0
            } else {
                scale = scaleFactor.map { Float(1.0 / $0) } ?? Float(inSize) / Float(outSize)
            }
            for i in 0..<outSize {
                switch mode {
                case .nearest:
                    let source = Swift.min(Int(Foundation.floor(Float(i) * scale)), inSize - 1)
                    low.append(source); high.append(source); lowWeight.append(1); highWeight.append(0)
                case .bilinear:
                    let position = alignCorners ? scale * Float(i) : Swift.max(scale * (Float(i) + 0.5) - 0.5, 0)
                    let l = Swift.min(Int(position), inSize - 1)
                    let fraction = position - Float(l)
                    low.append(l); high.append(l < inSize - 1 ? l + 1 : l)
                    lowWeight.append(1 - fraction); highWeight.append(fraction)
                }
            }
        }
    }

    /// Resizes [N, C, H, W] images to `size`, or by `scaleFactor` (output ⌊in · factor⌋),
    /// as `torch.nn.functional.interpolate`.
    ///
    /// ```swift
    /// x.interpolate(scaleFactor: 2, mode: .bilinear, alignCorners: false)
    /// ```
    public func interpolate(size: Pair? = nil, scaleFactor: Double? = nil, mode: InterpolationMode = .nearest, alignCorners: Bool = false) -> Tensor {
        precondition(rank == 4, "interpolate: expected a 4-D input [N, C, H, W], got shape \(shape)")
        precondition((size == nil) != (scaleFactor == nil), "only one of size or scale_factor should be defined")
        precondition(!(alignCorners && mode == .nearest), "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear")
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let outH = size?.height ?? Int(Foundation.floor(Double(h) * scaleFactor!))
        let outW = size?.width ?? Int(Foundation.floor(Double(w) * scaleFactor!))
        precondition(outH > 0 && outW > 0, "interpolate: output size must be positive, got \(outH)x\(outW)")
        let rows = Taps(inSize: h, outSize: outH, scaleFactor: scaleFactor, mode: mode, alignCorners: alignCorners)
        let cols = Taps(inSize: w, outSize: outW, scaleFactor: scaleFactor, mode: mode, alignCorners: alignCorners)
        let planes = n * c, outArea = outH * outW
        var values = [Float](repeating: 0, count: planes * outArea)
        storage.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { out in
                Parallel.forEachChunk(planes, cost: outArea * 4) { range in
                    for p in range {
                        let plane = x.baseAddress! + p &* h &* w
                        let planeOut = out.baseAddress! + p &* outArea
                        for i in 0..<outH {
                            let top = plane + rows.low[i] &* w, bottom = plane + rows.high[i] &* w
                            let rowOut = planeOut + i &* outW
                            for j in 0..<outW {
                                let upper = cols.lowWeight[j] * top[cols.low[j]] + cols.highWeight[j] * top[cols.high[j]]
                                let lower = cols.lowWeight[j] * bottom[cols.low[j]] + cols.highWeight[j] * bottom[cols.high[j]]
                                rowOut[j] = rows.lowWeight[i] * upper + rows.highWeight[i] * lower
                            }
                        }
                    }
                }
            }
        }
        let input = self
        let name = mode == .nearest ? "UpsampleNearest2DBackward0" : "UpsampleBilinear2DBackward0"
        return Self.result(values, shape: [n, c, outH, outW], op: name, inputs: [self]) { grad in
            var g = [Float](repeating: 0, count: input.count)
            g.withUnsafeMutableBufferPointer { g in
                grad.storage.withUnsafeBufferPointer { gy in
                    Parallel.forEachChunk(planes, cost: outArea * 4) { range in
                        for p in range {
                            let plane = g.baseAddress! + p &* h &* w, planeGrad = gy.baseAddress! + p &* outArea
                            for i in 0..<outH {
                                let top = plane + rows.low[i] &* w, bottom = plane + rows.high[i] &* w
                                let (upper, lower) = (rows.lowWeight[i], rows.highWeight[i])
                                for j in 0..<outW {
                                    let v = planeGrad[i &* outW &+ j]
                                    top[cols.low[j]] += upper * cols.lowWeight[j] * v
                                    top[cols.high[j]] += upper * cols.highWeight[j] * v
                                    bottom[cols.low[j]] += lower * cols.lowWeight[j] * v
                                    bottom[cols.high[j]] += lower * cols.highWeight[j] * v
                                }
                            }
                        }
                    }
                }
            }
            return [Tensor(storage: g, shape: input.shape)]
        }
    }
}
