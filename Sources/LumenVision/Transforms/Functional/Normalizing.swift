import LumenTensor

/// `(x − mean) / std` per channel of a `[..., C, H, W]` tensor, as
/// `torchvision.transforms.functional.normalize`; `mean` and `std` hold one value per channel,
/// or one for all.
///
/// ```swift
/// let y = try normalize(x, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])
/// ```
/// - Throws: ``VisionError`` for a rank below 3, a `mean` / `std` count that is neither 1 nor
///   the channel count, or a zero in `std` (named by its index).
public func normalize(_ x: Tensor, mean: [Float], std: [Float]) throws -> Tensor {
    try normalize(x, mean: mean, std: std, operation: "normalize")
}

func normalize(_ x: Tensor, mean: [Float], std: [Float], operation: String) throws -> Tensor {
    guard x.rank >= 3 else {
        throw VisionError("\(operation): expected a [..., C, H, W] tensor, got shape \(x.shape)")
    }
    let channels = x.shape[x.rank - 3]
    for (name, list) in [("mean", mean), ("std", std)] where list.count != 1 && list.count != channels {
        throw VisionError("\(operation): \(name) has \(list.count) values for \(channels) channels (shape \(x.shape))")
    }
    if let zero = std.firstIndex(of: 0) {
        throw VisionError("\(operation): std[\(zero)] is 0, which would divide by zero")
    }
    let plane = x.shape[x.rank - 2] * x.shape[x.rank - 1]
    var values = x.scalars
    values.withUnsafeMutableBufferPointer { v in
        for planeIndex in 0..<(v.count / Swift.max(plane, 1)) {
            let c = planeIndex % channels
            let (m, s) = (mean.count == 1 ? mean[0] : mean[c], std.count == 1 ? std[0] : std[c])
            let base = planeIndex &* plane
            for i in 0..<plane { v[base &+ i] = (v[base &+ i] - m) / s }
        }
    }
    return Tensor(values, shape: x.shape)
}
