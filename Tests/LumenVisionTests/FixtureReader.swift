import CLumenZlib
import Foundation
import Testing

/// Reads a fixture written by Scripts/make_grid_fixtures.py: a little-endian uint32 size, then
/// that many bytes zlib-compressed, holding little-endian int32s, float32s, bytes and strings
/// in the order the script documents.
struct FixtureReader {
    let name: String
    private let bytes: [UInt8]
    private var offset = 0

    init(_ name: String) throws {
        self.name = name
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let file = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
        try #require(file.count >= 4, "\(name): too short")
        let size = Int(file[0]) | Int(file[1]) << 8 | Int(file[2]) << 16 | Int(file[3]) << 24
        var output = [UInt8](repeating: 0, count: size)
        var outputLength = uLongf(size)
        let compressed = Array(file[4...])
        let status = uncompress(&output, &outputLength, compressed, uLong(compressed.count))
        try #require(status == Z_OK && Int(outputLength) == size, "\(name): zlib status \(status)")
        bytes = output
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int() -> Int {
        Int(Int32(bitPattern: UInt32(littleEndianBytes: take(4))))
    }

    mutating func float() -> Float {
        Float(bitPattern: UInt32(littleEndianBytes: take(4)))
    }

    mutating func floats(_ count: Int) -> [Float] {
        (0..<count).map { _ in float() }
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        Array(take(count))
    }

    mutating func string() -> String {
        String(decoding: take(int()), as: UTF8.self)
    }

    private mutating func take(_ count: Int) -> ArraySlice<UInt8> {
        precondition(offset + count <= bytes.count, "\(name): read past the end at offset \(offset)")
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }
}

extension UInt32 {
    init(littleEndianBytes b: ArraySlice<UInt8>) {
        let i = b.startIndex
        self = UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
