import LumenTensor

/// Mirrors each plane left–right (`horizontal`) or top–bottom.
func flipPlanes(_ planes: Planes, horizontal: Bool) -> Planes {
    let (height, width) = (planes.height, planes.width)
    var values = planes.values
    planes.values.withUnsafeBufferPointer { src in
        values.withUnsafeMutableBufferPointer { dst in
            for plane in 0..<planes.planeCount {
                let base = plane &* height &* width
                for y in 0..<height {
                    let row = base &+ y &* width
                    if horizontal {
                        for x in 0..<width { dst[row &+ x] = src[row &+ width &- 1 &- x] }
                    } else {
                        let mirrored = base &+ (height &- 1 &- y) &* width
                        for x in 0..<width { dst[row &+ x] = src[mirrored &+ x] }
                    }
                }
            }
        }
    }
    return planes.with(values: values, height: height, width: width)
}

/// Mirrors a `[..., H, W]` tensor left–right, as `torchvision.transforms.functional.hflip`.
///
/// ```swift
/// let mirrored = try hflip(x)
/// ```
/// - Throws: ``VisionError`` for a rank below 2.
public func hflip(_ x: Tensor) throws -> Tensor {
    try PlanesFunction.apply(x, "hflip") { flipPlanes($0, horizontal: true) }
}

/// Mirrors a picture left–right.
///
/// ```swift
/// let mirrored = try hflip(photo)
/// ```
public func hflip(_ image: Image) throws -> Image {
    try PlanesFunction.apply(image, "hflip") { flipPlanes($0, horizontal: true) }
}

/// Mirrors a `[..., H, W]` tensor top–bottom, as `torchvision.transforms.functional.vflip`.
///
/// ```swift
/// let upsideDown = try vflip(x)
/// ```
/// - Throws: ``VisionError`` for a rank below 2.
public func vflip(_ x: Tensor) throws -> Tensor {
    try PlanesFunction.apply(x, "vflip") { flipPlanes($0, horizontal: false) }
}

/// Mirrors a picture top–bottom.
///
/// ```swift
/// let upsideDown = try vflip(photo)
/// ```
public func vflip(_ image: Image) throws -> Image {
    try PlanesFunction.apply(image, "vflip") { flipPlanes($0, horizontal: false) }
}
