import Foundation
import Hummingbird

/// A JSON response body: either built with ``JSONText`` (long number arrays, written directly)
/// or encoded from a small `Encodable` value. Non-finite numbers are `null` either way (in an
/// `Encodable` value, through ``Nullable``).
struct JSONBody {
    let bytes: ByteBuffer

    init(_ text: JSONText) { bytes = ByteBuffer(bytes: text.bytes) }

    init(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        bytes = ByteBuffer(bytes: try encoder.encode(value))
    }

    /// The response with this body, its type and length.
    func response(status: HTTPResponse.Status = .ok) -> Response {
        let headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .contentLength: String(bytes.readableBytes)]
        return Response(status: status, headers: headers, body: .init(byteBuffer: bytes))
    }
}

/// A value sent as JSON `null` when absent, where a synthesized `Encodable` would leave its key
/// out; for a number, also when it is not finite (JSON has no NaN or ∞).
struct Nullable<Wrapped: Encodable>: Encodable {
    let value: Wrapped?

    init(_ value: Wrapped?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

extension Nullable where Wrapped == Double {
    /// `value`, or null when it is not finite.
    init(finite value: Double) { self.value = value.isFinite ? value : nil }
}
