import Foundation
import Hummingbird

/// A JSON response body: either built with ``JSONText`` (long number arrays, written directly)
/// or encoded from a small `Encodable` value. Non-finite numbers are `null` either way (in an
/// `Encodable` value, through ``FiniteNumber``).
struct JSONBody {
    let bytes: ByteBuffer

    init(_ text: JSONText) { bytes = ByteBuffer(string: text.text) }

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

/// A number that is encoded as JSON `null` when it is not finite (JSON has no NaN or ∞).
struct FiniteNumber: Encodable {
    let value: Double

    init(_ value: Double) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
    }
}
