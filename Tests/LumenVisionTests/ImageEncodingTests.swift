import Foundation
import LumenPNG
import LumenTestSupport
@testable import LumenVision
import Testing

@Suite("Image files: encoding, round trips and channel conversion as PIL's")
struct ImageEncodingTests {
    static func noise(width: Int, height: Int, channels: Int, seed: UInt32) -> Image {
        var state = seed
        let bytes = (0..<(width * height * channels)).map { _ -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        return Image(width: width, height: height, channels: channels, pixels: bytes)
    }

    /// The 53 × 47 photo crop PIL's fixture JPEGs were encoded from.
    static func source() throws -> Image {
        Image(width: 53, height: 47, channels: 3, pixels: try ImageFixtures.bytes("jpeg/source.rgb.bin"))
    }

    @Test("pngData round-trips 1 to 4 channels; write(to:) picks the format from the extension")
    func pngRoundTrip() throws {
        let directory = URL(fileURLWithPath: temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: directory) }
        for channels in 1...4 {
            let image = Self.noise(width: 19, height: 7, channels: channels, seed: UInt32(channels))
            #expect(try Image(encoded: image.pngData()) == image)
            let path = directory.appendingPathComponent("noise\(channels).PNG").path
            try image.write(to: path)
            #expect(try Image(contentsOf: path) == image)
        }
        let photo = try Self.source()
        let jpegPath = directory.appendingPathComponent("photo.jpeg").path
        try photo.write(to: jpegPath, quality: 90)
        #expect(try Image(contentsOf: jpegPath) == Image(encoded: photo.jpegData(quality: 90)))
        #expect { try photo.write(to: directory.appendingPathComponent("photo.gif").path) } throws: { "\($0)".contains("photo.gif") }
        #expect { try Self.noise(width: 2, height: 2, channels: 4, seed: 1).write(to: jpegPath) } throws: {
            "\($0)".contains("photo.jpeg") && "\($0)".contains("4-channel")
        }
    }

    @Test("16-bit PNGs round-trip through PNGEncoder.encode16 and decodePixels, 1 to 4 channels")
    func sixteenBitRoundTrip() throws {
        for channels in 1...4 {
            var state: UInt32 = 11
            let samples = (0..<(5 * 9 * channels)).map { _ -> UInt16 in
                state = state &* 1_664_525 &+ 1_013_904_223
                return UInt16(truncatingIfNeeded: state >> 12)
            }
            let png = PNGEncoder.encode16(width: 9, height: 5, channels: channels, samples: samples)
            let pixels = try PNGDecoder.decodePixels(png)
            #expect(pixels.header.bitDepth == 16 && pixels.expandedChannels == channels)
            #expect(pixels.samples == .words(samples))
            #expect(try Image.tensor(encoded: png).shape == [channels, 5, 9])
        }
    }

    @Test("jpegData gives PIL's bytes for the same quality and subsampling (color and gray)")
    func jpegEncodeMatchesPIL() throws {
        let gray = Image(width: 53, height: 47, channels: 1, pixels: try ImageFixtures.bytes("jpeg/source.gray.bin"))
        let photo = try Self.source()
        for entry in try ImageFixtures.manifest().encode {
            let subsampling: JPEGSubsampling = ["444": .chroma444, "422": .chroma422][entry.subsampling] ?? .chroma420
            let ours = try (entry.channels == 1 ? gray : photo).jpegData(quality: entry.quality, subsampling: subsampling)
            let pil = try ImageFixtures.bytes("jpeg/\(entry.name).jpg")
            #expect(difference(try Image(encoded: ours).pixels, try Image(encoded: pil).pixels) == nil, "\(entry.name): decoded pixels")
            #expect(difference(ours, pil) == nil, "\(entry.name): bytes")
        }
    }

    @Test("a JPEG round trip of a photo stays close; quality and channel count are checked")
    func jpegRoundTrip() throws {
        let photo = try Self.source()
        let back = try Image(encoded: photo.jpegData(quality: 95, subsampling: .chroma444))
        #expect(back.channels == 3 && back.width == 53 && back.height == 47)
        let meanError = zip(back.pixels, photo.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +) / photo.pixels.count
        #expect(meanError <= 3)
        #expect(throws: VisionError.self) { try photo.jpegData(quality: 0) }
        #expect(throws: VisionError.self) { try Self.noise(width: 3, height: 3, channels: 2, seed: 3).jpegData() }
    }

    @Test("without libjpeg-turbo, JPEG work fails saying to install libturbojpeg0")
    func missingLibrary() {
        #expect { try TurboJPEG(libraryNames: ["libturbojpeg-absent.so.9"]) } throws: { "\($0)".contains("libturbojpeg0") }
    }

    @Test("converted(toChannels:) equals PIL's convert between L, LA, RGB and RGBA")
    func conversionsMatchPIL() throws {
        let modes = ["L": 1, "LA": 2, "RGB": 3, "RGBA": 4]
        for (sourceMode, sourceChannels) in modes {
            let source = Image(width: 53, height: 47, channels: sourceChannels,
                               pixels: try ImageFixtures.bytes("convert/\(sourceMode)_to_\(sourceMode).bin"))
            for (targetMode, targetChannels) in modes {
                let expected = try ImageFixtures.bytes("convert/\(sourceMode)_to_\(targetMode).bin")
                #expect(difference(try source.converted(toChannels: targetChannels).pixels, expected) == nil, "\(sourceMode) → \(targetMode)")
            }
        }
        #expect(throws: VisionError.self) { try Self.noise(width: 1, height: 1, channels: 3, seed: 1).converted(toChannels: 5) }
    }
}
