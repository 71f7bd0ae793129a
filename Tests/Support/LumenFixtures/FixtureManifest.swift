import Foundation
import LumenBoard

/// A list of logging calls with their inputs, as `Scripts/make_board_fixtures.py` records them
/// beside the logs PyTorch and tensorboardX wrote for the same calls. Lumen's tests and
/// `lumen-fixture-replay` replay it to compare Lumen's output with theirs.
public struct FixtureManifest {
    /// One logging call.
    public struct Entry {
        public enum Call {
            case scalar(tag: String, value: Double, dtype: String)
            case scalars(mainTag: String, values: [String: Double])
            case histogram(tag: String, values: [Float], bins: HistogramBins, maxBins: Int?)
            case histogramRaw(tag: String, min: Double, max: Double, num: Int, sum: Double, sumSquares: Double, limits: [Double], counts: [Double])
            case image(tag: String, floats: [Float]?, bytes: [UInt8]?, shape: [Int], format: ImageDataFormat, batch: Bool)
            case text(tag: String, text: String)
        }

        public let step: Int
        public let call: Call

        /// Makes the same call on `writer`.
        public func replay(on writer: SummaryWriter, wallTime: Double) throws {
            switch call {
            case .scalar(let tag, let value, let dtype):
                switch dtype {
                case "int": writer.addScalar(tag, Int(value), step: step, wallTime: wallTime)
                case "float": writer.addScalar(tag, Float(value), step: step, wallTime: wallTime)
                default: writer.addScalar(tag, value, step: step, wallTime: wallTime)
                }
            case .scalars(let mainTag, let values):
                writer.addScalars(mainTag, values, step: step, wallTime: wallTime)
            case .histogram(let tag, let values, let bins, let maxBins):
                try writer.addHistogram(tag, values, step: step, bins: bins, maxBins: maxBins, wallTime: wallTime)
            case .histogramRaw(let tag, let min, let max, let num, let sum, let sumSquares, let limits, let counts):
                try writer.addHistogramRaw(tag, min: min, max: max, num: num, sum: sum, sumSquares: sumSquares,
                                           bucketLimits: limits, bucketCounts: counts, step: step, wallTime: wallTime)
            case .image(let tag, let floats, let bytes, let shape, let format, let batch):
                switch (floats, bytes, batch) {
                case (let f?, _, false): try writer.addImage(tag, f, shape: shape, dataFormats: format, step: step, wallTime: wallTime)
                case (let f?, _, true): try writer.addImages(tag, f, shape: shape, dataFormats: format, step: step, wallTime: wallTime)
                case (_, let b?, false): try writer.addImage(tag, b, shape: shape, dataFormats: format, step: step, wallTime: wallTime)
                case (_, let b?, true): try writer.addImages(tag, b, shape: shape, dataFormats: format, step: step, wallTime: wallTime)
                default: break
                }
            case .text(let tag, let text):
                writer.addText(tag, text, step: step, wallTime: wallTime)
            }
        }
    }

    /// The calls, in the order they were made.
    public let entries: [Entry]

    /// Reads `directory/manifest.json` and the input arrays it names.
    /// - Throws: `FixtureError` naming the entry and field that cannot be read.
    public init(directory: String) throws {
        let url = URL(fileURLWithPath: directory)
        let data = try Data(contentsOf: url.appendingPathComponent("manifest.json"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = root["entries"] as? [[String: Any]] else {
            throw FixtureError(message: "\(directory)/manifest.json has no \"entries\" list")
        }
        entries = try list.enumerated().map { index, e in try Self.entry(e, index: index, directory: url) }
    }

    private static func entry(_ e: [String: Any], index: Int, directory: URL) throws -> Entry {
        func field<T>(_ name: String, _ type: T.Type = T.self) throws -> T {
            guard let value = e[name] as? T else { throw FixtureError(message: "manifest entry \(index): field \"\(name)\" missing or not \(T.self)") }
            return value
        }
        func number(_ any: Any?) throws -> Double {
            if let n = any as? NSNumber { return n.doubleValue }
            switch any as? String {
            case "nan": return .nan
            case "inf": return .infinity
            case "-inf": return -.infinity
            default: throw FixtureError(message: "manifest entry \(index): \(String(describing: any)) is not a number")
            }
        }
        func input() throws -> Data { try Data(contentsOf: directory.appendingPathComponent(try field("input", String.self))) }
        let step = try field("step", Int.self)
        let kind = try field("kind", String.self)
        switch kind {
        case "scalar":
            return Entry(step: step, call: .scalar(tag: try field("tag"), value: try number(e["value"]), dtype: try field("dtype")))
        case "scalars":
            let values = try field("values", [String: Any].self).mapValues(number)
            return Entry(step: step, call: .scalars(mainTag: try field("main_tag"), values: values))
        case "histogram":
            let bins: HistogramBins
            switch e["bins"] {
            case let s as String where s == "tensorflow": bins = .tensorflow
            case let edges as [Any]: bins = .edges(try edges.map(number))
            case let n as NSNumber: bins = .count(n.intValue)
            default: throw FixtureError(message: "manifest entry \(index): unknown bins \(String(describing: e["bins"]))")
            }
            return Entry(step: step, call: .histogram(tag: try field("tag"), values: floats(try input()), bins: bins, maxBins: e["max_bins"] as? Int))
        case "histogram_raw":
            return Entry(step: step, call: .histogramRaw(
                tag: try field("tag"), min: try number(e["min"]), max: try number(e["max"]), num: try field("num"),
                sum: try number(e["sum"]), sumSquares: try number(e["sum_squares"]),
                limits: try field("bucket_limits", [Any].self).map(number), counts: try field("bucket_counts", [Any].self).map(number)))
        case "image", "images":
            let data = try input()
            let isFloat = try field("dtype", String.self) == "float32"
            return Entry(step: step, call: .image(
                tag: try field("tag"), floats: isFloat ? floats(data) : nil, bytes: isFloat ? nil : [UInt8](data),
                shape: try field("shape"), format: try ImageDataFormat(try field("dataformats", String.self)), batch: kind == "images"))
        case "text":
            return Entry(step: step, call: .text(tag: try field("tag"), text: try field("text")))
        default:
            throw FixtureError(message: "manifest entry \(index): unknown kind \"\(kind)\"")
        }
    }

    private static func floats(_ data: Data) -> [Float] {
        data.withUnsafeBytes { raw in
            (0..<raw.count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}

/// A fixture manifest that cannot be read; names the entry and field.
public struct FixtureError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
