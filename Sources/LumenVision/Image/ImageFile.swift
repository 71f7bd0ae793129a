import Foundation
import LumenPNG

extension Image {
    /// Reads and decodes the picture at `path`.
    ///
    /// - Throws: ``VisionError`` naming the file and what is wrong with it when it cannot be
    ///   read or decoded.
    ///
    /// ```swift
    /// let photo = try Image(contentsOf: "data/cats/1.png")
    /// ```
    public init(contentsOf path: String) throws {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
        } catch {
            throw VisionError("\(path): cannot be read (\(error.localizedDescription))")
        }
        do {
            self = try Image(encoded: bytes)
        } catch let error as VisionError {
            throw VisionError("\(path): \(error.message)")
        }
    }

    /// Decodes an image file's bytes, telling the format from its signature.
    ///
    /// - Throws: ``VisionError`` saying what is wrong with the bytes.
    public init(encoded bytes: [UInt8]) throws {
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            throw VisionError("not a PNG file (the first bytes are \(bytes.prefix(4).map { String($0, radix: 16) }))")
        }
        do {
            let png = try PNGDecoder.decode(bytes)
            self.init(width: png.width, height: png.height, channels: png.channels, pixels: png.bytes)
        } catch let error as PNGError {
            throw VisionError(error.message)
        }
    }
}
