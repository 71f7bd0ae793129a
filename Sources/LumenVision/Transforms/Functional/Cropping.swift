import LumenTensor

/// The `height × width` window at (`top`, `left`), zero where it leaves the planes (as
/// torchvision's tensor `crop` pads).
func cropPlanes(_ planes: Planes, top: Int, left: Int, height: Int, width: Int, operation: String) throws -> Planes {
    guard height > 0, width > 0 else {
        throw VisionError("\(operation): crop size must be positive, got \(height)×\(width)")
    }
    let (inHeight, inWidth, count) = (planes.height, planes.width, planes.planeCount)
    var values = [Float](repeating: 0, count: count * height * width)
    let firstColumn = Swift.max(left, 0), endColumn = Swift.min(left + width, inWidth)
    guard firstColumn < endColumn else { return planes.with(values: values, height: height, width: width) }
    planes.values.withUnsafeBufferPointer { source in
        values.withUnsafeMutableBufferPointer { target in
            let (src, dst) = (source.baseAddress!, target.baseAddress!)
            let firstRow = Swift.max(top, 0)
            let endRow = Swift.max(Swift.min(top + height, inHeight), firstRow)
            let run = endColumn &- firstColumn
            for plane in 0..<count {
                for y in firstRow..<endRow {
                    let from: Int = plane &* inHeight &* inWidth &+ y &* inWidth &+ firstColumn
                    let to: Int = plane &* height &* width &+ (y &- top) &* width &+ (firstColumn &- left)
                    (dst + to).update(from: src + from, count: run)
                }
            }
        }
    }
    return planes.with(values: values, height: height, width: width)
}

/// The window torchvision's `center_crop` takes: padded with zeros first when the crop is
/// larger than the planes, then the top-left corner at the rounded centre offset.
func centerCropPlanes(_ planes: Planes, size: [Int], operation: String) throws -> Planes {
    guard (1...2).contains(size.count), size.allSatisfy({ $0 > 0 }) else {
        throw VisionError("\(operation): size must be one or two positive values, got \(size)")
    }
    let (cropHeight, cropWidth) = (size[0], size.count == 2 ? size[1] : size[0])
    var planes = planes
    if cropWidth > planes.width || cropHeight > planes.height {
        let padWidth = Swift.max(cropWidth - planes.width, 0), padHeight = Swift.max(cropHeight - planes.height, 0)
        planes = try padPlanes(planes, left: padWidth / 2, top: padHeight / 2, right: (padWidth + 1) / 2,
                               bottom: (padHeight + 1) / 2, fill: 0, mode: .constant, operation: operation)
        if planes.width == cropWidth && planes.height == cropHeight { return planes }
    }
    let top = Int((Double(planes.height - cropHeight) / 2).rounded(.toNearestOrEven))
    let left = Int((Double(planes.width - cropWidth) / 2).rounded(.toNearestOrEven))
    return try cropPlanes(planes, top: top, left: left, height: cropHeight, width: cropWidth, operation: operation)
}

/// Crops a `[..., H, W]` tensor to the `height × width` window whose top-left corner is at
/// (`top`, `left`), as `torchvision.transforms.functional.crop`: parts of the window outside
/// the image are zeros.
///
/// ```swift
/// let patch = try crop(x, top: 4, left: 8, height: 16, width: 16)
/// ```
/// - Throws: ``VisionError`` for a rank below 2 or a non-positive crop size.
public func crop(_ x: Tensor, top: Int, left: Int, height: Int, width: Int) throws -> Tensor {
    try PlanesFunction.apply(x, "crop") { try cropPlanes($0, top: top, left: left, height: height, width: width, operation: "crop") }
}

/// Crops a picture (see the tensor overload); outside the picture the bytes are 0.
///
/// ```swift
/// let patch = try crop(photo, top: 0, left: 0, height: 32, width: 32)
/// ```
public func crop(_ image: Image, top: Int, left: Int, height: Int, width: Int) throws -> Image {
    try PlanesFunction.apply(image, "crop") { try cropPlanes($0, top: top, left: left, height: height, width: width, operation: "crop") }
}

/// Crops the centre `size` (`[h, w]`, or `[s]` for a square) of a `[..., H, W]` tensor, as
/// `torchvision.transforms.functional.center_crop`: zero-padded when larger than the image.
///
/// ```swift
/// let middle = try centerCrop(x, size: [224])
/// ```
/// - Throws: ``VisionError`` for a rank below 2 or a bad size.
public func centerCrop(_ x: Tensor, size: [Int]) throws -> Tensor {
    try PlanesFunction.apply(x, "centerCrop") { try centerCropPlanes($0, size: size, operation: "centerCrop") }
}

/// Crops the centre of a picture (see the tensor overload).
///
/// ```swift
/// let middle = try centerCrop(photo, size: [224])
/// ```
public func centerCrop(_ image: Image, size: [Int]) throws -> Image {
    try PlanesFunction.apply(image, "centerCrop") { try centerCropPlanes($0, size: size, operation: "centerCrop") }
}

/// Crops then resizes, as `torchvision.transforms.functional.resized_crop` (the step of
/// ``RandomResizedCrop``).
///
/// ```swift
/// let y = try resizedCrop(x, top: 2, left: 3, height: 40, width: 30, size: [32, 32])
/// ```
/// - Throws: ``VisionError`` for a rank below 2, a non-positive crop or a bad `size`.
public func resizedCrop(_ x: Tensor, top: Int, left: Int, height: Int, width: Int, size: [Int],
                        interpolation: InterpolationMode = .bilinear, antialias: Bool = true) throws -> Tensor {
    try PlanesFunction.apply(x, "resizedCrop") {
        let cropped = try cropPlanes($0, top: top, left: left, height: height, width: width, operation: "resizedCrop")
        return try resizePlanes(cropped, size: size, interpolation, nil, antialias, "resizedCrop")
    }
}

/// Crops then resizes a picture (see the tensor overload).
///
/// ```swift
/// let y = try resizedCrop(photo, top: 0, left: 0, height: 100, width: 100, size: [32, 32])
/// ```
public func resizedCrop(_ image: Image, top: Int, left: Int, height: Int, width: Int, size: [Int],
                        interpolation: InterpolationMode = .bilinear, antialias: Bool = true) throws -> Image {
    try PlanesFunction.apply(image, "resizedCrop") {
        let cropped = try cropPlanes($0, top: top, left: left, height: height, width: width, operation: "resizedCrop")
        return try resizePlanes(cropped, size: size, interpolation, nil, antialias, "resizedCrop")
    }
}
