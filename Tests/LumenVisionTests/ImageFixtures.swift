import Foundation

/// The image-file fixtures made by `Scripts/make_image_fixtures.py`: files, PIL's pixels for
/// them, and the manifest describing each.
enum ImageFixtures {
    struct PNGEntry: Decodable {
        let name: String, width: Int, height: Int, channels: Int, pilMode: String, convertedTo: String
        let sixteenBit: Bool?
    }
    struct JPEGEntry: Decodable {
        let name: String, width: Int, height: Int, pilMode: String
        let channels: Int?
    }
    struct DamagedEntry: Decodable {
        let name: String, contains: [String]
    }
    struct EncodeEntry: Decodable {
        let name: String, width: Int, height: Int, channels: Int, quality: Int, subsampling: String
    }
    struct Manifest: Decodable {
        let png: [PNGEntry], jpeg: [JPEGEntry], damaged: [DamagedEntry], encode: [EncodeEntry]
    }

    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("images")

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    static func bytes(_ relative: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: directory.appendingPathComponent(relative))) }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
    }

    /// Little-endian uint16 samples.
    static func words(_ relative: String) throws -> [UInt16] {
        let raw = try bytes(relative)
        return (0..<raw.count / 2).map { UInt16(raw[2 * $0]) | UInt16(raw[2 * $0 + 1]) << 8 }
    }
}

/// Where two sample arrays differ, in a line short enough for a test report; nil when equal.
func difference<T: Equatable>(_ ours: [T], _ expected: [T]) -> String? {
    guard ours.count == expected.count else { return "\(ours.count) values, expected \(expected.count)" }
    let differing = ours.indices.filter { ours[$0] != expected[$0] }
    guard let first = differing.first else { return nil }
    return "\(differing.count) of \(ours.count) values differ; first at \(first): \(ours[first]) instead of \(expected[first])"
}
