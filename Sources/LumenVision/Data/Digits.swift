import Foundation
import LumenTensor

/// The UCI handwritten digits bundled with LumenVision (scikit-learn's `load_digits`): 1,797
/// gray 8×8 pictures of the digits 0–9, small enough to train on in seconds.
///
/// Each pixel of the original counts the "on" pixels of a 4×4 block, 0…16; it becomes the byte
/// round(v · 255 / 16) (halves up), so 0 is black and 16 is white (255). With `size` above 8
/// every picture is enlarged once, when the dataset is made, by bilinear interpolation (torch's
/// `interpolate(mode: "bilinear", align_corners: False)`, rounded half to even to bytes, as
/// torchvision's `Resize` on a `uint8` tensor). A sample is that
/// one-channel ``Image`` through `transform`, or a `[1, size, size]` tensor of bytes / 255
/// without one. See `Resources/digits/LICENSE.md` for the source and licence (CC BY 4.0).
///
/// ```swift
/// let digits = try Digits(size: 32)      // as the LeNet demo trains on
/// let (x, label) = try digits[0]         // x: [1, 32, 32], label 0
/// ```
public struct Digits: Dataset {
    /// The number of pictures in the bundled file.
    public static let sampleCount = 1797

    /// Width and height of each picture.
    public let size: Int
    /// All pictures' bytes, one `size × size` picture after another.
    public let pixels: [UInt8]
    /// Each picture's digit.
    public let targets: [Int]
    /// Applied to each picture; nil gives the `[1, size, size]` tensor.
    public let transform: (any Transform)?

    /// The bundled digits at `size × size` pixels (8 keeps the originals).
    ///
    /// - Throws: ``VisionError`` when `size` is below 1, or the bundled file is missing or
    ///   damaged (naming the line and field).
    ///
    /// ```swift
    /// let digits = try Digits(transform: Compose([Resize([32, 32]), ToTensor()]))
    /// ```
    public init(size: Int = 8, transform: (any Transform)? = nil) throws {
        guard size >= 1 else { throw VisionError("Digits: size must be at least 1, got \(size)") }
        let (original, labels) = try Self.readBundledFile()
        self.size = size
        self.targets = labels
        self.transform = transform
        if size == 8 {
            pixels = original
        } else {
            let pictures = Tensor(original.map(Float.init), shape: [labels.count, 1, 8, 8])
            let enlarged = pictures.interpolate(size: Pair(size, size), mode: .bilinear, alignCorners: false).scalars
            pixels = enlarged.map { UInt8(min(max($0.rounded(.toNearestOrEven), 0), 255)) }
        }
    }

    /// The bundled file's pictures as bytes and its labels.
    static func readBundledFile() throws -> (pixels: [UInt8], labels: [Int]) {
        guard let folder = Bundle.module.url(forResource: "digits", withExtension: nil) else {
            throw VisionError("Digits: the resource folder 'digits' is missing from LumenVision's bundle")
        }
        let path = folder.appendingPathComponent("digits.csv.gz").path
        let compressed: [UInt8]
        do {
            compressed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw VisionError("\(path): cannot be read (\(error.localizedDescription))")
        }
        let text = String(decoding: try Gzip.decompress(compressed, file: path), as: UTF8.self)
        var pixels: [UInt8] = [], labels: [Int] = []
        pixels.reserveCapacity(sampleCount * 64)
        for (lineIndex, line) in text.split(separator: "\n").enumerated() {
            let fields = line.split(separator: ",")
            guard fields.count == 65 else {
                throw VisionError("\(path): line \(lineIndex + 1) has \(fields.count) fields, expected 65 (64 pixels and a label)")
            }
            for (column, field) in fields.enumerated() {
                guard let value = Double(field), value == value.rounded(), value >= 0, value <= (column < 64 ? 16 : 9) else {
                    throw VisionError("\(path): line \(lineIndex + 1), field \(column + 1): '\(field)' is not an integer in 0…\(column < 64 ? 16 : 9)")
                }
                if column < 64 { pixels.append(UInt8((Int(value) * 255 + 8) / 16)) } else { labels.append(Int(value)) }
            }
        }
        guard labels.count == sampleCount else {
            throw VisionError("\(path): \(labels.count) rows, expected \(sampleCount)")
        }
        return (pixels, labels)
    }

    /// The number of pictures (1,797).
    public var count: Int { targets.count }

    /// Picture `index` as a one-channel ``Image`` of `size × size`.
    ///
    /// ```swift
    /// let picture = try digits.image(at: 5)
    /// ```
    public func image(at index: Int) throws -> Image {
        try checkIndex(index, in: "Digits")
        let area = size * size
        return Image(width: size, height: size, channels: 1, pixels: Array(pixels[index * area ..< (index + 1) * area]))
    }

    /// Picture `index` through the transform (or as a `[1, size, size]` tensor) and its digit.
    ///
    /// - Throws: ``VisionError`` naming the index when it is out of range or the transform fails.
    ///
    /// ```swift
    /// let (x, y) = try digits.sample(at: 0, generator: Generator(seed: 0))
    /// ```
    public func sample(at index: Int, generator: Generator) throws -> (input: Tensor, label: Int) {
        try checkIndex(index, in: "Digits")
        guard let transform else {
            let area = size * size
            var values = [Float](repeating: 0, count: area)
            pixels.withUnsafeBufferPointer { src in
                values.withUnsafeMutableBufferPointer { dst in
                    let start = index &* area
                    for i in 0..<area { dst[i] = Float(src[start &+ i]) / 255 }
                }
            }
            return (Tensor(values, shape: [1, size, size]), targets[index])
        }
        do {
            return (try transform(.image(try image(at: index)), generator: generator).tensor(), targets[index])
        } catch {
            throw VisionError("Digits: sample \(index): \(error)")
        }
    }
}
