import Foundation
import LumenPNG

extension Image {
    /// Reads and decodes the PNG or JPEG file at `path`, as PIL's `Image.open` followed by the
    /// conversion to L, LA, RGB or RGBA that ``init(encoded:)`` describes.
    ///
    /// - Throws: ``VisionError`` naming the file and what is wrong with it.
    ///
    /// ```swift
    /// let photo = try Image(contentsOf: "data/cats/1.png")
    /// ```
    public init(contentsOf path: String) throws {
        let bytes = try Image.readFile(path)
        do {
            self = try Image(encoded: bytes)
        } catch let error as VisionError {
            throw VisionError("\(path): \(error.message)")
        }
    }

    /// Decodes PNG or JPEG bytes, telling the format from the signature, into the 8-bit picture
    /// PIL gives:
    ///
    /// - PNG: gray (1, 2, 4 bits scaled to 0…255), gray + alpha, RGB, RGBA; palettes become RGB,
    ///   or RGBA with tRNS; gray / RGB with tRNS gain an alpha channel; 16-bit samples keep their
    ///   high byte, except 16-bit gray, which PIL clips to 255 (see ``tensor(encoded:)`` for full
    ///   precision). Details: `PNGPixels.eightBit()`.
    /// - JPEG: gray JPEGs give 1 channel, colour ones RGB, exactly as PIL decodes them; CMYK
    ///   ones RGB as PIL's `convert("RGB")` (libjpeg-turbo, loaded at run time; install Debian's
    ///   `libturbojpeg0`).
    ///
    /// - Throws: ``VisionError`` saying what is wrong with the bytes.
    ///
    /// ```swift
    /// let image = try Image(encoded: downloadedBytes)
    /// ```
    public init(encoded bytes: [UInt8]) throws {
        switch ImageFormat(sniffing: bytes) {
        case .png:
            let png = try Image.decodePNG(bytes).eightBit()
            self.init(width: png.width, height: png.height, channels: png.channels, pixels: png.bytes)
        case .jpeg:
            self = try TurboJPEG.shared.get().decode(bytes)
        case nil:
            throw VisionError("not a PNG or JPEG file (the first bytes are \(bytes.prefix(8).map { String($0, radix: 16) }))")
        }
    }

    /// The picture at `path` as a `[C, H, W]` tensor of values in 0…1, keeping a 16-bit PNG's
    /// full precision (samples / 65535, as torchvision's `decode_png` then `convert_image_dtype`);
    /// 8-bit files give ``init(contentsOf:)``'s ``tensor()``.
    ///
    /// - Throws: ``VisionError`` naming the file and what is wrong with it.
    ///
    /// ```swift
    /// let depth = try Image.tensor(contentsOf: "depth16.png")   // [1, H, W]
    /// ```
    public static func tensor(contentsOf path: String) throws -> Tensor {
        let bytes = try readFile(path)
        do {
            return try tensor(encoded: bytes)
        } catch let error as VisionError {
            throw VisionError("\(path): \(error.message)")
        }
    }

    /// ``tensor(contentsOf:)`` for a file's bytes.
    ///
    /// ```swift
    /// let x = try Image.tensor(encoded: pngBytes)
    /// ```
    public static func tensor(encoded bytes: [UInt8]) throws -> Tensor {
        guard ImageFormat(sniffing: bytes) == .png else { return try Image(encoded: bytes).tensor() }
        let pixels = try decodePNG(bytes)
        let (width, height, channels) = (pixels.header.width, pixels.header.height, pixels.expandedChannels)
        let interleaved = pixels.unitFloats()
        let plane = width * height
        var planar = [Float](repeating: 0, count: interleaved.count)
        interleaved.withUnsafeBufferPointer { src in
            planar.withUnsafeMutableBufferPointer { dst in
                for c in 0..<channels {
                    for i in 0..<plane { dst[c &* plane &+ i] = src[i &* channels &+ c] }
                }
            }
        }
        return Tensor(planar, shape: [channels, height, width])
    }

    private static func decodePNG(_ bytes: [UInt8]) throws -> PNGPixels {
        do {
            return try PNGDecoder.decodePixels(bytes)
        } catch let error as PNGError {
            throw VisionError(error.message)
        }
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
        } catch {
            throw VisionError("\(path): cannot be read (\(error.localizedDescription))")
        }
    }
}

/// The image file formats LumenVision reads and writes.
enum ImageFormat {
    case png, jpeg

    /// The format whose signature `bytes` start with, if any.
    init?(sniffing bytes: [UInt8]) {
        if bytes.starts(with: PNGDecoder.signature) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else {
            return nil
        }
    }

    /// The format a file name's extension names (`.png`, `.jpg`, `.jpeg`, any case).
    init?(pathExtension path: String) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        default: return nil
        }
    }
}
