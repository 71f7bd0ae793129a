import Foundation
import LumenPNG
import Testing
@testable import LumenVision

@Suite("Image files: PNG and JPEG decoding as PIL's")
struct ImageFileTests {
    @Test("every PNG colour type, bit depth, interlacing and filter decodes to PIL's pixels")
    func pngMatchesPIL() throws {
        let entries = try ImageFixtures.manifest().png
        #expect(entries.count > 70)
        for entry in entries {
            let image = try Image(contentsOf: ImageFixtures.path("png/\(entry.name).png"))
            let expected = try ImageFixtures.bytes("png/\(entry.name).pil.bin")
            #expect(image.width == entry.width && image.height == entry.height && image.channels == entry.channels,
                    "\(entry.name): \(image.width)×\(image.height)×\(image.channels)")
            #expect(difference(image.pixels, expected) == nil, "\(entry.name) (PIL mode \(entry.pilMode) → \(entry.convertedTo))")
        }
    }

    @Test("16-bit PNGs keep their samples: decodePixels gives them, Image.tensor divides by 65535")
    func sixteenBitPrecision() throws {
        for entry in try ImageFixtures.manifest().png where entry.sixteenBit == true {
            let file = ImageFixtures.path("png/\(entry.name).png")
            let stored = try ImageFixtures.words("png/\(entry.name).u16.bin")
            let pixels = try PNGDecoder.decodePixels(try ImageFixtures.bytes("png/\(entry.name).png"))
            #expect(pixels.header.bitDepth == 16)
            guard case .words(let words) = pixels.samples else { Issue.record("\(entry.name): not 16-bit samples"); continue }
            #expect(difference(words, stored) == nil, "\(entry.name)")
            guard entry.name.contains("trns") == false else { continue }
            let x = try Image.tensor(contentsOf: file)
            let channels = stored.count / (entry.width * entry.height)
            #expect(x.shape == [channels, entry.height, entry.width])
            let plane = entry.width * entry.height
            let expected = (0..<stored.count).map { i in Float(stored[(i % plane) * channels + i / plane]) / 65535 }
            #expect(difference(x.scalars, expected) == nil, "\(entry.name)")
        }
    }

    @Test("gray with tRNS gains an alpha channel in the tensor too; 8-bit files give tensor() of the Image")
    func tensorOfTransparentAndEightBit() throws {
        let gray = try Image.tensor(contentsOf: ImageFixtures.path("png/gray16_trns_p_13x11.png"))
        #expect(gray.shape == [2, 11, 13])
        let rgb = ImageFixtures.path("png/rgb8_p_13x11.png")
        #expect(try Image.tensor(contentsOf: rgb).scalars == Image(contentsOf: rgb).tensor().scalars)
    }

    @Test("JPEGs decode to PIL's pixels: gray to 1 channel, colour to RGB, CMYK as PIL's convert(\"RGB\"), progressive, odd sizes")
    func jpegMatchesPIL() throws {
        for entry in try ImageFixtures.manifest().jpeg {
            let file = ImageFixtures.path("jpeg/\(entry.name).jpg")
            let channels = try #require(entry.channels)
            let image = try Image(contentsOf: file)
            #expect(image.width == entry.width && image.height == entry.height && image.channels == channels, "\(entry.name)")
            #expect(difference(image.pixels, try ImageFixtures.bytes("jpeg/\(entry.name).pil.bin")) == nil, "\(entry.name)")
        }
    }

    @Test("damaged files throw errors naming the file, chunk, field or byte offset")
    func damagedFiles() throws {
        let entries = try ImageFixtures.manifest().damaged
        #expect(entries.count >= 15)
        for entry in entries {
            let path = ImageFixtures.path("damaged/\(entry.name)")
            do {
                _ = try Image(contentsOf: path)
                Issue.record("\(entry.name) decoded without an error")
            } catch let error as VisionError {
                #expect(error.message.hasPrefix(path), "\(error.message)")
                for word in entry.contains {
                    #expect(error.message.contains(word), "\(entry.name): «\(error.message)» lacks «\(word)»")
                }
            }
        }
    }

    @Test("every prefix of a PNG and a JPEG fails with an error, never a crash")
    func everyTruncation() throws {
        for name in ["png/rgb16_i_13x11.png", "png/palette4_trns_i_3x2.png", "jpeg/rgb_progressive.jpg"] {
            let bytes = try ImageFixtures.bytes(name)
            for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
                #expect(throws: VisionError.self, "\(name) cut at \(length)") { try Image(encoded: Array(bytes[..<length])) }
            }
        }
    }
}
