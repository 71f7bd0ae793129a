import Foundation
import LumenPNG

extension Image {
    /// The picture as PNG bytes (8-bit, 1 to 4 channels).
    ///
    /// ```swift
    /// let bytes = image.pngData()
    /// ```
    public func pngData() -> [UInt8] {
        PNGEncoder.encode(PNGImage(width: width, height: height, channels: channels, bytes: pixels))
    }

    /// The picture as JPEG bytes, through libjpeg-turbo as PIL's `save(..., "JPEG")`: `quality`
    /// 1–100 (PIL's default 75), chroma `subsampling` 4:2:0 by default as PIL's. Gray pictures
    /// give gray JPEGs; with the same settings the bytes equal PIL's.
    ///
    /// - Throws: ``VisionError`` when the picture has an alpha channel (JPEG has none; convert to
    ///   1 or 3 channels first, as PIL requires too), `quality` is outside 1…100, or libjpeg-turbo
    ///   is not installed.
    ///
    /// ```swift
    /// let bytes = try image.jpegData(quality: 90)
    /// ```
    public func jpegData(quality: Int = 75, subsampling: JPEGSubsampling = .chroma420) throws -> [UInt8] {
        guard channels == 1 || channels == 3 else {
            throw VisionError("JPEG cannot store a \(channels)-channel picture (no alpha): convert it to 1 or 3 channels first")
        }
        guard (1...100).contains(quality) else { throw VisionError("JPEG quality \(quality) is outside 1…100") }
        return try TurboJPEG.shared.get().encode(self, quality: quality, subsampling: subsampling)
    }

    /// Writes the picture to `path` as PNG or JPEG, chosen by the extension (`.png`, `.jpg`,
    /// `.jpeg`); `quality` applies to JPEG.
    ///
    /// - Throws: ``VisionError`` naming the path when the extension is unknown, the picture
    ///   cannot be encoded in that format, or the file cannot be written.
    ///
    /// ```swift
    /// try image.write(to: "out/grid.png")
    /// try photo.write(to: "out/photo.jpg", quality: 90)
    /// ```
    public func write(to path: String, quality: Int = 75) throws {
        let bytes: [UInt8]
        switch ImageFormat(pathExtension: path) {
        case .png:
            bytes = pngData()
        case .jpeg:
            do {
                bytes = try jpegData(quality: quality)
            } catch let error as VisionError {
                throw VisionError("\(path): \(error.message)")
            }
        case nil:
            throw VisionError("\(path): unknown image file extension (use .png, .jpg or .jpeg)")
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw VisionError("\(path): cannot be written (\(error.localizedDescription))")
        }
    }
}
