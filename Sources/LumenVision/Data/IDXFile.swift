import Foundation

/// An array of unsigned bytes in the IDX format of the MNIST files (`*-idx1-ubyte`,
/// `*-idx3-ubyte`), plain or gzip-compressed.
///
/// The file starts with two zero bytes, a type byte (0x08 for unsigned bytes), the number of
/// dimensions, then each dimension as a big-endian 32-bit count; the values follow, row-major.
///
/// ```swift
/// let images = try IDXFile(contentsOf: "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")
/// print(images.dimensions)   // [10000, 28, 28]
/// ```
public struct IDXFile: Sendable {
    /// The file the array was read from.
    public let path: String
    /// The size of each dimension, outermost first.
    public let dimensions: [Int]
    /// The values, row-major: `dimensions.reduce(1, *)` bytes.
    public let values: [UInt8]

    /// Reads and checks an IDX file, inflating it first when it is gzip-compressed.
    ///
    /// - Throws: ``VisionError`` naming the file and the offset (in the inflated data, for a
    ///   `.gz` file) of a bad signature, an unsupported value type, or a size that does not
    ///   match the header.
    ///
    /// ```swift
    /// let labels = try IDXFile(contentsOf: "data/train-labels-idx1-ubyte")
    /// ```
    public init(contentsOf path: String) throws {
        let raw: [UInt8]
        do {
            raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
        } catch {
            throw VisionError("\(path): cannot be read (\(error.localizedDescription))")
        }
        if Gzip.isCompressed(raw) {
            try self.init(bytes: try Gzip.decompress(raw, file: path), path: path, where: " of the inflated data")
        } else {
            try self.init(bytes: raw, path: path, where: "")
        }
    }

    /// Parses IDX bytes; `place` tells, in messages, what the offsets count.
    init(bytes: [UInt8], path: String, where place: String) throws {
        func fail(_ offset: Int, _ reason: String) -> VisionError {
            VisionError("\(path): offset \(offset)\(place): \(reason)")
        }
        guard bytes.count >= 4 else {
            throw fail(bytes.count, "the file ends inside the 4-byte IDX header (it has \(bytes.count) bytes)")
        }
        guard bytes[0] == 0, bytes[1] == 0 else {
            let magic = bytes.prefix(4).map { String(format: "%02x", $0) }.joined()
            throw fail(0, "bad magic number 0x\(magic): an IDX file starts with two zero bytes, a type byte and a dimension count")
        }
        guard bytes[2] == 0x08 else {
            let names: [UInt8: String] = [0x09: "signed bytes", 0x0B: "16-bit integers", 0x0C: "32-bit integers", 0x0D: "32-bit floats", 0x0E: "64-bit floats"]
            throw fail(2, "value type 0x\(String(format: "%02x", bytes[2])) (\(names[bytes[2]] ?? "unknown")) is not supported; only unsigned bytes (0x08) are")
        }
        let rank = Int(bytes[3])
        guard rank >= 1 else { throw fail(3, "the header gives 0 dimensions") }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw fail(bytes.count, "the file ends inside the header of \(headerSize) bytes for \(rank) dimensions")
        }
        var dimensions: [Int] = []
        var total = 1
        for d in 0..<rank {
            let at = 4 + 4 * d
            let size = Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            dimensions.append(size)
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            guard !overflow else { throw fail(at, "the dimensions \(dimensions) hold too many values") }
            total = product
        }
        let stored = bytes.count - headerSize
        guard stored == total else {
            let problem = stored < total ? "truncated" : "too long"
            throw fail(headerSize, "\(problem): the dimensions \(dimensions) need \(total) bytes of values, the file has \(stored)")
        }
        self.path = path
        self.dimensions = dimensions
        self.values = Array(bytes[headerSize...])
    }
}
