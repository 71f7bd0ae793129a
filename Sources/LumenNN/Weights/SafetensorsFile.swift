import Foundation
import LumenTensor

/// A safetensors file (Hugging Face's format, which `safetensors.torch.save_file` writes): an
/// 8-byte little-endian header length, a JSON header mapping each name to its `dtype`, `shape`
/// and `data_offsets`, then the raw little-endian tensor bytes.
///
/// Reading accepts every numeric dtype (`F64`, `F32`, `F16`, `BF16`, `I64`, `I32`, `I16`, `I8`,
/// `U8`, `BOOL`, …) and converts it to Float32, Lumen's one element type; integers beyond
/// 2²⁴ lose precision. Writing stores `F32`.
///
/// ### Example
/// ```swift
/// let file = try SafetensorsFile(contentsOf: URL(filePath: "resnet18.safetensors"))
/// try model.loadStateDict(file.tensors)
/// try SafetensorsFile(tensors: model.stateDict()).write(to: URL(filePath: "mine.safetensors"))
/// ```
public struct SafetensorsFile {
    /// The tensors, in the order of their data in the file.
    public var tensors: StateDict
    /// The header's `__metadata__` strings (torch writes `["format": "pt"]`).
    public var metadata: [String: String]

    /// A file holding `tensors` and `metadata`.
    ///
    /// ```swift
    /// let file = SafetensorsFile(tensors: model.stateDict())
    /// ```
    public init(tensors: StateDict, metadata: [String: String] = ["format": "pt"]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Reads and checks the file at `url`.
    ///
    /// ```swift
    /// let weights = try SafetensorsFile(contentsOf: url).tensors
    /// ```
    /// - Throws: ``SafetensorsError`` naming the file and the byte offset or tensor at fault.
    public init(contentsOf url: URL) throws {
        let bytes: Data
        do {
            // Mapped, not read: the tensors are converted straight from the file's pages.
            bytes = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw SafetensorsError(source: url.path, message: "cannot read the file: \(error.localizedDescription)")
        }
        try self.init(decoding: bytes, source: url.path)
    }

    /// Decodes safetensors bytes; `source` names them in errors.
    ///
    /// ```swift
    /// let file = try SafetensorsFile(decoding: downloaded, source: "download")
    /// ```
    public init(decoding bytes: Data, source: String = "safetensors data") throws {
        let decoded = try SafetensorsDecoder(bytes: bytes, source: source).decode()
        self.init(tensors: decoded.tensors, metadata: decoded.metadata)
    }

    /// The file's bytes, laid out as `safetensors.torch.save_file` lays them out (so a file
    /// saved from the same tensors is byte-identical): `__metadata__` first, then the tensors
    /// sorted by name, each header entry as `dtype`, `shape`, `data_offsets`, the header padded
    /// with spaces to a multiple of 8 bytes, then each tensor's little-endian Float32 values in
    /// that order. A tensor stored under two keys (tied weights) is written twice, where
    /// `save_file` refuses shared tensors.
    ///
    /// ```swift
    /// let bytes = SafetensorsFile(tensors: ["w": w]).encoded()
    /// ```
    public func encoded() -> Data {
        let ordered = tensors.keys.sorted(by: Self.byteOrder).map { (key: $0, tensor: tensors[$0]!) }
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted(by: Self.byteOrder).map { "\(JSONText.string($0)):\(JSONText.string(metadata[$0]!))" }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (key, tensor) in ordered {
            let size = tensor.count * MemoryLayout<Float>.size
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append("\(JSONText.string(key)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        var header = Array("{\(fields.joined(separator: ","))}".utf8)
        header += [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8)
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for (_, tensor) in ordered {
            #if _endian(little)
            tensor.scalars.withUnsafeBytes { data.append(contentsOf: $0) }
            #else
            for value in tensor.scalars { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            #endif
        }
        return data
    }

    /// Keys in the reference writer's order: by their UTF-8 bytes.
    private static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// Writes ``encoded()`` to `url`, replacing any file there atomically.
    ///
    /// ```swift
    /// try SafetensorsFile(tensors: model.stateDict()).write(to: url)
    /// ```
    /// - Throws: ``SafetensorsError`` when the file cannot be written.
    public func write(to url: URL) throws {
        do {
            try encoded().write(to: url, options: .atomic)
        } catch {
            throw SafetensorsError(source: url.path, message: "cannot write the file: \(error.localizedDescription)")
        }
    }
}

/// A safetensors file or buffer that cannot be read; the description names the file and the
/// byte offset, header field or tensor at fault.
public struct SafetensorsError: Error, CustomStringConvertible {
    /// The file path, or what the bytes were called.
    public let source: String
    /// What is wrong.
    public let message: String

    public var description: String { "\(source): \(message)" }
}

extension Module {
    /// Loads weights from a safetensors file (as PyTorch's `safetensors.torch.save_file` or
    /// `save_model` wrote them) through ``loadStateDict(_:strict:)``.
    ///
    /// ```swift
    /// let model = ResNet.resnet18()
    /// try model.loadSafetensors(from: URL(filePath: "resnet18.safetensors"))
    /// ```
    /// - Throws: ``SafetensorsError`` for an unreadable file, ``LoadStateDictError`` for keys or
    ///   shapes that do not fit.
    @discardableResult
    public func loadSafetensors(from url: URL, strict: Bool = true) throws -> (missingKeys: [String], unexpectedKeys: [String]) {
        try loadStateDict(SafetensorsFile(contentsOf: url).tensors, strict: strict)
    }

    /// Saves ``stateDict()`` as a safetensors file that `safetensors.torch.load_file` reads.
    ///
    /// ```swift
    /// try model.saveSafetensors(to: URL(filePath: "model.safetensors"))
    /// ```
    /// - Throws: ``SafetensorsError`` when the file cannot be written.
    public func saveSafetensors(to url: URL, metadata: [String: String] = ["format": "pt"]) throws {
        try SafetensorsFile(tensors: stateDict(), metadata: metadata).write(to: url)
    }
}
